"""The async facade, AsyncCancelClient: the sync client's methods, with asyncio (see _facade.py). A module of its own
so that `from cancelkit import CancelClient` never imports asyncio."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping, Sequence
from types import ModuleType, TracebackType
from typing import Any, Self

import httpx
from cancelkit_models import CancelResult, DeadManSwitch, Order, OrderListCancelResult

from ._errors import CancelKitError, ConfigurationError, OutcomeUnknown, TimestampError
from ._facade import LISTING_TRIES, ROUND_PAUSE, T, _cause, _ClientBase
from ._http import AsyncVenueHTTPClient
from ._resolution import Flow, Learned, Pause, resolve_cancel
from ._results import BatchCancelResult, CancelAllReport
from ._transport_async import AsyncHTTP11Transport
from ._venues import Call

__all__ = ["AsyncCancelClient"]


class AsyncCancelClient(_ClientBase):
    """Cancels on one venue, with asyncio. Reuses connections; close it, or use it as an async context manager."""

    _http: AsyncVenueHTTPClient
    _loop: asyncio.AbstractEventLoop | None = None

    def _open(self) -> None:
        self._http = AsyncVenueHTTPClient(**self._http_options(AsyncHTTP11Transport))
        self.generated_client.set_async_httpx_client(self._http)
        self._clock_lock = asyncio.Lock()
        self._in_flight = asyncio.Semaphore(self.max_connections)

    def _bind_loop(self) -> None:
        """The client's connections, locks and semaphores belong to the event loop that first used it: refuse
        another loop before anything is sent."""
        loop = asyncio.get_running_loop()
        if self._loop is None:
            self._loop = loop
        elif self._loop is not loop:
            raise ConfigurationError(
                "this AsyncCancelClient was first used in another event loop; make one client per event loop",
                venue=self.venue,
            )

    async def cancel_order(
        self,
        symbol: str,
        *,
        order_id: int | str | None = None,
        client_order_id: str | None = None,
        new_client_order_id: str | None = None,
        restriction: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> CancelResult:
        """Cancel one order by its id or its client id; see CancelClient.cancel_order."""
        call = self._adapter.cancel_order(symbol, order_id, client_order_id, new_client_order_id, restriction, params)
        return await self._execute(call)

    async def cancel_open_orders(
        self, symbol: str, *, params: Mapping[str, object] | None = None
    ) -> list[CancelResult]:
        """Cancel every open order on a symbol; see CancelClient.cancel_open_orders."""
        return await self._execute(self._adapter.cancel_open_orders(symbol, params))

    async def cancel_order_list(
        self,
        symbol: str,
        *,
        order_list_id: int | str | None = None,
        list_client_order_id: str | None = None,
        new_client_order_id: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> OrderListCancelResult:
        """Cancel a whole order list (Binance)."""
        call = self._adapter.cancel_order_list(symbol, order_list_id, list_client_order_id, new_client_order_id, params)
        return await self._execute(call)

    async def cancel_orders(
        self,
        symbol: str,
        order_ids: Sequence[int | str] = (),
        *,
        client_order_ids: Sequence[str] = (),
        params: Mapping[str, object] | None = None,
    ) -> BatchCancelResult:
        """Cancel several orders; see CancelClient.cancel_orders."""
        self._bind_loop()
        batch = self._adapter.cancel_orders(symbol, order_ids, client_order_ids, params)
        calls = self._single_calls(symbol, order_ids, client_order_ids, params)
        slots = asyncio.Semaphore(self.max_concurrency)

        async def outcome(call: Call[CancelResult]) -> CancelResult | CancelKitError:
            async with slots:
                try:
                    return await self._execute(call)
                except CancelKitError as error:
                    return error

        if batch is None:
            return BatchCancelResult(tuple(await asyncio.gather(*(outcome(call) for call in calls))))
        try:
            outcomes = (await self._execute(batch)).outcomes
        except CancelKitError as error:
            outcomes = (error,) * len(calls)

        until = time.monotonic() + self.resolve_deadline  # one deadline for the whole batch

        async def settle(i: int) -> CancelResult | CancelKitError:
            async with slots:
                return await self._settle(calls[i], outcomes[i], until)

        unsettled = self._unsettled_in(outcomes, calls)
        settled = dict(zip(unsettled, await asyncio.gather(*(settle(i) for i in unsettled)), strict=True))
        return BatchCancelResult(tuple(settled.get(i, outcome) for i, outcome in enumerate(outcomes)))

    async def get_order(
        self, symbol: str, *, order_id: int | str | None = None, client_order_id: str | None = None
    ) -> Order:
        """The order as the venue reports it now; see CancelClient.get_order."""
        return await self._execute(self._adapter.get_order(symbol, order_id, client_order_id))

    async def open_orders(self, symbol: str | None = None) -> list[Order]:
        """The open orders on `symbol`, or on every symbol (None)."""
        return await self._execute(self._adapter.open_orders(symbol))

    async def dead_man_switch(self, seconds: int | None) -> DeadManSwitch:
        """BingX's cancel-all-after; see CancelClient.dead_man_switch."""
        return await self._execute(self._adapter.dead_man_switch(seconds))

    async def cancel_all(
        self,
        symbols: Sequence[str] | None = None,
        *,
        rounds: int = 3,
        progress: Callable[[str], object] | None = None,
    ) -> CancelAllReport:
        """Cancel every open order on the venue and verify it; see CancelClient.cancel_all."""
        self._bind_loop()
        wanted, sweep = self._sweep(symbols, rounds)
        slots = asyncio.Semaphore(self.max_concurrency)

        async def cancel_symbol(symbol: str) -> list[CancelResult] | CancelKitError:
            async with slots:
                try:
                    return await self._execute_once(self._adapter.cancel_open_orders(symbol))
                except CancelKitError as error:
                    return error

        async def fate(symbol: str, order_id: str) -> CancelResult | Order | CancelKitError:
            async with slots:
                try:
                    return self._judged(await self._execute(self._adapter.get_order(symbol, order_id, None)))
                except CancelKitError as error:
                    return error

        error: CancelKitError | None = None
        while True:
            try:
                todo = sweep.listed(await self._listing(wanted))
                error = None
            except CancelKitError as failure:
                error = failure
                sweep.listing_failed()
                todo = list(wanted) if wanted is not None and sweep.rounds == 0 else []
            if progress is not None:
                progress(sweep.progress() if error is None else f"the open orders cannot be listed: {error.message}")
            if not todo or sweep.rounds == rounds:
                break
            if sweep.rounds:
                await asyncio.sleep(ROUND_PAUSE)  # a listing right after a cancel may not show it yet
            sweep.rounds += 1
            for symbol, outcome in zip(todo, await asyncio.gather(*map(cancel_symbol, todo)), strict=True):
                sweep.answered(symbol, outcome)
        pending = sweep.pending()
        fates = await asyncio.gather(*(fate(*seen) for seen in pending))
        for (symbol, order_id), found in zip(pending, fates, strict=True):
            sweep.settled(symbol, order_id, found)
        return sweep.report(error, listed=error is None)

    async def _listing(self, wanted: list[str] | None) -> list[Order]:
        """The open orders, asked again after a failure; see CancelClient._listing."""
        for attempt in range(LISTING_TRIES):
            try:
                if wanted is None:
                    return await self._execute_once(self._adapter.open_orders(None))
                return [o for symbol in wanted for o in await self._execute_once(self._adapter.open_orders(symbol))]
            except CancelKitError as error:
                if attempt == LISTING_TRIES - 1 or not (error.retryable or error.may_have_canceled):
                    raise
                await asyncio.sleep(ROUND_PAUSE * (attempt + 1))
        raise AssertionError("unreachable")

    async def _settle(
        self, call: Call[CancelResult], outcome: CancelResult | CancelKitError, until: float
    ) -> CancelResult | CancelKitError:
        assert isinstance(outcome, OutcomeUnknown)
        learned = Learned()
        learned.add("the cancel", outcome)
        try:
            flow = resolve_cancel(self._adapter, call, learned)
            result: CancelResult = await self._drive(flow, learned, call, outcome, until)
        except CancelKitError as error:
            return error
        return result

    async def sync_clock(self) -> float:
        """Measure the venue's clock now; returns the offset in milliseconds (venue minus local)."""
        self._bind_loop()
        async with self._clock_lock:
            await self._measure_clock()
        return self.clock.offset_ms

    async def aclose(self) -> None:
        """Close the connections; in the event loop that used the client (another one cannot close them)."""
        if self._loop is not None:
            self._bind_loop()
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        await self.aclose()

    async def _execute(self, call: Call[T]) -> T:
        self._bind_loop()
        try:
            return await self._execute_once(call)
        except OutcomeUnknown as error:
            flow = self._resolution(call, error)
            if flow is None:
                raise
            return await self._drive(flow[0], flow[1], call, error)  # type: ignore[no-any-return]

    async def _drive(
        self, flow: Flow, learned: Learned, call: Call[Any], error: OutcomeUnknown, until: float | None = None
    ) -> Any:
        """Run a resolution flow (see _resolution.py) until it answers or its deadline passes."""
        until = until if until is not None else time.monotonic() + self.resolve_deadline
        try:
            step = next(flow)
            while True:
                left = until - time.monotonic()
                if left <= 0:
                    raise self._unsettled(call, error, learned)
                if isinstance(step, Pause):
                    await asyncio.sleep(min(step.seconds, left))
                    step = flow.send(None)
                    continue
                try:
                    outcome: Any = await self._execute_once(step, min(until, time.monotonic() + self.deadline))
                except CancelKitError as failure:
                    outcome = failure
                step = flow.send(outcome)
        except StopIteration as answered:
            return answered.value

    async def _execute_once(self, call: Call[T], deadline: float | None = None) -> T:
        deadline = deadline if deadline is not None else time.monotonic() + self.deadline
        try:
            if self.clock.needs_sync():  # checked here first: most calls need no clock sync, and no coroutine for it
                await self._ensure_clock(deadline)
            try:
                result = self._adapter.finish(call, await self._send(call, deadline))
            except TimestampError:
                if not self.clock.use_venue_time:
                    raise
                # Rejected before it reached the order book: safe to send once more, timed afresh.
                self.clock.invalidate()
                await self._ensure_clock(deadline)
                result = self._adapter.finish(call, await self._send(call, deadline))
        except CancelKitError as error:
            self._log(call, error)
            raise
        self._log(call, result)
        return result

    async def _send(self, call: Call[Any], deadline: float) -> Any:
        self._check_rate_limit(call.context)
        request_kwargs = self._request_kwargs(call.endpoint, call.kwargs, call.context)
        # Wait for a turn before the request is signed; see CancelClient._send.
        if self._in_flight.locked():
            wait = self._left(deadline, self.timeout.pool)
            try:
                async with asyncio.timeout(wait):
                    await self._in_flight.acquire()
            except TimeoutError:
                raise self._no_connection(call.context, wait) from None
        else:
            await self._in_flight.acquire()
        try:
            self._check_rate_limit(call.context)  # again: the venue may have said to wait while this one queued
            return await self._round_trip(call.endpoint, request_kwargs, deadline, call.context)
        finally:
            self._in_flight.release()

    async def _round_trip(
        self, endpoint: ModuleType, request_kwargs: dict[str, Any], deadline: float, context: dict[str, Any]
    ) -> Any:
        """Sign, send and read one request; see CancelClient._round_trip."""
        if self._http.is_closed:
            raise self._closed(context)
        target = self._lean_target(request_kwargs)
        if target is None:
            request = self._build(request_kwargs, deadline, context)
            try:
                response = await self._http.send(request)
            except httpx.HTTPError as exc:
                raise self._adapter.transport_error(exc, context) from exc
            return self._read(endpoint, response, context)
        wire = self._wire
        assert isinstance(wire, AsyncHTTP11Transport)
        try:
            data = self._writer.request(*target)
            shared = self.transport is not None
            reader = await wire.exchange(self._writer.origin, data, self._timeouts, deadline, slotted=shared)
        except httpx.HTTPError as exc:
            raise self._adapter.transport_error(exc, context) from exc
        return self._read_bytes(endpoint, reader, data, context)

    async def _ensure_clock(self, deadline: float) -> None:
        if self.clock.needs_sync():
            async with self._clock_lock:
                if self.clock.needs_sync():
                    await self._measure_clock(deadline)

    async def _measure_clock(self, deadline: float | None = None) -> None:
        endpoint = self._adapter.server_time_endpoint
        self._check_rate_limit({})
        request_kwargs = self._request_kwargs(endpoint, {}, {})
        deadline = deadline or time.monotonic() + self.deadline
        wait = self._left(deadline, self.timeout.pool)  # a clock sync takes a turn like any request
        try:
            async with asyncio.timeout(wait):
                await self._in_flight.acquire()
        except TimeoutError:
            raise self._adapter.clock_error(f"no connection came free within {wait:g} s") from None
        try:
            sent_at = self.clock.wall()
            response = await self._round_trip(endpoint, request_kwargs, deadline, {})
        except CancelKitError as exc:
            raise self._adapter.clock_error(_cause(exc)) from exc
        finally:
            self._in_flight.release()
        self.clock.record(self._adapter.server_time(response), sent_at, self.clock.wall())
