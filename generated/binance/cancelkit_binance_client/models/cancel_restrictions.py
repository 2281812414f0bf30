from typing import Literal

CancelRestrictions = Literal["ONLY_NEW", "ONLY_PARTIALLY_FILLED"]

CANCEL_RESTRICTIONS_VALUES: set[CancelRestrictions] = {
    "ONLY_NEW",
    "ONLY_PARTIALLY_FILLED",
}


def check_cancel_restrictions(value: str) -> CancelRestrictions:
    if value in CANCEL_RESTRICTIONS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CANCEL_RESTRICTIONS_VALUES!r}")
