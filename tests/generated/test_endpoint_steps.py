"""Every generated endpoint module exposes its steps: build the request (nothing sent), send it, read the answer;
building and reading need no httpx object (sans-IO), and agree with httpx byte for byte."""

import importlib
import json
from typing import Any

import httpx
import pytest
import respx
from cancelkit_binance_client import Client
from cancelkit_binance_client.api.trade import cancel_order
from cancelkit_binance_client.models import ApiError, CancelOrderReport
from cancelkit_binance_client.types import encode_query
from hypothesis import given, settings
from hypothesis import strategies as st

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
    assert endpoint.read_answer is endpoint._read_answer


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


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
VALUES = st.one_of(TEXT, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(TEXT, st.one_of(VALUES, st.lists(VALUES, max_size=3)), max_size=6))
def test_the_query_is_encoded_as_httpx_encodes_it(params: dict[str, Any]) -> None:
    assert encode_query(params) == str(httpx.QueryParams(params))


BODIES = [
    (200, json.dumps(REPORT).encode()),
    (400, b'{"code": -2011, "msg": "Unknown order sent."}'),
    (520, b"<html>a CDN's error page</html>"),
    (403, b"{not json"),
    (200, b"[]"),
    (204, b""),
]


@pytest.mark.parametrize(("status", "body"), BODIES)
def test_reading_the_bytes_is_reading_the_httpx_response(status: int, body: bytes) -> None:
    client = Client(base_url="https://api.binance.com")
    headers = {"x-mbx-used-weight-1m": "3"}
    response = httpx.Response(status, content=body, headers=headers)
    try:
        expected = cancel_order.build_response(client=client, response=response)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # a 2XX body that does not parse raises alike
        with pytest.raises(type(exc)):
            cancel_order.read_answer(status, body, headers)
        return
    answer = cancel_order.read_answer(status, body, headers)
    assert (answer.status_code, answer.content, answer.parsed) == (expected.status_code, body, expected.parsed)
    assert answer.headers["x-mbx-used-weight-1m"] == expected.headers["x-mbx-used-weight-1m"]
