"""Connections for cancelkit's async transport: _transport_net.py's, in the event loop. A module of its own so that
the sync client never imports asyncio."""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import socket
import ssl
from collections.abc import Callable, Sequence
from typing import Any

import httpx

from ._transport_net import (
    STAGGER,
    AddressInfo,
    HTTPProxy,
    NetworkFailure,
    Origin,
    TunnelAnswer,
    _all_failed,
    _is_ip,
    _readability_probe,
    _resolved,
    _tls_failed,
    describe,
)


async def resolve_async(host: str, port: int) -> list[AddressInfo]:
    """The addresses of `host`, from loop.getaddrinfo (socket.getaddrinfo in the loop's executor)."""
    if _is_ip(host):
        flags = socket.AI_NUMERICHOST
        return _resolved(host, lambda: socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=flags))
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise NetworkFailure(f"could not resolve {host}: {describe(exc)}") from exc
    return _resolved(host, lambda: infos)


# -- opening, async ------------------------------------------------------------------------------------------------


class AsyncConnection(asyncio.Protocol):
    """One connection as an asyncio protocol: what arrives is buffered here, so a pooled connection that the venue
    closed or wrote to is seen as such before it is used again; and, for what arrived while the event loop was busy
    and has not reached this protocol yet, its socket is polled too."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.readable = _readability_probe(sock.fileno())
        self.transport: asyncio.Transport | None = None
        self.received = bytearray()
        self.eof = False
        self.error: Exception | None = None
        self.idle_since = 0.0
        self._waiter: asyncio.Future[None] | None = None
        self._can_write: asyncio.Future[None] | None = None
        # The read timeout: one timer per connection, moved on only when it fires early (see read()).
        self._expires = 0.0
        self._timer: asyncio.TimerHandle | None = None

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
            and not self.readable()
        )

    def write(self, data: bytes) -> bool:
        """Hand `data` to the event loop's transport; False when the transport's buffer is full, and `drained()`
        must be awaited before the request counts as written."""
        assert self.transport is not None
        if self.eof or self.transport.is_closing():
            raise ConnectionResetError("the connection is closed")
        self.transport.write(data)
        return self._can_write is None

    async def drained(self) -> None:
        if self._can_write is not None:
            await self._can_write
        if self.eof:
            raise self.error or ConnectionResetError("the connection closed while writing")

    async def read(self, limit: float | None) -> bytes:
        """What has arrived since the last read; b"" at the end of the stream. TimeoutError when nothing came within
        `limit` seconds.

        The timeout is a timer of the connection's, not of each read: a read only moves its expiry on, and the timer,
        when it fires before that (armed by an earlier read), is moved to it. A fan-out of hundreds of cancels thus
        makes no timer per read, where asyncio.timeout would make one and cancel the task's scope each time."""
        while not self.received:
            if self.eof:
                if self.error is not None:
                    raise self.error
                return b""
            loop = asyncio.get_running_loop()
            waiter = self._waiter = loop.create_future()
            if limit is None:
                self._expires = math.inf  # a timer an earlier read armed must not end this one
            else:
                self._expires = expires = loop.time() + limit
                timer = self._timer
                if timer is None or timer.when() > expires:  # none, or one that would fire too late
                    if timer is not None:
                        timer.cancel()
                    self._timer = loop.call_at(expires, self._timer_fired, loop)
            try:
                await waiter
            finally:
                self._waiter = None
        data = bytes(self.received)
        self.received.clear()
        return data

    def _timer_fired(self, loop: asyncio.AbstractEventLoop) -> None:
        self._timer = None
        waiter = self._waiter
        if waiter is None or waiter.done():  # no read waiting: the next one arms a timer again
            return
        if loop.time() >= self._expires:
            waiter.set_exception(TimeoutError())
        elif self._expires != math.inf:  # a later read moved the expiry on
            self._timer = loop.call_at(self._expires, self._timer_fired, loop)

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self.transport is not None:
            self.transport.close()

    def forget(self) -> None:
        """In a forked child: close this process's descriptor only, and leave the event loop (whose epoll the
        parent shares) alone; the asyncio transport is dropped with it."""
        with contextlib.suppress(OSError):
            os.close(self.sock.detach())


async def _attempt(loop: asyncio.AbstractEventLoop, info: AddressInfo) -> socket.socket:
    family, kind, proto, _, address = info
    sock = socket.socket(family, kind, proto)
    try:
        sock.setblocking(False)
        await loop.sock_connect(sock, address)
    except BaseException:
        sock.close()
        raise
    return sock


def _close_if_connected(task: asyncio.Task[socket.socket]) -> None:
    """For an attempt that lost the race: close its socket if it connected, and take its error if not, so that
    asyncio does not log it as never retrieved."""
    if not task.cancelled() and task.exception() is None:
        task.result().close()


async def open_tcp_async(infos: Sequence[AddressInfo], what: str) -> socket.socket:
    """open_tcp's race in the event loop; the caller's asyncio.timeout is the budget, cancelling every attempt."""
    loop = asyncio.get_running_loop()
    upcoming = list(infos)
    running: dict[asyncio.Task[socket.socket], str] = {}  # each attempt and its address
    errors: list[tuple[str, OSError]] = []
    try:
        while upcoming or running:
            if upcoming:
                info = upcoming.pop(0)
                running[loop.create_task(_attempt(loop, info))] = info[4][0]
            done, _ = await asyncio.wait(
                running, timeout=STAGGER if upcoming else None, return_when=asyncio.FIRST_COMPLETED
            )
            connected = [task.result() for task in done if task.exception() is None]
            if connected:
                for task in done:
                    del running[task]
                for extra in connected[1:]:
                    extra.close()
                return connected[0]
            for task in done:
                error = task.exception()
                assert error is not None  # it did not connect
                if not isinstance(error, OSError):
                    raise error  # not a network failure: a bug to see, not to map
                errors.append((running.pop(task), error))
        raise _all_failed(what, infos, errors)
    finally:
        for task in running:  # the attempts that lost, or all of them
            task.cancel()
            task.add_done_callback(_close_if_connected)


async def open_connection_async(
    request: httpx.Request | None,
    origin: Origin,
    context: Callable[[], ssl.SSLContext],
    proxy: HTTPProxy | None,
) -> AsyncConnection:
    """open_connection for the event loop; the caller's asyncio.timeout is the budget."""
    scheme, raw_host, port = origin
    host = raw_host.decode("ascii")
    loop = asyncio.get_running_loop()
    if proxy is None:
        sock = await open_tcp_async(await resolve_async(host, port), f"{host} port {port}")
    else:
        what = f"the proxy {proxy.host} port {proxy.port}"
        sock = await open_tcp_async(await resolve_async(proxy.host, proxy.port), what)
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except BaseException:
        sock.close()
        raise
    tunnelled = proxy is not None and scheme == b"https"
    tls: dict[str, Any] = {"ssl": context(), "server_hostname": host} if scheme == b"https" and not tunnelled else {}
    try:
        # From here on the asyncio transport owns the socket and closes it on failure.
        _, connection = await loop.create_connection(lambda: AsyncConnection(sock), sock=sock, **tls)
    except OSError as exc:
        if not tls or isinstance(exc, TimeoutError):
            raise
        raise _tls_failed(host, exc) from exc
    if not tunnelled:
        return connection
    assert proxy is not None
    assert connection.transport is not None
    try:
        answer = TunnelAnswer(request)
        try:
            if not connection.write(proxy.connect_request(host, port)):
                await connection.drained()
            while not answer.feed(await connection.read(None)):  # the caller's asyncio.timeout bounds the tunnel
                pass
        except OSError as exc:
            message = f"the proxy failed before the tunnel was up: {describe(exc)}"
            raise httpx.ProxyError(message, request=request) from exc
        try:
            transport = await loop.start_tls(connection.transport, connection, context(), server_hostname=host)
        except OSError as exc:
            if isinstance(exc, TimeoutError):
                raise
            raise _tls_failed(host, exc) from exc
    except BaseException:
        connection.close()
        raise
    assert transport is not None
    connection.transport = transport
    return connection
