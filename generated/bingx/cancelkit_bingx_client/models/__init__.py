"""Contains all the data models used in inputs/outputs"""

from .bingx_error import BingxError
from .cancel_failure import CancelFailure
from .cancel_open_orders_data import CancelOpenOrdersData
from .cancel_open_orders_envelope import CancelOpenOrdersEnvelope
from .cancel_order_envelope import CancelOrderEnvelope
from .cancel_orders_data import CancelOrdersData
from .cancel_orders_envelope import CancelOrdersEnvelope
from .cancel_orders_process import CancelOrdersProcess
from .cancel_restrictions import CancelRestrictions
from .server_time_data import ServerTimeData
from .server_time_envelope import ServerTimeEnvelope
from .spot_order import SpotOrder

__all__ = (
    "BingxError",
    "CancelFailure",
    "CancelOpenOrdersData",
    "CancelOpenOrdersEnvelope",
    "CancelOrderEnvelope",
    "CancelOrdersData",
    "CancelOrdersEnvelope",
    "CancelOrdersProcess",
    "CancelRestrictions",
    "ServerTimeData",
    "ServerTimeEnvelope",
    "SpotOrder",
)
