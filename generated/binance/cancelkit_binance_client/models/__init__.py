"""Contains all the data models used in inputs/outputs"""

from .api_error import ApiError
from .cancel_order_list_report import CancelOrderListReport
from .cancel_order_report import CancelOrderReport
from .cancel_restrictions import CancelRestrictions
from .order_list_member import OrderListMember
from .order_report import OrderReport
from .server_time import ServerTime

__all__ = (
    "ApiError",
    "CancelOrderListReport",
    "CancelOrderReport",
    "CancelRestrictions",
    "OrderListMember",
    "OrderReport",
    "ServerTime",
)
