"""URLs without httpx's second parse, where httpx 0.28 allows it.

httpx re-validates a whole URL, character by character, each time it builds or copies one: joining a request's
path to the client's base URL parses it twice, and a signer's new query a third time; together about a sixth of
the sync facade's CPU (`make bench`). Where httpx keeps its parsed URL as a NamedTuple (0.28) and the text is one
that httpx would keep unchanged, the parts are swapped in directly; otherwise httpx's own way is taken.
"""

from __future__ import annotations

import re

import httpx

_FAST = isinstance(getattr(httpx.URL("http://x/"), "_uri_reference", None), tuple)
# Characters httpx leaves as they are in a path and in a query: unreserved, sub-delims, ":@/", "?" in the query,
# and complete percent-escapes.
_PATH = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*"
_QUERY = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*"
_RELATIVE = re.compile(rf"(/{_PATH})(?:\?({_QUERY}))?")


def with_query(url: httpx.URL, query: bytes) -> httpx.URL:
    """`url` with its query replaced by `query`, which must be percent-encoded ASCII."""
    if _FAST:
        replaced = httpx.URL.__new__(httpx.URL)
        replaced._uri_reference = url._uri_reference._replace(query=query.decode("ascii"))
        return replaced
    return url.copy_with(query=query)


def joined_url(base: httpx.URL, url: httpx.URL | str) -> httpx.URL | str:
    """`url`, a path and query, joined to `base` the way httpx.Client joins them (base path, then the path without
    its leading slash); `url` itself where that takes httpx's own parse."""
    if not _FAST or not isinstance(url, str) or url.startswith("//") or base.query or base.fragment:
        return url  # "//host/..." names another host
    relative = _RELATIVE.fullmatch(url)
    if relative is None:
        return url
    path, query = relative.groups()
    path = (base._uri_reference.path or "/") + path.lstrip("/")  # as httpx joins onto raw_path ("/" for none)
    if "/." in path:  # "." and ".." segments, which httpx would resolve
        return url
    joined = httpx.URL.__new__(httpx.URL)
    joined._uri_reference = base._uri_reference._replace(path=path, query=query, fragment=None)
    return joined
