"""The venue-neutral half of an adapter, without I/O: the Call a facade method sends, argument checks, parsing of
the generated models into normalized results, and the error taxonomy. Each venue's module fills in the rest."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from types import ModuleType
from typing import Any, ClassVar, Generic, TypeVar

import httpx
from cancelkit_models import CancelResult, OrderListCancelResult, OrderStatus, Venue

from .. import _validation as check
from .._errors import (
    AuthenticationError,
    CancelKitError,
    ClockSyncError,
    ConnectionFailed,
    InvalidArgument,
    MalformedResponse,
    OrderNotFound,
    OutcomeUnknown,
    RateLimited,
)
from .._results import BatchCancelResult
from .._signing import QuerySigningAuth

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


def absent(value: object) -> bool:
    # Every generated package has its own `types.Unset`; the base knows none of them by import.
    return value is None or (type(value).__name__ == "Unset" and type(value).__module__.endswith(".types"))


def optional_text(value: object) -> str | None:
    """An optional string field; absent (UNSET) or null is None."""
    if absent(value):
        return None
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def required_text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def optional_int(value: object) -> int | None:
    """An optional integer field (times, list ids)."""
    if absent(value):
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def exact_id(value: object) -> str:
    """An order id, exact: an integer or a non-empty string, as text."""
    if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
        raise TypeError(f"expected an order id, got {value!r}")
    return str(value)


def money(value: object) -> Decimal:
    """A price or quantity: only a finite decimal string, so that nothing passes through a float."""
    if not isinstance(value, str):
        raise TypeError(f"expected a decimal string, got {type(value).__name__}")
    amount = Decimal(value)  # InvalidOperation (an ArithmeticError) on a non-number
    if not amount.is_finite():
        raise ValueError(f"expected a finite decimal, got {value!r}")
    return amount


def optional_decimal(value: object) -> Decimal | None:
    """An optional price or quantity."""
    if absent(value):
        return None
    return money(value)


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


def http_class(status: int) -> ErrorClass | None:
    """What the HTTP status alone decides, the same on every venue."""
    if status >= 500:
        return OutcomeUnknown
    if status in (403, 418, 429):  # 403 is the venues' WAF, "usually too many requests"
        return RateLimited
    if status == 401:
        return AuthenticationError
    return None
