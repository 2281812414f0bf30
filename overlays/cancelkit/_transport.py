"""httpx transports for the facade's hot path: HTTP/1.1 keep-alive with less in the way than httpcore.

Profiles of a cancel showed three costs above all: httpcore's pool looks at every pooled connection on every request
(a poll per idle connection), its async side runs through anyio, and h11, in pure Python, took about a fifth of the
sync facade's CPU to write a request and parse the answer. These transports keep what matters for a cancel and
drop the rest:
- llhttp (Node's parser, through httptools) reads the answers; requests are written here, with h11's checks;
- a last-in-first-out stack of idle connections per origin: taking one costs the same with 1 or 100 pooled;
- a request is never sent twice: no retry, no resend on a reused connection, whatever fails;
- every failure is an httpx exception that says how far the request got: ConnectError, ConnectTimeout and
  PoolTimeout before any byte left; WriteError, ReadError, their timeouts and RemoteProtocolError after;
- a connection whose request failed or was interrupted, or that brought anything unasked, is closed, never pooled.

HEAD requests, and every request while httpcore's pool or httpx's transport is patched (respx, pytest-httpx), go
through httpx's own transport: llhttp cannot tell a HEAD answer's length, and a test double must see every request,
so that no test reaches a real venue by accident.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import select
import socket
import ssl
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import httptools
import httpx

_READ_SIZE = 65536
_DEFAULT_PORTS = {b"http": 80, b"https": 443}
_MAX_HEAD = 65536
_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_BAD_VALUE = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")  # a control character other than tab
_BAD_TARGET = re.compile(rb"[\x00-\x20\x7f]")
# Where respx and pytest-httpx patch: (module, class, method).
_MOCK_TARGETS = (
    ("httpx", "HTTPTransport", "handle_request"),
    ("httpx", "AsyncHTTPTransport", "handle_async_request"),
    ("httpcore", "ConnectionPool", "handle_request"),
    ("httpcore", "AsyncConnectionPool", "handle_async_request"),
)


def _mocking() -> bool:
    """True while a test library has patched httpcore or httpx's transport, which these transports bypass. A patch
    replaces the method with a mock or a function of another name; httpcore is looked at only once it is loaded."""
    for module_name, class_name, method in _MOCK_TARGETS:
        module = sys.modules.get(module_name)
        if module is not None:
            function = getattr(getattr(module, class_name), method)
            if getattr(function, "__qualname__", None) != f"{class_name}.{method}":
                return True
    return False


Origin = tuple[bytes, str, int]


def _origin(request: httpx.Request) -> Origin:
    url = request.url
    scheme = url.raw_scheme
    if scheme not in _DEFAULT_PORTS:
        raise httpx.UnsupportedProtocol(f"unsupported URL scheme {url.scheme!r}", request=request)
    return scheme, url.host, url.port or _DEFAULT_PORTS[scheme]


def _timeouts(request: httpx.Request) -> dict[str, float | None]:
    timeout: dict[str, float | None] = request.extensions.get("timeout", {})
    return timeout


@contextlib.contextmanager
def _failures(request: httpx.Request, stage: str) -> Iterator[None]:
    """Turn the socket's exceptions into httpx's, by the stage the request had reached."""
    try:
        yield
    except TimeoutError as exc:
        timed_out = {"connect": httpx.ConnectTimeout, "write": httpx.WriteTimeout, "read": httpx.ReadTimeout}[stage]
        raise timed_out(f"{stage} timed out", request=request) from exc
    except OSError as exc:  # ssl.SSLError included
        failed = {"connect": httpx.ConnectError, "write": httpx.WriteError, "read": httpx.ReadError}[stage]
        raise failed(str(exc) or type(exc).__name__, request=request) from exc


def _request_bytes(request: httpx.Request, body: bytes) -> bytes:
    """The request, refused before anything is sent where the method, the target or a header could end or split
    the message (h11's rules); an error names a bad header, never its value, which may be a key."""
    method = request.method.encode("ascii", "replace")
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
    parts.append(b"\r\n")
    if chunked:  # read whole already: one chunk and the last
        body = b"%x\r\n%b\r\n0\r\n\r\n" % (len(body), body) if body else b"0\r\n\r\n"
    parts.append(body)
    return b"".join(parts)


class _ResponseReader:
    """Collects one response with llhttp (httptools' parser, Node's); `feed` returns it once complete. Its methods
    named on_* are the parser's callbacks."""

    def __init__(self, request: httpx.Request) -> None:
        self.request = request
        self.parser = httptools.HttpResponseParser(self)
        self.reason = b""
        self.headers: list[tuple[bytes, bytes]] = []
        self.body: list[bytes] = []
        self.status = 0
        self.http_version = "1.1"
        self.received = self.head_size = 0
        self.head_done = self.complete = self.keep_alive = self.until_close = False
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
        names = {name.lower() for name, _ in self.headers}
        # No length and not chunked: the body ends where the connection does.
        self.until_close = b"content-length" not in names and b"transfer-encoding" not in names
        self.until_close &= self.status not in (204, 304)

    def on_body(self, chunk: bytes) -> None:
        if not self.complete:
            self.body.append(chunk)

    def on_message_complete(self) -> None:
        if self.complete:
            return
        if self.status < 200:  # an informational answer (100 Continue): the final one follows
            self.reason, self.headers = b"", []
            return
        self.complete = True

    def feed(self, data: bytes) -> httpx.Response | None:
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
        return self._response() if self.complete else None

    def _closed(self) -> httpx.Response:
        if self.head_done and self.until_close:
            self.complete, self.keep_alive = True, False
            return self._response()
        if not self.received:
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=self.request)
        part = "body" if self.head_done else "head"
        raise httpx.RemoteProtocolError(
            f"Server disconnected before the response {part} was complete.", request=self.request
        )

    def _response(self) -> httpx.Response:
        return httpx.Response(
            self.status,
            headers=self.headers,
            stream=httpx.ByteStream(b"".join(self.body)),
            extensions={
                "http_version": b"HTTP/" + self.http_version.encode(),
                "reason_phrase": self.reason,
            },
            request=self.request,
        )


class _PoolBase:
    def __init__(self, *, ssl_context: ssl.SSLContext | None, limits: httpx.Limits) -> None:
        self.ssl_context = ssl_context
        self.max_connections = limits.max_connections or 1_000_000
        self.max_idle = limits.max_keepalive_connections if limits.max_keepalive_connections is not None else 1_000_000
        self.keepalive_expiry = limits.keepalive_expiry if limits.keepalive_expiry is not None else float("inf")
        self.idle_count = 0
        self.closed = False

    def context(self) -> ssl.SSLContext:
        if self.ssl_context is None:
            self.ssl_context = httpx.create_ssl_context()
            self.ssl_context.set_alpn_protocols(["http/1.1"])
        return self.ssl_context


# -- sync --------------------------------------------------------------------------------------------------------------


class _Connection:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.idle_since = 0.0

    def fresh(self, now: float, expiry: float) -> bool:
        """Safe to send on: not expired, and the venue has neither closed it nor sent anything unasked."""
        if now - self.idle_since > expiry:
            return False
        if isinstance(self.sock, ssl.SSLSocket) and self.sock.pending():
            return False
        if hasattr(select, "poll"):
            poller = select.poll()
            poller.register(self.sock, select.POLLIN)
            return not poller.poll(0)
        return not select.select([self.sock], [], [], 0)[0]

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()


class HTTP11Transport(httpx.BaseTransport, _PoolBase):
    """A thread-safe HTTP/1.1 keep-alive transport for httpx.Client; see the module's docstring."""

    def __init__(self, *, ssl_context: ssl.SSLContext | None = None, limits: httpx.Limits | None = None) -> None:
        _PoolBase.__init__(self, ssl_context=ssl_context, limits=limits or httpx.Limits())
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(self.max_connections)
        self._idle: dict[Origin, list[_Connection]] = {}
        self._fallback: httpx.HTTPTransport | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if _mocking() or request.method == "HEAD":
            return self._httpx_transport().handle_request(request)
        origin = _origin(request)
        timeouts = _timeouts(request)
        body = request.read()
        if not self._slots.acquire(timeout=timeouts.get("pool")):
            raise httpx.PoolTimeout("no connection came free in time", request=request)
        try:
            connection = self._checkout(origin) or self._connect(origin, request, timeouts)
            try:
                response, reusable = self._exchange(connection, request, body, timeouts)
            except BaseException:
                connection.close()
                raise
            self._checkin(origin, connection, reusable)
            return response
        finally:
            self._slots.release()

    def close(self) -> None:
        with self._lock:
            self.closed = True
            idle, self._idle = self._idle, {}
            self.idle_count = 0
        for connections in idle.values():
            for connection in connections:
                connection.close()
        if self._fallback is not None:
            self._fallback.close()

    def _httpx_transport(self) -> httpx.HTTPTransport:
        if self._fallback is None:
            self._fallback = httpx.HTTPTransport(verify=self.context())
        return self._fallback

    def _checkout(self, origin: Origin) -> _Connection | None:
        now = time.monotonic()
        while True:
            with self._lock:
                stack = self._idle.get(origin)
                if not stack:
                    return None
                connection = stack.pop()
                self.idle_count -= 1
            if connection.fresh(now, self.keepalive_expiry):
                return connection
            connection.close()

    def _checkin(self, origin: Origin, connection: _Connection, reusable: bool) -> None:
        if not reusable:
            connection.close()
            return
        connection.idle_since = now = time.monotonic()
        with self._lock:
            if self.closed or self.idle_count >= self.max_idle:
                stale = [connection]
            else:
                stack = self._idle.setdefault(origin, [])
                stack.append(connection)
                self.idle_count += 1
                # The least recently used sinks to the bottom: close it there once it has expired.
                stale = [stack.pop(0)] if now - stack[0].idle_since > self.keepalive_expiry else []
                self.idle_count -= len(stale)
        for old in stale:
            old.close()

    def _connect(self, origin: Origin, request: httpx.Request, timeouts: dict[str, float | None]) -> _Connection:
        scheme, host, port = origin
        with _failures(request, "connect"):
            sock = socket.create_connection((host, port), timeout=timeouts.get("connect"))
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                if scheme == b"https":
                    sock = self.context().wrap_socket(sock, server_hostname=host)
            except BaseException:
                sock.close()
                raise
        return _Connection(sock)

    def _exchange(
        self, connection: _Connection, request: httpx.Request, body: bytes, timeouts: dict[str, float | None]
    ) -> tuple[httpx.Response, bool]:
        """The response, and whether the connection may carry another request."""
        sock = connection.sock
        data = _request_bytes(request, body)
        with _failures(request, "write"):
            sock.settimeout(timeouts.get("write"))
            sock.sendall(data)
        reader = _ResponseReader(request)
        with _failures(request, "read"):
            sock.settimeout(timeouts.get("read"))
            while True:
                response = reader.feed(sock.recv(_READ_SIZE))
                if response is not None:
                    return response, reader.reusable


# -- async -------------------------------------------------------------------------------------------------------------


class _AsyncConnection(asyncio.Protocol):
    """One connection as an asyncio protocol: what arrives is buffered here, so a pooled connection that the venue
    closed or wrote to is seen as such before it is used again."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.received = bytearray()
        self.eof = False
        self.error: Exception | None = None
        self.idle_since = 0.0
        self._waiter: asyncio.Future[None] | None = None
        self._can_write: asyncio.Future[None] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.received += data
        self._wake()

    def eof_received(self) -> bool:
        self.eof = True
        self._wake()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.eof = True
        self.error = exc
        self._wake()
        if self._can_write is not None and not self._can_write.done():
            self._can_write.set_result(None)

    def pause_writing(self) -> None:
        self._can_write = asyncio.get_running_loop().create_future()

    def resume_writing(self) -> None:
        if self._can_write is not None and not self._can_write.done():
            self._can_write.set_result(None)
        self._can_write = None

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    def fresh(self, now: float, expiry: float) -> bool:
        return (
            now - self.idle_since <= expiry
            and not self.received
            and not self.eof
            and self.transport is not None
            and not self.transport.is_closing()
        )

    async def write(self, data: bytes) -> None:
        assert self.transport is not None
        if self.eof or self.transport.is_closing():
            raise ConnectionResetError("the connection is closed")
        self.transport.write(data)
        if self._can_write is not None:
            await self._can_write
            if self.eof:
                raise self.error or ConnectionResetError("the connection closed while writing")

    async def read(self) -> bytes:
        """What has arrived since the last read; b"" at the end of the stream."""
        while not self.received:
            if self.eof:
                if self.error is not None:
                    raise self.error
                return b""
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        data = bytes(self.received)
        self.received.clear()
        return data

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


class AsyncHTTP11Transport(httpx.AsyncBaseTransport, _PoolBase):
    """The asyncio HTTP/1.1 keep-alive transport for httpx.AsyncClient; see the module's docstring."""

    def __init__(self, *, ssl_context: ssl.SSLContext | None = None, limits: httpx.Limits | None = None) -> None:
        _PoolBase.__init__(self, ssl_context=ssl_context, limits=limits or httpx.Limits())
        self._slots: asyncio.Semaphore | None = None  # made in the running loop, at the first request
        self._idle: dict[Origin, list[_AsyncConnection]] = {}
        self._fallback: httpx.AsyncHTTPTransport | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if _mocking() or request.method == "HEAD":
            return await self._httpx_transport().handle_async_request(request)
        origin = _origin(request)
        timeouts = _timeouts(request)
        body = await request.aread()
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_connections)
        if self._slots.locked():
            try:
                async with asyncio.timeout(timeouts.get("pool")):
                    await self._slots.acquire()
            except TimeoutError:
                raise httpx.PoolTimeout("no connection came free in time", request=request) from None
        else:
            await self._slots.acquire()
        try:
            connection = self._checkout(origin) or await self._connect(origin, request, timeouts)
            try:
                response, reusable = await self._exchange(connection, request, body, timeouts)
            except BaseException:
                connection.close()
                raise
            self._checkin(origin, connection, reusable)
            return response
        finally:
            self._slots.release()

    async def aclose(self) -> None:
        self.closed = True
        idle, self._idle = self._idle, {}
        self.idle_count = 0
        for connections in idle.values():
            for connection in connections:
                connection.close()
        if self._fallback is not None:
            await self._fallback.aclose()

    def _httpx_transport(self) -> httpx.AsyncHTTPTransport:
        if self._fallback is None:
            self._fallback = httpx.AsyncHTTPTransport(verify=self.context())
        return self._fallback

    def _checkout(self, origin: Origin) -> _AsyncConnection | None:
        stack = self._idle.get(origin)
        now = time.monotonic()
        while stack:
            connection = stack.pop()
            self.idle_count -= 1
            if connection.fresh(now, self.keepalive_expiry):
                return connection
            connection.close()
        return None

    def _checkin(self, origin: Origin, connection: _AsyncConnection, reusable: bool) -> None:
        if not reusable or self.closed or self.idle_count >= self.max_idle:
            connection.close()
            return
        connection.idle_since = now = time.monotonic()
        stack = self._idle.setdefault(origin, [])
        stack.append(connection)
        self.idle_count += 1
        if now - stack[0].idle_since > self.keepalive_expiry:
            stack.pop(0).close()
            self.idle_count -= 1

    async def _connect(
        self, origin: Origin, request: httpx.Request, timeouts: dict[str, float | None]
    ) -> _AsyncConnection:
        scheme, host, port = origin
        tls: dict[str, Any] = {"ssl": self.context(), "server_hostname": host} if scheme == b"https" else {}
        loop = asyncio.get_running_loop()
        with _failures(request, "connect"):
            async with asyncio.timeout(timeouts.get("connect")):
                _, connection = await loop.create_connection(_AsyncConnection, host, port, **tls)
        return connection

    async def _exchange(
        self, connection: _AsyncConnection, request: httpx.Request, body: bytes, timeouts: dict[str, float | None]
    ) -> tuple[httpx.Response, bool]:
        data = _request_bytes(request, body)
        with _failures(request, "write"):
            async with asyncio.timeout(timeouts.get("write")):
                await connection.write(data)
        reader = _ResponseReader(request)
        with _failures(request, "read"):
            while True:
                async with asyncio.timeout(timeouts.get("read")):  # per chunk, as httpx defines its read timeout
                    data = await connection.read()
                response = reader.feed(data)
                if response is not None:
                    return response, reader.reusable
