from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CancelAllAfterData")


@_attrs_define
class CancelAllAfterData:
    """`{"triggerTime":1710389137,"status":"ACTIVATED","note":"All your spot pending orders will be closed automatically
    at 2024-03-14 04:05:37 UTC(+0),before that you can cancel the timer, or extend triggerTime time by this
    request"}` (docs-v3).

        Attributes:
            trigger_time (int | str): When the open orders will be canceled. **Its unit is disputed:** every sample is in
                seconds since the
                epoch (docs-v3's `1710389137` is its note's 04:05:37 UTC; ccxt's recorded swap answer is the string
                `"1712645434"`), while api-ai-skills says "Timestamp (ms) ... `0` when closed". A number or a string of
                digits; read 10 digits as seconds and 13 as milliseconds. 0 when the switch is closed.
            status (str): ACTIVATED (the countdown runs), CLOSED (stopped), FAILED (not done).
            note (str | Unset): What BingX did, in words, with the trigger time in UTC.
    """

    trigger_time: int | str
    status: str
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        trigger_time: int | str
        trigger_time = self.trigger_time

        status = self.status

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "triggerTime": trigger_time,
                "status": status,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_trigger_time(data: object) -> int | str:
            return cast(int | str, data)

        trigger_time = _parse_trigger_time(d.pop("triggerTime"))

        status = d.pop("status")

        note = d.pop("note", UNSET)

        cancel_all_after_data = cls(
            trigger_time=trigger_time,
            status=status,
            note=note,
        )

        cancel_all_after_data.additional_properties = d
        return cancel_all_after_data

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
