"""The venue-neutral half of an adapter, without I/O: the Call a facade method sends, argument checks, parsing of
the generated models into normalized results, and the error taxonomy. Each venue's module fills in the rest."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

import httpx
from cancelkit_models import (
    CancelResult,
    DeadManSwitch,
    ErrorCategory,
    Order,
    OrderListCancelResult,
    OrderStatus,
    Venue,
)

from .. import _validation as check
from .._errors import (
    PARSE_ERRORS,
    AuthenticationError,
    CancelKitError,
    CancelRejected,
    CancelRestricted,
    ClockSyncError,
    ConfigurationError,
    ConnectionFailed,
    InvalidArgument,
    InvalidRequest,
    MalformedResponse,
    NothingOpen,
    OrderArchived,
    OrderNotFound,
    OutcomeUnknown,
    RateLimited,
    TimestampError,
)
from .._ratelimit import rate_limit_headers, retry_after_seconds
from .._results import BatchCancelResult
from ._rules import SpecRules

if TYPE_CHECKING:
    from .._signing import QuerySigningAuth

T = TypeVar("T")
ErrorClass = type[CancelKitError]
_STATUSES: dict[str, OrderStatus] = {status.value: status for status in OrderStatus}
# Transport failures before a byte of the request leaves, with no connection made: provably not sent, and worth
# another try.
_NO_CONNECTION = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ProxyError)
# A request the transport refused to write, or could not address: provably not sent, and no use sending again.
_NOT_WRITABLE = (httpx.LocalProtocolError, httpx.UnsupportedProtocol)


@dataclass(slots=True)
class Call(Generic[T]):
    """One request to send through a generated endpoint module, and how to read its success. Not changed once made
    (dataclasses.replace makes another); not frozen, whose __init__ costs a cancel about twice as much."""

    endpoint: ModuleType
    kwargs: dict[str, Any]
    parse: Callable[[Any, dict[str, str]], T]
    context: dict[str, Any] = field(default_factory=dict)
    # About one order: its answer must name that order.
    single_order: bool = False
    # How a lost answer is settled: "cancel" (ask for the order), "open_orders" (list what is open), or never.
    resolve: str | None = None
    # What the call returns when the venue answers that there was nothing open (Binance's cancel-all answers so).
    nothing_open: Callable[[], T] | None = None

    @property
    def operation(self) -> str:
        """The spec's operationId, the generated module's name."""
        return self.endpoint.__name__.rsplit(".", 1)[-1]


def status_of(value: str) -> OrderStatus | str:
    return _STATUSES.get(value, value)


# The generated models do not check types at run time, so every field is checked here: a venue that sends a number
# where the spec says a decimal string, or a float id, gets MalformedResponse, never an inexact result.


# The generated packages' `types.Unset` classes met so far (each package has its own; the base imports none).
_UNSET_TYPES: set[type] = set()


def absent(value: object) -> bool:
    if value is None or type(value) in _UNSET_TYPES:
        return True
    kind = type(value)
    if kind.__name__ == "Unset" and kind.__module__.endswith(".types"):
        _UNSET_TYPES.add(kind)
        return True
    return False


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


def loose_int(value: object) -> int | None:
    """An optional integer that a venue may send as a string of digits too (MEXC's times and list ids)."""
    if isinstance(value, str) and value.lstrip("-").isascii() and value.lstrip("-").isdigit():
        return int(value)
    return optional_int(value)


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


class VenueAdapter:
    """The venue-specific half of the facade. Subclasses fill in the class attributes and the mapping."""

    venue: ClassVar[Venue]
    facts: ClassVar[ModuleType]  # the generated venue_facts module: the spec's facts
    auth_class: ClassVar[type[QuerySigningAuth]]
    client_class: ClassVar[type[Any]]
    server_time_endpoint: ClassVar[ModuleType]
    error_model: ClassVar[type[Any]]
    symbol_joiner: ClassVar[str] = ""
    unicode_symbols: ClassVar[bool] = False  # the venue lists symbols with non-ASCII characters
    # What the facade accepts as a restriction beyond the spec's own values, and what it sends for it.
    restriction_aliases: ClassVar[Mapping[str, str]] = {}
    cancel_order_endpoint: ClassVar[ModuleType]
    cancel_open_orders_endpoint: ClassVar[ModuleType]
    # The spec's names, in cancel_order, of the order's client id and of the cancel's own id (None: the venue does
    # not name cancels).
    client_id_parameter: ClassVar[str] = "origClientOrderId"
    new_client_id_parameter: ClassVar[str | None] = "newClientOrderId"

    def __init__(self) -> None:
        self.rules = SpecRules(self.facts)

    @property
    def name(self) -> str:
        return self.venue.value

    @property
    def base_urls(self) -> Mapping[str, str]:
        """The spec's servers, by environment."""
        servers: Mapping[str, str] = self.facts.SERVERS
        return servers

    # -- arguments ---------------------------------------------------------------------------------------------

    def symbol(self, symbol: object, operation: str = "cancel_order") -> str:
        sym = check.venue_symbol(symbol, venue=self.name, joiner=self.symbol_joiner, unicode=self.unicode_symbols)
        return str(self.rules.check(operation, "symbol", sym, "symbol")[1])

    def client_id(self, value: object, name: str = "client_order_id", parameter: str | None = None) -> str:
        return str(self.rules.check("cancel_order", parameter or self.client_id_parameter, value, name)[1])

    def order_id(self, value: object) -> int | str:
        sent = self.rules.check("cancel_order", "orderId", value, "order_id")[1]
        assert isinstance(sent, int | str)
        return sent

    def recv_window(self, value: object) -> str:
        signing = self.facts.SIGNING
        return check.recv_window(
            value, venue=self.name, decimals=signing.recv_window_decimals, maximum=signing.recv_window_max_ms
        )

    def restriction(self, value: object) -> str:
        if not self.rules.has("cancel_order", "cancelRestrictions"):
            raise InvalidArgument(f"{self.name} has no cancel restrictions; leave restriction unset", venue=self.name)
        sent = self.restriction_aliases.get(value, value) if isinstance(value, str) else value
        return str(self.rules.check("cancel_order", "cancelRestrictions", sent, "restriction")[1])

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
        params: Mapping[str, object] | None = None,
    ) -> Call[CancelResult]:
        check.at_least_one("order_id", order_id, "client_order_id", client_order_id, venue=self.name)
        sym = self.symbol(symbol)
        kwargs: dict[str, Any] = {"symbol": sym}
        check_arg = self.rules.check
        if order_id is not None:
            keyword, kwargs[keyword] = check_arg("cancel_order", "orderId", order_id, "order_id")
        if client_order_id is not None:
            keyword, kwargs[keyword] = check_arg(
                "cancel_order", self.client_id_parameter, client_order_id, "client_order_id"
            )
        if new_client_order_id is not None:
            if self.new_client_id_parameter is None:
                raise InvalidArgument(
                    f"{self.name} does not name cancels; leave new_client_order_id unset", venue=self.name
                )
            keyword, kwargs[keyword] = check_arg(
                "cancel_order", self.new_client_id_parameter, new_client_order_id, "new_client_order_id"
            )
        if restriction is not None:
            kwargs[self.rules.parameter("cancel_order", "cancelRestrictions").keyword] = self.restriction(restriction)
        kwargs.update(self.extra_params("cancel_order", params))
        context = self.context(sym, order_id, client_order_id)
        return Call(
            self.cancel_order_endpoint, kwargs, self.cancel_result, context, single_order=True, resolve="cancel"
        )

    def set_by_facade(self, operation: str) -> set[str]:
        """The operation's parameters that the facade's own arguments set: not to be given again in `params`."""
        own = {"symbol", "orderId", self.client_id_parameter, "cancelRestrictions", "newClientOrderId"}
        own |= {"orderListId", "listClientOrderId", "orderIds", "clientOrderIDs", "process"}
        return {p.name for p in self.rules.operation(operation).parameters if p.name in own}

    def extra_params(self, operation: str, params: Mapping[str, object] | None) -> dict[str, object]:
        """The caller's extra parameters for `operation`, checked (see SpecRules.extra_params); none is most calls."""
        if params is None:
            return {}
        return self.rules.extra_params(operation, params, self.set_by_facade(operation))

    def cancel_result(self, parsed: Any, limits: dict[str, str]) -> CancelResult:
        """The normalized result of the generated cancel_order's success model."""
        raise NotImplementedError

    def cancel_open_orders(
        self, symbol: object, params: Mapping[str, object] | None = None
    ) -> Call[list[CancelResult]]:
        sym = self.symbol(symbol, "cancel_open_orders")
        kwargs: dict[str, Any] = {"symbol": sym, **self.rules.extra_params("cancel_open_orders", params, {"symbol"})}
        # Where the spec says a venue answers "nothing open" with an error (Binance), the answer is an empty list.
        return Call(
            self.cancel_open_orders_endpoint,
            kwargs,
            self.canceled_results,
            self.context(sym),
            nothing_open=list,
            resolve="open_orders",
        )

    def canceled_results(self, parsed: Any, limits: dict[str, str]) -> list[CancelResult]:
        """The normalized results of cancel_open_orders' success model."""
        raise NotImplementedError

    def cancel_order_list(
        self,
        symbol: object,
        order_list_id: object,
        list_client_order_id: object,
        new_client_order_id: object,
        params: Mapping[str, object] | None = None,
    ) -> Call[OrderListCancelResult]:
        raise InvalidArgument(f"{self.name} has no order lists; cancel_order_list is Binance's", venue=self.name)

    def cancel_orders(
        self,
        symbol: object,
        order_ids: Sequence[object],
        client_order_ids: Sequence[object],
        params: Mapping[str, object] | None = None,
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
            error = self.error(response, call.context, call.operation)
            if isinstance(error, NothingOpen) and call.nothing_open is not None:
                return call.nothing_open()
            raise error
        try:
            result = call.parse(parsed, rate_limit_headers(response.headers))
        except PARSE_ERRORS as exc:
            raise self.malformed(int(response.status_code), call.context, exc) from exc
        if call.single_order and isinstance(result, CancelResult | Order):
            self.check_names_the_order(call, result, int(response.status_code))
        return result

    def check_names_the_order(self, call: Call[Any], result: CancelResult | Order, status: int) -> None:
        """A single-order answer must be about the order asked for: an answer about another one (a connection shared
        across a fork, a venue's mix-up) is never returned as this order's result."""
        asked = call.context
        mismatches = [
            f"{what} {got!r}, not {wanted!r}"
            for what, wanted, got in (
                ("symbol", asked.get("symbol"), result.symbol),
                ("order id", asked.get("order_id"), result.order_id),
                ("client order id", asked.get("client_order_id"), result.client_order_id),
            )
            # A venue may leave the client id out of its answer; a value it does send must match.
            if wanted is not None and got is not None and got != wanted
        ]
        if mismatches:
            raise self.malformed(
                status, asked, ValueError(f"the answer is about another order: {', '.join(mismatches)}")
            )

    def server_time(self, response: Any) -> int:
        raise NotImplementedError

    # -- orders: queries, listings and what they say about a cancel --------------------------------------------------

    open_statuses: ClassVar[frozenset[str]] = frozenset({"NEW", "PENDING_NEW", "PARTIALLY_FILLED", "PENDING"})
    canceled_statuses: ClassVar[frozenset[str]] = frozenset({"CANCELED", "PARTIALLY_CANCELED", "PENDING_CANCEL"})
    # Closed otherwise: filled, expired, rejected (BingX FAILED). A status in none of the three sets is unknown.
    closed_statuses: ClassVar[frozenset[str]] = frozenset(
        {"FILLED", "EXPIRED", "EXPIRED_IN_MATCH", "REJECTED", "FAILED"}
    )

    def is_open(self, status: object) -> bool:
        return str(status) in self.open_statuses

    def is_closed(self, status: object) -> bool:
        """Closed without a cancel (filled, expired, rejected)."""
        return str(status) in self.closed_statuses

    def is_canceled(self, status: object) -> bool:
        return str(status) in self.canceled_statuses

    get_order_endpoint: ClassVar[ModuleType]
    open_orders_endpoint: ClassVar[ModuleType]
    # The spec's name, in get_order, of the order's client id.
    query_client_id_parameter: ClassVar[str] = "origClientOrderId"

    def get_order(self, symbol: object, order_id: object, client_order_id: object) -> Call[Order]:
        """The order by its id or client id, checked against get_order's parameters in the spec."""
        check.at_least_one("order_id", order_id, "client_order_id", client_order_id, venue=self.name)
        sym = self.symbol(symbol, "get_order")
        kwargs: dict[str, Any] = {"symbol": sym}
        if order_id is not None:
            keyword, kwargs[keyword] = self.rules.check("get_order", "orderId", order_id, "order_id")
        if client_order_id is not None:
            name = self.query_client_id_parameter
            keyword, kwargs[keyword] = self.rules.check("get_order", name, client_order_id, "client_order_id")
        context = self.context(sym, order_id, client_order_id)
        return Call(self.get_order_endpoint, kwargs, self.order_result, context, single_order=True)

    def open_orders(self, symbol: object | None) -> Call[list[Order]]:
        """The open orders on a symbol, or on every symbol (None)."""
        kwargs: dict[str, Any] = {}
        sym = None if symbol is None else self.symbol(symbol, "open_orders")
        if sym is not None:
            kwargs["symbol"] = sym
        return Call(self.open_orders_endpoint, kwargs, self.orders_listed, self.context(sym or "*"))

    def order_result(self, parsed: Any, limits: dict[str, str]) -> Order:
        """The normalized order of get_order's success model."""
        raise NotImplementedError

    def orders_listed(self, parsed: Any, limits: dict[str, str]) -> list[Order]:
        """The normalized orders of open_orders' success model."""
        raise NotImplementedError

    def dead_man_switch(self, seconds: object) -> Call[DeadManSwitch]:
        raise InvalidArgument(
            f"{self.name} spot has no dead-man switch; run a heartbeat that calls cancel_all() instead (README)",
            venue=self.name,
        )

    def by_order_id(self, call: Call[CancelResult], order_id: str) -> Call[CancelResult]:
        """The same cancel, naming the order by its id instead of its client id (the answer is still checked
        against both)."""
        kwargs = dict(call.kwargs)
        kwargs.pop(self.rules.parameter("cancel_order", self.client_id_parameter).keyword, None)
        keyword, kwargs[keyword] = self.rules.check("cancel_order", "orderId", order_id, "order_id")
        return replace(call, kwargs=kwargs, context={**call.context, "order_id": order_id})

    def same_order(self, order: Order, context: Mapping[str, Any]) -> bool:
        """Whether `order` is the one a call named, by its id or its client id."""
        if context.get("order_id") is not None:
            return bool(order.order_id == context["order_id"])
        return context.get("client_order_id") is not None and order.client_order_id == context["client_order_id"]

    def result_from_order(self, order: Order, resolution: str) -> CancelResult:
        """A cancel's result from the order as a query reported it (closed as canceled)."""
        return CancelResult(
            venue=order.venue,
            symbol=order.symbol,
            order_id=order.order_id,
            client_order_id=order.client_order_id,
            order_list_id=order.order_list_id,
            status=order.status,
            side=order.side,
            order_type=order.order_type,
            time_in_force=order.time_in_force,
            price=order.price,
            stop_price=order.stop_price,
            orig_qty=order.orig_qty,
            executed_qty=order.executed_qty,
            cumulative_quote_qty=order.cumulative_quote_qty,
            transact_time=order.update_time,
            rate_limits=dict(order.rate_limits),
            raw=order.raw,
            resolution=resolution,
        )

    def closed_otherwise(self, order: Order, context: Mapping[str, Any]) -> OrderNotFound:
        """What a clean cancel of a closed order says, with the order's final status and executed quantity."""
        executed = "-" if order.executed_qty is None else format(order.executed_qty, "f")
        return OrderNotFound(
            f"the order is closed as {order.status} (executed {executed}); nothing was left to cancel",
            venue=self.name,
            order=order,
            **context,
        )

    def malformed(self, status: int | None, context: Mapping[str, Any], exc: BaseException) -> MalformedResponse:
        return MalformedResponse(
            f"{self.name} answered with success but a body cancelkit cannot read ({type(exc).__name__}: {exc});"
            " the order may have been canceled",
            venue=self.name,
            http_status=status,
            **context,
        )

    def not_built(self, exc: BaseException, context: Mapping[str, Any]) -> ConfigurationError:
        """The request could not be built: nothing was sent."""
        return ConfigurationError(
            f"could not build the request to {self.name} ({type(exc).__name__}: {exc}); nothing was sent",
            venue=self.name,
            **context,
        )

    def error_fields(self, parsed: Any) -> tuple[int | None, str | None]:
        """The venue's error code and message, or None for what is not of their documented type."""
        if not isinstance(parsed, self.error_model):
            return None, None
        code = parsed.code if isinstance(parsed.code, int) and not isinstance(parsed.code, bool) else None
        return code, parsed.msg if isinstance(parsed.msg, str) else None

    def classify(self, status: int, code: int | None, msg: str, operation: str | None = None) -> ErrorClass:
        """The spec's x-cancelkit-errors rules, through the generated classify_error."""
        category = self.facts.classify_error(operation, status, code, msg)
        return ERRORS_BY_CATEGORY[ErrorCategory(category)]

    def error(self, response: Any, context: Mapping[str, Any], operation: str | None = None) -> CancelKitError:
        status = int(response.status_code)
        code, msg = self.error_fields(response.parsed)
        if code is None and 200 <= status < 300:
            return self.malformed(status, context, ValueError("not the documented body"))
        cls = self.classify(status, code, (msg or "").lower(), operation)
        message = msg or f"HTTP {status} with a body that is not {self.name}'s JSON"
        details: dict[str, Any] = {"venue": self.name, "code": code, "http_status": status, **context}
        if cls is RateLimited:
            return RateLimited(
                message, retry_after=retry_after_seconds(response.headers), banned=status == 418, **details
            )
        return cls(message, **details)

    def error_message(self, response: Any) -> str | None:
        """The venue's message in an error answer, for the rate-limit bookkeeping."""
        return self.error_fields(getattr(response, "parsed", None))[1]

    def transport_error(self, exc: httpx.HTTPError, context: Mapping[str, Any]) -> CancelKitError:
        """A failure below HTTP, by how far the request got: refused or not connected before a byte left (not sent),
        answered but unreadable (malformed), or anything after the first byte (outcome unknown). The transport's
        message names the cause; it never holds a header value or the query string."""
        details: dict[str, Any] = {"venue": self.name, **context}
        cause = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        if isinstance(exc, _NOT_WRITABLE):
            return ConfigurationError(
                f"the request to {self.name} could not be sent ({cause}); nothing was sent", **details
            )
        if isinstance(exc, _NO_CONNECTION):
            return ConnectionFailed(f"could not connect to {self.name} ({cause}); nothing was sent", **details)
        if isinstance(exc, httpx.DecodingError):
            return MalformedResponse(
                f"{self.name} answered, but cancelkit cannot read the answer ({cause});"
                " the order may have been canceled",
                **details,
            )
        return OutcomeUnknown(
            f"{cause} after the request was sent to {self.name}; it may have been executed", **details
        )

    def clock_error(self, exc: BaseException | str) -> ClockSyncError:
        reason = exc if isinstance(exc, str) else type(exc).__name__
        return ClockSyncError(f"could not read {self.name}'s server time ({reason}); nothing was sent", venue=self.name)


# What each category of the specs' x-cancelkit-errors means to the facade; a test checks it names them all.
ERRORS_BY_CATEGORY: dict[ErrorCategory, ErrorClass] = {
    ErrorCategory.OUTCOME_UNKNOWN: OutcomeUnknown,
    ErrorCategory.RATE_LIMITED: RateLimited,
    ErrorCategory.TIMESTAMP: TimestampError,
    ErrorCategory.AUTHENTICATION: AuthenticationError,
    ErrorCategory.ORDER_NOT_FOUND: OrderNotFound,
    ErrorCategory.CANCEL_RESTRICTED: CancelRestricted,
    ErrorCategory.CANCEL_REJECTED: CancelRejected,
    ErrorCategory.INVALID_REQUEST: InvalidRequest,
    ErrorCategory.NOTHING_OPEN: NothingOpen,
    ErrorCategory.ORDER_ARCHIVED: OrderArchived,
}
