"""The specs validate, the generator refuses malformed cancelkit extensions, and turns a changed spec into a changed
client."""

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from generator import facts, generate

ROOT = Path(__file__).resolve().parents[2]
SPECS = sorted((ROOT / "openapi").glob("*.yaml"))


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_spec_is_valid_openapi(spec: Path) -> None:
    validate(yaml.safe_load(spec.read_text()))


# Where a venue itself sends a JSON number with a fraction, the spec says so: BingX's listing sends `"fee":0`.
VENUE_SENDS_NUMBERS = {"bingx": {"components.schemas.OrderDetails.properties.fee"}}


def number_types(node: Any, where: str = "") -> list[str]:
    """Every place a schema's type is, or includes, `number`."""
    found: list[str] = []
    if isinstance(node, dict):
        kind = node.get("type")
        if kind == "number" or (isinstance(kind, list) and "number" in kind):
            found.append(where)
        for key, value in node.items():
            found += number_types(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += number_types(value, f"{where}[{index}]")
    return found


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_no_number_types_in_specs(spec: Path) -> None:
    # Prices, quantities and recvWindow are exact strings or integers: `number` would become a float.
    assert "type: number" not in spec.read_text()
    places = number_types(yaml.safe_load(spec.read_text()))
    assert set(places) == VENUE_SENDS_NUMBERS.get(spec.stem, set())


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
from cancelkit_binance_client import venue_facts
print(json.dumps({
    "file": cancelkit_binance_client.__file__,
    "params": list(inspect.signature(cancel_order.sync_detailed).parameters),
    "field": CancelOrderReport.from_dict({
        "symbol": "A", "orderId": 1, "orderListId": -1, "clientOrderId": "c", "transactTime": 1, "price": "1",
        "origQty": "1", "executedQty": "0", "cummulativeQuoteQty": "0", "status": "CANCELED", "timeInForce": "GTC",
        "type": "LIMIT", "side": "BUY", "venueNewField": "seen"}).venue_new_field,
    "url": cancel_order._get_kwargs(symbol="A", new_venue_flag="on")["url"],
    "facts": [(p.name, p.keyword) for p in venue_facts.OPERATIONS["cancel_order"].parameters],
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
    # venue_facts follows: the new parameter in its place in the spec's order, with the generated keyword.
    assert seen["facts"][-3:] == [
        ["newVenueFlag", "new_venue_flag"],
        ["recvWindow", "recv_window"],
        ["timestamp", "timestamp"],
    ]


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
    for venue in generate.venues():
        version = yaml.safe_load((ROOT / "openapi" / f"{venue}.yaml").read_text())["info"]["version"]
        assert f'version = "{version}"' in (ROOT / "generated" / venue / "pyproject.toml").read_text()
        assert (ROOT / "generated" / venue / f"cancelkit_{venue}_client" / "py.typed").exists()
    models_version = json.loads((ROOT / "openapi/normalized.schema.json").read_text())["x-version"]
    assert f'version = "{models_version}"' in (ROOT / "generated/models/pyproject.toml").read_text()


def test_the_venues_are_the_specs_with_their_configs_schema_and_pins() -> None:
    specs = {p.stem for p in (ROOT / "openapi").glob("*.yaml")}
    named = {yaml.safe_load(p.read_text())["info"]["x-cancelkit-venue"] for p in (ROOT / "openapi").glob("*.yaml")}
    configs = {p.stem for p in (ROOT / "generator" / "config").glob("*.yaml")}
    assert set(generate.venues()) == specs == named == configs
    schema = json.loads((ROOT / "openapi/normalized.schema.json").read_text())
    assert set(schema["$defs"]["Venue"]["enum"]) == specs
    assert {name for name, venue in generate.distributions().items() if venue} == {
        f"cancelkit-{venue}-client" for venue in specs
    }
    pyproject = (ROOT / "pyproject.toml").read_text()
    for venue in specs:
        assert f'"generated/{venue}"' in pyproject  # a workspace member
        assert (ROOT / "generated" / venue / f"cancelkit_{venue}_client" / "venue_facts.py").exists()


def test_a_new_venue_is_found_by_its_spec_alone(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "openapi", tmp_path, dirs_exist_ok=True)
    spec = yaml.safe_load((tmp_path / "mexc.yaml").read_text())
    spec["info"]["x-cancelkit-venue"] = "kraken"
    (tmp_path / "kraken.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    assert generate.venues(tmp_path) == ("binance", "bingx", "kraken", "mexc")
    with pytest.raises(SystemExit, match=r"openapi/kraken\.yaml has no generator config: add generator/config/kraken"):
        generate.check_specs(tmp_path, ["kraken"])
    pins = {**generate.expected_pins(ROOT / "openapi"), "cancelkit-kraken-client": "2026.1.1"}
    with pytest.raises(SystemExit, match=r'add "cancelkit-kraken-client==0" to dependencies, "generated/kraken" to'):
        generate.synced_pyproject((ROOT / "pyproject.toml").read_text(), pins)
    with pytest.raises(SystemExit) as refused:
        generate.main(["--spec-dir", str(tmp_path), "--venue", "mars"])
    assert refused.value.code == 2  # argparse: "no spec for mars in ... (venues: binance, bingx, kraken, mexc)"
    (tmp_path / "kraken.yaml").write_text(yaml.safe_dump({**spec, "info": {**spec["info"], "x-cancelkit-venue": "kr"}}))
    with pytest.raises(facts.SpecError, match=r"kraken\.yaml: info\.x-cancelkit-venue: 'kr' must be the file's name"):
        generate.venues(tmp_path)


def _errors(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["x-cancelkit-errors"]  # type: ignore[no-any-return]


def _open_orders(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["paths"]["/api/v3/openOrders"]["delete"]  # type: ignore[no-any-return]


def _set(path: list[Any], value: object) -> Callable[[dict[str, Any]], None]:
    def change(spec: dict[str, Any]) -> None:
        node = spec
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _drop(path: list[Any]) -> Callable[[dict[str, Any]], None]:
    def change(spec: dict[str, Any]) -> None:
        node = spec
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return change


REFUSED: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "unknown category",
        _set(["x-cancelkit-errors", "rules", 0, "category"], "retry_later"),
        r"x-cancelkit-errors\.rules\[0\]\.category: 'retry_later' is not one of \['outcome_unknown'",
    ),
    (
        "unknown default",
        _set(["x-cancelkit-errors", "default"], "shrug"),
        r"x-cancelkit-errors\.default: 'shrug' is not one of",
    ),
    (
        "a rule that matches on nothing",
        _drop(["x-cancelkit-errors", "rules", 0, "codes"]),
        r"x-cancelkit-errors\.rules\[0\]: a rule names a category, a description .* at least one of status, codes",
    ),
    (
        "a misspelt condition",
        _set(["x-cancelkit-errors", "rules", 0, "cods"], [-1]),
        r"rules\[0\]: a rule .* \(Additional properties are not allowed \('cods' was unexpected\)\)",
    ),
    (
        "a rule without its source",
        _drop(["x-cancelkit-errors", "rules", 0, "description"]),
        r"rules\[0\]: a rule .* \('description' is a required property\)",
    ),
    (
        "codes that are not integers",
        _set(["x-cancelkit-errors", "rules", 0, "codes"], ["-1006"]),
        r"rules\[0\]\.codes(\[0\])?: .*",
    ),
    (
        "a status range in lowercase",
        _set(["x-cancelkit-errors", "rules", 1, "status"], "5xx"),
        r"rules\[1\]\.status: status is a range such as 5XX, or a list",
    ),
    (
        "a message in capitals",
        _set(["x-cancelkit-errors", "rules", 7, "message"], "Cancel restriction"),
        r"rules\[7\]\.message: message is compared with the venue's message in lowercase",
    ),
    (
        "an operation with its own default",
        lambda spec: _open_orders(spec)["x-cancelkit-errors"].update(default="nothing_open"),
        r"paths\./api/v3/openOrders\.delete\.x-cancelkit-errors: an operation's x-cancelkit-errors holds rules",
    ),
    (
        "no error rules at all",
        _drop(["x-cancelkit-errors"]),
        r"binance\.yaml: 'x-cancelkit-errors' is a required property",
    ),
    (
        "a server without its environment",
        _drop(["servers", 1, "x-cancelkit-environment"]),
        r"servers\[1\]: 'x-cancelkit-environment' is a required property",
    ),
    (
        "two servers with one environment",
        _set(["servers", 1, "x-cancelkit-environment"], "production"),
        r"servers: x-cancelkit-environment 'production' names two servers",
    ),
    (
        "signing without recvWindow's decimals",
        _drop(["x-cancelkit-signing", "recvWindowDecimals"]),
        r"x-cancelkit-signing: 'recvWindowDecimals' is a required property",
    ),
    (
        "an API-key header that the security scheme contradicts",
        _set(["x-cancelkit-signing", "apiKeyHeader"], "X-API-KEY"),
        r"components\.securitySchemes\.apiKey\.name: is not apiKeyHeader 'X-API-KEY'",
    ),
    (
        "a version YAML reads as a number",
        _set(["info", "version"], 2026.7),
        r"info\.version: info\.version is the client package's version",
    ),
]


@pytest.mark.parametrize(("change", "message"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_malformed_extensions_are_refused_with_a_clear_message(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    shutil.copytree(ROOT / "openapi", tmp_path, dirs_exist_ok=True)
    spec = yaml.safe_load((tmp_path / "binance.yaml").read_text())
    generate.check_specs(tmp_path, ["binance"])  # as it is, it passes
    change(spec)
    (tmp_path / "binance.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    with pytest.raises(facts.SpecError) as refused:
        generate.check_specs(tmp_path, ["binance"])
    assert str(refused.value).startswith("generate: ")
    assert re.search(message, str(refused.value)), str(refused.value)


def test_a_summary_names_fields_of_its_object(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "openapi", tmp_path, dirs_exist_ok=True)
    schema = json.loads((tmp_path / "normalized.schema.json").read_text())
    schema["$defs"]["CancelResult"]["x-cancelkit-summary"].append("filled")
    (tmp_path / "normalized.schema.json").write_text(json.dumps(schema))
    with pytest.raises(facts.SpecError, match=r"CancelResult\.x-cancelkit-summary: 'filled' is not a field"):
        generate.check_specs(tmp_path, [])


def test_a_venue_missing_from_the_normalized_venues_is_refused(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "openapi", tmp_path, dirs_exist_ok=True)
    schema = json.loads((tmp_path / "normalized.schema.json").read_text())
    schema["$defs"]["Venue"]["enum"].remove("bingx")
    (tmp_path / "normalized.schema.json").write_text(json.dumps(schema))
    with pytest.raises(facts.SpecError, match=r"\$defs\.Venue: does not list 'bingx': add it and bump x-version"):
        generate.check_specs(tmp_path, ["bingx"])


def test_facts_literals_quote_everything() -> None:
    # Spec text reaches the module only as literals: a hostile description or pattern cannot become code.
    assert facts.py('"); import os  #') == "'\"); import os  #'"
    assert facts.py(("a",)) == "('a',)"
    assert facts.py((1, "5XX")) == "(1, '5XX')"
    assert facts.py(None) == "None"
    with pytest.raises(TypeError):
        facts.py(1.5)


# What queries.md says of each new operation, which its description must carry: weights, limits, windows, sources.
DOCUMENTED = {
    ("binance", "/api/v3/order", "get"): ["Weight 4", "-2013", "-2026", "-2039", "Memory => Database", "90 days"],
    ("binance", "/api/v3/openOrders", "get"): ["Weight 6 with `symbol`, 80 without", "MAX_NUM_ORDERS"],
    ("mexc", "/api/v3/order", "get"): ["Weight (IP) 2", "-2013", "#21614", "700004"],
    ("mexc", "/api/v3/openOrders", "get"): ["Weight (IP) 3", "#27317", "fetchOpenOrders", "mexc-api-sdk #76"],
    ("bingx", "/openApi/spot/v1/trade/query", "get"): ["2 hours", "80016", "100404", "100400", "IP group 2"],
    ("bingx", "/openApi/spot/v1/trade/openOrders", "get"): ["2000", "Query all pending orders when left blank"],
    ("bingx", "/openApi/spot/v1/trade/cancelAllAfter", "post"): ["10 to 120", "ACTIVATE", "CLOSE", "1 time/1s"],
}


@pytest.mark.parametrize(("venue", "path", "method"), list(DOCUMENTED), ids=[f"{v}-{m}-{p}" for v, p, m in DOCUMENTED])
def test_query_operations_document_what_the_venues_say(venue: str, path: str, method: str) -> None:
    document = yaml.safe_load((ROOT / "openapi" / f"{venue}.yaml").read_text())
    description = " ".join(document["paths"][path][method]["description"].split())
    for fact in DOCUMENTED[venue, path, method]:
        assert fact in description, fact
