"""The generated BingX client, through respx: POSTs with the parameters in the query, and the envelope."""

import httpx
import pytest
import respx

from cancelkit_bingx_client import Client
from cancelkit_bingx_client.api.general import get_server_time
from cancelkit_bingx_client.api.trade import (
    cancel_all_after,
    cancel_open_orders,
    cancel_order,
    cancel_orders,
    get_order,
    open_orders,
)
from cancelkit_bingx_client.models import (
    BingxError,
    CancelAllAfterEnvelope,
    CancelOpenOrdersEnvelope,
    CancelOrderEnvelope,
    CancelOrdersEnvelope,
    GetOrderEnvelope,
    OpenOrdersEnvelope,
    ServerTimeEnvelope,
)
from cancelkit_bingx_client.types import UNSET

pytestmark = pytest.mark.anyio

BASE = "https://open-api.bingx.com"
BIG_ID = 1735964079647111280  # above 2**53, as BingX's ids are
ORDER = {
    "symbol": "NEMS-USDT",
    "orderId": BIG_ID,
    "transactTime": 1702721242701,
    "price": "0.1532",
    "stopPrice": "0.1531",
    "origQty": "126",
    "executedQty": "0.5",
    "cummulativeQuoteQty": "0.0766",
    "status": "CANCELED",
    "type": "LIMIT",
    "side": "SELL",
    "clientOrderID": "2most51702721242645506402",
}


def envelope(data: object) -> dict[str, object]:
    return {"code": 0, "msg": "", "debugMsg": "", "data": data}


@pytest.fixture
def client() -> Client:
    return Client(base_url=BASE)


@respx.mock
def test_cancel_order_request_and_every_field(client: Client) -> None:
    route = respx.post(f"{BASE}/openApi/spot/v1/trade/cancel").mock(
        return_value=httpx.Response(200, json=envelope(ORDER), headers={"X-RateLimit-Requests-Remain": "9"})
    )
    response = cancel_order.sync_detailed(
        client=client,
        symbol="NEMS-USDT",
        order_id=BIG_ID,
        client_order_id="my/order:1",
        cancel_restrictions="PARTIALLY_FILLED",
        recv_window="6000.346",  # float64 in BingX's docs: an exact decimal string here
        timestamp=1649404670162,
    )
    request = route.calls.last.request
    assert (request.method, request.url.path) == ("POST", "/openApi/spot/v1/trade/cancel")
    assert request.url.query == (
        b"symbol=NEMS-USDT&orderId=1735964079647111280&clientOrderID=my%2Forder%3A1&cancelRestrictions=PARTIALLY_FILLED"
        b"&recvWindow=6000.346&timestamp=1649404670162"
    )
    assert request.content == b""
    parsed = response.parsed
    assert isinstance(parsed, CancelOrderEnvelope)
    assert parsed.code == 0
    order = parsed.data
    assert (order.symbol, order.order_id, order.transact_time) == ("NEMS-USDT", BIG_ID, 1702721242701)
    assert (order.price, order.stop_price, order.orig_qty) == ("0.1532", "0.1531", "126")
    assert (order.executed_qty, order.cummulative_quote_qty) == ("0.5", "0.0766")
    assert (order.status, order.type_, order.side) == ("CANCELED", "LIMIT", "SELL")
    assert order.client_order_id == "2most51702721242645506402"
    assert response.headers["x-ratelimit-requests-remain"] == "9"


@pytest.mark.parametrize(
    ("code", "msg"),
    [
        (100404, "order not exist"),
        (80016, "Order does not exist"),
        (100001, "Signature verification failed"),
        (100421, "Null timestamp or timestamp mismatch"),
        (100410, "rate limited"),
        (100500, "Internal system error"),
    ],
)
@respx.mock
def test_non_zero_code_on_http_200_is_an_error(client: Client, code: int, msg: str) -> None:
    respx.post(f"{BASE}/openApi/spot/v1/trade/cancel").mock(
        return_value=httpx.Response(200, json={"code": code, "msg": msg, "debugMsg": "", "data": {}})
    )
    response = cancel_order.sync_detailed(client=client, symbol="NEMS-USDT", order_id=1)
    assert response.status_code == 200
    assert isinstance(response.parsed, BingxError)
    assert (response.parsed.code, response.parsed.msg) == (code, msg)


@respx.mock
def test_error_without_data_and_with_extra_fields(client: Client) -> None:
    body = {"code": 100419, "msg": "IP does not match IP whitelist", "success": False, "timestamp": 1705274099347}
    respx.post(f"{BASE}/openApi/spot/v1/trade/cancel").mock(return_value=httpx.Response(200, json=body))
    error = cancel_order.sync(client=client, symbol="NEMS-USDT", order_id=1)
    assert isinstance(error, BingxError)
    assert (error.code, error.success, error.timestamp) == (100419, False, 1705274099347)


@respx.mock
def test_cancel_orders_with_fails(client: Client) -> None:
    fail = {"orderId": "1874730962584076288", "error": "order status :CANCELED,can not delete"}
    route = respx.post(f"{BASE}/openApi/spot/v1/trade/cancelOrders").mock(
        return_value=httpx.Response(200, json=envelope({"orders": [ORDER], "fails": [fail]}))
    )
    parsed = cancel_orders.sync(client=client, symbol="NEMS-USDT", process=1, order_ids=f"{BIG_ID},1874730962584076288")
    assert route.calls.last.request.url.query == (
        b"symbol=NEMS-USDT&process=1&orderIds=1735964079647111280%2C1874730962584076288"
    )
    assert isinstance(parsed, CancelOrdersEnvelope)
    assert [o.order_id for o in parsed.data.orders] == [BIG_ID]
    assert isinstance(parsed.data.fails, list)
    assert (parsed.data.fails[0].order_id, parsed.data.fails[0].error) == (fail["orderId"], fail["error"])


@respx.mock
def test_cancel_orders_by_client_ids(client: Client) -> None:
    route = respx.post(f"{BASE}/openApi/spot/v1/trade/cancelOrders").mock(
        return_value=httpx.Response(200, json=envelope({"orders": []}))
    )
    parsed = cancel_orders.sync(client=client, symbol="NEMS-USDT", client_order_i_ds="a,b")
    assert route.calls.last.request.url.query == b"symbol=NEMS-USDT&clientOrderIDs=a%2Cb"
    assert isinstance(parsed, CancelOrdersEnvelope)
    assert parsed.data.fails is UNSET


@respx.mock
def test_cancel_open_orders(client: Client) -> None:
    route = respx.post(f"{BASE}/openApi/spot/v1/trade/cancelOpenOrders").mock(
        return_value=httpx.Response(200, json=envelope({"orders": [ORDER, {**ORDER, "orderId": 2}]}))
    )
    parsed = cancel_open_orders.sync(client=client, symbol="NEMS-USDT")
    assert route.calls.last.request.url.query == b"symbol=NEMS-USDT"
    assert isinstance(parsed, CancelOpenOrdersEnvelope)
    assert [o.order_id for o in parsed.data.orders] == [BIG_ID, 2]


@respx.mock
def test_server_time(client: Client) -> None:
    respx.get(f"{BASE}/openApi/swap/v2/server/time").mock(
        return_value=httpx.Response(200, json=envelope({"serverTime": 1675319535362}))
    )
    parsed = get_server_time.sync(client=client)
    assert isinstance(parsed, ServerTimeEnvelope)
    assert parsed.data.server_time == 1675319535362


@pytest.mark.parametrize("status", [400, 401, 403, 404, 418, 429, 500, 504])
@respx.mock
def test_error_statuses(client: Client, status: int) -> None:
    respx.post(f"{BASE}/openApi/spot/v1/trade/cancel").mock(
        return_value=httpx.Response(status, json={"code": status, "msg": "error", "debugMsg": ""})
    )
    response = cancel_order.sync_detailed(client=client, symbol="NEMS-USDT", order_id=1)
    assert response.status_code == status
    assert isinstance(response.parsed, BingxError)


@respx.mock
def test_cdn_520_does_not_crash(client: Client) -> None:
    respx.post(f"{BASE}/openApi/spot/v1/trade/cancel").mock(return_value=httpx.Response(520, content=b"<html/>"))
    response = cancel_order.sync_detailed(client=client, symbol="NEMS-USDT", order_id=1)
    assert (response.status_code, response.parsed) == (520, None)


@respx.mock
async def test_async_cancel_order(client: Client) -> None:
    respx.post(f"{BASE}/openApi/spot/v1/trade/cancel").mock(return_value=httpx.Response(200, json=envelope(ORDER)))
    parsed = await cancel_order.asyncio(client=client, symbol="NEMS-USDT", order_id=BIG_ID)
    assert isinstance(parsed, CancelOrderEnvelope)
    assert parsed.data.order_id == BIG_ID


# docs-v3 "Query Order details", its sample with the id its request names (the bundle rounds it as a JS number).
DETAILS = {
    "symbol": "BRG-USDT",
    "orderId": 1735965009395131234,
    "price": "0.0005027",
    "StopPrice": "0",
    "origQty": "4038",
    "executedQty": "0",
    "cummulativeQuoteQty": "0",
    "status": "PENDING",
    "type": "LIMIT",
    "side": "BUY",
    "time": 1702721285567,
    "updateTime": 1702721285567,
    "origQuoteOrderQty": "0",
    "fee": "0",
    "feeAsset": "BRG",
    "avgPrice": "0.0005028",
}


@respx.mock
def test_get_order_request_and_every_field(client: Client) -> None:
    route = respx.get(f"{BASE}/openApi/spot/v1/trade/query").mock(
        return_value=httpx.Response(200, json=envelope({**DETAILS, "clientOrderID": "my/order:1"}))
    )
    parsed = get_order.sync(
        client=client,
        symbol="BRG-USDT",
        order_id=1735965009395131234,
        client_order_id="my/order:1",
        recv_window="5000",
        timestamp=1702721285567,
    )
    request = route.calls.last.request
    assert (request.method, request.url.path) == ("GET", "/openApi/spot/v1/trade/query")
    assert request.url.query == (
        b"symbol=BRG-USDT&orderId=1735965009395131234&clientOrderID=my%2Forder%3A1&recvWindow=5000"
        b"&timestamp=1702721285567"
    )
    assert isinstance(parsed, GetOrderEnvelope)
    order = parsed.data
    assert (order.symbol, order.order_id, order.status) == ("BRG-USDT", 1735965009395131234, "PENDING")
    assert order.order_id > 2**53  # exact, never through a float
    assert (order.price, order.StopPrice, order.stopPrice) == ("0.0005027", "0", UNSET)
    assert (order.orig_qty, order.executed_qty, order.cummulative_quote_qty) == ("4038", "0", "0")
    assert (order.type_, order.side, order.time, order.update_time) == ("LIMIT", "BUY", 1702721285567, 1702721285567)
    assert (order.orig_quote_order_qty, order.fee, order.fee_asset, order.avg_price) == ("0", "0", "BRG", "0.0005028")
    assert order.client_order_id == "my/order:1"


@respx.mock
def test_get_order_with_the_field_tables_stop_price(client: Client) -> None:
    answer = {k: v for k, v in DETAILS.items() if k != "StopPrice"}
    respx.get(f"{BASE}/openApi/spot/v1/trade/query").mock(
        return_value=httpx.Response(200, json=envelope({**answer, "stopPrice": "0.0005"}))
    )
    parsed = get_order.sync(client=client, symbol="BRG-USDT", order_id=1)
    assert isinstance(parsed, GetOrderEnvelope)
    assert (parsed.data.stopPrice, parsed.data.StopPrice) == ("0.0005", UNSET)


@pytest.mark.parametrize(
    ("code", "msg"),
    [
        (80016, "Order does not exist"),
        (100404, "Order does not exist. The order may have been filled or cancelled."),
        (100400, " order not exist"),
    ],
)
@respx.mock
def test_get_order_not_found_candidates_are_errors(client: Client, code: int, msg: str) -> None:
    respx.get(f"{BASE}/openApi/spot/v1/trade/query").mock(
        return_value=httpx.Response(200, json={"code": code, "msg": msg, "debugMsg": "", "data": {}})
    )
    parsed = get_order.sync(client=client, symbol="BRG-USDT", client_order_id="gone")
    assert isinstance(parsed, BingxError)
    assert (parsed.code, parsed.msg) == (code, msg)


@respx.mock
def test_open_orders_with_a_numeric_fee_and_without_a_symbol(client: Client) -> None:
    # docs-v3 "Current Open Orders": `fee` is a number there.
    listed = {**DETAILS, "symbol": "BNB-USDC", "orderId": 1735930294290081280, "status": "PENDING", "fee": 0}
    route = respx.get(f"{BASE}/openApi/spot/v1/trade/openOrders").mock(
        return_value=httpx.Response(200, json=envelope({"orders": [listed, {**listed, "orderId": BIG_ID}]}))
    )
    parsed = open_orders.sync(client=client, timestamp=1702713008841)
    assert route.calls.last.request.url.query == b"timestamp=1702713008841"
    assert isinstance(parsed, OpenOrdersEnvelope)
    assert [(o.order_id, o.fee) for o in parsed.data.orders] == [(1735930294290081280, 0), (BIG_ID, 0)]
    route.mock(return_value=httpx.Response(200, json=envelope({"orders": []})))
    parsed = open_orders.sync(client=client, symbol="BNB-USDC")
    assert route.calls.last.request.url.query == b"symbol=BNB-USDC"
    assert isinstance(parsed, OpenOrdersEnvelope)
    assert parsed.data.orders == []


@respx.mock
def test_cancel_all_after_activate_and_close(client: Client) -> None:
    note = (
        "All your spot pending orders will be closed automatically at 2024-03-14 04:05:37 UTC(+0),before that you"
        " can cancel the timer, or extend triggerTime time by this request"
    )
    route = respx.post(f"{BASE}/openApi/spot/v1/trade/cancelAllAfter").mock(
        return_value=httpx.Response(
            200, json=envelope({"triggerTime": 1710389137, "status": "ACTIVATED", "note": note})
        )
    )
    parsed = cancel_all_after.sync(client=client, type_="ACTIVATE", time_out=10, timestamp=1710389127000)
    request = route.calls.last.request
    assert (request.method, request.content) == ("POST", b"")
    assert request.url.query == b"type=ACTIVATE&timeOut=10&timestamp=1710389127000"
    assert isinstance(parsed, CancelAllAfterEnvelope)
    assert (parsed.data.trigger_time, parsed.data.status, parsed.data.note) == (1710389137, "ACTIVATED", note)
    # ccxt's recorded (swap) answer carries triggerTime as a string; closed, it is 0.
    route.mock(return_value=httpx.Response(200, json=envelope({"triggerTime": "0", "status": "CLOSED"})))
    parsed = cancel_all_after.sync(client=client, type_="CLOSE", time_out=0)
    assert route.calls.last.request.url.query == b"type=CLOSE&timeOut=0"
    assert isinstance(parsed, CancelAllAfterEnvelope)
    assert (parsed.data.trigger_time, parsed.data.status, parsed.data.note) == ("0", "CLOSED", UNSET)


@respx.mock
def test_cancel_all_after_refused(client: Client) -> None:
    respx.post(f"{BASE}/openApi/spot/v1/trade/cancelAllAfter").mock(
        return_value=httpx.Response(200, json={"code": 100400, "msg": "Invalid parameters, timeOut", "data": {}})
    )
    parsed = cancel_all_after.sync(client=client, type_="ACTIVATE", time_out=5)
    assert isinstance(parsed, BingxError)
    assert parsed.code == 100400
