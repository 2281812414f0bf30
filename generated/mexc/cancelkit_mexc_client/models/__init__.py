"""Contains all the data models used in inputs/outputs"""

from .api_error import ApiError
from .cancel_order_report import CancelOrderReport
from .order_report import OrderReport
from .server_time import ServerTime

__all__ = (
    "ApiError",
    "CancelOrderReport",
    "OrderReport",
    "ServerTime",
)
