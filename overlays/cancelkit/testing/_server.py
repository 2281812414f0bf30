"""A local venue simulator: a real HTTP/1.1 server with keep-alive on 127.0.0.1 that speaks the cancel, order-query,
open-orders, dead-man-switch and server-time endpoints of Binance, MEXC and BingX as openapi/ describes them, with
faults on demand."""

from __future__ import annotations

import gzip
import json
import random
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Literal, Self

from ._venues import HOUR_MS, VENUES, Request, SimOrder, SimOrderList, SimVenue, VenueError

FaultKind = Literal[
    "latency",
    "server_error",
    "rate_limited",
    "banned",
    "drop",
    "html",
    "not_json",
    "truncated",
    "missing_fields",
    "other_order",
    "trickle",
    "huge",
    "gzip",
    "gzip_bomb",
    "unknown_order",
]

DEFAULT_SECRETS = {
    "binance": ("sim-binance-api-key-000000000000", "sim-binance-secret-NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP"),
    "mexc": ("sim-mexc-api-key-00000000000000", "sim-mexc-secret-45d0b3c26f2644f19bfb98b07741b2f5"),
    "bingx": ("sim-bingx-api-key-0000000000000", "sim-bingx-secret-UuGuyEGt6ZEkpUObCYCmIfh0elYsZVh8"),
}


@dataclass
class Fault:
    """What to do to matching requests, after their signature and timestamp pass.

    kind: "latency" (execute, then answer after `seconds`), "server_error" (the venue's 5XX), "rate_limited"
    (429 with Retry-After), "banned" (418 with Retry-After), "drop" (close the connection without answering),
    "html" (a CDN's HTML 520), "not_json", "truncated" (half a JSON body), "missing_fields" (a 200 without its
    required fields), "other_order" (a 200 about another order, as a connection shared across a fork gives),
    "trickle" (the answer one byte every `seconds`), "huge" (the answer padded to 10 MB), "gzip" (the answer
    gzip-encoded), "gzip_bomb" (the answer padded to 100 MB, gzip-encoded: about 100 KB on the wire),
    "unknown_order" (the venue's unknown-order error, as an order store that lags the matching engine answers).
    execute: whether the request is carried out (a cancel on the book, the dead-man switch armed or closed) before the
    fault; a real venue may do either. A query carried out changes nothing: either way its answer is what is lost.
    times: how many requests it applies to (None: all).
    rate: the share of matching requests it strikes, drawn from the simulator's seeded generator.
    """

    kind: FaultKind
    route: str | None = None  # an operationId (cancel_order, get_order, open_orders, ...), or None: every signed route
    seconds: float = 0.0
    execute: bool = True
    retry_after: int | None = 30  # None: no Retry-After header
    until_ms: int | None = None  # "banned": the time Binance's -1003 message names
    times: int | None = None
    rate: float = 1.0

    def applies(self, route: str) -> bool:
        return (self.route is None or self.route == route) and (self.times is None or self.times > 0)


class Simulator:
    """The three venues on one port, each under its own path: `base_url("binance")` is what a client needs.

    with Simulator() as sim:
        order = sim.add_order("binance", "BTCUSDT")
        client = CancelClient("binance", sim.credentials("binance"), base_url=sim.base_url("binance"))
        client.cancel_order("BTC/USDT", order_id=order.order_id)

    Each venue's book keeps every order, open or closed: `open_orders()` lists the open ones, `order()` finds one
    in any state, and `fill()`, `expire()`, `archive()` and `age()` move an order along as the venue would. BingX's
    dead-man switch (cancelAllAfter) fires when its countdown ends, checked on every request and by a timer:
    `dead_man_fired()` counts how often.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        secrets: dict[str, tuple[str, str]] | None = None,
        auto_orders: bool = False,
        seed: int = 0,
    ):
        """`auto_orders`: cancel an id the book does not hold as if it were open, for load tests and benchmarks.
        `seed`: for the draws of faults with a `rate` below 1."""
        self.secrets = dict(DEFAULT_SECRETS, **(secrets or {}))
        self.venues: dict[str, SimVenue] = {
            name: cls({self.secrets[name][0]: self.secrets[name][1]}, auto_orders=auto_orders)
            for name, cls in VENUES.items()
        }
        self.faults: dict[str, list[Fault]] = {name: [] for name in VENUES}
        self.clock_skew_ms: dict[str, int] = dict.fromkeys(VENUES, 0)
        self.requests: dict[str, int] = dict.fromkeys(VENUES, 0)
        self.route_calls: Counter[tuple[str, str]] = Counter()  # (venue, operation) -> signed requests received
        self.last_params: dict[str, dict[str, str]] = {name: {} for name in VENUES}  # of the last signed request
        self.faults_applied: Counter[tuple[str, str]] = Counter()  # (venue, fault kind) -> requests it struck
        self.time_queries: dict[str, list[str]] = {name: [] for name in VENUES}  # server-time query strings
        self.user_agents: dict[str, str] = {}  # venue -> the User-Agent of its last request
        self._lock = threading.RLock()
        self._random = random.Random(seed)  # noqa: S311 - draws faults, repeatably; not cryptography
        self._server = _Server((host, port), _Handler, self)
        self._thread: threading.Thread | None = None
        # The dead-man switches' timers: venue -> (the deadline it is for, the timer).
        self._timers: dict[str, tuple[int, threading.Timer]] = {}
        self._stopped = False

    # -- lifecycle -----------------------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def base_url(self, venue: str) -> str:
        return f"http://127.0.0.1:{self.port}/{venue}"

    def start(self) -> Self:
        # A short poll: stop() waits for serve_forever to notice, and tests start and stop a simulator each.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="cancelkit-simulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            timers = [timer for _, timer in self._timers.values()]
            self._timers.clear()
        for timer in timers:  # outside the lock: a timer that has just fired waits for it, then finds nothing to do
            timer.cancel()
            timer.join(timeout=5)
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()

    # -- state ---------------------------------------------------------------------------------------------------

    def credentials(self, venue: str) -> Any:
        from cancelkit import Credentials  # imported here: the simulator's own code does not depend on cancelkit's

        api_key, secret = self.secrets[venue]
        return Credentials(api_key, secret=secret)

    def now_ms(self, venue: str) -> int:
        return int(time.time() * 1000) + self.clock_skew_ms[venue]

    def add_order(
        self,
        venue: str,
        symbol: str,
        *,
        client_order_id: str | None = None,
        price: str = "1.00000000",
        qty: str = "1.00000000",
        executed: str = "0.00000000",
        side: str = "BUY",
        status: str = "NEW",
    ) -> SimOrder:
        """An open order on the venue; `symbol` in the venue's own form (BTCUSDT, BTC-USDT). `status` may be any of
        the venue's open statuses: NEW, PARTIALLY_FILLED, BingX's PENDING, Binance's PENDING_NEW."""
        sim = self.venues[venue]
        with self._lock:
            order_id = sim.next_order_id()
            now = self.now_ms(venue)
            order = SimOrder(
                symbol,
                order_id,
                client_order_id or f"sim{order_id}",
                price,
                qty,
                executed,
                side,
                status=status,
                created_ms=now,
                update_ms=now,
            )
            sim.book.orders[str(order_id)] = order
        return order

    def add_orders(self, venue: str, symbol: str, count: int) -> list[SimOrder]:
        return [self.add_order(venue, symbol) for _ in range(count)]

    def add_order_list(self, symbol: str, *, list_client_order_id: str | None = None) -> SimOrderList:
        """A Binance OCO: a STOP_LOSS_LIMIT and a LIMIT_MAKER order."""
        sim = self.venues["binance"]
        with self._lock:
            list_id = int(sim.next_order_id())
            orders = []
            for order_type in ("STOP_LOSS_LIMIT", "LIMIT_MAKER"):
                order = self.add_order("binance", symbol, side="SELL")
                order.type, order.order_list_id = order_type, list_id
                orders.append(order)
            order_list = SimOrderList(symbol, list_id, list_client_order_id or f"list{list_id}", orders)
            sim.book.lists[list_id] = order_list
        return order_list

    def open_orders(self, venue: str) -> list[SimOrder]:
        """The venue's open orders, oldest first (closed ones stay in its history: see `order()`)."""
        with self._lock:
            self._tick(venue)
            return self.venues[venue].book.open()

    def order(self, venue: str, order_id: int | str) -> SimOrder:
        """The order with this id, whatever its state (open, filled, canceled, expired, archived); KeyError if the
        venue never had it."""
        with self._lock:
            self._tick(venue)
            return self.venues[venue].book.orders[str(order_id)]

    def fill(self, venue: str, order_id: int | str, qty: str | Decimal | None = None) -> SimOrder:
        """Execute `qty` of an open order (all that remains when None or more): PARTIALLY_FILLED while some remains,
        else FILLED, which closes it. ValueError if the order is not open."""
        with self._lock:
            order = self._open_order(venue, order_id)
            order.add_executed(order.remaining if qty is None else Decimal(qty), self.now_ms(venue))
            return order

    def expire(self, venue: str, order_id: int | str, *, status: str | None = None) -> SimOrder:
        """Close an open order as the venue does when it ends one itself (time in force, self-trade prevention):
        Binance EXPIRED. MEXC and BingX document no expired status: theirs is closed as a cancel closes it (MEXC
        CANCELED or PARTIALLY_CANCELED, BingX CANCELED), which an order query cannot tell from a cancel's work.
        `status` closes it with another (EXPIRED_IN_MATCH, BingX's FAILED, ...). ValueError if it is not open."""
        with self._lock:
            order = self._open_order(venue, order_id)
            sim = self.venues[venue]
            order.close(status or sim.expired_status or sim.canceled_status(order), self.now_ms(venue))
            return order

    def archive(self, venue: str, order_id: int | str) -> SimOrder:
        """Past the venue's retention. Binance archives an order closed (CANCELED, EXPIRED, EXPIRED_IN_MATCH) with
        nothing executed after 90 days: its query then answers -2026 (ValueError for any other order). MEXC and BingX
        document no retention for a query by order id: theirs is forgotten, answered as an unknown order (ValueError
        for an open order)."""
        with self._lock:
            self._tick(venue)
            sim = self.venues[venue]
            order = sim.book.orders[str(order_id)]
            sim.archive(order)
            return order

    def age(self, venue: str, order_id: int | str, hours: float) -> SimOrder:
        """Move the order `hours` into the past (its creation and last change): BingX no longer finds it by client
        order id after 2 hours, Binance archives a canceled or expired one with nothing executed after 90 days."""
        with self._lock:
            self._tick(venue)
            order = self.venues[venue].book.orders[str(order_id)]
            shift = int(hours * HOUR_MS)
            order.created_ms -= shift
            order.update_ms -= shift
            return order

    def dead_man_fired(self, venue: str) -> int:
        """How many times the venue's dead-man switch has fired (canceled every open order); 0 where there is none."""
        with self._lock:
            self._tick(venue)
            return self.venues[venue].dead_man_fired

    def dead_man_deadline_ms(self, venue: str) -> int | None:
        """When the venue's dead-man switch will fire (its clock, milliseconds); None when it is not armed."""
        with self._lock:
            self._tick(venue)
            return self.venues[venue].dead_man_deadline_ms

    def _open_order(self, venue: str, order_id: int | str) -> SimOrder:
        self._tick(venue)
        order = self.venues[venue].book.orders[str(order_id)]
        if not order.is_open:
            raise ValueError(f"order {order_id} is {order.status}, not open")
        return order

    # -- the dead-man switch -------------------------------------------------------------------------------------

    def _tick(self, venue: str) -> None:
        """Fire the venue's dead-man switch if due, and keep its timer on the deadline. Called with the lock held."""
        sim = self.venues[venue]
        sim.tick(self.now_ms(venue))
        deadline = sim.dead_man_deadline_ms
        current = self._timers.get(venue)
        if current is not None and current[0] == deadline:
            return
        if current is not None:
            current[1].cancel()
            del self._timers[venue]
        if deadline is None or self._stopped:
            return
        delay = max(0.0, (deadline - self.now_ms(venue)) / 1000)
        timer = threading.Timer(delay, self._on_timer, args=(venue, deadline))
        timer.name, timer.daemon = f"cancelkit-simulator-dead-man-{venue}", True
        self._timers[venue] = (deadline, timer)
        timer.start()

    def _on_timer(self, venue: str, deadline: int) -> None:
        with self._lock:
            current = self._timers.get(venue)
            if current is None or current[0] != deadline:  # re-armed or closed meanwhile: another timer's job
                return
            del self._timers[venue]
            self._tick(venue)  # fires if due; if the venue's clock was moved back, a new timer waits

    def inject(self, venue: str, fault: Fault) -> Fault:
        with self._lock:
            self.faults[venue].append(fault)
        return fault

    def clear_faults(self, venue: str | None = None) -> None:
        with self._lock:
            for name in [venue] if venue else list(self.faults):
                self.faults[name].clear()

    def skew_clock(self, venue: str, milliseconds: int) -> None:
        """Move the venue's clock: its server time, the time it checks timestamps against, and the time its dead-man
        switch counts down in (moved past the deadline, the switch fires now)."""
        with self._lock:
            self.clock_skew_ms[venue] = milliseconds
            current = self._timers.pop(venue, None)
            if current is not None:  # waiting for the old clock: a new timer waits for the new one
                current[1].cancel()
            self._tick(venue)

    # -- handling ------------------------------------------------------------------------------------------------

    def _fault(self, venue: str, route: str) -> Fault | None:
        with self._lock:
            for fault in self.faults[venue]:
                if fault.applies(route) and (fault.rate >= 1 or self._random.random() < fault.rate):
                    if fault.times is not None:
                        fault.times -= 1
                    self.faults_applied[venue, fault.kind] += 1
                    return fault
        return None

    def handle(self, venue_name: str, request: Request) -> _Answer:
        sim = self.venues[venue_name]
        with self._lock:
            self.requests[venue_name] += 1
            self._tick(venue_name)  # a dead-man switch whose time has come fires before anything else is seen
        now = self.now_ms(venue_name)
        if request.method == "GET" and request.path == sim.time_path:
            with self._lock:
                self.time_queries[venue_name].append(request.raw_query)
            return _Answer.json(200, sim.time_body(now))
        route = sim.routes.get((request.method, request.path))
        if route is None:
            return _Answer.json(404, {"code": -1, "msg": f"no route {request.method} {request.path}"})
        with self._lock:
            self.route_calls[venue_name, route] += 1
        try:
            params = sim.check_auth(request, now)
        except VenueError as error:
            return _Answer.json(error.status, error.body)
        with self._lock:
            self.last_params[venue_name] = dict(params)
        fault = self._fault(venue_name, route)
        if fault is not None and not fault.execute:
            return self._faulted(sim, fault, None)
        try:
            with self._lock:
                body = sim.operation(route)(params, now)
        except VenueError as error:
            return _Answer.json(error.status, error.body)
        finally:
            with self._lock:
                self._tick(venue_name)  # the dead-man switch armed, extended or closed: its timer follows
        if fault is not None:
            return self._faulted(sim, fault, body)
        return _Answer.json(200, body)

    def _faulted(self, sim: SimVenue, fault: Fault, body: Any) -> _Answer:
        if fault.kind == "latency":  # processed at once, answered late: the client may give up first
            time.sleep(fault.seconds)
            return _Answer.json(200, body) if body is not None else _Answer.json(*_error(sim, "server_error"))
        if fault.kind == "drop":
            return _Answer(drop=True)
        if fault.kind == "unknown_order":  # the venue's "no such order", as a lagging order store gives it
            return _Answer.json(*_error(sim, "unknown_order"))
        if fault.kind in ("rate_limited", "banned", "server_error"):
            wait_ms = 1000 * (fault.retry_after if fault.retry_after is not None else 120)
            until = str(fault.until_ms if fault.until_ms is not None else int(time.time() * 1000) + wait_ms)
            status, error_body = _error(sim, fault.kind, until)
            answer = _Answer.json(status, error_body)
            if fault.kind != "server_error" and fault.retry_after is not None:
                answer.headers["Retry-After"] = str(fault.retry_after)
            return answer
        if body is None and fault.kind in _ANSWER_SHAPING:  # lost before execution: no answer to shape
            return _Answer(drop=True)
        if fault.kind == "other_order":
            return _Answer.json(200, _about_another_order(body))
        if fault.kind == "trickle":
            answer = _Answer.json(200, body)
            answer.trickle = fault.seconds
            return answer
        if fault.kind == "huge":
            padding = {"padding": "x" * 10_000_000}
            return _Answer(
                200, json.dumps([*body, padding] if isinstance(body, list) else {**body, **padding}).encode()
            )
        if fault.kind == "gzip":
            answer = _Answer(200, gzip.compress(json.dumps(body).encode()))
            answer.headers["Content-Encoding"] = "gzip"
            return answer
        if fault.kind == "gzip_bomb":
            answer = _Answer(200, gzip.compress(json.dumps(body).encode() + b" " * 100_000_000))
            answer.headers["Content-Encoding"] = "gzip"
            return answer
        if fault.kind == "html":
            return _Answer(520, b"<html><body>520: Web server is returning an unknown error</body></html>", "text/html")
        if fault.kind == "not_json":
            return _Answer(200, b"OK", "text/plain")
        if fault.kind == "truncated":
            return _Answer(200, json.dumps(body).encode()[:20], "application/json")
        return _Answer.json(200, {"code": 0} if sim.name == "bingx" else {"symbol": "X"})  # missing_fields


_ANSWER_SHAPING = ("other_order", "trickle", "huge", "gzip", "gzip_bomb")


def _error(sim: SimVenue, kind: str, detail: str = "") -> tuple[int, Any]:
    error = sim.error(kind, detail)
    return error.status, error.body


def _about_another_order(body: Any) -> Any:
    """The same answer, about an order that was not asked about (every order of a list or listing)."""
    other = json.loads(json.dumps(body))
    data = other.get("data", other) if isinstance(other, dict) else other  # BingX's envelope
    if isinstance(data, dict) and isinstance(data.get("orders"), list):  # BingX's listings
        data = data["orders"]
    for report in data if isinstance(data, list) else [data]:
        if not isinstance(report, dict) or "orderId" not in report:
            continue  # an order list's report, the dead-man switch: nothing to swap
        order_id = report["orderId"]
        report["orderId"] = order_id + 1000 if isinstance(order_id, int) else f"{order_id}0"
        # The order's client id: Binance's and MEXC's clientOrderId is the cancel's own in a cancel report.
        fields = (
            ("origClientOrderId", "clientOrderID")
            if "origClientOrderId" in report
            else ("clientOrderId", "clientOrderID")
        )
        for field in fields:
            if isinstance(report.get(field), str):
                report[field] = "someone-else"
    return other


@dataclass
class _Answer:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    drop: bool = False

    def __post_init__(self) -> None:
        self.headers: dict[str, str] = {}
        self.trickle = 0.0  # seconds between the body's bytes

    @classmethod
    def json(cls, status: int, body: Any) -> _Answer:
        return cls(status, json.dumps(body, separators=(",", ":")).encode())


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024  # the default 5 drops connections when hundreds of cancels arrive at once

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], sim: Simulator) -> None:
        self.simulator = sim
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out or hung up mid-answer is what fault tests do on purpose: not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests and benchmarks read their own output
        pass

    def _dispatch(self) -> None:
        target = self.path
        if target.startswith(("http://", "https://")):  # absolute form, as a proxy forwards it (RFC 9112 3.2.2)
            target = "/" + target.split("://", 1)[1].partition("/")[2]
        path, _, raw_query = target.partition("?")
        venue, _, rest = path.lstrip("/").partition("/")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if venue not in VENUES:
            self._send(_Answer.json(404, {"code": -1, "msg": f"unknown venue {venue!r}"}))
            return
        headers = {name.lower(): value for name, value in self.headers.items()}
        simulator = self.server.simulator
        simulator.user_agents[venue] = headers.get("user-agent", "")
        answer = simulator.handle(venue, Request(self.command, "/" + rest, raw_query, body, headers))
        answer.headers.update(simulator.venues[venue].rate_limit_headers(simulator.requests[venue]))
        if answer.drop:
            self.close_connection = True
            return
        self._send(answer)

    def _send(self, answer: _Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not answer.trickle:
            self.wfile.write(answer.body)
            return
        for index in range(len(answer.body)):
            self.wfile.write(answer.body[index : index + 1])
            self.wfile.flush()
            time.sleep(answer.trickle)

    do_GET = do_DELETE = do_POST = _dispatch


def seed(sim: Simulator, symbols: Iterable[tuple[str, str]], count: int) -> None:
    """`count` open orders on each (venue, venue-native symbol)."""
    for venue, symbol in symbols:
        sim.add_orders(venue, symbol, count)
