"""The unified facade: the same methods on every venue, in a sync and an async client.

Both clients share the venue adapters (argument checks, mapping, results, errors), the signer and the clock; they
differ only in how a request is sent. Every cancel returns a result or raises a CancelKitError.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx
from cancelkit_models import CancelResult, OrderListCancelResult

from ._clock import VenueClock
from ._credentials import Credentials
from ._errors import (
    CancelKitError,
    ConfigurationError,
    ConnectionFailed,
    InvalidArgument,
    OrderNotFound,
    OutcomeUnknown,
    TimestampError,
)
from ._http import AsyncVenueHTTPClient, VenueHTTPClient, behind_proxy
from ._redact import install_log_redaction
from ._results import BatchCancelResult
from ._transport import AsyncHTTP11Transport, HTTP11Transport
from ._venues import PARSE_ERRORS, Call, VenueAdapter, adapter_for

T = TypeVar("T")
logger = logging.getLogger("cancelkit")

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
USER_AGENT = "cancelkit/0.1.0"


class _ClientBase:
    """What the sync and async clients share: the venue, the signer, the clock and the generated client."""

    def __init__(
        self,
        venue: str,
        credentials: Credentials | None = None,
        *,
        environment: str = "production",
        base_url: str | None = None,
        recv_window: int | str | Decimal | None = None,
        time_sync: bool = True,
        clock_max_age: float = 300.0,
        microseconds: bool = False,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        max_concurrency: int = 16,
        max_connections: int = 100,
        clock: VenueClock | None = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        retry_outcome_unknown: int = 0,
    ) -> None:
        """A client of one venue.

        - `venue`: "binance", "mexc" or "bingx".
        - `credentials`: read from the environment when not given (see Credentials.from_env).
        - `environment`: "production", or "testnet"/"demo" where the venue has one; `base_url` overrides it (a
          simulator, a proxy).
        - `recv_window`: milliseconds a request stays valid, sent with every cancel (at most 60000).
        - `time_sync`: sign against the venue's clock, measured from its server-time endpoint every
          `clock_max_age` seconds, and resync and resend once after a timestamp rejection. False: the local clock.
        - `microseconds`: Binance timestamps in microseconds.
        - `timeout`: httpx's, finite by default; `pool` bounds the wait for a free connection.
        - `max_connections`: the connection pool's size and how many requests are in flight at once; more wait,
          unsigned, for a turn. `max_concurrency`: how many single cancels cancel_orders sends at once.
        - `retry_outcome_unknown`: the opt-in to send a single-order cancel again, at most that many times, after
          an outcome-unknown failure; a retry answered "unknown order" then returns status CANCELED_OR_CLOSED.
          Off (0) by default: never blind.
        - `clock`, `transport`: a VenueClock and an httpx transport of your own (tests, dry runs). By default
          cancelkit's HTTP11Transport sends, or httpx's own where the environment sets a proxy for the venue.
        """
        self._adapter: VenueAdapter = adapter_for(venue)
        name = self._adapter.name
        if microseconds and name != "binance":
            raise InvalidArgument("microsecond timestamps are Binance's only", venue=name)
        if max_concurrency < 1 or max_connections < 1:
            raise InvalidArgument("max_concurrency and max_connections must be at least 1", venue=name)
        if retry_outcome_unknown < 0:
            raise InvalidArgument("retry_outcome_unknown must not be negative", venue=name)
        self.retry_outcome_unknown = retry_outcome_unknown
        window = None if recv_window is None else self._adapter.recv_window(recv_window)
        if base_url is None:
            if environment not in self._adapter.base_urls:
                known = ", ".join(self._adapter.base_urls)
                raise ConfigurationError(f"{name} has no {environment!r} environment; it has {known}", venue=name)
            base_url = self._adapter.base_urls[environment]
        self.base_url = base_url
        self.clock = clock or VenueClock(use_venue_time=time_sync, max_age=clock_max_age, microseconds=microseconds)
        self.auth = self._adapter.auth_class(credentials or Credentials.from_env(name), self.clock, recv_window=window)
        self.timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self.max_concurrency = max_concurrency
        self.max_connections = max_connections
        self.transport = transport
        self.generated_client = self._adapter.client_class(base_url=base_url, timeout=self.timeout)
        install_log_redaction()

    @property
    def venue(self) -> str:
        return self._adapter.name

    def __repr__(self) -> str:
        return f"{type(self).__name__}(venue={self.venue!r}, base_url={self.base_url!r})"

    def _http_options(self, engine: type[HTTP11Transport | AsyncHTTP11Transport]) -> dict[str, Any]:
        limits = httpx.Limits(max_connections=self.max_connections, max_keepalive_connections=self.max_connections)
        transport = self.transport
        if transport is None and not behind_proxy(self.base_url):
            transport = engine(limits=limits)
        return {
            "base_url": self.base_url,
            "auth": self.auth,
            "timeout": self.timeout,
            "headers": {"User-Agent": USER_AGENT},
            "follow_redirects": False,
            "limits": limits,
            **({"transport": transport} if transport is not None else {}),
        }

    def _batch_size(self, order_ids: Sequence[object], client_order_ids: Sequence[object]) -> int:
        return len(order_ids) or len(client_order_ids)

    def _single_calls(
        self, symbol: object, order_ids: Sequence[object], client_order_ids: Sequence[object]
    ) -> list[Call[CancelResult]]:
        """One cancel per id, all checked before any is sent."""
        ids, client_ids = self._adapter.batch_ids(order_ids, client_order_ids)
        calls = [self._adapter.cancel_order(symbol, i, None, None, None) for i in ids]
        return calls + [self._adapter.cancel_order(symbol, None, c, None, None) for c in client_ids]

    def _no_connection(self, call: Call[Any]) -> ConnectionFailed:
        return ConnectionFailed(
            f"no connection to {self.venue} came free within {self.timeout.pool} s; nothing was sent",
            venue=self.venue,
            **call.context,
        )

    def _log(self, call: Call[Any], outcome: object) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("%s %s %s -> %r", self.venue, call.endpoint.__name__.rsplit(".", 1)[-1], call.context, outcome)


class _Retries:
    """The caller's opt-in retries after an outcome-unknown failure, shared by the sync and async clients."""

    def __init__(self, adapter: VenueAdapter, call: Call[Any], limit: int) -> None:
        self.adapter, self.call = adapter, call
        self.left = limit if call.single_order else 0
        self.retried = False

    def after(self, error: CancelKitError) -> CancelResult | None:
        """None: send again. A result: a retry found the order gone. Otherwise the error is raised."""
        if isinstance(error, OutcomeUnknown) and self.left > 0:
            self.left -= 1
            self.retried = True
            logger.info("%s: %s; sending the same cancel again, as the caller opted in", self.adapter.name, error)
            return None
        if isinstance(error, OrderNotFound) and self.retried:
            return self.adapter.closed_result(self.call, error)
        raise error


class CancelClient(_ClientBase):
    """Cancels on one venue, blocking. Thread-safe; reuses connections; close it, or use it as a context manager."""

    def __init__(self, venue: str, credentials: Credentials | None = None, **options: Any) -> None:
        super().__init__(venue, credentials, **options)
        self._http = VenueHTTPClient(**self._http_options(HTTP11Transport))
        self.generated_client.set_httpx_client(self._http)
        self._clock_lock = threading.Lock()
        self._in_flight = threading.BoundedSemaphore(self.max_connections)

    def cancel_order(
        self,
        symbol: str,
        *,
        order_id: int | str | None = None,
        client_order_id: str | None = None,
        new_client_order_id: str | None = None,
        restriction: str | None = None,
    ) -> CancelResult:
        """Cancel one order by its id or its client id. `restriction`: cancel only in that status (Binance
        ONLY_NEW/ONLY_PARTIALLY_FILLED, BingX NEW/PENDING/PARTIALLY_FILLED)."""
        call = self._adapter.cancel_order(symbol, order_id, client_order_id, new_client_order_id, restriction)
        return self._execute(call)

    def cancel_open_orders(self, symbol: str) -> list[CancelResult]:
        """Cancel every open order on a symbol (on Binance, order lists included, one result per order)."""
        return self._execute(self._adapter.cancel_open_orders(symbol))

    def cancel_order_list(
        self,
        symbol: str,
        *,
        order_list_id: int | str | None = None,
        list_client_order_id: str | None = None,
        new_client_order_id: str | None = None,
    ) -> OrderListCancelResult:
        """Cancel a whole order list (Binance OCO, OTO, OTOCO)."""
        call = self._adapter.cancel_order_list(symbol, order_list_id, list_client_order_id, new_client_order_id)
        return self._execute(call)

    def cancel_orders(
        self, symbol: str, order_ids: Sequence[int | str] = (), *, client_order_ids: Sequence[str] = ()
    ) -> BatchCancelResult:
        """Cancel several orders: BingX's batch endpoint, elsewhere single cancels sent at once. Never raises for
        one order: each outcome is a CancelResult or the CancelKitError that says what happened to that order."""
        batch = self._adapter.cancel_orders(symbol, order_ids, client_order_ids)
        if batch is not None:
            try:
                return self._execute(batch)
            except CancelKitError as error:
                return BatchCancelResult((error,) * self._batch_size(order_ids, client_order_ids))
        calls = self._single_calls(symbol, order_ids, client_order_ids)
        with ThreadPoolExecutor(max_workers=min(len(calls), self.max_concurrency)) as pool:
            return BatchCancelResult(tuple(pool.map(self._outcome, calls)))

    def sync_clock(self) -> float:
        """Measure the venue's clock now; returns the offset in milliseconds (venue minus local)."""
        with self._clock_lock:
            self._measure_clock()
        return self.clock.offset_ms

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def _outcome(self, call: Call[CancelResult]) -> CancelResult | CancelKitError:
        try:
            return self._execute(call)
        except CancelKitError as error:
            return error

    def _execute(self, call: Call[T]) -> T:
        if not (self.retry_outcome_unknown and call.single_order):
            return self._execute_once(call)
        retries = _Retries(self._adapter, call, self.retry_outcome_unknown)
        while True:
            try:
                return self._execute_once(call)
            except CancelKitError as error:
                closed = retries.after(error)
                if closed is not None:
                    return closed  # type: ignore[return-value]  # only single-order cancels are retried

    def _execute_once(self, call: Call[T]) -> T:
        self._ensure_clock()
        try:
            try:
                result = self._adapter.finish(call, self._send(call))
            except TimestampError:
                if not self.clock.use_venue_time:
                    raise
                # Rejected before it reached the order book: safe to send once more, timed afresh.
                self.clock.invalidate()
                self._ensure_clock()
                result = self._adapter.finish(call, self._send(call))
        except CancelKitError as error:
            self._log(call, error)
            raise
        self._log(call, result)
        return result

    def _send(self, call: Call[Any]) -> Any:
        # httpx signs (timestamps) a request before it waits for a connection: waiting here, unsigned, instead keeps
        # a request queued behind a burst from reaching the venue with a stale timestamp.
        free = self._in_flight.acquire(blocking=False) or self._in_flight.acquire(timeout=self.timeout.pool)
        if not free:
            raise self._no_connection(call)
        try:
            return call.endpoint.sync_detailed(client=self.generated_client, **call.kwargs)
        except httpx.HTTPError as exc:
            raise self._adapter.transport_error(exc, call.context) from exc
        except PARSE_ERRORS as exc:
            raise self._adapter.malformed(None, call.context, exc) from exc
        finally:
            self._in_flight.release()

    def _ensure_clock(self) -> None:
        if self.clock.needs_sync():
            with self._clock_lock:
                if self.clock.needs_sync():
                    self._measure_clock()

    def _measure_clock(self) -> None:
        sent_at = self.clock.wall()
        try:
            response = self._adapter.server_time_endpoint.sync_detailed(client=self.generated_client)
        except (httpx.HTTPError, *PARSE_ERRORS) as exc:
            raise self._adapter.clock_error(exc) from exc
        self.clock.record(self._adapter.server_time(response), sent_at, self.clock.wall())


class AsyncCancelClient(_ClientBase):
    """Cancels on one venue, with asyncio. Reuses connections; close it, or use it as an async context manager."""

    def __init__(self, venue: str, credentials: Credentials | None = None, **options: Any) -> None:
        super().__init__(venue, credentials, **options)
        self._http = AsyncVenueHTTPClient(**self._http_options(AsyncHTTP11Transport))
        self.generated_client.set_async_httpx_client(self._http)
        self._clock_lock = asyncio.Lock()
        self._in_flight = asyncio.Semaphore(self.max_connections)

    async def cancel_order(
        self,
        symbol: str,
        *,
        order_id: int | str | None = None,
        client_order_id: str | None = None,
        new_client_order_id: str | None = None,
        restriction: str | None = None,
    ) -> CancelResult:
        """Cancel one order by its id or its client id; see CancelClient.cancel_order."""
        call = self._adapter.cancel_order(symbol, order_id, client_order_id, new_client_order_id, restriction)
        return await self._execute(call)

    async def cancel_open_orders(self, symbol: str) -> list[CancelResult]:
        """Cancel every open order on a symbol; see CancelClient.cancel_open_orders."""
        return await self._execute(self._adapter.cancel_open_orders(symbol))

    async def cancel_order_list(
        self,
        symbol: str,
        *,
        order_list_id: int | str | None = None,
        list_client_order_id: str | None = None,
        new_client_order_id: str | None = None,
    ) -> OrderListCancelResult:
        """Cancel a whole order list (Binance)."""
        call = self._adapter.cancel_order_list(symbol, order_list_id, list_client_order_id, new_client_order_id)
        return await self._execute(call)

    async def cancel_orders(
        self, symbol: str, order_ids: Sequence[int | str] = (), *, client_order_ids: Sequence[str] = ()
    ) -> BatchCancelResult:
        """Cancel several orders; see CancelClient.cancel_orders."""
        batch = self._adapter.cancel_orders(symbol, order_ids, client_order_ids)
        if batch is not None:
            try:
                return await self._execute(batch)
            except CancelKitError as error:
                return BatchCancelResult((error,) * self._batch_size(order_ids, client_order_ids))
        calls = self._single_calls(symbol, order_ids, client_order_ids)
        slots = asyncio.Semaphore(self.max_concurrency)

        async def outcome(call: Call[CancelResult]) -> CancelResult | CancelKitError:
            async with slots:
                try:
                    return await self._execute(call)
                except CancelKitError as error:
                    return error

        return BatchCancelResult(tuple(await asyncio.gather(*(outcome(call) for call in calls))))

    async def sync_clock(self) -> float:
        """Measure the venue's clock now; returns the offset in milliseconds (venue minus local)."""
        async with self._clock_lock:
            await self._measure_clock()
        return self.clock.offset_ms

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        await self.aclose()

    async def _execute(self, call: Call[T]) -> T:
        if not (self.retry_outcome_unknown and call.single_order):
            return await self._execute_once(call)
        retries = _Retries(self._adapter, call, self.retry_outcome_unknown)
        while True:
            try:
                return await self._execute_once(call)
            except CancelKitError as error:
                closed = retries.after(error)
                if closed is not None:
                    return closed  # type: ignore[return-value]  # only single-order cancels are retried

    async def _execute_once(self, call: Call[T]) -> T:
        await self._ensure_clock()
        try:
            try:
                result = self._adapter.finish(call, await self._send(call))
            except TimestampError:
                if not self.clock.use_venue_time:
                    raise
                # Rejected before it reached the order book: safe to send once more, timed afresh.
                self.clock.invalidate()
                await self._ensure_clock()
                result = self._adapter.finish(call, await self._send(call))
        except CancelKitError as error:
            self._log(call, error)
            raise
        self._log(call, result)
        return result

    async def _send(self, call: Call[Any]) -> Any:
        # Wait for a turn before httpx signs the request; see CancelClient._send.
        try:
            await asyncio.wait_for(self._in_flight.acquire(), timeout=self.timeout.pool)
        except TimeoutError:
            raise self._no_connection(call) from None
        try:
            return await call.endpoint.asyncio_detailed(client=self.generated_client, **call.kwargs)
        except httpx.HTTPError as exc:
            raise self._adapter.transport_error(exc, call.context) from exc
        except PARSE_ERRORS as exc:
            raise self._adapter.malformed(None, call.context, exc) from exc
        finally:
            self._in_flight.release()

    async def _ensure_clock(self) -> None:
        if self.clock.needs_sync():
            async with self._clock_lock:
                if self.clock.needs_sync():
                    await self._measure_clock()

    async def _measure_clock(self) -> None:
        sent_at = self.clock.wall()
        try:
            response = await self._adapter.server_time_endpoint.asyncio_detailed(client=self.generated_client)
        except (httpx.HTTPError, *PARSE_ERRORS) as exc:
            raise self._adapter.clock_error(exc) from exc
        self.clock.record(self._adapter.server_time(response), sent_at, self.clock.wall())
