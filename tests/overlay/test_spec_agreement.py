"""The spec is the single source of every venue fact: the registry, the generator and openapi/ name the same venues,
the facade's errors cover every category the specs use, and overlays/ holds no server URL and no venue error code."""

import ast
import typing
from pathlib import Path

import pytest
from cancelkit_models import ErrorCategory, Venue

from cancelkit._venues import ADAPTERS, VenueName
from cancelkit._venues._base import ERRORS_BY_CATEGORY
from generator import generate

ROOT = Path(__file__).resolve().parents[2]
OVERLAY = ROOT / "overlays" / "cancelkit"


def test_the_registry_the_generator_and_openapi_name_the_same_venues() -> None:
    specs = sorted(generate.venues(ROOT / "openapi"))
    configs = sorted(path.stem for path in (ROOT / "generator" / "config").glob("*.yaml"))
    assert sorted(ADAPTERS) == specs == configs
    assert sorted(typing.get_args(VenueName)) == specs
    assert sorted(venue.value for venue in Venue) == specs
    for name, adapter in ADAPTERS.items():
        assert adapter.facts.VENUE == adapter.venue.value == name


def test_every_error_category_has_its_error() -> None:
    assert set(ERRORS_BY_CATEGORY) == set(ErrorCategory)
    used = {rule.category for adapter in ADAPTERS.values() for rule in adapter.facts.ERROR_RULES}
    used |= {
        rule.category
        for adapter in ADAPTERS.values()
        for operation in adapter.facts.OPERATIONS.values()
        for rule in operation.error_rules
    }
    assert used <= {category.value for category in ErrorCategory}


def _constants(path: Path) -> list[object]:
    return [node.value for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.Constant)]


# The simulator stands in for the venues and is a second, independent reading of their documents: it keeps its own.
OVERLAY_CODE = sorted(p for p in OVERLAY.rglob("*.py") if "testing" not in p.relative_to(OVERLAY).parts)


@pytest.mark.parametrize("path", OVERLAY_CODE, ids=[str(p.relative_to(OVERLAY)) for p in OVERLAY_CODE])
def test_overlay_code_holds_no_server_url_and_no_venue_error_code(path: Path) -> None:
    # Codes of four digits or more are the venues' own (-1003, 100410, 700003); smaller ones are also HTTP statuses.
    codes = {
        code
        for adapter in ADAPTERS.values()
        for rule in adapter.facts.ERROR_RULES
        for code in rule.codes
        if abs(code) >= 1000
    }
    constants = _constants(path)
    assert not [c for c in constants if isinstance(c, str) and "://" in c and "api" in c], "a server URL"
    assert not [c for c in constants if isinstance(c, int) and not isinstance(c, bool) and c in codes]
