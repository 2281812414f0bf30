"""What each venue needs beyond its generated client, without I/O: argument mapping and validation, the
normalized results and the error taxonomy. The sync and async clients share every line of it.

One module per venue; adding a venue is one line in ADAPTERS (see CONTRIBUTING.md)."""

from __future__ import annotations

from typing import Literal

from cancelkit_models import Venue

from .._errors import InvalidArgument
from ._base import PARSE_ERRORS, Call, VenueAdapter
from .binance import BinanceAdapter
from .bingx import BingxAdapter
from .mexc import MexcAdapter

__all__ = ["ADAPTERS", "PARSE_ERRORS", "Call", "VenueAdapter", "VenueName", "adapter_for"]

# The venues by name, for type checkers; a test keeps it equal to ADAPTERS' keys.
VenueName = Literal["binance", "mexc", "bingx"]

ADAPTERS: dict[str, type[VenueAdapter]] = {
    "binance": BinanceAdapter,
    "mexc": MexcAdapter,
    "bingx": BingxAdapter,
}


def adapter_for(venue: str | Venue) -> VenueAdapter:
    name = Venue(venue).value if isinstance(venue, Venue) else str(venue).lower()
    if name not in ADAPTERS:
        raise InvalidArgument(f"unknown venue {venue!r}; cancelkit speaks {', '.join(ADAPTERS)}")
    return ADAPTERS[name]()
