"""`make bench`: the cost of a cancel, side by side with the floor and bare httpx.

Every variant cancels on the simulator (in its own process, over loopback keep-alive), in a fresh interpreter,
after a warm-up, `--cancels` times in a row, for `--repetitions` rounds; figures are medians across rounds, and
each ratio is paired within a round so that the machine's noise cancels out. Client CPU is the worker's process
time: the simulator's CPU is not in it. Writes BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import hmac
import http.client
import json
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # cancelkit is imported inside the measured processes only
    from cancelkit import VenueName

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = {
    "floor": "1. floor: http.client, hand-built query, hmac, json",
    "httpx": "2. bare httpx.Client, same hand signing",
    "generated": "3. generated client + overlay signing",
    "generated_transport": "3b. the same, over cancelkit's HTTP11Transport",
    "facade": "4. sync facade (CancelClient)",
    "async_facade": "5. async facade (AsyncCancelClient)",
}
SYMBOL = "BTCUSDT"
FAN_OUT_LATENCIES_MS = (5, 20)


# -- the variants: each returns a cancel function taking an order id ------------------------------------------------


def credentials() -> tuple[str, str]:
    from cancelkit.testing import DEFAULT_SECRETS

    return DEFAULT_SECRETS["binance"]


def floor(base: str) -> Callable[[int], object]:
    api_key, secret = credentials()
    key = secret.encode()
    host, port = base.removeprefix("http://").split("/")[0].split(":")
    prefix = "/" + base.split("/", 3)[3]
    connection = http.client.HTTPConnection(host, int(port))
    headers = {"X-MBX-APIKEY": api_key}

    def cancel(order_id: int) -> object:
        query = f"symbol={SYMBOL}&orderId={order_id}&timestamp={int(time.time() * 1000)}"
        signature = hmac.new(key, query.encode(), hashlib.sha256).hexdigest()
        connection.request("DELETE", f"{prefix}/api/v3/order?{query}&signature={signature}", headers=headers)
        response = connection.getresponse()
        body = json.loads(response.read())
        if response.status != 200 or body["status"] != "CANCELED":
            raise RuntimeError(f"the floor's cancel failed: {body}")
        return body

    return cancel


def bare_httpx(base: str) -> Callable[[int], object]:
    import httpx

    api_key, secret = credentials()
    key = secret.encode()
    client = httpx.Client(base_url=base, headers={"X-MBX-APIKEY": api_key})

    def cancel(order_id: int) -> object:
        query = f"symbol={SYMBOL}&orderId={order_id}&timestamp={int(time.time() * 1000)}"
        signature = hmac.new(key, query.encode(), hashlib.sha256).hexdigest()
        response = client.delete(f"/api/v3/order?{query}&signature={signature}")
        body = response.json()
        if response.status_code != 200 or body["status"] != "CANCELED":
            raise RuntimeError(f"bare httpx's cancel failed: {body}")
        return body

    return cancel


def generated(base: str, transport: bool = False) -> Callable[[int], object]:
    from cancelkit_binance_client import Client
    from cancelkit_binance_client.api.trade import cancel_order
    from cancelkit_binance_client.models import CancelOrderReport

    from cancelkit import BinanceAuth, Credentials, HTTP11Transport, VenueClock

    api_key, secret = credentials()
    auth = BinanceAuth(Credentials(api_key, secret=secret), VenueClock(use_venue_time=False))
    httpx_args: dict[str, Any] = {"auth": auth}
    if transport:
        httpx_args["transport"] = HTTP11Transport()
    client = Client(base_url=base, httpx_args=httpx_args)

    def cancel(order_id: int) -> object:
        report = cancel_order.sync_detailed(client=client, symbol=SYMBOL, order_id=order_id).parsed
        if not isinstance(report, CancelOrderReport):
            raise RuntimeError(f"the generated client's cancel failed: {report}")
        return report

    return cancel


def facade(base: str) -> Callable[[int], object]:
    from cancelkit import CancelClient, Credentials

    api_key, secret = credentials()
    client = CancelClient("binance", Credentials(api_key, secret=secret), base_url=base)
    return lambda order_id: client.cancel_order(SYMBOL, order_id=order_id)


def async_facade(base: str) -> tuple[Any, Callable[[int], Any]]:
    from cancelkit import AsyncCancelClient, Credentials

    api_key, secret = credentials()
    client = AsyncCancelClient("binance", Credentials(api_key, secret=secret), base_url=base)
    return client, lambda order_id: client.cancel_order(SYMBOL, order_id=order_id)


# -- one worker process ----------------------------------------------------------------------------------------------


def measure(cancel: Callable[[int], object], cancels: int, warmup: int) -> dict[str, Any]:
    for order_id in range(1, warmup + 1):
        cancel(order_id)
    walls = []
    cpu_start = time.process_time()
    for order_id in range(warmup + 1, warmup + cancels + 1):
        started = time.perf_counter()
        cancel(order_id)
        walls.append(time.perf_counter() - started)
    return summarize(time.process_time() - cpu_start, walls, cancels)


async def measure_async(cancel: Callable[[int], Any], cancels: int, warmup: int) -> dict[str, Any]:
    for order_id in range(1, warmup + 1):
        await cancel(order_id)
    walls = []
    cpu_start = time.process_time()
    for order_id in range(warmup + 1, warmup + cancels + 1):
        started = time.perf_counter()
        await cancel(order_id)
        walls.append(time.perf_counter() - started)
    return summarize(time.process_time() - cpu_start, walls, cancels)


def summarize(cpu: float, walls: list[float], cancels: int) -> dict[str, Any]:
    walls.sort()
    return {
        "cpu_us": cpu / cancels * 1e6,
        "p50_us": walls[len(walls) // 2] * 1e6,
        "p99_us": walls[int(len(walls) * 0.99)] * 1e6,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


async def fan_out(bases: dict[VenueName, str], total: int) -> dict[str, float]:
    """`total` cancels spread over the three venues: one after another, then all at once."""
    from cancelkit import AsyncCancelClient, Credentials
    from cancelkit.testing import DEFAULT_SECRETS

    clients = {
        venue: AsyncCancelClient(
            venue, Credentials(DEFAULT_SECRETS[venue][0], secret=DEFAULT_SECRETS[venue][1]), base_url=base
        )
        for venue, base in bases.items()
    }
    symbols = {"binance": "BTC/USDT", "mexc": "BTC/USDT", "bingx": "BTC/USDT"}
    plan = [(venue, i) for i in range(total // 3) for venue in clients]

    async def one(venue: VenueName, order_id: int) -> object:
        return await clients[venue].cancel_order(symbols[venue], order_id=order_id + 10_000_000)

    # Warm: clocks synced and the pools as full as a burst leaves them, as in a client that has been running.
    await asyncio.gather(*(one(venue, i + 2 * total) for venue, i in plan))
    started = time.perf_counter()
    for venue, i in plan:
        await one(venue, i)
    sequential = time.perf_counter() - started
    started = time.perf_counter()
    await asyncio.gather(*(one(venue, i + total) for venue, i in plan))
    concurrent = time.perf_counter() - started
    for client in clients.values():
        await client.aclose()
    return {"sequential_s": sequential, "concurrent_s": concurrent, "cancels": len(plan)}


def worker(variant: str, base: str, cancels: int, warmup: int) -> dict[str, Any]:
    if variant == "async_facade":

        async def run() -> dict[str, Any]:
            client, cancel = async_facade(base)
            try:
                return await measure_async(cancel, cancels, warmup)
            finally:
                await client.aclose()

        return asyncio.run(run())
    make = {
        "floor": floor,
        "httpx": bare_httpx,
        "generated": generated,
        "generated_transport": lambda base: generated(base, transport=True),
        "facade": facade,
    }[variant]
    return measure(make(base), cancels, warmup)


# -- the orchestrator ------------------------------------------------------------------------------------------------


def start_simulator(latency_ms: int = 0) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    command = [
        sys.executable,
        "-m",
        "cancelkit.cli",
        "simulate",
        "--port",
        str(port),
        "--orders",
        "0",
        "--auto-orders",
        "--latency-ms",
        str(latency_ms),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server, port
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit("bench: the simulator did not start")


def run_worker(args: list[str]) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, __file__, "--worker", *args], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def import_time(module: str, runs: int) -> float:
    """Median milliseconds to import `module` in a fresh interpreter (interpreter start-up excluded)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times) * 1000


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    import httpx

    return (
        f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores; Python {platform.python_version()};"
        f" httpx {httpx.__version__}"
    )


def orchestrate(cancels: int, warmup: int, repetitions: int, output: Path) -> str:
    server, port = start_simulator()
    base = f"http://127.0.0.1:{port}"
    rounds: list[dict[str, dict[str, Any]]] = []
    try:
        names = list(VARIANTS)
        for number in range(repetitions):
            # Each round starts with another variant, so that a slow drift of the machine favours none of them.
            order = names[number % len(names) :] + names[: number % len(names)]
            rounds.append({v: run_worker([v, f"{base}/binance", str(cancels), str(warmup)]) for v in order})
    finally:
        server.terminate()
        server.wait(timeout=10)
    # The fan-out against venues that answer after some milliseconds, as a venue across a network does: on bare
    # loopback a Python simulator's own work, not the client, would set the pace.
    fans = {}
    for latency in FAN_OUT_LATENCIES_MS:
        server, port = start_simulator(latency)
        try:
            fans[latency] = json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--fan-out", f"http://127.0.0.1:{port}", "300"],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
        finally:
            server.terminate()
            server.wait(timeout=10)
    imports = {
        m: import_time(m, 9)
        for m in ("httpx", "cancelkit", "cancelkit_binance_client", "cancelkit_mexc_client", "cancelkit_bingx_client")
    }
    imports["from cancelkit import CancelClient"] = import_time("cancelkit; cancelkit.CancelClient", 9)

    def median(variant: str, key: str) -> float:
        return float(statistics.median(r[variant][key] for r in rounds))

    def paired(variant: str, base_variant: str) -> float:
        return float(statistics.median(r[variant]["cpu_us"] / r[base_variant]["cpu_us"] for r in rounds))

    lines = [
        "# Benchmarks",
        "",
        f"`make bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {machine()}.",
        f"{cancels} sequential cancels per variant after {warmup} warm-up cancels, {repetitions} fresh-process"
        " rounds (each starting with another variant), medians; ratios of client CPU paired within each round."
        " The simulator runs in its own process on loopback keep-alive, so wall times include its answer; client"
        " CPU does not.",
        "",
        "| variant | client CPU µs/cancel | × floor | × bare httpx | wall p50 µs | wall p99 µs | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for variant, label in VARIANTS.items():
        lines.append(
            f"| {label} | {median(variant, 'cpu_us'):.1f} | {paired(variant, 'floor'):.2f} |"
            f" {paired(variant, 'httpx'):.2f} | {median(variant, 'p50_us'):.0f} | {median(variant, 'p99_us'):.0f} |"
            f" {median(variant, 'peak_rss_mb'):.1f} |"
        )
    lines += [
        "",
        "Fan-out: 300 cancels spread over Binance, MEXC and BingX with the async facade (warm pools), one after"
        " another and then all at once; the simulator answers each after the latency given, standing in for the"
        " network. At low latency the two cores, shared with the simulator, set the pace.",
        "",
        "| venue latency | sequential ms | concurrent ms | concurrent speed-up |",
        "|---:|---:|---:|---:|",
    ]
    for latency, fan in fans.items():
        lines.append(
            f"| {latency} ms | {fan['sequential_s'] * 1000:.0f} | {fan['concurrent_s'] * 1000:.0f} |"
            f" **{fan['sequential_s'] / fan['concurrent_s']:.1f}×** |"
        )
    lines += [
        "",
        "| import, fresh interpreter (median of 9) | ms | × `import httpx` |",
        "|---|---:|---:|",
    ]
    for module, ms in imports.items():
        lines.append(
            f"| `{module if module.startswith('from') else 'import ' + module}` | {ms:.1f} |"
            f" {ms / imports['httpx']:.2f} |"
        )
    report = "\n".join(lines) + "\n"
    output.write_text(report)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cancels", type=int, default=3000)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--worker", nargs=4, metavar=("VARIANT", "BASE", "CANCELS", "WARMUP"), help=argparse.SUPPRESS)
    parser.add_argument("--fan-out", nargs=2, metavar=("BASE", "TOTAL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        variant, base, cancels, warmup = args.worker
        print(json.dumps(worker(variant, base, int(cancels), int(warmup))))
    elif args.fan_out:
        base, total = args.fan_out
        venues: tuple[VenueName, ...] = ("binance", "mexc", "bingx")
        bases = {venue: f"{base}/{venue}" for venue in venues}
        print(json.dumps(asyncio.run(fan_out(bases, int(total)))))
    else:
        started = time.monotonic()
        print(orchestrate(args.cancels, args.warmup, args.repetitions, args.output))
        print(f"({time.monotonic() - started:.0f} s; written to {args.output})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
