"""Every facade method of every venue against the simulator over real loopback HTTP, sync and async, with faults;
and the simulator itself: its book's lifecycle, the order queries, open-orders listings and BingX's dead-man switch,
their signature checks and faults."""

import hashlib
import hmac
import socket
import threading
import time
from typing import Any

import httpx
import pytest

from cancelkit import (
    AsyncCancelClient,
    AuthenticationError,
    BatchCancelResult,
    CancelClient,
    CancelKitError,
    CancelRestricted,
    ConnectionFailed,
    Credentials,
    MalformedResponse,
    OrderListCancelResult,
    OrderNotFound,
    OrderStatus,
    OutcomeUnknown,
    RateLimited,
    VenueClock,
)
from cancelkit.testing import Fault, Simulator
from cancelkit.testing._server import FaultKind
from tests.clients import NATIVE, VENUES, call, client_for, close, signed_client

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("venue", VENUES)
async def test_every_method(simulator: Simulator, asynchronous: bool, venue: str) -> None:
    orders = simulator.add_orders(venue, NATIVE[venue], 6)
    client = client_for(simulator, venue, asynchronous)
    try:
        by_id = await call(client, "cancel_order", "BTC/USDT", order_id=orders[0].order_id)
        assert (by_id.order_id, by_id.status) == (str(orders[0].order_id), OrderStatus.CANCELED)
        by_client = await call(client, "cancel_order", "BTC/USDT", client_order_id=orders[1].client_order_id)
        assert by_client.client_order_id == orders[1].client_order_id
        ids = [orders[2].order_id, orders[3].order_id, 12345]
        batch = await call(client, "cancel_orders", "BTC/USDT", ids)
        assert isinstance(batch, BatchCancelResult)
        assert [o.order_id for o in batch.canceled] == [str(orders[2].order_id), str(orders[3].order_id)]
        assert [type(e) for e in batch.failed] == [OrderNotFound]
        rest = await call(client, "cancel_open_orders", "BTC/USDT")
        assert sorted(r.order_id for r in rest) == sorted(str(o.order_id) for o in orders[4:])
        assert simulator.open_orders(venue) == []
        with pytest.raises(OrderNotFound) as gone:
            await call(client, "cancel_order", "BTC/USDT", order_id=orders[0].order_id)
        assert not gone.value.may_have_canceled
    finally:
        await close(client)


async def test_binance_order_lists_and_restrictions(simulator: Simulator, asynchronous: bool) -> None:
    order_list = simulator.add_order_list("BTCUSDT")
    partly = simulator.add_order("binance", "BTCUSDT", status="PARTIALLY_FILLED", executed="0.4")
    client = client_for(simulator, "binance", asynchronous)
    try:
        with pytest.raises(CancelRestricted):
            await call(client, "cancel_order", "BTC/USDT", order_id=partly.order_id, restriction="ONLY_NEW")
        done = await call(client, "cancel_order", "BTC/USDT", order_id=partly.order_id, restriction="PARTIALLY_FILLED")
        assert str(done.executed_qty) == "0.4"
        result = await call(
            client, "cancel_order_list", "BTC/USDT", list_client_order_id=order_list.list_client_order_id
        )
        assert isinstance(result, OrderListCancelResult)
        assert [o.order_type for o in result.orders] == ["STOP_LOSS_LIMIT", "LIMIT_MAKER"]
        assert simulator.open_orders("binance") == []
    finally:
        await close(client)


FAULTS = [
    # (fault, expected error, is the order gone from the book afterwards)
    (Fault("server_error", execute=False), OutcomeUnknown, False),
    (Fault("server_error", execute=True), OutcomeUnknown, True),
    (Fault("drop", execute=True), OutcomeUnknown, True),
    (Fault("drop", execute=False), OutcomeUnknown, False),
    (Fault("html", execute=True), OutcomeUnknown, True),
    (Fault("rate_limited", execute=False, retry_after=17), RateLimited, False),
    (Fault("banned", execute=False, retry_after=120), RateLimited, False),
    (Fault("not_json"), MalformedResponse, True),
    (Fault("truncated"), MalformedResponse, True),
    (Fault("missing_fields"), MalformedResponse, True),
    (Fault("latency", seconds=0.6), OutcomeUnknown, True),
]


@pytest.mark.parametrize("venue", VENUES)
@pytest.mark.parametrize(("fault", "expected", "gone"), FAULTS, ids=[f"{f.kind}-{f.execute}" for f, _, _ in FAULTS])
async def test_faults(
    simulator: Simulator, asynchronous: bool, venue: str, fault: Fault, expected: type[CancelKitError], gone: bool
) -> None:
    order = simulator.add_order(venue, NATIVE[venue])
    fault.route, fault.times = "cancel_order", 1
    simulator.inject(venue, fault)
    # The fault as it reaches the caller: the facade does not ask the venue what became of the order here.
    client = client_for(simulator, venue, asynchronous, timeout=0.3, resolve_unknown=False)
    try:
        with pytest.raises(CancelKitError) as caught:
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    error = caught.value
    assert isinstance(error, expected)
    if isinstance(error, RateLimited):
        assert error.retry_after == fault.retry_after
        assert error.banned is (fault.kind == "banned")
    assert error.may_have_canceled is (expected in (OutcomeUnknown, MalformedResponse))
    # The flag is honest: whenever the order is gone, the error said it may have been canceled.
    order_gone = all(o.order_id != order.order_id for o in simulator.open_orders(venue))
    assert order_gone is gone
    assert not order_gone or error.may_have_canceled


async def test_connection_refused_is_retryable_and_not_sent(asynchronous: bool) -> None:
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cls = AsyncCancelClient if asynchronous else CancelClient
    client = cls("binance", Credentials("k" * 20, secret="s"), base_url=f"http://127.0.0.1:{port}", time_sync=False)
    try:
        with pytest.raises(ConnectionFailed) as caught:
            await call(client, "cancel_order", "BTC/USDT", order_id=1)
    finally:
        await close(client)
    assert caught.value.retryable
    assert not caught.value.may_have_canceled


@pytest.mark.parametrize("venue", VENUES)
@pytest.mark.parametrize("skew_ms", [-90_000, 90_000])
async def test_clock_skew_past_recv_window_resyncs(
    simulator: Simulator, asynchronous: bool, venue: str, skew_ms: int
) -> None:
    first, second = simulator.add_orders(venue, NATIVE[venue], 2)
    client = client_for(simulator, venue, asynchronous)
    try:
        await call(client, "cancel_order", "BTC/USDT", order_id=first.order_id)  # synced: offset about 0
        simulator.skew_clock(venue, skew_ms)  # the venue's clock jumps far past the 5000 ms recvWindow
        before = simulator.requests[venue]
        result = await call(client, "cancel_order", "BTC/USDT", order_id=second.order_id)
    finally:
        await close(client)
    assert result.order_id == str(second.order_id)
    assert simulator.requests[venue] - before == 3  # rejected, server time, accepted
    assert abs(client.clock.offset_ms - skew_ms) < 1000


@pytest.mark.parametrize("venue", VENUES)
async def test_wrong_secret_is_refused_by_the_venue(simulator: Simulator, asynchronous: bool, venue: str) -> None:
    order = simulator.add_order(venue, NATIVE[venue])
    api_key = simulator.secrets[venue][0]
    client = client_for(simulator, venue, asynchronous, credentials=Credentials(api_key, secret="not-the-secret"))
    try:
        with pytest.raises(AuthenticationError):
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert len(simulator.open_orders(venue)) == 1


# -- the book, the queries and the dead-man switch, over real HTTP with the overlay's signing alone ---------------

QUERY = {  # (method, path) of each venue's order query and open-orders listing
    "binance": (("GET", "/api/v3/order"), ("GET", "/api/v3/openOrders")),
    "mexc": (("GET", "/api/v3/order"), ("GET", "/api/v3/openOrders")),
    "bingx": (("GET", "/openApi/spot/v1/trade/query"), ("GET", "/openApi/spot/v1/trade/openOrders")),
}
CLIENT_ID = {"binance": "origClientOrderId", "mexc": "origClientOrderId", "bingx": "clientOrderID"}
CANCEL = {
    "binance": ("DELETE", "/api/v3/order"),
    "mexc": ("DELETE", "/api/v3/order"),
    "bingx": ("POST", "/openApi/spot/v1/trade/cancel"),
}
NOT_FOUND = {"binance": -2013, "mexc": -2013, "bingx": 80016}
DEAD_MAN = ("POST", "/openApi/spot/v1/trade/cancelAllAfter")


def unwrap(venue: str, response: httpx.Response) -> Any:
    body = response.json()
    return body["data"] if venue == "bingx" and body.get("code") == 0 else body


Param = str | int


def query(client: httpx.Client, venue: str, **params: Param) -> Any:
    (method, path), _ = QUERY[venue]
    return unwrap(venue, client.request(method, path, params={"symbol": NATIVE[venue], **params}))


def listing(client: httpx.Client, venue: str, **params: Param) -> list[str]:
    _, (method, path) = QUERY[venue]
    body = unwrap(venue, client.request(method, path, params=params))
    return [str(o["orderId"]) for o in (body["orders"] if venue == "bingx" else body)]


def cancel(client: httpx.Client, venue: str, order_id: Param) -> httpx.Response:
    method, path = CANCEL[venue]
    return client.request(method, path, params={"symbol": NATIVE[venue], "orderId": order_id})


def test_the_book_moves_orders_along_and_keeps_them(simulator: Simulator) -> None:
    for venue in VENUES:
        order = simulator.add_order(venue, NATIVE[venue], qty="1.00000000", price="2.00000000")
        assert order.update_ms == order.created_ms > 0
        simulator.fill(venue, order.order_id, "0.25")
        assert (order.status, order.executed_qty, order.cumulative_quote_qty) == (
            "PARTIALLY_FILLED",
            "0.25000000",
            "0.5",
        )
        assert simulator.open_orders(venue) == [order]  # partly filled: still open
        simulator.fill(venue, order.order_id, "5")  # more than remains: all of it
        assert (order.status, order.executed_qty) == ("FILLED", "1.00000000")
        assert simulator.open_orders(venue) == []
        assert simulator.order(venue, order.order_id) is order  # closed, kept
        with pytest.raises(ValueError, match="not open"):
            simulator.fill(venue, order.order_id)
        with pytest.raises(ValueError, match="not open"):
            simulator.expire(venue, order.order_id)
        with pytest.raises(KeyError):
            simulator.order(venue, 424242)


def test_expire_uses_each_venues_status(simulator: Simulator) -> None:
    expected = {"binance": "EXPIRED", "mexc": "CANCELED", "bingx": "CANCELED"}
    for venue in VENUES:
        plain = simulator.add_order(venue, NATIVE[venue])
        assert simulator.expire(venue, plain.order_id).status == expected[venue]
        partly = simulator.add_order(venue, NATIVE[venue])
        simulator.fill(venue, partly.order_id, "0.5")
        simulator.expire(venue, partly.order_id)
        assert partly.status == ("PARTIALLY_CANCELED" if venue == "mexc" else expected[venue])
        stp = simulator.add_order(venue, NATIVE[venue])
        assert simulator.expire(venue, stp.order_id, status="EXPIRED_IN_MATCH").status == "EXPIRED_IN_MATCH"
        assert simulator.open_orders(venue) == []


@pytest.mark.parametrize("venue", VENUES)
def test_queries_answer_for_every_state(simulator: Simulator, venue: str) -> None:
    pending = simulator.add_order(venue, NATIVE[venue], status="PENDING" if venue == "bingx" else "NEW")
    canceled = simulator.add_order(venue, NATIVE[venue])
    filled = simulator.add_order(venue, NATIVE[venue])
    with signed_client(simulator, venue) as client:
        assert cancel(client, venue, canceled.order_id).status_code == 200
        simulator.fill(venue, filled.order_id)
        assert query(client, venue, orderId=pending.order_id)["status"] == pending.status
        canceled_now = query(client, venue, **{CLIENT_ID[venue]: canceled.client_order_id})
        assert (str(canceled_now["orderId"]), canceled_now["status"]) == (str(canceled.order_id), "CANCELED")
        assert int(canceled_now["updateTime"]) >= int(canceled_now["time"]) == canceled.created_ms
        assert query(client, venue, orderId=filled.order_id)["executedQty"] == filled.orig_qty
        assert listing(client, venue) == [str(pending.order_id)]  # the open ones only
        assert query(client, venue, orderId=424242)["code"] == NOT_FOUND[venue]
        assert cancel(client, venue, canceled.order_id).json()["code"] != 0  # canceled twice: unknown
    assert simulator.order(venue, canceled.order_id).status == "CANCELED"


def test_canceling_one_leg_closes_the_whole_order_list(simulator: Simulator) -> None:
    order_list = simulator.add_order_list("BTCUSDT")
    first, second = order_list.orders
    with signed_client(simulator, "binance") as client:
        assert cancel(client, "binance", first.order_id).status_code == 200
        assert query(client, "binance", orderId=second.order_id)["status"] == "CANCELED"
        assert query(client, "binance", orderId=second.order_id)["orderListId"] == order_list.order_list_id


def test_binance_archives_closed_orders_with_nothing_executed(simulator: Simulator) -> None:
    canceled, aged, partly = simulator.add_orders("binance", "BTCUSDT", 3)
    with signed_client(simulator, "binance") as client:
        with pytest.raises(ValueError, match="open"):
            simulator.archive("binance", canceled.order_id)
        for order in (canceled, aged):
            cancel(client, "binance", order.order_id)
        simulator.archive("binance", canceled.order_id)
        assert query(client, "binance", orderId=canceled.order_id)["code"] == -2026
        simulator.age("binance", aged.order_id, hours=89 * 24)
        assert query(client, "binance", orderId=aged.order_id)["status"] == "CANCELED"
        simulator.age("binance", aged.order_id, hours=2 * 24)  # over 90 days: archived by itself
        assert query(client, "binance", orderId=aged.order_id)["code"] == -2026
        simulator.fill("binance", partly.order_id, "0.1")
        cancel(client, "binance", partly.order_id)
        with pytest.raises(ValueError, match="nothing executed"):
            simulator.archive("binance", partly.order_id)  # something executed: Binance keeps it
        assert query(client, "binance", orderId=partly.order_id)["status"] == "CANCELED"


@pytest.mark.parametrize("venue", ["mexc", "bingx"])
def test_other_venues_forget_an_archived_order(simulator: Simulator, venue: str) -> None:
    order = simulator.add_order(venue, NATIVE[venue])
    with signed_client(simulator, venue) as client:
        cancel(client, venue, order.order_id)
        simulator.archive(venue, order.order_id)
        assert query(client, venue, orderId=order.order_id)["code"] == NOT_FOUND[venue]
    assert simulator.order(venue, order.order_id).archived


def test_bingx_finds_a_client_id_within_two_hours_only(simulator: Simulator) -> None:
    old, new = simulator.add_orders("bingx", "BTC-USDT", 2)
    simulator.age("bingx", old.order_id, hours=2.01)
    simulator.age("bingx", new.order_id, hours=1.99)
    with signed_client(simulator, "bingx") as client:
        assert query(client, "bingx", clientOrderID=old.client_order_id)["code"] == 80016
        assert query(client, "bingx", orderId=old.order_id)["status"] == "NEW"  # by order id, still found
        assert query(client, "bingx", clientOrderID=new.client_order_id)["status"] == "NEW"
        method, path = CANCEL["bingx"]
        by_client = client.request(method, path, params={"symbol": "BTC-USDT", "clientOrderID": old.client_order_id})
        assert by_client.json()["code"] == 100404  # the cancel searches the same 2 hours
    assert simulator.order("bingx", old.order_id).is_open


@pytest.mark.parametrize("venue", VENUES)
def test_open_orders_with_and_without_a_symbol(simulator: Simulator, venue: str) -> None:
    other = {"binance": "ETHUSDT", "mexc": "MXUSDT", "bingx": "ETH-USDT"}[venue]
    here, there = simulator.add_order(venue, NATIVE[venue]), simulator.add_order(venue, other)
    with signed_client(simulator, venue) as client:
        assert listing(client, venue) == [str(here.order_id), str(there.order_id)]
        assert listing(client, venue, symbol=other) == [str(there.order_id)]
        assert listing(client, venue, symbol="NOPEUSDT" if venue != "bingx" else "NOPE-USDT") == []


SIGNED_ROUTES = [(venue, route) for venue in VENUES for route in ("get_order", "open_orders")]


@pytest.mark.parametrize(("venue", "route"), [*SIGNED_ROUTES, ("bingx", "cancel_all_after")])
def test_new_routes_refuse_a_wrong_signature(simulator: Simulator, venue: str, route: str) -> None:
    order = simulator.add_order(venue, NATIVE[venue])
    (method, path) = {"get_order": QUERY[venue][0], "open_orders": QUERY[venue][1], "cancel_all_after": DEAD_MAN}[route]
    every: dict[str, dict[str, Param]] = {
        "get_order": {"symbol": NATIVE[venue], "orderId": order.order_id},
        "open_orders": {"symbol": NATIVE[venue]},
        "cancel_all_after": {"type": "ACTIVATE", "timeOut": 10},
    }
    params = every[route]
    wrong = Credentials(simulator.secrets[venue][0], secret="not-the-secret")
    with signed_client(simulator, venue, wrong) as client:
        refused = client.request(method, path, params=params)
    code = {"binance": (400, -1022), "mexc": (400, 700002), "bingx": (200, 100001)}[venue]
    assert (refused.status_code, refused.json()["code"]) == code
    assert simulator.dead_man_deadline_ms(venue) is None  # refused: nothing armed
    with signed_client(simulator, venue) as client:
        accepted = client.request(method, path, params=params)
    assert accepted.status_code == 200
    assert accepted.json() == unwrap(venue, accepted) or accepted.json()["code"] == 0
    assert simulator.route_calls[venue, route] == 2  # both reached the route; the first went no further
    assert (simulator.dead_man_deadline_ms(venue) is not None) is (route == "cancel_all_after")


def sign(secret: str, text: str) -> str:
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def test_signatures_by_hand_on_the_new_routes(simulator: Simulator) -> None:
    # A third reading of the rules: Binance and MEXC sign the query as sent; BingX signs the parameters sorted by key,
    # whatever order they travel in.
    now = simulator.now_ms("bingx")
    order = simulator.add_order("bingx", "BTC-USDT")
    api_key, secret = simulator.secrets["bingx"]
    canonical = f"orderId={order.order_id}&symbol=BTC-USDT&timestamp={now}"
    unsorted = f"timestamp={now}&symbol=BTC-USDT&orderId={order.order_id}"
    with httpx.Client(base_url=simulator.base_url("bingx"), headers={"X-BX-APIKEY": api_key}) as client:
        good = client.get(f"/openApi/spot/v1/trade/query?{unsorted}&signature={sign(secret, canonical)}")
        bad = client.get(f"/openApi/spot/v1/trade/query?{unsorted}&signature={sign(secret, unsorted)}")
    assert good.json()["data"]["orderId"] == order.order_id
    assert bad.json()["code"] == 100001
    api_key, secret = simulator.secrets["binance"]
    now = simulator.now_ms("binance")
    sent = f"timestamp={now}&symbol=BTCUSDT"
    with httpx.Client(base_url=simulator.base_url("binance"), headers={"X-MBX-APIKEY": api_key}) as client:
        good = client.get(f"/api/v3/openOrders?{sent}&signature={sign(secret, sent).upper()}")  # case-insensitive
        bad = client.get(f"/api/v3/openOrders?{sent}&signature={sign(secret, f'symbol=BTCUSDT&timestamp={now}')}")
        late = f"timestamp={now - 60_000}&symbol=BTCUSDT"
        stale = client.get(f"/api/v3/openOrders?{late}&signature={sign(secret, late)}")
    assert (good.status_code, good.json()) == (200, [])
    assert bad.json()["code"] == -1022
    assert stale.json()["code"] == -1021


def test_the_dead_man_switch_fires_on_the_next_request(simulator: Simulator) -> None:
    orders = [*simulator.add_orders("bingx", "BTC-USDT", 2), simulator.add_order("bingx", "ETH-USDT")]
    other_venue = simulator.add_order("binance", "BTCUSDT")
    clock = VenueClock(use_venue_time=False)  # the client's timestamps, kept in step with the venue's clock by hand
    with signed_client(simulator, "bingx", clock=clock) as client:
        armed = unwrap("bingx", client.post(DEAD_MAN[1], params={"type": "ACTIVATE", "timeOut": 10}))
        deadline = simulator.dead_man_deadline_ms("bingx")
        assert deadline is not None
        assert armed["triggerTime"] == deadline // 1000
        simulator.clock_skew_ms["bingx"] = clock.offset_ms = 9_000  # moved without the simulator's help
        assert len(listing(client, "bingx")) == 3
        simulator.clock_skew_ms["bingx"] = clock.offset_ms = 10_500
        assert simulator.venues["bingx"].dead_man_fired == 0  # nothing checked it yet
        assert listing(client, "bingx") == []  # the request saw the switch fire first
    assert simulator.dead_man_fired("bingx") == 1
    assert [simulator.order("bingx", o.order_id).status for o in orders] == ["CANCELED"] * 3
    assert all(o.update_ms == deadline for o in orders)
    assert simulator.venues["bingx"].dead_man_canceled == [o.order_id for o in orders]
    assert simulator.dead_man_deadline_ms("bingx") is None  # fired: disarmed
    assert simulator.open_orders("binance") == [other_venue]  # a venue's switch is its own


def test_the_dead_man_switch_fires_by_its_timer_and_stops_with_the_simulator() -> None:
    with Simulator() as sim:
        order = sim.add_order("bingx", "BTC-USDT")
        with signed_client(sim, "bingx") as client:
            client.post(DEAD_MAN[1], params={"type": "ACTIVATE", "timeOut": 10})
        sim.skew_clock("bingx", 9_800)  # 0.2 s left: the timer waits for that, not the 10 s it was armed with
        clock = VenueClock(use_venue_time=False)
        clock.offset_ms = 9_800
        until = time.monotonic() + 3
        while sim.venues["bingx"].dead_man_fired == 0 and time.monotonic() < until:
            time.sleep(0.02)
        assert sim.venues["bingx"].dead_man_fired == 1  # no request, no accessor: the timer did it
        assert order.status == "CANCELED"
        with signed_client(sim, "bingx", clock=clock) as client:
            client.post(DEAD_MAN[1], params={"type": "ACTIVATE", "timeOut": 120})
        assert sim.dead_man_deadline_ms("bingx") is not None
    assert not [t for t in threading.enumerate() if t.name.startswith("cancelkit-simulator-dead-man")]


def test_the_dead_man_switch_is_extended_and_closed(simulator: Simulator) -> None:
    order = simulator.add_order("bingx", "BTC-USDT")
    clock = VenueClock(use_venue_time=False)

    def skew(milliseconds: int) -> None:
        simulator.skew_clock("bingx", milliseconds)
        clock.offset_ms = milliseconds

    with signed_client(simulator, "bingx", clock=clock) as client:
        client.post(DEAD_MAN[1], params={"type": "ACTIVATE", "timeOut": 10})
        first = simulator.dead_man_deadline_ms("bingx")
        skew(8_000)
        client.post(DEAD_MAN[1], params={"type": "ACTIVATE", "timeOut": 10})  # re-armed: 10 s from now
        second = simulator.dead_man_deadline_ms("bingx")
        assert first is not None
        assert second is not None
        assert second - first >= 8_000
        skew(13_000)  # past the first deadline, before the second
        assert (simulator.dead_man_fired("bingx"), order.is_open) == (0, True)
        closed = unwrap("bingx", client.post(DEAD_MAN[1], params={"type": "CLOSE", "timeOut": 0}))
        assert (closed["status"], closed["triggerTime"]) == ("CLOSED", 0)
        skew(60_000)
        assert listing(client, "bingx") == [str(order.order_id)]
    assert simulator.dead_man_fired("bingx") == 0


@pytest.mark.parametrize("execute", [True, False])
@pytest.mark.parametrize("venue", VENUES)
def test_faults_strike_the_new_routes_by_operation_id(simulator: Simulator, venue: str, execute: bool) -> None:
    order = simulator.add_order(venue, NATIVE[venue])
    simulator.inject(venue, Fault("drop", route="cancel_order", execute=execute, times=1))
    simulator.inject(venue, Fault("drop", route="get_order", times=1))
    simulator.inject(venue, Fault("server_error", route="open_orders", times=1))
    with signed_client(simulator, venue) as client:
        with pytest.raises(httpx.TransportError):  # the cancel's answer is lost, after or before it was carried out
            cancel(client, venue, order.order_id)
        with pytest.raises(httpx.TransportError):  # and so is the first query's
            query(client, venue, orderId=order.order_id)
        assert query(client, venue, orderId=order.order_id)["status"] == ("CANCELED" if execute else "NEW")
        _, (method, path) = QUERY[venue]
        assert client.request(method, path).status_code == {"binance": 503, "mexc": 500, "bingx": 504}[venue]
        assert listing(client, venue) == ([] if execute else [str(order.order_id)])
    assert simulator.faults_applied[venue, "drop"] == 2


@pytest.mark.parametrize("execute", [True, False])
def test_a_lost_answer_to_the_dead_man_switch(simulator: Simulator, execute: bool) -> None:
    simulator.inject("bingx", Fault("server_error", route="cancel_all_after", execute=execute, times=1))
    with signed_client(simulator, "bingx") as client:
        lost = client.post(DEAD_MAN[1], params={"type": "ACTIVATE", "timeOut": 30})
    assert lost.status_code == 504
    assert (simulator.dead_man_deadline_ms("bingx") is not None) is execute


@pytest.mark.parametrize("kind", ["other_order", "huge", "missing_fields", "truncated"])
@pytest.mark.parametrize("venue", VENUES)
def test_answer_shaping_faults_on_listings_and_queries(simulator: Simulator, venue: str, kind: FaultKind) -> None:
    order = simulator.add_order(venue, NATIVE[venue])
    simulator.inject(venue, Fault(kind, route="open_orders", times=1))
    simulator.inject(venue, Fault(kind, route="get_order", times=1))
    with signed_client(simulator, venue) as client:
        _, (method, path) = QUERY[venue]
        listed = client.request(method, path)
        queried = client.request(*QUERY[venue][0], params={"symbol": NATIVE[venue], "orderId": order.order_id})
    assert listed.status_code == queried.status_code == 200
    if kind == "other_order":
        assert listing_ids(venue, listed.json()) == [other_id(order.order_id)]
        assert str(unwrap(venue, queried)["orderId"]) == other_id(order.order_id)
    elif kind == "huge":
        assert len(listed.content) > 10_000_000
        assert len(queried.content) > 10_000_000


def listing_ids(venue: str, body: Any) -> list[str]:
    return [str(o["orderId"]) for o in (body["data"]["orders"] if venue == "bingx" else body)]


def other_id(order_id: int | str) -> str:
    return str(order_id + 1000) if isinstance(order_id, int) else f"{order_id}0"
