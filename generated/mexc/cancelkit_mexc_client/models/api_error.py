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
        code (int): MEXC's error code: -2011 unknown order, 700001 API-key format invalid, 700002 invalid signature,
            700003 timestamp
            outside recvWindow, 700004 mandatory parameter missing, 700005 recvWindow too large, 700006 IP not
            whitelisted, 700007 no permission, 10072 invalid access key, 10073 invalid Request-Time, 70011 pair user ban
            trade apikey, 602 signature verification failed, 400 api key required, 401 no authority, 26 operation not
            allowed, 429 too many requests, 22222 record does not exist; -2013 order does not exist (observed from the
            order query, not in the table). How cancelkit reads them: `x-cancelkit-errors`.
        msg (str):
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
