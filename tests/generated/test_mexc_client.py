"""The generated MEXC client, through respx: the exact request on the wire and every response field."""

import httpx
import pytest
import respx

from cancelkit_mexc_client import Client
from cancelkit_mexc_client.api.general import get_server_time
from cancelkit_mexc_client.api.trade import cancel_open_orders, cancel_order, get_order, open_orders
from cancelkit_mexc_client.models import ApiError, CancelOrderReport, OrderReport, ServerTime
from cancelkit_mexc_client.types import UNSET

pytestmark = pytest.mark.anyio

BASE = "https://api.mexc.com"
REPORT = {
    "symbol": "LTCBTC",
    "origClientOrderId": "myOrder1",
    "orderId": "C02__123456789",
    "clientOrderId": "cancelMyOrder1",
    "price": "2.00000000",
    "origQty": "1.00000000",
    "executedQty": "0.00000000",
    "cummulativeQuoteQty": "0.00000000",
    "status": "CANCELED",
    "timeInForce": "GTC",
    "type": "LIMIT",
    "side": "BUY",
}


@pytest.fixture
def client() -> Client:
    return Client(base_url=BASE)


@respx.mock
def test_cancel_order_request_and_every_field(client: Client) -> None:
    route = respx.delete(f"{BASE}/api/v3/order").mock(return_value=httpx.Response(200, json=REPORT))
    report = cancel_order.sync(
        client=client,
        symbol="LTCBTC",
        order_id="C02__123456789",
        orig_client_order_id="myOrder1",
        new_client_order_id="cancel/1",
        recv_window=5000,
        timestamp=1644489390087,
    )
    request = route.calls.last.request
    assert (request.method, request.url.path) == ("DELETE", "/api/v3/order")
    assert request.url.query == (
        b"symbol=LTCBTC&orderId=C02__123456789&origClientOrderId=myOrder1&newClientOrderId=cancel%2F1"
        b"&recvWindow=5000&timestamp=1644489390087"
    )
    assert isinstance(report, CancelOrderReport)
    assert (report.symbol, report.order_id, report.orig_client_order_id) == ("LTCBTC", "C02__123456789", "myOrder1")
    assert (report.client_order_id, report.price, report.orig_qty) == ("cancelMyOrder1", "2.00000000", "1.00000000")
    assert (report.executed_qty, report.cummulative_quote_qty) == ("0.00000000", "0.00000000")
    assert (report.status, report.time_in_force, report.type_, report.side) == ("CANCELED", "GTC", "LIMIT", "BUY")


@respx.mock
def test_sparse_report_with_a_numeric_order_id(client: Client) -> None:
    # ccxt's recorded answer: only symbol and orderId are certain; an integer id beyond 2**53 stays exact.
    respx.delete(f"{BASE}/api/v3/order").mock(
        return_value=httpx.Response(200, json={"symbol": "BTCUSDT", "orderId": 133734823834447872123})
    )
    report = cancel_order.sync(client=client, symbol="BTCUSDT", order_id="133734823834447872123")
    assert isinstance(report, CancelOrderReport)
    assert report.order_id == 133734823834447872123
    assert report.price is UNSET
    assert report.status is UNSET


@respx.mock
def test_cancel_open_orders_on_several_symbols(client: Client) -> None:
    route = respx.delete(f"{BASE}/api/v3/openOrders").mock(
        return_value=httpx.Response(200, json=[REPORT, {**REPORT, "symbol": "MXUSDT", "orderListId": -1}])
    )
    reports = cancel_open_orders.sync(client=client, symbol="BTCUSDT,MXUSDT", timestamp=1644489390087)
    # The comma goes on the wire as uppercase %2C, as MEXC signs it.
    assert route.calls.last.request.url.query == b"symbol=BTCUSDT%2CMXUSDT&timestamp=1644489390087"
    assert isinstance(reports, list)
    assert [r.symbol for r in reports] == ["LTCBTC", "MXUSDT"]
    assert reports[1].order_list_id == -1


@respx.mock
def test_server_time(client: Client) -> None:
    respx.get(f"{BASE}/api/v3/time").mock(return_value=httpx.Response(200, json={"serverTime": 1645539742000}))
    parsed = get_server_time.sync(client=client)
    assert isinstance(parsed, ServerTime)
    assert parsed.server_time == 1645539742000


@pytest.mark.parametrize(
    ("status", "code", "msg"),
    [
        (400, -2011, "Unknown order sent."),
        (400, 700002, "Signature for this request is not valid."),
        (400, 700003, "Timestamp for this request is outside of the recvWindow."),
        (400, 700004, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!"),
        (401, 700007, "No permission to access the endpoint."),
        (403, 403, "Access Denied"),
        (429, 429, "Too Many Requests"),
        (504, 504, "Gateway Time-out"),
    ],
)
@respx.mock
def test_error_bodies(client: Client, status: int, code: int, msg: str) -> None:
    respx.delete(f"{BASE}/api/v3/order").mock(return_value=httpx.Response(status, json={"code": code, "msg": msg}))
    response = cancel_order.sync_detailed(client=client, symbol="LTCBTC", order_id="1")
    assert response.status_code == status
    assert isinstance(response.parsed, ApiError)
    assert (response.parsed.code, response.parsed.msg) == (code, msg)


@respx.mock
def test_cdn_520_does_not_crash(client: Client) -> None:
    respx.delete(f"{BASE}/api/v3/order").mock(return_value=httpx.Response(520, content=b"<html>520</html>"))
    response = cancel_order.sync_detailed(client=client, symbol="LTCBTC", order_id="1")
    assert (response.status_code, response.parsed) == (520, None)


@respx.mock
async def test_async_cancel_open_orders(client: Client) -> None:
    respx.delete(f"{BASE}/api/v3/openOrders").mock(return_value=httpx.Response(200, json=[REPORT]))
    reports = await cancel_open_orders.asyncio(client=client, symbol="LTCBTC")
    assert isinstance(reports, list)
    assert reports[0].order_id == "C02__123456789"


# ccxt's recorded answer of GET /api/v3/order (queries.md 2.1): ids and times as strings, nulls.
RECORDED = {
    "symbol": "BTCUSDT",
    "orderId": "133734823834147272",
    "orderListId": "-1",
    "clientOrderId": None,
    "price": "30000",
    "origQty": "0.0002",
    "executedQty": "0",
    "cummulativeQuoteQty": "0",
    "status": "CANCELED",
    "timeInForce": None,
    "type": "LIMIT",
    "side": "BUY",
    "stopPrice": None,
    "icebergQty": None,
    "time": "1647667102000",
    "updateTime": "1647708567000",
    "isWorking": True,
    "origQuoteOrderQty": "6",
}
# The documents' sample: integers, and `Qty` for origQty.
DOCUMENTED = {
    "symbol": "LTCBTC",
    "orderId": 1,
    "orderListId": -1,
    "clientOrderId": "myOrder1",
    "price": "0.1",
    "Qty": "1.0",
    "executedQty": "0.0",
    "cummulativeQuoteQty": "0.0",
    "status": "NEW",
    "timeInForce": "GTC",
    "type": "LIMIT",
    "side": "BUY",
    "stopPrice": "0.0",
    "time": 1499827319559,
    "updateTime": 1499827319559,
    "isWorking": True,
    "origQuoteOrderQty": "0.000000",
}


@respx.mock
def test_get_order_request_and_a_recorded_answer_with_strings_and_nulls(client: Client) -> None:
    route = respx.get(f"{BASE}/api/v3/order").mock(return_value=httpx.Response(200, json=RECORDED))
    order = get_order.sync(
        client=client,
        symbol="BTCUSDT",
        orig_client_order_id="my/order:1",
        order_id="133734823834147272",
        recv_window=5000,
        timestamp=1647667102000,
    )
    request = route.calls.last.request
    assert (request.method, request.url.path) == ("GET", "/api/v3/order")
    # The documents' order: symbol, origClientOrderId, orderId.
    assert request.url.query == (
        b"symbol=BTCUSDT&origClientOrderId=my%2Forder%3A1&orderId=133734823834147272&recvWindow=5000"
        b"&timestamp=1647667102000"
    )
    assert isinstance(order, OrderReport)
    assert (order.symbol, order.order_id, order.order_list_id) == ("BTCUSDT", "133734823834147272", "-1")
    assert (order.client_order_id, order.time_in_force, order.stop_price, order.iceberg_qty) == (None,) * 4
    assert (order.price, order.orig_qty, order.executed_qty, order.cummulative_quote_qty) == (
        "30000",
        "0.0002",
        "0",
        "0",
    )
    assert (order.status, order.type_, order.side, order.is_working) == ("CANCELED", "LIMIT", "BUY", True)
    assert (order.time, order.update_time, order.orig_quote_order_qty) == ("1647667102000", "1647708567000", "6")
    assert order.qty is UNSET


@respx.mock
def test_get_order_documented_answer_with_numbers(client: Client) -> None:
    respx.get(f"{BASE}/api/v3/order").mock(return_value=httpx.Response(200, json=DOCUMENTED))
    order = get_order.sync(client=client, order_id="1")  # `symbol` is optional in MEXC's table
    assert isinstance(order, OrderReport)
    assert (order.order_id, order.order_list_id, order.time, order.update_time) == (1, -1, 1499827319559, 1499827319559)
    assert (order.qty, order.orig_qty) == ("1.0", UNSET)
    assert order.client_order_id == "myOrder1"


@respx.mock
def test_get_order_string_ids_of_every_form_stay_exact(client: Client) -> None:
    route = respx.get(f"{BASE}/api/v3/order")
    for order_id in ("C02__413321238354677760043", "133734823834447872123", "c7fbbc3079c04d8abae00f828e698216"):
        route.mock(return_value=httpx.Response(200, json={**RECORDED, "orderId": order_id}))
        order = get_order.sync(client=client, symbol="BTCUSDT", order_id=order_id)
        assert isinstance(order, OrderReport)
        assert order.order_id == order_id
        assert route.calls.last.request.url.params["orderId"] == order_id
    # An integer id beyond 2**53 (the documents' examples are numbers) stays exact too.
    route.mock(return_value=httpx.Response(200, json={**DOCUMENTED, "orderId": 133734823834447872123}))
    order = get_order.sync(client=client, symbol="BTCUSDT", order_id="133734823834447872123")
    assert isinstance(order, OrderReport)
    assert order.order_id == 133734823834447872123


@respx.mock
def test_get_order_not_found_as_observed(client: Client) -> None:
    # ccxt/ccxt #21614: {"msg":"Order does not exist.","code":-2013,"_extend":null}
    body = {"msg": "Order does not exist.", "code": -2013, "_extend": None}
    respx.get(f"{BASE}/api/v3/order").mock(return_value=httpx.Response(400, json=body))
    response = get_order.sync_detailed(client=client, symbol="BTCUSDT", order_id="C02__1")
    assert isinstance(response.parsed, ApiError)
    assert (response.parsed.code, response.parsed.msg) == (-2013, "Order does not exist.")
    assert response.parsed.additional_properties == {"_extend": None}


@respx.mock
def test_open_orders_without_a_symbol_and_on_several(client: Client) -> None:
    listed = {**DOCUMENTED, "origQty": "1.0", "stpMode": "", "cancelReason": "stp_cancel"}
    route = respx.get(f"{BASE}/api/v3/openOrders").mock(return_value=httpx.Response(200, json=[listed, RECORDED]))
    orders = open_orders.sync(client=client, timestamp=1499827319559)
    assert route.calls.last.request.url.query == b"timestamp=1499827319559"
    assert isinstance(orders, list)
    assert [(o.order_id, o.stp_mode, o.cancel_reason) for o in orders] == [
        (1, "", "stp_cancel"),
        ("133734823834147272", UNSET, UNSET),
    ]
    route.mock(return_value=httpx.Response(200, json=[]))
    assert open_orders.sync(client=client, symbol="BTCUSDT,MXUSDT") == []
    assert route.calls.last.request.url.query == b"symbol=BTCUSDT%2CMXUSDT"
