from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_details import OrderDetails


T = TypeVar("T", bound="GetOrderEnvelope")


@_attrs_define
class GetOrderEnvelope:
    """
    Attributes:
        code (Literal[0]): 0 is success.
        data (OrderDetails): An order as the query and the open-orders listing report it (docs-v3): `{"symbol":"BRG-
            USDT",
            "orderId":1735965009395131234,"price":"0.0005027","StopPrice":"0","origQty":"4038","executedQty":"0",
            "cummulativeQuoteQty":"0","status":"PENDING","type":"LIMIT","side":"BUY","time":1702721285567,
            "updateTime":1702721285567,"origQuoteOrderQty":"0","fee":"0","feeAsset":"BRG","avgPrice":"0.0005028"}`. The
            samples write `StopPrice` where the field table says `stopPrice`: both are read. `orderId` is a bare JSON
            integer
            above 2^53 (the documents' bundle rounds it as a JS number; real answers do not). `fee` is a string in the
            query's sample and a number in the listing's.
        msg (str | Unset):
        debug_msg (str | Unset):
    """

    code: Literal[0]
    data: OrderDetails
    msg: str | Unset = UNSET
    debug_msg: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        data = self.data.to_dict()

        msg = self.msg

        debug_msg = self.debug_msg

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "data": data,
            }
        )
        if msg is not UNSET:
            field_dict["msg"] = msg
        if debug_msg is not UNSET:
            field_dict["debugMsg"] = debug_msg

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_details import OrderDetails  # noqa: PLC0415

        d = dict(src_dict)
        code = cast(Literal[0], d.pop("code"))
        if code != 0:
            raise ValueError(f"code must match const 0, got '{code}'")

        data = OrderDetails.from_dict(d.pop("data"))

        msg = d.pop("msg", UNSET)

        debug_msg = d.pop("debugMsg", UNSET)

        get_order_envelope = cls(
            code=code,
            data=data,
            msg=msg,
            debug_msg=debug_msg,
        )

        get_order_envelope.additional_properties = d
        return get_order_envelope

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
