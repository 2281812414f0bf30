from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SpotOrder")


@_attrs_define
class SpotOrder:
    """A canceled order.

    Attributes:
        symbol (str):
        order_id (int):
        status (str): NEW, PENDING, PARTIALLY_FILLED, FILLED, CANCELED, FAILED.
        transact_time (int | Unset):
        price (str | Unset): An exact decimal, sent as a string.
        stop_price (str | Unset): An exact decimal, sent as a string.
        orig_qty (str | Unset): An exact decimal, sent as a string.
        executed_qty (str | Unset): An exact decimal, sent as a string.
        cummulative_quote_qty (str | Unset): An exact decimal, sent as a string.
        type_ (str | Unset): MARKET, LIMIT, TAKE_STOP_LIMIT, TAKE_STOP_MARKET, TRIGGER_LIMIT, TRIGGER_MARKET.
        side (str | Unset): BUY or SELL.
        client_order_id (str | Unset):
    """

    symbol: str
    order_id: int
    status: str
    transact_time: int | Unset = UNSET
    price: str | Unset = UNSET
    stop_price: str | Unset = UNSET
    orig_qty: str | Unset = UNSET
    executed_qty: str | Unset = UNSET
    cummulative_quote_qty: str | Unset = UNSET
    type_: str | Unset = UNSET
    side: str | Unset = UNSET
    client_order_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        order_id = self.order_id

        status = self.status

        transact_time = self.transact_time

        price = self.price

        stop_price = self.stop_price

        orig_qty = self.orig_qty

        executed_qty = self.executed_qty

        cummulative_quote_qty = self.cummulative_quote_qty

        type_ = self.type_

        side = self.side

        client_order_id = self.client_order_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "symbol": symbol,
                "orderId": order_id,
                "status": status,
            }
        )
        if transact_time is not UNSET:
            field_dict["transactTime"] = transact_time
        if price is not UNSET:
            field_dict["price"] = price
        if stop_price is not UNSET:
            field_dict["stopPrice"] = stop_price
        if orig_qty is not UNSET:
            field_dict["origQty"] = orig_qty
        if executed_qty is not UNSET:
            field_dict["executedQty"] = executed_qty
        if cummulative_quote_qty is not UNSET:
            field_dict["cummulativeQuoteQty"] = cummulative_quote_qty
        if type_ is not UNSET:
            field_dict["type"] = type_
        if side is not UNSET:
            field_dict["side"] = side
        if client_order_id is not UNSET:
            field_dict["clientOrderID"] = client_order_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        symbol = d.pop("symbol")

        order_id = d.pop("orderId")

        status = d.pop("status")

        transact_time = d.pop("transactTime", UNSET)

        price = d.pop("price", UNSET)

        stop_price = d.pop("stopPrice", UNSET)

        orig_qty = d.pop("origQty", UNSET)

        executed_qty = d.pop("executedQty", UNSET)

        cummulative_quote_qty = d.pop("cummulativeQuoteQty", UNSET)

        type_ = d.pop("type", UNSET)

        side = d.pop("side", UNSET)

        client_order_id = d.pop("clientOrderID", UNSET)

        spot_order = cls(
            symbol=symbol,
            order_id=order_id,
            status=status,
            transact_time=transact_time,
            price=price,
            stop_price=stop_price,
            orig_qty=orig_qty,
            executed_qty=executed_qty,
            cummulative_quote_qty=cummulative_quote_qty,
            type_=type_,
            side=side,
            client_order_id=client_order_id,
        )

        spot_order.additional_properties = d
        return spot_order

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
