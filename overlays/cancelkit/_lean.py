"""The facade's requests as the bytes httpx.Client would send, written without httpx's objects: its lean path.

A request is a method, a target and a header block. The header block depends only on the client, the method and
whether the request is signed, so it is taken once from httpx itself (httpx.Client.build_request, then the signer's
headers set as httpx.Headers sets them) and kept. Per request only the target is written: the base URL's path, the
endpoint's path, and its query, signed by the same code as the httpx path (QuerySigningAuth.signed_query). Where the
generated request is anything else (a body, headers of its own, a URL httpx would rewrite), `target()` answers None
and the request goes through httpx. tests/overlay/test_lean.py checks the bytes against httpx's, for every
operation of every venue.

The answer comes back as llhttp read it (ResponseReader): a status, raw headers and the decoded body, which the
generated endpoint's read_answer parses, as build_response does for an httpx.Response.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from ._signing import QuerySigningAuth
from ._transport import origin_of
from ._transport_net import Origin
from ._transport_wire import safe_header
from ._urls import _RELATIVE

_PLAIN_KWARGS = frozenset({"method", "url"})


class RequestWriter:
    """The bytes of one client's requests. `http` gives the headers httpx would send; `auth` signs."""

    def __init__(self, http: httpx.Client | httpx.AsyncClient, auth: QuerySigningAuth) -> None:
        self.http = http
        self.auth = auth
        base = http.base_url  # httpx gives it a trailing slash
        self.origin: Origin = origin_of(base)
        self.scheme = base.raw_scheme
        # As httpx joins a request's path to it, percent-escapes kept: "/prefix/" + "api/v3/order".
        self.base_path = base.raw_path.decode("ascii")
        self.base_url = str(base.copy_with(path="/")).rstrip("/")  # for log lines, as httpx logs the URL
        self._heads: dict[tuple[str, bool], bytes] = {}

    def target(self, kwargs: Mapping[str, Any]) -> tuple[str, str, str, bool] | None:
        """(method, path, query, signed) of a generated endpoint's request_kwargs; None where httpx must send it."""
        if kwargs.keys() != _PLAIN_KWARGS:
            return None
        relative = _RELATIVE.fullmatch(kwargs["url"])
        if relative is None:
            return None
        path = self.base_path + relative.group(1).lstrip("/")
        if "/." in path:  # "." and ".." segments, which httpx would resolve
            return None
        method = kwargs["method"].upper()
        return method, path, relative.group(2) or "", self.auth.signs(path)

    def request(self, method: str, path: str, query: str, signed: bool) -> bytes:
        """The request's bytes, signed now (a fresh timestamp) when `signed`."""
        raw_query = query.encode("ascii")
        if signed:
            raw_query = self.auth.checked_signed_query(raw_query)
        target = path.encode("ascii") + b"?" + raw_query if raw_query else path.encode("ascii")
        head = self._heads.get((method, signed))
        if head is None:
            head = self._heads[method, signed] = self._head(method, signed)
        return method.encode("ascii") + b" " + target + head

    def _head(self, method: str, signed: bool) -> bytes:
        """What follows the target: the protocol, and the headers as httpx writes them for this client."""
        headers = httpx.Headers(self.http.build_request(method, self.http.base_url).headers)
        if signed:
            for name, value in self.auth.key_headers():
                headers[name] = value
        lines = [b" HTTP/1.1\r\n"]
        for raw_name, raw_value in headers.raw:
            # Keys and the User-Agent were checked when the client was built; the check is h11's, as on httpx's path.
            if not safe_header(raw_name, raw_value):
                raise httpx.LocalProtocolError(f"invalid header {raw_name[:40]!r}")
            lines.append(raw_name + b": " + raw_value + b"\r\n")
        lines.append(b"\r\n")
        return b"".join(lines)


def header_map(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """An answer's headers by lowercased name, repeated ones joined with ", ", decoded as httpx.Headers decodes."""
    try:
        pairs = [(name.decode("ascii").lower(), value.decode("ascii")) for name, value in raw]
    except UnicodeDecodeError:
        pairs = [(name.decode("latin-1").lower(), _text(value)) for name, value in raw]
    headers: dict[str, str] = {}
    for name, value in pairs:
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


def _text(value: bytes) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")
