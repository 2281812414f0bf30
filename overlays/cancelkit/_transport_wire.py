"""What cancelkit's transports put on the wire and take off it, without any I/O: the request's bytes (h11's checks),
the answer parsed by llhttp with its size capped, and the answer's Content-Encoding decoded within that cap."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Sequence

import httptools
import httpx
from httpx._decoders import SUPPORTED_DECODERS

_MAX_HEAD = 65536
_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_BAD_VALUE = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")  # a control character other than tab
_BAD_TARGET = re.compile(rb"[\x00-\x20\x7f]")
# brotli and zstd go through httpx's own decoders (when their packages are installed), fed this much at a time so
# that what one feed can inflate to stays small.
_FEED = 1024


class AnswerTooLarge(httpx.DecodingError):
    """The answer, as sent or once decoded, is over the transport's `max_answer_bytes`; its connection is closed."""


def safe_header(name: bytes, value: bytes) -> bool:
    """Whether a header can neither end nor split the message (h11's rules)."""
    return _TOKEN.fullmatch(name) is not None and _BAD_VALUE.search(value) is None


def request_bytes(
    request: httpx.Request, body: bytes, target: bytes | None = None, extra: Sequence[tuple[bytes, bytes]] = ()
) -> bytes:
    """The request, refused before anything is sent where the method, the target or a header could end or split
    the message (h11's rules); an error names a bad header, never its value, which may be a key. `target` replaces
    the origin-form path (a forward proxy takes the absolute URL); `extra` headers go last (Proxy-Authorization)."""
    method = request.method.encode("ascii", "replace")
    if target is None:
        target = request.url.raw_path
    if not _TOKEN.fullmatch(method) or _BAD_TARGET.search(target):
        raise httpx.LocalProtocolError("invalid request line", request=request)
    parts = [method, b" ", target, b" HTTP/1.1\r\n"]
    chunked = False
    for name, value in request.headers.raw:
        if not _TOKEN.fullmatch(name) or _BAD_VALUE.search(value):
            raise httpx.LocalProtocolError(f"invalid header {name[:40]!r}", request=request)
        if name.lower() == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
        parts += (name, b": ", value, b"\r\n")
    for name, value in extra:
        parts += (name, b": ", value, b"\r\n")
    parts.append(b"\r\n")
    if chunked:  # read whole already: one chunk and the last
        body = b"%x\r\n%b\r\n0\r\n\r\n" % (len(body), body) if body else b"0\r\n\r\n"
    parts.append(body)
    return b"".join(parts)


class ResponseReader:
    """Collects one response with llhttp (httptools' parser, Node's); `feed` says when it is complete, then
    `response()` gives it as an httpx.Response, and `status`, `headers` and `content` hold it, decoded. Its methods
    named on_* are the parser's callbacks. A body over `max_bytes`, sent or decoded, raises AnswerTooLarge. `request`
    is named in the errors raised (None for cancelkit's own requests, sent as bytes)."""

    def __init__(self, request: httpx.Request | None, max_bytes: int) -> None:
        self.request = request
        self.max_bytes = max_bytes
        self.parser = httptools.HttpResponseParser(self)
        self.reason = b""
        self.headers: list[tuple[bytes, bytes]] = []
        self.body: list[bytes] = []
        self.content = b""  # the body once complete, decoded
        self.status = 0
        self.http_version = "1.1"
        self.received = self.head_size = self.body_size = 0
        self.head_done = self.complete = self.keep_alive = self.until_close = False
        self.encoded = self.too_large = False
        self.unasked = False  # bytes came after the response: the connection must not be used again

    @property
    def reusable(self) -> bool:
        return self.complete and self.keep_alive and not self.unasked

    # Once the response is complete, what follows is unasked: it marks the connection and changes nothing here.
    def on_message_begin(self) -> None:
        self.unasked = self.complete

    def on_status(self, reason: bytes) -> None:
        if not self.complete:
            self.reason += reason
            self.head_size += len(reason)

    def on_header(self, name: bytes, value: bytes) -> None:
        if not self.complete:
            self.headers.append((name, value))
            self.head_size += len(name) + len(value)

    def on_headers_complete(self) -> None:
        if self.complete:
            return
        self.status = self.parser.get_status_code()
        if self.status < 200:
            return
        self.head_done = True
        self.http_version = self.parser.get_http_version()
        self.keep_alive = self.parser.should_keep_alive()
        framed = False
        for name, value in self.headers:
            lowered = name.lower()
            if lowered == b"content-length":
                framed = True
                # A body announced over the cap is not read at all (llhttp has checked the number).
                if self.status not in (204, 304) and value.strip().isdigit():
                    self.too_large |= int(value) > self.max_bytes
            elif lowered == b"transfer-encoding":
                framed = True
            elif lowered == b"content-encoding":
                self.encoded = True
        # No length and not chunked: the body ends where the connection does.
        self.until_close = not framed and self.status not in (204, 304)

    def on_body(self, chunk: bytes) -> None:
        if not self.complete:
            self.body_size += len(chunk)
            if self.body_size > self.max_bytes:
                self.too_large = True
            else:
                self.body.append(chunk)

    def on_message_complete(self) -> None:
        if self.complete:
            return
        if self.status < 200:  # an informational answer (100 Continue): the final one follows
            self.reason, self.headers = b"", []
            return
        self.complete = True

    def feed(self, data: bytes) -> bool:
        """Take what the connection gave (b"" when it closed); True once the response is complete."""
        if not data:
            return self._closed()
        self.received += len(data)
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            raise httpx.RemoteProtocolError("the server switched protocols unasked", request=self.request) from None
        except httptools.HttpParserError as exc:
            if not self.complete:
                raise httpx.RemoteProtocolError(f"invalid response: {exc}", request=self.request) from exc
            self.unasked = True
        # A head too large to be a venue's, whole or still coming (llhttp would take it all).
        if self.head_size > _MAX_HEAD or (not self.head_done and self.received > _MAX_HEAD):
            raise httpx.RemoteProtocolError("the response head is over 64 KiB", request=self.request)
        if self.too_large:
            raise AnswerTooLarge(f"the answer's body is over {self.max_bytes} bytes", request=self.request)
        if self.complete:
            self._decode()
        return self.complete

    def _closed(self) -> bool:
        if self.head_done and self.until_close:
            self.complete, self.keep_alive = True, False
            self._decode()
            return True
        if not self.received:
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=self.request)
        part = "body" if self.head_done else "head"
        raise httpx.RemoteProtocolError(
            f"Server disconnected before the response {part} was complete.", request=self.request
        )

    def _decode(self) -> None:
        """Undo the complete body's Content-Encoding, within the cap, while the connection is still the reader's
        (an undecodable answer closes it)."""
        self.content = b"".join(self.body)
        if self.encoded and self.content:
            self.headers, self.content = decoded(self.request, self.headers, self.content, self.max_bytes)

    def response(self) -> httpx.Response:
        headers, body = self.headers, self.content
        return httpx.Response(
            self.status,
            headers=headers,
            stream=httpx.ByteStream(body),
            extensions={
                "http_version": b"HTTP/" + self.http_version.encode(),
                "reason_phrase": self.reason,
            },
            request=self.request,
        )


# -- Content-Encoding --------------------------------------------------------------------------------------------------


def decoded(
    request: httpx.Request | None, headers: list[tuple[bytes, bytes]], body: bytes, max_bytes: int
) -> tuple[list[tuple[bytes, bytes]], bytes]:
    """The body with its Content-Encoding undone, at most `max_bytes` at every step, and the headers that say so:
    without Content-Encoding (httpx must not decode again) and with Content-Length, if sent, the decoded length.
    Encodings neither zlib nor httpx can decode are skipped, as httpx skips them; if there is nothing to decode the
    answer is left as it came."""
    encodings = [
        coding.strip().lower()
        for name, value in headers
        if name.lower() == b"content-encoding"
        for coding in value.decode("latin-1").split(",")
    ]
    steps = [_DECODERS[coding] for coding in encodings if coding in _DECODERS]
    if not steps:
        return headers, body
    for step in reversed(steps):  # the last encoding applied is the first undone
        body = step(request, body, max_bytes)
    kept: list[tuple[bytes, bytes]] = []
    for name, value in headers:
        lowered = name.lower()
        if lowered == b"content-length":
            kept.append((name, b"%d" % len(body)))
        elif lowered != b"content-encoding":
            kept.append((name, value))
    return kept, body


def _inflate(request: httpx.Request | None, data: bytes, max_bytes: int, wbits: int, coding: str) -> bytes:
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(data, max_bytes + 1)  # one byte more than allowed tells "over the cap"
    except zlib.error as exc:
        raise httpx.DecodingError(f"the {coding} body does not decode: {exc}", request=request) from exc
    if len(out) > max_bytes:
        raise AnswerTooLarge(f"the {coding} body decodes to over {max_bytes} bytes", request=request)
    if not inflater.eof:
        raise httpx.DecodingError(f"the {coding} body is truncated", request=request)
    return out


def _gunzip(request: httpx.Request | None, data: bytes, max_bytes: int) -> bytes:
    return _inflate(request, data, max_bytes, zlib.MAX_WBITS | 16, "gzip")


def _deflate(request: httpx.Request | None, data: bytes, max_bytes: int) -> bytes:
    """zlib-wrapped, as RFC 9110 says, or raw deflate, as some servers send it: httpx takes both, so does this."""
    try:
        return _inflate(request, data, max_bytes, zlib.MAX_WBITS, "deflate")
    except AnswerTooLarge:
        raise
    except httpx.DecodingError:
        return _inflate(request, data, max_bytes, -zlib.MAX_WBITS, "deflate")


def _through_httpx(coding: str) -> Callable[[httpx.Request | None, bytes, int], bytes]:
    def decode(request: httpx.Request | None, data: bytes, max_bytes: int) -> bytes:
        decoder = SUPPORTED_DECODERS[coding]()
        out = bytearray()
        try:
            for start in range(0, len(data), _FEED):
                out += decoder.decode(data[start : start + _FEED])
                if len(out) > max_bytes:
                    raise AnswerTooLarge(f"the {coding} body decodes to over {max_bytes} bytes", request=request)
            out += decoder.flush()
        except AnswerTooLarge:
            raise
        except httpx.DecodingError as exc:
            raise httpx.DecodingError(f"the {coding} body does not decode: {exc}", request=request) from exc
        if len(out) > max_bytes:
            raise AnswerTooLarge(f"the {coding} body decodes to over {max_bytes} bytes", request=request)
        return bytes(out)

    return decode


_DECODERS: dict[str, Callable[[httpx.Request | None, bytes, int], bytes]] = {
    "gzip": _gunzip,
    "deflate": _deflate,
    **{coding: _through_httpx(coding) for coding in ("br", "zstd") if coding in SUPPORTED_DECODERS},
}
