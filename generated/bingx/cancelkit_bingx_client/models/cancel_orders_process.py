from typing import Literal

CancelOrdersProcess = Literal[0, 1]

CANCEL_ORDERS_PROCESS_VALUES: set[CancelOrdersProcess] = {
    0,
    1,
}


def check_cancel_orders_process(value: int) -> CancelOrdersProcess:
    if value in CANCEL_ORDERS_PROCESS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CANCEL_ORDERS_PROCESS_VALUES!r}")
