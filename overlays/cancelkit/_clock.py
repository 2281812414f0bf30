"""The venue's clock, as seen from here: an offset measured against its server-time endpoint."""

from __future__ import annotations

import time
from collections.abc import Callable


class VenueClock:
    """Timestamps for signed requests, kept in step with the venue's clock.

    The offset is taken from a server-time round trip, against the midpoint of the round trip, and is measured again
    when older than `max_age` seconds or when the venue rejects a timestamp. With `use_venue_time=False` the local
    clock is used as it is and nothing is measured.
    """

    def __init__(
        self,
        *,
        use_venue_time: bool = True,
        max_age: float = 300.0,
        microseconds: bool = False,
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.use_venue_time = use_venue_time
        self.max_age = max_age
        self.microseconds = microseconds
        self._wall = wall
        self._monotonic = monotonic
        self.offset_ms = 0.0
        self._synced_at: float | None = None

    def __repr__(self) -> str:
        return f"VenueClock(offset_ms={self.offset_ms:.1f}, use_venue_time={self.use_venue_time})"

    def wall(self) -> float:
        """The local wall clock, in seconds."""
        return self._wall()

    def now(self) -> int:
        """The venue's time now: milliseconds since the epoch, or microseconds when asked for (Binance)."""
        venue_ms = self._wall() * 1000.0 + self.offset_ms
        return round(venue_ms * 1000.0) if self.microseconds else round(venue_ms)

    def needs_sync(self) -> bool:
        if not self.use_venue_time:
            return False
        return self._synced_at is None or self._monotonic() - self._synced_at > self.max_age

    def record(self, server_ms: int, sent_at: float, received_at: float) -> None:
        """Take the offset from a round trip that left at `sent_at` and came back at `received_at` (wall seconds)."""
        midpoint_ms = (sent_at + received_at) * 500.0
        self.offset_ms = server_ms - midpoint_ms
        self._synced_at = self._monotonic()

    def invalidate(self) -> None:
        """Measure again before the next request."""
        self._synced_at = None
