"""What each venue needs beyond its generated client, without I/O: argument mapping and validation, the
normalized results and the error taxonomy. The sync and async clients share every line of it.

One module per venue; adding a venue is one line in ADAPTERS (see CONTRIBUTING.md). A venue's module, and with it its
generated client, is imported when a client of that venue is first made."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Literal

from cancelkit_models import Venue

from .._errors import PARSE_ERRORS, InvalidArgument
from ._base import Call, VenueAdapter

__all__ = ["ADAPTERS", "PARSE_ERRORS", "Call", "VenueAdapter", "VenueName", "adapter_for"]

# The venues by name, for type checkers; a test keeps it equal to ADAPTERS' keys.
VenueName = Literal["binance", "mexc", "bingx"]


class _Adapters(Mapping[str, type[VenueAdapter]]):
    """The adapter classes by venue, each imported from "module:class" on first use."""

    def __init__(self, where: dict[str, str]) -> None:
        self._where = where

    def __getitem__(self, venue: str) -> type[VenueAdapter]:
        module, name = self._where[venue].split(":")
        adapter: type[VenueAdapter] = getattr(importlib.import_module(module, __name__), name)
        return adapter

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


ADAPTERS: Mapping[str, type[VenueAdapter]] = _Adapters(
    {
        "binance": ".binance:BinanceAdapter",
        "mexc": ".mexc:MexcAdapter",
        "bingx": ".bingx:BingxAdapter",
    }
)


def adapter_for(venue: str | Venue) -> VenueAdapter:
    name = Venue(venue).value if isinstance(venue, Venue) else str(venue).lower()
    if name not in ADAPTERS:
        raise InvalidArgument(f"unknown venue {venue!r}; cancelkit speaks {', '.join(ADAPTERS)}")
    return ADAPTERS[name]()
