"""Arguments checked against the spec: each operation's parameters, their types and constraints, as the generator
wrote them into the venue's `venue_facts` module. A facade argument and a caller's extra `params` go through the same
check, before anything is sent."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from types import ModuleType
from typing import Any

from .._errors import InvalidArgument

_DIGITS = re.compile(r"-?(0|[1-9][0-9]*)")  # ASCII only: str.isdigit() takes other scripts' digits too
_INT64 = (-(2**63), 2**63 - 1)


@functools.cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


class SpecRules:
    """The parameters of one venue's operations, from its venue_facts module."""

    def __init__(self, facts: ModuleType) -> None:
        self.facts = facts
        self.venue: str = facts.VENUE
        # (operation, wire name) -> parameter: looked up for every argument of every cancel.
        self._parameters: dict[tuple[str, str], Any] = {
            (operation_id, parameter.name): parameter
            for operation_id, operation in facts.OPERATIONS.items()
            for parameter in operation.parameters
        }

    def operation(self, operation_id: str) -> Any:
        return self.facts.OPERATIONS[operation_id]

    def parameter(self, operation_id: str, name: str) -> Any:
        try:
            return self._parameters[operation_id, name]
        except KeyError:
            raise KeyError(f"{self.venue} {operation_id} has no parameter {name!r}") from None

    def has(self, operation_id: str, name: str) -> bool:
        return (operation_id, name) in self._parameters

    def check(
        self, operation_id: str, name: str, value: object, label: str | None = None, *, ids: bool = True
    ) -> tuple[str, object]:
        """The generated function's keyword for parameter `name`, and `value` as it is sent; InvalidArgument when
        the spec's type or constraints refuse it. `label`: how the caller named it (the facade's argument). `ids`:
        an int is taken for a string parameter (an order id that a venue types as a string)."""
        parameter = self.parameter(operation_id, name)
        return parameter.keyword, self.value(parameter, value, label or name, ids=ids)

    def value(self, parameter: Any, value: object, label: str, *, ids: bool = True) -> object:
        kind = parameter.type if isinstance(parameter.type, str) else "string"
        rules = parameter.constraints
        if kind == "integer":
            sent: object = self._integer(value, label, rules)
        elif kind == "boolean":
            if not isinstance(value, bool):
                raise InvalidArgument(f"{label} must be True or False, got {_shown(value)}", venue=self.venue)
            sent = value
        elif parameter.format == "decimal" or kind == "number":
            sent = self._decimal(value, label)
        else:
            sent = self._string(value, label, rules, ids=ids)
        if rules.enum is not None and sent not in rules.enum:
            allowed = ", ".join(map(str, rules.enum))
            raise InvalidArgument(
                f"{label} must be one of {allowed} on {self.venue}, got {_shown(value)}", venue=self.venue
            )
        return sent

    def _integer(self, value: object, label: str, rules: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise InvalidArgument(
                f"{label} must be an integer or a string of digits, got {_shown(value)}", venue=self.venue
            )
        if isinstance(value, str):
            if not _DIGITS.fullmatch(value):
                raise InvalidArgument(
                    f"{label} must be ASCII digits without leading zeros, got {_shown(value)}", venue=self.venue
                )
            value = int(value)
        low = _INT64[0] if rules.minimum is None else rules.minimum
        high = _INT64[1] if rules.maximum is None else rules.maximum
        if not low <= value <= high:
            raise InvalidArgument(f"{label} must be from {low} to {high}, got {value}", venue=self.venue)
        return value

    def _decimal(self, value: object, label: str) -> str:
        if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
            raise InvalidArgument(
                f"{label} must be a Decimal, an int or a decimal string (never a float), got {_shown(value)}",
                venue=self.venue,
            )
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise InvalidArgument(f"{label} {_shown(value)} is not a number", venue=self.venue) from None
        if not number.is_finite():
            raise InvalidArgument(f"{label} must be finite, got {_shown(value)}", venue=self.venue)
        return format(number, "f")

    def _string(self, value: object, label: str, rules: Any, *, ids: bool) -> str:
        if ids and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value:
            raise InvalidArgument(f"{label} must be a non-empty string, got {_shown(value)}", venue=self.venue)
        if rules.max_length is not None and len(value) > rules.max_length:
            raise InvalidArgument(
                f"{label} is {len(value)} characters long; {self.venue} takes at most {rules.max_length}",
                venue=self.venue,
            )
        if rules.min_length is not None and len(value) < rules.min_length:
            raise InvalidArgument(f"{label} must be at least {rules.min_length} characters", venue=self.venue)
        if rules.pattern is not None and _pattern(rules.pattern).search(value) is None:
            # Name a character no venue takes in an id, if there is one: a control, a space, a comma, non-ASCII.
            bad = next(((i, ch) for i, ch in enumerate(value) if not "!" <= ch <= "~" or ch == ","), None)
            what = (
                "is not of the form {} takes"
                if bad is None
                else f"holds {bad[1]!r} at position {bad[0]}, which {{}} refuses"
            )
            raise InvalidArgument(
                f"{label} {_shown(value)} {what.format(self.venue)} ({rules.pattern})", venue=self.venue
            )
        return value

    def extra_params(
        self, operation_id: str, params: Mapping[str, object] | None, set_here: set[str]
    ) -> dict[str, object]:
        """A caller's extra parameters, by their wire names as the spec names them, each checked like the facade's
        own arguments; the keyword arguments of the generated function. Parameters the facade sets itself, and
        those the signer adds (timestamp, recvWindow, signature), are refused: give them through the method."""
        if params is None:
            return {}
        if not isinstance(params, Mapping):
            raise InvalidArgument(f"params must be a mapping of parameter names to values, got {_shown(params)}")
        signing = self.facts.SIGNING
        reserved = {*set_here, signing.timestamp_parameter, signing.recv_window_parameter, signing.signature_parameter}
        kwargs: dict[str, object] = {}
        for name, value in params.items():
            if name in reserved:
                raise InvalidArgument(
                    f"{name} is set by cancelkit on {self.venue} {operation_id}; give it through the method's own"
                    " argument or the client's options",
                    venue=self.venue,
                )
            if not isinstance(name, str) or not self.has(operation_id, name):
                known = ", ".join(p.name for p in self.operation(operation_id).parameters if p.name not in reserved)
                raise InvalidArgument(
                    f"{self.venue} {operation_id} has no parameter {name!r}; it takes {known or 'none beyond these'}",
                    venue=self.venue,
                )
            if value is None:
                continue
            keyword, sent = self.check(operation_id, name, value, f"params[{name!r}]", ids=False)
            kwargs[keyword] = sent
        return kwargs
