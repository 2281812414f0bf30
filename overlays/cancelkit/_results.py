"""Results that hold errors too, so they are written by hand; the rest come from generated/models."""

from __future__ import annotations

from dataclasses import dataclass

from cancelkit_models import CancelResult, Order

from ._errors import CancelKitError


@dataclass(frozen=True, slots=True)
class BatchCancelResult:
    """One outcome per id asked for, in the order asked: a CancelResult, or the error that says what happened."""

    outcomes: tuple[CancelResult | CancelKitError, ...]

    @property
    def canceled(self) -> list[CancelResult]:
        return [o for o in self.outcomes if isinstance(o, CancelResult)]

    @property
    def failed(self) -> list[CancelKitError]:
        return [o for o in self.outcomes if isinstance(o, CancelKitError)]

    @property
    def all_canceled(self) -> bool:
        return not self.failed

    @property
    def outcome_unknown(self) -> list[CancelKitError]:
        """The failures after which the order may still have been canceled: check them before acting."""
        return [o for o in self.failed if o.may_have_canceled]


@dataclass(frozen=True, slots=True)
class SymbolSweep:
    """What cancel_all() did on one symbol.

    - `canceled`: the orders canceled (a `resolution` of "query" where a lost answer was settled by asking);
    - `already_closed`: orders listed as open that were filled or expired before they could be canceled;
    - `failed`: cancels the venue refused; the orders are still open;
    - `unknown`: ids of orders whose fate the venue would not tell within the deadline: check them;
    - `verified_empty`: the venue's listing of open orders, taken after the last cancel, showed none on the symbol.
    """

    symbol: str
    canceled: tuple[CancelResult, ...] = ()
    already_closed: tuple[Order, ...] = ()
    failed: tuple[CancelKitError, ...] = ()
    unknown: tuple[str, ...] = ()
    verified_empty: bool = False


@dataclass(frozen=True, slots=True)
class CancelAllReport:
    """cancel_all() on one venue: per symbol, and whether the whole venue (or the symbols asked for) was verified
    empty. `error`: what kept the sweep from listing the venue's open orders at all (nothing was canceled then)."""

    venue: str
    symbols: tuple[SymbolSweep, ...]
    verified_empty: bool
    rounds: int
    error: CancelKitError | None = None

    @property
    def canceled(self) -> list[CancelResult]:
        return [result for sweep in self.symbols for result in sweep.canceled]

    @property
    def unknown(self) -> list[str]:
        return [order_id for sweep in self.symbols for order_id in sweep.unknown]

    @property
    def failed(self) -> list[CancelKitError]:
        return [error for sweep in self.symbols for error in sweep.failed] + ([self.error] if self.error else [])
