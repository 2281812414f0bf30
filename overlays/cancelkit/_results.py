"""Results that hold errors too, so they are written by hand; the rest come from generated/models."""

from __future__ import annotations

from dataclasses import dataclass

from cancelkit_models import CancelResult

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
