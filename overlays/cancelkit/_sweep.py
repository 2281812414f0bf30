"""The bookkeeping of cancel_all(), without I/O: what each listing of open orders showed, what each cancel-all on a
symbol answered, and what became of every order that was seen open. The sync and async clients drive it alike."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from cancelkit_models import CancelResult, Order

from ._errors import CancelKitError, NothingOpen
from ._results import CancelAllReport, SymbolSweep


class Sweep:
    """One cancel_all() on one venue. `symbols`: the venue's symbols asked for, or None for every symbol."""

    def __init__(self, venue: str, symbols: Iterable[str] | None) -> None:
        self.venue = venue
        self.wanted = None if symbols is None else set(symbols)
        self.seen: dict[str, dict[str, Order]] = defaultdict(dict)  # symbol -> order id -> the order as listed
        self.canceled: dict[str, dict[str, CancelResult]] = defaultdict(dict)
        self.closed: dict[str, dict[str, Order]] = defaultdict(dict)  # filled or expired before their cancel
        self.failed: dict[str, list[CancelKitError]] = defaultdict(list)
        self.unknown: dict[str, set[str]] = defaultdict(set)
        self.open_now: dict[str, list[Order]] = {}
        self.refused: set[str] = set()  # symbols whose cancel the venue refused for good: not sent again
        self.rounds = 0

    def listed(self, orders: Iterable[Order]) -> list[str]:
        """A listing of open orders: the symbols that still have some, to cancel now (refused ones excepted)."""
        self.open_now = defaultdict(list)
        for order in orders:
            if self.wanted is None or order.symbol in self.wanted:
                self.open_now[order.symbol].append(order)
                self.seen[order.symbol][order.order_id] = order
        return sorted(symbol for symbol in self.open_now if symbol not in self.refused)

    def listing_failed(self) -> None:
        """A listing could not be read: what the one before showed proves nothing now."""
        self.open_now = {}

    def answered(self, symbol: str, outcome: list[CancelResult] | CancelKitError) -> None:
        """What a cancel-all on `symbol` answered. An unknown outcome is settled by the next listing and queries;
        a refusal for good is reported once and the symbol is not sent again."""
        if isinstance(outcome, list):
            for result in outcome:
                self.canceled[result.symbol][result.order_id] = result
                self.unknown[result.symbol].discard(result.order_id)
        elif not isinstance(outcome, NothingOpen) and not outcome.may_have_canceled and not outcome.retryable:
            self.failed[symbol].append(outcome)
            self.refused.add(symbol)

    def progress(self) -> str:
        """A line on where the sweep stands, after a listing."""
        still = sum(len(orders) for orders in self.open_now.values())
        canceled = sum(len(results) for results in self.canceled.values())
        if not still:
            return f"listing {self.rounds + 1}: nothing open; {canceled} canceled"
        return f"listing {self.rounds + 1}: {still} open on {len(self.open_now)} symbols; {canceled} canceled so far"

    def pending(self) -> list[tuple[str, str]]:
        """Orders seen open, neither canceled in an answer nor open in the last listing: what became of them is
        asked of the venue, one by one."""
        still_open = {(order.symbol, order.order_id) for orders in self.open_now.values() for order in orders}
        return [
            (symbol, order_id)
            for symbol, orders in self.seen.items()
            for order_id in orders
            if order_id not in self.canceled[symbol]
            and order_id not in self.closed[symbol]
            and (symbol, order_id) not in still_open
        ]

    def settled(self, symbol: str, order_id: str, outcome: CancelResult | Order | CancelKitError) -> None:
        """What a query said of an order that left the listing: canceled (a CancelResult), closed otherwise (the
        Order), or unknown (the error)."""
        if isinstance(outcome, CancelResult):
            self.canceled[symbol][order_id] = outcome
        elif isinstance(outcome, Order):
            self.closed[symbol][order_id] = outcome
        else:
            self.unknown[symbol].add(order_id)

    def report(self, error: CancelKitError | None = None, listed: bool = True) -> CancelAllReport:
        """`listed`: the last listing was read, so what it showed verifies the symbols."""
        symbols = sorted(set(self.seen) | set(self.failed) | (self.wanted or set()))
        still_open = {symbol for symbol, orders in self.open_now.items() if orders}
        sweeps = []
        for symbol in symbols:
            known = set(self.canceled[symbol]) | set(self.closed[symbol])
            open_ids = {o.order_id for o in self.open_now.get(symbol, [])}
            # Open because the venue refused their cancel: failed (the error says why), not unknown.
            unknown = self.unknown[symbol] | (set() if symbol in self.refused else open_ids)
            sweeps.append(
                SymbolSweep(
                    symbol=symbol,
                    canceled=tuple(self.canceled[symbol].values()),
                    already_closed=tuple(self.closed[symbol].values()),
                    failed=tuple(self.failed[symbol]),
                    unknown=tuple(sorted(unknown - known)),
                    verified_empty=listed and symbol not in still_open,
                )
            )
        return CancelAllReport(
            venue=self.venue,
            symbols=tuple(sweeps),
            verified_empty=listed and not still_open,
            rounds=self.rounds,
            error=error,
        )
