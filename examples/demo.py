"""`make demo`: the whole facade against the local simulator over real HTTP, sync and async.

It seeds open orders on each venue, then cancels one by id, one by client id and all the rest, prints a table of
the results, and shows one deliberate failure as its typed error.
"""

from __future__ import annotations

import asyncio
import sys

from cancelkit import AsyncCancelClient, CancelClient, CancelKitError, CancelResult, VenueName
from cancelkit.testing import Simulator

VENUES: dict[VenueName, str] = {"binance": "BTCUSDT", "mexc": "BTCUSDT", "bingx": "BTC-USDT"}
Row = tuple[str, str, str, str]


def rows(mode: str, action: str, results: list[CancelResult]) -> list[Row]:
    return [
        (f"{r.venue.value} ({mode})", action, f"{r.order_id} / {r.client_order_id}", f"{r.status} {r.orig_qty}")
        for r in results
    ]


def sync_run(sim: Simulator, venue: VenueName) -> list[Row]:
    orders = sim.add_orders(venue, VENUES[venue], 4)
    with CancelClient(venue, sim.credentials(venue), base_url=sim.base_url(venue)) as client:
        by_id = client.cancel_order("BTC/USDT", order_id=orders[0].order_id)
        by_client_id = client.cancel_order("BTC/USDT", client_order_id=orders[1].client_order_id)
        rest = client.cancel_open_orders("BTC/USDT")
    return rows("sync", "by id", [by_id]) + rows("sync", "by client id", [by_client_id]) + rows("sync", "all", rest)


async def async_run(sim: Simulator, venue: VenueName) -> list[Row]:
    orders = sim.add_orders(venue, VENUES[venue], 4)
    async with AsyncCancelClient(venue, sim.credentials(venue), base_url=sim.base_url(venue)) as client:
        by_id = await client.cancel_order("BTC/USDT", order_id=orders[0].order_id)
        by_client_id = await client.cancel_order("BTC/USDT", client_order_id=orders[1].client_order_id)
        rest = await client.cancel_open_orders("BTC/USDT")
    return rows("async", "by id", [by_id]) + rows("async", "by client id", [by_client_id]) + rows("async", "all", rest)


async def async_all(sim: Simulator) -> list[Row]:
    per_venue = await asyncio.gather(*(async_run(sim, venue) for venue in VENUES))
    return [row for venue_rows in per_venue for row in venue_rows]


def main() -> int:
    with Simulator() as sim:
        table: list[Row] = [("VENUE", "CANCELED", "ORDER ID / CLIENT ID", "STATUS QTY")]
        for venue in VENUES:
            table += sync_run(sim, venue)
        table += asyncio.run(async_all(sim))
        widths = [max(len(row[i]) for row in table) for i in range(4)]
        for row in table:
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        left = {venue: len(sim.open_orders(venue)) for venue in VENUES}
        print(f"\nopen orders left on the simulator: {left}")

        print("\nA deliberate failure: canceling an order that does not exist.")
        with CancelClient("binance", sim.credentials("binance"), base_url=sim.base_url("binance")) as client:
            try:
                client.cancel_order("BTC/USDT", order_id=999_999)
            except CancelKitError as error:
                print(f"  {type(error).__name__}: {error}")
                print(f"  may_have_canceled={error.may_have_canceled} retryable={error.retryable}")
                return 0 if not any(left.values()) else 1
    return 1


if __name__ == "__main__":
    sys.exit(main())
