"""Every venue, every operation, sync and async: each fault the simulator injects maps to the right member of the
error taxonomy with the right "may have been canceled" flag. Batch operations report the error per order."""

import socket
from typing import Any

import httpx
import pytest

from cancelkit import (
    BatchCancelResult,
    CancelKitError,
    ConnectionFailed,
    Credentials,
    MalformedResponse,
    OutcomeUnknown,
    RateLimited,
)
from cancelkit.testing import Fault, Simulator
from tests.clients import NATIVE, VENUES, call, client_for, close

pytestmark = pytest.mark.anyio

OPERATIONS = [
    (venue, operation)
    for venue in VENUES
    for operation in ("cancel_order", "cancel_open_orders", "cancel_orders", "cancel_order_list")
    if operation != "cancel_order_list" or venue == "binance"
]
# fault -> (the error it must become, may the order have been canceled)
FAULTS: dict[str, tuple[type[CancelKitError], bool]] = {
    "latency": (OutcomeUnknown, True),  # past the client's timeout
    "server_error": (OutcomeUnknown, True),
    "drop": (OutcomeUnknown, True),
    "html": (OutcomeUnknown, True),
    "rate_limited": (RateLimited, False),
    "banned": (RateLimited, False),
    "not_json": (MalformedResponse, True),
    "truncated": (MalformedResponse, True),
    "missing_fields": (MalformedResponse, True),
}
TIMEOUT = 0.25


def route(venue: str, operation: str) -> str:
    # Binance and MEXC have no batch endpoint: cancel_orders sends single cancels.
    return "cancel_order" if operation == "cancel_orders" and venue != "bingx" else operation


async def invoke(sim: Simulator, client: Any, venue: str, operation: str) -> list[CancelKitError]:
    """Run the operation on seeded orders; the errors it raised or reported per order."""
    symbol = NATIVE[venue]
    try:
        if operation == "cancel_order":
            order = sim.add_order(venue, symbol)
            await call(client, operation, "BTC/USDT", order_id=order.order_id)
        elif operation == "cancel_open_orders":
            sim.add_orders(venue, symbol, 2)
            await call(client, operation, "BTC/USDT")
        elif operation == "cancel_order_list":
            order_list = sim.add_order_list(symbol)
            await call(client, operation, "BTC/USDT", order_list_id=order_list.order_list_id)
        else:
            orders = sim.add_orders(venue, symbol, 3)
            batch = await call(client, operation, "BTC/USDT", [o.order_id for o in orders])
            assert isinstance(batch, BatchCancelResult)
            assert len(batch.outcomes) == 3  # every order accounted for
            return batch.failed
    except CancelKitError as error:
        return [error]
    return []


@pytest.mark.parametrize(("venue", "operation"), OPERATIONS)
@pytest.mark.parametrize("kind", sorted(FAULTS))
async def test_fault(simulator: Simulator, asynchronous: bool, venue: str, operation: str, kind: str) -> None:
    expected, may_have_canceled = FAULTS[kind]
    simulator.inject(venue, Fault(kind, route=route(venue, operation), seconds=TIMEOUT * 2, retry_after=9))  # type: ignore[arg-type]
    # Each fault's own error, as the first answer makes it (settling it by asking: test_resolution.py).
    # Reads time out after TIMEOUT (the latency fault outlasts it); connecting to the loopback simulator gets room, so
    # that a busy machine does not turn a fault's answer into a ConnectTimeout before it is sent. The local clock
    # signs: a server-time read, which no fault here touches, would be one more 0.25 s read for a busy machine to miss
    # (the simulator answers from a thread of this process).
    timeout = httpx.Timeout(TIMEOUT, connect=5.0)
    client = client_for(simulator, venue, asynchronous, timeout=timeout, resolve_unknown=False, time_sync=False)
    try:
        errors = await invoke(simulator, client, venue, operation)
    finally:
        await close(client)
    assert errors, "a fault must never pass for a success"
    for error in errors:
        assert type(error) is expected, repr(error)
        assert error.may_have_canceled is may_have_canceled
        assert error.venue == venue
        if isinstance(error, RateLimited):
            # 9 s as the venue said, or what was left of them for a cancel held back after the first answer.
            assert error.retry_after is not None
            assert 8.0 < error.retry_after <= 9.0
            assert error.banned is (kind == "banned")


@pytest.mark.parametrize(("venue", "operation"), OPERATIONS)
async def test_connection_refused(asynchronous: bool, venue: str, operation: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    with Simulator() as sim:  # only to seed orders with the right shapes; the client talks to the closed port
        client = client_for(
            sim,
            venue,
            asynchronous,
            base_url=f"http://127.0.0.1:{port}",
            time_sync=False,
            credentials=Credentials("k" * 20, secret="s"),
        )
        try:
            errors = await invoke(sim, client, venue, operation)
        finally:
            await close(client)
    assert errors
    for error in errors:
        assert type(error) is ConnectionFailed
        assert error.retryable
        assert not error.may_have_canceled  # provably not sent
