"""The generated Binance client, through respx: the exact request on the wire and every response field."""

from decimal import Decimal

import httpx
import pytest
import respx

from cancelkit_binance_client import Client
from cancelkit_binance_client.api.general import get_server_time
from cancelkit_binance_client.api.trade import (
    cancel_open_orders,
    cancel_order,
    cancel_order_list,
    get_order,
    open_orders,
)
from cancelkit_binance_client.client import DEFAULT_TIMEOUT
from cancelkit_binance_client.models import (
    ApiError,
    CancelOrderListReport,
    CancelOrderReport,
    OrderReport,
    ServerTime,
)
from cancelkit_binance_client.types import UNSET

pytestmark = pytest.mark.anyio

BASE = "https://api.binance.com"
BIG_ID = 2**63 - 1  # far above 2**53: a float would lose it

ORDER_REPORT = {
    "symbol": "LTCBTC",
    "origClientOrderId": "myOrder1",
    "orderId": BIG_ID,
    "orderListId": -1,
    "clientOrderId": "cancelMyOrder1",
    "transactTime": 1684804350068,
    "price": "2.00000001",
    "origQty": "1.00000000",
    "executedQty": "0.10000000",
    "origQuoteOrderQty": "0.000000",
    "cummulativeQuoteQty": "0.20000000",
    "status": "CANCELED",
    "timeInForce": "GTC",
    "type": "LIMIT",
    "side": "BUY",
    "selfTradePreventionMode": "NONE",
}
CONDITIONAL = {
    "icebergQty": "0.00000000",
    "preventedMatchId": 7,
    "preventedQuantity": "1.200000",
    "stopPrice": "23500.00000000",
    "strategyId": 37463720,
    "strategyType": 1000000,
    "trailingDelta": 10,
    "trailingTime": -1,
    "usedSor": True,
    "workingFloor": "SOR",
    "pegPriceType": "PRIMARY_PEG",
    "pegOffsetType": "PRICE_LEVEL",
    "pegOffsetValue": 5,
    "peggedPrice": "87523.83710000",
    "expiryReason": "INSUFFICIENT_LIQUIDITY",
}
ORDER_LIST = {
    "orderListId": 0,
    "contingencyType": "OCO",
    "listStatusType": "ALL_DONE",
    "listOrderStatus": "ALL_DONE",
    "listClientOrderId": "C3wyj4WVEktd7u9aVBRXcN",
    "transactionTime": 1574040868128,
    "symbol": "LTCBTC",
    "orders": [
        {"symbol": "LTCBTC", "orderId": 2, "clientOrderId": "pO9ufTiFGg3nw2fOdgeOXa"},
        {"symbol": "LTCBTC", "orderId": 3, "clientOrderId": "TXOvglzXuaubXAaENpaRCB"},
    ],
    "orderReports": [
        {**ORDER_REPORT, "orderId": 2, "orderListId": 0, "type": "STOP_LOSS_LIMIT", "stopPrice": "1.00000000"},
        {**ORDER_REPORT, "orderId": 3, "orderListId": 0, "type": "LIMIT_MAKER"},
    ],
}


@pytest.fixture
def client() -> Client:
    return Client(base_url=BASE)


def test_default_timeout_is_finite(client: Client) -> None:
    assert DEFAULT_TIMEOUT.read == 10.0
    assert DEFAULT_TIMEOUT.connect == 5.0
    assert client.get_httpx_client().timeout == DEFAULT_TIMEOUT


@respx.mock
def test_cancel_order_request_and_every_field(client: Client) -> None:
    route = respx.delete(f"{BASE}/api/v3/order").mock(
        return_value=httpx.Response(200, json={**ORDER_REPORT, **CONDITIONAL}, headers={"X-MBX-USED-WEIGHT-1M": "3"})
    )
    response = cancel_order.sync_detailed(
        client=client,
        symbol="LTCBTC",
        order_id=BIG_ID,
        orig_client_order_id="my/order:1",
        new_client_order_id="cancel.1",
        cancel_restrictions="ONLY_NEW",
        recv_window="6000.346",
        timestamp=1499827319559,
    )
    request = route.calls.last.request
    assert request.method == "DELETE"
    assert request.url.path == "/api/v3/order"
    # The spec's parameter order is the wire order; reserved characters are percent-encoded.
    assert request.url.query == (
        b"symbol=LTCBTC&orderId=9223372036854775807&origClientOrderId=my%2Forder%3A1"
        b"&newClientOrderId=cancel.1&cancelRestrictions=ONLY_NEW&recvWindow=6000.346&timestamp=1499827319559"
    )
    report = response.parsed
    assert isinstance(report, CancelOrderReport)
    assert report.order_id == BIG_ID
    assert Decimal(report.price) == Decimal("2.00000001")
    assert report.price == "2.00000001"
    assert (report.orig_qty, report.executed_qty, report.cummulative_quote_qty) == (
        "1.00000000",
        "0.10000000",
        "0.20000000",
    )
    assert report.orig_quote_order_qty == "0.000000"
    assert (report.symbol, report.orig_client_order_id, report.client_order_id) == (
        "LTCBTC",
        "myOrder1",
        "cancelMyOrder1",
    )
    assert (report.order_list_id, report.transact_time) == (-1, 1684804350068)
    assert (report.status, report.time_in_force, report.type_, report.side) == ("CANCELED", "GTC", "LIMIT", "BUY")
    assert report.self_trade_prevention_mode == "NONE"
    assert (report.iceberg_qty, report.prevented_match_id, report.prevented_quantity) == ("0.00000000", 7, "1.200000")
    assert (report.stop_price, report.strategy_id, report.strategy_type) == ("23500.00000000", 37463720, 1000000)
    assert (report.trailing_delta, report.trailing_time, report.used_sor) == (10, -1, True)
    assert (report.working_floor, report.peg_price_type, report.peg_offset_type) == (
        "SOR",
        "PRIMARY_PEG",
        "PRICE_LEVEL",
    )
    assert (report.peg_offset_value, report.pegged_price) == (5, "87523.83710000")
    assert report.expiry_reason == "INSUFFICIENT_LIQUIDITY"
    assert response.headers["x-mbx-used-weight-1m"] == "3"


@respx.mock
def test_cancel_order_conditional_fields_absent_and_unknown_kept(client: Client) -> None:
    respx.delete(f"{BASE}/api/v3/order").mock(
        return_value=httpx.Response(200, json={**ORDER_REPORT, "status": "A_STATUS_BINANCE_ADDS_LATER", "newField": 1})
    )
    report = cancel_order.sync(client=client, symbol="LTCBTC", order_id=4)
    assert isinstance(report, CancelOrderReport)
    assert report.status == "A_STATUS_BINANCE_ADDS_LATER"
    assert report.stop_price is UNSET
    assert report.additional_properties == {"newField": 1}


@respx.mock
def test_cancel_open_orders_mixes_orders_and_order_lists(client: Client) -> None:
    route = respx.delete(f"{BASE}/api/v3/openOrders").mock(
        return_value=httpx.Response(200, json=[ORDER_REPORT, ORDER_LIST])
    )
    reports = cancel_open_orders.sync(client=client, symbol="LTCBTC", recv_window="5000")
    assert route.calls.last.request.url.query == b"symbol=LTCBTC&recvWindow=5000"
    assert isinstance(reports, list)
    single, order_list = reports
    assert isinstance(single, CancelOrderReport)
    assert single.order_id == BIG_ID
    assert isinstance(order_list, CancelOrderListReport)
    assert [member.order_id for member in order_list.orders] == [2, 3]
    assert [r.type_ for r in order_list.order_reports] == ["STOP_LOSS_LIMIT", "LIMIT_MAKER"]
    assert order_list.order_reports[0].stop_price == "1.00000000"


@respx.mock
def test_cancel_order_list_request_and_fields(client: Client) -> None:
    route = respx.delete(f"{BASE}/api/v3/orderList").mock(return_value=httpx.Response(200, json=ORDER_LIST))
    report = cancel_order_list.sync(
        client=client, symbol="LTCBTC", order_list_id=0, list_client_order_id="C3wyj4WVEktd7u9aVBRXcN"
    )
    request = route.calls.last.request
    assert (request.method, request.url.path) == ("DELETE", "/api/v3/orderList")
    assert request.url.query == b"symbol=LTCBTC&orderListId=0&listClientOrderId=C3wyj4WVEktd7u9aVBRXcN"
    assert isinstance(report, CancelOrderListReport)
    assert (report.order_list_id, report.contingency_type, report.list_status_type) == (0, "OCO", "ALL_DONE")
    assert (report.list_order_status, report.list_client_order_id) == ("ALL_DONE", "C3wyj4WVEktd7u9aVBRXcN")
    assert (report.transaction_time, report.symbol) == (1574040868128, "LTCBTC")
    assert [m.client_order_id for m in report.orders] == ["pO9ufTiFGg3nw2fOdgeOXa", "TXOvglzXuaubXAaENpaRCB"]


@respx.mock
def test_server_time(client: Client) -> None:
    route = respx.get(f"{BASE}/api/v3/time").mock(return_value=httpx.Response(200, json={"serverTime": 1499827319559}))
    parsed = get_server_time.sync(client=client)
    assert route.calls.last.request.url.query == b""
    assert isinstance(parsed, ServerTime)
    assert parsed.server_time == 1499827319559


@pytest.mark.parametrize(
    ("status", "code", "msg"),
    [
        (400, -2011, "Unknown order sent."),
        (400, -1145, "Invalid cancelRestrictions"),
        (401, -2015, "Invalid API-key, IP, or permissions for action."),
        (403, -1003, "WAF"),
        (409, -2021, "Order cancel-replace partially failed."),
        (418, -1003, "Way too much request weight used; IP banned until 1700000000000."),
        (429, -1003, "Too much request weight used."),
        (
            503,
            -1007,
            "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
        ),
    ],
)
@respx.mock
def test_error_bodies(client: Client, status: int, code: int, msg: str) -> None:
    respx.delete(f"{BASE}/api/v3/order").mock(
        return_value=httpx.Response(status, json={"code": code, "msg": msg}, headers={"Retry-After": "120"})
    )
    response = cancel_order.sync_detailed(client=client, symbol="LTCBTC", order_id=4)
    assert response.status_code == status
    assert isinstance(response.parsed, ApiError)
    assert (response.parsed.code, response.parsed.msg) == (code, msg)
    assert response.headers["retry-after"] == "120"


@pytest.mark.parametrize("status", [520, 403, 502])
@respx.mock
def test_html_error_pages_and_unknown_statuses_do_not_crash(client: Client, status: int) -> None:
    html = b"<html><body>Web server is returning an unknown error</body></html>"
    respx.delete(f"{BASE}/api/v3/order").mock(
        return_value=httpx.Response(status, content=html, headers={"Content-Type": "text/html"})
    )
    response = cancel_order.sync_detailed(client=client, symbol="LTCBTC", order_id=4)
    assert response.status_code == status
    assert response.parsed is None
    assert response.content == html


@respx.mock
def test_a_success_that_does_not_parse_still_raises(client: Client) -> None:
    respx.delete(f"{BASE}/api/v3/order").mock(return_value=httpx.Response(200, json={"symbol": "LTCBTC"}))
    with pytest.raises(KeyError):
        cancel_order.sync_detailed(client=client, symbol="LTCBTC", order_id=4)


@respx.mock
async def test_async_cancel_order(client: Client) -> None:
    route = respx.delete(f"{BASE}/api/v3/order").mock(return_value=httpx.Response(200, json=ORDER_REPORT))
    report = await cancel_order.asyncio(client=client, symbol="LTCBTC", orig_client_order_id="myOrder1")
    assert route.calls.last.request.url.query == b"symbol=LTCBTC&origClientOrderId=myOrder1"
    assert isinstance(report, CancelOrderReport)
    assert report.order_id == BIG_ID


# GET /api/v3/order, rest-api.md "Query order (USER_DATA)", its response verbatim but for the id.
QUERIED = {
    "symbol": "LTCBTC",
    "orderId": BIG_ID,
    "orderListId": -1,
    "clientOrderId": "myOrder1",
    "price": "0.1",
    "origQty": "1.0",
    "executedQty": "0.0",
    "cummulativeQuoteQty": "0.0",
    "status": "NEW",
    "timeInForce": "GTC",
    "type": "LIMIT",
    "side": "BUY",
    "stopPrice": "0.0",
    "icebergQty": "0.0",
    "time": 1499827319559,
    "updateTime": 1499827319559,
    "isWorking": True,
    "workingTime": 1499827319559,
    "origQuoteOrderQty": "0.000000",
    "selfTradePreventionMode": "NONE",
}


@respx.mock
def test_get_order_request_and_every_field(client: Client) -> None:
    route = respx.get(f"{BASE}/api/v3/order").mock(
        return_value=httpx.Response(200, json=QUERIED, headers={"X-MBX-USED-WEIGHT-1M": "4"})
    )
    response = get_order.sync_detailed(
        client=client,
        symbol="LTCBTC",
        order_id=BIG_ID,
        orig_client_order_id="my/order:1",
        recv_window="6000.346",
        timestamp=1499827319559,
    )
    request = route.calls.last.request
    assert (request.method, request.url.path, request.content) == ("GET", "/api/v3/order", b"")
    assert request.url.query == (
        b"symbol=LTCBTC&orderId=9223372036854775807&origClientOrderId=my%2Forder%3A1&recvWindow=6000.346"
        b"&timestamp=1499827319559"
    )
    order = response.parsed
    assert isinstance(order, OrderReport)
    assert (order.symbol, order.order_id, order.order_list_id, order.client_order_id) == (
        "LTCBTC",
        BIG_ID,
        -1,
        "myOrder1",
    )
    assert (order.price, order.orig_qty, order.executed_qty, order.cummulative_quote_qty) == (
        "0.1",
        "1.0",
        "0.0",
        "0.0",
    )
    assert (order.status, order.time_in_force, order.type_, order.side) == ("NEW", "GTC", "LIMIT", "BUY")
    assert (order.stop_price, order.iceberg_qty, order.orig_quote_order_qty) == ("0.0", "0.0", "0.000000")
    assert (order.time, order.update_time, order.working_time) == (1499827319559, 1499827319559, 1499827319559)
    assert (order.is_working, order.self_trade_prevention_mode) == (True, "NONE")
    assert order.additional_properties == {}
    assert response.headers["x-mbx-used-weight-1m"] == "4"


@respx.mock
def test_get_order_by_client_id_with_conditional_fields_and_a_status_added_later(client: Client) -> None:
    answer = {k: v for k, v in QUERIED.items() if k not in ("stopPrice", "icebergQty", "workingTime")}
    respx.get(f"{BASE}/api/v3/order").mock(
        return_value=httpx.Response(200, json={**answer, **CONDITIONAL, "status": "EXPIRED_IN_MATCH", "newField": 1})
    )
    order = get_order.sync(client=client, symbol="LTCBTC", orig_client_order_id="myOrder1")
    assert isinstance(order, OrderReport)
    assert (order.status, order.prevented_match_id, order.prevented_quantity) == ("EXPIRED_IN_MATCH", 7, "1.200000")
    assert order.working_time is UNSET
    assert order.additional_properties == {"newField": 1}


@respx.mock
def test_get_order_with_a_negative_quote_quantity(client: Client) -> None:
    # "For some historical orders cummulativeQuoteQty will be < 0, meaning the data is not available".
    respx.get(f"{BASE}/api/v3/order").mock(
        return_value=httpx.Response(200, json={**QUERIED, "cummulativeQuoteQty": "-1.00000000"})
    )
    order = get_order.sync(client=client, symbol="LTCBTC", order_id=1)
    assert isinstance(order, OrderReport)
    assert Decimal(order.cummulative_quote_qty) < 0


@pytest.mark.parametrize(
    ("code", "msg"),
    [
        (-2013, "Order does not exist."),
        (-2026, "Order was canceled or expired with no executed qty over 90 days ago and has been archived."),
        (-2039, "Client order ID is not correct for this order ID."),
        (-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!"),
    ],
)
@respx.mock
def test_get_order_errors(client: Client, code: int, msg: str) -> None:
    respx.get(f"{BASE}/api/v3/order").mock(return_value=httpx.Response(400, json={"code": code, "msg": msg}))
    response = get_order.sync_detailed(client=client, symbol="LTCBTC", order_id=1)
    assert response.status_code == 400
    assert isinstance(response.parsed, ApiError)
    assert (response.parsed.code, response.parsed.msg) == (code, msg)


@respx.mock
def test_open_orders_on_a_symbol_and_on_every_symbol(client: Client) -> None:
    leg = {**QUERIED, "orderId": 2, "orderListId": 0, "type": "LIMIT_MAKER", "symbol": "这是测试币456"}
    route = respx.get(f"{BASE}/api/v3/openOrders").mock(return_value=httpx.Response(200, json=[QUERIED, leg]))
    every = open_orders.sync(client=client, timestamp=1499827319559)
    assert route.calls.last.request.url.query == b"timestamp=1499827319559"  # no symbol: weight 80, every symbol
    assert isinstance(every, list)
    assert [(o.order_id, o.order_list_id, o.symbol) for o in every] == [(BIG_ID, -1, "LTCBTC"), (2, 0, "这是测试币456")]
    route.mock(return_value=httpx.Response(200, json=[]))
    assert open_orders.sync(client=client, symbol="这是测试币456", recv_window="5000") == []
    assert route.calls.last.request.url.query == (
        b"symbol=%E8%BF%99%E6%98%AF%E6%B5%8B%E8%AF%95%E5%B8%81456&recvWindow=5000"
    )


@respx.mock
async def test_async_get_order_and_open_orders(client: Client) -> None:
    respx.get(f"{BASE}/api/v3/order").mock(return_value=httpx.Response(200, json=QUERIED))
    respx.get(f"{BASE}/api/v3/openOrders").mock(return_value=httpx.Response(200, json=[QUERIED]))
    order = await get_order.asyncio(client=client, symbol="LTCBTC", order_id=BIG_ID)
    assert isinstance(order, OrderReport)
    assert order.order_id == BIG_ID
    listed = await open_orders.asyncio(client=client, symbol="LTCBTC")
    assert isinstance(listed, list)
    assert listed[0].order_id == BIG_ID
