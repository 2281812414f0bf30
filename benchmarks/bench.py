"""`make bench`: the cost of a cancel, side by side with the raw-socket floor, bare httpx and aiohttp.

Every variant cancels on the simulator (in its own process, over loopback keep-alive), in a fresh interpreter,
after a warm-up, `--cancels` times in a row, for `--repetitions` rounds; figures are medians across rounds, and
each ratio is paired within a round so that the machine's noise cancels out. Client CPU is the worker's process
time: the simulator's CPU is not in it. Then the client CPU of a 300-way fan-out (the async facade, aiohttp, an
asyncio floor), the fan-out's speed-up over three venues, and import times in a clean install built from this
tree's wheels. Writes BENCHMARKS.md, with benchmarks/where_time_goes.md included as it is.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import hmac
import http.client
import itertools
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # cancelkit is imported inside the measured processes only
    from cancelkit import VenueName

ROOT = Path(__file__).resolve().parent.parent
WHERE_TIME_GOES = Path(__file__).resolve().parent / "where_time_goes.md"
VARIANTS = {
    "socket": "1. floor: one blocking socket, f-string request, hmac, minimal parse, json",
    "http_client": "2. http.client, same hand signing",
    "httpx": "3. bare httpx.Client, same hand signing",
    "aiohttp": "4. aiohttp.ClientSession (async), same hand signing",
    "generated": "5. generated client + overlay signing",
    "generated_transport": "5b. the same, over cancelkit's HTTP11Transport",
    "facade": "6. sync facade (CancelClient)",
    "async_facade": "7. async facade (AsyncCancelClient)",
}
FLOOR = "socket"
SYMBOL = "BTCUSDT"
FAN_OUT_LATENCIES_MS = (5, 20)
# The fan-out's client CPU: FAN_OUT_WIDTH cancels at once, FAN_OUT_WARM_BURSTS bursts to fill the pools, then
# FAN_OUT_BURSTS measured, against a simulator answering after FAN_OUT_CPU_LATENCY_MS. Every variant may open as
# many connections as cancels are in flight: aiohttp's connector limit and the facade's max_connections are the
# width, and the floor opens one whenever none is idle.
FAN_OUT_WIDTH = 300
FAN_OUT_CPU_VARIANTS = {
    "stream_floor": "floor: asyncio streams, f-string request, hmac, minimal parse, json",
    "aiohttp": f"aiohttp.ClientSession, TCPConnector(limit={FAN_OUT_WIDTH}), hand signing",
    "async_facade": f"async facade (AsyncCancelClient, max_connections={FAN_OUT_WIDTH})",
}
FAN_OUT_WARM_BURSTS = 2
FAN_OUT_BURSTS = 10
FAN_OUT_CPU_LATENCY_MS = 5
IMPORT_RUNS = 9
IMPORTS = (
    "import httpx",
    "import cancelkit",
    "from cancelkit import CancelClient",
    "import cancelkit_binance_client",
    "import cancelkit_mexc_client",
    "import cancelkit_bingx_client",
)
# What a venv of its own must not hold: the dev tools that make httpx's own import dearer in the dev venv.
DEV_ONLY = ("click", "rich", "pygments", "pytest", "aiohttp")

AsyncCancel = Callable[[int], Awaitable[object]]
AsyncVariant = tuple[Callable[[], Awaitable[object]], AsyncCancel]


# -- the variants: each returns a cancel function taking an order id ------------------------------------------------


def credentials() -> tuple[str, str]:
    from cancelkit.testing import DEFAULT_SECRETS

    return DEFAULT_SECRETS["binance"]


def hand_signed(key: bytes, order_id: int) -> str:
    """The query the hand-signing variants send: Binance's cancel, signed with HMAC-SHA256 of the query."""
    query = f"symbol={SYMBOL}&orderId={order_id}&timestamp={int(time.time() * 1000)}"
    return f"{query}&signature={hmac.new(key, query.encode(), hashlib.sha256).hexdigest()}"


def split_base(base: str) -> tuple[str, int, str]:
    """http://host:port/prefix -> (host, port, "/prefix")."""
    authority, _, prefix = base.removeprefix("http://").partition("/")
    host, _, port = authority.partition(":")
    return host, int(port), "/" + prefix if prefix else ""


def parse_head(head: bytes) -> tuple[int, int]:
    """The status and Content-Length of an answer's head (the simulator always sends one; no chunked bodies)."""
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return status, int(value)
    raise RuntimeError(f"an answer without Content-Length: {head!r}")


def checked(status: int, body: Any, variant: str) -> object:
    if status != 200 or body["status"] != "CANCELED":
        raise RuntimeError(f"{variant}'s cancel failed: {status} {body}")
    return body


def raw_socket(base: str) -> Callable[[int], object]:
    """The floor: what a cancel must cost in Python, one blocking keep-alive socket and nothing else."""
    api_key, secret = credentials()
    key = secret.encode()
    host, port, prefix = split_base(base)
    connection = socket.create_connection((host, port))
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    head = f" HTTP/1.1\r\nHost: {host}:{port}\r\nX-MBX-APIKEY: {api_key}\r\n\r\n"
    pending = b""  # what arrived past the last answer (nothing, from a server that answers one request at a time)

    def receive() -> bytes:
        chunk = connection.recv(65536)
        if not chunk:
            raise ConnectionError("the simulator closed the connection")
        return chunk

    def cancel(order_id: int) -> object:
        nonlocal pending
        connection.sendall(f"DELETE {prefix}/api/v3/order?{hand_signed(key, order_id)}{head}".encode())
        data = pending
        while (end := data.find(b"\r\n\r\n")) < 0:
            data += receive()
        status, length = parse_head(data[:end])
        stop = end + 4 + length
        while len(data) < stop:  # the head and the body may come in separate reads, the body in several
            data += receive()
        pending = data[stop:]
        return checked(status, json.loads(data[end + 4 : stop]), "the raw socket")

    return cancel


def http_client(base: str) -> Callable[[int], object]:
    api_key, secret = credentials()
    key = secret.encode()
    host, port, prefix = split_base(base)
    connection = http.client.HTTPConnection(host, port)
    headers = {"X-MBX-APIKEY": api_key}

    def cancel(order_id: int) -> object:
        connection.request("DELETE", f"{prefix}/api/v3/order?{hand_signed(key, order_id)}", headers=headers)
        response = connection.getresponse()
        return checked(response.status, json.loads(response.read()), "http.client")

    return cancel


def bare_httpx(base: str) -> Callable[[int], object]:
    import httpx

    api_key, secret = credentials()
    key = secret.encode()
    client = httpx.Client(base_url=base, headers={"X-MBX-APIKEY": api_key})

    def cancel(order_id: int) -> object:
        response = client.delete(f"/api/v3/order?{hand_signed(key, order_id)}")
        return checked(response.status_code, response.json(), "bare httpx")

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


# The async variants, made inside a running event loop: each returns (close, cancel). `connections` bounds the
# connections open at once; the sequential table leaves each client's default.


async def async_facade(base: str, connections: int | None = None) -> AsyncVariant:
    from cancelkit import AsyncCancelClient, Credentials

    api_key, secret = credentials()
    options: dict[str, Any] = {} if connections is None else {"max_connections": connections}
    client = AsyncCancelClient("binance", Credentials(api_key, secret=secret), base_url=base, **options)

    async def cancel(order_id: int) -> object:
        return await client.cancel_order(SYMBOL, order_id=order_id)

    return client.aclose, cancel


async def aiohttp_client(base: str, connections: int | None = None) -> AsyncVariant:
    import aiohttp

    api_key, secret = credentials()
    key = secret.encode()
    connector = aiohttp.TCPConnector() if connections is None else aiohttp.TCPConnector(limit=connections)
    session = aiohttp.ClientSession(headers={"X-MBX-APIKEY": api_key}, connector=connector)
    url = f"{base}/api/v3/order?"

    async def cancel(order_id: int) -> object:
        async with session.delete(url + hand_signed(key, order_id)) as response:
            return checked(response.status, json.loads(await response.read()), "aiohttp")

    return session.close, cancel


async def stream_floor(base: str, connections: int | None = None) -> AsyncVariant:
    """The async floor: asyncio streams, a list of idle connections, one opened whenever none is idle."""
    api_key, secret = credentials()
    key = secret.encode()
    host, port, prefix = split_base(base)
    head = f" HTTP/1.1\r\nHost: {host}:{port}\r\nX-MBX-APIKEY: {api_key}\r\n\r\n"
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def cancel(order_id: int) -> object:
        reader, writer = idle.pop() if idle else await asyncio.open_connection(host, port)  # TCP_NODELAY is set
        writer.write(f"DELETE {prefix}/api/v3/order?{hand_signed(key, order_id)}{head}".encode())
        status, length = parse_head((await reader.readuntil(b"\r\n\r\n"))[:-4])
        body = json.loads(await reader.readexactly(length))
        idle.append((reader, writer))  # only after a whole answer: a failed connection is dropped
        return checked(status, body, "the asyncio floor")

    async def close() -> None:
        for _, writer in idle:
            writer.close()

    return close, cancel


SYNC_VARIANTS: dict[str, Callable[[str], Callable[[int], object]]] = {
    "socket": raw_socket,
    "http_client": http_client,
    "httpx": bare_httpx,
    "generated": generated,
    "generated_transport": lambda base: generated(base, transport=True),
    "facade": facade,
}
ASYNC_VARIANTS: dict[str, Callable[[str, int | None], Awaitable[AsyncVariant]]] = {
    "aiohttp": aiohttp_client,
    "async_facade": async_facade,
    "stream_floor": stream_floor,
}


# -- one worker process ----------------------------------------------------------------------------------------------


def measure(cancel: Callable[[int], object], cancels: int, warmup: int) -> dict[str, Any]:
    for order_id in range(1, warmup + 1):
        cancel(order_id)
    walls = []
    cpu_start, kernel_start = time.process_time(), kernel_time()
    for order_id in range(warmup + 1, warmup + cancels + 1):
        started = time.perf_counter()
        cancel(order_id)
        walls.append(time.perf_counter() - started)
    return summarize(time.process_time() - cpu_start, kernel_time() - kernel_start, walls, cancels)


async def measure_async(cancel: AsyncCancel, cancels: int, warmup: int) -> dict[str, Any]:
    for order_id in range(1, warmup + 1):
        await cancel(order_id)
    walls = []
    cpu_start, kernel_start = time.process_time(), kernel_time()
    for order_id in range(warmup + 1, warmup + cancels + 1):
        started = time.perf_counter()
        await cancel(order_id)
        walls.append(time.perf_counter() - started)
    return summarize(time.process_time() - cpu_start, kernel_time() - kernel_start, walls, cancels)


def kernel_time() -> float:
    """This process's CPU seconds in the kernel so far (sends, receives, waits, wake-ups): part of process_time,
    split from the user's share by the kernel's sampling at its clock ticks, so rough over short stretches."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_stime


def summarize(cpu: float, kernel: float, walls: list[float], cancels: int) -> dict[str, Any]:
    walls.sort()
    return {
        "cpu_us": cpu / cancels * 1e6,
        "kernel_us": kernel / cancels * 1e6,
        "p50_us": walls[len(walls) // 2] * 1e6,
        "p99_us": walls[int(len(walls) * 0.99)] * 1e6,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


async def fan_out_cpu(variant: str, base: str) -> dict[str, Any]:
    """The client CPU per cancel of FAN_OUT_WIDTH cancels at once, on warm pools: process time over the measured
    bursts (making the coroutines, sending, reading, parsing: everything between gather's call and its return)."""
    close, cancel = await ASYNC_VARIANTS[variant](base, FAN_OUT_WIDTH)
    order_ids = itertools.count(1)
    try:
        for _ in range(FAN_OUT_WARM_BURSTS):
            await asyncio.gather(*(cancel(next(order_ids)) for _ in range(FAN_OUT_WIDTH)))
        cpu = kernel = wall = 0.0
        for _ in range(FAN_OUT_BURSTS):
            batch = [next(order_ids) for _ in range(FAN_OUT_WIDTH)]
            cpu_start, kernel_start = time.process_time(), kernel_time()
            started = time.perf_counter()
            await asyncio.gather(*(cancel(order_id) for order_id in batch))
            cpu += time.process_time() - cpu_start
            kernel += kernel_time() - kernel_start
            wall += time.perf_counter() - started
    finally:
        await close()
    cancels = FAN_OUT_WIDTH * FAN_OUT_BURSTS
    return {
        "cpu_us": cpu / cancels * 1e6,
        "kernel_us": kernel / cancels * 1e6,
        "burst_ms": wall / FAN_OUT_BURSTS * 1000,
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
    if variant in ASYNC_VARIANTS:

        async def run() -> dict[str, Any]:
            close, cancel = await ASYNC_VARIANTS[variant](base, None)
            try:
                return await measure_async(cancel, cancels, warmup)
            finally:
                await close()

        return asyncio.run(run())
    return measure(SYNC_VARIANTS[variant](base), cancels, warmup)


# -- import times in a clean install ---------------------------------------------------------------------------------


def clean_environment() -> dict[str, str]:
    """This process's environment less what would bring the dev venv or a user's packages into another one."""
    leaks = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE", "VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT")
    return {name: value for name, value in os.environ.items() if name not in leaks}


def build_clean_install(directory: Path) -> Path:
    """A venv of its own, with the same interpreter, holding what `pip install cancelkit` would: the wheels of
    cancelkit and of every generated package built from this tree, their dependencies at uv.lock's versions.
    Returns its python."""
    uv = os.environ.get("UV") or shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
    environment = clean_environment()

    def run(*command: str | Path, cwd: Path = directory) -> None:
        subprocess.run([str(part) for part in command], cwd=cwd, env=environment, check=True, capture_output=True)

    wheels = directory / "wheels"
    run(uv, "build", "--wheel", "--all-packages", "--out-dir", wheels, cwd=ROOT)
    requirements = directory / "requirements.txt"
    run(uv, "export", "--frozen", "--no-dev", "--no-hashes", "--no-emit-workspace", "-o", requirements, cwd=ROOT)
    run(uv, "venv", "--python", sys.executable, directory / "venv")
    python = directory / "venv" / "bin" / "python"
    run(uv, "pip", "install", "--python", python, "--compile-bytecode", "-r", requirements, *wheels.glob("*.whl"))
    # Nothing of the dev venv: every package from the new venv, no dev-only package, no path into this tree.
    probe = (
        "import importlib.util, json, sys\n"
        "import cancelkit, cancelkit_binance_client, httpx\n"
        "print(json.dumps({'files': [cancelkit.__file__, cancelkit_binance_client.__file__, httpx.__file__],"
        f" 'dev_only': [m for m in {DEV_ONLY!r} if importlib.util.find_spec(m)], 'path': sys.path}}))"
    )
    found = json.loads(
        subprocess.run(
            [python, "-I", "-c", probe], cwd=directory, env=environment, capture_output=True, text=True, check=True
        ).stdout
    )
    venv = str(directory / "venv")
    if not all(file.startswith(venv) for file in found["files"]) or found["dev_only"]:
        raise RuntimeError(f"the clean install is not clean: {found}")
    if any(str(ROOT) in entry for entry in found["path"]):
        raise RuntimeError(f"the clean install's sys.path reaches into {ROOT}: {found['path']}")
    return python


def import_times(python: str | Path, cwd: Path, runs: int) -> dict[str, float]:
    """Median milliseconds of each statement in IMPORTS, each in a fresh `python -I` (start-up excluded); the
    statements take turns so that a drift of the machine favours none, after one discarded run each."""
    times: dict[str, list[float]] = {statement: [] for statement in IMPORTS}
    for run in range(runs + 1):
        for statement in IMPORTS:
            code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
            output = subprocess.run(
                [str(python), "-I", "-c", code], cwd=cwd, env=clean_environment(), capture_output=True, text=True
            )
            if output.returncode != 0:
                raise RuntimeError(f"{statement!r} failed: {output.stderr.strip()}")
            if run:
                times[statement].append(float(output.stdout))
    return {statement: statistics.median(values) * 1000 for statement, values in times.items()}


def clean_install_imports(runs: int) -> tuple[dict[str, float], str, bool]:
    """Import times in a clean install, how they were measured, and whether the install was clean: the dev venv's
    times, said so, if no clean install can be made."""
    with tempfile.TemporaryDirectory(prefix="cancelkit-bench-") as directory:
        try:
            python = build_clean_install(Path(directory))
        except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
            detail = getattr(error, "stderr", None) or error
            print(f"bench: no clean install ({str(detail).strip()[-500:]}); import times from the dev venv")
            how = (
                "**Not a clean install** (one could not be made: see `make bench`'s output): the dev venv, where"
                " `import httpx` also loads click, rich and pygments."
            )
            return import_times(sys.executable, Path(directory), runs), how, False
        times = import_times(python, Path(directory), runs)
    how = (
        f"Import, clean install: a venv made for the run (`uv venv`, Python {platform.python_version()}) holding"
        " the wheels of cancelkit and of the four generated packages built from this tree (`uv build --wheel"
        " --all-packages`) and their runtime dependencies at uv.lock's versions (`uv export --no-dev`), nothing"
        " editable and no dev tool (httpx there loads no click, rich or pygments); each statement in a fresh"
        f" `python -I` (start-up excluded), the statements taking turns, median of {runs} after a discarded run."
    )
    return times, how, True


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


def warm_simulator(base: str, cancels: int = 1000) -> None:
    """Cancels before any measured one, so that round 1's first variant does not meet a simulator still warming up
    (slower answers cost a blocking client more wake-ups: the client's CPU depends a little on the server's pace)."""
    cancel = raw_socket(base)
    for order_id in range(1, cancels + 1):
        cancel(order_id)


def run_worker(args: list[str]) -> dict[str, Any]:
    output = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def rotated(names: list[str], number: int) -> list[str]:
    """Round `number`'s order: each round starts with another variant, so that a drift favours none of them."""
    return names[number % len(names) :] + names[: number % len(names)]


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    import aiohttp
    import httpx

    return (
        f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores; Python {platform.python_version()};"
        f" httpx {httpx.__version__}; aiohttp {aiohttp.__version__}"
    )


def orchestrate(cancels: int, warmup: int, repetitions: int, output: Path) -> str:
    phases: dict[str, float] = {}
    started = time.monotonic()
    server, port = start_simulator()
    base = f"http://127.0.0.1:{port}"
    rounds: list[dict[str, dict[str, Any]]] = []
    try:
        warm_simulator(f"{base}/binance")
        for number in range(repetitions):
            rounds.append(
                {
                    v: run_worker(["--worker", v, f"{base}/binance", str(cancels), str(warmup)])
                    for v in rotated(list(VARIANTS), number)
                }
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
    phases["sequential"] = time.monotonic() - started
    # The fan-outs against venues that answer after some milliseconds, as a venue across a network does: on bare
    # loopback a Python simulator's own work, not the client, would set the pace.
    started = time.monotonic()
    fans = {}
    fan_rounds: list[dict[str, dict[str, Any]]] = []
    for latency in FAN_OUT_LATENCIES_MS:
        server, port = start_simulator(latency)
        base = f"http://127.0.0.1:{port}"
        try:
            if latency == FAN_OUT_CPU_LATENCY_MS:
                for number in range(repetitions):
                    fan_rounds.append(
                        {
                            v: run_worker(["--fan-out-cpu", v, f"{base}/binance"])
                            for v in rotated(list(FAN_OUT_CPU_VARIANTS), number)
                        }
                    )
            fans[latency] = run_worker(["--fan-out", base, "300"])
        finally:
            server.terminate()
            server.wait(timeout=10)
    phases["fan-out"] = time.monotonic() - started
    started = time.monotonic()
    imports, imports_how, clean = clean_install_imports(IMPORT_RUNS)
    phases["imports"] = time.monotonic() - started

    def median(table: list[dict[str, dict[str, Any]]], variant: str, key: str) -> float:
        return float(statistics.median(r[variant][key] for r in table))

    def paired(table: list[dict[str, dict[str, Any]]], variant: str, base_variant: str) -> float:
        return float(statistics.median(r[variant]["cpu_us"] / r[base_variant]["cpu_us"] for r in table))

    facade_per_aiohttp = paired(fan_rounds, "async_facade", "aiohttp")
    clean_import = imports["from cancelkit import CancelClient"] / imports["import httpx"]
    lines = [
        "# Benchmarks",
        "",
        f"`make bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {machine()}.",
        "",
        "Issue 15's goals, as this run measured them: the sync facade's client CPU per cancel"
        f" **{paired(rounds, 'facade', FLOOR):.2f}×** the raw-socket floor (goal: at most 3×); the async facade's"
        f" CPU per cancel in a {FAN_OUT_WIDTH}-way fan-out **{facade_per_aiohttp:.2f}×** aiohttp's (goal: at most"
        f" 1×); `from cancelkit import CancelClient` {'in a clean install' if clean else '(NOT a clean install)'}"
        f" **{clean_import:.2f}×** `import httpx`"
        " (goal: at most 1.2×).",
        "",
        "## One cancel after another",
        "",
        f"{cancels} sequential cancels per variant after {warmup} warm-up cancels, {repetitions} fresh-process"
        " rounds (each starting with another variant), medians; ratios of client CPU paired within each round."
        " The floor is one blocking keep-alive socket: the request written with an f-string, HMAC-SHA256 signing,"
        " the answer's head read to its end, its Content-Length, the body read, `json.loads` and the status"
        " checked, as every variant checks it. Variants 2 to 4 sign by hand the same way. The simulator runs in"
        " its own process on loopback keep-alive, so wall times include its answer; client CPU does not. Client CPU"
        " is the worker's process time; beside it the kernel's share (sends, receives, waits, wake-ups), as the"
        " kernel apportions it by sampling at its clock ticks: a rough split, noisy on short runs. Much of the"
        " floor's CPU is the kernel's, and it grows when the simulator answers more slowly, so the × floor ratios"
        " move with the machine's load more than the × bare httpx ones.",
        "",
        "| variant | client CPU µs/cancel | of which kernel ≈µs | × floor | × bare httpx | wall p50 µs | wall p99 µs |"
        " peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for variant, label in VARIANTS.items():
        lines.append(
            f"| {label} | {median(rounds, variant, 'cpu_us'):.1f} | {median(rounds, variant, 'kernel_us'):.1f} |"
            f" {paired(rounds, variant, FLOOR):.2f} |"
            f" {paired(rounds, variant, 'httpx'):.2f} | {median(rounds, variant, 'p50_us'):.0f} |"
            f" {median(rounds, variant, 'p99_us'):.0f} | {median(rounds, variant, 'peak_rss_mb'):.1f} |"
        )
    lines += [
        "",
        "## Fan-out",
        "",
        f"Client CPU of a fan-out: {FAN_OUT_WIDTH} cancels at once (`asyncio.gather`) on Binance, the simulator"
        f" answering each after {FAN_OUT_CPU_LATENCY_MS} ms; {FAN_OUT_WARM_BURSTS} bursts first to fill the pools,"
        f" then the process CPU (`time.process_time()`, the kernel's sampled share beside it) of {FAN_OUT_BURSTS}"
        f" bursts over their {FAN_OUT_WIDTH * FAN_OUT_BURSTS} cancels. Every variant may hold {FAN_OUT_WIDTH}"
        f" connections: aiohttp's one ClientSession has a connector limit of {FAN_OUT_WIDTH}, the facade"
        f" max_connections={FAN_OUT_WIDTH}, and the floor opens a connection whenever none is idle. A fresh process"
        f" per variant, {repetitions} rounds (each starting with another variant), medians; ratios paired within"
        " each round.",
        "",
        "| variant | client CPU µs/cancel | of which kernel ≈µs | × floor | × aiohttp | burst wall ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for variant, label in FAN_OUT_CPU_VARIANTS.items():
        ratio = f"{paired(fan_rounds, variant, 'aiohttp'):.2f}"
        lines.append(
            f"| {label} | {median(fan_rounds, variant, 'cpu_us'):.1f} |"
            f" {median(fan_rounds, variant, 'kernel_us'):.1f} | {paired(fan_rounds, variant, 'stream_floor'):.2f} |"
            f" {f'**{ratio}**' if variant == 'async_facade' else ratio} |"
            f" {median(fan_rounds, variant, 'burst_ms'):.0f} |"
        )
    lines += [
        "",
        "300 cancels spread over Binance, MEXC and BingX with the async facade (warm pools, default"
        " max_connections), one after another and then all at once; the simulator answers each after the latency"
        " given, standing in for the network. At low latency the two cores, shared with the simulator, set the pace.",
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
        "## Import",
        "",
        imports_how,
        "",
        f"| statement, fresh interpreter (median of {IMPORT_RUNS}) | ms | × `import httpx` |",
        "|---|---:|---:|",
    ]
    for statement, ms in imports.items():
        lines.append(f"| `{statement}` | {ms:.1f} | {ms / imports['import httpx']:.2f} |")
    if WHERE_TIME_GOES.exists():
        lines += ["", WHERE_TIME_GOES.read_text().strip()]
    report = "\n".join(lines) + "\n"
    output.write_text(report)
    print("bench: " + ", ".join(f"{phase} {seconds:.0f} s" for phase, seconds in phases.items()))
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cancels", type=int, default=3000)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--worker", nargs=4, metavar=("VARIANT", "BASE", "CANCELS", "WARMUP"), help=argparse.SUPPRESS)
    parser.add_argument("--fan-out", nargs=2, metavar=("BASE", "TOTAL"), help=argparse.SUPPRESS)
    parser.add_argument("--fan-out-cpu", nargs=2, metavar=("VARIANT", "BASE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        variant, base, cancels, warmup = args.worker
        print(json.dumps(worker(variant, base, int(cancels), int(warmup))))
    elif args.fan_out:
        base, total = args.fan_out
        venues: tuple[VenueName, ...] = ("binance", "mexc", "bingx")
        bases = {venue: f"{base}/{venue}" for venue in venues}
        print(json.dumps(asyncio.run(fan_out(bases, int(total)))))
    elif args.fan_out_cpu:
        variant, base = args.fan_out_cpu
        print(json.dumps(asyncio.run(fan_out_cpu(variant, base))))
    else:
        started = time.monotonic()
        print(orchestrate(args.cancels, args.warmup, args.repetitions, args.output))
        print(f"({time.monotonic() - started:.0f} s; written to {args.output})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
