from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BingxError")


@_attrs_define
class BingxError:
    """A business error: `code` is not 0. Known codes: 100001 signature verification failed, 100004 permission denied,
    100400 invalid parameter (or "order does not exist"), 100404 order does not exist, 100410 rate limited,
    100412 null signature, 100413 incorrect API key, 100419 IP not whitelisted, 100421 timestamp mismatch,
    100500 internal error, 100204 requested data not found, 100490 spot pair offline, 109421 order does not exist
    (ccxt), 80012 service unavailable, 80014 invalid timestamp or parameter, 80016 order does not exist, 80017
    position does not exist, 80018 order already filled, 80019 order is being processed. How cancelkit reads them:
    `x-cancelkit-errors`.

        Attributes:
            code (int): Never 0, which is success; this keeps the 200 responses' `oneOf` unambiguous.
            msg (str | Unset):
            debug_msg (str | Unset):
            timestamp (int | Unset):
            success (bool | Unset):
    """

    code: int
    msg: str | Unset = UNSET
    debug_msg: str | Unset = UNSET
    timestamp: int | Unset = UNSET
    success: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        msg = self.msg

        debug_msg = self.debug_msg

        timestamp = self.timestamp

        success = self.success

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
            }
        )
        if msg is not UNSET:
            field_dict["msg"] = msg
        if debug_msg is not UNSET:
            field_dict["debugMsg"] = debug_msg
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if success is not UNSET:
            field_dict["success"] = success

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        msg = d.pop("msg", UNSET)

        debug_msg = d.pop("debugMsg", UNSET)

        timestamp = d.pop("timestamp", UNSET)

        success = d.pop("success", UNSET)

        bingx_error = cls(
            code=code,
            msg=msg,
            debug_msg=debug_msg,
            timestamp=timestamp,
            success=success,
        )

        bingx_error.additional_properties = d
        return bingx_error

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
