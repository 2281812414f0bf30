"""The facade's lean path (_lean.py) puts on the wire the very bytes that its httpx path does, for every operation of
every venue; test doubles still see every request; and the lean path is what a facade uses by default."""

from __future__ import annotations

import contextlib
import enum
import functools
import importlib
import inspect
import logging
import pkgutil
import threading
import time
import types
import typing
from types import ModuleType
from typing import Any

import httpx
import pytest
import respx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pytest_httpx import HTTPXMock

from cancelkit import AsyncCancelClient, CancelClient, CancelKitError, ConfigurationError, Credentials, VenueClock
from cancelkit._lean import RequestWriter, header_map
from cancelkit._transport_wire import request_bytes
from cancelkit.testing import DEFAULT_SECRETS
from tests.hostile import ScriptedServer, keep_answering

pytestmark = pytest.mark.anyio
NOW_MS = 1_700_000_000_123
VENUES = ("binance", "mexc", "bingx")
EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def endpoints(venue: str) -> list[ModuleType]:
    """Every generated endpoint module of a venue's client: every operation of its spec."""
    api = importlib.import_module(f"cancelkit_{venue}_client.api")
    found = []
    for group in pkgutil.iter_modules(api.__path__):
        package = importlib.import_module(f"{api.__name__}.{group.name}")
        for module in pkgutil.iter_modules(package.__path__):
            found.append(importlib.import_module(f"{package.__name__}.{module.name}"))
    return found


OPERATIONS = [(venue, endpoint) for venue in VENUES for endpoint in endpoints(venue)]


def frozen_clock(microseconds: bool = False) -> VenueClock:
    return VenueClock(use_venue_time=False, wall=lambda: NOW_MS / 1000, microseconds=microseconds)


def credentials(venue: str, private_key: bool = False) -> Credentials:
    api_key, secret = DEFAULT_SECRETS[venue]
    if private_key:
        pem = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32))).private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return Credentials(api_key, private_key_pem=pem)
    return Credentials(api_key, secret=secret)


def strategy_for(annotation: Any) -> st.SearchStrategy[Any]:
    """Values of a generated parameter's type, the awkward ones included (spaces, '&', '=', '%', non-ASCII)."""
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return st.one_of([strategy_for(arg) for arg in args if arg.__name__ != "Unset"])
    if typing.get_origin(annotation) is typing.Literal:
        return st.sampled_from(args)
    if typing.get_origin(annotation) is list:
        return st.lists(strategy_for(args[0]), max_size=4)
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return st.integers(min_value=-(2**63), max_value=2**64)
    if annotation is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if annotation is str:
        return st.text(st.characters(blacklist_categories=("Cs",)), max_size=24)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return st.sampled_from(list(annotation))
    raise AssertionError(f"no strategy for {annotation!r}")


@st.composite
def arguments(draw: st.DrawFn, endpoint: ModuleType) -> dict[str, Any]:
    """Keyword arguments for an endpoint's request_kwargs: each optional one given or left out."""
    hints = typing.get_type_hints(endpoint.request_kwargs)
    drawn: dict[str, Any] = {}
    for name, parameter in inspect.signature(endpoint.request_kwargs).parameters.items():
        required = parameter.default is inspect.Parameter.empty
        if required or draw(st.booleans()):
            drawn[name] = draw(strategy_for(hints[name]))
    return drawn


@st.composite
def client_setups(draw: st.DrawFn, venue: str) -> dict[str, Any]:
    """A facade client's options that change what goes on the wire."""
    base = draw(
        st.sampled_from(
            [
                "https://venue.test",
                "https://venue.test:8443/prefix",
                "http://127.0.0.1:9/sim/" + venue,
                "http://[::1]:80",
                "https://venue.test/a%20b/c",
            ]
        )
    )
    options: dict[str, Any] = {"base_url": base, "recv_window": draw(st.sampled_from([None, 5000, 60000]))}
    private_key = venue == "binance" and draw(st.booleans())
    microseconds = venue == "binance" and draw(st.booleans())
    options["clock"] = frozen_clock(microseconds)
    options["credentials"] = credentials(venue, private_key)
    return options


def httpx_path_bytes(client: CancelClient, request_kwargs: dict[str, Any]) -> bytes:
    """What the facade's httpx path writes: httpx.Client builds the request, the httpx.Auth signs it, cancelkit's
    transport writes it (HTTP11Transport.handle_request)."""
    request = client._build(request_kwargs, 0.0, {})
    flow = client.auth.sync_auth_flow(request)
    signed = next(flow)
    return request_bytes(signed, signed.read())


def lean_path_bytes(writer: RequestWriter, request_kwargs: dict[str, Any]) -> bytes | None:
    target = writer.target(request_kwargs)
    return None if target is None else writer.request(*target)


@pytest.mark.parametrize(
    ("venue", "endpoint"), OPERATIONS, ids=[f"{v}-{e.__name__.rsplit('.', 1)[1]}" for v, e in OPERATIONS]
)
@EXAMPLES
@given(data=st.data())
def test_the_lean_path_writes_the_httpx_paths_bytes(venue: str, endpoint: ModuleType, data: st.DataObject) -> None:
    options = data.draw(client_setups(venue))
    kwargs = data.draw(arguments(endpoint))
    try:
        request_kwargs = endpoint.request_kwargs(**kwargs)
    except (UnicodeEncodeError, ValueError):
        assume(False)  # not a request either path can send; both fail in the same generated code
    with CancelClient(venue, **options) as client:
        lean = lean_path_bytes(client._writer, request_kwargs)
        assert lean is not None, "every generated request is plain: the lean path takes it"
        assert lean == httpx_path_bytes(client, request_kwargs)


@pytest.mark.parametrize(
    ("venue", "endpoint"), OPERATIONS, ids=[f"{v}-{e.__name__.rsplit('.', 1)[1]}" for v, e in OPERATIONS]
)
def test_the_async_client_writes_the_same_bytes(venue: str, endpoint: ModuleType) -> None:
    """The async client's writer is made from its httpx.AsyncClient: the same header block."""
    hints = typing.get_type_hints(endpoint.request_kwargs)
    kwargs = {
        name: "BTCUSDT" if hints[name] is str else 7
        for name, parameter in inspect.signature(endpoint.request_kwargs).parameters.items()
        if parameter.default is inspect.Parameter.empty
    }
    request_kwargs = endpoint.request_kwargs(**kwargs)
    options: dict[str, Any] = {"credentials": credentials(venue), "base_url": "https://venue.test/x"}
    with CancelClient(venue, clock=frozen_clock(), **options) as sync_client:
        expected = httpx_path_bytes(sync_client, request_kwargs)
    async_client = AsyncCancelClient(venue, clock=frozen_clock(), **options)
    assert lean_path_bytes(async_client._writer, request_kwargs) == expected


# -- on the wire -------------------------------------------------------------------------------------------------------


def facade_calls(venue: str) -> list[tuple[str, dict[str, Any]]]:
    """Every facade method that sends, with arguments this venue takes."""
    symbol = {"binance": "BTCUSDT", "mexc": "BTCUSDT", "bingx": "BTC-USDT"}[venue]
    order_id: int | str = "C02__123456789012345678" if venue == "mexc" else 123456789
    calls: list[tuple[str, dict[str, Any]]] = [
        ("cancel_order", {"symbol": symbol, "order_id": order_id}),
        ("cancel_order", {"symbol": symbol, "client_order_id": "my-order_1"}),
        ("cancel_open_orders", {"symbol": symbol}),
        ("get_order", {"symbol": symbol, "order_id": order_id}),
        ("open_orders", {"symbol": symbol}),
        ("open_orders", {}),
        ("sync_clock", {}),
    ]
    if venue == "binance":
        calls.append(("cancel_order_list", {"symbol": symbol, "order_list_id": 5}))
    if venue == "bingx":
        calls += [("cancel_orders", {"symbol": symbol, "order_ids": [1, 2]}), ("dead_man_switch", {"seconds": 30})]
    return calls


def wire_requests(
    server: ScriptedServer, venue: str, method: str, arguments: dict[str, Any], *, lean: bool
) -> list[bytes]:
    """The requests a facade call put on a real socket, through the lean path or (lean=False) through httpx."""
    before = len(server.requests)
    with pytest.MonkeyPatch.context() as patch:
        if not lean:
            patch.setattr(RequestWriter, "target", lambda self, kwargs: None)
        client = CancelClient(
            venue,
            credentials(venue),
            base_url=server.origin + "/venue",
            clock=frozen_clock(),
            recv_window=5000,
            resolve_unknown=False,
        )
        # The scripted answer is no venue's (an error, or a batch of failed outcomes): only the request matters.
        with client, contextlib.suppress(CancelKitError):
            getattr(client, method)(**arguments)
    return server.requests[before:]


@pytest.mark.parametrize("venue", VENUES)
def test_every_facade_request_is_the_same_on_the_wire(venue: str) -> None:
    with ScriptedServer(keep_answering) as server:
        for method, arguments in facade_calls(venue):
            lean = wire_requests(server, venue, method, arguments, lean=True)
            assert lean, f"{method} sent nothing"
            assert lean == wire_requests(server, venue, method, arguments, lean=False), method


# -- the lean path is taken, and gives way to test doubles -------------------------------------------------------------


def refuse_httpx_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, making an httpx Request or Response fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the facade made an httpx Request or Response for a cancel")

    monkeypatch.setattr(httpx.Request, "__init__", refuse)
    monkeypatch.setattr(httpx.Response, "__init__", refuse)


def test_a_default_client_cancels_without_httpx_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    from cancelkit.testing import Simulator

    with Simulator() as simulator:
        first, second = simulator.add_orders("binance", "BTCUSDT", 2)
        credentials = simulator.credentials("binance")
        with CancelClient("binance", credentials, base_url=simulator.base_url("binance")) as client:
            client.cancel_order("BTC/USDT", order_id=first.order_id)  # the clock synced, the header block made
            refuse_httpx_objects(monkeypatch)
            assert client.cancel_order("BTC/USDT", order_id=second.order_id).status == "CANCELED"


async def test_a_default_async_client_cancels_without_httpx_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    from cancelkit.testing import Simulator

    with Simulator() as simulator:
        first, second = simulator.add_orders("mexc", "BTCUSDT", 2)
        credentials = simulator.credentials("mexc")
        async with AsyncCancelClient("mexc", credentials, base_url=simulator.base_url("mexc")) as client:
            await client.cancel_order("BTC/USDT", order_id=first.order_id)
            refuse_httpx_objects(monkeypatch)
            assert (await client.cancel_order("BTC/USDT", order_id=second.order_id)).status == "CANCELED"


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
async def test_a_closed_client_sends_nothing(asynchronous: bool) -> None:
    with ScriptedServer(keep_answering) as server:
        options: dict[str, Any] = {"base_url": server.origin + "/venue", "clock": frozen_clock()}
        if asynchronous:
            async_client = AsyncCancelClient("binance", credentials("binance"), **options)
            await async_client.aclose()
            with pytest.raises(ConfigurationError, match="closed") as raised:
                await async_client.cancel_order("BTCUSDT", order_id=1)
        else:
            client = CancelClient("binance", credentials("binance"), **options)
            client.close()
            with pytest.raises(ConfigurationError, match="closed") as raised:
                client.cancel_order("BTCUSDT", order_id=1)
    assert raised.value.may_have_canceled is False
    assert server.requests == []


def test_a_wrapping_test_double_on_the_client_sees_every_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """vcrpy patches httpx.Client._send_single_request with functools.wraps, which keeps the method's name: the facade
    must still go through httpx, or the double never sees the request and a real venue gets it."""
    seen: list[str] = []
    original = httpx.Client._send_single_request

    @functools.wraps(original)
    def recording(self: httpx.Client, request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(400, json={"code": -2011, "msg": "Unknown order sent."}, request=request)

    monkeypatch.setattr(httpx.Client, "_send_single_request", recording)
    with ScriptedServer(keep_answering) as server:
        options: dict[str, Any] = {"base_url": server.origin + "/venue", "clock": frozen_clock()}
        with CancelClient("binance", credentials("binance"), **options) as client, pytest.raises(CancelKitError):
            client.cancel_order("BTCUSDT", order_id=1)
    assert seen == ["/venue/api/v3/order"]
    assert server.requests == []  # nothing reached the network


def hold_first_answer(server: ScriptedServer, connection: Any) -> None:
    """Answers each request; the first only once the test releases it."""
    first = True
    while server.read_request(connection) is not None:
        if first:
            server.release.wait(5)
            first = False
        connection.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\n\r\n{}")


def test_a_clock_sync_waits_for_a_turn_like_any_request() -> None:
    """max_connections bounds every request, the clock's too: with the one turn taken, a sync waits for it."""
    with ScriptedServer(hold_first_answer) as server:
        options: dict[str, Any] = {"base_url": server.origin + "/venue", "max_connections": 1, "resolve_unknown": False}
        with CancelClient("binance", credentials("binance"), time_sync=False, **options) as client:

            def cancel_one() -> None:
                with contextlib.suppress(CancelKitError):  # the scripted answer is no venue's
                    client.cancel_order("BTCUSDT", order_id=1)

            cancel = threading.Thread(target=cancel_one)
            cancel.start()
            while not server.requests:
                time.sleep(0.01)
            timer = threading.Timer(0.3, server.release.set)
            timer.start()
            started = time.monotonic()
            with contextlib.suppress(CancelKitError):  # the scripted answer is no server time
                client.sync_clock()
            waited = time.monotonic() - started
            cancel.join()
    assert waited >= 0.25, "the clock sync went out beside the request holding the only turn"
    assert server.connections == 1


def test_the_httpx_log_line_names_the_request_with_the_signature_redacted(caplog: pytest.LogCaptureFixture) -> None:
    with ScriptedServer(keep_answering) as server, caplog.at_level(logging.INFO, logger="httpx"):
        options: dict[str, Any] = {
            "base_url": server.origin + "/venue",
            "clock": frozen_clock(),
            "resolve_unknown": False,
        }
        with CancelClient("binance", credentials("binance"), **options) as client, pytest.raises(CancelKitError):
            client.cancel_order("BTCUSDT", order_id=7)
    (line,) = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert f"DELETE {server.origin}/venue/api/v3/order?symbol=BTCUSDT&orderId=7&timestamp=" in line
    assert "&signature=<redacted> " in line
    assert "HTTP/1.1 200 OK" in line
    signature = server.requests[0].split(b"signature=")[1].split(b" ")[0].decode()
    assert signature not in line


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
async def test_respx_sees_every_facade_request(asynchronous: bool) -> None:
    answer = {
        "symbol": "BTCUSDT",
        "origClientOrderId": "a",
        "orderId": 9,
        "orderListId": -1,
        "clientOrderId": "b",
        "transactTime": 1684804350068,
        "price": "2.00000001",
        "origQty": "1.00000000",
        "executedQty": "0.10000000",
        "cummulativeQuoteQty": "0.20000000",
        "status": "CANCELED",
        "timeInForce": "GTC",
        "type": "LIMIT",
        "side": "BUY",
    }
    with respx.mock(assert_all_called=True) as mock:
        route = mock.delete("https://api.binance.com/api/v3/order").respond(json=answer)
        options: dict[str, Any] = {"clock": frozen_clock(), "resolve_unknown": False}
        if asynchronous:
            async with AsyncCancelClient("binance", credentials("binance"), **options) as async_client:
                result = await async_client.cancel_order("BTC/USDT", order_id=9)
        else:
            with CancelClient("binance", credentials("binance"), **options) as client:
                result = client.cancel_order("BTC/USDT", order_id=9)
    assert route.call_count == 1
    assert result.order_id == "9"
    assert route.calls.last.request.url.params["signature"]


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
async def test_pytest_httpx_sees_every_facade_request(asynchronous: bool, httpx_mock: HTTPXMock) -> None:
    answer = {"code": 0, "msg": "", "data": {"orders": []}}
    httpx_mock.add_response(method="POST", json=answer)
    options: dict[str, Any] = {"clock": frozen_clock(), "resolve_unknown": False}
    if asynchronous:
        async with AsyncCancelClient("bingx", credentials("bingx"), **options) as async_client:
            canceled = await async_client.cancel_open_orders("BTC/USDT")
    else:
        with CancelClient("bingx", credentials("bingx"), **options) as client:
            canceled = client.cancel_open_orders("BTC/USDT")
    assert canceled == []
    (request,) = httpx_mock.get_requests()
    assert request.url.path == "/openApi/spot/v1/trade/cancelOpenOrders"
    assert request.url.params["signature"]


def cookie_then_echo(server: ScriptedServer, connection: Any) -> None:
    """Sets a cookie in its first answer (as a CDN in front of a venue may), then answers every request."""
    first = True
    while server.read_request(connection) is not None:
        cookie = b"Set-Cookie: __cf_bm=abc; Path=/\r\n" if first else b""
        first = False
        connection.sendall(
            b"HTTP/1.1 200 OK\r\n" + cookie + b"Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
        )


def test_a_cookie_a_venue_sets_is_sent_back_as_httpx_would() -> None:
    with ScriptedServer(cookie_then_echo) as server:
        client = CancelClient(
            "binance",
            credentials("binance"),
            base_url=server.origin + "/venue",
            clock=frozen_clock(),
            resolve_unknown=False,
        )
        with client:
            for _ in range(2):
                with pytest.raises(CancelKitError):
                    client.cancel_order("BTCUSDT", order_id=1)
    first, second = server.requests
    assert b"cookie:" not in first.lower()
    assert b"\r\nCookie: __cf_bm=abc\r\n" in second


def test_answer_headers_read_as_httpx_reads_them() -> None:
    raw = [(b"X-MBX-USED-WEIGHT-1M", b"12"), (b"Vary", b"a"), (b"vary", b"b"), (b"X-Note", "é".encode())]
    assert header_map(raw) == {"x-mbx-used-weight-1m": "12", "vary": "a, b", "x-note": "é"}
    expected = httpx.Headers(raw)
    assert all(header_map(raw)[name] == expected[name] for name in expected)
