"""cancel_all(): every open order on every venue canceled and the venue verified empty, with faults on the way;
every order ends canceled or accounted for, checked against the simulator's book. get_order and open_orders, and
BingX's dead-man switch."""

import asyncio
from decimal import Decimal
from typing import Any

import pytest

from cancelkit import AsyncCancelClient, CancelClient, InvalidArgument, Order
from cancelkit.testing import Fault, Simulator
from tests.clients import NATIVE, VENUES, call, client_for, close

pytestmark = pytest.mark.anyio
SYMBOLS = {  # three symbols per venue, as each writes them
    "binance": ["BTCUSDT", "ETHUSDT", "这是测试币456"],
    "mexc": ["BTCUSDT", "ETHUSDT", "MXUSDT"],
    "bingx": ["BTC-USDT", "ETH-USDT", "XRP-USDT"],
}


def seed(sim: Simulator, venue: str, per_symbol: int = 3) -> list[str]:
    return [str(o.order_id) for symbol in SYMBOLS[venue] for o in sim.add_orders(venue, symbol, per_symbol)]


def accounted(report: Any, ids: list[str]) -> None:
    """Every order seeded is canceled, already closed or unknown in the report, once."""
    named = [r.order_id for r in report.canceled]
    named += [o.order_id for sweep in report.symbols for o in sweep.already_closed]
    named += report.unknown
    assert sorted(named) == sorted(ids), (sorted(named), sorted(ids))


@pytest.mark.parametrize("venue", VENUES)
async def test_cancel_all_empties_the_venue_and_proves_it(simulator: Simulator, asynchronous: bool, venue: str) -> None:
    ids = seed(simulator, venue)
    client = client_for(simulator, venue, asynchronous)
    try:
        report = await call(client, "cancel_all")
    finally:
        await close(client)
    assert report.verified_empty
    assert report.error is None
    assert not report.failed
    assert {sweep.symbol for sweep in report.symbols} == set(SYMBOLS[venue])
    assert all(sweep.verified_empty for sweep in report.symbols)
    accounted(report, ids)
    assert simulator.open_orders(venue) == []


@pytest.mark.parametrize("venue", VENUES)
async def test_nothing_open_is_a_success(simulator: Simulator, asynchronous: bool, venue: str) -> None:
    client = client_for(simulator, venue, asynchronous)
    try:
        report = await call(client, "cancel_all")
        again = await call(client, "cancel_all", [NATIVE[venue]])
    finally:
        await close(client)
    assert (report.verified_empty, report.canceled, report.failed) == (True, [], [])
    assert again.verified_empty
    assert [(sweep.symbol, sweep.verified_empty) for sweep in again.symbols] == [(NATIVE[venue], True)]
    assert simulator.route_calls[venue, "cancel_open_orders"] == 0


@pytest.mark.parametrize("venue", VENUES)
@pytest.mark.parametrize(
    "fault",
    [
        Fault("drop", route="cancel_open_orders", execute=True, times=1),  # the answer lost after the cancel
        Fault("drop", route="cancel_open_orders", execute=False, times=1),  # the request lost before it
        Fault("server_error", route="cancel_open_orders", execute=True, times=2),
        Fault("latency", route="cancel_open_orders", execute=True, times=1, seconds=0.6),  # past the timeout
    ],
    ids=["answer-lost", "request-lost", "5xx", "timeout"],
)
async def test_cancel_all_through_faults_accounts_for_every_order(
    simulator: Simulator, asynchronous: bool, venue: str, fault: Fault
) -> None:
    ids = seed(simulator, venue)
    simulator.inject(venue, fault)
    client = client_for(simulator, venue, asynchronous, timeout=0.3)
    try:
        report = await call(client, "cancel_all")
    finally:
        await close(client)
    assert report.verified_empty, report
    assert not report.unknown
    accounted(report, ids)
    assert simulator.open_orders(venue) == []


@pytest.mark.parametrize("venue", VENUES)
async def test_orders_that_fill_during_the_sweep_are_already_closed(
    simulator: Simulator, asynchronous: bool, venue: str
) -> None:
    ids = seed(simulator, venue, per_symbol=2)
    filling = ids[0]
    client = client_for(simulator, venue, asynchronous)
    listing = client._listing

    def fill_after_listing(wanted: Any) -> Any:  # the venue fills one order between the listing and the cancel
        orders = listing(wanted)
        if asynchronous:

            async def then_fill() -> list[Order]:
                listed = await orders
                if simulator.order(venue, filling).status not in ("FILLED",):
                    simulator.fill(venue, filling)
                return listed  # type: ignore[no-any-return]

            return then_fill()
        if simulator.order(venue, filling).status != "FILLED":
            simulator.fill(venue, filling)
        return orders

    client._listing = fill_after_listing  # type: ignore[method-assign]
    try:
        report = await call(client, "cancel_all")
    finally:
        await close(client)
    closed = [o.order_id for sweep in report.symbols for o in sweep.already_closed]
    assert closed == [filling]
    assert report.verified_empty
    accounted(report, ids)


@pytest.mark.parametrize("venue", VENUES)
async def test_get_order_and_open_orders_are_normalized_and_exact(
    simulator: Simulator, asynchronous: bool, venue: str
) -> None:
    order = simulator.add_order(venue, NATIVE[venue], price="30000.10000000", qty="0.00100000")
    simulator.fill(venue, order.order_id, qty="0.00040000")
    client = client_for(simulator, venue, asynchronous)
    try:
        got = await call(client, "get_order", "BTC/USDT", order_id=order.order_id)
        listed = await call(client, "open_orders")
        on_symbol = await call(client, "open_orders", "BTC/USDT")
    finally:
        await close(client)
    assert isinstance(got, Order)
    assert got.order_id == str(order.order_id)
    assert got.status == "PARTIALLY_FILLED"
    assert (got.price, got.orig_qty, got.executed_qty) == (Decimal("30000.1"), Decimal("0.001"), Decimal("0.0004"))
    assert "executed_qty=0.00040000" in str(got)  # as the venue wrote it
    assert [o.order_id for o in listed] == [o.order_id for o in on_symbol] == [str(order.order_id)]


async def test_bingx_dead_man_switch_arms_and_disarms(simulator: Simulator, asynchronous: bool) -> None:
    client = client_for(simulator, "bingx", asynchronous)
    try:
        armed = await call(client, "dead_man_switch", 10)
        closed = await call(client, "dead_man_switch", None)
        with pytest.raises(InvalidArgument, match="10 to 120"):
            await call(client, "dead_man_switch", 5)
    finally:
        await close(client)
    assert (armed.status, armed.active) == ("ACTIVATED", True)
    assert armed.trigger_time_ms is not None
    assert armed.trigger_time_ms > 10**12  # milliseconds
    assert (closed.status, closed.active) == ("CLOSED", False)


@pytest.mark.parametrize("venue", ["binance", "mexc"])
def test_venues_without_a_dead_man_switch_say_so(venue: str) -> None:
    with Simulator() as sim, CancelClient(venue, sim.credentials(venue), base_url=sim.base_url(venue)) as client:  # type: ignore[arg-type]
        with pytest.raises(InvalidArgument, match="no dead-man switch"):
            client.dead_man_switch(30)
        assert sim.requests[venue] == 0


def test_cancel_all_from_both_clients_agrees() -> None:
    with Simulator() as sim:
        seed(sim, "mexc", per_symbol=1)
        with CancelClient("mexc", sim.credentials("mexc"), base_url=sim.base_url("mexc")) as client:
            sync_report = client.cancel_all(["BTC/USDT"])
        seed(sim, "mexc", per_symbol=1)

        async def run() -> Any:
            async with AsyncCancelClient("mexc", sim.credentials("mexc"), base_url=sim.base_url("mexc")) as client:
                return await client.cancel_all(["BTC/USDT"])

        async_report = asyncio.run(run())
    assert len(sync_report.canceled) == len(async_report.canceled) == 1  # BTCUSDT only: the symbol asked for
    assert [s.symbol for s in sync_report.symbols] == [s.symbol for s in async_report.symbols] == ["BTCUSDT"]


@pytest.mark.parametrize("venue", VENUES)
async def test_a_listing_that_fails_once_is_asked_again(simulator: Simulator, asynchronous: bool, venue: str) -> None:
    ids = seed(simulator, venue, per_symbol=1)
    simulator.inject(venue, Fault("server_error", route="open_orders", execute=False, times=1))
    client = client_for(simulator, venue, asynchronous)
    try:
        report = await call(client, "cancel_all")
    finally:
        await close(client)
    assert report.verified_empty
    assert report.error is None
    accounted(report, ids)


@pytest.mark.parametrize("venue", VENUES)
async def test_a_verifying_listing_that_fails_leaves_the_canceled_orders_canceled_and_unverified(
    simulator: Simulator, asynchronous: bool, venue: str
) -> None:
    ids = seed(simulator, venue, per_symbol=1)

    def after_the_first_listing(line: str) -> None:  # every later listing fails
        if not simulator.faults[venue]:
            simulator.inject(venue, Fault("server_error", route="open_orders", execute=False))

    client = client_for(simulator, venue, asynchronous)
    try:
        report = await call(client, "cancel_all", progress=after_the_first_listing)
    finally:
        await close(client)
    assert report.error is not None
    assert not report.verified_empty
    assert not any(sweep.verified_empty for sweep in report.symbols)
    assert sorted(r.order_id for r in report.canceled) == sorted(ids)
    assert report.unknown == []  # canceled, not also unknown
    assert simulator.open_orders(venue) == []


async def test_a_symbol_whose_cancel_is_refused_is_failed_once_and_not_sent_again(
    simulator: Simulator, asynchronous: bool
) -> None:
    simulator.add_orders("binance", "BTCUSDT", 2)
    client = client_for(simulator, "binance", asynchronous, credentials=simulator.credentials("binance"))
    simulator.venues["binance"].secrets = {simulator.secrets["binance"][0]: "another-secret"}  # signatures refused
    # Listings are refused too, then: the sweep cannot list at all, and says so without sending a cancel.
    try:
        report = await call(client, "cancel_all", ["BTC/USDT"])
    finally:
        await close(client)
    assert report.error is not None
    assert not report.error.may_have_canceled
    assert simulator.route_calls["binance", "cancel_open_orders"] <= 1
    assert len(simulator.open_orders("binance")) == 2


async def test_the_dead_man_switch_takes_ints_only(simulator: Simulator, asynchronous: bool) -> None:
    client = client_for(simulator, "bingx", asynchronous)
    try:
        for seconds in (False, 0.0, 30.0, "30"):
            with pytest.raises(InvalidArgument):
                await call(client, "dead_man_switch", seconds)
    finally:
        await close(client)
    assert simulator.requests["bingx"] == 0
