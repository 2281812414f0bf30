"""The specs validate, and the generator turns a changed spec into a changed client."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openapi_spec_validator import validate

from generator import generate

ROOT = Path(__file__).resolve().parents[2]
SPECS = sorted((ROOT / "openapi").glob("*.yaml"))


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_spec_is_valid_openapi(spec: Path) -> None:
    validate(yaml.safe_load(spec.read_text()))


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_no_number_types_in_specs(spec: Path) -> None:
    # Prices, quantities and recvWindow are exact strings or integers: `number` would become a float.
    assert "type: number" not in spec.read_text()


def test_regeneration_loop_sees_a_new_parameter_and_a_new_field(tmp_path: Path) -> None:
    specs = tmp_path / "openapi"
    shutil.copytree(ROOT / "openapi", specs)
    spec = yaml.safe_load((specs / "binance.yaml").read_text())
    cancel = spec["paths"]["/api/v3/order"]["delete"]
    cancel["parameters"].insert(
        -2, {"name": "newVenueFlag", "in": "query", "required": False, "schema": {"type": "string"}}
    )
    report = spec["components"]["schemas"]["CancelOrderReport"]
    report["properties"]["venueNewField"] = {"type": "string"}
    report["required"].append("venueNewField")
    (specs / "binance.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))

    out = tmp_path / "out"
    assert generate.main(["--spec-dir", str(specs), "--output", str(out), "--venue", "binance"]) == 0

    # A fresh interpreter imports the regenerated package, not the installed one.
    probe = """
import inspect, json
from cancelkit_binance_client.api.trade import cancel_order
from cancelkit_binance_client.models import CancelOrderReport
import cancelkit_binance_client
print(json.dumps({
    "file": cancelkit_binance_client.__file__,
    "params": list(inspect.signature(cancel_order.sync_detailed).parameters),
    "field": CancelOrderReport.from_dict({
        "symbol": "A", "orderId": 1, "orderListId": -1, "clientOrderId": "c", "transactTime": 1, "price": "1",
        "origQty": "1", "executedQty": "0", "cummulativeQuoteQty": "0", "status": "CANCELED", "timeInForce": "GTC",
        "type": "LIMIT", "side": "BUY", "venueNewField": "seen"}).venue_new_field,
    "url": cancel_order._get_kwargs(symbol="A", new_venue_flag="on")["url"],
}))
"""
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=out / "binance", capture_output=True, text=True, check=True
    )
    seen = json.loads(result.stdout)
    assert seen["file"].startswith(str(out))
    assert "new_venue_flag" in seen["params"]
    assert seen["field"] == "seen"
    assert seen["url"] == "/api/v3/order?symbol=A&newVenueFlag=on"


def test_stale_files_are_named(tmp_path: Path) -> None:
    fresh, committed = tmp_path / "fresh", tmp_path / "committed"
    (fresh / "pkg").mkdir(parents=True)
    (fresh / "pkg" / "a.py").write_text("a = 1\n")
    (fresh / "pkg" / "b.py").write_text("b = 1\n")
    shutil.copytree(fresh, committed)
    assert generate.stale_files(fresh, committed) == []
    (committed / "pkg" / "a.py").write_text("a = 2  # edited by hand\n")
    (committed / "pkg" / "b.py").unlink()
    (committed / "pkg" / "c.py").write_text("c = 1\n")
    assert generate.stale_files(fresh, committed) == ["changed: pkg/a.py", "missing: pkg/b.py", "extra:   pkg/c.py"]


def test_pins_follow_the_specs() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    pins = generate.expected_pins(ROOT / "openapi")
    assert (
        pins["cancelkit-binance-client"]
        == yaml.safe_load((ROOT / "openapi/binance.yaml").read_text())["info"]["version"]
    )
    assert generate.synced_pyproject(pyproject, pins) == pyproject
    bumped = generate.synced_pyproject(pyproject, {**pins, "cancelkit-mexc-client": "2099.1.1"})
    assert '"cancelkit-mexc-client==2099.1.1"' in bumped


def test_generated_versions_come_from_the_specs() -> None:
    for venue in generate.VENUES:
        version = yaml.safe_load((ROOT / "openapi" / f"{venue}.yaml").read_text())["info"]["version"]
        assert f'version = "{version}"' in (ROOT / "generated" / venue / "pyproject.toml").read_text()
        assert (ROOT / "generated" / venue / f"cancelkit_{venue}_client" / "py.typed").exists()
    models_version = json.loads((ROOT / "openapi/normalized.schema.json").read_text())["x-version"]
    assert f'version = "{models_version}"' in (ROOT / "generated/models/pyproject.toml").read_text()
