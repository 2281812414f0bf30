"""What each venue needs beyond its generated client, without I/O: argument mapping and validation, the
normalized results and the error taxonomy. The sync and async clients share every line of it."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from types import ModuleType
from typing import Any, ClassVar, Generic, TypeVar

import cancelkit_binance_client as binance
import cancelkit_bingx_client as bingx
import cancelkit_mexc_client as mexc
import httpx
from cancelkit_binance_client.api.general import get_server_time as binance_time
from cancelkit_binance_client.api.trade import cancel_open_orders as binance_cancel_open_orders
from cancelkit_binance_client.api.trade import cancel_order as binance_cancel_order
from cancelkit_binance_client.api.trade import cancel_order_list as binance_cancel_order_list
from cancelkit_binance_client.models import ApiError as BinanceError
from cancelkit_binance_client.models import CancelOrderListReport, CancelOrderReport
from cancelkit_bingx_client.api.general import get_server_time as bingx_time
from cancelkit_bingx_client.api.trade import cancel_open_orders as bingx_cancel_open_orders
from cancelkit_bingx_client.api.trade import cancel_order as bingx_cancel_order
from cancelkit_bingx_client.api.trade import cancel_orders as bingx_cancel_orders
from cancelkit_bingx_client.models import (
    BingxError,
    CancelOpenOrdersEnvelope,
    CancelOrdersEnvelope,
    SpotOrder,
)
from cancelkit_mexc_client.api.general import get_server_time as mexc_time
from cancelkit_mexc_client.api.trade import cancel_open_orders as mexc_cancel_open_orders
from cancelkit_mexc_client.api.trade import cancel_order as mexc_cancel_order
from cancelkit_mexc_client.models import ApiError as MexcError
from cancelkit_mexc_client.models import CancelOrderReport as MexcReport
from cancelkit_models import CancelResult, OrderListCancelResult, OrderStatus, Venue

from . import _validation as check
from ._errors import (
    AuthenticationError,
    CancelKitError,
    CancelRejected,
    CancelRestricted,
    ClockSyncError,
    ConnectionFailed,
    InvalidArgument,
    InvalidRequest,
    MalformedResponse,
    OrderNotFound,
    OutcomeUnknown,
    RateLimited,
    TimestampError,
)
from ._results import BatchCancelResult
from ._signing import BinanceAuth, BingxAuth, MexcAuth, QuerySigningAuth

T = TypeVar("T")
ErrorClass = type[CancelKitError]
_RATE_LIMIT_HEADERS = ("x-mbx-used-weight", "x-mbx-order-count", "x-ratelimit-", "retry-after")
_STATUSES: dict[str, OrderStatus] = {status.value: status for status in OrderStatus}
# Transport failures that happen before a byte of the request leaves: the cancel was provably not sent.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)
# What a generated parser raises on a body it cannot read, and what Decimal raises on a bad number.
PARSE_ERRORS = (ValueError, KeyError, TypeError, AttributeError, ArithmeticError)


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """One request to send through a generated endpoint module, and how to read its success."""

    endpoint: ModuleType
    kwargs: dict[str, Any]
    parse: Callable[[Any, dict[str, str]], T]
    context: dict[str, Any] = field(default_factory=dict)
    # A single-order cancel: sending it again can only cancel that order or find it gone (the opt-in retry).
    single_order: bool = False


def rate_limits(headers: httpx.Headers) -> dict[str, str]:
    return {name: value for name, value in headers.items() if name.lower().startswith(_RATE_LIMIT_HEADERS)}


def status_of(value: str) -> OrderStatus | str:
    return _STATUSES.get(value, value)


# The generated models do not check types at run time, so every field is checked here: a venue that sends a number
# where the spec says a decimal string, or a float id, gets MalformedResponse, never an inexact result.
_UNSET = (binance.types.Unset, mexc.types.Unset, bingx.types.Unset)


def _absent(value: object) -> bool:
    return value is None or isinstance(value, _UNSET)


def _text(value: object) -> str | None:
    """An optional string field; absent (UNSET) or null is None."""
    if _absent(value):
        return None
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _required_text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _int(value: object) -> int | None:
    """An optional integer field (times, list ids)."""
    if _absent(value):
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def _id(value: object) -> str:
    """An order id, exact: an integer or a non-empty string, as text."""
    if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
        raise TypeError(f"expected an order id, got {value!r}")
    return str(value)


def _money(value: object) -> Decimal:
    """A price or quantity: only a finite decimal string, so that nothing passes through a float."""
    if not isinstance(value, str):
        raise TypeError(f"expected a decimal string, got {type(value).__name__}")
    amount = Decimal(value)  # InvalidOperation (an ArithmeticError) on a non-number
    if not amount.is_finite():
        raise ValueError(f"expected a finite decimal, got {value!r}")
    return amount


def _decimal(value: object) -> Decimal | None:
    """An optional price or quantity."""
    if _absent(value):
        return None
    return _money(value)


def _retry_after(headers: httpx.Headers) -> float | None:
    try:
        return float(headers["retry-after"])
    except (KeyError, ValueError):
        return None


class VenueAdapter:
    """The venue-specific half of the facade. Subclasses fill in the class attributes and the mapping."""

    venue: ClassVar[Venue]
    auth_class: ClassVar[type[QuerySigningAuth]]
    client_class: ClassVar[type[Any]]
    base_urls: ClassVar[Mapping[str, str]]
    server_time_endpoint: ClassVar[ModuleType]
    error_model: ClassVar[type[Any]]
    symbol_joiner: ClassVar[str] = ""
    recv_window_decimals: ClassVar[int] = 0
    restrictions: ClassVar[Mapping[str, str]] = {}  # what the facade accepts -> what the venue is sent
    client_id_pattern: ClassVar[re.Pattern[str] | None] = None
    client_id_max_len: ClassVar[int]
    cancel_order_endpoint: ClassVar[ModuleType]
    # The generated cancel function's names for the order's client id and for the cancel's own id (None: the venue
    # does not name cancels).
    client_id_argument: ClassVar[str] = "orig_client_order_id"
    new_client_id_argument: ClassVar[str | None] = "new_client_order_id"

    @property
    def name(self) -> str:
        return self.venue.value

    # -- arguments ---------------------------------------------------------------------------------------------

    def symbol(self, symbol: object) -> str:
        return check.venue_symbol(symbol, venue=self.name, joiner=self.symbol_joiner)

    def client_id(self, value: object, name: str = "client_order_id") -> str:
        return check.string_id(
            value, name=name, venue=self.name, pattern=self.client_id_pattern, max_len=self.client_id_max_len
        )

    def order_id(self, value: object) -> int | str:
        return check.integer_id(value, name="order_id", venue=self.name)

    def recv_window(self, value: object) -> str:
        return check.recv_window(value, venue=self.name, decimals=self.recv_window_decimals)

    def restriction(self, value: object) -> str:
        if not self.restrictions:
            raise InvalidArgument(f"{self.name} has no cancel restrictions; leave restriction unset", venue=self.name)
        allowed = tuple(self.restrictions)
        return self.restrictions[check.choice(value, name="restriction", allowed=allowed, venue=self.name)]

    def context(self, symbol: str, order_id: object = None, client_order_id: object = None) -> dict[str, Any]:
        return {
            "symbol": symbol,
            "order_id": None if order_id is None else str(order_id),
            "client_order_id": None if client_order_id is None else str(client_order_id),
        }

    # -- operations: each returns a Call, or raises InvalidArgument before anything is sent -----------------------

    def cancel_order(
        self,
        symbol: object,
        order_id: object,
        client_order_id: object,
        new_client_order_id: object,
        restriction: object,
    ) -> Call[CancelResult]:
        check.at_least_one("order_id", order_id, "client_order_id", client_order_id, venue=self.name)
        sym = self.symbol(symbol)
        kwargs: dict[str, Any] = {"symbol": sym}
        if order_id is not None:
            kwargs["order_id"] = self.order_id(order_id)
        if client_order_id is not None:
            kwargs[self.client_id_argument] = self.client_id(client_order_id)
        if new_client_order_id is not None:
            if self.new_client_id_argument is None:
                raise InvalidArgument(
                    f"{self.name} does not name cancels; leave new_client_order_id unset", venue=self.name
                )
            kwargs[self.new_client_id_argument] = self.client_id(new_client_order_id, "new_client_order_id")
        if restriction is not None:
            kwargs["cancel_restrictions"] = self.restriction(restriction)
        context = self.context(sym, order_id, client_order_id)
        return Call(self.cancel_order_endpoint, kwargs, self.cancel_result, context, single_order=True)

    def cancel_result(self, parsed: Any, limits: dict[str, str]) -> CancelResult:
        """The normalized result of the generated cancel_order's success model."""
        raise NotImplementedError

    def cancel_open_orders(self, symbol: object) -> Call[list[CancelResult]]:
        raise NotImplementedError

    def cancel_order_list(
        self, symbol: object, order_list_id: object, list_client_order_id: object, new_client_order_id: object
    ) -> Call[OrderListCancelResult]:
        raise InvalidArgument(f"{self.name} has no order lists; cancel_order_list is Binance's", venue=self.name)

    def cancel_orders(
        self, symbol: object, order_ids: Sequence[object], client_order_ids: Sequence[object]
    ) -> Call[BatchCancelResult] | None:
        """The venue's batch cancel, or None where there is none and the facade sends single cancels at once."""
        return None

    def batch_ids(
        self, order_ids: Sequence[object], client_order_ids: Sequence[object]
    ) -> tuple[list[int | str], list[str]]:
        if isinstance(order_ids, str | bytes) or isinstance(client_order_ids, str | bytes):
            raise InvalidArgument("give the ids as a list, not a single string", venue=self.name)
        if bool(order_ids) == bool(client_order_ids):
            raise InvalidArgument("give either order_ids or client_order_ids, and not an empty list", venue=self.name)
        ids = [self.order_id(i) for i in order_ids]
        client_ids = [self.client_id(i) for i in client_order_ids]
        if len(set(map(str, ids))) != len(ids) or len(set(client_ids)) != len(client_ids):
            raise InvalidArgument("the same id is given twice", venue=self.name)
        return ids, client_ids

    # -- responses ---------------------------------------------------------------------------------------------

    def finish(self, call: Call[T], response: Any) -> T:
        """The normalized result of a response, or the error it means."""
        parsed = response.parsed
        if parsed is None or isinstance(parsed, self.error_model):
            raise self.error(response, call.context)
        try:
            return call.parse(parsed, rate_limits(response.headers))
        except PARSE_ERRORS as exc:
            raise self.malformed(int(response.status_code), call.context, exc) from exc

    def server_time(self, response: Any) -> int:
        raise NotImplementedError

    def closed_result(self, call: Call[Any], error: OrderNotFound) -> CancelResult:
        """What a retry that found no open order means: the earlier attempt canceled it, or it was already closed."""
        return CancelResult(
            venue=self.venue,
            symbol=call.context["symbol"],
            order_id=call.context["order_id"] or "",  # empty when the order was named by its client id only
            client_order_id=call.context["client_order_id"],
            status=OrderStatus.CANCELED_OR_CLOSED,
            rate_limits={},
            raw={"retry_answer": {"code": error.code, "msg": error.message, "http_status": error.http_status}},
        )

    def malformed(self, status: int | None, context: Mapping[str, Any], exc: BaseException) -> MalformedResponse:
        return MalformedResponse(
            f"{self.name} answered with success but a body cancelkit cannot read ({type(exc).__name__}: {exc});"
            " the order may have been canceled",
            venue=self.name,
            http_status=status,
            **context,
        )

    def error_fields(self, parsed: Any) -> tuple[int | None, str | None]:
        """The venue's error code and message, or None for what is not of their documented type."""
        if not isinstance(parsed, self.error_model):
            return None, None
        code = parsed.code if isinstance(parsed.code, int) and not isinstance(parsed.code, bool) else None
        return code, parsed.msg if isinstance(parsed.msg, str) else None

    def classify(self, status: int, code: int | None, msg: str) -> ErrorClass:
        raise NotImplementedError

    def error(self, response: Any, context: Mapping[str, Any]) -> CancelKitError:
        status = int(response.status_code)
        code, msg = self.error_fields(response.parsed)
        if code is None and 200 <= status < 300:
            return self.malformed(status, context, ValueError("not the documented body"))
        cls = self.classify(status, code, (msg or "").lower())
        message = msg or f"HTTP {status} with a body that is not {self.name}'s JSON"
        details: dict[str, Any] = {"venue": self.name, "code": code, "http_status": status, **context}
        if cls is RateLimited:
            return RateLimited(message, retry_after=_retry_after(response.headers), banned=status == 418, **details)
        return cls(message, **details)

    def transport_error(self, exc: httpx.HTTPError, context: Mapping[str, Any]) -> CancelKitError:
        """A failure below HTTP: not sent (safe to retry) when no connection was made, else outcome unknown."""
        details: dict[str, Any] = {"venue": self.name, **context}
        if isinstance(exc, _NOT_SENT):
            return ConnectionFailed(f"could not connect to {self.name}: {type(exc).__name__}", **details)
        return OutcomeUnknown(
            f"{type(exc).__name__} after the cancel was sent to {self.name}; it may have been executed", **details
        )

    def clock_error(self, exc: BaseException | str) -> ClockSyncError:
        reason = exc if isinstance(exc, str) else type(exc).__name__
        return ClockSyncError(f"could not read {self.name}'s server time ({reason}); nothing was sent", venue=self.name)


def _http_class(status: int) -> ErrorClass | None:
    """What the HTTP status alone decides, the same on every venue."""
    if status >= 500:
        return OutcomeUnknown
    if status in (403, 418, 429):  # 403 is the venues' WAF, "usually too many requests"
        return RateLimited
    if status == 401:
        return AuthenticationError
    return None


class BinanceAdapter(VenueAdapter):
    venue = Venue.BINANCE
    auth_class = BinanceAuth
    client_class = binance.Client
    base_urls: ClassVar[Mapping[str, str]] = {
        "production": "https://api.binance.com",
        "testnet": "https://testnet.binance.vision",
        "demo": "https://demo-api.binance.com",
    }
    server_time_endpoint: ClassVar[ModuleType] = binance_time
    error_model = BinanceError
    recv_window_decimals = 3
    restrictions: ClassVar[Mapping[str, str]] = {
        "ONLY_NEW": "ONLY_NEW",
        "ONLY_PARTIALLY_FILLED": "ONLY_PARTIALLY_FILLED",
        "NEW": "ONLY_NEW",
        "PARTIALLY_FILLED": "ONLY_PARTIALLY_FILLED",
    }
    client_id_pattern = re.compile(r"[\.A-Z\:/a-z0-9_-]{1,36}")  # openapi/binance.yaml ClientOrderId
    client_id_max_len = 36
    cancel_order_endpoint: ClassVar[ModuleType] = binance_cancel_order

    def cancel_result(self, parsed: Any, limits: dict[str, str]) -> CancelResult:
        return self.result(parsed, limits)

    def cancel_open_orders(self, symbol: object) -> Call[list[CancelResult]]:
        sym = self.symbol(symbol)
        return Call(binance_cancel_open_orders, {"symbol": sym}, self.open_orders_results, self.context(sym))

    def cancel_order_list(
        self, symbol: object, order_list_id: object, list_client_order_id: object, new_client_order_id: object
    ) -> Call[OrderListCancelResult]:
        check.at_least_one(
            "order_list_id", order_list_id, "list_client_order_id", list_client_order_id, venue="binance"
        )
        sym = self.symbol(symbol)
        kwargs: dict[str, Any] = {"symbol": sym}
        if order_list_id is not None:
            kwargs["order_list_id"] = check.integer_id(order_list_id, name="order_list_id", venue=self.name)
        if list_client_order_id is not None:
            kwargs["list_client_order_id"] = self.client_id(list_client_order_id, "list_client_order_id")
        if new_client_order_id is not None:
            kwargs["new_client_order_id"] = self.client_id(new_client_order_id, "new_client_order_id")
        context = self.context(sym, order_list_id, list_client_order_id)
        return Call(binance_cancel_order_list, kwargs, self.order_list_result, context)

    def result(self, report: CancelOrderReport, limits: dict[str, str]) -> CancelResult:
        return CancelResult(
            venue=Venue.BINANCE,
            symbol=_required_text(report.symbol),
            order_id=_id(report.order_id),
            client_order_id=_text(report.orig_client_order_id),
            cancel_client_order_id=_text(report.client_order_id),
            order_list_id=None if report.order_list_id == -1 else _id(report.order_list_id),
            status=status_of(_required_text(report.status)),
            side=_text(report.side),
            order_type=_text(report.type_),
            time_in_force=_text(report.time_in_force),
            price=_money(report.price),
            stop_price=_decimal(report.stop_price),
            orig_qty=_money(report.orig_qty),
            executed_qty=_money(report.executed_qty),
            cumulative_quote_qty=_money(report.cummulative_quote_qty),
            transact_time=_int(report.transact_time),
            rate_limits=limits,
            raw=report.to_dict(),
        )

    def order_list_result(self, report: CancelOrderListReport, limits: dict[str, str]) -> OrderListCancelResult:
        return OrderListCancelResult(
            venue=Venue.BINANCE,
            symbol=_required_text(report.symbol),
            order_list_id=_id(report.order_list_id),
            list_client_order_id=_text(report.list_client_order_id),
            contingency_type=_text(report.contingency_type),
            list_status=_required_text(report.list_status_type),
            list_order_status=_required_text(report.list_order_status),
            transaction_time=_int(report.transaction_time),
            orders=[self.result(order, limits) for order in report.order_reports],
            rate_limits=limits,
            raw=report.to_dict(),
        )

    def open_orders_results(self, reports: list[Any], limits: dict[str, str]) -> list[CancelResult]:
        results: list[CancelResult] = []
        for report in reports:
            if isinstance(report, CancelOrderListReport):  # an order list: its orders, one by one
                results.extend(self.result(order, limits) for order in report.order_reports)
            else:
                results.append(self.result(report, limits))
        return results

    def server_time(self, response: Any) -> int:
        parsed = response.parsed
        if isinstance(parsed, binance.models.ServerTime):
            return parsed.server_time
        raise self.clock_error(f"HTTP {int(response.status_code)}")

    def classify(self, status: int, code: int | None, msg: str) -> ErrorClass:
        if code in (-1006, -1007):  # "execution status unknown"
            return OutcomeUnknown
        by_status = _http_class(status)
        if by_status is not None:
            return by_status
        if code in (-1003, -1015):
            return RateLimited
        if code == -1021:
            return TimestampError
        if code in (-1022, -2014, -2015):
            return AuthenticationError
        if code == -2011:
            if "cancel restriction" in msg:
                return CancelRestricted
            return OrderNotFound if "unknown order" in msg else CancelRejected
        if code in (-2013, -2026):
            return OrderNotFound
        return InvalidRequest if 400 <= status < 500 else CancelRejected


class MexcAdapter(VenueAdapter):
    venue = Venue.MEXC
    auth_class = MexcAuth
    client_class = mexc.Client
    base_urls: ClassVar[Mapping[str, str]] = {"production": "https://api.mexc.com"}
    server_time_endpoint: ClassVar[ModuleType] = mexc_time
    error_model = MexcError
    client_id_max_len = 64  # MEXC documents no limit; a longer id is certainly a mistake
    cancel_order_endpoint: ClassVar[ModuleType] = mexc_cancel_order

    def cancel_result(self, parsed: Any, limits: dict[str, str]) -> CancelResult:
        return self.result(parsed, limits)

    def order_id(self, value: object) -> str:
        return check.string_id(value, name="order_id", venue=self.name, max_len=64)

    def cancel_open_orders(self, symbol: object) -> Call[list[CancelResult]]:
        sym = self.symbol(symbol)
        return Call(
            mexc_cancel_open_orders,
            {"symbol": sym},
            lambda reports, limits: [self.result(r, limits) for r in reports],
            self.context(sym),
        )

    def result(self, report: MexcReport, limits: dict[str, str]) -> CancelResult:
        list_id = _int(report.order_list_id)
        return CancelResult(
            venue=Venue.MEXC,
            symbol=_required_text(report.symbol),
            order_id=_id(report.order_id),
            client_order_id=_text(report.orig_client_order_id),
            cancel_client_order_id=_text(report.client_order_id),
            order_list_id=None if list_id in (None, -1) else str(list_id),
            # A 200 answers a cancel that succeeded; MEXC's sparsest answers omit the status.
            status=status_of(_text(report.status) or OrderStatus.CANCELED),
            side=_text(report.side),
            order_type=_text(report.type_),
            time_in_force=_text(report.time_in_force),
            price=_decimal(report.price),
            orig_qty=_decimal(report.orig_qty),
            executed_qty=_decimal(report.executed_qty),
            cumulative_quote_qty=_decimal(report.cummulative_quote_qty),
            rate_limits=limits,
            raw=report.to_dict(),
        )

    def server_time(self, response: Any) -> int:
        parsed = response.parsed
        if isinstance(parsed, mexc.models.ServerTime):
            return parsed.server_time
        raise self.clock_error(f"HTTP {int(response.status_code)}")

    def classify(self, status: int, code: int | None, msg: str) -> ErrorClass:
        by_status = _http_class(status)
        if by_status is not None:
            return by_status
        if code == 429:
            return RateLimited
        if code in (700003, 10073):
            return TimestampError
        if code in (400, 401, 602, 10072, 70011, 700001, 700002, 700006, 700007):
            return AuthenticationError
        if code == -2011:
            return OrderNotFound
        if code == 26:
            return CancelRejected
        return InvalidRequest if 400 <= status < 500 else CancelRejected


class BingxAdapter(VenueAdapter):
    venue = Venue.BINGX
    auth_class = BingxAuth
    client_class = bingx.Client
    base_urls: ClassVar[Mapping[str, str]] = {
        "production": "https://open-api.bingx.com",
        "testnet": "https://open-api-vst.bingx.com",
    }
    server_time_endpoint: ClassVar[ModuleType] = bingx_time
    error_model = BingxError
    symbol_joiner = "-"
    restrictions: ClassVar[Mapping[str, str]] = {
        "NEW": "NEW",
        "PENDING": "PENDING",
        "PARTIALLY_FILLED": "PARTIALLY_FILLED",
    }
    client_id_max_len = 40  # openapi/bingx.yaml ClientOrderId
    cancel_order_endpoint: ClassVar[ModuleType] = bingx_cancel_order
    client_id_argument = "client_order_id"
    new_client_id_argument = None  # BingX does not name cancels

    def cancel_result(self, parsed: Any, limits: dict[str, str]) -> CancelResult:
        return self.result(parsed.data, limits)

    not_found_codes = frozenset({100404, 80016, 80017, 80018, 109421})

    def cancel_open_orders(self, symbol: object) -> Call[list[CancelResult]]:
        sym = self.symbol(symbol)
        return Call(bingx_cancel_open_orders, {"symbol": sym}, self.orders_results, self.context(sym))

    def cancel_orders(
        self, symbol: object, order_ids: Sequence[object], client_order_ids: Sequence[object]
    ) -> Call[BatchCancelResult]:
        ids, client_ids = self.batch_ids(order_ids, client_order_ids)
        sym = self.symbol(symbol)
        # process=1: the valid ids are canceled and the others reported in `fails`, instead of all failing.
        kwargs: dict[str, Any] = {"symbol": sym, "process": 1}
        if ids:
            kwargs["order_ids"] = ",".join(map(str, ids))
        else:
            kwargs["client_order_i_ds"] = ",".join(client_ids)
        asked = [str(i) for i in ids] or client_ids

        def parse(envelope: CancelOrdersEnvelope, limits: dict[str, str]) -> BatchCancelResult:
            return self.batch_result(sym, asked, by_client_id=not ids, envelope=envelope, limits=limits)

        return Call(bingx_cancel_orders, kwargs, parse, self.context(sym))

    def batch_result(
        self,
        symbol: str,
        asked: list[str],
        *,
        by_client_id: bool,
        envelope: CancelOrdersEnvelope,
        limits: dict[str, str],
    ) -> BatchCancelResult:
        canceled: dict[str, CancelResult] = {}
        for order in envelope.data.orders:
            result = self.result(order, limits)
            canceled[result.order_id] = result
            if result.client_order_id is not None:
                canceled[result.client_order_id] = result
        fails = {failure.order_id: failure.error for failure in envelope.data.fails or []}
        outcomes: list[CancelResult | CancelKitError] = []
        for wanted in asked:
            context = self.context(symbol, None if by_client_id else wanted, wanted if by_client_id else None)
            if wanted in canceled:
                outcomes.append(canceled[wanted])
            elif wanted in fails:
                reason = fails[wanted]
                closed = "not exist" in reason.lower() or "order status" in reason.lower()
                cls: ErrorClass = OrderNotFound if closed else CancelRejected
                outcomes.append(cls(reason, venue=self.name, http_status=200, **context))
            else:
                outcomes.append(
                    OutcomeUnknown("BingX's batch answer does not mention this id", venue=self.name, **context)
                )
        return BatchCancelResult(tuple(outcomes))

    def orders_results(self, envelope: CancelOpenOrdersEnvelope, limits: dict[str, str]) -> list[CancelResult]:
        return [self.result(order, limits) for order in envelope.data.orders]

    def result(self, order: SpotOrder, limits: dict[str, str]) -> CancelResult:
        return CancelResult(
            venue=Venue.BINGX,
            symbol=_required_text(order.symbol),
            order_id=_id(order.order_id),
            client_order_id=_text(order.client_order_id) or None,
            status=status_of(_required_text(order.status)),
            side=_text(order.side),
            order_type=_text(order.type_),
            price=_decimal(order.price),
            stop_price=_decimal(order.stop_price),
            orig_qty=_decimal(order.orig_qty),
            executed_qty=_decimal(order.executed_qty),
            cumulative_quote_qty=_decimal(order.cummulative_quote_qty),
            transact_time=_int(order.transact_time),
            rate_limits=limits,
            raw=order.to_dict(),
        )

    def finish(self, call: Call[T], response: Any) -> T:
        parsed = response.parsed
        if isinstance(parsed, BingxError) and parsed.code == 0:
            # code 0 is success, but the envelope did not match the spec's success shape
            raise self.malformed(200, call.context, ValueError("a success envelope without its data"))
        return super().finish(call, response)

    def server_time(self, response: Any) -> int:
        parsed = response.parsed
        if isinstance(parsed, bingx.models.ServerTimeEnvelope):
            return parsed.data.server_time
        raise self.clock_error(f"HTTP {int(response.status_code)}")

    def classify(self, status: int, code: int | None, msg: str) -> ErrorClass:
        if code in (100500, 80012, 504):  # BingX's own "internal error" and "further confirmation required"
            return OutcomeUnknown
        by_status = _http_class(status)
        if by_status is not None:
            return by_status
        if code == 100410:
            return RateLimited
        if code in (100421, 80014):
            return TimestampError
        if code in (100001, 100004, 100412, 100413, 100419):
            return AuthenticationError
        if code in self.not_found_codes or (code == 100400 and "not exist" in msg):
            return OrderNotFound
        if code in (100400, 100204, 100490) or 400 <= status < 500:
            return InvalidRequest
        return CancelRejected


ADAPTERS: dict[str, type[VenueAdapter]] = {
    "binance": BinanceAdapter,
    "mexc": MexcAdapter,
    "bingx": BingxAdapter,
}


def adapter_for(venue: str | Venue) -> VenueAdapter:
    name = Venue(venue).value if isinstance(venue, Venue) else str(venue).lower()
    if name not in ADAPTERS:
        raise InvalidArgument(f"unknown venue {venue!r}; cancelkit speaks {', '.join(ADAPTERS)}")
    return ADAPTERS[name]()
