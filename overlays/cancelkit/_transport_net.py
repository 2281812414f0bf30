"""Connections for cancelkit's transports: how one is opened (DNS, every resolved address tried within one budget as
RFC 8305 says, an http proxy's CONNECT, TLS), how it is checked before reuse, and the limits and errors of each wait
of a request, which say how far it got."""

from __future__ import annotations

import base64
import contextlib
import errno
import ipaddress
import itertools
import os
import re
import select
import selectors
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import httpx

from ._transport_wire import safe_header

READ_SIZE = 65536
STAGGER = 0.25  # RFC 8305's Connection Attempt Delay: the next address starts if the last has not connected by then
_MAX_PROXY_HEAD = 65536
_STATUS_LINE = re.compile(rb"HTTP/1\.[01] (\d{3})(?: |\r?$)")
_SSL_NOISE = re.compile(r"^\[SSL(?:: [A-Z0-9_]+)?\] |\s*\(_ssl\.c:\d+\)$")
_CLOSED = "the connection was closed by the other side"
_IN_PROGRESS = {errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EAGAIN}

AddressInfo = tuple[socket.AddressFamily, socket.SocketKind, int, str, Any]
Origin = tuple[bytes, bytes, int]  # scheme, host as sent (ASCII, IDNA 2008), port


# -- limits and errors ---------------------------------------------------------------------------------------------

_TIMEOUT_TYPES: dict[str, type[httpx.TimeoutException]] = {
    "pool": httpx.PoolTimeout,
    "connect": httpx.ConnectTimeout,
    "write": httpx.WriteTimeout,
    "read": httpx.ReadTimeout,
}
_ERROR_TYPES: dict[str, type[httpx.TransportError]] = {
    "pool": httpx.ConnectError,
    "connect": httpx.ConnectError,
    "write": httpx.WriteError,
    "read": httpx.ReadError,
}
_TIMED_OUT = {
    "pool": "no connection came free in time",
    "connect": "connect timed out",
    "write": "write timed out",
    "read": "read timed out",
}
_DEADLINE_PASSED = {
    "pool": "the deadline passed while waiting for a connection",
    "connect": "the deadline passed while connecting",
    "write": "the deadline passed while sending the request",
    "read": "the deadline passed while reading the response",
}


class Stage:
    """One wait of a request (pool, connect, write, read): `limit()` is what it may take from now, min(its httpx
    timeout, the deadline - now). As a context manager it turns the socket's exceptions into httpx's, by the stage
    the request had reached, and says in a timeout's message whether the deadline was what ran out."""

    __slots__ = ("by_deadline", "deadline", "name", "request", "timeout")

    def __init__(self, request: httpx.Request | None, name: str, timeout: float | None, deadline: float | None) -> None:
        self.request = request
        self.name = name
        self.timeout = timeout
        self.deadline = deadline
        self.by_deadline = False

    def limit(self) -> float | None:
        """Seconds this wait may take from now (None: no limit); TimeoutError if the deadline has passed."""
        if self.deadline is None:
            return self.timeout
        left = self.deadline - time.monotonic()
        if self.timeout is not None and self.timeout <= left:
            self.by_deadline = False
            return self.timeout
        self.by_deadline = True
        if left <= 0:
            raise TimeoutError
        return left

    def timed_out(self) -> httpx.TimeoutException:
        message = (_DEADLINE_PASSED if self.by_deadline else _TIMED_OUT)[self.name]
        return _TIMEOUT_TYPES[self.name](message, request=self.request)

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, kind: object, exc: BaseException | None, traceback: object) -> None:
        if isinstance(exc, TimeoutError):
            raise self.timed_out() from exc
        if isinstance(exc, OSError):  # ssl.SSLError included
            raise _ERROR_TYPES[self.name](describe(exc), request=self.request) from exc


class NetworkFailure(OSError):
    """An OSError whose message already says, in words, what failed and why (its cause is chained)."""

    def __str__(self) -> str:
        return str(self.args[0])


def describe(exc: BaseException) -> str:
    """What went wrong, in words: the certificate check's verdict, the system's text for an errno; never only the
    exception's type name, and never a header value or a query string (none reaches a socket's exception)."""
    if isinstance(exc, NetworkFailure):
        return str(exc)
    if isinstance(exc, ssl.SSLError):
        return f"TLS error: {_tls_text(exc)}"
    if isinstance(exc, socket.gaierror):
        return str(exc.strerror or exc)
    if isinstance(exc, OSError) and exc.errno:
        return os.strerror(exc.errno)
    text = str(exc)
    if text:
        return text
    if isinstance(exc, ConnectionError | EOFError):
        return _CLOSED
    return f"{type(exc).__name__} (no detail given)"


def _tls_text(exc: ssl.SSLError) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"certificate verify failed: {exc.verify_message or exc.reason or 'no reason given'}"
    if isinstance(exc, ssl.SSLEOFError):  # the sync side's word for what asyncio reports as ConnectionResetError()
        return _CLOSED
    return _SSL_NOISE.sub("", exc.strerror or str(exc)) or exc.reason or "no reason given"


def _left(end: float | None) -> float | None:
    """Seconds until `end` (None: no limit); TimeoutError once it has passed, never 0, which means non-blocking."""
    if end is None:
        return None
    left = end - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


# -- proxies -------------------------------------------------------------------------------------------------------


class HTTPProxy:
    """An http:// proxy as cancelkit's transports speak to it: CONNECT for https targets, the absolute form for
    http ones, with its credentials (userinfo or `auth`) as Basic Proxy-Authorization. Nothing here ever goes into
    an error message but the proxy's host and port."""

    def __init__(self, proxy: httpx.Proxy) -> None:
        self.host = proxy.url.raw_host.decode("ascii")
        self.port = proxy.url.port or 80
        headers = list(proxy.headers.raw)
        if proxy.raw_auth is not None:
            user, password = proxy.raw_auth
            headers.append((b"Proxy-Authorization", b"Basic " + base64.b64encode(user + b":" + password)))
        for name, value in headers:
            if not safe_header(name, value):
                raise ValueError(f"invalid proxy header {name[:40]!r}")
        self.headers: Sequence[tuple[bytes, bytes]] = tuple(headers)

    def connect_request(self, host: str, port: int) -> bytes:
        authority = (f"[{host}]:{port}" if ":" in host else f"{host}:{port}").encode("ascii")
        lines = [b"CONNECT " + authority + b" HTTP/1.1", b"Host: " + authority]
        lines += (name + b": " + value for name, value in self.headers)
        return b"\r\n".join(lines) + b"\r\n\r\n"


class TunnelAnswer:
    """The proxy's answer to CONNECT, fed as it arrives: `feed` is True once the tunnel is up, and raises ProxyError
    for anything else. The message has the status and its standard phrase, never the proxy's own text, which could
    echo the credentials."""

    def __init__(self, request: httpx.Request | None) -> None:
        self.request = request
        self.data = b""

    def feed(self, chunk: bytes) -> bool:
        if not chunk:
            raise httpx.ProxyError("the proxy closed the connection before the tunnel was up", request=self.request)
        self.data += chunk
        head, end, rest = self.data.partition(b"\r\n\r\n")
        if not end:
            if len(self.data) > _MAX_PROXY_HEAD:
                raise httpx.ProxyError("the proxy's answer to CONNECT has a head over 64 KiB", request=self.request)
            return False
        match = _STATUS_LINE.match(head.split(b"\n", 1)[0])
        if match is None:
            raise httpx.ProxyError("the proxy's answer to CONNECT is not HTTP/1.x", request=self.request)
        status = int(match[1])
        if not 200 <= status < 300:
            phrase = httpx.codes.get_reason_phrase(status)
            raise httpx.ProxyError(f"the proxy refused the tunnel: {status} {phrase}".rstrip(), request=self.request)
        if rest:
            raise httpx.ProxyError("the proxy sent data before the tunnel was up", request=self.request)
        return True


def forward_target(request: httpx.Request) -> bytes:
    """The absolute form of the request's URL, which a forward proxy takes as the request target."""
    url = request.url
    return url.raw_scheme + b"://" + url.netloc + url.raw_path


# -- addresses -----------------------------------------------------------------------------------------------------


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _interleaved(infos: Sequence[AddressInfo]) -> list[AddressInfo]:
    """The resolver's order, families alternating from the first one's (RFC 8305, section 4), duplicates dropped."""
    first = [info for info in infos if info[0] == infos[0][0]]
    other = [info for info in infos if info[0] != infos[0][0]]
    ordered: list[AddressInfo] = []
    seen: set[Any] = set()
    for pair in itertools.zip_longest(first, other):
        for info in pair:
            if info is not None and info[4] not in seen:
                seen.add(info[4])
                ordered.append(info)
    return ordered


def _resolved(host: str, resolve: Callable[[], Sequence[AddressInfo]]) -> list[AddressInfo]:
    try:
        infos = resolve()
    except socket.gaierror as exc:
        raise NetworkFailure(f"could not resolve {host}: {describe(exc)}") from exc
    if not infos:
        raise NetworkFailure(f"could not resolve {host}: no address")
    return _interleaved(infos)


def resolve(host: str, port: int, end: float | None) -> list[AddressInfo]:
    """The addresses of `host`, from socket.getaddrinfo; a name is looked up in a thread, so that a hung resolver
    costs no more than the connect budget (the thread ends when the lookup does)."""
    if _is_ip(host):
        flags = socket.AI_NUMERICHOST
        return _resolved(host, lambda: socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=flags))
    if end is None:
        return _resolved(host, lambda: socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
    outcome: list[list[AddressInfo] | BaseException] = []
    done = threading.Event()

    def look_up() -> None:
        try:
            outcome.append(_resolved(host, lambda: socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)))
        except BaseException as exc:  # handed to the caller
            outcome.append(exc)
        finally:
            done.set()

    threading.Thread(target=look_up, name="cancelkit-getaddrinfo", daemon=True).start()
    if not done.wait(_left(end)):
        raise TimeoutError
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _all_failed(what: str, infos: Sequence[AddressInfo], errors: Sequence[tuple[str, OSError]]) -> NetworkFailure:
    if len(infos) == 1 and errors:
        failure = NetworkFailure(f"could not connect to {what}: {describe(errors[0][1])}")
    else:
        causes = "; ".join(f"{address}: {describe(error)}" for address, error in errors)
        failure = NetworkFailure(f"could not connect to {what} at any of its {len(infos)} addresses: {causes}")
    if errors:
        failure.__cause__ = errors[-1][1]
    return failure


# -- opening, sync -------------------------------------------------------------------------------------------------


def open_tcp(infos: Sequence[AddressInfo], end: float | None, what: str) -> socket.socket:
    """A connected socket to the first of `infos` that answers: each address starts STAGGER after the one before,
    or as soon as it fails, and all of them share the time until `end` (TimeoutError after)."""
    selector = selectors.DefaultSelector()
    errors: list[tuple[str, OSError]] = []
    upcoming = iter(infos)
    remaining = len(infos)
    next_start = 0.0
    try:
        while True:
            now = time.monotonic()
            if remaining and (now >= next_start or not selector.get_map()):
                family, kind, proto, _, address = next(upcoming)
                remaining -= 1
                try:
                    sock = socket.socket(family, kind, proto)
                except OSError as exc:  # a family this host cannot use
                    errors.append((address[0], exc))
                    continue
                try:
                    sock.setblocking(False)
                    code = sock.connect_ex(address)
                except OSError as exc:
                    sock.close()
                    errors.append((address[0], exc))
                    continue
                if code == 0:
                    sock.setblocking(True)
                    return sock
                if code not in _IN_PROGRESS:
                    sock.close()
                    errors.append((address[0], OSError(code, os.strerror(code))))
                    continue
                selector.register(sock, selectors.EVENT_WRITE, address[0])
                next_start = now + STAGGER
                continue
            if not selector.get_map():
                raise _all_failed(what, infos, errors)
            wait = _left(end)
            if remaining:
                wait = min(wait if wait is not None else STAGGER, max(next_start - now, 0))
            for key, _ in selector.select(wait):
                sock = key.fileobj  # type: ignore[assignment]
                selector.unregister(sock)
                code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if code == 0:
                    sock.setblocking(True)
                    return sock
                sock.close()
                errors.append((key.data, OSError(code, os.strerror(code))))
                next_start = now  # a failure starts the next address at once
    finally:
        for key in list(selector.get_map().values()):  # the attempts that lost, or all of them
            key.fileobj.close()  # type: ignore[union-attr]
        selector.close()


def tunnel(
    sock: socket.socket, proxy: HTTPProxy, host: str, port: int, end: float | None, request: httpx.Request | None
) -> None:
    """Asks the proxy for a tunnel to host:port; ProxyError unless it is up (nothing has reached the venue)."""
    answer = TunnelAnswer(request)
    try:
        sock.settimeout(_left(end))
        sock.sendall(proxy.connect_request(host, port))
        while True:
            sock.settimeout(_left(end))
            if answer.feed(sock.recv(READ_SIZE)):
                return
    except TimeoutError:
        raise
    except OSError as exc:
        message = f"the proxy failed before the tunnel was up: {describe(exc)}"
        raise httpx.ProxyError(message, request=request) from exc


def _tls_failed(host: str, exc: OSError) -> NetworkFailure:
    cause = _tls_text(exc) if isinstance(exc, ssl.SSLError) else describe(exc)
    return NetworkFailure(f"TLS with {host} failed: {cause}")


def start_tls(sock: socket.socket, context: ssl.SSLContext, host: str, end: float | None) -> ssl.SSLSocket:
    """TLS over `sock`, SNI and the certificate's check on `host` (ASCII); `sock` is closed if it fails."""
    sock.settimeout(_left(end))
    try:
        return context.wrap_socket(sock, server_hostname=host)
    except TimeoutError:
        raise
    except OSError as exc:
        raise _tls_failed(host, exc) from exc


def open_connection(
    request: httpx.Request | None,
    origin: Origin,
    context: Callable[[], ssl.SSLContext],
    proxy: HTTPProxy | None,
    end: float | None,
) -> socket.socket:
    """A socket ready for the request's bytes: to the venue, or through the proxy (a tunnel for https, the proxy
    itself for http), with TLS for https. Raises OSError or TimeoutError (for Stage to map), or ProxyError."""
    scheme, raw_host, port = origin
    host = raw_host.decode("ascii")
    if proxy is None:
        sock = open_tcp(resolve(host, port, end), end, f"{host} port {port}")
    else:
        what = f"the proxy {proxy.host} port {proxy.port}"
        sock = open_tcp(resolve(proxy.host, proxy.port, end), end, what)
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if scheme == b"https":
            if proxy is not None:
                tunnel(sock, proxy, host, port, end, request)
            sock = start_tls(sock, context(), host, end)
    except BaseException:
        sock.close()
        raise
    return sock


def _readability_probe(fd: int) -> Callable[[], bool]:
    """A check, without blocking, for anything to read on `fd` (data, the venue's FIN or a reset)."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        return lambda: bool(poller.poll(0))
    return lambda: bool(select.select([fd], [], [], 0)[0])


class Connection:
    """One sync connection, its socket and a probe registered once, so a reuse costs a single poll."""

    __slots__ = ("idle_since", "readable", "sock")

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.idle_since = 0.0
        self.readable = _readability_probe(sock.fileno())

    def fresh(self, now: float, expiry: float) -> bool:
        """Safe to send on: not expired, and the venue has neither closed it nor sent anything unasked."""
        if now - self.idle_since > expiry:
            return False
        if isinstance(self.sock, ssl.SSLSocket) and self.sock.pending():
            return False
        return not self.readable()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()

    def forget(self) -> None:
        """In a forked child: close this process's descriptor only. No shutdown() and no TLS close_notify, which
        would end the connection for the parent too."""
        with contextlib.suppress(OSError):
            os.close(self.sock.detach())
