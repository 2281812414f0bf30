"""Every Python example in the README runs, against respx standing in for the three venues."""

import re
from pathlib import Path

import httpx
import pytest
import respx

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLES = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)
NOW = 1499827319559

REPORT = {
    "symbol": "BTCUSDT",
    "orderId": 12345,
    "orderListId": -1,
    "clientOrderId": "c",
    "transactTime": NOW,
    "price": "1.5",
    "origQty": "1",
    "executedQty": "0.25",
    "cummulativeQuoteQty": "0.375",
    "status": "CANCELED",
    "timeInForce": "GTC",
    "type": "LIMIT",
    "side": "BUY",
}
BINGX_ORDER = {"symbol": "BTC-USDT", "orderId": 1735964079647111280, "status": "CANCELED"}


def bingx_envelope(data: object) -> dict[str, object]:
    return {"code": 0, "msg": "", "data": data}


@pytest.fixture
def venues() -> respx.MockRouter:
    with respx.mock(assert_all_called=False) as router:
        router.route(host="127.0.0.1").pass_through()  # the simulator example speaks real HTTP
        router.get("https://api.binance.com/api/v3/time").respond(200, json={"serverTime": NOW})
        router.get("https://api.mexc.com/api/v3/time").respond(200, json={"serverTime": NOW})
        router.get("https://open-api.bingx.com/openApi/swap/v2/server/time").respond(
            200, json=bingx_envelope({"serverTime": NOW})
        )
        router.delete("https://api.binance.com/api/v3/order").respond(200, json=REPORT)
        router.delete("https://api.mexc.com/api/v3/openOrders").respond(200, json=[REPORT])
        router.post("https://open-api.bingx.com/openApi/spot/v1/trade/cancel").respond(
            200, json={"code": 100404, "msg": "order not exist", "data": {}}
        )
        router.post("https://open-api.bingx.com/openApi/spot/v1/trade/cancelOrders").mock(
            side_effect=lambda request: httpx.Response(
                200,
                json=bingx_envelope(
                    {"orders": [{**BINGX_ORDER, "orderId": int(i)} for i in request.url.params["orderIds"].split(",")]}
                ),
            )
        )
        yield router


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_example_runs(venues: respx.MockRouter, example: str) -> None:
    exec(compile(example, str(README), "exec"), {"__name__": "readme"})  # noqa: S102 - our own README
    if "Simulator" not in example:  # the others spoke to the stand-in venues, beyond their clocks
        assert any(route.called for route in venues.routes if "time" not in repr(route.pattern))
