"""The unified facade: the same methods on every venue, in a sync and an async client.

Both clients share the venue adapters (argument checks, mapping, results, errors), the signer and the clock; they
differ only in how a request is sent. Every cancel returns a result or raises a CancelKitError.
"""

from __future__ import annotations

import logging
import math
import os
import ssl
import threading
import time
import weakref
from collections.abc import Callable, Mapping, Sequence
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import httpx

from ._clock import VenueClock
from ._errors import (
    PARSE_ERRORS,
    CancelKitError,
    ConfigurationError,
    ConnectionFailed,
    InvalidArgument,
    OutcomeUnknown,
    RateLimited,
    TimestampError,
)
from ._http import (
    VenueHTTPClient,
    _CookiesWhenSet,
    checked_base_url,
    checked_proxy,
    checked_verify,
    environment_proxy,
)
from ._lean import RequestWriter, header_map
from ._ratelimit import RATE_LIMITS
from ._redact import install_log_redaction
from ._transport import DEADLINE_EXTENSION, DEFAULT_MAX_ANSWER_BYTES, HTTP11Transport, Slots, _PoolBase
from ._transport_wire import ResponseReader
from ._version import user_agent

# What a client needs only once it does more than cancel (batches, sweeps, settling a lost answer) is imported there,
# and a venue's adapter, models and generated client when a client of that venue is made: `from cancelkit import
# CancelClient` costs little more than `import httpx` (`make bench` measures it).
if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor
    from decimal import Decimal

    from cancelkit_models import CancelResult, DeadManSwitch, Order, OrderListCancelResult, Venue

    from ._credentials import Credentials
    from ._ratelimit import RateLimitStatus
    from ._resolution import Flow, Learned
    from ._results import BatchCancelResult, CancelAllReport
    from ._sweep import Sweep
    from ._transport_async import AsyncHTTP11Transport
    from ._venues import Call, VenueAdapter, VenueName

T = TypeVar("T")
logger = logging.getLogger("cancelkit")
httpx_logger = logging.getLogger("httpx")  # the lean path logs each request there too, as httpx.Client does

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
# The most a facade call may take, whatever the network does: a venue trickling its answer a byte at a time would
# otherwise hold it for as long as each read stays within the read timeout.
DEFAULT_DEADLINE = 30.0
ROUND_PAUSE = 0.25  # seconds between a sweep's rounds, and between tries of a listing
LISTING_TRIES = 3
DEFAULT_RESOLVE_DEADLINE = 10.0  # how long a lost answer is chased: queries, listings, a cancel sent again


class _ClientBase:
    """What the sync and async clients share: the venue, the signer, the clock and the generated client."""

    _http: httpx.Client | httpx.AsyncClient

    def __init__(
        self,
        venue: VenueName | Venue,
        credentials: Credentials | None = None,
        *,
        environment: str = "production",
        base_url: str | None = None,
        recv_window: int | str | Decimal | None = None,
        time_sync: bool = True,
        clock_max_age: float = 300.0,
        microseconds: bool = False,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        max_concurrency: int = 16,
        max_connections: int = 100,
        clock: VenueClock | None = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        proxy: str | httpx.URL | httpx.Proxy | None = None,
        verify: bool | str | os.PathLike[str] | ssl.SSLContext = True,
        resolve_unknown: bool = True,
        resolve_deadline: float = DEFAULT_RESOLVE_DEADLINE,
    ) -> None:
        """A client of one venue. Every option is checked here, before anything is sent.

        - `venue`: "binance", "mexc" or "bingx".
        - `credentials`: read from the environment when not given (see Credentials.from_env).
        - `environment`: "production", or "testnet"/"demo" where the venue has one; `base_url` overrides it (a
          simulator, a proxy). A base URL carries no user name or password.
        - `recv_window`: milliseconds a request stays valid, sent with every cancel (at most 60000).
        - `time_sync`: sign against the venue's clock, measured from its server-time endpoint every
          `clock_max_age` seconds, and resync and resend once after a timestamp rejection. False: the local clock.
        - `microseconds`: Binance timestamps in microseconds.
        - `timeout`: httpx's, finite by default; `pool` bounds the wait for a free connection.
        - `deadline`: seconds a request may take, clock sync and a resend after a timestamp rejection included
          (30 by default); past it the call raises as a timeout at that point would. Settling a lost answer
          takes at most `resolve_deadline` more; a batch's settling shares one.
        - `max_answer_bytes`: the largest answer read, after decompression (4 MiB); a larger one is a
          MalformedResponse.
        - `max_connections`: the connection pool's size and how many requests are in flight at once; more wait,
          unsigned, for a turn. `max_concurrency`: how many single cancels cancel_orders sends at once.
        - `resolve_unknown`: after a cancel whose answer was lost (an OutcomeUnknown), ask the venue what became of
          the order, for at most `resolve_deadline` seconds (10 by default): canceled, closed otherwise
          (OrderNotFound with the order), or still open (the cancel is sent again, the order being provably open).
          False: raise the OutcomeUnknown at once.
        - `proxy`: an http:// proxy (CONNECT for https venues; `http://user:password@host:port` for Basic
          authentication), or an https:// or socks5:// one (through httpx's transport). Not given: the
          environment's (HTTPS_PROXY, ALL_PROXY, less NO_PROXY), as curl and httpx read it.
        - `verify`: True (certifi's CAs, as httpx), a CA bundle's path, an ssl.SSLContext, or False (never in
          production).
        - `clock`, `transport`: a VenueClock and an httpx transport of your own (tests, dry runs). By default
          cancelkit's HTTP11Transport sends.
        """
        from ._credentials import Credentials
        from ._venues import adapter_for

        self._adapter: VenueAdapter = adapter_for(venue)
        name = self._adapter.name
        for option, flag in (("time_sync", time_sync), ("microseconds", microseconds)):
            if not isinstance(flag, bool):
                raise InvalidArgument(f"{option} must be True or False, got {flag!r}", venue=name)
        _positive_seconds("clock_max_age", clock_max_age, name)
        if clock is not None and not isinstance(clock, VenueClock):
            raise InvalidArgument(f"clock must be a cancelkit.VenueClock, got {type(clock).__name__}", venue=name)
        if microseconds and name != "binance":
            raise InvalidArgument("microsecond timestamps are Binance's only", venue=name)
        for option, value in (("max_concurrency", max_concurrency), ("max_connections", max_connections)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InvalidArgument(f"{option} must be an int of at least 1, got {value!r}", venue=name)
        if not isinstance(resolve_unknown, bool):
            raise InvalidArgument(f"resolve_unknown must be True or False, got {resolve_unknown!r}", venue=name)
        self.resolve_unknown = resolve_unknown
        self.resolve_deadline = _positive_seconds("resolve_deadline", resolve_deadline, name)
        self.deadline = _positive_seconds("deadline", deadline, name)
        if isinstance(max_answer_bytes, bool) or not isinstance(max_answer_bytes, int) or max_answer_bytes < 1024:
            raise InvalidArgument(
                f"max_answer_bytes must be an int of at least 1024, got {max_answer_bytes!r}", venue=name
            )
        self.max_answer_bytes = max_answer_bytes
        window = None if recv_window is None else self._adapter.recv_window(recv_window)
        if base_url is None:
            if not isinstance(environment, str) or environment not in self._adapter.base_urls:
                known = ", ".join(self._adapter.base_urls)
                raise ConfigurationError(f"{name} has no {environment!r} environment; it has {known}", venue=name)
            base_url = self._adapter.base_urls[environment]
        self.base_url = checked_base_url(base_url, name)
        if credentials is None:
            credentials = Credentials.from_env(name)
        elif not isinstance(credentials, Credentials):
            raise ConfigurationError(
                f"credentials must be a cancelkit.Credentials, got {type(credentials).__name__}", venue=name
            )
        self.clock = clock or VenueClock(use_venue_time=time_sync, max_age=clock_max_age, microseconds=microseconds)
        self.auth = self._adapter.auth_class(credentials, self.clock, recv_window=window)
        self.timeout = _checked_timeout(timeout, name)
        self.max_concurrency = max_concurrency
        self.max_connections = max_connections
        self.transport = transport
        self.proxy = checked_proxy(proxy if proxy is not None else environment_proxy(self.base_url), name)
        self.verify = checked_verify(verify, name)
        self.generated_client = self._adapter.client_class(base_url=self.base_url, timeout=self.timeout)
        self._rate_key = (name, self.base_url)
        install_log_redaction()
        self._wire: _PoolBase | None = None  # cancelkit's own transport, set by _http_options
        self._timeouts = self.timeout.as_dict()
        self._open()
        # The lean path (_lean.py): requests written as bytes and sent through cancelkit's transport directly.
        self._writer = RequestWriter(self._http, self.auth)
        cookies = self._http._cookies  # httpx.Client keeps its jar there; VenueHTTPClient made it (see _http.py)
        assert isinstance(cookies, _CookiesWhenSet)
        self._cookies = cookies

    def _open(self) -> None:
        """Make the HTTP client and the locks: the sync and async clients' own."""
        raise NotImplementedError

    @property
    def venue(self) -> str:
        return self._adapter.name

    def release_rate_limit_hold(self) -> None:
        """Send again at once to this venue and base URL, from every client of the process, although the venue
        asked to wait (after moving to another IP, say). Binance bans clients that keep sending for longer."""
        RATE_LIMITS.clear(self._rate_key)

    @property
    def rate_limits(self) -> RateLimitStatus:
        """The last rate-limit figures the venue reported to any client of this process for this base URL (used
        weight, order counts, requests remaining) and how long requests are held back after a 429 or a ban."""
        return RATE_LIMITS.status(self._rate_key)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(venue={self.venue!r}, base_url={self.base_url!r})"

    def _http_options(self, engine: type[HTTP11Transport | AsyncHTTP11Transport]) -> dict[str, Any]:
        limits = httpx.Limits(max_connections=self.max_connections, max_keepalive_connections=self.max_connections)
        transport = self.transport
        if transport is None:
            try:
                transport = engine(
                    limits=limits, max_answer_bytes=self.max_answer_bytes, proxy=self.proxy, verify=self.verify
                )
            except ImportError:  # httpx's SOCKS support is an extra
                raise ConfigurationError("a socks5 proxy needs `pip install httpx[socks]`", venue=self.venue) from None
            except (ssl.SSLError, OSError, ValueError) as exc:  # verify names no CA bundle it can load
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
                raise ConfigurationError(
                    f"verify cannot be loaded as CA certificates ({reason})", venue=self.venue
                ) from None
        if isinstance(transport, engine):  # cancelkit's own, of this client's kind: the lean path may send through it
            self._wire = transport
        return {
            "base_url": self.base_url,
            "auth": self.auth,
            "timeout": self.timeout,
            "headers": {"User-Agent": user_agent()},
            "follow_redirects": False,
            "limits": limits,
            **({"transport": transport} if transport is not None else {}),
        }

    def _single_calls(
        self,
        symbol: object,
        order_ids: Sequence[object],
        client_order_ids: Sequence[object],
        params: Mapping[str, object] | None,
    ) -> list[Call[CancelResult]]:
        """One cancel per id, all checked before any is sent."""
        ids, client_ids = self._adapter.batch_ids(order_ids, client_order_ids)
        calls = [self._adapter.cancel_order(symbol, i, None, None, None, params) for i in ids]
        return calls + [self._adapter.cancel_order(symbol, None, c, None, None, params) for c in client_ids]

    def _no_connection(self, context: dict[str, Any], waited: float | None) -> ConnectionFailed:
        return ConnectionFailed(
            f"no connection to {self.venue} came free within {waited} s; nothing was sent",
            venue=self.venue,
            **context,
        )

    def _sweep(self, symbols: Sequence[str] | None, rounds: int) -> tuple[list[str] | None, Sweep]:
        """cancel_all()'s arguments, checked before anything is sent, and its bookkeeping."""
        if isinstance(rounds, bool) or not isinstance(rounds, int) or rounds < 1:
            raise InvalidArgument(f"rounds must be an int of at least 1, got {rounds!r}", venue=self.venue)
        if isinstance(symbols, str):
            raise InvalidArgument("give the symbols as a list, not a single string", venue=self.venue)
        wanted = None if symbols is None else list(dict.fromkeys(self._adapter.symbol(s) for s in symbols))
        if wanted is not None and not wanted:
            raise InvalidArgument("give at least one symbol, or None for every symbol", venue=self.venue)
        from ._sweep import Sweep

        return wanted, Sweep(self.venue, wanted)

    def _judged(self, order: Order) -> CancelResult | Order | CancelKitError:
        """What a query says of an order a sweep saw open: canceled, closed otherwise, or (still open) unknown."""
        if self._adapter.is_canceled(order.status):
            return self._adapter.result_from_order(order, "query")
        if self._adapter.is_closed(order.status):
            return order
        state = "still open" if self._adapter.is_open(order.status) else "in a status cancelkit does not know"
        return OutcomeUnknown(
            f"order {order.order_id} is {state} ({order.status}) after the sweep", venue=self.venue, symbol=order.symbol
        )

    def _unsettled_in(
        self, outcomes: Sequence[CancelResult | CancelKitError], calls: Sequence[Call[CancelResult]]
    ) -> list[int]:
        """The outcomes of a batch that a lost answer left unknown, to settle by asking the venue."""
        if not self.resolve_unknown or len(outcomes) != len(calls):
            return []
        return [i for i, outcome in enumerate(outcomes) if isinstance(outcome, OutcomeUnknown)]

    def _resolution(self, call: Call[Any], error: OutcomeUnknown) -> tuple[Flow, Learned] | None:
        """The flow that settles a lost answer to `call`, or None where it is not settled (resolve_unknown=False,
        or a call that is not a cancel)."""
        if not self.resolve_unknown or call.resolve is None:
            return None
        from ._resolution import Learned, resolve_cancel, resolve_open_orders

        learned = Learned()
        learned.add("the cancel", error)
        if call.resolve == "cancel":
            return resolve_cancel(self._adapter, call, learned), learned
        return resolve_open_orders(self._adapter, call, learned), learned

    def _unsettled(self, call: Call[Any], error: OutcomeUnknown, learned: Learned) -> OutcomeUnknown:
        """The first error, with what asking the venue learned before the resolution's deadline."""
        asked = learned.steps[1:]
        last = f"{len(asked)} answers, the last: {asked[-1]}" if asked else "no answer"
        return OutcomeUnknown(
            f"{error.message}; not settled within {self.resolve_deadline:g} s of asking {self.venue} ({last})",
            learned=tuple(learned.steps),
            verified_empty=False if call.resolve == "open_orders" else None,
            venue=self.venue,
            code=error.code,
            http_status=error.http_status,
            **call.context,
        )

    def _check_rate_limit(self, context: dict[str, Any]) -> None:
        """Raise RateLimited, before anything is sent, while the venue has asked this process to wait."""
        held = RATE_LIMITS.held_for(self._rate_key)
        if held is not None:
            left, banned = held
            raise RateLimited(
                f"{self.venue} asked to wait {left:.1f} s more ({'banned' if banned else 'rate limited'});"
                " nothing was sent",
                retry_after=left,
                banned=banned,
                venue=self.venue,
                **context,
            )

    def _request_kwargs(self, endpoint: ModuleType, kwargs: dict[str, Any], context: dict[str, Any]) -> Any:
        """The generated endpoint's request: method, URL and any body or headers. A failure here is never "may have
        canceled": nothing was sent."""
        try:
            return endpoint.request_kwargs(**kwargs)
        except CancelKitError:
            raise
        except Exception as exc:
            raise self._adapter.not_built(exc, context) from exc

    def _lean_target(self, request_kwargs: dict[str, Any]) -> tuple[str, str, str, bool] | None:
        """Where the request is written as bytes (the lean path): its method, path, query and whether it is signed;
        None where it goes through httpx: another transport, a test double patched in, cookies a venue set."""
        wire = self._wire
        if wire is None or self._cookies.ever_set or not wire.takes_bytes(self._writer.scheme):
            return None
        return self._writer.target(request_kwargs)

    def _build(self, request_kwargs: dict[str, Any], deadline: float, context: dict[str, Any]) -> httpx.Request:
        """The httpx request, unsigned (httpx.Auth signs it when it is sent)."""
        try:
            request = self._http.build_request(**request_kwargs)
        except CancelKitError:
            raise
        except Exception as exc:
            raise self._adapter.not_built(exc, context) from exc
        request.extensions[DEADLINE_EXTENSION] = deadline
        return request

    def _read(self, endpoint: ModuleType, response: httpx.Response, context: dict[str, Any]) -> Any:
        """The generated response of an httpx answer: the only step whose failure is a malformed answer."""
        try:
            parsed = endpoint.build_response(client=self.generated_client, response=response)
        except PARSE_ERRORS as exc:
            raise self._adapter.malformed(response.status_code, context, exc) from exc
        self._observe(parsed)
        return parsed

    def _read_bytes(self, endpoint: ModuleType, reader: ResponseReader, sent: bytes, context: dict[str, Any]) -> Any:
        """The generated response of an answer on the lean path (to the request `sent`), read by the same generated
        code."""
        headers = header_map(reader.headers)
        log = httpx_logger.isEnabledFor(logging.INFO)
        if log or "set-cookie" in headers:
            method, target = sent.split(b" ", 2)[:2]
            url = self._writer.base_url + target.decode("ascii")
            if log:  # as httpx.Client logs it; the signature is redacted by the filter on httpx's logger
                status, version, reason = reader.status, reader.http_version, reader.reason.decode("ascii", "replace")
                httpx_logger.info('HTTP Request: %s %s "HTTP/%s %d %s"', method.decode(), url, version, status, reason)
            if (
                "set-cookie" in headers
            ):  # kept as httpx keeps them; the next requests go through httpx, which sends them
                request = httpx.Request(method.decode(), url)
                response = httpx.Response(reader.status, headers=reader.headers, request=request)
                self._http.cookies.extract_cookies(response)
        try:
            parsed = endpoint.read_answer(reader.status, reader.content, headers)
        except PARSE_ERRORS as exc:
            raise self._adapter.malformed(reader.status, context, exc) from exc
        self._observe(parsed)
        return parsed

    def _observe(self, parsed: Any) -> None:
        """Keep the answer's rate-limit figures, and hold requests back when it says to wait."""
        status = int(parsed.status_code)
        failed = not 200 <= status < 300 or isinstance(parsed.parsed, self._adapter.error_model)
        RATE_LIMITS.observe(self._rate_key, parsed, self._adapter.error_message(parsed), failed=failed)

    def _closed(self, context: dict[str, Any]) -> ConfigurationError:
        return ConfigurationError("this client is closed; make another. Nothing was sent", venue=self.venue, **context)

    def _left(self, deadline: float, wait: float | None) -> float:
        """How long a wait may take: its own limit, and what is left of the call's deadline."""
        left = max(0.0, deadline - time.monotonic())
        return left if wait is None else min(wait, left)

    def _log(self, call: Call[Any], outcome: object) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("%s %s %s -> %r", self.venue, call.endpoint.__name__.rsplit(".", 1)[-1], call.context, outcome)


def _cause(error: CancelKitError) -> BaseException:
    """The transport's exception behind an error, which names what failed (for a clock error's message)."""
    return error.__cause__ if isinstance(error.__cause__, httpx.HTTPError) else error


MAX_SECONDS = 86400.0  # a day: longer waits are a mistake, and the event loop's selectors overflow past 24.8 days


def _positive_seconds(option: str, value: object, venue: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
        raise InvalidArgument(f"{option} must be a finite number of seconds above 0, got {value!r}", venue=venue)
    if value > MAX_SECONDS:
        raise InvalidArgument(f"{option} must be at most {MAX_SECONDS:.0f} seconds, got {value!r}", venue=venue)
    return float(value)


def _checked_timeout(timeout: object, venue: str) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        for stage, value in timeout.as_dict().items():
            if value is not None:
                _positive_seconds(f"timeout.{stage}", value, venue)
        return timeout
    return httpx.Timeout(_positive_seconds("timeout", timeout, venue))


def _pool(workers: int) -> ThreadPoolExecutor:
    """Threads for a sync client's concurrent requests; concurrent.futures is imported on first use (it is not
    cheap, and a client that never batches needs none)."""
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(max_workers=workers)


# Sync clients whose locks a forked child must not inherit held by a thread that does not exist there.
_SYNC_CLIENTS: weakref.WeakSet[CancelClient] = weakref.WeakSet()


def _reset_after_fork() -> None:
    for client in list(_SYNC_CLIENTS):
        client._new_locks()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


class CancelClient(_ClientBase):
    """Cancels on one venue, blocking. Thread-safe; reuses connections; close it, or use it as a context manager.
    Options: see _ClientBase.__init__."""

    _http: VenueHTTPClient

    def _open(self) -> None:
        self._http = VenueHTTPClient(**self._http_options(HTTP11Transport))
        self.generated_client.set_httpx_client(self._http)
        self._new_locks()
        _SYNC_CLIENTS.add(self)

    def _new_locks(self) -> None:
        self._clock_lock = threading.Lock()
        self._in_flight = Slots(self.max_connections)

    def cancel_order(
        self,
        symbol: str,
        *,
        order_id: int | str | None = None,
        client_order_id: str | None = None,
        new_client_order_id: str | None = None,
        restriction: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> CancelResult:
        """Cancel one order by its id or its client id. `restriction`: cancel only in that status (Binance
        ONLY_NEW/ONLY_PARTIALLY_FILLED, BingX NEW/PENDING/PARTIALLY_FILLED). `params`: any other parameter the
        venue's spec gives this endpoint, by its wire name (`{"cancelReason": "..."}`), checked against the spec
        and signed like the rest."""
        call = self._adapter.cancel_order(symbol, order_id, client_order_id, new_client_order_id, restriction, params)
        return self._execute(call)

    def cancel_open_orders(self, symbol: str, *, params: Mapping[str, object] | None = None) -> list[CancelResult]:
        """Cancel every open order on a symbol (on Binance, order lists included, one result per order); an empty
        list when nothing was open, on every venue."""
        return self._execute(self._adapter.cancel_open_orders(symbol, params))

    def cancel_order_list(
        self,
        symbol: str,
        *,
        order_list_id: int | str | None = None,
        list_client_order_id: str | None = None,
        new_client_order_id: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> OrderListCancelResult:
        """Cancel a whole order list (Binance OCO, OTO, OTOCO)."""
        call = self._adapter.cancel_order_list(symbol, order_list_id, list_client_order_id, new_client_order_id, params)
        return self._execute(call)

    def cancel_orders(
        self,
        symbol: str,
        order_ids: Sequence[int | str] = (),
        *,
        client_order_ids: Sequence[str] = (),
        params: Mapping[str, object] | None = None,
    ) -> BatchCancelResult:
        """Cancel several orders: BingX's batch endpoint, elsewhere single cancels sent at once (each with
        `params`). Never raises for one order: each outcome is a CancelResult or the CancelKitError that says what
        happened to that order."""
        from ._results import BatchCancelResult

        batch = self._adapter.cancel_orders(symbol, order_ids, client_order_ids, params)
        calls = self._single_calls(symbol, order_ids, client_order_ids, params)
        if batch is None:
            with _pool(min(len(calls), self.max_concurrency)) as pool:
                return BatchCancelResult(tuple(pool.map(self._outcome, calls)))  # each settled on its own
        try:
            outcomes = self._execute(batch).outcomes
        except CancelKitError as error:
            outcomes = (error,) * len(calls)
        unsettled = self._unsettled_in(outcomes, calls)
        if not unsettled:
            return BatchCancelResult(outcomes)
        until = time.monotonic() + self.resolve_deadline  # one deadline for the whole batch
        with _pool(min(len(unsettled), self.max_concurrency)) as pool:
            answers = pool.map(lambda i: self._settle(calls[i], outcomes[i], until), unsettled)
            settled = dict(zip(unsettled, answers, strict=True))
        return BatchCancelResult(tuple(settled.get(i, outcome) for i, outcome in enumerate(outcomes)))

    def get_order(self, symbol: str, *, order_id: int | str | None = None, client_order_id: str | None = None) -> Order:
        """The order as the venue reports it now, open or closed (BingX finds client ids of the last 2 hours)."""
        return self._execute(self._adapter.get_order(symbol, order_id, client_order_id))

    def open_orders(self, symbol: str | None = None) -> list[Order]:
        """The open orders on `symbol`, or on every symbol (None)."""
        return self._execute(self._adapter.open_orders(symbol))

    def dead_man_switch(self, seconds: int | None) -> DeadManSwitch:
        """BingX's cancel-all-after: every open spot order is canceled `seconds` (10 to 120) from now unless this is
        called again; None or 0 disarms it. Binance and MEXC spot have none (InvalidArgument; see the README)."""
        return self._execute(self._adapter.dead_man_switch(seconds))

    def cancel_all(
        self,
        symbols: Sequence[str] | None = None,
        *,
        rounds: int = 3,
        progress: Callable[[str], object] | None = None,
    ) -> CancelAllReport:
        """Cancel every open order on the venue (or on `symbols`), then list the open orders again to verify that
        none is left, repeating up to `rounds` times for orders that arrive meanwhile. Never raises for one symbol
        or order: the report says, per symbol, what was canceled, already closed, failed or unknown, and whether
        the venue was verified empty. Orders that left the listing without a cancel's answer naming them are asked
        for one by one. `progress`: called with a line after each listing, for long sweeps."""
        wanted, sweep = self._sweep(symbols, rounds)
        error: CancelKitError | None = None
        while True:
            try:
                todo = sweep.listed(self._listing(wanted))
                error = None
            except CancelKitError as failure:
                error = failure
                sweep.listing_failed()
                # The symbols asked for are known: cancel them once anyway, unverified unless a listing reads.
                todo = list(wanted) if wanted is not None and sweep.rounds == 0 else []
            if progress is not None:
                progress(sweep.progress() if error is None else f"the open orders cannot be listed: {error.message}")
            if not todo or sweep.rounds == rounds:
                break
            if sweep.rounds:
                time.sleep(ROUND_PAUSE)  # a listing right after a cancel may not show it yet
            sweep.rounds += 1
            with _pool(min(len(todo), self.max_concurrency)) as pool:
                for symbol, outcome in zip(todo, pool.map(self._cancel_symbol, todo), strict=True):
                    sweep.answered(symbol, outcome)
        return self._settle_sweep(sweep, error)

    def _listing(self, wanted: list[str] | None) -> list[Order]:
        """The open orders, asked again after a failure (a listing changes nothing: it is safe to repeat)."""
        for attempt in range(LISTING_TRIES):
            try:
                if wanted is None:
                    return self._execute_once(self._adapter.open_orders(None))
                return [o for symbol in wanted for o in self._execute_once(self._adapter.open_orders(symbol))]
            except CancelKitError as error:
                if attempt == LISTING_TRIES - 1 or not (error.retryable or error.may_have_canceled):
                    raise
                time.sleep(ROUND_PAUSE * (attempt + 1))
        raise AssertionError("unreachable")

    def _cancel_symbol(self, symbol: str) -> list[CancelResult] | CancelKitError:
        try:
            return self._execute_once(self._adapter.cancel_open_orders(symbol))
        except CancelKitError as error:
            return error

    def _settle_sweep(self, sweep: Sweep, error: CancelKitError | None) -> CancelAllReport:
        pending = sweep.pending()
        if pending:
            with _pool(min(len(pending), self.max_concurrency)) as pool:
                fates = pool.map(lambda seen: self._fate(*seen), pending)
                for (symbol, order_id), fate in zip(pending, fates, strict=True):
                    sweep.settled(symbol, order_id, fate)
        return sweep.report(error, listed=error is None)

    def _fate(self, symbol: str, order_id: str) -> CancelResult | Order | CancelKitError:
        try:
            return self._judged(self._execute(self._adapter.get_order(symbol, order_id, None)))
        except CancelKitError as error:
            return error

    def _settle(
        self, call: Call[CancelResult], outcome: CancelResult | CancelKitError, until: float
    ) -> CancelResult | CancelKitError:
        assert isinstance(outcome, OutcomeUnknown)
        from ._resolution import Learned, resolve_cancel

        learned = Learned()
        learned.add("the cancel", outcome)
        try:
            flow = resolve_cancel(self._adapter, call, learned)
            result: CancelResult = self._drive(flow, learned, call, outcome, until)
        except CancelKitError as error:
            return error
        return result

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
        try:
            return self._execute_once(call)
        except OutcomeUnknown as error:
            flow = self._resolution(call, error)
            if flow is None:
                raise
            return self._drive(flow[0], flow[1], call, error)  # type: ignore[no-any-return]

    def _drive(
        self, flow: Flow, learned: Learned, call: Call[Any], error: OutcomeUnknown, until: float | None = None
    ) -> Any:
        """Run a resolution flow (see _resolution.py) until it answers or its deadline passes."""
        from ._resolution import Pause

        until = until if until is not None else time.monotonic() + self.resolve_deadline
        try:
            step = next(flow)
            while True:
                left = until - time.monotonic()
                if left <= 0:
                    raise self._unsettled(call, error, learned)
                if isinstance(step, Pause):
                    time.sleep(min(step.seconds, left))
                    step = flow.send(None)
                    continue
                try:
                    outcome: Any = self._execute_once(step, min(until, time.monotonic() + self.deadline))
                except CancelKitError as failure:
                    outcome = failure
                step = flow.send(outcome)
        except StopIteration as answered:
            return answered.value

    def _execute_once(self, call: Call[T], deadline: float | None = None) -> T:
        deadline = deadline if deadline is not None else time.monotonic() + self.deadline
        try:
            self._ensure_clock(deadline)
            try:
                result = self._adapter.finish(call, self._send(call, deadline))
            except TimestampError:
                if not self.clock.use_venue_time:
                    raise
                # Rejected before it reached the order book: safe to send once more, timed afresh.
                self.clock.invalidate()
                self._ensure_clock(deadline)
                result = self._adapter.finish(call, self._send(call, deadline))
        except CancelKitError as error:
            self._log(call, error)
            raise
        self._log(call, result)
        return result

    def _send(self, call: Call[Any], deadline: float) -> Any:
        self._check_rate_limit(call.context)
        request_kwargs = self._request_kwargs(call.endpoint, call.kwargs, call.context)
        # A request is signed (timestamped) when it is sent: waiting here for a turn, unsigned, keeps a request queued
        # behind a burst from reaching the venue with a stale timestamp.
        if not self._in_flight.acquire(blocking=False):
            wait = self._left(deadline, self.timeout.pool)
            if not self._in_flight.acquire(timeout=wait):
                raise self._no_connection(call.context, wait)
        try:
            self._check_rate_limit(call.context)  # again: the venue may have said to wait while this one queued
            return self._round_trip(call.endpoint, request_kwargs, deadline, call.context)
        finally:
            self._in_flight.release()

    def _round_trip(
        self, endpoint: ModuleType, request_kwargs: dict[str, Any], deadline: float, context: dict[str, Any]
    ) -> Any:
        """Sign, send and read one request, holding one of the client's turns: on the lean path, or through httpx;
        the same bytes either way. A pool this client made for itself has as many connections as the client has
        turns, so it need not count them again (`slotted`); one given by the caller may be shared, and counts."""
        if self._http.is_closed:
            raise self._closed(context)
        target = self._lean_target(request_kwargs)
        if target is None:
            request = self._build(request_kwargs, deadline, context)
            try:
                response = self._http.send(request)
            except httpx.HTTPError as exc:
                raise self._adapter.transport_error(exc, context) from exc
            return self._read(endpoint, response, context)
        wire = self._wire
        assert isinstance(wire, HTTP11Transport)
        try:
            data = self._writer.request(*target)
            shared = self.transport is not None
            reader = wire.exchange(self._writer.origin, data, self._timeouts, deadline, slotted=shared)
        except httpx.HTTPError as exc:
            raise self._adapter.transport_error(exc, context) from exc
        return self._read_bytes(endpoint, reader, data, context)

    def _ensure_clock(self, deadline: float) -> None:
        if self.clock.needs_sync():
            with self._clock_lock:
                if self.clock.needs_sync():
                    self._measure_clock(deadline)

    def _measure_clock(self, deadline: float | None = None) -> None:
        endpoint = self._adapter.server_time_endpoint
        self._check_rate_limit({})
        request_kwargs = self._request_kwargs(endpoint, {}, {})
        deadline = deadline or time.monotonic() + self.deadline
        if not self._in_flight.acquire(blocking=False):  # a clock sync takes a turn like any request
            wait = self._left(deadline, self.timeout.pool)
            if not self._in_flight.acquire(timeout=wait):
                raise self._adapter.clock_error(f"no connection came free within {wait:g} s")
        try:
            sent_at = self.clock.wall()
            response = self._round_trip(endpoint, request_kwargs, deadline, {})
        except CancelKitError as exc:
            raise self._adapter.clock_error(_cause(exc)) from exc
        finally:
            self._in_flight.release()
        self.clock.record(self._adapter.server_time(response), sent_at, self.clock.wall())
