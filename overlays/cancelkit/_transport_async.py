"""The asyncio transport, AsyncHTTP11Transport: _transport.py's HTTP11Transport in the event loop (see that module's
docstring). A module of its own so that the sync client never imports asyncio."""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Mapping

import httpx

from ._transport import DEADLINE_EXTENSION, DEFAULT_MAX_ANSWER_BYTES, _mocking, _not_sent, _PoolBase, origin_of
from ._transport_net import Origin, Stage
from ._transport_net_async import AsyncConnection, open_connection_async
from ._transport_wire import ResponseReader, request_bytes

__all__ = ["AsyncHTTP11Transport"]


class AsyncHTTP11Transport(httpx.AsyncBaseTransport, _PoolBase):
    """The asyncio HTTP/1.1 keep-alive transport for httpx.AsyncClient; HTTP11Transport's options; see the module's
    docstring."""

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
        self._slots: asyncio.Semaphore | None = None  # made in the running loop, at the first request
        self._idle: dict[Origin, list[AsyncConnection]] = {}
        self._fallback: httpx.AsyncHTTPTransport | None = None
        if self.delegated:
            self._httpx_transport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.delegated or _mocking() or request.method == "HEAD":
            return await self._httpx_transport().handle_async_request(request)
        origin = origin_of(request.url, request)
        body = await request.aread()
        data = request_bytes(request, body) if self.http_proxy is None else self.proxied_bytes(request, body, origin)
        timeouts = request.extensions.get("timeout", {})
        deadline: float | None = request.extensions.get(DEADLINE_EXTENSION)
        return (await self.exchange(origin, data, timeouts, deadline, request)).response()

    async def exchange(
        self,
        origin: Origin,
        data: bytes,
        timeouts: Mapping[str, float | None],
        deadline: float | None,
        request: httpx.Request | None = None,
        *,
        slotted: bool = True,
    ) -> ResponseReader:
        """HTTP11Transport.exchange, in the event loop."""
        if not slotted:
            return await self._exchange_on_connection(origin, data, timeouts, deadline, request)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_connections)
        if deadline is None and not self._slots.locked():
            await self._slots.acquire()
        else:
            pool = Stage(request, "pool", timeouts.get("pool"), deadline)
            try:
                async with asyncio.timeout(pool.limit()):
                    await self._slots.acquire()
            except TimeoutError:
                raise pool.timed_out() from None
        try:
            return await self._exchange_on_connection(origin, data, timeouts, deadline, request)
        finally:
            self._slots.release()

    async def _exchange_on_connection(
        self,
        origin: Origin,
        data: bytes,
        timeouts: Mapping[str, float | None],
        deadline: float | None,
        request: httpx.Request | None,
    ) -> ResponseReader:
        connection = self._checkout(origin) or await self._connect(origin, request, timeouts, deadline)
        try:
            reader = await self._exchange(connection, data, timeouts, deadline, request)
        except BaseException:
            connection.close()
            raise
        self._checkin(origin, connection, reader.reusable)
        return reader

    async def aclose(self) -> None:
        self.closed = True
        idle, self._idle = self._idle, {}
        self.idle_count = 0
        for connections in idle.values():
            for connection in connections:
                connection.close()
        if self._fallback is not None:
            await self._fallback.aclose()

    def reset_after_fork(self) -> None:
        """In a forked child: drop the parent's idle connections without touching the event loop, whose epoll
        instance the parent shares; the semaphore is made again in the child's loop."""
        self._slots = None
        idle, self._idle = self._idle, {}
        self.idle_count = 0
        for connections in idle.values():
            for connection in connections:
                connection.forget()
        self._fallback = None

    def _httpx_transport(self) -> httpx.AsyncHTTPTransport:
        if self._fallback is None:
            self._fallback = httpx.AsyncHTTPTransport(verify=self.context(), proxy=self.proxy, limits=self.limits)
        return self._fallback

    def _checkout(self, origin: Origin) -> AsyncConnection | None:
        stack = self._idle.get(origin)
        now = time.monotonic()
        while stack:
            connection = stack.pop()
            self.idle_count -= 1
            if connection.fresh(now, self.keepalive_expiry):
                return connection
            connection.close()
        return None

    def _checkin(self, origin: Origin, connection: AsyncConnection, reusable: bool) -> None:
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
        self,
        origin: Origin,
        request: httpx.Request | None,
        timeouts: Mapping[str, float | None],
        deadline: float | None,
    ) -> AsyncConnection:
        with Stage(request, "connect", timeouts.get("connect"), deadline) as stage:
            async with asyncio.timeout(stage.limit()):
                return await open_connection_async(request, origin, self.context, self.http_proxy)

    async def _exchange(
        self,
        connection: AsyncConnection,
        data: bytes,
        timeouts: Mapping[str, float | None],
        deadline: float | None,
        request: httpx.Request | None,
    ) -> ResponseReader:
        with Stage(request, "write", timeouts.get("write"), deadline) as stage:
            try:
                limit = stage.limit()
            except TimeoutError:
                raise _not_sent(request) from None
            if not connection.write(data):  # the buffer is full: wait for it to drain, within the limit
                async with asyncio.timeout(limit):
                    await connection.drained()
        reader = ResponseReader(request, self.max_answer_bytes)
        with Stage(request, "read", timeouts.get("read"), deadline) as stage:
            while not reader.feed(await connection.read(stage.limit())):  # per chunk, as httpx's read timeout
                pass
        return reader
