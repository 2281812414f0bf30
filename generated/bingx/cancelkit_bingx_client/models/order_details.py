from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderDetails")


@_attrs_define
class OrderDetails:
    """An order as the query and the open-orders listing report it (docs-v3): `{"symbol":"BRG-USDT",
    "orderId":1735965009395131234,"price":"0.0005027","StopPrice":"0","origQty":"4038","executedQty":"0",
    "cummulativeQuoteQty":"0","status":"PENDING","type":"LIMIT","side":"BUY","time":1702721285567,
    "updateTime":1702721285567,"origQuoteOrderQty":"0","fee":"0","feeAsset":"BRG","avgPrice":"0.0005028"}`. The
    samples write `StopPrice` where the field table says `stopPrice`: both are read. `orderId` is a bare JSON integer
    above 2^53 (the documents' bundle rounds it as a JS number; real answers do not). `fee` is a string in the
    query's sample and a number in the listing's.

        Attributes:
            symbol (str):
            order_id (int):
            status (str): NEW, PENDING, PARTIALLY_FILLED (open); FILLED, CANCELED, FAILED (final).
            price (str | Unset): An exact decimal, sent as a string.
            stopPrice (str | Unset): An exact decimal, sent as a string.
            StopPrice (str | Unset): An exact decimal, sent as a string.
            orig_qty (str | Unset): An exact decimal, sent as a string.
            executed_qty (str | Unset): An exact decimal, sent as a string.
            cummulative_quote_qty (str | Unset): An exact decimal, sent as a string.
            type_ (str | Unset): MARKET, LIMIT, TAKE_STOP_LIMIT, TAKE_STOP_MARKET, TRIGGER_LIMIT, TRIGGER_MARKET.
            side (str | Unset): BUY or SELL.
            time (int | Unset): When the order was placed
            update_time (int | Unset): When the order last changed
            orig_quote_order_qty (str | Unset): An exact decimal, sent as a string.
            fee (float | str | Unset): The fee paid: a decimal string in the query's sample (`"fee":"0"`), a JSON number in
                the listing's
                (`"fee":0`). The one field that may arrive as a JSON number with a fraction: read it from `raw` exactly.
            fee_asset (str | Unset):
            avg_price (str | Unset): An exact decimal, sent as a string.
            client_order_id (str | Unset): The client id the order was placed with.
    """

    symbol: str
    order_id: int
    status: str
    price: str | Unset = UNSET
    stopPrice: str | Unset = UNSET
    StopPrice: str | Unset = UNSET
    orig_qty: str | Unset = UNSET
    executed_qty: str | Unset = UNSET
    cummulative_quote_qty: str | Unset = UNSET
    type_: str | Unset = UNSET
    side: str | Unset = UNSET
    time: int | Unset = UNSET
    update_time: int | Unset = UNSET
    orig_quote_order_qty: str | Unset = UNSET
    fee: float | str | Unset = UNSET
    fee_asset: str | Unset = UNSET
    avg_price: str | Unset = UNSET
    client_order_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        order_id = self.order_id

        status = self.status

        price = self.price

        stopPrice = self.stopPrice

        StopPrice = self.StopPrice

        orig_qty = self.orig_qty

        executed_qty = self.executed_qty

        cummulative_quote_qty = self.cummulative_quote_qty

        type_ = self.type_

        side = self.side

        time = self.time

        update_time = self.update_time

        orig_quote_order_qty = self.orig_quote_order_qty

        fee: float | str | Unset
        if isinstance(self.fee, Unset):
            fee = UNSET
        else:
            fee = self.fee

        fee_asset = self.fee_asset

        avg_price = self.avg_price

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
        if price is not UNSET:
            field_dict["price"] = price
        if stopPrice is not UNSET:
            field_dict["stopPrice"] = stopPrice
        if StopPrice is not UNSET:
            field_dict["StopPrice"] = StopPrice
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
        if time is not UNSET:
            field_dict["time"] = time
        if update_time is not UNSET:
            field_dict["updateTime"] = update_time
        if orig_quote_order_qty is not UNSET:
            field_dict["origQuoteOrderQty"] = orig_quote_order_qty
        if fee is not UNSET:
            field_dict["fee"] = fee
        if fee_asset is not UNSET:
            field_dict["feeAsset"] = fee_asset
        if avg_price is not UNSET:
            field_dict["avgPrice"] = avg_price
        if client_order_id is not UNSET:
            field_dict["clientOrderID"] = client_order_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        symbol = d.pop("symbol")

        order_id = d.pop("orderId")

        status = d.pop("status")

        price = d.pop("price", UNSET)

        stopPrice = d.pop("stopPrice", UNSET)

        StopPrice = d.pop("StopPrice", UNSET)

        orig_qty = d.pop("origQty", UNSET)

        executed_qty = d.pop("executedQty", UNSET)

        cummulative_quote_qty = d.pop("cummulativeQuoteQty", UNSET)

        type_ = d.pop("type", UNSET)

        side = d.pop("side", UNSET)

        time = d.pop("time", UNSET)

        update_time = d.pop("updateTime", UNSET)

        orig_quote_order_qty = d.pop("origQuoteOrderQty", UNSET)

        def _parse_fee(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        fee = _parse_fee(d.pop("fee", UNSET))

        fee_asset = d.pop("feeAsset", UNSET)

        avg_price = d.pop("avgPrice", UNSET)

        client_order_id = d.pop("clientOrderID", UNSET)

        order_details = cls(
            symbol=symbol,
            order_id=order_id,
            status=status,
            price=price,
            stopPrice=stopPrice,
            StopPrice=StopPrice,
            orig_qty=orig_qty,
            executed_qty=executed_qty,
            cummulative_quote_qty=cummulative_quote_qty,
            type_=type_,
            side=side,
            time=time,
            update_time=update_time,
            orig_quote_order_qty=orig_quote_order_qty,
            fee=fee,
            fee_asset=fee_asset,
            avg_price=avg_price,
            client_order_id=client_order_id,
        )

        order_details.additional_properties = d
        return order_details

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
