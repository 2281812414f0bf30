"""Every generated endpoint module exposes its steps: build the request (nothing sent), send it, read the answer."""

import importlib

import httpx
import pytest
import respx

from cancelkit_binance_client import Client
from cancelkit_binance_client.api.trade import cancel_order
from cancelkit_binance_client.models import ApiError, CancelOrderReport
from generator import generate

MODULES = [
    operation.module
    for venue in generate.venues()
    for operation in importlib.import_module(f"cancelkit_{venue}_client.venue_facts").OPERATIONS.values()
]


@pytest.mark.parametrize("module", MODULES)
def test_every_endpoint_module_has_the_public_steps(module: str) -> None:
    endpoint = importlib.import_module(module)
    assert endpoint.request_kwargs is endpoint._get_kwargs
    assert endpoint.build_response is endpoint._build_response


REPORT = {
    "symbol": "LTCBTC",
    "orderId": 4,
    "orderListId": -1,
    "clientOrderId": "c",
    "transactTime": 1,
    "price": "1",
    "origQty": "1",
    "executedQty": "0",
    "cummulativeQuoteQty": "0",
    "status": "CANCELED",
    "timeInForce": "GTC",
    "type": "LIMIT",
    "side": "BUY",
}


@respx.mock
def test_build_send_read_as_three_steps() -> None:
    client = Client(base_url="https://api.binance.com")
    kwargs = cancel_order.request_kwargs(symbol="LTCBTC", order_id=4)  # nothing has been sent yet
    assert kwargs == {"method": "delete", "url": "/api/v3/order?symbol=LTCBTC&orderId=4"}
    assert not respx.calls
    respx.delete("https://api.binance.com/api/v3/order").mock(return_value=httpx.Response(200, json=REPORT))
    response = client.get_httpx_client().request(**kwargs)
    parsed = cancel_order.build_response(client=client, response=response).parsed
    assert isinstance(parsed, CancelOrderReport)
    assert parsed.order_id == 4


@respx.mock
def test_a_failure_to_send_is_told_apart_from_the_answer() -> None:
    client = Client(base_url="https://api.binance.com")
    kwargs = cancel_order.request_kwargs(symbol="LTCBTC", order_id=4)
    respx.delete("https://api.binance.com/api/v3/order").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(httpx.ConnectError):
        client.get_httpx_client().request(**kwargs)
    respx.delete("https://api.binance.com/api/v3/order").mock(
        return_value=httpx.Response(400, json={"code": -2011, "msg": "Unknown order sent."})
    )
    answer = cancel_order.build_response(client=client, response=client.get_httpx_client().request(**kwargs))
    assert isinstance(answer.parsed, ApiError)
    assert (answer.status_code, answer.parsed.code) == (400, -2011)
