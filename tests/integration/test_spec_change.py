"""A parameter a spec adds reaches the facade with `make generate` alone: the README's loop, as a newcomer follows
it, with MEXC's cancel given an optional `cancelReason`, generated into a scratch folder and used by the facade (in a
subprocess, in front of the installed client) against the simulator, which checks the signature."""

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest
import respx
import yaml

from cancelkit import CancelClient, Credentials, InvalidArgument, VenueClock
from generator import generate

ROOT = Path(__file__).resolve().parents[2]

USE_IT = textwrap.dedent(
    """
    import json
    import cancelkit_mexc_client
    from cancelkit import CancelClient, InvalidArgument
    from cancelkit.testing import Simulator

    refused = {}
    with Simulator() as sim:
        order = sim.add_order("mexc", "BTCUSDT")
        with CancelClient("mexc", sim.credentials("mexc"), base_url=sim.base_url("mexc")) as client:
            for name, params in (("unknown", {"cancelReasn": "x"}), ("type", {"cancelReason": 5}),
                                 ("pattern", {"cancelReason": "a b"}), ("reserved", {"orderId": "1"})):
                try:
                    client.cancel_order("BTC/USDT", order_id=order.order_id, params=params)
                except InvalidArgument as error:
                    refused[name] = str(error)
            before = sim.route_calls["mexc", "cancel_order"]
            result = client.cancel_order("BTC/USDT", order_id=order.order_id, params={"cancelReason": "risk-off"})
        print(json.dumps({
            "client": cancelkit_mexc_client.__file__,
            "refused": refused,
            "sent_before": before,
            "wire": sim.last_params["mexc"],
            "status": result.status,
        }))
    """
)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_parameter_the_spec_adds_is_usable_from_the_facade(tmp_path: Path) -> None:
    specs = tmp_path / "openapi"
    shutil.copytree(ROOT / "openapi", specs)
    spec = yaml.safe_load((specs / "mexc.yaml").read_text())
    spec["info"]["version"] += ".1"
    parameters = spec["paths"]["/api/v3/order"]["delete"]["parameters"]
    # A name today's spec does not have (a newcomer may have added cancelReason already).
    name = next(
        f"cancelReason{n}"
        for n in ("", *range(2, 100))
        if not any(p.get("name") == f"cancelReason{n}" for p in parameters)
    )
    parameters.insert(
        4,
        {
            "name": name,
            "in": "query",
            "required": False,
            "schema": {"type": "string", "maxLength": 20, "pattern": "^[a-z-]+$"},
            "description": "Why the order is canceled.",
        },
    )
    (specs / "mexc.yaml").write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))
    out = tmp_path / "generated"
    assert generate.main(["--spec-dir", str(specs), "--output", str(out), "--venue", "mexc"]) == 0

    ran = subprocess.run(
        [sys.executable, "-c", USE_IT.replace("cancelReason", name)],
        env={"PYTHONPATH": str(out / "mexc"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    seen = json.loads(ran.stdout.splitlines()[-1])
    assert seen["client"].startswith(str(out))  # the freshly generated client, not the installed one
    assert seen["wire"][name] == "risk-off"  # signed: the simulator checked the signature
    assert seen["status"] == "CANCELED"
    assert set(seen["refused"]) == {"unknown", "type", "pattern", "reserved"}
    assert "has no parameter 'cancelReasn'" in seen["refused"]["unknown"]
    assert seen["sent_before"] == 0  # every refusal came before anything was sent


def test_response_fields_the_facade_does_not_normalize_stay_in_raw() -> None:
    report = {"symbol": "BTCUSDT", "orderId": "C02__1", "status": "CANCELED", "cancelReason": "stp_cancel"}
    with respx.mock(assert_all_called=False) as venue:
        venue.delete("https://api.mexc.com/api/v3/order").mock(return_value=httpx.Response(200, json=report))
        client = CancelClient(
            "mexc", Credentials("key-key-key", secret="secret"), clock=VenueClock(use_venue_time=False)
        )
        result = client.cancel_order("BTC/USDT", order_id="C02__1")
        client.close()
    assert result.raw["cancelReason"] == "stp_cancel"


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"cancelReason": "x"}, "has no parameter 'cancelReason'"),
        ({"timestamp": 1}, "set by cancelkit"),
        ({"symbol": "ETHUSDT"}, "set by cancelkit"),
        (["cancelReason"], "params must be a mapping"),
    ],
)
def test_extra_params_are_checked_against_todays_spec(params: object, says: str) -> None:
    client = CancelClient(
        "binance", Credentials("key-key-key", secret="secret"), clock=VenueClock(use_venue_time=False)
    )
    with pytest.raises(InvalidArgument, match=says):
        client.cancel_order("BTC/USDT", order_id=1, params=params)  # type: ignore[arg-type]
    client.close()
