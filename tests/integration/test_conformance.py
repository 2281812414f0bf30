"""The simulator's answers, successes and errors alike, validate against the response schemas of openapi/."""

from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import yaml

from cancelkit import BinanceAuth, BingxAuth, MexcAuth, VenueClock
from cancelkit.testing import Simulator

ROOT = Path(__file__).resolve().parents[2]
AUTH = {"binance": BinanceAuth, "mexc": MexcAuth, "bingx": BingxAuth}
NATIVE = {"binance": "BTCUSDT", "mexc": "BTCUSDT", "bingx": "BTC-USDT"}
OTHER = {"binance": "ETHUSDT", "mexc": "MXUSDT", "bingx": "ETH-USDT"}  # a second symbol of each venue


def spec(venue: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / "openapi" / f"{venue}.yaml").read_text())  # type: ignore[no-any-return]


def operations(venue: str) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method.upper(), path, op) for path, item in spec(venue)["paths"].items() for method, op in item.items()]


def operation(venue: str, operation_id: str) -> tuple[str, str, dict[str, Any]]:
    return next(op for op in operations(venue) if op[2]["operationId"] == operation_id)


def check(document: dict[str, Any], operation: dict[str, Any], response: httpx.Response) -> None:
    responses = operation["responses"]
    key = str(response.status_code) if str(response.status_code) in responses else f"{response.status_code // 100}XX"
    assert key in responses, f"status {response.status_code} is not documented"
    declared = responses[key]
    if "$ref" in declared:
        declared = document["components"]["responses"][declared["$ref"].rsplit("/", 1)[1]]
    schema = declared["content"]["application/json"]["schema"]
    # The schema as the root of a document that also holds the spec's components, so that its $refs resolve.
    jsonschema.Draft202012Validator({**schema, "components": document["components"]}).validate(response.json())


def args_for(venue: str, operation_id: str, sim: Simulator, exists: bool) -> dict[str, str]:
    symbol = NATIVE[venue]
    if operation_id == "get_server_time":
        return {}
    if operation_id == "cancel_all_after":  # BingX's dead-man switch: 5 s is below its 10 s minimum
        return {"type": "ACTIVATE", "timeOut": "10" if exists else "5"}
    order = sim.add_order(venue, symbol) if exists else None
    order_id = str(order.order_id) if order else "777"
    if operation_id == "cancel_order_list":
        order_list = sim.add_order_list(symbol) if exists else None
        return {"symbol": symbol, "orderListId": str(order_list.order_list_id if order_list else 777)}
    if operation_id == "cancel_orders":
        return {"symbol": symbol, "orderIds": order_id, "process": "1"}
    if operation_id in ("cancel_open_orders", "open_orders"):
        if not exists:
            sim.venues[venue].book.orders.clear()
            sim.venues[venue].book.lists.clear()
            if operation_id == "open_orders":
                return {}  # every symbol, none open
        return {"symbol": symbol}
    return {"symbol": symbol, "orderId": order_id}  # cancel_order, get_order


@pytest.mark.parametrize("venue", sorted(AUTH))
@pytest.mark.parametrize("exists", [True, False], ids=["success", "error"])
def test_answers_match_the_spec(simulator: Simulator, venue: str, exists: bool) -> None:
    document = spec(venue)
    auth = AUTH[venue](simulator.credentials(venue), VenueClock(use_venue_time=False))
    with httpx.Client(base_url=simulator.base_url(venue), auth=auth) as client:
        for method, path, op in operations(venue):
            params = args_for(venue, op["operationId"], simulator, exists)
            response = client.request(method, path, params=params)
            check(document, op, response)
            # Listing the open orders, and canceling all on a symbol with nothing open, is no error on MEXC and
            # BingX; BingX's batch with process=1 reports a missing id in `fails` on a success.
            quiet = (
                op["operationId"] == "open_orders"
                or (venue == "mexc" and op["operationId"] == "cancel_open_orders")
                or (venue == "bingx" and op["operationId"] in ("cancel_orders", "cancel_open_orders"))
            )
            if op["operationId"] == "get_server_time" or exists or quiet:
                assert response.status_code == 200, response.text
                assert not isinstance(response.json(), dict) or response.json().get("code", 0) == 0
            else:
                assert response.status_code == (200 if venue == "bingx" else 400)
                assert response.json()["code"] != 0


def test_a_wrong_answer_would_be_caught() -> None:
    # The check is not vacuous: an order report without its required fields fails it, a query's too.
    for operation_id in ("cancel_order", "get_order"):
        _, _, op = operation("binance", operation_id)
        bad = httpx.Response(200, json={"symbol": "BTCUSDT", "orderId": 1})
        with pytest.raises(jsonschema.ValidationError):
            check(spec("binance"), op, bad)
    _, _, op = operation("mexc", "get_order")
    with pytest.raises(jsonschema.ValidationError):  # an order id as a float: neither a string nor an integer
        check(spec("mexc"), op, httpx.Response(200, json={"symbol": "BTCUSDT", "orderId": 1.5, "status": "NEW"}))


class Venue:
    """Signed requests to one simulated venue, each answer checked against the spec of its operation."""

    def __init__(self, sim: Simulator, venue: str, client: httpx.Client) -> None:
        self.sim, self.venue, self.client, self.document = sim, venue, client, spec(venue)

    def __call__(self, operation_id: str, **params: object) -> Any:
        method, path, op = operation(self.venue, operation_id)
        response = self.client.request(method, path, params={k: str(v) for k, v in params.items()})
        check(self.document, op, response)
        return response.json()


@pytest.fixture(params=sorted(AUTH))
def venue(simulator: Simulator, request: pytest.FixtureRequest) -> Any:
    name = request.param
    auth = AUTH[name](simulator.credentials(name), VenueClock(use_venue_time=False))
    with httpx.Client(base_url=simulator.base_url(name), auth=auth) as client:
        yield Venue(simulator, name, client)


def data(venue: Venue, body: Any) -> Any:
    return body["data"] if venue.venue == "bingx" else body


def test_an_order_through_its_life_as_the_query_answers(venue: Venue) -> None:
    sim, name, symbol = venue.sim, venue.venue, NATIVE[venue.venue]
    order = sim.add_order(name, symbol, qty="1.00000000", price="2.00000000")
    seen = [data(venue, venue("get_order", symbol=symbol, orderId=order.order_id))["status"]]
    sim.fill(name, order.order_id, "0.4")
    answer = data(venue, venue("get_order", symbol=symbol, orderId=order.order_id))
    seen.append(answer["status"])
    assert (answer["executedQty"], answer["cummulativeQuoteQty"]) == ("0.40000000", "0.8")
    sim.fill(name, order.order_id)
    seen.append(data(venue, venue("get_order", symbol=symbol, orderId=order.order_id))["status"])
    assert seen == ["NEW", "PARTIALLY_FILLED", "FILLED"]
    # Canceled and expired orders are answered too, by order id and by client id.
    canceled, expired = sim.add_order(name, symbol), sim.add_order(name, symbol)
    cancel_id = {"binance": "origClientOrderId", "mexc": "origClientOrderId", "bingx": "clientOrderID"}[name]
    venue("cancel_order", symbol=symbol, orderId=canceled.order_id)
    sim.expire(name, expired.order_id)
    by_client = data(venue, venue("get_order", symbol=symbol, **{cancel_id: canceled.client_order_id}))
    assert (str(by_client["orderId"]), by_client["status"]) == (str(canceled.order_id), "CANCELED")
    ended = data(venue, venue("get_order", symbol=symbol, orderId=expired.order_id))["status"]
    assert ended == {"binance": "EXPIRED", "mexc": "CANCELED", "bingx": "CANCELED"}[name]


def test_unknown_orders_are_each_venues_not_found(venue: Venue) -> None:
    body = venue("get_order", symbol=NATIVE[venue.venue], orderId=777)
    assert (body["code"], body["msg"]) == {
        "binance": (-2013, "Order does not exist."),
        "mexc": (-2013, "Order does not exist."),
        "bingx": (80016, "Order does not exist"),
    }[venue.venue]


def test_open_orders_on_one_symbol_and_on_every_symbol(venue: Venue) -> None:
    sim, name = venue.sim, venue.venue
    first, second = sim.add_order(name, NATIVE[name]), sim.add_order(name, OTHER[name])
    sim.fill(name, sim.add_order(name, NATIVE[name]).order_id)  # closed: never listed
    sim.fill(name, second.order_id, "0.1")  # partly filled: still listed

    def listed(**params: object) -> list[str]:
        body = data(venue, venue("open_orders", **params))
        return [str(o["orderId"]) for o in (body["orders"] if name == "bingx" else body)]

    assert listed() == [str(first.order_id), str(second.order_id)]
    assert listed(symbol=NATIVE[name]) == [str(first.order_id)]
    if name == "mexc":  # up to five symbols, comma-separated (MEXC's live documents)
        assert listed(symbol=f"{NATIVE[name]},{OTHER[name]}") == [str(first.order_id), str(second.order_id)]


def test_mexc_answers_a_query_with_strings_and_nulls() -> None:
    with Simulator() as sim:
        auth = MexcAuth(sim.credentials("mexc"), VenueClock(use_venue_time=False))
        with httpx.Client(base_url=sim.base_url("mexc"), auth=auth) as client:
            mexc = Venue(sim, "mexc", client)
            order = sim.add_order("mexc", "BTCUSDT")
            answer = mexc("get_order", orderId=order.order_id)  # MEXC's table: symbol optional here
            listed = mexc("open_orders")[0]
    assert (answer["orderId"], answer["orderListId"], answer["time"]) == (order.order_id, "-1", str(order.created_ms))
    assert (answer["timeInForce"], answer["stopPrice"], answer["icebergQty"]) == (None, None, None)
    assert (listed["orderListId"], listed["time"], listed["stpMode"]) == (-1, order.created_ms, "")


def test_binance_archived_and_mismatched_ids() -> None:
    with Simulator() as sim:
        auth = BinanceAuth(sim.credentials("binance"), VenueClock(use_venue_time=False))
        with httpx.Client(base_url=sim.base_url("binance"), auth=auth) as client:
            binance = Venue(sim, "binance", client)
            old = sim.add_order("binance", "BTCUSDT")
            binance("cancel_order", symbol="BTCUSDT", orderId=old.order_id)
            sim.archive("binance", old.order_id)
            archived = binance("get_order", symbol="BTCUSDT", orderId=old.order_id)
            other = sim.add_order("binance", "BTCUSDT")
            mismatch = binance("get_order", symbol="BTCUSDT", orderId=other.order_id, origClientOrderId="not-its-id")
            neither = binance("get_order", symbol="BTCUSDT")
    assert archived["code"] == -2026
    assert mismatch["code"] == -2039
    assert neither["code"] == -1102


@pytest.mark.parametrize("in_ms", [False, True], ids=["seconds", "milliseconds"])
def test_bingx_dead_man_switch_answers(in_ms: bool) -> None:
    with Simulator() as sim:
        sim.venues["bingx"].trigger_time_in_ms = in_ms  # type: ignore[attr-defined]
        auth = BingxAuth(sim.credentials("bingx"), VenueClock(use_venue_time=False))
        with httpx.Client(base_url=sim.base_url("bingx"), auth=auth) as client:
            bingx = Venue(sim, "bingx", client)
            armed = bingx("cancel_all_after", type="ACTIVATE", timeOut=120)["data"]
            deadline = sim.dead_man_deadline_ms("bingx")
            closed = bingx("cancel_all_after", type="CLOSE", timeOut=0)["data"]
            for bad in ({"type": "ACTIVATE", "timeOut": 121}, {"type": "ACTIVATE"}, {"type": "PAUSE", "timeOut": 10}):
                assert bingx("cancel_all_after", **bad)["code"] == 100400
    assert deadline is not None
    assert (armed["status"], armed["triggerTime"]) == ("ACTIVATED", deadline if in_ms else deadline // 1000)
    assert "will be closed automatically at" in armed["note"]
    assert (closed["status"], closed["triggerTime"]) == ("CLOSED", 0)
