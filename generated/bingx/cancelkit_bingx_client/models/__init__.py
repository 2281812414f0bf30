"""Contains all the data models used in inputs/outputs"""

from .bingx_error import BingxError
from .cancel_all_after_data import CancelAllAfterData
from .cancel_all_after_envelope import CancelAllAfterEnvelope
from .cancel_all_after_type import CancelAllAfterType
from .cancel_failure import CancelFailure
from .cancel_open_orders_data import CancelOpenOrdersData
from .cancel_open_orders_envelope import CancelOpenOrdersEnvelope
from .cancel_order_envelope import CancelOrderEnvelope
from .cancel_orders_data import CancelOrdersData
from .cancel_orders_envelope import CancelOrdersEnvelope
from .cancel_orders_process import CancelOrdersProcess
from .cancel_restrictions import CancelRestrictions
from .get_order_envelope import GetOrderEnvelope
from .open_orders_data import OpenOrdersData
from .open_orders_envelope import OpenOrdersEnvelope
from .order_details import OrderDetails
from .server_time_data import ServerTimeData
from .server_time_envelope import ServerTimeEnvelope
from .spot_order import SpotOrder

__all__ = (
    "BingxError",
    "CancelAllAfterData",
    "CancelAllAfterEnvelope",
    "CancelAllAfterType",
    "CancelFailure",
    "CancelOpenOrdersData",
    "CancelOpenOrdersEnvelope",
    "CancelOrderEnvelope",
    "CancelOrdersData",
    "CancelOrdersEnvelope",
    "CancelOrdersProcess",
    "CancelRestrictions",
    "GetOrderEnvelope",
    "OpenOrdersData",
    "OpenOrdersEnvelope",
    "OrderDetails",
    "ServerTimeData",
    "ServerTimeEnvelope",
    "SpotOrder",
)
