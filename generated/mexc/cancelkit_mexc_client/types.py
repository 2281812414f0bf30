"""Contains some shared types for properties"""

import re
from collections.abc import Mapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar
from urllib.parse import quote_plus

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")

# What urllib's quote_plus leaves as it is: text made only of these needs no encoding.
_PLAIN = re.compile(r"[A-Za-z0-9_.~-]*")


def _text(value: Any) -> str:
    """A query value as httpx writes one: JSON's true/false for booleans, nothing for None"""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    return str(value)


def encode_query(params: Mapping[str, Any]) -> str:
    """The query string of `params`, byte for byte as `str(httpx.QueryParams(params))` writes it (urlencode with
    quote_plus; a list or tuple value repeats its key), without httpx"""
    parts = []
    for key, value in params.items():
        name = str(key)
        if not _PLAIN.fullmatch(name):
            name = quote_plus(name)
        for item in value if isinstance(value, list | tuple) else (value,):
            text = _text(item)
            parts.append(name + "=" + (text if _PLAIN.fullmatch(text) else quote_plus(text)))
    return "&".join(parts)


def http_status(code: int) -> HTTPStatus | int:
    """The HTTPStatus for code, or code itself when it is not in the IANA registry (a CDN's 520)"""
    try:
        return HTTPStatus(code)
    except ValueError:
        return code


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus | int
    content: bytes
    headers: Mapping[str, str]
    parsed: T | None


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset", "encode_query", "http_status"]
