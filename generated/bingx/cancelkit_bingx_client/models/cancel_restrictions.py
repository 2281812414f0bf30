from typing import Literal

CancelRestrictions = Literal["NEW", "PARTIALLY_FILLED", "PENDING"]

CANCEL_RESTRICTIONS_VALUES: set[CancelRestrictions] = {
    "NEW",
    "PARTIALLY_FILLED",
    "PENDING",
}


def check_cancel_restrictions(value: str) -> CancelRestrictions:
    if value in CANCEL_RESTRICTIONS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CANCEL_RESTRICTIONS_VALUES!r}")
