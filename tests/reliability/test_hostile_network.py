"""The facade over a hostile network (tests/hostile.py): proxies that refuse the tunnel, a venue behind an address
that never answers, a certificate that does not verify. Each outcome is typed truthfully and counted at the venue."""

from pathlib import Path

import pytest

from cancelkit import ConnectionFailed, Credentials, MalformedResponse
from cancelkit.testing import Simulator
from tests.clients import call, client_for, close
from tests.hostile import Blackhole, ConnectProxy, Resolver, ScriptedServer, certificates, keep_answering

pytestmark = pytest.mark.anyio
KEY = Credentials("hostile-api-key-0123456789", secret="hostile-secret-0123456789")


@pytest.mark.parametrize("answer", [407, 502, "hang-up"])
@pytest.mark.parametrize("how", ["option", "environment"])
async def test_a_proxy_that_refuses_the_tunnel_sent_nothing(
    asynchronous: bool, answer: int | str, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with (
        ScriptedServer(keep_answering, tls=certificates().server_context()) as venue,
        ConnectProxy(answer) as proxy,
    ):
        options = {"proxy": proxy.origin} if how == "option" else {}
        if how == "environment":
            monkeypatch.setenv("HTTPS_PROXY", proxy.origin)
            monkeypatch.delenv("NO_PROXY", raising=False)
            monkeypatch.delenv("no_proxy", raising=False)
        with Simulator() as sim:
            client = client_for(
                sim, "binance", asynchronous, base_url=venue.origin, credentials=KEY, time_sync=False, **options
            )
            try:
                with pytest.raises(ConnectionFailed) as caught:
                    await call(client, "cancel_order", "BTC/USDT", order_id=7)
            finally:
                await close(client)
    assert not caught.value.may_have_canceled
    assert caught.value.retryable
    assert "nothing was sent" in str(caught.value)
    assert len(proxy.requests) == 1  # the CONNECT
    assert (venue.connections, len(venue.requests)) == (0, 0)


async def test_a_cancel_through_an_http_proxy_reaches_the_venue_signed(asynchronous: bool) -> None:
    with Simulator() as sim, ConnectProxy(200) as proxy:
        order = sim.add_order("mexc", "BTCUSDT")
        client = client_for(sim, "mexc", asynchronous, proxy=proxy.origin.replace("//", "//ops:pa55@"))
        try:
            result = await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
        finally:
            await close(client)
    assert result.status == "CANCELED"  # the simulator checked the signature
    assert proxy.authorization() == "Basic b3BzOnBhNTU="  # ops:pa55
    assert repr(client).count("pa55") == 0


async def test_a_venue_behind_an_address_that_never_answers_is_reached_at_the_next(asynchronous: bool) -> None:
    with Simulator() as sim, Blackhole(host="127.0.0.2", port=sim.port) as hole:
        order = sim.add_order("bingx", "BTC-USDT")
        with Resolver({"venue.test": [hole.host, "127.0.0.1"]}):
            client = client_for(sim, "bingx", asynchronous, base_url=f"http://venue.test:{sim.port}/bingx", timeout=2.0)
            try:
                result = await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
            finally:
                await close(client)
    assert result.status == "CANCELED"
    assert sim.route_calls["bingx", "cancel_order"] == 1


async def test_a_certificate_that_does_not_verify_names_its_cause(asynchronous: bool) -> None:
    with ScriptedServer(keep_answering, tls=certificates().self_signed_server_context()) as venue, Simulator() as sim:
        client = client_for(sim, "binance", asynchronous, base_url=venue.origin, credentials=KEY, time_sync=False)
        try:
            with pytest.raises(ConnectionFailed, match="certificate verify failed: self-signed certificate") as caught:
                await call(client, "cancel_order", "BTC/USDT", order_id=7)
        finally:
            await close(client)
    assert not caught.value.may_have_canceled
    assert len(venue.requests) == 0


async def test_a_custom_ca_verifies_the_venue(asynchronous: bool, tmp_path: Path) -> None:
    bundle = certificates().ca_file(tmp_path)
    with ScriptedServer(keep_answering, tls=certificates().server_context("127.0.0.1")) as venue, Simulator() as sim:
        client = client_for(
            sim,
            "binance",
            asynchronous,
            base_url=venue.origin,
            credentials=KEY,
            time_sync=False,
            verify=str(bundle),
            resolve_unknown=False,
        )
        try:
            # Reached over verified TLS and answered: "ok", which is not Binance's JSON.
            with pytest.raises(MalformedResponse):
                await call(client, "cancel_order", "BTC/USDT", order_id=7)
        finally:
            await close(client)
    assert len(venue.requests) == 1
