"""The facade over respx: the exact signed request and the normalized result, for every venue and method."""

import hashlib
import hmac
from decimal import Decimal
from typing import Any

import httpx
import pytest
import respx

from cancelkit import (
    BatchCancelResult,
    CancelClient,
    CancelResult,
    ConfigurationError,
    Credentials,
    InvalidArgument,
    OrderListCancelResult,
    OrderNotFound,
    OrderStatus,
    Venue,
)
from tests.clients import call

from .conftest import CASES, make_client, mock_time

pytestmark = pytest.mark.anyio

BINANCE, MEXC, BINGX = CASES["binance"], CASES["mexc"], CASES["bingx"]
BINANCE_REPORT = {
    "symbol": "LTCBTC",
    "origClientOrderId": "myOrder1",
    "orderId": 4,
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
BINANCE_LIST = {
    "orderListId": 9,
    "contingencyType": "OCO",
    "listStatusType": "ALL_DONE",
    "listOrderStatus": "ALL_DONE",
    "listClientOrderId": "list1",
    "transactionTime": 1574040868128,
    "symbol": "LTCBTC",
    "orders": [
        {"symbol": "LTCBTC", "orderId": 2, "clientOrderId": "a"},
        {"symbol": "LTCBTC", "orderId": 3, "clientOrderId": "b"},
    ],
    "orderReports": [
        {**BINANCE_REPORT, "orderId": 2, "orderListId": 9, "type": "STOP_LOSS_LIMIT", "stopPrice": "1.5"},
        {**BINANCE_REPORT, "orderId": 3, "orderListId": 9, "type": "LIMIT_MAKER"},
    ],
}
MEXC_REPORT = {
    "symbol": "BTCUSDT",
    "origClientOrderId": "myOrder1",
    "orderId": "C02__123456789",
    "clientOrderId": "cancel1",
    "price": "30000.5",
    "origQty": "0.0002",
    "executedQty": "0",
    "cummulativeQuoteQty": "0",
    "status": "CANCELED",
    "timeInForce": "GTC",
    "type": "LIMIT",
    "side": "BUY",
}
BINGX_ID = 1514090846268424192
BINGX_ORDER = {
    "symbol": "XRP-USDT",
    "orderId": BINGX_ID,
    "transactTime": 1702721242701,
    "price": "0.5123",
    "stopPrice": "0",
    "origQty": "126",
    "executedQty": "1.5",
    "cummulativeQuoteQty": "0.76845",
    "status": "CANCELED",
    "type": "LIMIT",
    "side": "SELL",
    "clientOrderID": "my-order-1",
}


def envelope(data: object) -> dict[str, object]:
    return {"code": 0, "msg": "", "debugMsg": "", "data": data}


def hmac_hex(secret: str, payload: bytes) -> str:
    return hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()


# -- Binance ------------------------------------------------------------------------------------------------------


async def test_binance_cancel_order(mock: respx.MockRouter, asynchronous: bool) -> None:
    mock_time(mock, BINANCE)
    route = mock.delete(f"{BINANCE.base}/api/v3/order").respond(
        200, json=BINANCE_REPORT, headers={"X-MBX-USED-WEIGHT-1M": "2", "X-MBX-ORDER-COUNT-10S": "1"}
    )
    client = make_client(BINANCE, asynchronous=asynchronous, recv_window=5000)
    result = await call(client, "cancel_order", "LTC/BTC", order_id=4)
    # venues.md's derived vector for exactly this request
    assert route.calls.last.request.url.query == (
        b"symbol=LTCBTC&orderId=4&recvWindow=5000&timestamp=1499827319559"
        b"&signature=dce5c7acb3375587e7db55cae77d0e328aabe084ff52ccb81e2b05ed748aeab4"
    )
    assert route.calls.last.request.headers["X-MBX-APIKEY"] == "binance-api-key-0123456789"
    assert result == CancelResult(
        venue=Venue.BINANCE,
        symbol="LTCBTC",
        order_id="4",
        client_order_id="myOrder1",
        cancel_client_order_id="cancelMyOrder1",
        order_list_id=None,
        status=OrderStatus.CANCELED,
        side="BUY",
        order_type="LIMIT",
        time_in_force="GTC",
        price=Decimal("2.00000001"),
        stop_price=None,
        orig_qty=Decimal("1.00000000"),
        executed_qty=Decimal("0.10000000"),
        cumulative_quote_qty=Decimal("0.20000000"),
        transact_time=1684804350068,
        rate_limits={"x-mbx-used-weight-1m": "2", "x-mbx-order-count-10s": "1"},
        raw=BINANCE_REPORT,
    )
    assert isinstance(result.price, Decimal)


async def test_binance_cancel_by_client_id_with_restriction(mock: respx.MockRouter, asynchronous: bool) -> None:
    mock_time(mock, BINANCE)
    route = mock.delete(f"{BINANCE.base}/api/v3/order").respond(200, json=BINANCE_REPORT)
    client = make_client(BINANCE, asynchronous=asynchronous)
    await call(
        client, "cancel_order", "LTCBTC", client_order_id="myOrder1", new_client_order_id="c1", restriction="ONLY_NEW"
    )
    unsigned = (
        b"symbol=LTCBTC&origClientOrderId=myOrder1&newClientOrderId=c1&cancelRestrictions=ONLY_NEW"
        b"&timestamp=1499827319559"
    )
    assert route.calls.last.request.url.query == unsigned + b"&signature=" + hmac_hex(BINANCE.secret, unsigned).encode()


async def test_binance_cancel_open_orders_flattens_order_lists(mock: respx.MockRouter, asynchronous: bool) -> None:
    mock_time(mock, BINANCE)
    route = mock.delete(f"{BINANCE.base}/api/v3/openOrders").respond(200, json=[BINANCE_REPORT, BINANCE_LIST])
    results = await call(make_client(BINANCE, asynchronous=asynchronous), "cancel_open_orders", "LTC/BTC")
    assert route.calls.last.request.url.query.startswith(b"symbol=LTCBTC&timestamp=1499827319559&signature=")
    assert [(r.order_id, r.order_list_id, r.order_type) for r in results] == [
        ("4", None, "LIMIT"),
        ("2", "9", "STOP_LOSS_LIMIT"),
        ("3", "9", "LIMIT_MAKER"),
    ]
    assert results[1].stop_price == Decimal("1.5")


async def test_binance_cancel_order_list(mock: respx.MockRouter, asynchronous: bool) -> None:
    mock_time(mock, BINANCE)
    route = mock.delete(f"{BINANCE.base}/api/v3/orderList").respond(200, json=BINANCE_LIST)
    result = await call(make_client(BINANCE, asynchronous=asynchronous), "cancel_order_list", "LTCBTC", order_list_id=9)
    assert route.calls.last.request.url.query.startswith(b"symbol=LTCBTC&orderListId=9&timestamp=")
    assert isinstance(result, OrderListCancelResult)
    assert (result.order_list_id, result.list_status, result.contingency_type) == ("9", "ALL_DONE", "OCO")
    assert [o.order_id for o in result.orders] == ["2", "3"]


async def test_binance_cancel_orders_sends_singles_at_once(mock: respx.MockRouter, asynchronous: bool) -> None:
    mock_time(mock, BINANCE)

    def answer(request: httpx.Request) -> httpx.Response:
        order_id = int(request.url.params["orderId"])
        if order_id == 5:
            return httpx.Response(400, json={"code": -2011, "msg": "Unknown order sent."})
        return httpx.Response(200, json={**BINANCE_REPORT, "orderId": order_id})

    mock.delete(f"{BINANCE.base}/api/v3/order").mock(side_effect=answer)
    batch = await call(make_client(BINANCE, asynchronous=asynchronous), "cancel_orders", "LTCBTC", [4, 5, "6"])
    assert isinstance(batch, BatchCancelResult)
    four, five, six = batch.outcomes
    assert isinstance(four, CancelResult)
    assert four.order_id == "4"
    assert isinstance(five, OrderNotFound)
    assert five.order_id == "5"
    assert not five.may_have_canceled
    assert isinstance(six, CancelResult)
    assert six.order_id == "6"
    assert not batch.all_canceled
    assert batch.outcome_unknown == []


# -- MEXC ---------------------------------------------------------------------------------------------------------


async def test_mexc_cancel_order(mock: respx.MockRouter, asynchronous: bool) -> None:
    mock_time(mock, MEXC)
    route = mock.delete(f"{MEXC.base}/api/v3/order").respond(200, json=MEXC_REPORT)
    client = make_client(MEXC, asynchronous=asynchronous, recv_window="5000")
    result = await call(client, "cancel_order", "BTC/USDT", order_id="C02__123456789")
    request = route.calls.last.request
    unsigned = b"symbol=BTCUSDT&orderId=C02__123456789&recvWindow=5000&timestamp=1499827319559"
    assert request.url.query == unsigned + b"&signature=" + hmac_hex(MEXC.secret, unsigned).encode()
    assert request.headers["X-MEXC-APIKEY"] == "mexc-api-key-0123456789"
    assert (result.venue, result.order_id, result.client_order_id) == (Venue.MEXC, "C02__123456789", "myOrder1")
    assert (result.price, result.orig_qty, result.transact_time) == (Decimal("30000.5"), Decimal("0.0002"), None)


async def test_mexc_sparse_answer(mock: respx.MockRouter, asynchronous: bool) -> None:
    mock_time(mock, MEXC)
    mock.delete(f"{MEXC.base}/api/v3/order").respond(200, json={"symbol": "BTCUSDT", "orderId": "133734823834447872"})
    result = await call(make_client(MEXC, asynchronous=asynchronous), "cancel_order", "BTCUSDT", client_order_id="x")
    assert (result.order_id, result.status, result.price) == ("133734823834447872", OrderStatus.CANCELED, None)


async def test_mexc_cancel_open_orders_and_fan_out(mock: respx.MockRouter, asynchronous: bool) -> None:
    mock_time(mock, MEXC)
    mock.delete(f"{MEXC.base}/api/v3/openOrders").respond(200, json=[MEXC_REPORT, {**MEXC_REPORT, "orderId": "2"}])
    mock.delete(f"{MEXC.base}/api/v3/order").mock(
        side_effect=lambda request: httpx.Response(
            200, json={**MEXC_REPORT, "origClientOrderId": request.url.params["origClientOrderId"]}
        )
    )
    client = make_client(MEXC, asynchronous=asynchronous)
    results = await call(client, "cancel_open_orders", "BTCUSDT")
    assert [r.order_id for r in results] == ["C02__123456789", "2"]
    batch = await call(client, "cancel_orders", "BTCUSDT", client_order_ids=["a", "b"])
    assert len(batch.canceled) == 2


# -- BingX --------------------------------------------------------------------------------------------------------


async def test_bingx_cancel_order(mock: respx.MockRouter, asynchronous: bool) -> None:
    mock_time(mock, BINGX)
    route = mock.post(f"{BINGX.base}/openApi/spot/v1/trade/cancel").respond(
        200, json=envelope(BINGX_ORDER), headers={"X-RateLimit-Requests-Remain": "4"}
    )
    result = await call(make_client(BINGX, asynchronous=asynchronous), "cancel_order", "XRP/USDT", order_id=BINGX_ID)
    request = route.calls.last.request
    # sorted, timestamp included: venues.md's derived vector (with our clock's timestamp)
    unsigned = b"orderId=1514090846268424192&symbol=XRP-USDT&timestamp=1499827319559"
    assert request.url.query == unsigned + b"&signature=" + hmac_hex(BINGX.secret, unsigned).encode()
    assert request.content == b""
    assert result.order_id == str(BINGX_ID)  # above 2**53 and exact
    assert (result.client_order_id, result.executed_qty) == ("my-order-1", Decimal("1.5"))
    assert result.rate_limits == {"x-ratelimit-requests-remain": "4"}


async def test_bingx_cancel_orders_batch(mock: respx.MockRouter, asynchronous: bool) -> None:
    mock_time(mock, BINGX)
    fails = [{"orderId": "22", "error": "the  orderId:22 order status :CANCELED,can not delete"}]
    route = mock.post(f"{BINGX.base}/openApi/spot/v1/trade/cancelOrders").respond(
        200, json=envelope({"orders": [BINGX_ORDER], "fails": fails})
    )
    batch = await call(make_client(BINGX, asynchronous=asynchronous), "cancel_orders", "XRP-USDT", [BINGX_ID, 22, 33])
    assert route.calls.last.request.url.params["orderIds"] == f"{BINGX_ID},22,33"
    assert route.calls.last.request.url.params["process"] == "1"
    done, closed, silent = batch.outcomes
    assert isinstance(done, CancelResult)
    assert isinstance(closed, OrderNotFound)
    assert silent.may_have_canceled  # not mentioned in the answer: unknown, never a plain failure
    assert batch.outcome_unknown == [silent]


async def test_bingx_cancel_open_orders(mock: respx.MockRouter, asynchronous: bool) -> None:
    mock_time(mock, BINGX)
    mock.post(f"{BINGX.base}/openApi/spot/v1/trade/cancelOpenOrders").respond(
        200, json=envelope({"orders": [BINGX_ORDER, {**BINGX_ORDER, "orderId": 7}]})
    )
    results = await call(make_client(BINGX, asynchronous=asynchronous), "cancel_open_orders", "xrp/usdt")
    assert [r.order_id for r in results] == [str(BINGX_ID), "7"]


# -- arguments, refused before anything is sent ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("venue", "method", "args", "kwargs", "says"),
    [
        ("binance", "cancel_order", ("LTCBTC",), {}, "order_id or client_order_id"),
        ("binance", "cancel_order", ("",), {"order_id": 1}, "non-empty"),
        ("binance", "cancel_order", ("LTCBTC",), {"order_id": -1}, "from 1 to"),
        ("binance", "cancel_order", ("LTCBTC",), {"order_id": "12a"}, "digits"),
        ("binance", "cancel_order", ("LTCBTC",), {"order_id": True}, "integer"),
        ("binance", "cancel_order", ("LTCBTC",), {"order_id": 1, "restriction": "PENDING"}, "ONLY_NEW"),
        ("binance", "cancel_order", ("LTCBTC",), {"client_order_id": "x" * 37}, "at most 36"),
        ("binance", "cancel_order", ("LTCBTC",), {"client_order_id": "has space"}, "refuses"),
        ("binance", "cancel_order", ("BTC/US DT",), {"order_id": 1}, "not a symbol"),
        ("binance", "cancel_order_list", ("LTCBTC",), {}, "order_list_id or list_client_order_id"),
        ("mexc", "cancel_order", ("BTCUSDT",), {"order_id": "1", "restriction": "ONLY_NEW"}, "no cancel restrictions"),
        ("mexc", "cancel_order_list", ("BTCUSDT",), {"order_list_id": 1}, "no order lists"),
        ("bingx", "cancel_order", ("XRPUSDT",), {"order_id": 1}, "base and quote apart"),
        ("bingx", "cancel_order", ("XRP-USDT",), {"client_order_id": "y" * 41}, "at most 40"),
        ("bingx", "cancel_order", ("XRP-USDT",), {"order_id": 1, "restriction": "ONLY_NEW"}, "NEW, PENDING"),
        ("bingx", "cancel_order", ("XRP-USDT",), {"order_id": 1, "new_client_order_id": "c"}, "does not name"),
        ("bingx", "cancel_orders", ("XRP-USDT",), {}, "either order_ids or client_order_ids"),
        ("bingx", "cancel_orders", ("XRP-USDT", [1, 1]), {}, "twice"),
        ("bingx", "cancel_orders", ("XRP-USDT", "1,2"), {}, "as a list"),
        ("bingx", "cancel_orders", ("XRP-USDT",), {"client_order_ids": ["a,b"]}, "holds ','"),
    ],
)
async def test_bad_input_is_refused_before_sending(
    mock: respx.MockRouter,
    asynchronous: bool,
    venue: str,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    says: str,
) -> None:
    client = make_client(CASES[venue], asynchronous=asynchronous)
    with pytest.raises(InvalidArgument, match=says) as error:
        await call(client, method, *args, **kwargs)
    assert not error.value.may_have_canceled
    assert mock.calls.call_count == 0  # not even the server time


@pytest.mark.parametrize(
    ("venue", "options", "says"),
    [
        ("binance", {"recv_window": 60001}, "at most 60000"),
        ("binance", {"recv_window": "6000.3465"}, "at most 3 decimals"),
        ("binance", {"recv_window": 0}, "above 0"),
        ("mexc", {"recv_window": "5000.5"}, "whole milliseconds"),
        ("bingx", {"recv_window": 1.5}, "not float"),
        ("mexc", {"microseconds": True}, "Binance"),
        ("kraken", {}, "unknown venue"),
    ],
)
def test_bad_client_options(venue: str, options: dict[str, Any], says: str) -> None:
    with pytest.raises(InvalidArgument, match=says):
        CancelClient(venue, Credentials("key", secret="s"), **options)


def test_binance_recv_window_keeps_its_decimals(mock: respx.MockRouter) -> None:
    mock_time(mock, BINANCE)
    route = mock.delete(f"{BINANCE.base}/api/v3/order").respond(200, json=BINANCE_REPORT)
    make_client(BINANCE, recv_window="6000.346").cancel_order("LTCBTC", order_id=4)
    assert b"&recvWindow=6000.346&timestamp=" in route.calls.last.request.url.query


def test_environments_and_credentials_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANCELKIT_BINANCE_API_KEY", "env-key-0123456789abcd")
    monkeypatch.setenv("CANCELKIT_BINANCE_API_SECRET", "env-secret")
    client = CancelClient("binance", environment="testnet")
    assert client.base_url == "https://testnet.binance.vision"
    assert "env-secret" not in repr(client) + repr(client.auth) + repr(client.generated_client)
    with pytest.raises(ConfigurationError, match="no 'testnet' environment"):
        CancelClient("mexc", Credentials("k", secret="s"), environment="testnet")
    monkeypatch.delenv("CANCELKIT_BINANCE_API_SECRET")
    with pytest.raises(ConfigurationError, match="CANCELKIT_BINANCE_API_SECRET"):
        CancelClient("binance")


def test_context_managers_close_the_connections() -> None:
    with make_client(BINANCE) as client:
        assert isinstance(client, CancelClient)
    assert client._http.is_closed


async def test_a_cookie_the_venue_sets_is_sent_back(mock: respx.MockRouter, asynchronous: bool) -> None:
    # Cookies are looked for only in answers that set one (a speed-up): one that does must still be kept.
    mock_time(mock, BINANCE)
    route = mock.delete(f"{BINANCE.base}/api/v3/order").mock(
        side_effect=[
            httpx.Response(200, json=BINANCE_REPORT, headers={"Set-Cookie": "__cf_bm=edge42; Path=/; Secure"}),
            httpx.Response(200, json=BINANCE_REPORT),
        ]
    )
    client = make_client(BINANCE, asynchronous=asynchronous)
    await call(client, "cancel_order", "LTC/BTC", order_id=4)
    await call(client, "cancel_order", "LTC/BTC", order_id=4)
    assert "cookie" not in route.calls[0].request.headers
    assert route.calls[1].request.headers["cookie"] == "__cf_bm=edge42"
