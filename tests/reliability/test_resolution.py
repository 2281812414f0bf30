"""A cancel whose answer is lost is settled by asking the venue (resolve_unknown, on by default): canceled, closed
otherwise, or still open and canceled again; never sent twice unless the order is provably open. Every venue, sync
and async, against the simulator's book, counting what reached it."""

from decimal import Decimal

import pytest

from cancelkit import CancelResult, OrderNotFound, OrderStatus, OutcomeUnknown
from cancelkit._resolution import MAX_RESENDS
from cancelkit.testing import Fault, Simulator
from tests.clients import NATIVE, VENUES, call, client_for, close

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("venue", VENUES)
@pytest.mark.parametrize("kind", ["drop", "server_error", "html", "latency"])
async def test_an_answer_lost_after_the_cancel_is_settled_by_asking(
    simulator: Simulator, asynchronous: bool, venue: str, kind: str
) -> None:
    order = simulator.add_order(venue, NATIVE[venue], client_order_id="mine-1")
    simulator.inject(venue, Fault(kind, route="cancel_order", execute=True, times=1, seconds=0.6))  # type: ignore[arg-type]
    client = client_for(simulator, venue, asynchronous, timeout=0.3)
    try:
        result = await call(client, "cancel_order", "BTC/USDT", client_order_id="mine-1")
    finally:
        await close(client)
    assert isinstance(result, CancelResult)
    assert (result.status, result.resolution) == (OrderStatus.CANCELED, "query")
    assert result.order_id == str(order.order_id)
    assert simulator.route_calls[venue, "cancel_order"] == 1  # never sent twice: the venue said it was canceled
    assert simulator.route_calls[venue, "get_order"] >= 1
    assert simulator.open_orders(venue) == []


@pytest.mark.parametrize("venue", VENUES)
async def test_a_request_lost_before_the_venue_saw_it_is_sent_again_once_the_order_is_provably_open(
    simulator: Simulator, asynchronous: bool, venue: str
) -> None:
    order = simulator.add_order(venue, NATIVE[venue])
    simulator.inject(venue, Fault("drop", route="cancel_order", execute=False, times=1))
    client = client_for(simulator, venue, asynchronous)
    try:
        result = await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert (result.status, result.resolution) == (OrderStatus.CANCELED, "query")
    assert simulator.route_calls[venue, "cancel_order"] == 2  # the second only after the query showed it open
    assert simulator.open_orders(venue) == []


@pytest.mark.parametrize("venue", VENUES)
async def test_an_order_that_filled_is_the_answer_of_a_clean_cancel_of_a_closed_order(
    simulator: Simulator, asynchronous: bool, venue: str
) -> None:
    order = simulator.add_order(venue, NATIVE[venue], qty="2.00000000")
    simulator.fill(venue, order.order_id)
    simulator.inject(venue, Fault("drop", route="cancel_order", execute=False, times=1))
    client = client_for(simulator, venue, asynchronous)
    try:
        with pytest.raises(OrderNotFound) as closed:
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert not closed.value.may_have_canceled
    assert closed.value.order is not None
    assert closed.value.order.status == "FILLED"
    assert closed.value.order.executed_qty == Decimal("2")
    assert simulator.route_calls[venue, "cancel_order"] == 1


@pytest.mark.parametrize("venue", VENUES)
async def test_a_venue_that_cannot_be_asked_in_time_leaves_the_outcome_unknown_with_what_was_learned(
    simulator: Simulator, asynchronous: bool, venue: str
) -> None:
    order = simulator.add_order(venue, NATIVE[venue])
    simulator.inject(venue, Fault("drop", route="cancel_order", execute=True, times=1))
    simulator.inject(venue, Fault("server_error", route="get_order"))
    client = client_for(simulator, venue, asynchronous, resolve_deadline=1.0)
    try:
        with pytest.raises(OutcomeUnknown) as unknown:
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert unknown.value.may_have_canceled
    assert unknown.value.learned[0].startswith("the cancel:")
    assert any(step.startswith("the order:") for step in unknown.value.learned)
    assert "not settled within 1 s" in str(unknown.value)
    assert simulator.route_calls[venue, "cancel_order"] == 1


@pytest.mark.parametrize("venue", VENUES)
async def test_resolution_can_be_turned_off(simulator: Simulator, asynchronous: bool, venue: str) -> None:
    order = simulator.add_order(venue, NATIVE[venue])
    simulator.inject(venue, Fault("drop", route="cancel_order", execute=True, times=1))
    client = client_for(simulator, venue, asynchronous, resolve_unknown=False)
    try:
        with pytest.raises(OutcomeUnknown):
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert simulator.route_calls[venue, "get_order"] == 0


async def test_binance_archived_orders_are_closed_not_canceled(simulator: Simulator, asynchronous: bool) -> None:
    order = simulator.add_order("binance", "BTCUSDT")
    simulator.expire("binance", order.order_id)
    simulator.archive("binance", order.order_id)
    simulator.inject("binance", Fault("drop", route="cancel_order", execute=False, times=1))
    client = client_for(simulator, "binance", asynchronous)
    try:
        with pytest.raises(OrderNotFound, match="archived") as closed:
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert not closed.value.may_have_canceled
    assert simulator.route_calls["binance", "cancel_order"] == 1


async def test_bingx_client_ids_older_than_two_hours_are_found_through_the_open_orders(
    simulator: Simulator, asynchronous: bool
) -> None:
    order = simulator.add_order("bingx", "BTC-USDT", client_order_id="old-one")
    simulator.age("bingx", order.order_id, hours=3)  # BingX finds client ids of the last 2 hours only
    simulator.inject("bingx", Fault("drop", route="cancel_order", execute=False, times=1))
    client = client_for(simulator, "bingx", asynchronous)
    try:
        result = await call(client, "cancel_order", "BTC/USDT", client_order_id="old-one")
    finally:
        await close(client)
    # Not found by its client id, listed as open: canceled again, by its order id this time.
    assert (result.status, result.resolution) == (OrderStatus.CANCELED, "open_orders")
    assert result.order_id == str(order.order_id)
    assert simulator.route_calls["bingx", "cancel_order"] == 2
    assert simulator.open_orders("bingx") == []


@pytest.mark.parametrize("venue", VENUES)
async def test_an_order_the_venue_neither_knows_nor_lists_stays_unknown(
    simulator: Simulator, asynchronous: bool, venue: str
) -> None:
    """A listing lags as the order store does, and an order being placed may not be listed yet: not listed proves
    nothing, so the outcome stays unknown (never a success for an order that may be open)."""
    order = simulator.add_order(venue, NATIVE[venue])
    simulator.inject(venue, Fault("drop", route="cancel_order", execute=True, times=1))
    simulator.inject(venue, Fault("unknown_order", route="get_order"))  # an order store that never catches up
    client = client_for(simulator, venue, asynchronous, resolve_deadline=1.5)
    try:
        with pytest.raises(OutcomeUnknown) as unknown:
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert any("not this one" in step for step in unknown.value.learned)
    assert simulator.route_calls[venue, "get_order"] >= 3  # asked again, as a lagging store may catch up
    assert simulator.route_calls[venue, "cancel_order"] == 1


@pytest.mark.parametrize("venue", VENUES)
async def test_a_lost_cancel_all_is_sent_again_a_bounded_number_of_times(
    simulator: Simulator, asynchronous: bool, venue: str
) -> None:
    simulator.add_orders(venue, NATIVE[venue], 2)
    simulator.inject(venue, Fault("drop", route="cancel_open_orders", execute=False))  # every one lost
    client = client_for(simulator, venue, asynchronous, resolve_deadline=3.0)
    try:
        with pytest.raises(OutcomeUnknown) as unknown:
            await call(client, "cancel_open_orders", "BTC/USDT")
    finally:
        await close(client)
    assert unknown.value.verified_empty is False
    assert simulator.route_calls[venue, "cancel_open_orders"] == 1 + MAX_RESENDS  # never a storm
    assert len(simulator.open_orders(venue)) == 2


async def test_a_lost_batch_answer_is_settled_order_by_order(simulator: Simulator, asynchronous: bool) -> None:
    orders = simulator.add_orders("bingx", "BTC-USDT", 3)
    simulator.inject("bingx", Fault("drop", route="cancel_orders", execute=True, times=1))
    client = client_for(simulator, "bingx", asynchronous)
    try:
        batch = await call(client, "cancel_orders", "BTC/USDT", [o.order_id for o in orders])
    finally:
        await close(client)
    assert batch.all_canceled, batch.failed
    assert {r.resolution for r in batch.canceled} == {"query"}
    assert simulator.route_calls["bingx", "cancel_orders"] == 1
    assert simulator.open_orders("bingx") == []


@pytest.mark.parametrize("venue", VENUES)
async def test_a_lost_cancel_all_answer_is_verified_empty_and_stays_unknown(
    simulator: Simulator, asynchronous: bool, venue: str
) -> None:
    simulator.add_orders(venue, NATIVE[venue], 3)
    simulator.inject(venue, Fault("drop", route="cancel_open_orders", execute=True, times=1))
    client = client_for(simulator, venue, asynchronous)
    try:
        with pytest.raises(OutcomeUnknown) as unknown:
            await call(client, "cancel_open_orders", "BTC/USDT")
    finally:
        await close(client)
    assert unknown.value.verified_empty is True
    assert simulator.open_orders(venue) == []
    assert simulator.route_calls[venue, "cancel_open_orders"] == 1  # nothing left open: not sent again
