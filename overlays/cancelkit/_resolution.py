"""Settling what a lost answer left open, without I/O: flows that say which request to send next and read what came
back, so that the sync and async clients run the same logic (as httpx's auth flows and h11 do).

A flow is a generator. It yields a `Call` to send (the driver sends it once, within the resolution's deadline, and
sends back its result or the CancelKitError it raised) or a `Pause` (the driver waits, then sends back None), and
returns its answer or raises the error that is the answer. `Learned` collects what each step found, for the
OutcomeUnknown a driver raises when the deadline passes first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

from cancelkit_models import CancelResult, Order

from ._errors import (
    CancelKitError,
    ConnectionFailed,
    NothingOpen,
    OrderArchived,
    OrderNotFound,
    OutcomeUnknown,
)
from ._venues import Call, VenueAdapter

# Attempts at sending a cancel again to an order that a query showed still open, and at querying an order the venue
# says it does not know (Binance's order store may lag its matching engine just after a cancel).
MAX_RESENDS = 3
NOT_FOUND_QUERIES = 3


@dataclass(frozen=True)
class Pause:
    seconds: float


@dataclass
class Learned:
    """What the resolution found, step by step; it ends up in the OutcomeUnknown when the deadline comes first."""

    steps: list[str] = field(default_factory=list)

    def add(self, what: str, outcome: object) -> None:
        said = f"{type(outcome).__name__}: {outcome}" if isinstance(outcome, BaseException) else str(outcome)
        self.steps.append(f"{what}: {said}")


Step = Call[Any] | Pause
Flow = Generator[Step, Any, Any]


def _backoff(attempt: int) -> Pause:
    return Pause(min(2.0, 0.2 * 2**attempt))


def resolve_cancel(adapter: VenueAdapter, cancel: Call[CancelResult], learned: Learned) -> Flow:
    """A single-order cancel whose answer was lost: ask the venue for the order, by the ids the cancel named.

    - closed as canceled: the cancel's result, its `resolution` "query";
    - closed otherwise (filled, expired): OrderNotFound, as a clean cancel of a closed order, carrying the order;
    - still open: the cancel is sent again (the order is provably open), then settled the same way;
    - unknown to the venue: asked again (a venue's order store may lag), then looked for among the open orders:
      listed, it is open and canceled again by its order id (`resolution` "open_orders"); not listed, asked again
      until the deadline, as a listing lags too;
    - a status cancelkit does not know: asked again, never taken for closed.
    """
    context = cancel.context
    query = adapter.get_order(context["symbol"], context["order_id"], context["client_order_id"])
    resends = not_found = attempt = 0
    resolution = "query"
    while True:
        outcome = yield query
        if isinstance(outcome, Order):
            learned.add("the order", f"{outcome.status}, executed {outcome.executed_qty}")
            if adapter.is_canceled(outcome.status):
                return adapter.result_from_order(outcome, resolution)
            if adapter.is_closed(outcome.status):
                raise adapter.closed_otherwise(outcome, context)
            if not adapter.is_open(outcome.status):  # a status cancelkit does not know: neither open nor closed
                yield _backoff(attempt := attempt + 1)
                continue
        elif isinstance(outcome, OrderArchived):
            raise outcome  # closed, with nothing executed, over 90 days ago: not by this cancel
        elif isinstance(outcome, OrderNotFound):
            learned.add("the order", outcome)
            not_found += 1
            if not_found < NOT_FOUND_QUERIES:
                yield _backoff(not_found)
                continue
            listing = yield adapter.open_orders(context["symbol"])
            if isinstance(listing, CancelKitError):
                learned.add("the open orders", listing)
                not_found = 0
                yield _backoff(attempt := attempt + 1)
                continue
            listed = next((order for order in listing if adapter.same_order(order, context)), None)
            if listed is None:
                # Not listed proves nothing: a listing lags as the order store does, and an order being placed
                # may not be there yet. Ask again until the deadline; then the outcome stays unknown.
                learned.add("the open orders", f"{len(listing)} open, not this one")
                not_found = 0
                yield _backoff(attempt := attempt + 1)
                continue
            learned.add("the open orders", "this one is open")
            # Found by its listing: from here on named by its order id, which every venue finds whatever its age
            # (BingX searches client ids over the last 2 hours only).
            cancel = adapter.by_order_id(cancel, listed.order_id)
            query = adapter.get_order(context["symbol"], listed.order_id, None)
            resolution = "open_orders"
        else:  # the query's own answer was lost, refused for now, or could not be sent
            learned.add("the order", outcome)
            yield _backoff(attempt := attempt + 1)
            continue
        # The order is provably open: the lost cancel did not cancel it, and sending it again is safe.
        if resends >= MAX_RESENDS:
            yield _backoff(attempt := attempt + 1)
            continue
        resends += 1
        answer = yield cancel
        if isinstance(answer, CancelResult):
            return dataclasses.replace(answer, resolution=resolution)
        learned.add("the cancel sent again", answer)
        if isinstance(answer, OrderNotFound | OutcomeUnknown | ConnectionFailed) or answer.retryable:
            yield _backoff(attempt := attempt + 1)  # closed meanwhile, lost again, or not sent: ask again
            continue
        raise answer  # refused for good (restriction, permissions): the order is open and the venue says why


def resolve_open_orders(adapter: VenueAdapter, cancel_all: Call[list[CancelResult]], learned: Learned) -> Flow:
    """A cancel of every open order on a symbol whose answer was lost: list what is open, cancel that again (it is
    provably open; at most MAX_RESENDS times, paused between tries, as a listing may lag), until the listing is
    empty. The orders the lost request canceled are named in no answer, so the outcome stays OutcomeUnknown, with
    `verified_empty`; cancel_all() lists first and names every order."""
    symbol = cancel_all.context["symbol"]
    resent: list[CancelResult] = []
    attempt = resends = 0

    def unknown(what: str, verified_empty: bool) -> OutcomeUnknown:
        return OutcomeUnknown(
            f"the answer to canceling every open order on {symbol} was lost; {what}; the orders the lost request"
            " canceled are named by no answer (cancel_all() names them)",
            venue=adapter.name,
            symbol=symbol,
            verified_empty=verified_empty,
            results=tuple(resent),
            learned=tuple(learned.steps),
        )

    while True:
        listing = yield adapter.open_orders(symbol)
        if isinstance(listing, CancelKitError):
            learned.add("the open orders", listing)
            yield _backoff(attempt := attempt + 1)
            continue
        if not listing:
            learned.add("the open orders", "none: the symbol is empty")
            raise unknown(f"{symbol} has nothing open now (verified), {len(resent)} canceled on sending again", True)
        learned.add("the open orders", f"{len(listing)} still open")
        if resends >= MAX_RESENDS:
            yield _backoff(attempt := attempt + 1)
            continue
        resends += 1
        answer = yield cancel_all
        if isinstance(answer, list):
            resent.extend(answer)
        elif not isinstance(answer, NothingOpen):
            learned.add("the cancel sent again", answer)
            if not (answer.may_have_canceled or answer.retryable or isinstance(answer, OrderNotFound)):
                # Refused for good; the lost request may still have canceled orders: the outcome stays unknown.
                raise unknown(f"sending it again was refused ({type(answer).__name__}: {answer.message})", False)
        yield _backoff(attempt := attempt + 1)  # a listing right after a cancel may not show it yet


__all__ = [
    "MAX_RESENDS",
    "Flow",
    "Learned",
    "Pause",
    "resolve_cancel",
    "resolve_open_orders",
]
