"""The `cancelkit` command: cancel one order, or every open order, on one or several venues at once.

    cancelkit cancel binance BTC/USDT --order-id 12345
    cancelkit cancel-all binance,mexc,bingx                        # the kill switch: everything, verified empty
    cancelkit cancel-all binance,mexc,bingx BTC/USDT --json        # one symbol
    cancelkit cancel-all binance BTC/USDT --dry-run                # print the signed request, send nothing
    cancelkit simulate --port 8765 --orders 5                      # a local venue simulator

Keys come from CANCELKIT_<VENUE>_API_KEY and CANCELKIT_<VENUE>_API_SECRET (or _PRIVATE_KEY_FILE), and a base URL
from CANCELKIT_<VENUE>_BASE_URL or --base-url (what `cancelkit simulate` prints, to paste). Venues run
independently: one venue's missing key is reported for that venue while the others cancel, and each venue's line is
printed as soon as it is done, before the summary.
Exit codes: 0 every cancel succeeded; 1 some failed and none may have gone through; 2 bad usage; 3 the outcome of at
least one is unknown (check those orders); 4 a venue could not be used (missing keys, unknown environment);
5 cancelkit itself failed (a bug: please report it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO, cast, get_args

import httpx

from ._credentials import Credentials, key_hint
from ._errors import CancelKitError, ConfigurationError, InvalidArgument, OutcomeUnknown
from ._facade_async import AsyncCancelClient
from ._redact import redact_url
from ._results import CancelAllReport
from ._venues import VenueName, adapter_for

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNKNOWN, EXIT_CONFIG, EXIT_CRASH = 0, 1, 2, 3, 4, 5
VENUES: tuple[str, ...] = get_args(VenueName)


class _DryRun(Exception):
    """Raised by the dry-run transport with the signed request that would have been sent."""

    def __init__(self, request: httpx.Request) -> None:
        super().__init__("dry run")
        self.request = request


def _capture(request: httpx.Request) -> httpx.Response:
    raise _DryRun(request)


@dataclass
class Row:
    """One order's outcome on one venue."""

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
            data["error"] = _error_json(self.error)
        if self.request is not None:
            data["request"] = self.request
        return data


@dataclass
class VenueRun:
    """What one venue did: its rows, or the error that kept it from running at all."""

    venue: str
    rows: list[Row] = field(default_factory=list)
    error: CancelKitError | None = None  # the venue could not be used (configuration)
    seconds: float = 0.0
    verified_empty: bool | None = None  # cancel-all: the venue's listing showed nothing left open

    KINDS = ("canceled", "already_closed", "failed", "unknown")

    def count(self, kind: str) -> int:
        if kind == "canceled":
            return sum(row.error is None and row.status not in ("DRY_RUN", "ALREADY_CLOSED") for row in self.rows)
        if kind == "already_closed":
            return sum(row.status == "ALREADY_CLOSED" for row in self.rows)
        if kind == "unknown":
            return sum(row.error is not None and row.error.may_have_canceled for row in self.rows)
        return sum(row.error is not None and not row.error.may_have_canceled for row in self.rows)  # failed

    def line(self) -> str:
        if self.error is not None:
            return f"done {self.venue}: not run: {type(self.error).__name__}: {self.error}"
        counts = ", ".join(f"{self.count(kind)} {kind.replace('_', ' ')}" for kind in self.KINDS)
        verified = {None: "", True: ", verified empty", False: ", NOT verified empty"}[self.verified_empty]
        return f"done {self.venue}: {counts}{verified} in {self.seconds:.2f} s"

    def as_json(self) -> dict[str, Any]:
        return {
            "venue": self.venue,
            "error": None if self.error is None else _error_json(self.error),
            "summary": {kind: self.count(kind) for kind in self.KINDS} | {"verified_empty": self.verified_empty},
            "rows": [row.as_json() for row in self.rows],
        }


def _error_json(error: CancelKitError) -> dict[str, Any]:
    return {
        "type": type(error).__name__,
        "message": error.message,
        "code": error.code,
        "http_status": error.http_status,
        "may_have_canceled": error.may_have_canceled,
        "retryable": error.retryable,
    }


def describe_request(request: httpx.Request, key_header: str) -> str:
    """The signed request as it would go out, with the signature and the key redacted."""
    headers = {name: value for name, value in request.headers.items() if name.lower().startswith("x-")}
    for name in headers:
        if name.lower() == key_header.lower():
            headers[name] = key_hint(headers[name])
    shown = " ".join(f"{name}: {value}" for name, value in headers.items())
    return f"{request.method} {redact_url(str(request.url))} {shown}".strip()


def _venue_symbol(venue: str, symbol: str) -> str:
    """The symbol as the venue writes it (BTCUSDT, BTC-USDT), as results show it; the text given if it is not one."""
    try:
        return adapter_for(venue).symbol(symbol)
    except CancelKitError:
        return symbol


def _report_rows(venue: str, report: CancelAllReport) -> list[Row]:
    rows: list[Row] = []
    for sweep in report.symbols:
        for r in sweep.canceled:
            executed = None if r.executed_qty is None else format(r.executed_qty, "f")
            rows.append(Row(venue, r.symbol, r.order_id, r.client_order_id, str(r.status), executed))
        for o in sweep.already_closed:
            executed = None if o.executed_qty is None else format(o.executed_qty, "f")
            rows.append(Row(venue, o.symbol, o.order_id, o.client_order_id, "ALREADY_CLOSED", executed))
        for error in sweep.failed:
            rows.append(Row(venue, sweep.symbol, error.order_id, error.client_order_id, "FAILED", error=error))
        for order_id in sweep.unknown:
            unknown = OutcomeUnknown("the venue did not say what became of this order", venue=venue)
            rows.append(Row(venue, sweep.symbol, order_id, None, "UNKNOWN", error=unknown))
    if report.error is not None:  # a listing, which changes nothing: what it failed to show is the verification
        unverified = CancelKitError(
            f"the open orders could not be listed, so the venue is not verified empty: {report.error}", venue=venue
        )
        rows.append(Row(venue, report.error.symbol or "*", None, None, "NOT_VERIFIED", error=unverified))
    return rows


async def _run_venue(args: argparse.Namespace, venue: str, progress: TextIO) -> VenueRun:
    began = time.monotonic()
    run = VenueRun(venue)
    symbol = "*" if args.symbol is None else _venue_symbol(venue, args.symbol)
    order_id = getattr(args, "order_id", None)
    client_order_id = getattr(args, "client_order_id", None)
    try:
        options: dict[str, Any] = {"environment": args.environment, "timeout": args.timeout}
        if args.recv_window is not None:
            options["recv_window"] = args.recv_window
        if venue in args.base_urls:
            options["base_url"] = args.base_urls[venue]
        if args.dry_run:
            options.update(transport=httpx.MockTransport(_capture), time_sync=False)
        client = AsyncCancelClient(cast(VenueName, venue), Credentials.from_env(venue), **options)
    except InvalidArgument:
        raise  # bad usage: the whole command fails with EXIT_USAGE
    except CancelKitError as error:  # this venue cannot be used; the others go on
        run.error = error
        run.seconds = time.monotonic() - began
        return run
    async with client:
        try:
            if args.command == "cancel":
                result = await client.cancel_order(
                    args.symbol, order_id=order_id, client_order_id=client_order_id, restriction=args.restriction
                )
                results = [result]
            elif args.dry_run:  # the first request the sweep would send
                if args.symbol is None:
                    await client.open_orders(None)
                results = await client.cancel_open_orders(args.symbol)
            else:

                def report_progress(line: str) -> None:
                    progress.write(f"... {venue}: {line}\n")
                    progress.flush()

                symbols = None if args.symbol is None else [args.symbol]
                report = await client.cancel_all(symbols, progress=report_progress)
                run.rows, run.verified_empty = _report_rows(venue, report), report.verified_empty
                results = []
            run.rows += [
                Row(
                    venue,
                    r.symbol,
                    r.order_id,
                    r.client_order_id,
                    str(r.status),
                    None if r.executed_qty is None else format(r.executed_qty, "f"),
                )
                for r in results
            ]
        except _DryRun as dry:
            request = describe_request(dry.request, client.auth.api_key_header)
            run.rows = [Row(venue, symbol, order_id, client_order_id, "DRY_RUN", request=request)]
        except InvalidArgument:
            raise
        except CancelKitError as error:
            status = "UNKNOWN" if error.may_have_canceled else "FAILED"
            ids = (error.order_id or order_id, error.client_order_id or client_order_id)
            run.rows = [Row(venue, error.symbol or symbol, *ids, status, error=error)]
    run.seconds = time.monotonic() - began
    return run


async def _run(args: argparse.Namespace, out: TextIO) -> list[VenueRun]:
    """Every venue at once; each venue's line as soon as it is done (to stderr under --json)."""
    progress = sys.stderr if args.json else out

    async def one(venue: str) -> VenueRun:
        run = await _run_venue(args, venue, progress)
        progress.write(run.line() + "\n")
        progress.flush()
        return run

    return list(await asyncio.gather(*(one(venue) for venue in args.venues)))


def exit_code(runs: Sequence[VenueRun]) -> int:
    rows = [row for run in runs for row in run.rows]
    if any(row.error is not None and row.error.may_have_canceled for row in rows):
        return EXIT_UNKNOWN
    if any(run.error is not None for run in runs):
        return EXIT_CONFIG
    return EXIT_FAILED if any(row.error is not None for row in rows) else EXIT_OK


def print_table(runs: Sequence[VenueRun], out: TextIO) -> None:
    rows = [("VENUE", "SYMBOL", "ORDER ID", "CLIENT ID", "STATUS", "EXECUTED", "DETAIL")]
    for run in runs:
        if run.error is not None:
            rows.append((run.venue, "-", "-", "-", "NOT RUN", "-", f"{type(run.error).__name__}: {run.error}"))
        for o in run.rows:
            detail = o.request or (f"{type(o.error).__name__}: {o.error}" if o.error else "")
            rows.append(
                (
                    o.venue,
                    o.symbol,
                    o.order_id or "-",
                    o.client_order_id or "-",
                    o.status,
                    o.executed_qty or "-",
                    detail,
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        out.write(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1] + "\n"
        )
    summary: list[tuple[str, ...]] = [("VENUE", "CANCELED", "ALREADY CLOSED", "FAILED", "UNKNOWN", "VERIFIED EMPTY")]
    for run in runs:
        counts = [str(run.count(kind)) if run.error is None else "-" for kind in VenueRun.KINDS]
        verified = {None: "-", True: "yes", False: "NO"}[run.verified_empty if run.error is None else None]
        summary.append((run.venue, *counts, verified))
    widths = [max(len(row[i]) for row in summary) for i in range(len(summary[0]))]
    out.write("\n")
    for line in summary:
        out.write("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() + "\n")


def _venues(text: str) -> list[str]:
    """The venues named, each once, in the order given."""
    venues = list(dict.fromkeys(v.strip().lower() for v in text.split(",") if v.strip()))
    unknown = [v for v in venues if v not in VENUES]
    if not venues or unknown:
        raise argparse.ArgumentTypeError(f"venues are {', '.join(VENUES)}, comma-separated; got {text!r}")
    return venues


def _base_url(text: str) -> tuple[str, str]:
    venue, sep, url = text.partition("=")
    if not sep or not url:
        raise argparse.ArgumentTypeError("write --base-url VENUE=URL")
    if venue.strip().lower() not in VENUES:
        raise argparse.ArgumentTypeError(f"--base-url names {venue!r}; venues are {', '.join(VENUES)}")
    return venue.strip().lower(), url


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, got {text!r}")
    return seconds


def _version() -> str:
    from ._version import version

    return f"cancelkit {version()}"


class _VersionAction(argparse.Action):
    """--version, read from the installed package only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print cancelkit's version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        sys.stdout.write(_version() + "\n")
        parser.exit(EXIT_OK)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="cancelkit", description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    root.add_argument("--version", action=_VersionAction)
    commands = root.add_subparsers(dest="command", required=True)
    for name, what in (("cancel", "cancel one order"), ("cancel-all", "cancel every open order, verified")):
        sub = commands.add_parser(name, help=what)
        sub.add_argument("venues", type=_venues, help="binance, mexc, bingx, or several: binance,mexc")
        if name == "cancel":
            sub.add_argument("symbol", help="BTC/USDT, or the venue's own form")
        else:
            sub.add_argument("symbol", nargs="?", help="only this symbol (BTC/USDT); without: every symbol")
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
        sub.add_argument("--timeout", type=_seconds, default=10.0, help="seconds (default 10)")
        sub.add_argument("--dry-run", action="store_true", help="print the signed request, redacted; send nothing")
        sub.add_argument("--json", action="store_true", help="one JSON document on stdout, for scripts")
    sim = commands.add_parser(
        "simulate",
        help="run the local venue simulator until interrupted; prints the environment to paste into a shell",
    )
    sim.add_argument("--port", type=int, default=8765)
    sim.add_argument("--orders", type=int, default=5, help="open orders to seed per venue on BTC/USDT")
    sim.add_argument(
        "--seed",
        action="append",
        default=[],
        type=_seed_spec,
        metavar="VENUE:SYMBOL:COUNT",
        help="seed COUNT open orders on the venue's SYMBOL (binance:ETHUSDT:10); repeatable, instead of --orders",
    )
    sim.add_argument(
        "--fault",
        action="append",
        default=[],
        type=_fault_spec,
        metavar="VENUE:KIND[:ROUTE[:TIMES]]",
        help="inject a fault (binance:drop:cancel_open_orders:1; kinds as cancelkit.testing.Fault); repeatable",
    )
    sim.add_argument("--auto-orders", action="store_true", help="cancel unknown ids as if open (load tests)")
    sim.add_argument("--latency-ms", type=int, default=0, help="answer every cancel this late, as a network would")
    return root


def _seed_spec(text: str) -> tuple[str, str, int]:
    venue, _, rest = text.partition(":")
    symbol, _, count = rest.rpartition(":")
    if venue not in VENUES or not symbol or not count.isdigit():
        raise argparse.ArgumentTypeError(f"write --seed VENUE:SYMBOL:COUNT (binance:BTCUSDT:5), got {text!r}")
    return venue, symbol, int(count)


def _fault_spec(text: str) -> tuple[str, str, str | None, int | None]:
    parts = text.split(":")
    if len(parts) < 2 or len(parts) > 4 or parts[0] not in VENUES:
        raise argparse.ArgumentTypeError(f"write --fault VENUE:KIND[:ROUTE[:TIMES]], got {text!r}")
    route = parts[2] if len(parts) > 2 and parts[2] else None
    times = int(parts[3]) if len(parts) > 3 and parts[3].isdigit() else None
    return parts[0], parts[1], route, times


def simulate(
    port: int,
    orders: int,
    out: TextIO,
    *,
    auto_orders: bool = False,
    latency_ms: int = 0,
    seeds: Sequence[tuple[str, str, int]] = (),
    faults: Sequence[tuple[str, str, str | None, int | None]] = (),
) -> int:
    from typing import get_args as kinds_of

    from .testing import DEFAULT_SECRETS, Fault, Simulator, seed
    from .testing._server import FaultKind

    for _, kind, _, _ in faults:
        if kind not in kinds_of(FaultKind):
            sys.stderr.write(f"cancelkit: unknown fault {kind!r}; faults are {', '.join(kinds_of(FaultKind))}\n")
            return EXIT_USAGE
    with Simulator(port=port, auto_orders=auto_orders) as sim:
        if seeds:
            for venue, symbol, count in seeds:
                sim.add_orders(venue, symbol, count)
        else:
            seed(sim, [("binance", "BTCUSDT"), ("mexc", "BTCUSDT"), ("bingx", "BTC-USDT")], orders)
        for venue, kind, route, times in faults:
            sim.inject(venue, Fault(cast(FaultKind, kind), route=route, times=times))
        if latency_ms:
            for venue in DEFAULT_SECRETS:
                sim.inject(venue, Fault("latency", seconds=latency_ms / 1000))
        out.write(f"# cancelkit simulator on 127.0.0.1:{sim.port}: paste into a shell, then for example\n")
        out.write("#   cancelkit cancel-all binance,mexc,bingx\n")
        for venue, (api_key, secret) in DEFAULT_SECRETS.items():
            prefix = f"CANCELKIT_{venue.upper()}_"
            out.write(f"export {prefix}API_KEY={api_key} {prefix}API_SECRET={secret}\n")
            out.write(f"export {prefix}BASE_URL={sim.base_url(venue)}\n")
        out.write("# Ctrl-C stops the simulator\n")
        out.flush()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return EXIT_OK


def _guarded(run: Callable[[], int]) -> int:
    """A failure of cancelkit itself exits with its own code, never one a cancel's outcome could have."""
    try:
        return run()
    except Exception:
        sys.stderr.write("cancelkit: an unexpected error (a bug in cancelkit; the outcome of any cancel it sent is")
        sys.stderr.write(" unknown):\n" + traceback.format_exc())
        return EXIT_CRASH


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    args = parser().parse_args(argv)
    if args.command == "simulate":
        return simulate(
            args.port,
            args.orders,
            out,
            auto_orders=args.auto_orders,
            latency_ms=args.latency_ms,
            seeds=args.seed,
            faults=args.fault,
        )
    # CANCELKIT_<VENUE>_BASE_URL (what `cancelkit simulate` prints), unless --base-url names the venue.
    environment = {
        v: os.environ[f"CANCELKIT_{v.upper()}_BASE_URL"]
        for v in VENUES
        if f"CANCELKIT_{v.upper()}_BASE_URL" in os.environ
    }
    args.base_urls = environment | dict(args.base_urls)

    def run() -> int:
        try:
            runs = asyncio.run(_run(args, out))
        except (ConfigurationError, InvalidArgument) as error:
            sys.stderr.write(f"cancelkit: {error}\n")
            return EXIT_USAGE if isinstance(error, InvalidArgument) else EXIT_CONFIG
        code = exit_code(runs)
        if args.json:
            document = {"command": args.command, "exit_code": code, "venues": [run.as_json() for run in runs]}
            json.dump(document, out, indent=2)
            out.write("\n")
        else:
            print_table(runs, out)
        return code

    return _guarded(run)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
