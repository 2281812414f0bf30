"""The clients' options as a type checker and a person see them: every option a typed keyword, checked when the
client is built; the version and User-Agent from the installed package; the server-time request unsigned."""

import importlib.metadata
import textwrap
from pathlib import Path
from typing import Any

import pytest
from mypy import api as mypy

import cancelkit
from cancelkit import AsyncCancelClient, CancelClient, Credentials, InvalidArgument
from cancelkit.testing import Simulator
from tests.clients import NATIVE, VENUES, call, client_for, close

pytestmark = pytest.mark.anyio
ROOT = Path(__file__).resolve().parents[2]


def test_a_type_checker_catches_misspelt_and_mistyped_options(tmp_path: Path) -> None:
    user_code = tmp_path / "user_code.py"
    user_code.write_text(
        textwrap.dedent(
            """
            from cancelkit import AsyncCancelClient, CancelClient, Credentials

            credentials = Credentials("key", secret="secret")
            CancelClient("binance", credentials, recv_windw=5000)
            CancelClient("binance", credentials, timeout="5")
            CancelClient("kraken", credentials)
            AsyncCancelClient("mexc", credentials, max_connections="10")
            CancelClient("bingx", credentials, recv_window=5000, timeout=2.5, deadline=10.0)  # fine
            """
        )
    )
    config = str(ROOT / "pyproject.toml")
    out, _, status = mypy.run(["--strict", "--no-incremental", "--config-file", config, str(user_code)])
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert status == 1
    assert [int(line.split(":")[1]) for line in errors] == [5, 6, 7, 8], out


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({"timeout": -1}, "timeout must be a finite number"),
        ({"timeout": "5"}, "timeout must be a finite number"),
        ({"timeout": float("inf")}, "timeout must be a finite number"),
        ({"deadline": 0}, "deadline must be a finite number"),
        ({"max_connections": 0}, "max_connections must be an int of at least 1"),
        ({"max_concurrency": 2.5}, "max_concurrency must be an int"),
        ({"max_answer_bytes": 10}, "max_answer_bytes"),
        ({"time_sync": "no"}, "time_sync must be True or False"),
        ({"clock_max_age": -5}, "clock_max_age must be a finite number"),
    ],
)
def test_option_values_are_checked_when_the_client_is_built(options: dict[str, Any], says: str) -> None:
    with pytest.raises(InvalidArgument, match=says):
        CancelClient("binance", Credentials("key-key-key", secret="secret"), **options)


def test_the_version_and_user_agent_come_from_the_installed_package(simulator: Simulator) -> None:
    installed = importlib.metadata.version("cancelkit")
    assert cancelkit.__version__ == installed
    order = simulator.add_order("mexc", "BTCUSDT")
    with CancelClient("mexc", simulator.credentials("mexc"), base_url=simulator.base_url("mexc")) as client:
        client.cancel_order("BTC/USDT", order_id=order.order_id)
    assert simulator.user_agents["mexc"] == f"cancelkit/{installed}"


@pytest.mark.parametrize("venue", VENUES)
async def test_the_server_time_request_is_sent_unsigned(simulator: Simulator, asynchronous: bool, venue: str) -> None:
    order = simulator.add_order(venue, NATIVE[venue])
    client = client_for(simulator, venue, asynchronous, recv_window=5000)
    try:
        await call(client, "cancel_order", "BTC/USDT", order_id=order.order_id)
    finally:
        await close(client)
    assert simulator.time_queries[venue] == [""]  # no recvWindow, timestamp or signature
    assert simulator.route_calls[venue, "cancel_order"] == 1


def test_both_clients_take_the_same_options() -> None:
    assert CancelClient.__init__ is AsyncCancelClient.__init__
