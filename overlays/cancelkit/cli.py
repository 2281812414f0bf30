"""The `cancelkit` command: cancel one order, or every open order on a symbol, on one or several venues at once.

    cancelkit cancel binance BTC/USDT --order-id 12345
    cancelkit cancel-all binance,mexc,bingx BTC/USDT --json        # a kill switch
    cancelkit cancel-all binance BTC/USDT --dry-run                # print the signed request, send nothing
    cancelkit simulate --port 8765 --orders 5                      # a local venue simulator

Keys come from CANCELKIT_<VENUE>_API_KEY and CANCELKIT_<VENUE>_API_SECRET (or _PRIVATE_KEY_FILE).
Exit codes: 0 every cancel succeeded; 1 some failed and none may have gone through; 3 the outcome of at least one
is unknown (check those orders); 2 bad usage; 4 bad configuration (missing keys, unknown environment).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO, cast

import httpx

from ._credentials import Credentials, key_hint
from ._errors import CancelKitError, ConfigurationError, InvalidArgument
from ._facade import AsyncCancelClient
from ._redact import redact_url
from ._venues import VenueName

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNKNOWN, EXIT_CONFIG = 0, 1, 2, 3, 4


class _DryRun(Exception):
    """Raised by the dry-run transport with the signed request that would have been sent."""

    def __init__(self, request: httpx.Request) -> None:
        super().__init__("dry run")
        self.request = request


def _capture(request: httpx.Request) -> httpx.Response:
    raise _DryRun(request)


@dataclass
class Outcome:
    venue: str
    symbol: str
    order_id: str | None
    client_order_id: str | None
    status: str
    executed_qty: str | None = None
    error: CancelKitError | None = None
    request: str | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "venue": self.venue,
            "symbol": self.symbol,
            "order_id": self.order_id,
            "client_order_id": self.client_order_id,
            "status": self.status,
            "executed_qty": self.executed_qty,
        }
        if self.error is not None:
            data["error"] = {
                "type": type(self.error).__name__,
                "message": self.error.message,
                "code": self.error.code,
                "http_status": self.error.http_status,
                "may_have_canceled": self.error.may_have_canceled,
                "retryable": self.error.retryable,
            }
        if self.request is not None:
            data["request"] = self.request
        return data


def describe_request(request: httpx.Request, key_header: str) -> str:
    """The signed request as it would go out, with the signature and the key redacted."""
    headers = {name: value for name, value in request.headers.items() if name.lower().startswith("x-")}
    for name in headers:
        if name.lower() == key_header.lower():
            headers[name] = key_hint(headers[name])
    shown = " ".join(f"{name}: {value}" for name, value in headers.items())
    return f"{request.method} {redact_url(str(request.url))} {shown}".strip()


async def _run_one(args: argparse.Namespace, venue: str) -> list[Outcome]:
    options: dict[str, Any] = {"environment": args.environment, "timeout": args.timeout}
    if args.recv_window is not None:
        options["recv_window"] = args.recv_window
    if venue in args.base_urls:
        options["base_url"] = args.base_urls[venue]
    if args.dry_run:
        options.update(transport=httpx.MockTransport(_capture), time_sync=False)
    credentials = Credentials.from_env(venue)
    async with AsyncCancelClient(cast(VenueName, venue), credentials, **options) as client:
        try:
            if args.command == "cancel":
                result = await client.cancel_order(
                    args.symbol,
                    order_id=args.order_id,
                    client_order_id=args.client_order_id,
                    restriction=args.restriction,
                )
                results = [result]
            else:
                results = await client.cancel_open_orders(args.symbol)
        except _DryRun as dry:
            return [
                Outcome(
                    venue,
                    args.symbol,
                    args.order_id,
                    args.client_order_id,
                    "DRY_RUN",
                    request=describe_request(dry.request, client.auth.api_key_header),
                )
            ]
        except InvalidArgument:
            raise  # bad usage: the whole command fails with EXIT_USAGE
        except CancelKitError as error:
            status = "UNKNOWN" if error.may_have_canceled else "FAILED"
            return [Outcome(venue, args.symbol, error.order_id, error.client_order_id, status, error=error)]
    return [
        Outcome(
            venue,
            r.symbol,
            r.order_id,
            r.client_order_id,
            str(r.status),
            None if r.executed_qty is None else format(r.executed_qty, "f"),
        )
        for r in results
    ]


async def _run(args: argparse.Namespace) -> list[Outcome]:
    per_venue = await asyncio.gather(*(_run_one(args, venue) for venue in args.venues))
    return [outcome for outcomes in per_venue for outcome in outcomes]


def exit_code(outcomes: Sequence[Outcome]) -> int:
    errors = [o.error for o in outcomes if o.error is not None]
    if any(error.may_have_canceled for error in errors):
        return EXIT_UNKNOWN
    return EXIT_FAILED if errors else EXIT_OK


def print_table(outcomes: Sequence[Outcome], out: TextIO) -> None:
    rows = [("VENUE", "SYMBOL", "ORDER ID", "CLIENT ID", "STATUS", "EXECUTED", "DETAIL")]
    for o in outcomes:
        detail = o.request or (f"{type(o.error).__name__}: {o.error}" if o.error else "")
        rows.append(
            (o.venue, o.symbol, o.order_id or "-", o.client_order_id or "-", o.status, o.executed_qty or "-", detail)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        out.write(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1] + "\n"
        )


def _venues(text: str) -> list[str]:
    venues = [v.strip().lower() for v in text.split(",") if v.strip()]
    unknown = [v for v in venues if v not in ("binance", "mexc", "bingx")]
    if not venues or unknown:
        raise argparse.ArgumentTypeError(f"venues are binance, mexc and bingx, comma-separated; got {text!r}")
    return venues


def _base_url(text: str) -> tuple[str, str]:
    venue, sep, url = text.partition("=")
    if not sep or not url:
        raise argparse.ArgumentTypeError("write --base-url VENUE=URL")
    return venue.lower(), url


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="cancelkit", description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    commands = root.add_subparsers(dest="command", required=True)
    for name, what in (("cancel", "cancel one order"), ("cancel-all", "cancel every open order on a symbol")):
        sub = commands.add_parser(name, help=what)
        sub.add_argument("venues", type=_venues, help="binance, mexc, bingx, or several: binance,mexc")
        sub.add_argument("symbol", help="BTC/USDT, or the venue's own form")
        if name == "cancel":
            ids = sub.add_mutually_exclusive_group(required=True)
            ids.add_argument("--order-id")
            ids.add_argument("--client-order-id")
            sub.add_argument("--restriction", help="Binance ONLY_NEW/ONLY_PARTIALLY_FILLED, BingX NEW/PENDING/...")
        sub.add_argument("--environment", default="production", help="production (default), testnet, demo")
        sub.add_argument(
            "--base-url",
            dest="base_urls",
            type=_base_url,
            action="append",
            default=[],
            help="VENUE=URL, to talk to a simulator or a proxy",
        )
        sub.add_argument("--recv-window", help="milliseconds the request stays valid (at most 60000)")
        sub.add_argument("--timeout", type=float, default=10.0, help="seconds (default 10)")
        sub.add_argument("--dry-run", action="store_true", help="print the signed request, redacted; send nothing")
        sub.add_argument("--json", action="store_true", help="one JSON document on stdout, for scripts")
    sim = commands.add_parser("simulate", help="run the local venue simulator until interrupted")
    sim.add_argument("--port", type=int, default=8765)
    sim.add_argument("--orders", type=int, default=5, help="open orders to seed per venue on BTC/USDT")
    sim.add_argument("--auto-orders", action="store_true", help="cancel unknown ids as if open (load tests)")
    sim.add_argument("--latency-ms", type=int, default=0, help="answer every cancel this late, as a network would")
    return root


def simulate(port: int, orders: int, out: TextIO, *, auto_orders: bool = False, latency_ms: int = 0) -> int:
    from .testing import DEFAULT_SECRETS, Fault, Simulator, seed

    with Simulator(port=port, auto_orders=auto_orders) as sim:
        seed(sim, [("binance", "BTCUSDT"), ("mexc", "BTCUSDT"), ("bingx", "BTC-USDT")], orders)
        if latency_ms:
            for venue in DEFAULT_SECRETS:
                sim.inject(venue, Fault("latency", seconds=latency_ms / 1000))
        for venue, (api_key, _) in DEFAULT_SECRETS.items():
            out.write(f"{venue:8} {sim.base_url(venue)}  CANCELKIT_{venue.upper()}_API_KEY={api_key}\n")
        out.write("secrets: cancelkit.testing.DEFAULT_SECRETS; Ctrl-C stops\n")
        out.flush()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return EXIT_OK


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    args = parser().parse_args(argv)
    if args.command == "simulate":
        return simulate(args.port, args.orders, out, auto_orders=args.auto_orders, latency_ms=args.latency_ms)
    args.base_urls = dict(args.base_urls)
    try:
        outcomes = asyncio.run(_run(args))
    except (ConfigurationError, InvalidArgument) as error:
        sys.stderr.write(f"cancelkit: {error}\n")
        return EXIT_USAGE if isinstance(error, InvalidArgument) else EXIT_CONFIG
    if args.json:
        json.dump([o.as_json() for o in outcomes], out, indent=2)
        out.write("\n")
    else:
        print_table(outcomes, out)
    return exit_code(outcomes)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
