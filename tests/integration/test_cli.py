"""The cancelkit command against the simulator: kill switch across venues, dry run, JSON, exit codes."""

import io
import json
import subprocess
import sys

import pytest

from cancelkit.cli import EXIT_CONFIG, EXIT_FAILED, EXIT_OK, EXIT_UNKNOWN, EXIT_USAGE, main
from cancelkit.testing import Fault, Simulator

NATIVE = {"binance": "BTCUSDT", "mexc": "BTCUSDT", "bingx": "BTC-USDT"}


@pytest.fixture
def keys(simulator: Simulator, monkeypatch: pytest.MonkeyPatch) -> Simulator:
    for venue, (api_key, secret) in simulator.secrets.items():
        monkeypatch.setenv(f"CANCELKIT_{venue.upper()}_API_KEY", api_key)
        monkeypatch.setenv(f"CANCELKIT_{venue.upper()}_API_SECRET", secret)
    return simulator


def run(sim: Simulator, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    urls = [arg for venue in NATIVE for arg in ("--base-url", f"{venue}={sim.base_url(venue)}")]
    return main([*args, *urls], out=out), out.getvalue()


def test_kill_switch_across_every_venue(keys: Simulator) -> None:
    for venue, symbol in NATIVE.items():
        keys.add_orders(venue, symbol, 3)
    code, out = run(keys, "cancel-all", "binance,mexc,bingx", "BTC/USDT", "--json")
    assert code == EXIT_OK
    outcomes = json.loads(out)
    assert sorted({o["venue"] for o in outcomes}) == ["binance", "bingx", "mexc"]
    assert len(outcomes) == 9
    assert {o["status"] for o in outcomes} == {"CANCELED"}
    assert all(not keys.open_orders(venue) for venue in NATIVE)


def test_one_order_as_a_table(keys: Simulator) -> None:
    order = keys.add_order("bingx", "BTC-USDT")
    code, out = run(keys, "cancel", "bingx", "BTC/USDT", "--order-id", str(order.order_id))
    assert code == EXIT_OK
    header, row = out.splitlines()
    assert header.split()[:3] == ["VENUE", "SYMBOL", "ORDER"]
    assert str(order.order_id) in row
    assert "CANCELED" in row


def test_some_failed(keys: Simulator) -> None:
    code, out = run(keys, "cancel", "binance", "BTC/USDT", "--order-id", "424242", "--json")
    assert code == EXIT_FAILED
    (outcome,) = json.loads(out)
    assert outcome["error"]["type"] == "OrderNotFound"
    assert outcome["error"]["may_have_canceled"] is False


def test_outcome_unknown_wins(keys: Simulator) -> None:
    keys.add_order("mexc", "BTCUSDT")
    keys.inject("binance", Fault("drop", route="cancel_open_orders"))
    keys.add_order("binance", "BTCUSDT")
    code, out = run(keys, "cancel-all", "binance,mexc", "BTC/USDT", "--json")
    assert code == EXIT_UNKNOWN
    statuses = {o["venue"]: o["status"] for o in json.loads(out)}
    assert statuses == {"binance": "UNKNOWN", "mexc": "CANCELED"}


def test_dry_run_prints_the_signed_request_redacted(keys: Simulator) -> None:
    order = keys.add_order("binance", "BTCUSDT")
    code, out = run(keys, "cancel", "binance", "BTC/USDT", "--order-id", str(order.order_id), "--dry-run")
    assert code == EXIT_OK
    assert f"DELETE {keys.base_url('binance')}/api/v3/order?symbol=BTCUSDT&orderId={order.order_id}" in out
    assert "signature=<redacted>" in out
    api_key, secret = keys.secrets["binance"]
    assert api_key not in out
    assert secret not in out
    assert len(keys.open_orders("binance")) == 1  # nothing was sent
    assert keys.requests["binance"] == 0


def test_usage_and_configuration_errors(keys: Simulator, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(keys, "cancel", "binance", "BTC/USDT", "--order-id", "-5")[0] == EXIT_USAGE
    monkeypatch.delenv("CANCELKIT_MEXC_API_SECRET")
    assert run(keys, "cancel-all", "mexc", "BTC/USDT")[0] == EXIT_CONFIG
    with pytest.raises(SystemExit) as usage:
        main(["cancel-all", "kraken", "BTC/USDT"])
    assert usage.value.code == EXIT_USAGE


def test_the_installed_command_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cancelkit.cli", "--help"], capture_output=True, text=True, check=True, timeout=60
    )
    assert "cancel-all" in result.stdout
