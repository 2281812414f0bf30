"""A cancel is never retried after an outcome-unknown failure unless the caller opts in; with the opt-in, a retry
answered "unknown order" is reported as canceled or already closed, not as a failure."""

import pytest

from cancelkit import CancelResult, OrderStatus, OutcomeUnknown
from cancelkit.testing import Fault, Simulator
from tests.clients import NATIVE, VENUES, call, client_for, close

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("venue", VENUES)
@pytest.mark.parametrize("kind", ["drop", "server_error", "html"])
async def test_never_retried_by_default(simulator: Simulator, asynchronous: bool, venue: str, kind: str) -> None:
    order = simulator.add_order(venue, NATIVE[venue])
    simulator.inject(venue, Fault(kind, route="cancel_order", execute=False))  # every attempt fails
    client = client_for(simulator, venue, asynchronous)
    try:
        with pytest.raises(OutcomeUnknown):
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert simulator.route_calls[venue, "cancel_order"] == 1


@pytest.mark.parametrize("venue", VENUES)
async def test_opt_in_retry_that_finds_the_order_gone(simulator: Simulator, asynchronous: bool, venue: str) -> None:
    simulator.add_order(venue, NATIVE[venue], client_order_id="mine-1")
    # The first attempt cancels the order, then the connection drops: the client cannot know.
    simulator.inject(venue, Fault("drop", route="cancel_order", execute=True, times=1))
    client = client_for(simulator, venue, asynchronous, retry_outcome_unknown=2)
    try:
        result = await call(client, "cancel_order", "BTC/USDT", client_order_id="mine-1")
    finally:
        await close(client)
    assert isinstance(result, CancelResult)
    assert result.status == OrderStatus.CANCELED_OR_CLOSED
    assert result.client_order_id == "mine-1"
    assert result.raw["retry_answer"]["code"] is not None
    assert simulator.route_calls[venue, "cancel_order"] == 2
    assert simulator.open_orders(venue) == []


@pytest.mark.parametrize("venue", VENUES)
async def test_opt_in_retry_that_cancels(simulator: Simulator, asynchronous: bool, venue: str) -> None:
    order = simulator.add_order(venue, NATIVE[venue])
    simulator.inject(venue, Fault("server_error", route="cancel_order", execute=False, times=1))
    client = client_for(simulator, venue, asynchronous, retry_outcome_unknown=1)
    try:
        result = await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert result.status == OrderStatus.CANCELED
    assert result.order_id == str(order.order_id)
    assert simulator.route_calls[venue, "cancel_order"] == 2


async def test_opt_in_retries_are_bounded(simulator: Simulator, asynchronous: bool) -> None:
    order = simulator.add_order("binance", "BTCUSDT")
    simulator.inject("binance", Fault("server_error", route="cancel_order", execute=False))
    client = client_for(simulator, "binance", asynchronous, retry_outcome_unknown=3)
    try:
        with pytest.raises(OutcomeUnknown):
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert simulator.route_calls["binance", "cancel_order"] == 4


async def test_a_first_unknown_order_is_still_a_failure(simulator: Simulator, asynchronous: bool) -> None:
    from cancelkit import OrderNotFound

    client = client_for(simulator, "binance", asynchronous, retry_outcome_unknown=3)
    try:
        with pytest.raises(OrderNotFound):
            await call(client, "cancel_order", "BTC/USDT", order_id=123456)
    finally:
        await close(client)
    assert simulator.route_calls["binance", "cancel_order"] == 1


async def test_cancel_all_is_never_retried(simulator: Simulator, asynchronous: bool) -> None:
    simulator.add_orders("mexc", "BTCUSDT", 2)
    simulator.inject("mexc", Fault("drop", route="cancel_open_orders", execute=False))
    client = client_for(simulator, "mexc", asynchronous, retry_outcome_unknown=3)
    try:
        with pytest.raises(OutcomeUnknown):
            await call(client, "cancel_open_orders", "BTC/USDT")
    finally:
        await close(client)
    assert simulator.route_calls["mexc", "cancel_open_orders"] == 1
