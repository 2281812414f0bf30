"""Drive a sync or an async facade client the same way, so that every test runs on both."""

from typing import Any

import httpx

from cancelkit import AsyncCancelClient, BinanceAuth, BingxAuth, CancelClient, Credentials, MexcAuth, VenueClock
from cancelkit.testing import Simulator

NATIVE = {"binance": "BTCUSDT", "mexc": "BTCUSDT", "bingx": "BTC-USDT"}  # BTC/USDT as each venue writes it
VENUES = sorted(NATIVE)


def client_for(sim: Simulator, venue: str, asynchronous: bool, **options: Any) -> CancelClient | AsyncCancelClient:
    """A client of the simulator's venue, with the simulator's credentials unless others are given."""
    cls = AsyncCancelClient if asynchronous else CancelClient
    options.setdefault("credentials", sim.credentials(venue))
    return cls(venue, base_url=options.pop("base_url", sim.base_url(venue)), **options)


async def call(client: CancelClient | AsyncCancelClient, method: str, *args: Any, **kwargs: Any) -> Any:
    """Run a facade method on either client."""
    result = getattr(client, method)(*args, **kwargs)
    return await result if isinstance(client, AsyncCancelClient) else result


async def close(client: CancelClient | AsyncCancelClient) -> None:
    if isinstance(client, AsyncCancelClient):
        await client.aclose()
    else:
        client.close()


AUTHS = {"binance": BinanceAuth, "mexc": MexcAuth, "bingx": BingxAuth}


def signed_client(
    sim: Simulator, venue: str, credentials: Credentials | None = None, clock: VenueClock | None = None
) -> httpx.Client:
    """A plain httpx client of the simulator's venue that signs with the overlay's auth alone (no facade): the
    simulator's routes exactly as the spec names them, `client.get("/api/v3/order", params=...)`. Its timestamps
    come from `clock` (by default the local clock, never synced: set its `offset_ms` after skewing the venue's)."""
    auth = AUTHS[venue](credentials or sim.credentials(venue), clock or VenueClock(use_venue_time=False))
    return httpx.Client(base_url=sim.base_url(venue), auth=auth)
