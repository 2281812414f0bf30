from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ApiError")


@_attrs_define
class ApiError:
    """
    Attributes:
        code (int): Binance's error code: -1003 too many requests, -1006 and -1007 execution status unknown, -1015 too
            many
            orders, -1021 timestamp outside recvWindow, -1022 invalid signature, -1102 mandatory parameter missing,
            -1145 invalid cancelRestrictions, -2011 cancel rejected (unknown order, cancel restrictions), -2013 no such
            order, -2014 and -2015 bad API key, -2026 order archived (a query of an order closed with nothing executed
            over 90 days ago), -2039 client order id not that of the order id (a query naming both). How cancelkit
            reads them: `x-cancelkit-errors`.
        msg (str): What went wrong. Codes are universal; messages vary.
    """

    code: int
    msg: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        msg = self.msg

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "msg": msg,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        msg = d.pop("msg")

        api_error = cls(
            code=code,
            msg=msg,
        )

        api_error.additional_properties = d
        return api_error

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
