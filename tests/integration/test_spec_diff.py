"""The spec diff that writes each generated package's CHANGELOG.md and gates `make publish`: real edits of copies of
the repository's specs, each read as breaking or compatible, the version each needs, and the changelog a scratch
generation writes from them (reproduced as it is when nothing changes). Versions are read from the specs."""

import copy
import json
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import changelog, generate, specdiff

ROOT = Path(__file__).resolve().parents[2]
Edit = Callable[[dict[str, Any]], None]


def spec(venue: str) -> dict[str, Any]:
    return specdiff.load(ROOT / "openapi" / f"{venue}.yaml")


def schema() -> dict[str, Any]:
    return specdiff.load(ROOT / "openapi" / "normalized.schema.json")


def mexc_cancel(document: dict[str, Any]) -> dict[str, Any]:
    return document["paths"]["/api/v3/order"]["delete"]  # type: ignore[no-any-return]


def drop_parameter(name: str) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        parameters = mexc_cancel(document)["parameters"]
        parameters[:] = [p for p in parameters if p.get("name") != name]

    return edit


def set_in(path: list[str], value: object) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        node = document
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


def delete_in(path: list[str]) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        node = document
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return edit


def remove_enum_value(definition: str, value: str) -> Edit:
    return lambda document: document["$defs"][definition]["enum"].remove(value)


def add_parameter(required: bool) -> Edit:
    parameter = {"name": "cancelReasonX", "in": "query", "required": required, "schema": {"type": "string"}}
    return lambda document: mexc_cancel(document)["parameters"].insert(4, parameter)


MEXC_SCHEMAS = ["components", "schemas"]
BREAKING: list[tuple[str, str, Edit, str]] = [
    ("an operation removed", "mexc", delete_in(["paths", "/api/v3/time"]), "operation `get_server_time` removed"),
    ("a parameter removed", "mexc", drop_parameter("newClientOrderId"), "parameter `newClientOrderId` removed"),
    (
        "a parameter retyped",
        "mexc",
        set_in(["components", "parameters", "recvWindow", "schema"], {"type": "string"}),
        "parameter `recvWindow` retyped: integer(int64) -> string",
    ),
    (
        "a parameter becoming required",
        "mexc",
        set_in(["components", "parameters", "orderId", "required"], True),
        "cancel_order: parameter `orderId` now required",
    ),
    ("a required parameter added", "mexc", add_parameter(required=True), "parameter `cancelReasonX` added (required"),
    (
        "a response field removed",
        "mexc",
        delete_in([*MEXC_SCHEMAS, "CancelOrderReport", "properties", "executedQty"]),
        "cancel_order: response 200 field `executedQty` removed",
    ),
    (
        "a response field retyped",
        "mexc",
        set_in([*MEXC_SCHEMAS, "ServerTime", "properties", "serverTime"], {"type": "string"}),
        "get_server_time: response 200 field `serverTime` retyped: integer(int64) -> string",
    ),
    (
        "a response field that may be absent",
        "mexc",
        set_in([*MEXC_SCHEMAS, "CancelOrderReport", "required"], ["symbol"]),
        "cancel_order: response 200 field `orderId` may now be absent",
    ),
    (
        "an enum value removed from a parameter",
        "bingx",
        set_in(["components", "schemas", "CancelRestrictions", "enum"], ["NEW", "PARTIALLY_FILLED"]),
        'parameter `cancelRestrictions` enum value "PENDING" removed',
    ),
    (
        "an enum value removed from a model",
        "normalized",
        remove_enum_value("OrderStatus", "CANCELED_OR_CLOSED"),
        '`OrderStatus` enum value "CANCELED_OR_CLOSED" removed',
    ),
    (
        "a model field removed",
        "normalized",
        delete_in(["$defs", "CancelResult", "properties", "executed_qty"]),
        "CancelResult field `executed_qty` removed",
    ),
]
COMPATIBLE: list[tuple[str, str, Edit, str]] = [
    ("an optional parameter added", "mexc", add_parameter(required=False), "parameter `cancelReasonX` added (optional"),
    (
        "a response field added",
        "mexc",
        set_in([*MEXC_SCHEMAS, "CancelOrderReport", "properties", "stpMode"], {"type": "string"}),
        "cancel_order: response 200 field `stpMode` added (optional, string)",
    ),
    (
        "a parameter becoming optional",
        "mexc",
        set_in(["components", "parameters", "symbol", "required"], False),
        "cancel_order: parameter `symbol` now optional",
    ),
    (
        "an enum value added",
        "normalized",
        lambda document: document["$defs"]["Venue"]["enum"].append("kraken"),
        '`Venue` enum value "kraken" added',
    ),
    (
        "a pattern changed",
        "mexc",
        set_in([*MEXC_SCHEMAS, "Symbol", "pattern"], "^[A-Z0-9]{2,30}$(?!\\n)"),
        "cancel_order: parameter `symbol` pattern changed",
    ),
    (
        "a description changed",
        "mexc",
        set_in(["info", "description"], "Shorter."),
        "the spec's text changed",
    ),
]


def edited(source: str, edit: Edit) -> tuple[dict[str, Any], dict[str, Any]]:
    old = schema() if source == "normalized" else spec(source)
    new = copy.deepcopy(old)
    edit(new)
    return old, new


@pytest.mark.parametrize(("source", "edit", "says"), [c[1:] for c in BREAKING], ids=[c[0] for c in BREAKING])
def test_breaking_changes_need_a_new_major_version(source: str, edit: Edit, says: str) -> None:
    old, new = edited(source, edit)
    changes = specdiff.diff(old, new)
    assert any(says in str(change) and change.breaking for change in changes), changes
    version = specdiff.document_version(old)
    major = specdiff.next_major(version)
    patch = f"{version}.1"
    refusal = specdiff.bump_refusal("the-package", version, patch, changes)
    assert refusal is not None
    assert says in refusal
    assert refusal.endswith(f"use {major} or higher")
    assert specdiff.bump_refusal("the-package", version, major, changes) is None


@pytest.mark.parametrize(("source", "edit", "says"), [c[1:] for c in COMPATIBLE], ids=[c[0] for c in COMPATIBLE])
def test_compatible_changes_need_a_higher_version(source: str, edit: Edit, says: str) -> None:
    old, new = edited(source, edit)
    changes = specdiff.diff(old, new)
    assert changes
    assert not any(change.breaking for change in changes), changes
    assert any(says in str(change) for change in changes), changes
    version = specdiff.document_version(old)
    assert specdiff.bump_refusal("the-package", version, f"{version}.1", changes) is None
    refusal = specdiff.bump_refusal("the-package", version, version, changes)
    assert refusal is not None
    assert f"use a higher version than {version}" in refusal


def test_the_specs_as_they_are_have_no_changes() -> None:
    for source in [*generate.venues(), "normalized"]:
        document = schema() if source == "normalized" else spec(source)
        assert specdiff.diff(document, copy.deepcopy(document)) == []


@pytest.mark.parametrize(
    ("old", "new", "bump"),
    [
        ("2025.8.8.2", "2025.8.8.3", "patch"),
        ("2025.8.8.2", "2025.10.29", "minor"),
        ("2025.8.8.2", "2026.0.0", "major"),
        ("1.3.0", "1.3.1", "patch"),
        ("1.3.0", "1.4.0", "minor"),
        ("1.3.0", "2.0.0", "major"),
        ("1.3.0", "1.3.0", None),
        ("1.3.0", "1.2.9", None),
    ],
)
def test_versions_are_read_as_semver(old: str, new: str, bump: str | None) -> None:
    assert specdiff.bump(old, new) == bump


def generate_mexc(specs: Path, out: Path, previous: Path) -> str:
    assert (
        generate.main(["--spec-dir", str(specs), "--output", str(out), "--venue", "mexc", "--previous", str(previous)])
        == 0
    )
    return (out / "mexc" / "cancelkit_mexc_client" / "CHANGELOG.md").read_text()


def test_a_scratch_generation_writes_the_changelog_from_the_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = tmp_path / "openapi"
    shutil.copytree(ROOT / "openapi", specs)
    document = yaml.safe_load((specs / "mexc.yaml").read_text())
    shipped = ROOT / "generated" / "mexc" / "cancelkit_mexc_client"
    before = document["info"]["version"]
    assert (shipped / "openapi.yaml").read_text() == (ROOT / "openapi" / "mexc.yaml").read_text()
    drop_parameter("newClientOrderId")(document)
    document["info"]["version"] = f"{before}.1"  # a patch bump for a breaking change
    (specs / "mexc.yaml").write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))

    first = generate_mexc(specs, tmp_path / "first", ROOT / "generated")
    heading = (
        f"## {before}.1\n\nSince {before}:\n\n- **Breaking:** cancel_order: parameter `newClientOrderId` removed\n"
    )
    assert heading in first
    assert first.index(heading) < first.index(f"## {before}\n")  # the new entry on top, the old ones kept
    warning = capsys.readouterr().err  # make publish refuses it (test_publish_servers.py); generate says so first
    assert f"generate: warning: cancelkit-mexc-client {before}.1 breaks {before} with a patch bump" in warning
    assert f"use {specdiff.next_major(before)} or higher" in warning

    # Regenerated from what it wrote, nothing changed: the same changelog (as make check-generated needs).
    assert generate_mexc(specs, tmp_path / "again", tmp_path / "first") == first
    copied = tmp_path / "again" / "mexc" / "cancelkit_mexc_client" / "openapi.yaml"
    assert copied.read_bytes() == (specs / "mexc.yaml").read_bytes()

    # Edited again before its version changes: the entry is amended, and an addition undone leaves it as it was.
    add_parameter(required=False)(document)
    (specs / "mexc.yaml").write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    amended = generate_mexc(specs, tmp_path / "amended", tmp_path / "first")
    assert "- cancel_order: parameter `cancelReasonX` added (optional, string)\n" in amended
    assert amended.count(f"## {before}.1\n") == 1
    drop_parameter("cancelReasonX")(document)
    (specs / "mexc.yaml").write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    assert generate_mexc(specs, tmp_path / "undone", tmp_path / "amended") == first


def test_cancelkits_changelog_lists_the_pins_of_its_version() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    version = tomllib.loads(pyproject)["project"]["version"]
    text = (ROOT / "CHANGELOG.md").read_text()
    pins = generate.expected_pins(ROOT / "openapi")
    assert generate.synced_changelog(text, pyproject, pins) == text  # make check-generated fails otherwise
    section = text.split(f"## {version}\n", 1)[1].split("\n## ", 1)[0]
    for name, pinned in pins.items():
        assert f"- `{name}=={pinned}`" in section
        assert f'"{name}=={pinned}"' in pyproject


def test_the_pins_are_written_under_the_version_and_kept_elsewhere() -> None:
    text = f"# Changelog\n\nIntro.\n\n## 1.0.0\n\nOld.\n\n{changelog.PINS}\n- `a==1`\n"
    added = changelog.synced_root_changelog(text, "1.1.0", {"a": "2", "b": "1"})
    assert added.startswith("# Changelog\n\nIntro.\n\n## 1.1.0\n\n")
    assert "- `a==2`\n- `b==1`\n\n## 1.0.0" in added
    assert "- `a==1`" in added  # the old version's pins stay
    moved = changelog.synced_root_changelog(
        added.replace("## 1.1.0\n\n", "## 1.1.0\n\nNew things.\n\n"), "1.1.0", {"a": "3"}
    )
    assert (
        "## 1.1.0\n\nNew things.\n\nPins (written by `make generate` from `pyproject.toml`):\n- `a==3`\n\n## 1.0.0"
        in moved
    )
    assert changelog.synced_root_changelog(moved, "1.1.0", {"a": "3"}) == moved


def test_models_ship_their_schema_and_changelog() -> None:
    package = ROOT / "generated" / "models" / generate.MODELS_PACKAGE
    assert (package / "normalized.schema.json").read_bytes() == (
        ROOT / "openapi" / "normalized.schema.json"
    ).read_bytes()
    version = json.loads((package / "normalized.schema.json").read_text())["x-version"]
    assert f"## {version}\n" in (package / "CHANGELOG.md").read_text()


def rename_schema(old_name: str, new_name: str) -> Edit:
    """A components.schemas entry renamed, every $ref to it following: the generated model class is renamed."""

    def repoint(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: repoint(v) for k, v in node.items()}
        if isinstance(node, list):
            return [repoint(v) for v in node]
        return f"#/components/schemas/{new_name}" if node == f"#/components/schemas/{old_name}" else node

    def edit(document: dict[str, Any]) -> None:
        schemas = document["components"]["schemas"]
        schemas[new_name] = schemas.pop(old_name)
        document.update(repoint(document))

    return edit


def repoint_executed_qty(document: dict[str, Any]) -> None:
    """executedQty refers to a new component that is a copy of Decimal: the same type, another generated name."""
    schemas = document["components"]["schemas"]
    schemas["Quantity"] = copy.deepcopy(schemas["Decimal"])
    schemas["CancelOrderReport"]["properties"]["executedQty"] = {"$ref": "#/components/schemas/Quantity"}


def add_query_parameter(name: str, schema: dict[str, Any]) -> Edit:
    return lambda document: mexc_cancel(document)["parameters"].insert(
        4, {"name": name, "in": "query", "schema": schema}
    )


STATUSES = {"type": "array", "items": {"type": "string", "enum": ["NEW", "FILLED"]}}
FILLS = {"type": "object", "additionalProperties": {"type": "string"}}
RECV_WINDOW = ["components", "parameters", "recvWindow", "schema"]
# (what, source, the spec before (an edit of the repository's), the edit, what the diff says, breaking)
FROM_A_BASE: list[tuple[str, str, Edit, Edit, str, bool]] = [
    (
        "a model removed or renamed",
        "mexc",
        lambda document: None,
        rename_schema("ApiError", "VenueError"),
        "model `ApiError` removed",
        True,
    ),
    (
        "additionalProperties retyped",
        "mexc",
        set_in([*MEXC_SCHEMAS, "CancelOrderReport", "properties", "fills"], FILLS),
        set_in(
            [*MEXC_SCHEMAS, "CancelOrderReport", "properties", "fills", "additionalProperties"], {"type": "integer"}
        ),
        "cancel_order: response 200 field `fills` retyped: object map of string -> object map of integer",
        True,
    ),
    (
        "an enum value removed from an array parameter's items",
        "mexc",
        add_query_parameter("statuses", STATUSES),
        lambda document: mexc_cancel(document)["parameters"][4]["schema"]["items"]["enum"].remove("FILLED"),
        'cancel_order: parameter `statuses` enum value "FILLED" removed',
        True,
    ),
    (
        "an enum put on an input parameter",
        "mexc",
        lambda document: None,
        set_in([*RECV_WINDOW, "enum"], [5000, 10000]),
        "cancel_order: parameter `recvWindow` now restricted to 5000, 10000",
        True,
    ),
    (
        "a field's $ref repointed to another component",
        "mexc",
        lambda document: None,
        repoint_executed_qty,
        "cancel_order: response 200 field `executedQty` now refers to `Quantity` (was `Decimal`)",
        True,
    ),
    (
        "an input widened from integer to number",
        "mexc",
        lambda document: None,
        set_in([*RECV_WINDOW, "type"], "number"),
        "cancel_order: parameter `recvWindow` retyped: integer(int64) -> number(int64)",
        False,
    ),
    (
        "an output narrowed from number to integer is still read as breaking",
        "mexc",
        set_in([*MEXC_SCHEMAS, "ServerTime", "properties", "serverTime", "type"], "number"),
        set_in([*MEXC_SCHEMAS, "ServerTime", "properties", "serverTime", "type"], "integer"),
        "get_server_time: response 200 field `serverTime` retyped: number(int64) -> integer(int64)",
        True,
    ),
    (
        "an output widened from integer to number is breaking",
        "mexc",
        lambda document: None,
        set_in([*MEXC_SCHEMAS, "ServerTime", "properties", "serverTime", "type"], "number"),
        "get_server_time: response 200 field `serverTime` retyped: integer(int64) -> number(int64)",
        True,
    ),
    (
        "an enum taken off an input parameter",
        "mexc",
        set_in([*RECV_WINDOW, "enum"], [5000, 10000]),
        delete_in([*RECV_WINDOW, "enum"]),
        "cancel_order: parameter `recvWindow` no longer restricted to an enum",
        False,
    ),
]


@pytest.mark.parametrize(
    ("source", "base", "edit", "says", "breaking"), [c[1:] for c in FROM_A_BASE], ids=[c[0] for c in FROM_A_BASE]
)
def test_changes_the_diff_once_missed_or_misread(
    source: str, base: Edit, edit: Edit, says: str, breaking: bool
) -> None:
    old = spec(source)
    base(old)
    new = copy.deepcopy(old)
    edit(new)
    changes = specdiff.diff(old, new)
    matching = [change for change in changes if says in str(change)]
    assert matching, changes
    assert all(change.breaking == breaking for change in matching), matching
    version = specdiff.document_version(old)
    refusal = specdiff.bump_refusal("the-package", version, f"{version}.1", changes)
    if breaking:
        assert refusal is not None
        assert says in refusal
    else:
        assert not any(change.breaking for change in changes), changes
        assert refusal is None


def test_an_amended_entry_gets_the_bump_check_too() -> None:
    """A compatible change with a patch bump, then a breaking one to the same version before it is published."""
    document = spec("mexc")
    before = document["info"]["version"]
    names = ("openapi.yaml", "cancelkit-mexc-client", "openapi/mexc.yaml")
    first, _ = changelog.updated(None, None, yaml.safe_dump(document), *names)
    add_parameter(required=False)(document)
    document["info"]["version"] = f"{before}.1"
    compatible = yaml.safe_dump(document)
    patched, warning = changelog.updated(first, yaml.safe_dump(spec("mexc")), compatible, *names)
    assert warning is None
    drop_parameter("newClientOrderId")(document)
    amended, warning = changelog.updated(patched, compatible, yaml.safe_dump(document), *names)
    assert "- **Breaking:** cancel_order: parameter `newClientOrderId` removed\n" in amended
    assert warning is not None
    assert warning.startswith(f"cancelkit-mexc-client {before}.1 breaks {before} with a patch bump (")
    assert "cancel_order: parameter `newClientOrderId` removed" in warning
    assert warning.endswith(f"use {specdiff.next_major(before)} or higher")
