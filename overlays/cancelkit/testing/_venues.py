"""How each simulated venue checks a request and answers it.

Written from the venues' documents (../shared/reference/venues.md and queries.md), never from cancelkit's own signer
or parsers: the simulator is a second, independent reading of the signing rules and of the answers, so a mistake in
one shows up as a mismatch.

A venue's book keeps every order it ever had, open or closed, with its status, executed quantity, and when it was
created and last changed: a cancel closes an order (CANCELED), it does not forget it, and the order query answers for
it afterwards.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar
from urllib.parse import parse_qsl

Json = Any

# The statuses of an order still on the book: every venue's NEW and PARTIALLY_FILLED, Binance's PENDING_NEW (the
# pending leg of an order list), BingX's PENDING.
OPEN_STATUSES = frozenset({"NEW", "PENDING_NEW", "PENDING", "PARTIALLY_FILLED"})
HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS


@dataclass
class SimOrder:
    """An order on a simulated venue, open or closed: its status, what has executed, when it was created and last
    changed (the venue's clock, milliseconds)."""

    symbol: str
    order_id: int | str
    client_order_id: str
    price: str = "1.00000000"
    orig_qty: str = "1.00000000"
    executed_qty: str = "0.00000000"
    side: str = "BUY"
    type: str = "LIMIT"
    time_in_force: str = "GTC"
    status: str = "NEW"
    order_list_id: int = -1
    created_ms: int = 0
    update_ms: int = 0
    archived: bool = False  # Simulator.archive(): past the venue's retention

    @property
    def cumulative_quote_qty(self) -> str:
        return str((Decimal(self.price) * Decimal(self.executed_qty)).normalize())

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def remaining(self) -> Decimal:
        return Decimal(self.orig_qty) - Decimal(self.executed_qty)

    def close(self, status: str, now: int) -> None:
        self.status, self.update_ms = status, now

    def add_executed(self, qty: Decimal, now: int) -> None:
        """Execute `qty` more (all that remains at most): PARTIALLY_FILLED, or FILLED when nothing remains."""
        total = min(Decimal(self.orig_qty), Decimal(self.executed_qty) + qty)
        exponent = Decimal(self.orig_qty).as_tuple().exponent
        places = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
        shown = total.quantize(places) if total.quantize(places) == total else total  # as many decimals as orig_qty
        self.executed_qty = str(shown)
        self.status = "FILLED" if total >= Decimal(self.orig_qty) else "PARTIALLY_FILLED"
        self.update_ms = now


@dataclass
class SimOrderList:
    """A Binance order list (OCO) and its orders."""

    symbol: str
    order_list_id: int
    list_client_order_id: str
    orders: list[SimOrder]


class VenueError(Exception):
    """An answer that is the venue's error: HTTP status and body."""

    def __init__(self, status: int, body: Json) -> None:
        super().__init__(body)
        self.status = status
        self.body = body


@dataclass
class Request:
    method: str
    path: str
    raw_query: str
    body: bytes
    headers: dict[str, str]

    @property
    def params(self) -> dict[str, str]:
        return dict(parse_qsl(self.raw_query, keep_blank_values=True))


@dataclass
class Book:
    """A venue's orders, open and closed, by order id, and its open order lists."""

    orders: dict[str, SimOrder] = field(default_factory=dict)
    lists: dict[int, SimOrderList] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def open(self, symbols: frozenset[str] | None = None) -> list[SimOrder]:
        """The open orders, oldest first; on the given symbols only, when given."""
        return [o for o in self.orders.values() if o.is_open and (symbols is None or o.symbol in symbols)]


class SimVenue:
    """The rules one venue applies. Subclasses give its paths, key header, signature rule and bodies."""

    name: str
    key_header: str
    time_path: str
    routes: ClassVar[dict[tuple[str, str], str]]  # (method, path) -> operation name (the spec's operationId)
    restrictions: ClassVar[frozenset[str]] = frozenset()
    ERRORS: ClassVar[dict[str, tuple[int, int, str]]]  # kind -> (HTTP status, venue code, message)
    # How far back a lookup by client order id reaches; None: no limit (BingX: "Only supports a query range of 2
    # hours").
    client_id_window_ms: ClassVar[int | None] = None
    # The status of an order the venue ends itself (Simulator.expire()), None: as a cancel closes it.
    expired_status: ClassVar[str | None] = None

    def __init__(self, secrets: dict[str, str], *, auto_orders: bool = False) -> None:
        self.secrets = secrets  # api key -> secret
        self.book = Book()
        self.auto_orders = auto_orders
        # The dead-man switch (BingX's cancelAllAfter): when the venue's clock reaches the deadline, every open order
        # is canceled. The other venues have none: it stays None there.
        self.dead_man_deadline_ms: int | None = None
        self.dead_man_fired = 0  # how many times the switch fired
        self.dead_man_canceled: list[int | str] = []  # the ids of the orders it canceled, every time

    # -- ids -----------------------------------------------------------------------------------------------------

    def next_order_id(self) -> int | str:
        return next(self.book.ids)

    # -- checks --------------------------------------------------------------------------------------------------

    def check_auth(self, request: Request, server_ms: int) -> dict[str, str]:
        """The request's parameters, once its key, signature and timestamp pass; else the venue's error."""
        key = request.headers.get(self.key_header.lower())
        if not key:
            raise self.error("missing_key")
        secret = self.secrets.get(key)
        if secret is None:
            raise self.error("bad_key")
        params = request.params
        signature = params.pop("signature", None)
        if not signature:
            raise self.error("missing_param", "signature")
        if not hmac.compare_digest(self.expected_signature(secret, request, params), self.normal(signature)):
            raise self.error("bad_signature")
        self.check_time(params, server_ms)
        return params

    def normal(self, signature: str) -> str:
        return signature

    def expected_signature(self, secret: str, request: Request, params: dict[str, str]) -> str:
        raise NotImplementedError

    def check_time(self, params: dict[str, str], server_ms: int) -> None:
        timestamp = params.get("timestamp", "")
        if not timestamp.isdigit():
            raise self.error("missing_param", "timestamp")
        window_text = params.get("recvWindow", "5000")
        try:
            window = Decimal(window_text)
        except ArithmeticError:
            raise self.error("bad_param", "recvWindow") from None
        if window > 60000 or window <= 0:
            raise self.error("bad_recv_window")
        stamp = int(timestamp)
        if len(timestamp) >= 16:  # microseconds (Binance)
            stamp //= 1000
        if not (stamp < server_ms + 1000 and server_ms - stamp <= window):
            raise self.error("timestamp")

    # -- the book ------------------------------------------------------------------------------------------------

    def tick(self, now: int) -> None:
        """Fire the dead-man switch if its deadline has passed: every open order is canceled, and it is disarmed."""
        deadline = self.dead_man_deadline_ms
        if deadline is None or now < deadline:
            return
        self.dead_man_deadline_ms = None
        self.dead_man_fired += 1
        for order in self.book.open():
            order.close(self.canceled_status(order), deadline)
            self.dead_man_canceled.append(order.order_id)
        self.book.lists.clear()

    def canceled_status(self, order: SimOrder) -> str:
        """The status a cancel leaves an order in."""
        return "CANCELED"

    def cancel(self, order: SimOrder, now: int) -> SimOrder:
        """Close an open order as canceled (kept in the book's history)."""
        order.close(self.canceled_status(order), now)
        return order

    def archive(self, order: SimOrder) -> None:
        """Past the venue's retention (Simulator.archive()): a closed order only; a query then no longer finds it."""
        if order.is_open:
            raise ValueError(f"order {order.order_id} is open: a venue archives closed orders only")
        order.archived = True

    def forgotten(self, order: SimOrder) -> bool:
        """Whether a query answers as if the venue never had the order."""
        return order.archived

    def findable_by_client_id(self, order: SimOrder, now: int) -> bool:
        window = self.client_id_window_ms
        return window is None or now - order.created_ms <= window

    def take(self, symbol: str, order_id: str | None, client_order_id: str | None, now: int) -> SimOrder:
        """The open order these ids name (still open: the caller closes it); the venue's unknown-order error
        otherwise. With `auto_orders`, an id the book does not hold is canceled as if it were open (load tests)."""
        if order_id is not None:  # the book is keyed by order id: no scan
            order = self.book.orders.get(order_id)
            if (
                order is not None
                and order.is_open
                and order.symbol == symbol
                and client_order_id in (None, order.client_order_id)
            ):
                return order
            if self.auto_orders and order is None:
                return SimOrder(symbol, int(order_id) if order_id.isdigit() else order_id, client_order_id or "auto")
            raise self.error("unknown_order")
        for order in self.book.orders.values():
            if (
                order.is_open
                and order.symbol == symbol
                and order.client_order_id == client_order_id
                and self.findable_by_client_id(order, now)
            ):
                return order
        if self.auto_orders and client_order_id is not None:
            return SimOrder(symbol, self.next_order_id(), client_order_id)
        raise self.error("unknown_order")

    def lookup(self, symbol: str | None, order_id: str | None, client_order_id: str | None, now: int) -> SimOrder:
        """The order these ids name, open or closed, for the order query; the venue's not-found error otherwise.
        A client order id may have named several orders over time (reused once an order ended): the newest wins."""
        if order_id is not None:
            order = self.book.orders.get(order_id)
            if order is None or self.forgotten(order) or (symbol is not None and order.symbol != symbol):
                raise self.error("no_such_order")
            if client_order_id is not None and order.client_order_id != client_order_id:
                raise self.error("other_client_id")
            return order
        for order in reversed(self.book.orders.values()):
            if (
                order.client_order_id == client_order_id
                and (symbol is None or order.symbol == symbol)
                and not self.forgotten(order)
                and self.findable_by_client_id(order, now)
            ):
                return order
        raise self.error("no_such_order")

    # -- answers -------------------------------------------------------------------------------------------------

    def error(self, kind: str, detail: str = "") -> VenueError:
        raise NotImplementedError

    def time_body(self, server_ms: int) -> Json:
        return {"serverTime": server_ms}

    def rate_limit_headers(self, requests: int) -> dict[str, str]:
        return {}

    def operation(self, name: str) -> Callable[[dict[str, str], int], Json]:
        handler: Callable[[dict[str, str], int], Json] = getattr(self, "op_" + name)
        return handler

    def required(self, params: dict[str, str], name: str) -> str:
        value = params.get(name)
        if not value:
            raise self.error("missing_param", name)
        return value


class BinanceSim(SimVenue):
    name = "binance"
    key_header = "X-MBX-APIKEY"
    time_path = "/api/v3/time"
    routes: ClassVar[dict[tuple[str, str], str]] = {
        ("DELETE", "/api/v3/order"): "cancel_order",
        ("GET", "/api/v3/order"): "get_order",
        ("DELETE", "/api/v3/openOrders"): "cancel_open_orders",
        ("GET", "/api/v3/openOrders"): "open_orders",
        ("DELETE", "/api/v3/orderList"): "cancel_order_list",
    }
    restrictions: ClassVar[frozenset[str]] = frozenset({"ONLY_NEW", "ONLY_PARTIALLY_FILLED"})
    expired_status: ClassVar[str | None] = "EXPIRED"
    ERRORS: ClassVar[dict[str, tuple[int, int, str]]] = {
        "missing_key": (401, -2014, "API-key format invalid."),
        "bad_key": (401, -2015, "Invalid API-key, IP, or permissions for action."),
        "bad_signature": (400, -1022, "Signature for this request is not valid."),
        "timestamp": (400, -1021, "Timestamp for this request is outside of the recvWindow."),
        "bad_recv_window": (400, -1131, "recvWindow must be less than 60000"),
        "missing_param": (400, -1102, "Mandatory parameter '{}' was not sent, was empty/null, or malformed."),
        "bad_param": (400, -1102, "Parameter '{}' was malformed."),
        "no_ids": (400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!"),
        "bad_restriction": (400, -1145, "Invalid cancelRestrictions"),
        "unknown_order": (400, -2011, "Unknown order sent."),
        "restricted": (400, -2011, "Order was not canceled due to cancel restrictions."),
        "no_such_order": (400, -2013, "Order does not exist."),
        "archived": (
            400,
            -2026,
            "Order was canceled or expired with no executed qty over 90 days ago and has been archived.",
        ),
        "other_client_id": (400, -2039, "Client order ID is not correct for this order ID."),
        "rate_limited": (
            429,
            -1003,
            "Too much request weight used; current limit is 6000 request weight per 1 MINUTE.",
        ),
        "banned": (418, -1003, "Way too much request weight used; IP banned until {}."),
        "server_error": (503, -1007, "Timeout waiting for response from backend server. Send status unknown."),
    }
    # CHANGELOG 2023-03-13 and 2025-08-12: these, with nothing executed, are archived after 90 days.
    ARCHIVED_STATUSES: ClassVar[frozenset[str]] = frozenset({"CANCELED", "EXPIRED", "EXPIRED_IN_MATCH"})

    def rate_limit_headers(self, requests: int) -> dict[str, str]:
        return {"X-MBX-USED-WEIGHT-1M": str(requests)}

    def expected_signature(self, secret: str, request: Request, params: dict[str, str]) -> str:
        # The percent-encoded query as received, up to `&signature=`, then the body (rest-api.md, SIGNED endpoints).
        payload = request.raw_query.rsplit("&signature=", 1)[0].encode() + request.body
        return hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()

    def normal(self, signature: str) -> str:
        return signature.lower()  # HMAC signatures are case-insensitive on Binance

    def error(self, kind: str, detail: str = "") -> VenueError:
        status, code, msg = self.ERRORS[kind]
        return VenueError(status, {"code": code, "msg": msg.format(detail)})

    def archive(self, order: SimOrder) -> None:
        if order.is_open:
            super().archive(order)  # refused: open
        if order.status not in self.ARCHIVED_STATUSES or Decimal(order.executed_qty):
            raise ValueError(
                f"order {order.order_id} is {order.status} with {order.executed_qty} executed: Binance archives only"
                " canceled or expired orders with nothing executed"
            )
        order.archived = True

    def forgotten(self, order: SimOrder) -> bool:
        return False  # an archived order is answered -2026, not as unknown

    def is_archived(self, order: SimOrder, now: int) -> bool:
        """Archived: so marked, or closed as canceled or expired with nothing executed over 90 days ago."""
        return order.archived or (
            order.status in self.ARCHIVED_STATUSES
            and Decimal(order.executed_qty) == 0
            and now - order.update_ms > 90 * DAY_MS
        )

    def report(self, order: SimOrder, now: int, cancel_id: str | None) -> Json:
        body = {
            "symbol": order.symbol,
            "origClientOrderId": order.client_order_id,
            "orderId": order.order_id,
            "orderListId": order.order_list_id,
            "clientOrderId": cancel_id or f"cancel{order.order_id}",
            "transactTime": now,
            "price": order.price,
            "origQty": order.orig_qty,
            "executedQty": order.executed_qty,
            "origQuoteOrderQty": "0.00000000",
            "cummulativeQuoteQty": order.cumulative_quote_qty,
            "status": order.status,
            "timeInForce": order.time_in_force,
            "type": order.type,
            "side": order.side,
            "selfTradePreventionMode": "NONE",
        }
        if order.type.startswith(("STOP_LOSS", "TAKE_PROFIT")):
            body["stopPrice"] = order.price
        return body

    def order_body(self, order: SimOrder) -> Json:
        """The order as GET /api/v3/order and GET /api/v3/openOrders report it (rest-api.md, Query order)."""
        working = order.status != "PENDING_NEW"
        return {
            "symbol": order.symbol,
            "orderId": order.order_id,
            "orderListId": order.order_list_id,
            "clientOrderId": order.client_order_id,
            "price": order.price,
            "origQty": order.orig_qty,
            "executedQty": order.executed_qty,
            "cummulativeQuoteQty": order.cumulative_quote_qty,
            "status": order.status,
            "timeInForce": order.time_in_force,
            "type": order.type,
            "side": order.side,
            "stopPrice": order.price if order.type.startswith(("STOP_LOSS", "TAKE_PROFIT")) else "0.00000000",
            "icebergQty": "0.00000000",
            "time": order.created_ms,
            "updateTime": order.update_ms,
            "isWorking": working,
            "workingTime": order.created_ms if working else -1,
            "origQuoteOrderQty": "0.00000000",
            "selfTradePreventionMode": "NONE",
        }

    def list_report(self, order_list: SimOrderList, now: int, cancel_id: str | None) -> Json:
        return {
            "orderListId": order_list.order_list_id,
            "contingencyType": "OCO",
            "listStatusType": "ALL_DONE",
            "listOrderStatus": "ALL_DONE",
            "listClientOrderId": order_list.list_client_order_id,
            "transactionTime": now,
            "symbol": order_list.symbol,
            "orders": [
                {"symbol": o.symbol, "orderId": o.order_id, "clientOrderId": o.client_order_id}
                for o in order_list.orders
            ],
            "orderReports": [self.report(o, now, cancel_id) for o in order_list.orders],
        }

    def cancel_list(self, order_list: SimOrderList, now: int) -> None:
        del self.book.lists[order_list.order_list_id]
        for order in order_list.orders:
            if order.is_open:
                self.cancel(order, now)

    def op_cancel_order(self, params: dict[str, str], now: int) -> Json:
        symbol = self.required(params, "symbol")
        order_id, client_id = params.get("orderId"), params.get("origClientOrderId")
        if order_id is None and client_id is None:
            raise self.error("no_ids")
        restriction = params.get("cancelRestrictions")
        if restriction is not None and restriction not in self.restrictions:
            raise self.error("bad_restriction")
        order = self.take(symbol, order_id, client_id, now)
        wanted = {"ONLY_NEW": "NEW", "ONLY_PARTIALLY_FILLED": "PARTIALLY_FILLED"}.get(restriction or "")
        if wanted is not None and order.status != wanted:
            raise self.error("restricted")  # still open
        order_list = self.book.lists.get(order.order_list_id)
        if order_list is not None:  # one order of a list cancels the whole list
            self.cancel_list(order_list, now)
        return self.report(self.cancel(order, now), now, params.get("newClientOrderId"))

    def op_get_order(self, params: dict[str, str], now: int) -> Json:
        symbol = self.required(params, "symbol")
        order_id, client_id = params.get("orderId"), params.get("origClientOrderId")
        if order_id is None and client_id is None:
            raise self.error("no_ids")
        order = self.lookup(symbol, order_id, client_id, now)
        if self.is_archived(order, now):
            raise self.error("archived")
        return self.order_body(order)

    def op_open_orders(self, params: dict[str, str], now: int) -> Json:
        symbol = params.get("symbol")  # none: every symbol
        return [self.order_body(o) for o in self.book.open(None if symbol is None else frozenset({symbol}))]

    def op_cancel_open_orders(self, params: dict[str, str], now: int) -> Json:
        symbol = self.required(params, "symbol")
        lists = [ol for ol in self.book.lists.values() if ol.symbol == symbol]
        in_lists = {str(o.order_id) for ol in lists for o in ol.orders}
        singles = [o for o in self.book.open(frozenset({symbol})) if str(o.order_id) not in in_lists]
        if not singles and not lists:
            raise self.error("unknown_order")
        for order in singles:
            self.cancel(order, now)
        for order_list in lists:
            self.cancel_list(order_list, now)
        return [self.report(o, now, None) for o in singles] + [self.list_report(ol, now, None) for ol in lists]

    def op_cancel_order_list(self, params: dict[str, str], now: int) -> Json:
        symbol = self.required(params, "symbol")
        list_id, list_client_id = params.get("orderListId"), params.get("listClientOrderId")
        if list_id is None and list_client_id is None:
            raise self.error("missing_param", "orderListId")
        for order_list in list(self.book.lists.values()):
            if order_list.symbol != symbol:
                continue
            if list_id is not None and str(order_list.order_list_id) != list_id:
                continue
            if list_client_id is not None and order_list.list_client_order_id != list_client_id:
                continue
            self.cancel_list(order_list, now)
            return self.list_report(order_list, now, params.get("newClientOrderId"))
        raise VenueError(400, {"code": -2011, "msg": "Order list does not exist."})


class MexcSim(SimVenue):
    """MEXC. Its order query answers as ccxt recorded a real answer (ids and times as strings, nulls for what it has
    no value for); its open-orders listing as the live documents' sample (numbers, `stpMode`): both forms reach the
    client. A cancel leaves a partly executed order PARTIALLY_CANCELED (MEXC's status enum)."""

    name = "mexc"
    key_header = "X-MEXC-APIKEY"
    time_path = "/api/v3/time"
    routes: ClassVar[dict[tuple[str, str], str]] = {
        ("DELETE", "/api/v3/order"): "cancel_order",
        ("GET", "/api/v3/order"): "get_order",
        ("DELETE", "/api/v3/openOrders"): "cancel_open_orders",
        ("GET", "/api/v3/openOrders"): "open_orders",
    }
    ERRORS: ClassVar[dict[str, tuple[int, int, str]]] = {
        "missing_key": (400, 400, "api key required"),
        "bad_key": (400, 10072, "Api key info invalid"),
        "bad_signature": (400, 700002, "Signature for this request is not valid."),
        "timestamp": (400, 700003, "Timestamp for this request is outside of the recvWindow."),
        "bad_recv_window": (400, 700005, "recvWindow must less than 60000"),
        "missing_param": (400, 700004, "Mandatory parameter '{}' was not sent, was empty/null, or malformed."),
        "bad_param": (400, 33333, "param is error"),
        "no_ids": (400, 700004, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!"),
        "unknown_order": (400, -2011, "Unknown order sent."),
        # ccxt/ccxt #21614: {"msg":"Order does not exist.","code":-2013,"_extend":null} from GET /api/v3/order
        "no_such_order": (400, -2013, "Order does not exist."),
        "other_client_id": (400, -2013, "Order does not exist."),
        "rate_limited": (429, 429, "Too Many Requests"),
        "banned": (418, 429, "Too Many Requests"),
        "server_error": (500, 500, "Internal error"),
    }

    def next_order_id(self) -> str:
        return f"C02__{next(self.book.ids):012d}"

    def expected_signature(self, secret: str, request: Request, params: dict[str, str]) -> str:
        # totalParams: the query string followed by the body, commas as uppercase %2C (MEXC's "SIGNED" section)
        payload = request.raw_query.rsplit("&signature=", 1)[0].encode() + request.body
        return hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()

    def error(self, kind: str, detail: str = "") -> VenueError:
        status, code, msg = self.ERRORS[kind]
        body: dict[str, Any] = {"code": code, "msg": msg.format(detail)}
        if code == -2013:
            body["_extend"] = None
        return VenueError(status, body)

    def canceled_status(self, order: SimOrder) -> str:
        return "PARTIALLY_CANCELED" if Decimal(order.executed_qty) > 0 else "CANCELED"

    def report(self, order: SimOrder) -> Json:
        return {
            "symbol": order.symbol,
            "origClientOrderId": order.client_order_id,
            "orderId": order.order_id,
            "clientOrderId": f"cancel{order.order_id}",
            "price": order.price,
            "origQty": order.orig_qty,
            "executedQty": order.executed_qty,
            "cummulativeQuoteQty": order.cumulative_quote_qty,
            "status": order.status,
            "timeInForce": order.time_in_force,
            "type": order.type,
            "side": order.side,
        }

    def query_body(self, order: SimOrder) -> Json:
        """GET /api/v3/order, in the form of ccxt's recorded answer: strings for ids and times, nulls."""
        return {
            "symbol": order.symbol,
            "orderId": str(order.order_id),
            "orderListId": str(order.order_list_id),
            "clientOrderId": order.client_order_id,
            "price": order.price,
            "origQty": order.orig_qty,
            "executedQty": order.executed_qty,
            "cummulativeQuoteQty": order.cumulative_quote_qty,
            "status": order.status,
            "timeInForce": None,
            "type": order.type,
            "side": order.side,
            "stopPrice": None,
            "icebergQty": None,
            "time": str(order.created_ms),
            "updateTime": str(order.update_ms),
            "isWorking": True,
            "origQuoteOrderQty": "0",
        }

    def listing_body(self, order: SimOrder) -> Json:
        """GET /api/v3/openOrders, in the form of the live documents' sample: numbers, `stpMode`."""
        return {
            "symbol": order.symbol,
            "orderId": order.order_id,
            "orderListId": order.order_list_id,
            "clientOrderId": order.client_order_id,
            "price": order.price,
            "origQty": order.orig_qty,
            "executedQty": order.executed_qty,
            "cummulativeQuoteQty": order.cumulative_quote_qty,
            "status": order.status,
            "timeInForce": order.time_in_force,
            "type": order.type,
            "side": order.side,
            "stopPrice": "0.0",
            "icebergQty": "0.0",
            "time": order.created_ms,
            "updateTime": order.update_ms,
            "isWorking": True,
            "stpMode": "",
            "origQuoteOrderQty": "0.000000",
        }

    def symbols(self, text: str) -> frozenset[str]:
        symbols = text.split(",")
        if len(symbols) > 5:
            raise self.error("bad_param")
        return frozenset(symbols)

    def op_cancel_order(self, params: dict[str, str], now: int) -> Json:
        symbol = self.required(params, "symbol")
        order_id, client_id = params.get("orderId"), params.get("origClientOrderId")
        if order_id is None and client_id is None:
            raise self.error("no_ids")
        return self.report(self.cancel(self.take(symbol, order_id, client_id, now), now))

    def op_get_order(self, params: dict[str, str], now: int) -> Json:
        # `symbol` is optional here in MEXC's table, unlike its other trade endpoints.
        order_id, client_id = params.get("orderId"), params.get("origClientOrderId")
        if order_id is None and client_id is None:
            raise self.error("no_ids")
        return self.query_body(self.lookup(params.get("symbol"), order_id, client_id, now))

    def op_open_orders(self, params: dict[str, str], now: int) -> Json:
        # Without `symbol`, every symbol (ccxt's fetchOpenOrders; unconfirmed by MEXC's documents).
        symbol = params.get("symbol")
        return [self.listing_body(o) for o in self.book.open(None if symbol is None else self.symbols(symbol))]

    def op_cancel_open_orders(self, params: dict[str, str], now: int) -> Json:
        canceled = self.book.open(self.symbols(self.required(params, "symbol")))
        return [self.report(self.cancel(o, now)) for o in canceled]


class BingxSim(SimVenue):
    """BingX. Its order query and open-orders listing answer as docs-v3's samples (`StopPrice`, `fee` a string in the
    query and a number in the listing); an unknown order is 80016 to a query (one of BingX's candidates) and 100404 to
    a cancel. cancelAllAfter arms a dead-man switch: `triggerTime` in seconds as every sample, or in milliseconds as
    BingX's AI-skill says when `trigger_time_in_ms` is set."""

    name = "bingx"
    key_header = "X-BX-APIKEY"
    time_path = "/openApi/swap/v2/server/time"
    routes: ClassVar[dict[tuple[str, str], str]] = {
        ("POST", "/openApi/spot/v1/trade/cancel"): "cancel_order",
        ("POST", "/openApi/spot/v1/trade/cancelOrders"): "cancel_orders",
        ("POST", "/openApi/spot/v1/trade/cancelOpenOrders"): "cancel_open_orders",
        ("GET", "/openApi/spot/v1/trade/query"): "get_order",
        ("GET", "/openApi/spot/v1/trade/openOrders"): "open_orders",
        ("POST", "/openApi/spot/v1/trade/cancelAllAfter"): "cancel_all_after",
    }
    restrictions: ClassVar[frozenset[str]] = frozenset({"NEW", "PENDING", "PARTIALLY_FILLED"})
    client_id_window_ms: ClassVar[int | None] = 2 * HOUR_MS
    ERRORS: ClassVar[dict[str, tuple[int, int, str]]] = {
        "missing_key": (200, 100413, "Incorrect apiKey"),
        "bad_key": (200, 100413, "Incorrect apiKey"),
        "bad_signature": (200, 100001, "Signature verification failed"),
        "timestamp": (200, 100421, "Null timestamp or timestamp mismatch"),
        "bad_recv_window": (200, 100400, "Invalid parameters, recvWindow"),
        "missing_param": (200, 100400, "Invalid parameters, {} is required"),
        "bad_param": (200, 100400, "Invalid parameters, {}"),
        "bad_restriction": (200, 100400, "Invalid parameters, cancelRestrictions"),
        "unknown_order": (200, 100404, "order not exist"),
        "no_such_order": (200, 80016, "Order does not exist"),
        "other_client_id": (200, 80016, "Order does not exist"),
        "restricted": (200, 100400, "order status does not match cancelRestrictions"),
        "rate_limited": (200, 100410, "rate limited"),
        "banned": (418, 100410, "banned"),
        "server_error": (504, 504, "The server failed to get a response; further confirmation required"),
    }
    MAX_OPEN_LISTED = 2000  # "max length is 2000"

    def __init__(self, secrets: dict[str, str], *, auto_orders: bool = False) -> None:
        super().__init__(secrets, auto_orders=auto_orders)
        self.trigger_time_in_ms = False  # triggerTime in seconds (every sample), or milliseconds (the AI-skill)

    def rate_limit_headers(self, requests: int) -> dict[str, str]:
        return {"X-RateLimit-Requests-Remain": str(max(0, 1000 - requests)), "X-RateLimit-Requests-Expire": "60"}

    def next_order_id(self) -> int:
        return 1_735_964_079_647_000_000 + next(self.book.ids)  # above 2**53, as BingX's are

    def expected_signature(self, secret: str, request: Request, params: dict[str, str]) -> str:
        # Every parameter but the signature, sorted by key, joined raw: not percent-encoded (BingX's SignAuth)
        canonical = "&".join(f"{key}={params[key]}" for key in sorted(params))
        return hmac.new(secret.encode(), canonical.encode(), hashlib.sha256).hexdigest()

    def error(self, kind: str, detail: str = "") -> VenueError:
        status, code, msg = self.ERRORS[kind]
        return VenueError(status, {"code": code, "msg": msg.format(detail), "debugMsg": "", "data": {}})

    def time_body(self, server_ms: int) -> Json:
        return self.envelope({"serverTime": server_ms})

    @staticmethod
    def envelope(data: Json) -> Json:
        return {"code": 0, "msg": "", "debugMsg": "", "data": data}

    def order_body(self, order: SimOrder, now: int) -> Json:
        return {
            "symbol": order.symbol,
            "orderId": order.order_id,
            "transactTime": now,
            "price": order.price,
            "stopPrice": "0",
            "origQty": order.orig_qty,
            "executedQty": order.executed_qty,
            "cummulativeQuoteQty": order.cumulative_quote_qty,
            "status": order.status,
            "type": order.type,
            "side": order.side,
            "clientOrderID": order.client_order_id,
        }

    def details(self, order: SimOrder, *, fee: str | int) -> Json:
        """The order as the query and the listing report it (docs-v3's samples, `StopPrice` and all)."""
        executed = Decimal(order.executed_qty)
        return {
            "symbol": order.symbol,
            "orderId": order.order_id,
            "price": order.price,
            "StopPrice": "0",
            "origQty": order.orig_qty,
            "executedQty": order.executed_qty,
            "cummulativeQuoteQty": order.cumulative_quote_qty,
            "status": order.status,
            "type": order.type,
            "side": order.side,
            "time": order.created_ms,
            "updateTime": order.update_ms,
            "origQuoteOrderQty": "0",
            "fee": fee,
            "feeAsset": order.symbol.split("-")[0],
            "avgPrice": order.price if executed else "0",
            "clientOrderID": order.client_order_id,
        }

    def op_cancel_order(self, params: dict[str, str], now: int) -> Json:
        symbol = self.required(params, "symbol")
        order_id, client_id = params.get("orderId"), params.get("clientOrderID")
        if order_id is None and client_id is None:
            raise self.error("missing_param", "orderId or clientOrderID")
        restriction = params.get("cancelRestrictions")
        if restriction is not None and restriction not in self.restrictions:
            raise self.error("bad_restriction")
        order = self.take(symbol, order_id, client_id, now)
        if restriction is not None and order.status != restriction:
            raise self.error("restricted")  # still open
        return self.envelope(self.order_body(self.cancel(order, now), now))

    def op_cancel_orders(self, params: dict[str, str], now: int) -> Json:
        symbol = self.required(params, "symbol")
        by_client = "clientOrderIDs" in params
        wanted = (params.get("clientOrderIDs") or self.required(params, "orderIds")).split(",")
        taken: list[SimOrder] = []
        fails = []
        for one in wanted:
            try:
                order = self.take(symbol, None, one, now) if by_client else self.take(symbol, one, None, now)
                if any(order is other for other in taken):  # named twice: canceled once, the second fails
                    raise self.error("unknown_order")
            except VenueError:
                fails.append({"orderId": one, "error": f"the  orderId:{one} order not exist, please verify"})
            else:
                taken.append(order)
        if fails and params.get("process", "0") != "1":  # process=0: one bad id fails them all
            raise self.error("unknown_order")
        return self.envelope({"orders": [self.order_body(self.cancel(o, now), now) for o in taken], "fails": fails})

    def op_cancel_open_orders(self, params: dict[str, str], now: int) -> Json:
        symbol = params.get("symbol")
        canceled = self.book.open(None if symbol is None else frozenset({symbol}))
        return self.envelope({"orders": [self.order_body(self.cancel(o, now), now) for o in canceled]})

    def op_get_order(self, params: dict[str, str], now: int) -> Json:
        symbol = self.required(params, "symbol")
        order_id, client_id = params.get("orderId"), params.get("clientOrderID")
        if order_id is None and client_id is None:
            raise self.error("missing_param", "orderId or clientOrderID")
        return self.envelope(self.details(self.lookup(symbol, order_id, client_id, now), fee="0"))

    def op_open_orders(self, params: dict[str, str], now: int) -> Json:
        symbol = params.get("symbol")  # none: every pair
        listed = self.book.open(None if symbol is None else frozenset({symbol}))[: self.MAX_OPEN_LISTED]
        return self.envelope({"orders": [self.details(o, fee=0) for o in listed]})

    def trigger_time(self, deadline_ms: int) -> int:
        return deadline_ms if self.trigger_time_in_ms else deadline_ms // 1000

    def op_cancel_all_after(self, params: dict[str, str], now: int) -> Json:
        kind = self.required(params, "type")
        time_out = params.get("timeOut", "")
        if kind == "ACTIVATE":
            # "Activate countdown time (seconds), range: 10s-120s"; sent again, it restarts from now.
            if not time_out.isdigit() or not 10 <= int(time_out) <= 120:
                raise self.error("bad_param", "timeOut must be between 10 and 120 seconds")
            deadline = now + int(time_out) * 1000
            self.dead_man_deadline_ms = deadline
            when = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(deadline // 1000))
            note = (
                f"All your spot pending orders will be closed automatically at {when} UTC(+0),before that you can"
                " cancel the timer, or extend triggerTime time by this request"
            )
            return self.envelope({"triggerTime": self.trigger_time(deadline), "status": "ACTIVATED", "note": note})
        if kind == "CLOSE":
            # timeOut: required for both in docs-v3, only for ACTIVATE in the AI-skill; ccxt sends 0. Any is taken.
            if time_out and not time_out.isdigit():
                raise self.error("bad_param", "timeOut")
            self.dead_man_deadline_ms = None
            return self.envelope({"triggerTime": 0, "status": "CLOSED", "note": "the timer is closed"})
        raise self.error("bad_param", "type must be ACTIVATE or CLOSE")


VENUES: dict[str, type[SimVenue]] = {"binance": BinanceSim, "mexc": MexcSim, "bingx": BingxSim}
