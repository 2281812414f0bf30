"""The facade's HTTP/1.1 transports against scripted servers on 127.0.0.1 (tests/hostile.py): keep-alive, stale
connections, every failure's httpx type, no request ever sent twice, TLS, mocks that still see every request; and a
hostile network: several addresses and one that never answers, IDN hosts, deadlines, huge and compressed answers,
fork, proxies.

Where the case means something for any transport, the test runs on httpx's own as well (`engine`), and asserts
what httpx does where it differs; the differences are listed in RELIABILITY.md."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import gzip
import importlib.util
import os
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from cancelkit._transport import AnswerTooLarge, HTTP11Transport, Slots
from cancelkit._transport_async import AsyncHTTP11Transport
from cancelkit._transport_net import _interleaved
from cancelkit._transport_wire import _through_httpx
from tests.hostile import (
    OK,
    Blackhole,
    ConnectProxy,
    Resolver,
    ScriptedServer,
    answer_once,
    certificates,
    elapsed,
    hang_up,
    keep_answering,
)

pytestmark = pytest.mark.anyio

SECRET_KEY = "k3y-0123456789"
SECRET_QUERY = "s1gnature-0123456789"


@pytest.fixture(params=["cancelkit", "httpx"])
def engine(request: pytest.FixtureRequest) -> str:
    """cancelkit's transport, or httpx's own (httpx.HTTPTransport / AsyncHTTPTransport) side by side."""
    return str(request.param)


class Driver:
    """The sync or async transport, cancelkit's or httpx's, behind an httpx client, driven the same way."""

    def __init__(
        self, asynchronous: bool, engine: str = "cancelkit", timeout: float | httpx.Timeout = 5.0, **options: Any
    ) -> None:
        self.asynchronous = asynchronous
        if engine == "httpx":
            options.pop("max_answer_bytes", None)
            if "ssl_context" in options:
                options["verify"] = options.pop("ssl_context")
            kind: Any = httpx.AsyncHTTPTransport if asynchronous else httpx.HTTPTransport
        else:
            kind = AsyncHTTP11Transport if asynchronous else HTTP11Transport
        self.transport: Any = kind(**options)
        client = httpx.AsyncClient if asynchronous else httpx.Client
        self.client: Any = client(transport=self.transport, timeout=timeout)

    async def request(self, url: str, method: str = "DELETE", **kwargs: Any) -> httpx.Response:
        if self.asynchronous:
            return await self.client.request(method, url, **kwargs)  # type: ignore[no-any-return]
        return await asyncio.to_thread(self.client.request, method, url, **kwargs)

    async def close(self) -> None:
        if self.asynchronous:
            await self.client.aclose()
        else:
            self.client.close()


async def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 5
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the server"
        await asyncio.sleep(0.01)


def answer(body: bytes, *headers: str) -> bytes:
    head = "".join(f"{header}\r\n" for header in headers)
    return b"HTTP/1.1 200 OK\r\n%bContent-Length: %d\r\n\r\n%b" % (head.encode(), len(body), body)


# -- keep-alive, stale connections, failures (the transports as they were) --------------------------------------------


async def test_one_connection_serves_request_after_request(asynchronous: bool) -> None:
    with ScriptedServer(keep_answering) as server:
        driver = Driver(asynchronous)
        for _ in range(3):
            response = await driver.request(server.url)
            assert (response.status_code, response.text) == (200, "ok")
        await driver.close()
    assert (server.connections, len(server.requests)) == (1, 3)
    assert server.requests[0].startswith(b"DELETE /api/v3/order?orderId=1 HTTP/1.1\r\n")


async def test_request_body_and_chunked_answer(asynchronous: bool) -> None:
    def echo_chunked(server: ScriptedServer, connection: socket.socket) -> None:
        while (body := server.read_request(connection)) is not None:
            connection.sendall(
                b"HTTP/1.1 100 Continue\r\n\r\n"
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + f"{len(body):x}\r\n".encode()
                + body
                + b"\r\n0\r\n\r\n"
            )

    with ScriptedServer(echo_chunked) as server:
        driver = Driver(asynchronous)
        first = await driver.request(server.url, "POST", content=b"symbol=BTC-USDT")
        second = await driver.request(server.url, "POST", content=b"orderIds=1,2")
        await driver.close()
    assert (first.text, second.text) == ("symbol=BTC-USDT", "orderIds=1,2")
    assert server.connections == 1


async def test_connection_the_venue_closed_while_idle_is_replaced(asynchronous: bool) -> None:
    with ScriptedServer(answer_once) as server:
        driver = Driver(asynchronous)
        assert (await driver.request(server.url)).text == "ok"
        await wait_for(server.closed_one.is_set)
        await asyncio.sleep(0.05)  # the close reaches the client's socket (and its event loop)
        assert (await driver.request(server.url)).text == "ok"
        await driver.close()
    assert (server.connections, len(server.requests)) == (2, 2)


@pytest.mark.parametrize("same_write", [False, True], ids=["later", "with-the-answer"])
async def test_unasked_answer_on_an_idle_connection_is_never_taken_for_the_next_response(
    asynchronous: bool, same_write: bool
) -> None:
    unasked = b"HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n"

    def answer_then_time_out(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        if same_write:
            connection.sendall(OK + unasked)
        else:
            connection.sendall(OK)
            time.sleep(0.02)
            connection.sendall(unasked)
        server.release.wait()

    with ScriptedServer(answer_then_time_out) as server:
        driver = Driver(asynchronous)
        assert (await driver.request(server.url)).status_code == 200
        await asyncio.sleep(0.1)  # the 408 reaches the client
        # A new connection, which this script also answers with 200 first; the 408 is never read as an answer.
        assert (await driver.request(server.url)).status_code == 200
        await driver.close()
    assert (server.connections, len(server.requests)) == (2, 2)


async def test_disconnect_after_the_request_raises_and_never_resends(asynchronous: bool) -> None:
    with ScriptedServer(hang_up) as server:
        driver = Driver(asynchronous)
        with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
            await driver.request(server.url)
        await asyncio.sleep(0.2)  # time enough for a resend, which must not come
        await driver.close()
    assert (server.connections, len(server.requests)) == (1, 1)


async def test_disconnect_on_a_reused_connection_raises_and_never_resends(asynchronous: bool) -> None:
    def answer_then_hang_up(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        connection.sendall(OK)
        server.read_request(connection)

    with ScriptedServer(answer_then_hang_up) as server:
        driver = Driver(asynchronous)
        await driver.request(server.url)
        with pytest.raises(httpx.RemoteProtocolError):
            await driver.request(server.url)
        await asyncio.sleep(0.2)  # time enough for a resend, which must not come
        await driver.close()
    assert (server.connections, len(server.requests)) == (1, 2)


async def test_truncated_body_raises(asynchronous: bool) -> None:
    def truncate(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        connection.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n{"status": "CANC')

    with ScriptedServer(truncate) as server:
        driver = Driver(asynchronous)
        with pytest.raises(httpx.RemoteProtocolError):
            await driver.request(server.url)
        await driver.close()


async def test_garbage_answer_raises_a_protocol_error(asynchronous: bool) -> None:
    def garbage(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        connection.sendall(b"<html>502 Bad Gateway</html>\r\n\r\n")

    with ScriptedServer(garbage) as server:
        driver = Driver(asynchronous)
        with pytest.raises(httpx.RemoteProtocolError):
            await driver.request(server.url)
        await driver.close()


async def test_read_timeout_closes_the_connection_so_a_late_answer_is_never_read(asynchronous: bool) -> None:
    hung_up = threading.Event()

    def never_answer_the_first(server: ScriptedServer, connection: socket.socket) -> None:
        if server.connections == 1:
            server.read_request(connection)
            if connection.recv(1) == b"":  # the client closed it, rather than leave it open or pool it
                hung_up.set()
            return
        keep_answering(server, connection)

    with ScriptedServer(never_answer_the_first) as server:
        driver = Driver(asynchronous, timeout=0.2)
        with pytest.raises(httpx.ReadTimeout):
            await driver.request(server.url)
        await wait_for(hung_up.is_set)
        assert (await driver.request(server.url)).text == "ok"
        await driver.close()
    assert (server.connections, len(server.requests)) == (2, 2)


async def test_refused_connection_is_a_connect_error(asynchronous: bool) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    driver = Driver(asynchronous)
    with pytest.raises(httpx.ConnectError):
        await driver.request(f"http://127.0.0.1:{port}/api/v3/order")
    await driver.close()


async def test_unsupported_scheme(asynchronous: bool) -> None:
    driver = Driver(asynchronous)
    with pytest.raises(httpx.UnsupportedProtocol):
        await driver.request("ftp://127.0.0.1/api/v3/order")
    await driver.close()


def hold_each_answer(server: ScriptedServer, connection: socket.socket) -> None:
    while server.read_request(connection) is not None:
        server.release.wait(timeout=5)
        connection.sendall(OK)


async def test_full_pool_raises_pool_timeout_without_sending(asynchronous: bool) -> None:
    with ScriptedServer(hold_each_answer) as server:
        driver = Driver(asynchronous, timeout=httpx.Timeout(5.0, pool=0.1), limits=httpx.Limits(max_connections=1))
        first = asyncio.ensure_future(driver.request(server.url))
        await wait_for(lambda: len(server.requests) == 1)
        with pytest.raises(httpx.PoolTimeout):
            await driver.request(server.url)
        server.release.set()
        assert (await first).text == "ok"
        await driver.close()
    assert (server.connections, len(server.requests)) == (1, 1)


async def test_connection_close_answer_is_not_reused(asynchronous: bool) -> None:
    def answer_and_close(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        server.release.wait(timeout=5)  # keep it open: the header alone must retire it

    with ScriptedServer(answer_and_close) as server:
        driver = Driver(asynchronous)
        assert (await driver.request(server.url)).text == "ok"
        assert (await driver.request(server.url)).text == "ok"
        await driver.close()
    assert server.connections == 2


async def test_cancelled_request_retires_its_connection() -> None:
    def late_on_the_first_connection(server: ScriptedServer, connection: socket.socket) -> None:
        if server.connections == 1:
            server.read_request(connection)
            server.release.wait(timeout=5)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlate")
        keep_answering(server, connection)

    with ScriptedServer(late_on_the_first_connection) as server:
        driver = Driver(asynchronous=True)
        pending = asyncio.ensure_future(driver.request(server.url))
        await wait_for(lambda: len(server.requests) == 1)
        pending.cancel()
        with pytest.raises(asyncio.CancelledError):
            await pending
        server.release.set()
        # On the first connection this would read the cancelled request's late answer.
        assert (await driver.request(server.url)).text == "ok"
        await driver.close()
    assert server.connections == 2


async def test_tls_is_verified_and_kept_alive(asynchronous: bool) -> None:
    with ScriptedServer(keep_answering, tls=certificates().server_context()) as server:
        driver = Driver(asynchronous, ssl_context=certificates().client_context())
        for _ in range(2):
            assert (await driver.request(server.url)).text == "ok"
        await driver.close()
        assert server.connections == 1
        untrusting = Driver(asynchronous)  # the default context: certifi's roots, which do not hold trustme's CA
        with pytest.raises(httpx.ConnectError, match="certificate verify failed"):
            await untrusting.request(server.url)
        await untrusting.close()


async def test_requests_go_to_respx_while_it_mocks(asynchronous: bool) -> None:
    driver = Driver(asynchronous)
    with respx.mock:
        route = respx.delete("https://api.binance.com/api/v3/order").respond(200, json={"status": "CANCELED"})
        response = await driver.request("https://api.binance.com/api/v3/order?orderId=1")
    await driver.close()
    assert response.json() == {"status": "CANCELED"}
    assert route.call_count == 1


def test_facade_sends_through_the_environments_proxy_with_its_own_transport(monkeypatch: pytest.MonkeyPatch) -> None:
    from cancelkit import CancelClient, Credentials

    credentials = Credentials("binance-api-key-0123456789", secret="binance-secret-0123456789")
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    with CancelClient("binance", credentials) as direct:
        assert isinstance(direct._http._transport, HTTP11Transport)
        assert direct._http._transport.proxy is None
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    with CancelClient("binance", credentials) as proxied:
        transport = proxied._http._transport
        assert isinstance(transport, HTTP11Transport)
        assert transport.proxy is not None
        assert transport.proxy.url == httpx.URL("http://proxy.internal:3128")
        # httpx mounts no proxy of its own beside a given transport: every request goes through cancelkit's.
        assert proxied._http._transport_for_url(httpx.URL("https://api.binance.com/")) is transport
    monkeypatch.setenv("NO_PROXY", "api.binance.com")
    with CancelClient("binance", credentials) as bypassing:
        assert bypassing._http._transport.proxy is None


async def test_body_that_ends_with_the_connection(asynchronous: bool) -> None:
    def old_style(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        connection.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n")
        connection.sendall(b'{"status": "CANCELED"}')

    with ScriptedServer(old_style) as server:
        driver = Driver(asynchronous)
        first = await driver.request(server.url)
        second = await driver.request(server.url)
        await driver.close()
    assert first.json() == second.json() == {"status": "CANCELED"}
    assert first.http_version == "HTTP/1.0"
    assert server.connections == 2


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", "switched"),
        (b"HTTP/1.1 200 OK\r\n" + b"X-Padding: " + b"a" * 70_000 + b"\r\n\r\n", "over 64 KiB"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok", "invalid response"),
    ],
    ids=["upgrade", "huge-head", "two-lengths"],
)
async def test_answers_a_client_must_not_accept(asynchronous: bool, answer: bytes, message: str) -> None:
    def send(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        connection.sendall(answer)
        server.release.wait(timeout=5)

    with ScriptedServer(send) as server:
        driver = Driver(asynchronous)
        with pytest.raises(httpx.RemoteProtocolError, match=message):
            await driver.request(server.url)
        await driver.close()


@pytest.mark.parametrize(
    "headers", [{"X-MBX-APIKEY": "key\r\nX-Injected: 1"}, {"X-Bad Name": "1"}], ids=["value", "name"]
)
async def test_a_header_that_would_split_the_request_is_refused_before_sending(
    asynchronous: bool, headers: dict[str, str]
) -> None:
    with ScriptedServer(keep_answering) as server:
        driver = Driver(asynchronous)
        with pytest.raises(httpx.LocalProtocolError, match="invalid header") as caught:
            await driver.request(server.url, headers=headers)
        await driver.close()
    assert "key" not in str(caught.value)  # a header's value may be a key: never in the error
    assert server.requests == []


async def test_head_goes_through_httpx_own_transport(asynchronous: bool) -> None:
    def head_answer(server: ScriptedServer, connection: socket.socket) -> None:
        while server.read_request(connection) is not None:
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 22\r\n\r\n")

    with ScriptedServer(head_answer) as server:
        driver = Driver(asynchronous, timeout=2.0)
        response = await driver.request(server.url, "HEAD")
        await driver.close()
    assert (response.status_code, response.headers["content-length"], response.content) == (200, "22", b"")


# -- 1. the hostile network itself -------------------------------------------------------------------------------------


def test_a_blackhole_never_answers_a_syn() -> None:
    with Blackhole("127.0.0.2") as hole, socket.socket() as client:
        client.settimeout(0.3)
        with elapsed() as took, pytest.raises(TimeoutError):
            client.connect(hole.address)
    assert took[0] >= 0.3


async def test_the_resolver_gives_a_name_every_address_sync_and_in_the_event_loop() -> None:
    with Resolver({"venue.test": ["127.0.0.2", "::1", "127.0.0.1"]}) as resolver:
        sync = [info[4][0] for info in socket.getaddrinfo("venue.test", 443, type=socket.SOCK_STREAM)]
        loop = asyncio.get_running_loop()
        in_loop = [info[4][0] for info in await loop.getaddrinfo("venue.test", 443, type=socket.SOCK_STREAM)]
        only_v4 = [info[4][0] for info in socket.getaddrinfo("venue.test", 443, socket.AF_INET, socket.SOCK_STREAM)]
    assert sync == in_loop == ["127.0.0.2", "::1", "127.0.0.1"]
    assert only_v4 == ["127.0.0.2", "127.0.0.1"]
    assert resolver.lookups == ["venue.test"] * 3


# -- 2. every resolved address, within the connect budget --------------------------------------------------------------


@pytest.mark.parametrize("first", ["blackhole-127.0.0.2", "blackhole-::1", "refused-127.0.0.2"])
async def test_a_first_address_that_fails_costs_a_stagger_not_the_connection(
    asynchronous: bool, engine: str, first: str
) -> None:
    """The name resolves to [first, 127.0.0.1]: the first address never answers (or refuses), the second serves."""
    kind, _, address = first.partition("-")
    with (
        ScriptedServer(keep_answering) as venue,
        Blackhole(address, venue.port) if kind == "blackhole" else contextlib.nullcontext(),
        Resolver({"venue.test": [address, venue.host]}),
    ):
        driver = Driver(asynchronous, engine, timeout=httpx.Timeout(5.0, connect=0.8))
        with elapsed() as took:
            response = await driver.request(venue.url_for("venue.test"))
        await driver.close()
    assert response.text == "ok"
    assert (venue.connections, len(venue.requests)) == (1, 1)
    if engine == "httpx" and not asynchronous and kind == "blackhole":
        # httpcore's sync backend (socket.create_connection) gives each address the whole connect timeout.
        assert took[0] >= 0.8
    else:
        assert took[0] < 0.7  # one stagger (0.25 s) after the blackhole; at once after a refusal


def test_addresses_are_tried_families_in_turn() -> None:
    """RFC 8305, section 4: the resolver's order, the families alternating from the first's, duplicates dropped."""
    with Resolver({"venue.test": ["127.0.0.2", "127.0.0.3", "127.0.0.2", "::1", "127.0.0.4"]}):
        infos = socket.getaddrinfo("venue.test", 443, type=socket.SOCK_STREAM)
    assert [info[4][0] for info in _interleaved(infos)] == ["127.0.0.2", "::1", "127.0.0.3", "127.0.0.4"]


async def test_the_connect_timeout_covers_every_address(asynchronous: bool, engine: str) -> None:
    with (
        Blackhole("127.0.0.1") as first,
        Blackhole("::1", first.port),
        Resolver({"venue.test": ["127.0.0.1", "::1"]}),
    ):
        driver = Driver(asynchronous, engine, timeout=httpx.Timeout(5.0, connect=0.5))
        with elapsed() as took, pytest.raises(httpx.ConnectTimeout):
            await driver.request(f"http://venue.test:{first.port}/api/v3/order")
        await driver.close()
    if engine == "httpx" and not asynchronous:
        assert took[0] >= 1.0  # 0.5 s per address
    else:
        assert 0.45 < took[0] < 0.9


# -- 3. a connection the venue closed while the event loop was busy ----------------------------------------------------


async def test_a_connection_closed_while_the_event_loop_was_busy_is_not_reused(engine: str) -> None:
    close_now = threading.Event()

    def answer_then_close_when_told(server: ScriptedServer, connection: socket.socket) -> None:
        if server.connections == 1:
            server.read_request(connection)
            connection.sendall(OK)
            close_now.wait(timeout=5)
            return
        keep_answering(server, connection)

    with ScriptedServer(answer_then_close_when_told) as server:
        driver = Driver(True, engine)
        assert (await driver.request(server.url)).text == "ok"
        close_now.set()
        # The event loop is busy (blocked here) while the venue's FIN arrives: no callback has seen it.
        assert server.closed_one.wait(timeout=5)
        time.sleep(0.05)  # noqa: ASYNC251 -- blocking the loop is the point
        response = await driver.request(server.url)
        await driver.close()
    assert response.text == "ok"
    assert server.connections == 2
    assert [len(requests) for requests in server.requests_by_connection] == [1, 1]


# -- 4. hosts in ASCII, as sent --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("certified", "accepted"), [("xn--fa-hia.de", True), ("fass.de", False)])
async def test_an_idn_host_is_looked_up_and_verified_in_its_ascii_form(
    asynchronous: bool, engine: str, certified: str, accepted: bool
) -> None:
    """faß.de is xn--fa-hia.de in IDNA 2008 (httpx's raw_host), and fass.de in IDNA 2003 (CPython's codec)."""
    names = {"xn--fa-hia.de": ["127.0.0.1"], "fass.de": ["127.0.0.1"]}
    with (
        ScriptedServer(keep_answering, tls=certificates().server_context(certified)) as venue,
        Resolver(names) as resolver,
    ):
        driver = Driver(asynchronous, engine, ssl_context=certificates().client_context())
        if accepted:
            assert (await driver.request(venue.url_for("faß.de"))).text == "ok"
        else:
            with pytest.raises(httpx.ConnectError, match="Hostname mismatch"):
                await driver.request(venue.url_for("faß.de"))
        await driver.close()
    assert set(resolver.lookups) == {"xn--fa-hia.de"}
    assert len(venue.requests) == (1 if accepted else 0)


async def test_an_ipv6_literal_host(asynchronous: bool, engine: str) -> None:
    with ScriptedServer(keep_answering, tls=certificates().server_context(), host="::1") as venue:
        driver = Driver(asynchronous, engine, ssl_context=certificates().client_context())
        assert (await driver.request(venue.url)).text == "ok"
        await driver.close()
    assert venue.url.startswith("https://[::1]:")
    assert venue.requests[0].split(b"\r\n")[1:2] == [b"Host: [::1]:%d" % venue.port]


# -- 5. a total deadline -----------------------------------------------------------------------------------------------


def by(seconds: float) -> dict[str, Any]:
    return {"extensions": {"cancelkit.deadline": time.monotonic() + seconds}}


async def test_a_deadline_bounds_an_answer_trickled_within_the_read_timeout(asynchronous: bool, engine: str) -> None:
    """A byte every 0.25 s never trips a 0.5 s read timeout; a deadline of 0.75 s ends it (httpx ignores it)."""

    def trickle(server: ScriptedServer, connection: socket.socket) -> None:
        server.read_request(connection)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
        for byte in b"slow!":
            if server.release.wait(0.25):
                return
            connection.sendall(bytes([byte]))

    with ScriptedServer(trickle) as server:
        driver = Driver(asynchronous, engine, timeout=httpx.Timeout(5.0, read=0.5))
        with elapsed() as took:
            if engine == "cancelkit":
                with pytest.raises(httpx.ReadTimeout, match="deadline passed while reading"):
                    await driver.request(server.url, **by(0.75))
            else:
                assert (await driver.request(server.url, **by(0.75))).text == "slow!"
        await driver.close()
    assert len(server.requests) == 1
    if engine == "cancelkit":
        assert 0.7 <= took[0] < 1.1
    else:
        assert took[0] >= 1.2


async def test_a_deadline_bounds_the_wait_for_a_connection(asynchronous: bool) -> None:
    with ScriptedServer(hold_each_answer) as server:
        driver = Driver(asynchronous, timeout=httpx.Timeout(5.0, pool=2.0), limits=httpx.Limits(max_connections=1))
        first = asyncio.ensure_future(driver.request(server.url))
        await wait_for(lambda: len(server.requests) == 1)
        with elapsed() as took, pytest.raises(httpx.PoolTimeout, match="deadline passed while waiting"):
            await driver.request(server.url, **by(0.3))
        server.release.set()
        assert (await first).text == "ok"
        await driver.close()
    assert took[0] < 1.0
    assert (server.connections, len(server.requests)) == (1, 1)


def silent(server: ScriptedServer, connection: socket.socket) -> None:
    """Reads what comes (a TLS client's hello) and never answers."""
    while connection.recv(65536):
        pass


@pytest.mark.parametrize("hold", ["slow-dns", "blackhole", "silent-tls", "silent-proxy"])
async def test_a_deadline_bounds_dns_connect_tls_and_the_proxy(asynchronous: bool, hold: str) -> None:
    """Each part of connecting, held far past the deadline (0.3 s) and within the connect timeout (2 s)."""
    with (
        Blackhole() as hole,
        ScriptedServer(silent) as mute,
        ConnectProxy("silent") as proxy,
        Resolver({"venue.test": [hole.host]}, delay=5.0 if hold == "slow-dns" else 0.0),
    ):
        url = {
            "slow-dns": f"http://venue.test:{hole.port}/api/v3/order",
            "blackhole": f"http://venue.test:{hole.port}/api/v3/order",
            "silent-tls": f"https://127.0.0.1:{mute.port}/api/v3/order",
            "silent-proxy": f"https://127.0.0.1:{mute.port}/api/v3/order",
        }[hold]
        options = {"proxy": f"http://127.0.0.1:{proxy.port}"} if hold == "silent-proxy" else {}
        driver = Driver(asynchronous, timeout=httpx.Timeout(5.0, connect=2.0), **options)
        with elapsed() as took, pytest.raises(httpx.ConnectTimeout, match="deadline passed while connecting"):
            await driver.request(url, **by(0.3))
        await driver.close()
    assert took[0] < 1.0
    assert mute.requests == []


async def test_a_deadline_bounds_the_write(asynchronous: bool) -> None:
    def never_read(server: ScriptedServer, connection: socket.socket) -> None:
        server.release.wait(timeout=10)

    with ScriptedServer(never_read) as server:
        driver = Driver(asynchronous, timeout=httpx.Timeout(5.0, write=2.0))
        with elapsed() as took, pytest.raises(httpx.WriteTimeout, match="deadline passed while sending"):
            await driver.request(server.url, "POST", content=b"x" * (16 * 1024 * 1024), **by(0.3))
        await driver.close()
    assert took[0] < 1.0


async def test_a_deadline_passed_before_sending_sends_nothing(asynchronous: bool) -> None:
    with ScriptedServer(keep_answering) as server:
        driver = Driver(asynchronous)
        assert (await driver.request(server.url)).text == "ok"  # a pooled connection is ready
        with pytest.raises(httpx.PoolTimeout, match="deadline passed"):
            await driver.request(server.url, **by(-0.1))
        await driver.close()
    assert (server.connections, len(server.requests)) == (1, 1)


# -- 6. answers too large, compressed, undecodable ---------------------------------------------------------------------

MIB = 1024 * 1024
PAYLOAD = b'{"symbol": "BTCUSDT", "status": "CANCELED"}'


def first_then_ok(first: bytes) -> Callable[[ScriptedServer, socket.socket], None]:
    """The first connection's first answer is `first`; every other answer is OK."""

    def script(server: ScriptedServer, connection: socket.socket) -> None:
        if server.connections == 1:
            server.read_request(connection)
            connection.sendall(first)
            if b"Content-Length" not in first and b"chunked" not in first:
                return  # the body ends with the connection
        keep_answering(server, connection)

    return script


@pytest.mark.parametrize("framing", ["content-length", "chunked", "until-close"])
async def test_an_answer_over_the_size_limit(asynchronous: bool, engine: str, framing: str) -> None:
    body = b"x" * MIB
    big = {
        "content-length": answer(body),
        "chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%b\r\n0\r\n\r\n" % (len(body), body),
        "until-close": b"HTTP/1.1 200 OK\r\n\r\n" + body,
    }[framing]
    with ScriptedServer(first_then_ok(big)) as server:
        driver = Driver(asynchronous, engine, max_answer_bytes=64 * 1024)
        if engine == "cancelkit":
            with pytest.raises(AnswerTooLarge, match="over 65536 bytes"):
                await driver.request(server.url)
            assert (await driver.request(server.url)).text == "ok"  # on a new connection: that one was closed
            assert server.connections == 2
        else:
            assert len((await driver.request(server.url)).content) == MIB  # httpx has no limit
        await driver.close()
    assert len(server.requests_by_connection[0]) == 1


async def test_a_compression_bomb_is_stopped_at_the_size_limit(asynchronous: bool, engine: str) -> None:
    bomb = gzip.compress(b"\0" * 16 * MIB)  # about 16 KB that inflate to 16 MiB
    with ScriptedServer(first_then_ok(answer(bomb, "Content-Encoding: gzip"))) as server:
        driver = Driver(asynchronous, engine, max_answer_bytes=MIB)
        if engine == "cancelkit":
            with pytest.raises(AnswerTooLarge, match="gzip body decodes to over"):
                await driver.request(server.url)
        else:
            assert len((await driver.request(server.url)).content) == 16 * MIB
        await driver.close()
    assert len(server.requests) == 1


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("coding", "encode"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", raw_deflate),
        ("deflate, gzip", lambda data: gzip.compress(zlib.compress(data))),
        ("identity", lambda data: data),
    ],
    ids=["gzip", "deflate", "raw-deflate", "deflate-then-gzip", "identity"],
)
async def test_a_compressed_answer_is_decoded_once(
    asynchronous: bool, engine: str, coding: str, encode: Callable[[bytes], bytes]
) -> None:
    with ScriptedServer(first_then_ok(answer(encode(PAYLOAD), f"Content-Encoding: {coding}"))) as server:
        driver = Driver(asynchronous, engine)
        response = await driver.request(server.url)
        await driver.close()
    assert response.content == PAYLOAD
    if engine == "cancelkit" and coding != "identity":  # decoded by the transport, so httpx must not decode again
        assert "content-encoding" not in response.headers
        assert response.headers["content-length"] == str(len(PAYLOAD))
    else:
        assert response.headers["content-encoding"] == coding


@pytest.mark.parametrize(
    "body", [b"this is not gzip", gzip.compress(PAYLOAD)[:-12]], ids=["not-gzip", "truncated-gzip"]
)
async def test_an_undecodable_answer_is_a_decoding_error(asynchronous: bool, engine: str, body: bytes) -> None:
    with ScriptedServer(first_then_ok(answer(body, "Content-Encoding: gzip"))) as server:
        driver = Driver(asynchronous, engine)
        if engine == "httpx" and body != b"this is not gzip":
            response = await driver.request(server.url)  # httpx returns what a truncated stream inflates to
            assert PAYLOAD.startswith(response.content)
        else:
            with pytest.raises(httpx.DecodingError):
                await driver.request(server.url)
        assert (await driver.request(server.url)).text == "ok"
        await driver.close()
    if engine == "httpx" and body != b"this is not gzip":  # no error: httpx pools the connection it came on
        assert (server.connections, len(server.requests)) == (1, 2)
    else:  # the connection of the undecodable answer was closed
        assert [len(requests) for requests in server.requests_by_connection] == [1, 1]


def test_encodings_decoded_by_httpx_are_fed_in_pieces_and_capped() -> None:
    """The path br and zstd take when their packages are installed (they are not here), through httpx's gzip."""
    request = httpx.Request("GET", "https://venue.test/")
    decode = _through_httpx("gzip")
    assert decode(request, gzip.compress(PAYLOAD), len(PAYLOAD)) == PAYLOAD
    with pytest.raises(AnswerTooLarge, match="gzip body decodes to over 65536 bytes"):
        decode(request, gzip.compress(b"\0" * 16 * MIB), 64 * 1024)
    with pytest.raises(httpx.DecodingError, match="does not decode"):
        decode(request, b"not gzip", MIB)


def test_answers_under_the_limit_and_an_unknown_encoding_pass_as_they_came() -> None:
    with ScriptedServer(first_then_ok(answer(b"opaque", "Content-Encoding: x-unknown"))) as server:
        transport = HTTP11Transport(max_answer_bytes=6)
        with httpx.Client(transport=transport) as client:
            response = client.delete(server.url)
    assert (response.content, response.headers["content-encoding"]) == (b"opaque", "x-unknown")


# -- 7. fork ---------------------------------------------------------------------------------------------------------

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork")
fork_in_threads = pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")


def answer_together(server: ScriptedServer, connection: socket.socket) -> None:
    """Answers each request with its own path, and whatever else arrives within 0.3 s in the same write: two
    processes reading one connection then get both answers at once, and one of them the other's."""
    while server.read_request(connection) is not None:
        paths = [server.requests_on(connection)[-1].split(b" ")[1]]
        connection.settimeout(0.3)
        with contextlib.suppress(TimeoutError):
            if server.read_request(connection) is not None:
                paths.append(server.requests_on(connection)[-1].split(b" ")[1])
        connection.settimeout(None)
        connection.sendall(b"".join(answer(path) for path in paths))


def run_in_child(pid: int, write_end: int, work: Callable[[], str]) -> None:
    """In the child (pid 0): report `work()` or its failure through the pipe, and leave without pytest's cleanup."""
    if pid != 0:
        return
    try:
        report = work()
    except BaseException as exc:
        report = f"{type(exc).__name__}: {exc}"
    finally:
        os.write(write_end, report.encode())
        os._exit(0)


def child_report(pid: int, read_end: int, write_end: int) -> str:
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        report = pipe.read().decode()
    os.waitpid(pid, 0)
    return report


@needs_fork
@fork_in_threads
def test_after_fork_parent_and_child_each_get_their_own_answer(engine: str) -> None:
    with ScriptedServer(answer_together) as server:
        transport = HTTP11Transport() if engine == "cancelkit" else httpx.HTTPTransport()
        client = httpx.Client(transport=transport, timeout=1.0)
        assert client.get(server.origin + "/warm").text == "/warm"  # a pooled connection, inherited by the child
        read_end, write_end = os.pipe()
        pid = os.fork()
        run_in_child(pid, write_end, lambda: client.get(server.origin + "/child").text)
        deadline = time.monotonic() + 5
        while len(server.requests) < 2 and time.monotonic() < deadline:  # the child's request is out first
            time.sleep(0.01)
        try:
            parent = client.get(server.origin + "/parent").text
        except httpx.HTTPError as exc:
            parent = f"{type(exc).__name__}: {exc}"
        child = child_report(pid, read_end, write_end)
        client.close()
    if engine == "httpx":  # httpcore's pool is not reset in the child: both answers come to one of them
        assert (parent, child) != ("/parent", "/child")
        assert server.connections == 1
        return
    assert (parent, child) == ("/parent", "/child")
    assert server.connections == 2  # the child opened its own
    assert sorted(len(requests) for requests in server.requests_by_connection) == [1, 2]


@needs_fork
@fork_in_threads
async def test_after_fork_the_child_drops_the_async_pool_and_the_parent_keeps_it() -> None:
    with ScriptedServer(keep_answering) as server:
        driver = Driver(True)
        assert (await driver.request(server.url)).text == "ok"
        [[connection]] = driver.transport._idle.values()
        descriptor = connection.transport.get_extra_info("socket").fileno()

        def inherited() -> str:
            try:
                os.fstat(descriptor)
            except OSError:
                still_open = False
            else:
                still_open = True
            return f"idle={driver.transport._idle} slots={driver.transport._slots} open={still_open}"

        read_end, write_end = os.pipe()
        pid = os.fork()
        run_in_child(pid, write_end, inherited)
        child = child_report(pid, read_end, write_end)
        assert (await driver.request(server.url)).text == "ok"  # the parent's connection is intact
        await driver.close()
    assert child == "idle={} slots=None open=False"
    assert (server.connections, len(server.requests)) == (1, 2)


# -- 8. errors that name their cause -----------------------------------------------------------------------------------


def free_port() -> int:
    """A port nothing listens on (closing a listener another thread polls leaves it open for a moment)."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return int(probe.getsockname()[1])


def read_the_hello_and_close(server: ScriptedServer, connection: socket.socket) -> None:
    """A TLS client's hello is read, then the connection closed: a FIN, not the reset that unread bytes cause."""
    connection.recv(65536)


@pytest.mark.parametrize(
    ("case", "cause"),
    [
        ("self-signed", "certificate verify failed: self-signed certificate"),
        ("untrusted", "certificate verify failed: unable to get local issuer certificate"),
        ("wrong-name", "certificate verify failed: IP address mismatch"),
        ("hang-up-in-handshake", "closed by the other side|EOF occurred|reset by peer"),
        ("refused", "Connection refused"),
        ("unresolvable", "Name or service not known"),
    ],
)
async def test_connection_errors_name_their_cause(asynchronous: bool, engine: str, case: str, cause: str) -> None:
    tls = {
        "self-signed": certificates().self_signed_server_context,
        "untrusted": certificates().untrusted_server_context,
        "wrong-name": lambda: certificates().server_context("elsewhere.test"),
    }.get(case, lambda: None)()
    with (
        ScriptedServer(keep_answering if tls else read_the_hello_and_close, tls=tls) as server,
        Resolver({"nowhere.test": []}),
    ):
        host = "nowhere.test" if case == "unresolvable" else "127.0.0.1"
        port = free_port() if case == "refused" else server.port
        url = f"https://{host}:{port}/api/v3/order?signature={SECRET_QUERY}"
        driver = Driver(asynchronous, engine, ssl_context=certificates().client_context())
        with pytest.raises(httpx.ConnectError) as caught:
            await driver.request(url, headers={"X-MBX-APIKEY": SECRET_KEY})
        await driver.close()
    message = str(caught.value)
    if engine == "httpx" and asynchronous and case == "hang-up-in-handshake":
        assert message == ""  # anyio's BrokenResourceError, which says nothing
    elif engine == "httpx" and asynchronous and case == "refused":
        assert message == "All connection attempts failed"  # anyio's, without the cause
    else:
        assert re.search(cause, message), message
    assert SECRET_KEY not in message
    assert SECRET_QUERY not in message
    assert server.requests == []


# -- 9. proxies and verify ---------------------------------------------------------------------------------------------

PROXY_USER, PROXY_PASSWORD = "trader", "pr0xy-pass"
BASIC = "Basic " + base64.b64encode(f"{PROXY_USER}:{PROXY_PASSWORD}".encode()).decode()


def proxy_url(proxy: ScriptedServer, scheme: str = "http", port: int | None = None) -> str:
    return f"{scheme}://{PROXY_USER}:{PROXY_PASSWORD}@127.0.0.1:{port or proxy.port}"


async def test_https_through_an_http_proxy_tunnels_and_pools_the_tunnel(asynchronous: bool, engine: str) -> None:
    with (
        ScriptedServer(keep_answering, tls=certificates().server_context("venue.test")) as venue,
        ConnectProxy() as proxy,
        Resolver({"venue.test": ["127.0.0.1"]}) as resolver,
    ):
        driver = Driver(asynchronous, engine, ssl_context=certificates().client_context(), proxy=proxy_url(proxy))
        for _ in range(2):
            assert (await driver.request(venue.url_for("venue.test"))).text == "ok"
        await driver.close()
    assert proxy.requests[0].startswith(b"CONNECT venue.test:%d HTTP/1.1\r\n" % venue.port)
    assert proxy.authorization() == BASIC
    assert (proxy.connections, proxy.tunnels) == (1, 1)
    assert (venue.connections, len(venue.requests)) == (1, 2)
    assert b"proxy-authorization" not in venue.requests[0].lower()  # the venue never sees the proxy's credentials
    assert resolver.lookups.count("venue.test") == 1  # by the proxy, for its tunnel: the client never looks it up


async def test_http_through_an_http_proxy_in_absolute_form(asynchronous: bool, engine: str) -> None:
    with ScriptedServer(keep_answering) as venue, ConnectProxy() as proxy:
        driver = Driver(asynchronous, engine, proxy=proxy_url(proxy))
        for _ in range(2):
            assert (await driver.request(venue.url)).text == "ok"
        await driver.close()
    assert proxy.requests[0].startswith(b"DELETE %b HTTP/1.1\r\n" % venue.url.encode())
    assert proxy.authorization() == BASIC
    assert (proxy.connections, venue.connections, len(venue.requests)) == (1, 1, 2)


@pytest.mark.parametrize("refusal", [407, 502, "hang-up", "absent"])
async def test_a_proxy_that_refuses_the_tunnel_sends_nothing_to_the_venue(
    asynchronous: bool, engine: str, refusal: int | str
) -> None:
    with (
        ScriptedServer(keep_answering, tls=certificates().server_context()) as venue,
        ConnectProxy(refusal if refusal != "absent" else 200) as proxy,
    ):
        where = proxy_url(proxy, port=free_port() if refusal == "absent" else proxy.port)
        driver = Driver(asynchronous, engine, ssl_context=certificates().client_context(), proxy=where)
        expected: type[httpx.HTTPError] = httpx.ProxyError
        if refusal == "absent":
            expected = httpx.ConnectError
        elif refusal == "hang-up" and engine == "httpx":
            expected = httpx.RemoteProtocolError  # httpcore reads the CONNECT answer as a response; none came
        with pytest.raises(expected) as caught:
            await driver.request(venue.url)
        await driver.close()
    message = str(caught.value)
    if isinstance(refusal, int):
        assert str(refusal) in message
    assert PROXY_USER not in message
    assert PROXY_PASSWORD not in message
    assert venue.connections == 0


async def test_an_https_proxy_goes_through_httpx_own_transport(asynchronous: bool) -> None:
    trusted = certificates().client_context()
    with (
        ScriptedServer(keep_answering, tls=certificates().server_context()) as venue,
        ConnectProxy(tls=certificates().server_context()) as proxy,
    ):
        proxy_setting = httpx.Proxy(proxy_url(proxy, "https"), ssl_context=trusted)
        driver = Driver(asynchronous, ssl_context=trusted, proxy=proxy_setting)
        assert driver.transport.delegated
        assert (await driver.request(venue.url)).text == "ok"
        await driver.close()
    assert (proxy.tunnels, len(venue.requests)) == (1, 1)
    assert proxy.authorization() == BASIC


def test_a_socks_proxy_goes_to_httpx_which_needs_socksio() -> None:
    if importlib.util.find_spec("socksio") is None:
        with pytest.raises(ImportError, match="socksio"):  # at once, not at the first request
            HTTP11Transport(proxy="socks5://127.0.0.1:1080")
    else:
        assert HTTP11Transport(proxy="socks5://127.0.0.1:1080").delegated


@pytest.mark.parametrize("verify", ["ca-bundle", "context", "false", "default"])
async def test_verify_takes_a_ca_bundle_a_context_or_false(asynchronous: bool, verify: str, tmp_path: Path) -> None:
    options: dict[str, bool | str | ssl.SSLContext] = {
        "ca-bundle": str(certificates().ca_file(tmp_path)),
        "context": certificates().client_context(),
        "false": False,
        "default": True,
    }
    option = options[verify]
    tls = certificates().untrusted_server_context() if verify == "false" else certificates().server_context()
    with ScriptedServer(keep_answering, tls=tls) as server:
        driver = Driver(asynchronous, verify=option)
        if verify == "default":  # certifi's roots do not hold trustme's CA
            with pytest.raises(httpx.ConnectError, match="certificate verify failed"):
                await driver.request(server.url)
        else:
            assert (await driver.request(server.url)).text == "ok"
        await driver.close()


def test_ssl_context_and_verify_are_one_or_the_other() -> None:
    with pytest.raises(TypeError, match="either ssl_context or verify"):
        HTTP11Transport(ssl_context=ssl.create_default_context(), verify=False)


def answer_second_after(delay: float) -> Callable[[ScriptedServer, socket.socket], None]:
    """Answers the first request at once and each later one after `delay` seconds, on one connection."""

    def script(server: ScriptedServer, connection: socket.socket) -> None:
        first = True
        while server.read_request(connection) is not None:
            if not first:
                time.sleep(delay)
            first = False
            connection.sendall(OK)

    return script


async def test_the_async_read_timeout_counts_from_each_read_not_from_the_connections_first() -> None:
    """The async transport keeps one timer per connection and moves it on as reads come (see AsyncConnection.read):
    a timer an earlier request armed must not end a later request's read before that read's own timeout."""
    with ScriptedServer(answer_second_after(0.45)) as server:
        async with httpx.AsyncClient(transport=AsyncHTTP11Transport(), timeout=httpx.Timeout(0.6)) as client:
            assert (await client.get(server.url)).text == "ok"  # arms the connection's timer, 0.6 s from now
            await asyncio.sleep(0.3)
            # Read from 0.3 s, answered at 0.75 s: past the first read's 0.6 s, within this read's own 0.6 s.
            assert (await client.get(server.url)).text == "ok"
            await asyncio.sleep(0.05)
            with pytest.raises(httpx.ReadTimeout):  # and a read that waits longer than its own timeout still ends
                await client.get(server.url, timeout=httpx.Timeout(0.2))
    assert server.connections == 1


def test_a_pool_timeout_below_zero_is_no_wait_as_with_a_semaphore() -> None:
    """The pool's turns are a queue of tokens (Slots): a negative wait means "at once", as threading's semaphores
    take it, never a ValueError from inside httpx.Client.send."""
    with ScriptedServer(keep_answering) as server:
        transport = HTTP11Transport(limits=httpx.Limits(max_connections=1))
        with httpx.Client(transport=transport, timeout=httpx.Timeout(5.0, pool=-1)) as client:
            assert client.get(server.url).text == "ok"
    slots = Slots(1)
    assert slots.acquire(timeout=-1)
    assert not slots.acquire(timeout=-1)
    slots.release()
    assert slots.acquire(blocking=False)


def test_a_huge_pool_costs_no_token_per_connection() -> None:
    started = time.monotonic()
    slots = Slots(10**8)  # a semaphore counts past 4096: no queue of a hundred million tokens
    assert time.monotonic() - started < 1.0
    assert slots.acquire(blocking=False)
    slots.release()
