from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.cancel_order_report import CancelOrderReport
    from ..models.order_list_member import OrderListMember


T = TypeVar("T", bound="CancelOrderListReport")


@_attrs_define
class CancelOrderListReport:
    """The report of a canceled order list (OCO, OTO, OTOCO).

    Attributes:
        order_list_id (int):
        contingency_type (str): OCO, OTO.
        list_status_type (str): RESPONSE, EXEC_STARTED, ALL_DONE.
        list_order_status (str): EXECUTING, ALL_DONE, REJECT.
        list_client_order_id (str):
        transaction_time (int):
        symbol (str):
        orders (list[OrderListMember]):
        order_reports (list[CancelOrderReport]):
    """

    order_list_id: int
    contingency_type: str
    list_status_type: str
    list_order_status: str
    list_client_order_id: str
    transaction_time: int
    symbol: str
    orders: list[OrderListMember]
    order_reports: list[CancelOrderReport]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_list_id = self.order_list_id

        contingency_type = self.contingency_type

        list_status_type = self.list_status_type

        list_order_status = self.list_order_status

        list_client_order_id = self.list_client_order_id

        transaction_time = self.transaction_time

        symbol = self.symbol

        orders = []
        for orders_item_data in self.orders:
            orders_item = orders_item_data.to_dict()
            orders.append(orders_item)

        order_reports = []
        for order_reports_item_data in self.order_reports:
            order_reports_item = order_reports_item_data.to_dict()
            order_reports.append(order_reports_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "orderListId": order_list_id,
                "contingencyType": contingency_type,
                "listStatusType": list_status_type,
                "listOrderStatus": list_order_status,
                "listClientOrderId": list_client_order_id,
                "transactionTime": transaction_time,
                "symbol": symbol,
                "orders": orders,
                "orderReports": order_reports,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cancel_order_report import CancelOrderReport  # noqa: PLC0415
        from ..models.order_list_member import OrderListMember  # noqa: PLC0415

        d = dict(src_dict)
        order_list_id = d.pop("orderListId")

        contingency_type = d.pop("contingencyType")

        list_status_type = d.pop("listStatusType")

        list_order_status = d.pop("listOrderStatus")

        list_client_order_id = d.pop("listClientOrderId")

        transaction_time = d.pop("transactionTime")

        symbol = d.pop("symbol")

        orders = []
        _orders = d.pop("orders")
        for orders_item_data in _orders:
            orders_item = OrderListMember.from_dict(orders_item_data)

            orders.append(orders_item)

        order_reports = []
        _order_reports = d.pop("orderReports")
        for order_reports_item_data in _order_reports:
            order_reports_item = CancelOrderReport.from_dict(order_reports_item_data)

            order_reports.append(order_reports_item)

        cancel_order_list_report = cls(
            order_list_id=order_list_id,
            contingency_type=contingency_type,
            list_status_type=list_status_type,
            list_order_status=list_order_status,
            list_client_order_id=list_client_order_id,
            transaction_time=transaction_time,
            symbol=symbol,
            orders=orders,
            order_reports=order_reports,
        )

        cancel_order_list_report.additional_properties = d
        return cancel_order_list_report

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
