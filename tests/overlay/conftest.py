"""Facade clients over respx, with a frozen clock so that every signature is exact."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import respx

from cancelkit import AsyncCancelClient, CancelClient, Credentials, VenueClock

NOW_MS = 1499827319559


@dataclass(frozen=True)
class VenueCase:
    name: str
    base: str
    time_path: str
    time_body: dict[str, Any]
    secret: str
    symbol: str  # the venue's form of BTC/USDT-like test symbols


CASES = {
    "binance": VenueCase(
        "binance",
        "https://api.binance.com",
        "/api/v3/time",
        {"serverTime": NOW_MS},
        "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
        "LTCBTC",
    ),
    "mexc": VenueCase(
        "mexc",
        "https://api.mexc.com",
        "/api/v3/time",
        {"serverTime": NOW_MS},
        "45d0b3c26f2644f19bfb98b07741b2f5",
        "BTCUSDT",
    ),
    "bingx": VenueCase(
        "bingx",
        "https://open-api.bingx.com",
        "/openApi/swap/v2/server/time",
        {"code": 0, "msg": "", "data": {"serverTime": NOW_MS}},
        "UuGuyEGt6ZEkpUObCYCmIfh0elYsZVh80jlYwpJuRZEw70t6vomMH7Sjmf94ztSI",
        "XRP-USDT",
    ),
}


def frozen_clock(**options: Any) -> VenueClock:
    return VenueClock(wall=lambda: NOW_MS / 1000, **options)


def make_client(case: VenueCase, *, asynchronous: bool = False, **options: Any) -> CancelClient | AsyncCancelClient:
    cls = AsyncCancelClient if asynchronous else CancelClient
    options.setdefault("clock", frozen_clock())
    # These tests read one answer each: a lost one is not chased with queries the mock does not answer
    # (tests/reliability/test_resolution.py does that against the simulator).
    options.setdefault("resolve_unknown", False)
    return cls(case.name, Credentials(f"{case.name}-api-key-0123456789", secret=case.secret), **options)


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


def mock_time(router: respx.MockRouter, case: VenueCase) -> respx.Route:
    return router.get(case.base + case.time_path).respond(200, json=case.time_body)
