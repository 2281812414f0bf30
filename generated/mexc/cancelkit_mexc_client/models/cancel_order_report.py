from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CancelOrderReport")


@_attrs_define
class CancelOrderReport:
    """The report of one canceled order. MEXC omits `transactTime`; every field but `symbol` and `orderId` may be absent.

    Attributes:
        symbol (str):
        order_id (int | str): The exchange's order id. MEXC documents it as a string, but its documents' examples show a
            JSON number too;
            both are accepted and kept exact.
        orig_client_order_id (str | Unset): The original order's client id.
        order_list_id (int | Unset): -1 unless the order is part of an OCO.
        client_order_id (str | Unset): The id of this cancel.
        price (str | Unset): An exact decimal, sent as a string.
        orig_qty (str | Unset): An exact decimal, sent as a string.
        executed_qty (str | Unset): An exact decimal, sent as a string.
        cummulative_quote_qty (str | Unset): An exact decimal, sent as a string.
        status (str | Unset): NEW, FILLED, PARTIALLY_FILLED, CANCELED, PARTIALLY_CANCELED.
        time_in_force (str | Unset):
        type_ (str | Unset): LIMIT, MARKET, LIMIT_MAKER, IMMEDIATE_OR_CANCEL, FILL_OR_KILL.
        side (str | Unset): BUY or SELL.
    """

    symbol: str
    order_id: int | str
    orig_client_order_id: str | Unset = UNSET
    order_list_id: int | Unset = UNSET
    client_order_id: str | Unset = UNSET
    price: str | Unset = UNSET
    orig_qty: str | Unset = UNSET
    executed_qty: str | Unset = UNSET
    cummulative_quote_qty: str | Unset = UNSET
    status: str | Unset = UNSET
    time_in_force: str | Unset = UNSET
    type_: str | Unset = UNSET
    side: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        order_id: int | str
        order_id = self.order_id

        orig_client_order_id = self.orig_client_order_id

        order_list_id = self.order_list_id

        client_order_id = self.client_order_id

        price = self.price

        orig_qty = self.orig_qty

        executed_qty = self.executed_qty

        cummulative_quote_qty = self.cummulative_quote_qty

        status = self.status

        time_in_force = self.time_in_force

        type_ = self.type_

        side = self.side

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "symbol": symbol,
                "orderId": order_id,
            }
        )
        if orig_client_order_id is not UNSET:
            field_dict["origClientOrderId"] = orig_client_order_id
        if order_list_id is not UNSET:
            field_dict["orderListId"] = order_list_id
        if client_order_id is not UNSET:
            field_dict["clientOrderId"] = client_order_id
        if price is not UNSET:
            field_dict["price"] = price
        if orig_qty is not UNSET:
            field_dict["origQty"] = orig_qty
        if executed_qty is not UNSET:
            field_dict["executedQty"] = executed_qty
        if cummulative_quote_qty is not UNSET:
            field_dict["cummulativeQuoteQty"] = cummulative_quote_qty
        if status is not UNSET:
            field_dict["status"] = status
        if time_in_force is not UNSET:
            field_dict["timeInForce"] = time_in_force
        if type_ is not UNSET:
            field_dict["type"] = type_
        if side is not UNSET:
            field_dict["side"] = side

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        symbol = d.pop("symbol")

        def _parse_order_id(data: object) -> int | str:
            return cast(int | str, data)

        order_id = _parse_order_id(d.pop("orderId"))

        orig_client_order_id = d.pop("origClientOrderId", UNSET)

        order_list_id = d.pop("orderListId", UNSET)

        client_order_id = d.pop("clientOrderId", UNSET)

        price = d.pop("price", UNSET)

        orig_qty = d.pop("origQty", UNSET)

        executed_qty = d.pop("executedQty", UNSET)

        cummulative_quote_qty = d.pop("cummulativeQuoteQty", UNSET)

        status = d.pop("status", UNSET)

        time_in_force = d.pop("timeInForce", UNSET)

        type_ = d.pop("type", UNSET)

        side = d.pop("side", UNSET)

        cancel_order_report = cls(
            symbol=symbol,
            order_id=order_id,
            orig_client_order_id=orig_client_order_id,
            order_list_id=order_list_id,
            client_order_id=client_order_id,
            price=price,
            orig_qty=orig_qty,
            executed_qty=executed_qty,
            cummulative_quote_qty=cummulative_quote_qty,
            status=status,
            time_in_force=time_in_force,
            type_=type_,
            side=side,
        )

        cancel_order_report.additional_properties = d
        return cancel_order_report

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
