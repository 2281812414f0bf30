"""How each simulated venue checks a request and answers it.

Written from the venues' documents (../shared/reference/venues.md), never from cancelkit's own signer: the
simulator is a second, independent reading of the signing rules, so a mistake in one shows up as a mismatch.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar
from urllib.parse import parse_qsl

Json = Any


@dataclass
class SimOrder:
    """An open order on a simulated venue."""

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

    @property
    def cumulative_quote_qty(self) -> str:
        return str((Decimal(self.price) * Decimal(self.executed_qty)).normalize())


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
    """A venue's open orders and order lists."""

    orders: dict[str, SimOrder] = field(default_factory=dict)
    lists: dict[int, SimOrderList] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))


class SimVenue:
    """The rules one venue applies. Subclasses give its paths, key header, signature rule and bodies."""

    name: str
    key_header: str
    time_path: str
    routes: ClassVar[dict[tuple[str, str], str]]  # (method, path) -> operation name
    restrictions: ClassVar[frozenset[str]] = frozenset()
    ERRORS: ClassVar[dict[str, tuple[int, int, str]]]  # kind -> (HTTP status, venue code, message)

    def __init__(self, secrets: dict[str, str], *, auto_orders: bool = False) -> None:
        self.secrets = secrets  # api key -> secret
        self.book = Book()
        self.auto_orders = auto_orders

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

    def take(self, symbol: str, order_id: str | None, client_order_id: str | None) -> SimOrder:
        """The open order these ids name, removed from the book; the venue's unknown-order error otherwise.
        With `auto_orders`, an id the book does not hold is canceled as if it were open (load tests)."""
        if order_id is not None:  # the book is keyed by order id: no scan
            order = self.book.orders.get(order_id)
            if order is not None and order.symbol == symbol and client_order_id in (None, order.client_order_id):
                return self.book.orders.pop(order_id)
            if self.auto_orders:
                return SimOrder(symbol, int(order_id) if order_id.isdigit() else order_id, client_order_id or "auto")
            raise self.error("unknown_order")
        for key, order in self.book.orders.items():
            if order.symbol != symbol:
                continue
            if order_id is not None and str(order.order_id) != order_id:
                continue
            if client_order_id is not None and order.client_order_id != client_order_id:
                continue
            del self.book.orders[key]
            return order
        if self.auto_orders and client_order_id is not None:
            return SimOrder(symbol, self.next_order_id(), client_order_id)
        raise self.error("unknown_order")

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
        ("DELETE", "/api/v3/openOrders"): "cancel_open_orders",
        ("DELETE", "/api/v3/orderList"): "cancel_order_list",
    }
    restrictions: ClassVar[frozenset[str]] = frozenset({"ONLY_NEW", "ONLY_PARTIALLY_FILLED"})
    ERRORS: ClassVar[dict[str, tuple[int, int, str]]] = {
        "missing_key": (401, -2014, "API-key format invalid."),
        "bad_key": (401, -2015, "Invalid API-key, IP, or permissions for action."),
        "bad_signature": (400, -1022, "Signature for this request is not valid."),
        "timestamp": (400, -1021, "Timestamp for this request is outside of the recvWindow."),
        "bad_recv_window": (400, -1131, "recvWindow must be less than 60000"),
        "missing_param": (400, -1102, "Mandatory parameter '{}' was not sent, was empty/null, or malformed."),
        "bad_param": (400, -1102, "Parameter '{}' was malformed."),
        "bad_restriction": (400, -1145, "Invalid cancelRestrictions"),
        "unknown_order": (400, -2011, "Unknown order sent."),
        "restricted": (400, -2011, "Order was not canceled due to cancel restrictions."),
        "rate_limited": (
            429,
            -1003,
            "Too much request weight used; current limit is 6000 request weight per 1 MINUTE.",
        ),
        "banned": (418, -1003, "Way too much request weight used; IP banned until {}."),
        "server_error": (503, -1007, "Timeout waiting for response from backend server. Send status unknown."),
    }

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
            "status": "CANCELED",
            "timeInForce": order.time_in_force,
            "type": order.type,
            "side": order.side,
            "selfTradePreventionMode": "NONE",
        }
        if order.type.startswith(("STOP_LOSS", "TAKE_PROFIT")):
            body["stopPrice"] = order.price
        return body

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

    def op_cancel_order(self, params: dict[str, str], now: int) -> Json:
        symbol = self.required(params, "symbol")
        order_id, client_id = params.get("orderId"), params.get("origClientOrderId")
        if order_id is None and client_id is None:
            raise VenueError(
                400,
                {
                    "code": -1102,
                    "msg": "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
                },
            )
        restriction = params.get("cancelRestrictions")
        if restriction is not None and restriction not in self.restrictions:
            raise self.error("bad_restriction")
        order = self.take(symbol, order_id, client_id)
        wanted = {"ONLY_NEW": "NEW", "ONLY_PARTIALLY_FILLED": "PARTIALLY_FILLED"}.get(restriction or "")
        if wanted is not None and order.status != wanted:
            self.book.orders[str(order.order_id)] = order  # still open
            raise self.error("restricted")
        if order.order_list_id != -1:  # one order of a list cancels the whole list
            self.book.lists.pop(order.order_list_id, None)
        return self.report(order, now, params.get("newClientOrderId"))

    def op_cancel_open_orders(self, params: dict[str, str], now: int) -> Json:
        symbol = self.required(params, "symbol")
        lists = [ol for ol in self.book.lists.values() if ol.symbol == symbol]
        in_lists = {str(o.order_id) for ol in lists for o in ol.orders}
        singles = [o for k, o in self.book.orders.items() if o.symbol == symbol and k not in in_lists]
        if not singles and not lists:
            raise self.error("unknown_order")
        for order in singles:
            del self.book.orders[str(order.order_id)]
        for order_list in lists:
            del self.book.lists[order_list.order_list_id]
            for order in order_list.orders:
                self.book.orders.pop(str(order.order_id), None)
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
            del self.book.lists[order_list.order_list_id]
            for order in order_list.orders:
                self.book.orders.pop(str(order.order_id), None)
            return self.list_report(order_list, now, params.get("newClientOrderId"))
        raise VenueError(400, {"code": -2011, "msg": "Order list does not exist."})


class MexcSim(SimVenue):
    name = "mexc"
    key_header = "X-MEXC-APIKEY"
    time_path = "/api/v3/time"
    routes: ClassVar[dict[tuple[str, str], str]] = {
        ("DELETE", "/api/v3/order"): "cancel_order",
        ("DELETE", "/api/v3/openOrders"): "cancel_open_orders",
    }
    ERRORS: ClassVar[dict[str, tuple[int, int, str]]] = {
        "missing_key": (400, 400, "api key required"),
        "bad_key": (400, 10072, "Api key info invalid"),
        "bad_signature": (400, 700002, "Signature for this request is not valid."),
        "timestamp": (400, 700003, "Timestamp for this request is outside of the recvWindow."),
        "bad_recv_window": (400, 700005, "recvWindow must less than 60000"),
        "missing_param": (400, 700004, "Mandatory parameter '{}' was not sent, was empty/null, or malformed."),
        "bad_param": (400, 33333, "param is error"),
        "unknown_order": (400, -2011, "Unknown order sent."),
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
        return VenueError(status, {"code": code, "msg": msg.format(detail)})

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
            "status": "CANCELED",
            "timeInForce": order.time_in_force,
            "type": order.type,
            "side": order.side,
        }

    def op_cancel_order(self, params: dict[str, str], now: int) -> Json:
        symbol = self.required(params, "symbol")
        order_id, client_id = params.get("orderId"), params.get("origClientOrderId")
        if order_id is None and client_id is None:
            raise VenueError(
                400,
                {
                    "code": 700004,
                    "msg": "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
                },
            )
        return self.report(self.take(symbol, order_id, client_id))

    def op_cancel_open_orders(self, params: dict[str, str], now: int) -> Json:
        symbols = self.required(params, "symbol").split(",")
        if len(symbols) > 5:
            raise self.error("bad_param")
        canceled = [o for o in self.book.orders.values() if o.symbol in symbols]
        for order in canceled:
            del self.book.orders[str(order.order_id)]
        return [self.report(o) for o in canceled]


class BingxSim(SimVenue):
    name = "bingx"
    key_header = "X-BX-APIKEY"
    time_path = "/openApi/swap/v2/server/time"
    routes: ClassVar[dict[tuple[str, str], str]] = {
        ("POST", "/openApi/spot/v1/trade/cancel"): "cancel_order",
        ("POST", "/openApi/spot/v1/trade/cancelOrders"): "cancel_orders",
        ("POST", "/openApi/spot/v1/trade/cancelOpenOrders"): "cancel_open_orders",
    }
    restrictions: ClassVar[frozenset[str]] = frozenset({"NEW", "PENDING", "PARTIALLY_FILLED"})
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
        "restricted": (200, 100400, "order status does not match cancelRestrictions"),
        "rate_limited": (200, 100410, "rate limited"),
        "banned": (418, 100410, "banned"),
        "server_error": (504, 504, "The server failed to get a response; further confirmation required"),
    }

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
            "status": "CANCELED",
            "type": order.type,
            "side": order.side,
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
        order = self.take(symbol, order_id, client_id)
        if restriction is not None and order.status != restriction:
            self.book.orders[str(order.order_id)] = order
            raise self.error("restricted")
        return self.envelope(self.order_body(order, now))

    def op_cancel_orders(self, params: dict[str, str], now: int) -> Json:
        symbol = self.required(params, "symbol")
        by_client = "clientOrderIDs" in params
        wanted = (params.get("clientOrderIDs") or self.required(params, "orderIds")).split(",")
        taken: list[SimOrder] = []
        fails = []
        for one in wanted:
            try:
                taken.append(self.take(symbol, None, one) if by_client else self.take(symbol, one, None))
            except VenueError:
                fails.append({"orderId": one, "error": f"the  orderId:{one} order not exist, please verify"})
        if fails and params.get("process", "0") != "1":  # process=0: one bad id fails them all
            for order in taken:
                self.book.orders[str(order.order_id)] = order
            raise self.error("unknown_order")
        return self.envelope({"orders": [self.order_body(o, now) for o in taken], "fails": fails})

    def op_cancel_open_orders(self, params: dict[str, str], now: int) -> Json:
        symbol = params.get("symbol")
        canceled = [o for o in self.book.orders.values() if symbol is None or o.symbol == symbol]
        for order in canceled:
            del self.book.orders[str(order.order_id)]
        return self.envelope({"orders": [self.order_body(o, now) for o in canceled]})


VENUES: dict[str, type[SimVenue]] = {"binance": BinanceSim, "mexc": MexcSim, "bingx": BingxSim}
