"""The cancelkit command against the simulator: kill switch across venues, dry run, JSON, exit codes."""

import io
import json
import subprocess
import sys

import pytest

from cancelkit.cli import EXIT_CONFIG, EXIT_CRASH, EXIT_FAILED, EXIT_OK, EXIT_UNKNOWN, EXIT_USAGE, main
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
    outcomes = [row for venue in json.loads(out)["venues"] for row in venue["rows"]]
    assert sorted({o["venue"] for o in outcomes}) == ["binance", "bingx", "mexc"]
    assert len(outcomes) == 9
    assert {o["status"] for o in outcomes} == {"CANCELED"}
    assert all(not keys.open_orders(venue) for venue in NATIVE)


def test_one_order_as_a_table(keys: Simulator) -> None:
    order = keys.add_order("bingx", "BTC-USDT")
    code, out = run(keys, "cancel", "bingx", "BTC/USDT", "--order-id", str(order.order_id))
    assert code == EXIT_OK
    assert out.splitlines()[0].startswith("done bingx: 1 canceled")
    header, row = out.splitlines()[1:3]
    assert header.split()[:3] == ["VENUE", "SYMBOL", "ORDER"]
    assert str(order.order_id) in row
    assert "CANCELED" in row


def test_some_failed(keys: Simulator) -> None:
    code, out = run(keys, "cancel", "binance", "BTC/USDT", "--order-id", "424242", "--json")
    assert code == EXIT_FAILED
    (outcome,) = json.loads(out)["venues"][0]["rows"]
    assert outcome["error"]["type"] == "OrderNotFound"
    assert outcome["error"]["may_have_canceled"] is False


def test_outcome_unknown_wins(keys: Simulator) -> None:
    keys.add_order("mexc", "BTCUSDT")
    keys.inject("binance", Fault("drop", route="cancel_open_orders"))  # canceled, answer lost, every time
    keys.inject("binance", Fault("server_error", route="get_order", execute=False))  # and the queries fail
    keys.add_order("binance", "BTCUSDT")
    code, out = run(keys, "cancel-all", "binance,mexc", "BTC/USDT", "--json")
    assert code == EXIT_UNKNOWN
    statuses = {o["venue"]: o["status"] for v in json.loads(out)["venues"] for o in v["rows"]}
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


# -- the kill switch at 3 a.m. ---------------------------------------------------------------------------------------


def test_cancel_all_dry_run_prints_the_signed_request(keys: Simulator) -> None:
    keys.add_order("binance", "BTCUSDT")
    code, out = run(keys, "cancel-all", "binance", "BTC/USDT", "--dry-run")
    assert code == EXIT_OK
    assert "DELETE" in out
    assert "signature=<redacted>" in out
    assert keys.requests["binance"] == 0


def test_a_base_url_for_a_venue_not_named_is_refused(keys: Simulator) -> None:
    out = io.StringIO()
    with pytest.raises(SystemExit) as usage:
        main(["cancel-all", "binance", "BTC/USDT", "--base-url", "binanse=http://127.0.0.1:1"], out=out)
    assert usage.value.code == EXIT_USAGE


def test_a_venue_named_twice_cancels_once(keys: Simulator) -> None:
    order = keys.add_order("mexc", "BTCUSDT")
    code, out = run(keys, "cancel", "mexc,mexc", "BTC/USDT", "--order-id", str(order.order_id), "--json")
    assert code == EXIT_OK
    assert len(json.loads(out)["venues"]) == 1
    assert keys.route_calls["mexc", "cancel_order"] == 1


@pytest.mark.parametrize("timeout", ["-1", "0", "nan", "inf"])
def test_a_timeout_that_is_not_a_positive_number_is_refused(keys: Simulator, timeout: str) -> None:
    with pytest.raises(SystemExit) as usage:
        main(["cancel-all", "binance", "BTC/USDT", "--timeout", timeout])
    assert usage.value.code == EXIT_USAGE


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.metadata

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == EXIT_OK
    assert importlib.metadata.version("cancelkit") in capsys.readouterr().out


def test_errors_show_the_venues_symbol_as_results_do(keys: Simulator) -> None:
    code, out = run(keys, "cancel", "binance", "btc/usdt", "--order-id", "424242", "--json")
    assert code == EXIT_FAILED
    (row,) = json.loads(out)["venues"][0]["rows"]
    assert row["symbol"] == "BTCUSDT"


def test_venues_run_independently(keys: Simulator, monkeypatch: pytest.MonkeyPatch) -> None:
    keys.add_orders("binance", "BTCUSDT", 2)
    keys.add_orders("mexc", "BTCUSDT", 2)
    monkeypatch.delenv("CANCELKIT_MEXC_API_SECRET")
    code, out = run(keys, "cancel-all", "binance,mexc", "BTC/USDT", "--json")
    assert code == EXIT_CONFIG
    venues = {v["venue"]: v for v in json.loads(out)["venues"]}
    assert venues["mexc"]["error"]["type"] == "ConfigurationError"
    assert "CANCELKIT_MEXC_API_SECRET" in venues["mexc"]["error"]["message"]
    assert keys.open_orders("binance") == []  # binance still canceled
    assert len(keys.open_orders("mexc")) == 2


def test_a_crash_has_its_own_exit_code(keys: Simulator, monkeypatch: pytest.MonkeyPatch) -> None:
    from cancelkit import AsyncCancelClient

    async def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug")

    monkeypatch.setattr(AsyncCancelClient, "cancel_order", broken)
    code, _ = run(keys, "cancel", "binance", "BTC/USDT", "--order-id", "1")
    assert code == EXIT_CRASH
    assert EXIT_CRASH not in (EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNKNOWN, EXIT_CONFIG)


def test_each_venue_is_reported_as_soon_as_it_is_done(keys: Simulator) -> None:
    for venue, symbol in NATIVE.items():
        keys.add_orders(venue, symbol, 2)
    keys.inject("mexc", Fault("latency", route="cancel_open_orders", seconds=0.5))
    code, out = run(keys, "cancel-all", "binance,mexc,bingx", "BTC/USDT")
    assert code == EXIT_OK
    lines = out.splitlines()
    done = [line for line in lines if line.startswith("done ")]
    assert [line.split()[1] for line in done][-1] == "mexc:"  # the slow venue comes last
    assert lines.index(done[-1]) < next(i for i, line in enumerate(lines) if line.startswith("VENUE"))


def test_the_kill_switch_from_a_shell_against_cancelkit_simulate() -> None:
    """As a person at 3 a.m.: `cancelkit simulate` in one process, its export lines pasted, `cancelkit cancel-all`
    without a symbol in another: every order on every venue canceled, verified empty."""
    simulator = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cancelkit.cli",
            "simulate",
            "--port",
            "0",
            "--seed",
            "binance:ETHUSDT:3",
            "--seed",
            "binance:BTCUSDT:2",
            "--seed",
            "mexc:MXUSDT:2",
            "--seed",
            "bingx:XRP-USDT:4",
            "--fault",
            "mexc:drop:cancel_open_orders:1",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert simulator.stdout is not None
        environment: dict[str, str] = {}
        for line in simulator.stdout:
            if line.startswith("# Ctrl-C"):
                break
            if line.startswith("export "):
                environment.update(pair.split("=", 1) for pair in line.split()[1:])
        assert len(environment) == 9  # a key, a secret and a base URL per venue
        ran = subprocess.run(
            [sys.executable, "-m", "cancelkit.cli", "cancel-all", "binance,mexc,bingx", "--json"],
            env={**environment, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        simulator.terminate()
        simulator.wait(timeout=10)
    assert ran.returncode == EXIT_OK, ran.stdout + ran.stderr
    document = json.loads(ran.stdout)
    summaries = {venue["venue"]: venue["summary"] for venue in document["venues"]}
    assert {venue: s["canceled"] for venue, s in summaries.items()} == {"binance": 5, "mexc": 2, "bingx": 4}
    assert all(s["verified_empty"] for s in summaries.values())
    assert [line.split()[1] for line in ran.stderr.splitlines() if line.startswith("done ")] != []


def test_a_venue_that_cannot_be_listed_is_failed_not_unknown(keys: Simulator) -> None:
    keys.add_orders("binance", "BTCUSDT", 2)
    keys.inject("binance", Fault("server_error", route="open_orders", execute=False))  # every listing
    code, out = run(keys, "cancel-all", "binance", "--json")
    assert code == EXIT_FAILED  # a listing changes nothing: nothing may have been canceled
    (venue,) = json.loads(out)["venues"]
    assert venue["summary"]["verified_empty"] is False
    assert [row["status"] for row in venue["rows"]] == ["NOT_VERIFIED"]
    assert keys.route_calls["binance", "cancel_open_orders"] == 0
    assert len(keys.open_orders("binance")) == 2
