"""What the overlay repeats from the specs (base URLs, limits, restrictions) must agree with them."""

from pathlib import Path

import pytest
import yaml

from cancelkit._venues import ADAPTERS

ROOT = Path(__file__).resolve().parents[2]


def spec(venue: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "openapi" / f"{venue}.yaml").read_text())


@pytest.mark.parametrize("venue", sorted(ADAPTERS))
def test_base_urls_are_spec_servers(venue: str) -> None:
    servers = {server["url"] for server in spec(venue)["servers"]}
    assert set(ADAPTERS[venue].base_urls.values()) <= servers


@pytest.mark.parametrize("venue", sorted(ADAPTERS))
def test_restrictions_are_the_spec_enum(venue: str) -> None:
    schemas = spec(venue)["components"]["schemas"]
    sent = set(ADAPTERS[venue].restrictions.values())
    assert sent == set(schemas.get("CancelRestrictions", {}).get("enum", []))


@pytest.mark.parametrize("venue", ["binance", "bingx"])
def test_client_id_limits_are_the_specs(venue: str) -> None:
    schema = spec(venue)["components"]["schemas"]["ClientOrderId"]
    adapter = ADAPTERS[venue]
    assert adapter.client_id_max_len == schema["maxLength"]
    if adapter.client_id_pattern is not None:
        assert f"^{adapter.client_id_pattern.pattern}$" == schema["pattern"]


@pytest.mark.parametrize("venue", sorted(ADAPTERS))
def test_signers_skip_exactly_the_unsigned_paths(venue: str) -> None:
    unsigned = {path for path, item in spec(venue)["paths"].items() for op in item.values() if op.get("security") == []}
    assert unsigned <= ADAPTERS[venue].auth_class.unsigned_paths
