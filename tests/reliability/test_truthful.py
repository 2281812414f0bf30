"""What was never sent is never "may have canceled", and what was sent is never reported as not sent: bad
credentials, bad configuration and bad input are refused before a byte leaves, and every answer that cannot be read
is a malformed answer. Each case runs on the sync and the async client against the simulator, and counts what
reached it."""

import asyncio
import os
import socket
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from cancelkit import (
    AsyncCancelClient,
    CancelClient,
    CancelResult,
    ConfigurationError,
    Credentials,
    InvalidArgument,
    MalformedResponse,
    OrderNotFound,
    OutcomeUnknown,
    RateLimited,
)
from cancelkit._ratelimit import RATE_LIMITS
from cancelkit.testing import Fault, Simulator
from tests.clients import NATIVE, VENUES, call, client_for, close
from tests.hostile import ScriptedServer

pytestmark = pytest.mark.anyio


def sent(sim: Simulator, venue: str) -> int:
    """Requests that reached the venue, server time included."""
    return sim.requests[venue]


# -- credentials: checked when a client is built ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("api_key", "says"),
    [
        ("sim-key\r\nX-Injected: 1", "control character"),
        ("sim-key\x00", "control character"),
        ("ключ-api-key", "non-ASCII"),
        ("", "empty"),
        ("   ", "empty"),
    ],
    ids=["crlf", "nul", "non-ascii", "empty", "blank"],
)
async def test_an_api_key_that_cannot_be_sent_is_refused_when_the_client_is_built(
    simulator: Simulator, asynchronous: bool, api_key: str, says: str
) -> None:
    with pytest.raises(ConfigurationError, match=says) as refused:
        client_for(simulator, "binance", asynchronous, credentials=Credentials(api_key, secret="s" * 20))
    assert not refused.value.may_have_canceled
    assert api_key.strip() == "" or api_key not in str(refused.value)  # the key is never echoed
    assert sent(simulator, "binance") == 0


@pytest.mark.parametrize("venue", VENUES)
async def test_surrounding_whitespace_of_a_key_read_from_a_file_is_stripped(
    simulator: Simulator, asynchronous: bool, venue: str
) -> None:
    api_key, secret = simulator.secrets[venue]
    order = simulator.add_order(venue, NATIVE[venue])
    credentials = Credentials(f"{api_key}\n", secret=f"  {secret}\r\n")  # as `cat key.txt` gives them
    client = client_for(simulator, venue, asynchronous, credentials=credentials)
    try:
        result = await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert result.status == "CANCELED"


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda: Credentials(12345, secret="secret-secret"), "API key must be a str"),  # type: ignore[arg-type]
        (lambda: Credentials("key-key-key", secret=b"secret-secret"), "secret must be a str"),  # type: ignore[arg-type]
        (lambda: Credentials("key-key-key", private_key_pem="-----BEGIN"), "PEM as bytes"),  # type: ignore[arg-type]
        (lambda: Credentials("key-key-key", secret="a\x1bb-secret"), "control character"),
        (lambda: Credentials("key-key-key"), "either an HMAC secret or a private key"),
        (lambda: Credentials("key-key-key", private_key_pem=b"not a key"), "private key"),
    ],
    ids=["int-key", "bytes-secret", "str-pem", "escape-in-secret", "neither", "garbage-pem"],
)
def test_credentials_of_the_wrong_kind_say_what_to_fix(make: Any, says: str) -> None:
    with pytest.raises(ConfigurationError, match=says):
        CancelClient("binance", make())


@pytest.mark.parametrize("credentials", [("key", "secret"), {"api_key": "k"}, "key:secret"])
def test_credentials_that_are_not_credentials_are_refused(credentials: object) -> None:
    with pytest.raises(ConfigurationError, match=r"credentials must be a cancelkit\.Credentials"):
        CancelClient("mexc", credentials)  # type: ignore[arg-type]


def test_an_unreadable_key_file_says_which_variable(tmp_path: Path) -> None:
    environ = {"CANCELKIT_BINANCE_API_KEY": "key-key-key", "CANCELKIT_BINANCE_PRIVATE_KEY_FILE": str(tmp_path / "nope")}
    with pytest.raises(ConfigurationError, match="CANCELKIT_BINANCE_PRIVATE_KEY_FILE"):
        Credentials.from_env("binance", environ)


def test_environment_values_are_stripped() -> None:
    environ = {"CANCELKIT_MEXC_API_KEY": " key-key-key\n", "CANCELKIT_MEXC_API_SECRET": "secret-secret\n"}
    credentials = Credentials.from_env("mexc", environ)
    assert (credentials.api_key, credentials.secret) == ("key-key-key", "secret-secret")


# -- configuration ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base_url", "says"),
    [
        ("https://user:s3cr3t@api.binance.com", "user name or password"),
        ("https://xn--ls8h.la", "host"),
        ("ftp://api.binance.com", "http or https"),
        ("api.binance.com", "http or https"),
    ],
)
def test_a_base_url_that_cannot_be_used_is_refused_when_the_client_is_built(base_url: str, says: str) -> None:
    with pytest.raises(ConfigurationError, match=says) as refused:
        CancelClient("binance", Credentials("key-key-key", secret="s" * 20), base_url=base_url)
    assert "s3cr3t" not in str(refused.value)


async def test_an_async_client_refuses_a_second_event_loop_before_sending(simulator: Simulator) -> None:
    order = simulator.add_order("mexc", "BTCUSDT")
    client = AsyncCancelClient("mexc", simulator.credentials("mexc"), base_url=simulator.base_url("mexc"))
    await client.sync_clock()
    before = sent(simulator, "mexc")

    def in_another_loop() -> BaseException | None:
        try:
            asyncio.run(client.cancel_order("BTC/USDT", order_id=order.order_id))
        except BaseException as error:
            return error
        return None

    error = await asyncio.to_thread(in_another_loop)

    def close_in_another_loop() -> BaseException | None:
        try:
            asyncio.run(client.aclose())
        except BaseException as error:
            return error
        return None

    assert isinstance(await asyncio.to_thread(close_in_another_loop), ConfigurationError)
    await client.aclose()
    assert isinstance(error, ConfigurationError), repr(error)
    assert "event loop" in str(error)
    assert not error.may_have_canceled
    assert sent(simulator, "mexc") == before
    assert len(simulator.open_orders("mexc")) == 1


# -- answers ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("venue", VENUES)
async def test_an_answer_about_another_order_is_never_that_orders_result(
    simulator: Simulator, asynchronous: bool, venue: str
) -> None:
    order = simulator.add_order(venue, NATIVE[venue])
    simulator.inject(venue, Fault("other_order", route="cancel_order"))
    client = client_for(simulator, venue, asynchronous, resolve_unknown=False)
    try:
        with pytest.raises(MalformedResponse, match="another order") as caught:
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert caught.value.may_have_canceled
    assert simulator.route_calls[venue, "cancel_order"] == 1


@pytest.mark.parametrize("kind", ["huge", "gzip_bomb"])
async def test_an_answer_too_large_is_malformed_and_sent(simulator: Simulator, asynchronous: bool, kind: str) -> None:
    order = simulator.add_order("binance", "BTCUSDT")
    simulator.inject("binance", Fault(kind, route="cancel_order"))  # type: ignore[arg-type]
    client = client_for(simulator, "binance", asynchronous, max_answer_bytes=1 << 20, resolve_unknown=False)
    try:
        with pytest.raises(MalformedResponse) as caught:
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert caught.value.may_have_canceled
    assert simulator.route_calls["binance", "cancel_order"] == 1


async def test_a_trickling_answer_is_cut_at_the_deadline(simulator: Simulator, asynchronous: bool) -> None:
    order = simulator.add_order("bingx", "BTC-USDT")
    simulator.inject("bingx", Fault("trickle", route="cancel_order", seconds=0.3))  # one byte every 0.3 s
    client = client_for(simulator, "bingx", asynchronous, timeout=1.0, deadline=1.5, resolve_unknown=False)
    began = time.monotonic()
    try:
        with pytest.raises(OutcomeUnknown, match="deadline"):
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert time.monotonic() - began < 4.0  # the answer alone takes over a minute at that pace
    assert simulator.route_calls["bingx", "cancel_order"] == 1


# -- rate limits -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("venue", VENUES)
@pytest.mark.parametrize("kind", ["rate_limited", "banned"])
async def test_after_a_retry_after_nothing_is_sent_until_the_time_has_passed(
    simulator: Simulator, asynchronous: bool, venue: str, kind: str
) -> None:
    orders = simulator.add_orders(venue, NATIVE[venue], 2)
    simulator.inject(venue, Fault(kind, route="cancel_order", retry_after=30, times=1, execute=False))  # type: ignore[arg-type]
    first, second = client_for(simulator, venue, asynchronous), client_for(simulator, venue, asynchronous)
    try:
        with pytest.raises(RateLimited):
            await call(first, "cancel_order", "BTC/USDT", order_id=orders[0].order_id)
        for client in (first, second):  # every client of the process, for that venue and base URL
            with pytest.raises(RateLimited, match="nothing was sent") as held:
                await call(client, "cancel_order", "BTC/USDT", order_id=orders[1].order_id)
            assert held.value.retry_after is not None
            assert 25 < held.value.retry_after <= 30
            assert not held.value.may_have_canceled
    finally:
        await close(first)
        await close(second)
    assert simulator.route_calls[venue, "cancel_order"] == 1
    assert len(simulator.open_orders(venue)) == 2


async def test_binance_minus_1003_ban_holds_until_the_time_it_names(simulator: Simulator, asynchronous: bool) -> None:
    order = simulator.add_order("binance", "BTCUSDT")
    until_ms = int(time.time() * 1000) + 120_000
    simulator.inject("binance", Fault("banned", route="cancel_order", retry_after=None, until_ms=until_ms, times=1))
    client = client_for(simulator, "binance", asynchronous)
    try:
        with pytest.raises(RateLimited):
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
        with pytest.raises(RateLimited, match="nothing was sent") as held:
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert held.value.retry_after is not None
    assert 100 < held.value.retry_after <= 120
    assert held.value.banned
    assert simulator.route_calls["binance", "cancel_order"] == 1


async def test_the_last_rate_limit_figures_are_exposed(simulator: Simulator, asynchronous: bool) -> None:
    order = simulator.add_order("binance", "BTCUSDT")
    client = client_for(simulator, "binance", asynchronous)
    try:
        await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
        status = client.rate_limits
    finally:
        await close(client)
    assert status.used_weight == {"1m": sent(simulator, "binance")}
    assert status.retry_after is None


# -- cancel-all on a symbol with nothing open ------------------------------------------------------------------------


@pytest.mark.parametrize("venue", VENUES)
async def test_cancel_open_orders_with_nothing_open_is_an_empty_list(
    simulator: Simulator, asynchronous: bool, venue: str
) -> None:
    client = client_for(simulator, venue, asynchronous)
    try:
        assert await call(client, "cancel_open_orders", "BTC/USDT") == []
        assert await call(client, "cancel_open_orders", "BTC/USDT") == []  # a kill switch run twice
    finally:
        await close(client)
    assert simulator.route_calls[venue, "cancel_open_orders"] == 2


# -- bad input -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("venue", ["binance", "bingx"])
@pytest.mark.parametrize("order_id", [0, 2**63, 2**64, 10**30, "0", str(2**63), -1, "00", "١٢٣"])
async def test_integer_order_ids_out_of_range_are_refused(
    simulator: Simulator, asynchronous: bool, venue: str, order_id: object
) -> None:
    client = client_for(simulator, venue, asynchronous)
    try:
        with pytest.raises(InvalidArgument, match="order_id"):
            await call(client, "cancel_order", "BTC/USDT", order_id=order_id)
    finally:
        await close(client)
    assert sent(simulator, venue) == 0


@pytest.mark.parametrize("venue", ["binance", "bingx"])
async def test_the_largest_order_id_is_sent(simulator: Simulator, asynchronous: bool, venue: str) -> None:
    client = client_for(simulator, venue, asynchronous)
    try:
        with pytest.raises(OrderNotFound):
            await call(client, "cancel_order", "BTC/USDT", order_id=2**63 - 1)
    finally:
        await close(client)
    assert simulator.route_calls[venue, "cancel_order"] == 1


@pytest.mark.parametrize("order_list_id", [-1, 2**63, 10**30])
async def test_binance_order_list_ids_out_of_range_are_refused(
    simulator: Simulator, asynchronous: bool, order_list_id: int
) -> None:
    client = client_for(simulator, "binance", asynchronous)
    try:
        with pytest.raises(InvalidArgument, match="order_list_id"):
            await call(client, "cancel_order_list", "BTC/USDT", order_list_id=order_list_id)
    finally:
        await close(client)
    assert sent(simulator, "binance") == 0


@pytest.mark.parametrize("order_id", [-1, "-1", "0x10", "١٢٣", "C02__12 3", "C02__", "c02__123", "C02__1\n"])
async def test_mexc_order_ids_not_of_mexcs_form_are_refused(
    simulator: Simulator, asynchronous: bool, order_id: object
) -> None:
    client = client_for(simulator, "mexc", asynchronous)
    try:
        with pytest.raises(InvalidArgument, match="order_id"):
            await call(client, "cancel_order", "BTC/USDT", order_id=order_id)
    finally:
        await close(client)
    assert sent(simulator, "mexc") == 0


@pytest.mark.parametrize("venue", ["mexc", "bingx"])
@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\x7f", "\u0085", "\u2028", "\u200b"])
async def test_client_order_ids_with_control_or_invisible_characters_are_refused(
    simulator: Simulator, asynchronous: bool, venue: str, bad: str
) -> None:
    client = client_for(simulator, venue, asynchronous)
    try:
        with pytest.raises(InvalidArgument, match="client_order_id"):
            await call(client, "cancel_order", "BTC/USDT", client_order_id=f"mine{bad}1")
    finally:
        await close(client)
    assert sent(simulator, venue) == 0


async def test_bingx_recv_window_takes_decimals_as_its_docs_do(simulator: Simulator, asynchronous: bool) -> None:
    order = simulator.add_order("bingx", "BTC-USDT")
    client = client_for(simulator, "bingx", asynchronous, recv_window="5000.5")
    try:
        result = await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert isinstance(result, CancelResult)
    assert simulator.last_params["bingx"]["recvWindow"] == "5000.5"


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")  # Python 3.12+: on purpose
def test_a_fork_does_not_share_the_pool() -> None:
    """After os.fork() with a warm pool, the child's cancel goes out on its own connection and is answered for its
    own order."""
    with Simulator() as sim:
        parent_order, child_order = sim.add_orders("binance", "BTCUSDT", 2)
        client = CancelClient("binance", sim.credentials("binance"), base_url=sim.base_url("binance"))
        client.cancel_order("BTC/USDT", order_id=sim.add_order("binance", "BTCUSDT").order_id)  # warms the pool
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            try:
                result = client.cancel_order("BTC/USDT", order_id=child_order.order_id)
                os.write(write_end, result.order_id.encode())
            except BaseException as error:
                os.write(write_end, f"error {error!r}".encode())
            finally:
                os._exit(0)
        os.close(write_end)
        result = client.cancel_order("BTC/USDT", order_id=parent_order.order_id)
        child_said = os.read(read_end, 1000).decode()
        os.waitpid(pid, 0)
        os.close(read_end)
        client.close()
    assert result.order_id == str(parent_order.order_id)
    assert child_said == str(child_order.order_id)


async def test_a_gzip_answer_is_read(simulator: Simulator, asynchronous: bool) -> None:
    """A venue may gzip its answers: a whole, valid gzip answer is read as usual."""
    order = simulator.add_order("mexc", "BTCUSDT")
    simulator.inject("mexc", Fault("gzip", route="cancel_order"))  # type: ignore[arg-type]
    client = client_for(simulator, "mexc", asynchronous)
    try:
        result = await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert result.order_id == order.order_id


# -- found by review ---------------------------------------------------------------------------------------------


def _answer_429_slowly(server: ScriptedServer, connection: socket.socket) -> None:
    while server.read_request(connection) is not None:
        time.sleep(0.3)
        body = b'{"code":-1003,"msg":"Too much request weight used"}'
        head = b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\nContent-Length: %d\r\n\r\n" % len(body)
        connection.sendall(head + body)


async def test_requests_queued_for_a_connection_are_held_back_after_a_429(asynchronous: bool) -> None:
    with ScriptedServer(_answer_429_slowly) as venue, Simulator() as sim:
        client = client_for(sim, "binance", asynchronous, base_url=venue.origin, time_sync=False, max_connections=1)
        try:
            outcomes = await asyncio.gather(
                *(call(client, "cancel_order", "BTC/USDT", order_id=i) for i in (1, 2, 3)), return_exceptions=True
            )
        finally:
            await close(client)
    assert all(isinstance(outcome, RateLimited) for outcome in outcomes), outcomes
    assert len(venue.requests) == 1  # the two that waited for the connection were held back, unsent


def _answer_deeply_nested(server: ScriptedServer, connection: socket.socket) -> None:
    body = b"[" * 200_000 + b"]" * 200_000
    while server.read_request(connection) is not None:
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)


async def test_a_deeply_nested_answer_is_malformed(asynchronous: bool) -> None:
    with ScriptedServer(_answer_deeply_nested) as venue, Simulator() as sim:
        client = client_for(sim, "mexc", asynchronous, base_url=venue.origin, time_sync=False, resolve_unknown=False)
        try:
            with pytest.raises(MalformedResponse):
                await call(client, "cancel_order", "BTC/USDT", order_id="C02__1")
        finally:
            await close(client)
    assert len(venue.requests) == 1


def test_a_key_pasted_where_its_file_belongs_is_never_quoted() -> None:
    pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIKEYMATERIAL\n-----END PRIVATE KEY-----"
    for value in (pem, "/no/such/file", "/bad\x00path"):
        environ = {"CANCELKIT_BINANCE_API_KEY": "key-key-key", "CANCELKIT_BINANCE_PRIVATE_KEY_FILE": value}
        with pytest.raises(ConfigurationError, match="PRIVATE_KEY_FILE") as refused:
            Credentials.from_env("binance", environ)
        assert "KEYMATERIAL" not in str(refused.value)
        assert "BEGIN" not in str(refused.value)


@pytest.mark.parametrize(
    ("proxy", "works"),
    [
        ("proxy.corp:3128", True),  # no scheme: http, as curl and httpx read it
        ("http://ops:hunter2@proxy.corp:notaport", False),
        ("user:hunter2@proxy.corp:3128", True),
    ],
)
def test_the_environments_proxy_is_checked_and_never_quoted(
    proxy: str, works: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", proxy)
    if works:
        with CancelClient("binance", Credentials("key-key-key", secret="secret")) as client:
            assert client.proxy is not None
            assert "hunter2" not in repr(client)
        return
    with pytest.raises(ConfigurationError) as refused:
        CancelClient("binance", Credentials("key-key-key", secret="secret"))
    assert "hunter2" not in str(refused.value)


@pytest.mark.parametrize("retry_after", ["inf", "nan", "-5", "1e308"])
async def test_a_retry_after_beyond_reason_holds_at_most_three_days(
    simulator: Simulator, asynchronous: bool, retry_after: str
) -> None:
    client = client_for(simulator, "binance", asynchronous)
    response = httpx.Response(429, headers={"Retry-After": retry_after})
    RATE_LIMITS.observe(client._rate_key, response, None, failed=True)
    held = client.rate_limits.retry_after
    await close(client)
    assert held is None or held <= 3 * 86400


async def test_a_successful_answer_never_holds_requests_back(simulator: Simulator, asynchronous: bool) -> None:
    orders = simulator.add_orders("binance", "BTCUSDT", 2)
    client = client_for(simulator, "binance", asynchronous)
    RATE_LIMITS.observe(client._rate_key, httpx.Response(200, headers={"Retry-After": "120"}), None, failed=False)
    try:
        for order in orders:
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert simulator.route_calls["binance", "cancel_order"] == 2


async def test_a_hold_can_be_released_by_the_caller(simulator: Simulator, asynchronous: bool) -> None:
    order = simulator.add_order("mexc", "BTCUSDT")
    simulator.inject("mexc", Fault("rate_limited", route="cancel_order", retry_after=600, times=1, execute=False))
    client = client_for(simulator, "mexc", asynchronous)
    try:
        with pytest.raises(RateLimited):
            await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
        client.release_rate_limit_hold()
        result = await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert result.status == "CANCELED"


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({"verify": __file__}, "CA certificates"),  # a file, but no CA bundle
        ({"verify": "/no/such/bundle.pem"}, "no CA bundle file"),
        ({"environment": ["production"]}, "no \\['production'\\] environment"),
        ({"timeout": 1e7}, "at most 86400 seconds"),
        ({"deadline": 1e9}, "at most 86400 seconds"),
    ],
)
def test_options_that_cannot_work_are_refused_with_their_reason(options: dict[str, Any], says: str) -> None:
    with pytest.raises((ConfigurationError, InvalidArgument), match=says):
        CancelClient("binance", Credentials("key-key-key", secret="secret"), **options)


async def test_a_unicode_symbol_is_sent_as_written(simulator: Simulator, asynchronous: bool) -> None:
    client = client_for(simulator, "binance", asynchronous)
    try:
        with pytest.raises(OrderNotFound):
            await call(client, "cancel_order", "ßtraße/USDT", order_id=1)
    finally:
        await close(client)
    assert simulator.last_params["binance"]["symbol"] == "ßTRAßEUSDT"  # ASCII letters upper-cased, no others


@pytest.mark.parametrize("name", ["client_order_id", "new_client_order_id"])
async def test_a_binance_client_id_with_a_trailing_newline_is_refused(
    simulator: Simulator, asynchronous: bool, name: str
) -> None:
    client = client_for(simulator, "binance", asynchronous)
    ids = {"order_id": 1} if name == "new_client_order_id" else {}
    try:
        with pytest.raises(InvalidArgument, match=name):
            await call(client, "cancel_order", "BTC/USDT", **ids, **{name: "abc\n"})
    finally:
        await close(client)
    assert sent(simulator, "binance") == 0
