"""The generated MEXC client, through respx: the exact request on the wire and every response field."""

import httpx
import pytest
import respx

from cancelkit_mexc_client import Client
from cancelkit_mexc_client.api.general import get_server_time
from cancelkit_mexc_client.api.trade import cancel_open_orders, cancel_order
from cancelkit_mexc_client.models import ApiError, CancelOrderReport, ServerTime
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
