from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderReport")


@_attrs_define
class OrderReport:
    """An order as `GET /api/v3/order` and `GET /api/v3/openOrders` report it. MEXC's documents show Binance's object
    with integers (`"orderId":1,"orderListId":-1,...,"time":1499827319559,"updateTime":1499827319559,"isWorking":true,
    "origQuoteOrderQty":"0.000000"`, and `Qty` for `origQty`); ccxt's recorded answer is
    `{"symbol":"BTCUSDT","orderId":"133734823834147272","orderListId":"-1","clientOrderId":null,"price":"30000",
    "origQty":"0.0002","executedQty":"0","cummulativeQuoteQty":"0","status":"CANCELED","timeInForce":null,
    "type":"LIMIT","side":"BUY","stopPrice":null,"icebergQty":null,"time":"1647667102000",
    "updateTime":"1647708567000","isWorking":true,"origQuoteOrderQty":"6"}`; the live open-orders page adds `stpMode`
    and `cancelReason`. So ids and times may be numbers or strings, and every field but `symbol`, `orderId` and
    `status` may be null or absent. Order ids are strings such as `C02__342252993005723644225`: never read them as
    numbers.

        Attributes:
            symbol (str):
            order_id (int | str): The exchange's order id. MEXC documents it as a string, but its documents' examples show a
                JSON number too;
                both are accepted and kept exact.
            status (str): NEW, PARTIALLY_FILLED (open); FILLED, CANCELED, PARTIALLY_CANCELED (final). A string so that a new
                status
                does not break parsing.
            order_list_id (int | None | str | Unset): -1 (or "-1") unless the order is part of an OCO.
            client_order_id (None | str | Unset): A string, or null where MEXC has no value.
            price (None | str | Unset): An exact decimal, sent as a string, or null where MEXC has no value.
            orig_qty (None | str | Unset): An exact decimal, sent as a string, or null where MEXC has no value.
            qty (None | str | Unset): An exact decimal, sent as a string, or null where MEXC has no value.
            executed_qty (None | str | Unset): An exact decimal, sent as a string, or null where MEXC has no value.
            cummulative_quote_qty (None | str | Unset): An exact decimal, sent as a string, or null where MEXC has no value.
            time_in_force (None | str | Unset): A string, or null where MEXC has no value.
            type_ (None | str | Unset): A string, or null where MEXC has no value.
            side (None | str | Unset): A string, or null where MEXC has no value.
            stop_price (None | str | Unset): An exact decimal, sent as a string, or null where MEXC has no value.
            iceberg_qty (None | str | Unset): An exact decimal, sent as a string, or null where MEXC has no value.
            time (int | None | str | Unset): When the order was placed, in milliseconds since the epoch, as a number or a
                string.
            update_time (int | None | str | Unset): When the order last changed, in milliseconds since the epoch, as a
                number or a string; null when never.
            is_working (bool | None | Unset):
            orig_quote_order_qty (None | str | Unset): An exact decimal, sent as a string, or null where MEXC has no value.
            stp_mode (None | str | Unset): A string, or null where MEXC has no value.
            cancel_reason (None | str | Unset): A string, or null where MEXC has no value.
    """

    symbol: str
    order_id: int | str
    status: str
    order_list_id: int | None | str | Unset = UNSET
    client_order_id: None | str | Unset = UNSET
    price: None | str | Unset = UNSET
    orig_qty: None | str | Unset = UNSET
    qty: None | str | Unset = UNSET
    executed_qty: None | str | Unset = UNSET
    cummulative_quote_qty: None | str | Unset = UNSET
    time_in_force: None | str | Unset = UNSET
    type_: None | str | Unset = UNSET
    side: None | str | Unset = UNSET
    stop_price: None | str | Unset = UNSET
    iceberg_qty: None | str | Unset = UNSET
    time: int | None | str | Unset = UNSET
    update_time: int | None | str | Unset = UNSET
    is_working: bool | None | Unset = UNSET
    orig_quote_order_qty: None | str | Unset = UNSET
    stp_mode: None | str | Unset = UNSET
    cancel_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        order_id: int | str
        order_id = self.order_id

        status = self.status

        order_list_id: int | None | str | Unset
        if isinstance(self.order_list_id, Unset):
            order_list_id = UNSET
        else:
            order_list_id = self.order_list_id

        client_order_id: None | str | Unset
        if isinstance(self.client_order_id, Unset):
            client_order_id = UNSET
        else:
            client_order_id = self.client_order_id

        price: None | str | Unset
        if isinstance(self.price, Unset):
            price = UNSET
        else:
            price = self.price

        orig_qty: None | str | Unset
        if isinstance(self.orig_qty, Unset):
            orig_qty = UNSET
        else:
            orig_qty = self.orig_qty

        qty: None | str | Unset
        if isinstance(self.qty, Unset):
            qty = UNSET
        else:
            qty = self.qty

        executed_qty: None | str | Unset
        if isinstance(self.executed_qty, Unset):
            executed_qty = UNSET
        else:
            executed_qty = self.executed_qty

        cummulative_quote_qty: None | str | Unset
        if isinstance(self.cummulative_quote_qty, Unset):
            cummulative_quote_qty = UNSET
        else:
            cummulative_quote_qty = self.cummulative_quote_qty

        time_in_force: None | str | Unset
        if isinstance(self.time_in_force, Unset):
            time_in_force = UNSET
        else:
            time_in_force = self.time_in_force

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        side: None | str | Unset
        if isinstance(self.side, Unset):
            side = UNSET
        else:
            side = self.side

        stop_price: None | str | Unset
        if isinstance(self.stop_price, Unset):
            stop_price = UNSET
        else:
            stop_price = self.stop_price

        iceberg_qty: None | str | Unset
        if isinstance(self.iceberg_qty, Unset):
            iceberg_qty = UNSET
        else:
            iceberg_qty = self.iceberg_qty

        time: int | None | str | Unset
        if isinstance(self.time, Unset):
            time = UNSET
        else:
            time = self.time

        update_time: int | None | str | Unset
        if isinstance(self.update_time, Unset):
            update_time = UNSET
        else:
            update_time = self.update_time

        is_working: bool | None | Unset
        if isinstance(self.is_working, Unset):
            is_working = UNSET
        else:
            is_working = self.is_working

        orig_quote_order_qty: None | str | Unset
        if isinstance(self.orig_quote_order_qty, Unset):
            orig_quote_order_qty = UNSET
        else:
            orig_quote_order_qty = self.orig_quote_order_qty

        stp_mode: None | str | Unset
        if isinstance(self.stp_mode, Unset):
            stp_mode = UNSET
        else:
            stp_mode = self.stp_mode

        cancel_reason: None | str | Unset
        if isinstance(self.cancel_reason, Unset):
            cancel_reason = UNSET
        else:
            cancel_reason = self.cancel_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "symbol": symbol,
                "orderId": order_id,
                "status": status,
            }
        )
        if order_list_id is not UNSET:
            field_dict["orderListId"] = order_list_id
        if client_order_id is not UNSET:
            field_dict["clientOrderId"] = client_order_id
        if price is not UNSET:
            field_dict["price"] = price
        if orig_qty is not UNSET:
            field_dict["origQty"] = orig_qty
        if qty is not UNSET:
            field_dict["Qty"] = qty
        if executed_qty is not UNSET:
            field_dict["executedQty"] = executed_qty
        if cummulative_quote_qty is not UNSET:
            field_dict["cummulativeQuoteQty"] = cummulative_quote_qty
        if time_in_force is not UNSET:
            field_dict["timeInForce"] = time_in_force
        if type_ is not UNSET:
            field_dict["type"] = type_
        if side is not UNSET:
            field_dict["side"] = side
        if stop_price is not UNSET:
            field_dict["stopPrice"] = stop_price
        if iceberg_qty is not UNSET:
            field_dict["icebergQty"] = iceberg_qty
        if time is not UNSET:
            field_dict["time"] = time
        if update_time is not UNSET:
            field_dict["updateTime"] = update_time
        if is_working is not UNSET:
            field_dict["isWorking"] = is_working
        if orig_quote_order_qty is not UNSET:
            field_dict["origQuoteOrderQty"] = orig_quote_order_qty
        if stp_mode is not UNSET:
            field_dict["stpMode"] = stp_mode
        if cancel_reason is not UNSET:
            field_dict["cancelReason"] = cancel_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        symbol = d.pop("symbol")

        def _parse_order_id(data: object) -> int | str:
            return cast(int | str, data)

        order_id = _parse_order_id(d.pop("orderId"))

        status = d.pop("status")

        def _parse_order_list_id(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        order_list_id = _parse_order_list_id(d.pop("orderListId", UNSET))

        def _parse_client_order_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_order_id = _parse_client_order_id(d.pop("clientOrderId", UNSET))

        def _parse_price(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        price = _parse_price(d.pop("price", UNSET))

        def _parse_orig_qty(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        orig_qty = _parse_orig_qty(d.pop("origQty", UNSET))

        def _parse_qty(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        qty = _parse_qty(d.pop("Qty", UNSET))

        def _parse_executed_qty(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        executed_qty = _parse_executed_qty(d.pop("executedQty", UNSET))

        def _parse_cummulative_quote_qty(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cummulative_quote_qty = _parse_cummulative_quote_qty(d.pop("cummulativeQuoteQty", UNSET))

        def _parse_time_in_force(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_in_force = _parse_time_in_force(d.pop("timeInForce", UNSET))

        def _parse_type_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_side(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        side = _parse_side(d.pop("side", UNSET))

        def _parse_stop_price(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stop_price = _parse_stop_price(d.pop("stopPrice", UNSET))

        def _parse_iceberg_qty(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        iceberg_qty = _parse_iceberg_qty(d.pop("icebergQty", UNSET))

        def _parse_time(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        time = _parse_time(d.pop("time", UNSET))

        def _parse_update_time(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        update_time = _parse_update_time(d.pop("updateTime", UNSET))

        def _parse_is_working(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_working = _parse_is_working(d.pop("isWorking", UNSET))

        def _parse_orig_quote_order_qty(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        orig_quote_order_qty = _parse_orig_quote_order_qty(d.pop("origQuoteOrderQty", UNSET))

        def _parse_stp_mode(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stp_mode = _parse_stp_mode(d.pop("stpMode", UNSET))

        def _parse_cancel_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cancel_reason = _parse_cancel_reason(d.pop("cancelReason", UNSET))

        order_report = cls(
            symbol=symbol,
            order_id=order_id,
            status=status,
            order_list_id=order_list_id,
            client_order_id=client_order_id,
            price=price,
            orig_qty=orig_qty,
            qty=qty,
            executed_qty=executed_qty,
            cummulative_quote_qty=cummulative_quote_qty,
            time_in_force=time_in_force,
            type_=type_,
            side=side,
            stop_price=stop_price,
            iceberg_qty=iceberg_qty,
            time=time,
            update_time=update_time,
            is_working=is_working,
            orig_quote_order_qty=orig_quote_order_qty,
            stp_mode=stp_mode,
            cancel_reason=cancel_reason,
        )

        order_report.additional_properties = d
        return order_report

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
