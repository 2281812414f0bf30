"""Every facade method of every venue against the simulator over real loopback HTTP, sync and async, with faults."""

import socket

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
)
from cancelkit.testing import Fault, Simulator
from tests.clients import NATIVE, VENUES, call, client_for, close

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
    client = client_for(simulator, venue, asynchronous, timeout=0.3)
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
