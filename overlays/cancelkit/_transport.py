"""httpx transports for the facade's hot path: HTTP/1.1 keep-alive with less in the way than httpcore, hardened
against a hostile network.

Profiles of a cancel showed three costs above all: httpcore's pool looks at every pooled connection on every request
(a poll per idle connection), its async side runs through anyio, and h11, in pure Python, took about a fifth of the
sync facade's CPU to write a request and parse the answer. These transports keep what matters for a cancel and
drop the rest:
- llhttp (Node's parser, through httptools) reads the answers; requests are written here, with h11's checks
  (_transport_wire.py);
- a last-in-first-out stack of idle connections per origin: taking one costs the same with 1 or 100 pooled; before
  reuse a connection's socket is polled once, so that one the venue closed or wrote to is dropped (async too: a FIN
  that arrived while the event loop was busy has not reached the protocol yet);
- a request is never sent twice: no retry, no resend on a reused connection, whatever fails;
- every failure is an httpx exception that says how far the request got: ConnectError, ConnectTimeout, PoolTimeout,
  ProxyError, LocalProtocolError and UnsupportedProtocol before any byte left; WriteError, ReadError, their timeouts
  and RemoteProtocolError after; DecodingError (AnswerTooLarge) for an answer too large or undecodable. Messages
  say what failed in words (`certificate verify failed: self-signed certificate`), never a header value or a query;
- a connection whose request failed or was interrupted, or that brought anything unasked, is closed, never pooled.

Against a hostile network (_transport_net.py):
- connecting tries every address the name resolves to (socket.getaddrinfo, or loop.getaddrinfo), both families in
  turn, each starting 250 ms after the one before or at once when it fails (RFC 8305), all within the connect
  timeout; a first address that never answers costs 250 ms, not the connection;
- the host is the URL's ASCII form (`url.raw_host`, IDNA 2008, as httpx): DNS, SNI and the certificate's check agree;
- `request.extensions["cancelkit.deadline"]`, a time.monotonic() value, bounds every wait (pool, DNS + connect + TLS +
  the proxy's CONNECT, write, each read) by min(its httpx timeout, the time left); when the deadline is what runs out
  the stage's timeout type is raised, saying so;
- an answer's body is capped at `max_answer_bytes` as it arrives and once decoded: gzip and deflate are decoded here
  with zlib's bounded output (br and zstd by httpx's decoders, fed in small pieces, when installed), and the answer
  reaches httpx decoded, without Content-Encoding;
- after os.fork() a child drops the pooled connections it inherited, closing only its own descriptors, and gets new
  locks; parent and child never share a connection;
- an http:// proxy is spoken to here: CONNECT for https (then TLS to the venue), the absolute form for http, its
  credentials as Basic Proxy-Authorization; a refused or broken tunnel is a ProxyError before anything reached the
  venue. Other proxies (https://, socks5://) go through httpx's own transport.

`exchange()` takes a request already written as bytes, with the same pool, limits and errors: the facade's lean path
(_lean.py) sends through it; handle_request is exchange() for an httpx.Request.

HEAD requests, and every request while httpcore's pool or httpx's transport is patched (respx, pytest-httpx), go
through httpx's own transport: llhttp cannot tell a HEAD answer's length, and a test double must see every request,
so that no test reaches a real venue by accident.
"""

from __future__ import annotations

import os
import queue
import ssl
import sys
import threading
import time
import weakref
from collections.abc import Mapping

import httpx

from ._transport_net import (
    READ_SIZE,
    Connection,
    HTTPProxy,
    Origin,
    Stage,
    forward_target,
    open_connection,
)
from ._transport_wire import AnswerTooLarge, ResponseReader, request_bytes

# AsyncHTTP11Transport is in _transport_async.py, so that the sync client never imports asyncio.
__all__ = ["DEFAULT_MAX_ANSWER_BYTES", "AnswerTooLarge", "HTTP11Transport"]

# request.extensions key: the call's deadline, a time.monotonic() value (see the module's docstring).
DEADLINE_EXTENSION = "cancelkit.deadline"

DEFAULT_MAX_ANSWER_BYTES = 4 * 1024 * 1024
_DEFAULT_PORTS = {b"http": 80, b"https": 443}
# Where test doubles patch httpx and httpcore: respx and pytest-httpx the transports, vcrpy the clients'
# _send_single_request or httpcore's pool (with functools.wraps, which keeps the name). (module, class, method)
_MOCK_TARGETS = (
    ("httpx", "Client", "send"),
    ("httpx", "Client", "_send_single_request"),
    ("httpx", "AsyncClient", "send"),
    ("httpx", "AsyncClient", "_send_single_request"),
    ("httpx", "HTTPTransport", "handle_request"),
    ("httpx", "AsyncHTTPTransport", "handle_async_request"),
    ("httpcore", "ConnectionPool", "handle_request"),
    ("httpcore", "AsyncConnectionPool", "handle_async_request"),
)
_QUALNAMES = tuple((module, cls, method, f"{cls}.{method}") for module, cls, method in _MOCK_TARGETS)
# Each target's class, method name and the function seen there unpatched, once its module is loaded: most requests
# find the same function objects again, which is all they check.
_RESOLVED: list[tuple[type, str, object]] = []


def _resolve_targets() -> bool:
    """Fill _RESOLVED once every target's module is loaded and every target is unpatched; False otherwise."""
    resolved = []
    for module_name, class_name, method, qualname in _QUALNAMES:
        module = sys.modules.get(module_name)
        if module is None:
            return False
        cls = getattr(module, class_name)
        function = getattr(cls, method)
        if getattr(function, "__qualname__", None) != qualname or hasattr(function, "__wrapped__"):
            return False
        resolved.append((cls, method, function))
    _RESOLVED[:] = resolved
    return True


def _mocking() -> bool:
    """True while a test library has patched httpx or httpcore where the facade's lean path and these transports
    would pass it by. A patch replaces the method with a mock, a function of another name, or a wrapper
    (functools.wraps leaves `__wrapped__`); httpcore is looked at only once it is loaded."""
    if _RESOLVED:
        return any(getattr(cls, method) is not function for cls, method, function in _RESOLVED)
    if _resolve_targets():
        return False
    for module_name, class_name, method, qualname in _QUALNAMES:
        module = sys.modules.get(module_name)
        if module is not None:
            function = getattr(getattr(module, class_name), method)
            if getattr(function, "__qualname__", None) != qualname or hasattr(function, "__wrapped__"):
                return True
    return False


# Above this many, a token each would cost memory: a semaphore counts instead.
_MAX_TOKENS = 4096


class Slots:
    """A counting semaphore for threads, over a queue of tokens written in C: taking one and giving it back costs a
    fraction of threading.BoundedSemaphore's Python code around a Condition, and a request takes up to two (the
    facade's turn, the pool's connection). `count` None: no limit; over 4096, a threading.BoundedSemaphore."""

    __slots__ = ("_semaphore", "_tokens")

    def __init__(self, count: int | None) -> None:
        self._tokens: queue.SimpleQueue[None] | None = None
        self._semaphore: threading.BoundedSemaphore | None = None
        if count is not None and count > _MAX_TOKENS:
            self._semaphore = threading.BoundedSemaphore(count)
        elif count is not None:
            self._tokens = queue.SimpleQueue()
            for _ in range(count):
                self._tokens.put(None)

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        """Take a token: at once (blocking=False), within `timeout` seconds (0 or less: at once), or (None) whenever
        one comes free."""
        if timeout is not None and timeout < 0:
            timeout = 0.0
        if self._tokens is not None:
            try:
                self._tokens.get(blocking, timeout)
            except queue.Empty:
                return False
            return True
        if self._semaphore is not None:
            return self._semaphore.acquire(blocking, timeout)
        return True

    def release(self) -> None:
        if self._tokens is not None:
            self._tokens.put(None)
        elif self._semaphore is not None:
            self._semaphore.release()


def origin_of(url: httpx.URL, request: httpx.Request | None = None) -> Origin:
    """The scheme, host (as sent: ASCII) and port a URL is sent to; UnsupportedProtocol but for http and https."""
    scheme = url.raw_scheme
    if scheme not in _DEFAULT_PORTS:
        raise httpx.UnsupportedProtocol(f"unsupported URL scheme {url.scheme!r}", request=request)
    return scheme, url.raw_host, url.port or _DEFAULT_PORTS[scheme]


def _not_sent(request: httpx.Request | None) -> httpx.PoolTimeout:
    """The deadline passed after a connection was found and before a byte of the request was written."""
    return httpx.PoolTimeout("the deadline passed before the request was sent", request=request)


def _ssl_context(verify: bool | str | ssl.SSLContext) -> ssl.SSLContext | None:
    """The context `verify` asks for, as httpx reads it; None for the default, made at the first TLS connection."""
    if verify is True:
        return None
    if isinstance(verify, ssl.SSLContext):
        return verify
    if verify is False:
        context = httpx.create_ssl_context(verify=False)
    elif os.path.isdir(verify):
        context = ssl.create_default_context(capath=verify)
    else:
        context = ssl.create_default_context(cafile=verify)
    context.set_alpn_protocols(["http/1.1"])
    return context


# Every live transport, so that a forked child can reset the ones it inherited.
_live_transports: weakref.WeakSet[_PoolBase] = weakref.WeakSet()


def _reset_after_fork() -> None:
    for transport in list(_live_transports):
        transport.reset_after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


class _PoolBase:
    def __init__(
        self,
        *,
        verify: bool | str | ssl.SSLContext,
        ssl_context: ssl.SSLContext | None,
        limits: httpx.Limits,
        proxy: str | httpx.URL | httpx.Proxy | None,
        max_answer_bytes: int,
    ) -> None:
        if ssl_context is not None and verify is not True:
            raise TypeError("give either ssl_context or verify, not both")
        if max_answer_bytes < 0:
            raise ValueError("max_answer_bytes must not be negative")
        self.ssl_context = ssl_context if ssl_context is not None else _ssl_context(verify)
        self.limits = limits
        self.max_connections = limits.max_connections or 1_000_000
        self.max_idle = limits.max_keepalive_connections if limits.max_keepalive_connections is not None else 1_000_000
        self.keepalive_expiry = limits.keepalive_expiry if limits.keepalive_expiry is not None else float("inf")
        self.max_answer_bytes = max_answer_bytes
        self.proxy = proxy if isinstance(proxy, httpx.Proxy) or proxy is None else httpx.Proxy(proxy)
        self.http_proxy = HTTPProxy(self.proxy) if self.proxy is not None and self.proxy.url.scheme == "http" else None
        # A proxy this transport does not speak (https://, socks5://): httpx's own transport sends every request.
        self.delegated = self.proxy is not None and self.http_proxy is None
        self.idle_count = 0
        self.closed = False
        _live_transports.add(self)

    def context(self) -> ssl.SSLContext:
        if self.ssl_context is None:
            self.ssl_context = httpx.create_ssl_context()
            self.ssl_context.set_alpn_protocols(["http/1.1"])
        return self.ssl_context

    def takes_bytes(self, scheme: bytes) -> bool:
        """Whether exchange() may send a request to a `scheme` origin as the bytes its caller wrote: not while a test
        double is patched in (it must see every request), nor through a proxy that needs the request rewritten (the
        absolute form for http) or that httpx's transport speaks."""
        return not self.delegated and (self.http_proxy is None or scheme == b"https") and not _mocking()

    def proxied_bytes(self, request: httpx.Request, body: bytes, origin: Origin) -> bytes:
        """The request as the proxy takes it: the absolute form for http (a tunnel carries https unchanged)."""
        assert self.http_proxy is not None
        if origin[0] == b"http":
            return request_bytes(request, body, forward_target(request), self.http_proxy.headers)
        return request_bytes(request, body)

    def reset_after_fork(self) -> None:
        raise NotImplementedError


# -- sync --------------------------------------------------------------------------------------------------------------


class HTTP11Transport(httpx.BaseTransport, _PoolBase):
    """A thread-safe HTTP/1.1 keep-alive transport for httpx.Client; see the module's docstring.

    `verify` is httpx's (True, False, a CA bundle's path or an SSLContext); `ssl_context` is the older name for a
    context. `proxy` is an http:// proxy spoken to here, or any other that httpx's own transport takes. Answers over
    `max_answer_bytes`, as sent or decoded, raise AnswerTooLarge."""

    def __init__(
        self,
        *,
        verify: bool | str | ssl.SSLContext = True,
        ssl_context: ssl.SSLContext | None = None,
        limits: httpx.Limits | None = None,
        proxy: str | httpx.URL | httpx.Proxy | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> None:
        _PoolBase.__init__(
            self,
            verify=verify,
            ssl_context=ssl_context,
            limits=limits or httpx.Limits(),
            proxy=proxy,
            max_answer_bytes=max_answer_bytes,
        )
        self._lock = threading.Lock()
        self._slots = Slots(self.limits.max_connections or None)
        self._idle: dict[Origin, list[Connection]] = {}
        self._fallback: httpx.HTTPTransport | None = None
        if self.delegated:
            self._httpx_transport()  # now, so that a proxy httpx cannot use either fails here

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.delegated or _mocking() or request.method == "HEAD":
            return self._httpx_transport().handle_request(request)
        origin = origin_of(request.url, request)
        body = request.read()
        data = request_bytes(request, body) if self.http_proxy is None else self.proxied_bytes(request, body, origin)
        timeouts = request.extensions.get("timeout", {})
        deadline: float | None = request.extensions.get(DEADLINE_EXTENSION)
        return self.exchange(origin, data, timeouts, deadline, request).response()

    def exchange(
        self,
        origin: Origin,
        data: bytes,
        timeouts: Mapping[str, float | None],
        deadline: float | None,
        request: httpx.Request | None = None,
        *,
        slotted: bool = True,
    ) -> ResponseReader:
        """Send a request's bytes to `origin` on a pooled connection and read the answer, which the reader returned
        holds: handle_request's work without httpx's objects, for cancelkit's own requests (see takes_bytes).
        `request` is named in the httpx exceptions raised, which say how far the request got. `slotted=False`: the
        caller already bounds its requests to the pool's size (a facade client and the transport it made)."""
        if not slotted:
            return self._exchange_on_connection(origin, data, timeouts, deadline, request)
        if deadline is None:
            if not self._slots.acquire(timeout=timeouts.get("pool")):
                raise httpx.PoolTimeout("no connection came free in time", request=request)
        else:
            pool = Stage(request, "pool", timeouts.get("pool"), deadline)
            try:
                acquired = self._slots.acquire(timeout=pool.limit())
            except TimeoutError:
                acquired = False
            if not acquired:
                raise pool.timed_out()
        try:
            return self._exchange_on_connection(origin, data, timeouts, deadline, request)
        finally:
            self._slots.release()

    def _exchange_on_connection(
        self,
        origin: Origin,
        data: bytes,
        timeouts: Mapping[str, float | None],
        deadline: float | None,
        request: httpx.Request | None,
    ) -> ResponseReader:
        connection = self._checkout(origin) or self._connect(origin, request, timeouts, deadline)
        try:
            reader = self._exchange(connection, data, timeouts, deadline, request)
        except BaseException:
            connection.close()
            raise
        self._checkin(origin, connection, reader.reusable)
        return reader

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

    def reset_after_fork(self) -> None:
        """In a forked child: the parent's idle connections are the parent's; locks another thread held are gone."""
        self._lock = threading.Lock()
        self._slots = Slots(self.limits.max_connections or None)
        idle, self._idle = self._idle, {}
        self.idle_count = 0
        for connections in idle.values():
            for connection in connections:
                connection.forget()
        self._fallback = None  # httpcore's pool is no safer: a new one at the next use

    def _httpx_transport(self) -> httpx.HTTPTransport:
        if self._fallback is None:
            self._fallback = httpx.HTTPTransport(verify=self.context(), proxy=self.proxy, limits=self.limits)
        return self._fallback

    def _checkout(self, origin: Origin) -> Connection | None:
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

    def _checkin(self, origin: Origin, connection: Connection, reusable: bool) -> None:
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

    def _connect(
        self,
        origin: Origin,
        request: httpx.Request | None,
        timeouts: Mapping[str, float | None],
        deadline: float | None,
    ) -> Connection:
        with Stage(request, "connect", timeouts.get("connect"), deadline) as stage:
            limit = stage.limit()
            end = None if limit is None else time.monotonic() + limit
            return Connection(open_connection(request, origin, self.context, self.http_proxy, end))

    def _exchange(
        self,
        connection: Connection,
        data: bytes,
        timeouts: Mapping[str, float | None],
        deadline: float | None,
        request: httpx.Request | None,
    ) -> ResponseReader:
        """The answer, complete; its `reusable` says whether the connection may carry another request."""
        sock = connection.sock
        with Stage(request, "write", timeouts.get("write"), deadline) as stage:
            try:
                limit = stage.limit()
            except TimeoutError:
                raise _not_sent(request) from None
            sock.settimeout(limit)
            sock.sendall(data)
        reader = ResponseReader(request, self.max_answer_bytes)
        with Stage(request, "read", timeouts.get("read"), deadline) as stage:
            sock.settimeout(stage.limit())
            while not reader.feed(sock.recv(READ_SIZE)):
                if deadline is not None:  # the read timeout is per read; the deadline shortens each
                    sock.settimeout(stage.limit())
        return reader
