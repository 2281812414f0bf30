from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cancel_failure import CancelFailure
    from ..models.spot_order import SpotOrder


T = TypeVar("T", bound="CancelOrdersData")


@_attrs_define
class CancelOrdersData:
    """
    Attributes:
        orders (list[SpotOrder]):
        fails (list[CancelFailure] | Unset):
    """

    orders: list[SpotOrder]
    fails: list[CancelFailure] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        orders = []
        for orders_item_data in self.orders:
            orders_item = orders_item_data.to_dict()
            orders.append(orders_item)

        fails: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.fails, Unset):
            fails = []
            for fails_item_data in self.fails:
                fails_item = fails_item_data.to_dict()
                fails.append(fails_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "orders": orders,
            }
        )
        if fails is not UNSET:
            field_dict["fails"] = fails

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cancel_failure import CancelFailure  # noqa: PLC0415
        from ..models.spot_order import SpotOrder  # noqa: PLC0415

        d = dict(src_dict)
        orders = []
        _orders = d.pop("orders")
        for orders_item_data in _orders:
            orders_item = SpotOrder.from_dict(orders_item_data)

            orders.append(orders_item)

        _fails = d.pop("fails", UNSET)
        fails: list[CancelFailure] | Unset = UNSET
        if _fails is not UNSET:
            fails = []
            for fails_item_data in _fails:
                fails_item = CancelFailure.from_dict(fails_item_data)

                fails.append(fails_item)

        cancel_orders_data = cls(
            orders=orders,
            fails=fails,
        )

        cancel_orders_data.additional_properties = d
        return cancel_orders_data

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
