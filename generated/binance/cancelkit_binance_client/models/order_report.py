from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderReport")


@_attrs_define
class OrderReport:
    """An order as `GET /api/v3/order` and `GET /api/v3/openOrders` report it (rest-api.md, Query order):
    `{"symbol":"LTCBTC","orderId":1,"orderListId":-1,"clientOrderId":"myOrder1","price":"0.1","origQty":"1.0",
    "executedQty":"0.0","cummulativeQuoteQty":"0.0","status":"NEW","timeInForce":"GTC","type":"LIMIT","side":"BUY",
    "stopPrice":"0.0","icebergQty":"0.0","time":1499827319559,"updateTime":1499827319559,"isWorking":true,
    "workingTime":1499827319559,"origQuoteOrderQty":"0.000000","selfTradePreventionMode":"NONE"}`, and the
    conditional fields of "Conditional fields in order responses" when their condition holds. Only the fields a
    resolution needs are required; the rest of the sample may be absent without the answer being unreadable.

        Attributes:
            symbol (str):
            order_id (int):
            order_list_id (int): -1 unless the order is part of an order list.
            client_order_id (str): The client id the order was placed with.
            price (str): An exact decimal, sent as a string.
            orig_qty (str): An exact decimal, sent as a string.
            executed_qty (str): An exact decimal, sent as a string.
            cummulative_quote_qty (str): An exact decimal, sent as a string.
            status (str): NEW, PENDING_NEW, PARTIALLY_FILLED (open); FILLED, CANCELED, REJECTED, EXPIRED, EXPIRED_IN_MATCH
                (final);
                PENDING_CANCEL (unused). A string so that a new status does not break parsing.
            time_in_force (str): GTC, IOC, FOK.
            type_ (str): LIMIT, MARKET, STOP_LOSS, STOP_LOSS_LIMIT, TAKE_PROFIT, TAKE_PROFIT_LIMIT, LIMIT_MAKER.
            side (str): BUY or SELL.
            time (int): When the order was placed: milliseconds, or microseconds with the X-MBX-TIME-UNIT header.
            update_time (int): When the order last changed: milliseconds, or microseconds with the X-MBX-TIME-UNIT header.
            stop_price (str | Unset): An exact decimal, sent as a string.
            iceberg_qty (str | Unset): An exact decimal, sent as a string.
            is_working (bool | Unset): Whether the order is on the book (false for a pending leg of a list).
            working_time (int | Unset): When the order went on the book; -1 while pending.
            orig_quote_order_qty (str | Unset): An exact decimal, sent as a string.
            self_trade_prevention_mode (str | Unset):
            prevented_match_id (int | Unset): Only if the order expired due to STP.
            prevented_quantity (str | Unset): An exact decimal, sent as a string.
            strategy_id (int | Unset):
            strategy_type (int | Unset):
            trailing_delta (int | Unset):
            trailing_time (int | Unset):
            used_sor (bool | Unset):
            working_floor (str | Unset):
            peg_price_type (str | Unset):
            peg_offset_type (str | Unset):
            peg_offset_value (int | Unset):
            pegged_price (str | Unset): An exact decimal, sent as a string.
            expiry_reason (str | Unset):
    """

    symbol: str
    order_id: int
    order_list_id: int
    client_order_id: str
    price: str
    orig_qty: str
    executed_qty: str
    cummulative_quote_qty: str
    status: str
    time_in_force: str
    type_: str
    side: str
    time: int
    update_time: int
    stop_price: str | Unset = UNSET
    iceberg_qty: str | Unset = UNSET
    is_working: bool | Unset = UNSET
    working_time: int | Unset = UNSET
    orig_quote_order_qty: str | Unset = UNSET
    self_trade_prevention_mode: str | Unset = UNSET
    prevented_match_id: int | Unset = UNSET
    prevented_quantity: str | Unset = UNSET
    strategy_id: int | Unset = UNSET
    strategy_type: int | Unset = UNSET
    trailing_delta: int | Unset = UNSET
    trailing_time: int | Unset = UNSET
    used_sor: bool | Unset = UNSET
    working_floor: str | Unset = UNSET
    peg_price_type: str | Unset = UNSET
    peg_offset_type: str | Unset = UNSET
    peg_offset_value: int | Unset = UNSET
    pegged_price: str | Unset = UNSET
    expiry_reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        order_id = self.order_id

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

        time = self.time

        update_time = self.update_time

        stop_price = self.stop_price

        iceberg_qty = self.iceberg_qty

        is_working = self.is_working

        working_time = self.working_time

        orig_quote_order_qty = self.orig_quote_order_qty

        self_trade_prevention_mode = self.self_trade_prevention_mode

        prevented_match_id = self.prevented_match_id

        prevented_quantity = self.prevented_quantity

        strategy_id = self.strategy_id

        strategy_type = self.strategy_type

        trailing_delta = self.trailing_delta

        trailing_time = self.trailing_time

        used_sor = self.used_sor

        working_floor = self.working_floor

        peg_price_type = self.peg_price_type

        peg_offset_type = self.peg_offset_type

        peg_offset_value = self.peg_offset_value

        pegged_price = self.pegged_price

        expiry_reason = self.expiry_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "symbol": symbol,
                "orderId": order_id,
                "orderListId": order_list_id,
                "clientOrderId": client_order_id,
                "price": price,
                "origQty": orig_qty,
                "executedQty": executed_qty,
                "cummulativeQuoteQty": cummulative_quote_qty,
                "status": status,
                "timeInForce": time_in_force,
                "type": type_,
                "side": side,
                "time": time,
                "updateTime": update_time,
            }
        )
        if stop_price is not UNSET:
            field_dict["stopPrice"] = stop_price
        if iceberg_qty is not UNSET:
            field_dict["icebergQty"] = iceberg_qty
        if is_working is not UNSET:
            field_dict["isWorking"] = is_working
        if working_time is not UNSET:
            field_dict["workingTime"] = working_time
        if orig_quote_order_qty is not UNSET:
            field_dict["origQuoteOrderQty"] = orig_quote_order_qty
        if self_trade_prevention_mode is not UNSET:
            field_dict["selfTradePreventionMode"] = self_trade_prevention_mode
        if prevented_match_id is not UNSET:
            field_dict["preventedMatchId"] = prevented_match_id
        if prevented_quantity is not UNSET:
            field_dict["preventedQuantity"] = prevented_quantity
        if strategy_id is not UNSET:
            field_dict["strategyId"] = strategy_id
        if strategy_type is not UNSET:
            field_dict["strategyType"] = strategy_type
        if trailing_delta is not UNSET:
            field_dict["trailingDelta"] = trailing_delta
        if trailing_time is not UNSET:
            field_dict["trailingTime"] = trailing_time
        if used_sor is not UNSET:
            field_dict["usedSor"] = used_sor
        if working_floor is not UNSET:
            field_dict["workingFloor"] = working_floor
        if peg_price_type is not UNSET:
            field_dict["pegPriceType"] = peg_price_type
        if peg_offset_type is not UNSET:
            field_dict["pegOffsetType"] = peg_offset_type
        if peg_offset_value is not UNSET:
            field_dict["pegOffsetValue"] = peg_offset_value
        if pegged_price is not UNSET:
            field_dict["peggedPrice"] = pegged_price
        if expiry_reason is not UNSET:
            field_dict["expiryReason"] = expiry_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        symbol = d.pop("symbol")

        order_id = d.pop("orderId")

        order_list_id = d.pop("orderListId")

        client_order_id = d.pop("clientOrderId")

        price = d.pop("price")

        orig_qty = d.pop("origQty")

        executed_qty = d.pop("executedQty")

        cummulative_quote_qty = d.pop("cummulativeQuoteQty")

        status = d.pop("status")

        time_in_force = d.pop("timeInForce")

        type_ = d.pop("type")

        side = d.pop("side")

        time = d.pop("time")

        update_time = d.pop("updateTime")

        stop_price = d.pop("stopPrice", UNSET)

        iceberg_qty = d.pop("icebergQty", UNSET)

        is_working = d.pop("isWorking", UNSET)

        working_time = d.pop("workingTime", UNSET)

        orig_quote_order_qty = d.pop("origQuoteOrderQty", UNSET)

        self_trade_prevention_mode = d.pop("selfTradePreventionMode", UNSET)

        prevented_match_id = d.pop("preventedMatchId", UNSET)

        prevented_quantity = d.pop("preventedQuantity", UNSET)

        strategy_id = d.pop("strategyId", UNSET)

        strategy_type = d.pop("strategyType", UNSET)

        trailing_delta = d.pop("trailingDelta", UNSET)

        trailing_time = d.pop("trailingTime", UNSET)

        used_sor = d.pop("usedSor", UNSET)

        working_floor = d.pop("workingFloor", UNSET)

        peg_price_type = d.pop("pegPriceType", UNSET)

        peg_offset_type = d.pop("pegOffsetType", UNSET)

        peg_offset_value = d.pop("pegOffsetValue", UNSET)

        pegged_price = d.pop("peggedPrice", UNSET)

        expiry_reason = d.pop("expiryReason", UNSET)

        order_report = cls(
            symbol=symbol,
            order_id=order_id,
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
            time=time,
            update_time=update_time,
            stop_price=stop_price,
            iceberg_qty=iceberg_qty,
            is_working=is_working,
            working_time=working_time,
            orig_quote_order_qty=orig_quote_order_qty,
            self_trade_prevention_mode=self_trade_prevention_mode,
            prevented_match_id=prevented_match_id,
            prevented_quantity=prevented_quantity,
            strategy_id=strategy_id,
            strategy_type=strategy_type,
            trailing_delta=trailing_delta,
            trailing_time=trailing_time,
            used_sor=used_sor,
            working_floor=working_floor,
            peg_price_type=peg_price_type,
            peg_offset_type=peg_offset_type,
            peg_offset_value=peg_offset_value,
            pegged_price=pegged_price,
            expiry_reason=expiry_reason,
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
