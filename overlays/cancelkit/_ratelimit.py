"""What the venues said about rate limits, shared by every client of the process.

After a 429 or 418 with `Retry-After`, or a Binance ban whose message names its end, every request to that venue and
base URL is held back until the time has passed: Binance escalates bans from minutes to days for clients that keep
sending. A held request raises RateLimited at once, before anything is sent.
"""

from __future__ import annotations

import math
import os
import re
import threading
import time
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # a Protocol class costs `import cancelkit` more than the rest of this module

    class Answer(Protocol):
        """What the bookkeeping reads of an answer: an httpx.Response, or a generated endpoint's Response."""

        @property
        def status_code(self) -> int: ...

        @property
        def headers(self) -> Mapping[str, str]: ...


# Binance's -1003: "Way too much request weight used; IP banned until 1700000000000."
_BANNED_UNTIL = re.compile(r"banned until (\d{12,14})")
_RATE_LIMIT_HEADERS = ("x-mbx-used-weight", "x-mbx-order-count", "x-ratelimit-", "retry-after")
_INTERVAL = re.compile(r"-(\d+[smhd])$")
MAX_HOLD = 3 * 86400.0  # Binance's longest ban is three days: a longer wait is a venue's mistake


def rate_limit_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The answer's rate-limit headers, names lowercased (a dict of the facade's lean path has them so already)."""
    if type(headers) is dict:
        return {name: value for name, value in headers.items() if name.startswith(_RATE_LIMIT_HEADERS)}
    return {name.lower(): value for name, value in headers.items() if name.lower().startswith(_RATE_LIMIT_HEADERS)}


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """`Retry-After` in seconds; None when absent or not a number of seconds."""
    try:
        seconds = float(headers["retry-after"])
    except (KeyError, ValueError):
        return None
    return min(seconds, MAX_HOLD) if math.isfinite(seconds) and seconds >= 0 else None


@dataclass(frozen=True)
class RateLimitStatus:
    """The last rate-limit figures a venue reported to this process, and how long requests are held back.

    - `used_weight`: Binance's `X-MBX-USED-WEIGHT-<interval>` by interval (`{"1m": 12}`).
    - `order_count`: Binance's `X-MBX-ORDER-COUNT-<interval>` by interval.
    - `requests_remaining`: BingX's `X-RateLimit-Requests-Remain`.
    - `retry_after`: seconds left before requests are sent again; None when nothing is held back.
    - `banned`: the hold comes from a ban (418, or Binance's "IP banned until").
    - `headers`: every rate-limit header of the last answer, as sent.
    """

    used_weight: Mapping[str, int] = field(default_factory=dict)
    order_count: Mapping[str, int] = field(default_factory=dict)
    requests_remaining: int | None = None
    retry_after: float | None = None
    banned: bool = False
    headers: Mapping[str, str] = field(default_factory=dict)


def _by_interval(headers: Mapping[str, str], prefix: str) -> dict[str, int]:
    figures: dict[str, int] = {}
    for name, value in headers.items():
        interval = _INTERVAL.search(name) if name.startswith(prefix) else None
        if interval is not None and value.strip().isdigit():
            figures[interval.group(1)] = int(value)
    return figures


class _Gate:
    """One venue and base URL: the last figures, and until when requests are held back (monotonic seconds)."""

    def __init__(self) -> None:
        self.headers: dict[str, str] = {}
        self.held_until = 0.0
        self.banned = False


class RateLimits:
    """Every venue and base URL the process talks to. Thread-safe; the async clients share it too."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._gates: dict[tuple[str, str], _Gate] = {}
        _REGISTRIES.add(self)

    def _after_fork(self) -> None:
        self._lock = threading.Lock()  # a thread of the parent may have held it: that thread is not in the child

    def _gate(self, key: tuple[str, str]) -> _Gate:
        gate = self._gates.get(key)
        if gate is None:
            gate = self._gates.setdefault(key, _Gate())
        return gate

    def held_for(self, key: tuple[str, str]) -> tuple[float, bool] | None:
        """Seconds left and whether it is a ban, while requests to `key` are held back; else None."""
        gate = self._gates.get(key)
        if gate is None or gate.held_until == 0.0:  # never held: no lock taken, on every request
            return None
        with self._lock:
            held_until, banned = gate.held_until, gate.banned
        left = held_until - time.monotonic()
        return (left, banned) if left > 0 else None

    def observe(self, key: tuple[str, str], response: Answer, message: str | None = None, *, failed: bool) -> None:
        """Record an answer's figures; when it is an error answer that says to wait, hold requests back."""
        headers = rate_limit_headers(response.headers)
        wait: float | None = None
        banned = False
        if failed:
            # Retry-After comes with 429 and 418; on another error answer (a 503) it means the same: not before then.
            wait = retry_after_seconds(response.headers)
            banned = response.status_code == 418
            until = _BANNED_UNTIL.search(message or "")
            if until is not None:
                wait = min(MAX_HOLD, max(wait or 0.0, int(until.group(1)) / 1000 - time.time()))
                banned = True
        if not headers and not wait:
            return
        with self._lock:
            gate = self._gate(key)
            if headers:
                gate.headers = headers
            if wait:
                held_until = time.monotonic() + wait
                if held_until > gate.held_until:
                    gate.held_until, gate.banned = held_until, banned

    def clear(self, key: tuple[str, str] | None = None) -> None:
        """Forget what the venues said: about `key`, or about every venue (tests)."""
        with self._lock:
            if key is None:
                self._gates.clear()
            else:
                self._gates.pop(key, None)

    def status(self, key: tuple[str, str]) -> RateLimitStatus:
        gate = self._gates.get(key)
        if gate is None:
            return RateLimitStatus()
        held = self.held_for(key)
        remaining = gate.headers.get("x-ratelimit-requests-remain", "")
        return RateLimitStatus(
            used_weight=_by_interval(gate.headers, "x-mbx-used-weight"),
            order_count=_by_interval(gate.headers, "x-mbx-order-count"),
            requests_remaining=int(remaining) if remaining.strip().isdigit() else None,
            retry_after=None if held is None else held[0],
            banned=held is not None and held[1],
            headers=dict(gate.headers),
        )


_REGISTRIES: weakref.WeakSet[RateLimits] = weakref.WeakSet()


def _after_fork() -> None:
    for registry in list(_REGISTRIES):
        registry._after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)

# The process's one registry: clients of the same venue and base URL share what the venue said.
RATE_LIMITS = RateLimits()
