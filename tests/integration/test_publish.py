"""The whole publishing flow against a real pypiserver on loopback: publish, install into a fresh environment from
that index alone, import, cancel against the simulator; then a re-run, a refused overwrite and a refused upload.
Every file name and version is read from the specs, the schema and pyproject.toml: bumping one needs no edit here."""

import tomllib
from pathlib import Path

import pytest

from generator import facts, generate, publish

pytestmark = pytest.mark.publish
ROOT = Path(__file__).resolve().parents[2]
CANCELKIT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
# The venue whose sdist the refusal test tampers with, and its distribution's names and version.
VENUE = generate.venues()[-1]
DISTRIBUTION = facts.distribution_name(generate.config_path(VENUE))
PACKAGE = facts.package_name(generate.config_path(VENUE))
VERSION = generate.spec_version(ROOT / "openapi", VENUE)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    root = tmp_path_factory.mktemp("publish")
    dist, state = root / "dist", root / "state"
    return dist, state, publish.publish(dist, state, None)


def test_first_publish_uploads_everything_and_proves_it(published: tuple[Path, Path, str]) -> None:
    _, state, summary = published
    sources = publish.version_sources()
    for distribution in sources:
        assert f"  {distribution} " in summary
    assert summary.count("uploaded") == len(sources)
    venues = ", ".join(f"{venue} (CANCELED)" for venue in sorted(generate.venues()))
    assert f"canceled on {venues}" in summary
    names = {p.name for p in (state / "packages").iterdir()}
    assert f"cancelkit-{CANCELKIT_VERSION}-py3-none-any.whl" in names
    assert f"{PACKAGE}-{VERSION}.tar.gz" in names
    assert any(name.startswith("httpx-") for name in names)  # the index installs on its own
    password = publish.json.loads((state / "credentials.json").read_text())["password"]
    assert password not in summary


def test_rerun_with_nothing_changed_says_so(published: tuple[Path, Path, str]) -> None:
    dist, state, _ = published
    summary = publish.publish(dist, state, None)
    assert "nothing changed" in summary
    assert "uploaded" not in summary


def test_a_version_already_held_with_other_content_is_refused(published: tuple[Path, Path, str]) -> None:
    dist, state, _ = published
    held = state / "packages" / f"{PACKAGE}-{VERSION}.tar.gz"
    original = held.read_bytes()
    held.write_bytes(b"someone else's build of the same version")
    try:
        with pytest.raises(publish.PublishError) as refused:
            publish.publish(dist, state, None)
    finally:
        held.write_bytes(original)
    message = str(refused.value)
    assert f"{DISTRIBUTION} {VERSION}: bump info.version in openapi/{VENUE}.yaml" in message
    assert "nothing was uploaded" in message
    assert held.read_bytes() == original


def test_uploads_without_valid_credentials_are_refused(published: tuple[Path, Path, str]) -> None:
    dist, state, _ = published
    artifact = publish.parse_artifact(next(dist.glob(f"{generate.MODELS_PACKAGE}-*.whl")))
    renamed = dist.parent / f"{generate.MODELS_PACKAGE}-99.0.0-py3-none-any.whl"  # a version never published
    renamed.write_bytes(artifact.path.read_bytes())
    with publish.embedded_index(state) as index:
        for username, password in (("cancelkit", "wrong-password"), ("intruder", index.password)):
            thief = publish.Index(index.upload_url, index.simple_url, username, password)
            with pytest.raises(publish.PublishError, match=r"403|401|Forbidden|Unauthorized"):
                publish.upload([publish.parse_artifact(renamed)], thief)
        assert renamed.name not in publish.index_files(index, generate.MODELS_DISTRIBUTION)
    assert password not in repr(thief)
