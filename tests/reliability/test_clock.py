"""The local clock skewed by minus and plus 60 s: the client resyncs and succeeds; without resync it raises."""

import time

import pytest

from cancelkit import TimestampError, VenueClock
from cancelkit.testing import Simulator
from tests.clients import NATIVE, VENUES, call, client_for, close

pytestmark = pytest.mark.anyio


class JumpingClock:
    """The local wall clock, moved by `skew` seconds whenever a test says so."""

    def __init__(self) -> None:
        self.skew = 0.0

    def __call__(self) -> float:
        return time.time() + self.skew


@pytest.mark.parametrize("venue", VENUES)
@pytest.mark.parametrize("skew", [-60.0, 60.0])
async def test_local_clock_jump_resyncs(simulator: Simulator, asynchronous: bool, venue: str, skew: float) -> None:
    first, second = simulator.add_orders(venue, NATIVE[venue], 2)
    wall = JumpingClock()
    client = client_for(simulator, venue, asynchronous, clock=VenueClock(wall=wall))
    try:
        await call(client, "cancel_order", "BTC/USDT", order_id=first.order_id)  # synced with the right clock
        wall.skew = skew  # then the host's clock jumps a minute: the stale offset now signs a bad timestamp
        result = await call(client, "cancel_order", "BTC/USDT", order_id=second.order_id)
    finally:
        await close(client)
    assert result.order_id == str(second.order_id)
    assert simulator.route_calls[venue, "cancel_order"] == 3  # one accepted, one rejected, one accepted
    assert abs(client.clock.offset_ms + skew * 1000) < 1000


@pytest.mark.parametrize("venue", VENUES)
@pytest.mark.parametrize("skew", [-60.0, 60.0])
async def test_without_resync_the_timestamp_error_is_raised(
    simulator: Simulator, asynchronous: bool, venue: str, skew: float
) -> None:
    order = simulator.add_order(venue, NATIVE[venue])
    wall = JumpingClock()
    wall.skew = skew
    client = client_for(simulator, venue, asynchronous, clock=VenueClock(use_venue_time=False, wall=wall))
    try:
        with pytest.raises(TimestampError) as caught:
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert caught.value.retryable
    assert not caught.value.may_have_canceled
    assert simulator.route_calls[venue, "cancel_order"] == 1
    assert len(simulator.open_orders(venue)) == 1
