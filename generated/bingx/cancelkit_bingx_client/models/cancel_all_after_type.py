from typing import Literal

CancelAllAfterType = Literal["ACTIVATE", "CLOSE"]

CANCEL_ALL_AFTER_TYPE_VALUES: set[CancelAllAfterType] = {
    "ACTIVATE",
    "CLOSE",
}


def check_cancel_all_after_type(value: str) -> CancelAllAfterType:
    if value in CANCEL_ALL_AFTER_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CANCEL_ALL_AFTER_TYPE_VALUES!r}")
