"""The whole publishing flow against the embedded pypiserver: publish, install as the README's consumer configuration
does, import, cancel against the simulator; then a re-run, a refused overwrite, refused credentials, and `make index`
serving the same index afterwards for the install command the summary prints. Every file name and version is read from
the specs, the schema and pyproject.toml: bumping one needs no edit here."""

import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import facts, generate, package_index, publish

pytestmark = pytest.mark.publish
ROOT = Path(__file__).resolve().parents[2]
CANCELKIT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
# The venue whose sdist the refusal test tampers with, and its distribution's names and version.
VENUE = generate.venues()[-1]
DISTRIBUTION = facts.distribution_name(generate.config_path(VENUE))
PACKAGE = facts.package_name(generate.config_path(VENUE))
VERSION = generate.spec_version(ROOT / "openapi", VENUE)
MAKE = shutil.which("make") or "make"


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
    # The pypiserver publish ran is gone: the summary names the embedded index and how to serve it again, its state
    # included (not the default .pypi/ here), never the temporary port it ran on.
    assert summary.startswith(f"published to the embedded index ({state}/)\n")
    assert summary.endswith(
        f"install it: run `make index PYPI_STATE={state.resolve()}`, then: pip install --index-url "
        "http://127.0.0.1:8765/simple/ cancelkit"
    )
    assert re.findall(r"127\.0\.0\.1:(\d+)", summary) == ["8765"]


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
    assert (
        f"{DISTRIBUTION} {VERSION} is on the index with other content: bump info.version in openapi/{VENUE}" in message
    )
    assert "nothing was uploaded" in message
    assert held.read_bytes() == original


def test_uploads_without_valid_credentials_are_refused(published: tuple[Path, Path, str]) -> None:
    dist, state, _ = published
    artifact = publish.parse_artifact(next(dist.glob(f"{generate.MODELS_PACKAGE}-*.whl")))
    renamed = dist.parent / f"{generate.MODELS_PACKAGE}-99.0.0-py3-none-any.whl"  # a version never published
    renamed.write_bytes(artifact.path.read_bytes())
    with package_index.pypiserver(state) as index:
        for username, password in (("cancelkit", "wrong-password"), ("intruder", index.password)):
            thief = package_index.Index(index.upload_url, index.simple_url, username, password)
            with pytest.raises(publish.PublishError, match=r"refused to take an upload for user") as refused:
                package_index.upload(thief, [renamed], publish._uv())
            assert password not in str(refused.value)
            with pytest.raises(publish.PublishError, match=r"refused to take an upload") as preflight:
                package_index.preflight(thief)
            assert "\n" not in str(preflight.value)
        assert renamed.name not in package_index.files(index, generate.MODELS_DISTRIBUTION)
    assert password not in repr(thief)


@pytest.fixture
def make_index(published: tuple[Path, Path, str]) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`make index` on a free port, serving the published state; stopped with Ctrl-C's signal."""
    _, state, _ = published
    port = package_index.free_port()
    server = subprocess.Popen(
        [MAKE, "--no-print-directory", "index", f"INDEX_PORT={port}", f"PYPI_STATE={state}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        assert server.stdout is not None
        yield server, server.stdout.readline()
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)


def test_make_index_serves_the_published_index_for_the_summarys_install_command(
    published: tuple[Path, Path, str], make_index: tuple[subprocess.Popen[str], str], tmp_path: Path
) -> None:
    _, _, summary = published
    server, first_line = make_index
    url = re.match(r"(http://127\.0\.0\.1:\d+/simple/) ", first_line)
    assert url, first_line
    # The command the summary printed, on the port this test gave `make index`.
    command = summary.splitlines()[-1].split("then: ", 1)[1].replace("http://127.0.0.1:8765/simple/", url[1])
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", tmp_path / "venv"], check=True)
    python = tmp_path / "venv" / "bin" / "python"
    env = {"PATH": os.environ["PATH"], "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    pip = [sys.executable, "-m", "pip", "--python", str(python)]  # this pip, into the fresh environment
    installed = subprocess.run(
        [*pip, *command.split()[1:], "--no-cache-dir"], env=env, capture_output=True, text=True, check=False
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    imported = subprocess.run(
        [python, "-c", "import cancelkit, cancelkit_models; print(cancelkit.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert imported.stdout.strip() == CANCELKIT_VERSION
    assert server.poll() is None  # still serving


SECRET = "hunter2-token"


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("PYPI_URL", f"https:/ci:{SECRET}@pypi.example/"),  # one slash: no URL parser finds the user
        ("PYPI_URL", f"htps://ci:{SECRET}@pypi.example/"),
        ("PYPI_URL", f"https://pypi.example/ci:{SECRET}@/"),
        ("PYPI_SIMPLE_URL", f"https:/ci:{SECRET}@pypi.example/simple/"),
        ("PYPI_MIRROR_URL", f"https:/ci:{SECRET}@pypi.example/simple/"),
        ("PYPI_MIRROR_URL", f"https://ci:{SECRET}@pypi.example/simple/"),
    ],
)
def test_a_url_that_may_carry_credentials_is_refused_without_echoing_it(
    name: str, url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("PYPI_URL", "https://pypi.example/")
    monkeypatch.setenv("PYPI_SIMPLE_URL", "https://pypi.example/simple/")
    monkeypatch.setenv("TWINE_USERNAME", "ci")
    monkeypatch.setenv("TWINE_PASSWORD", "other-secret")
    monkeypatch.setenv(name, url)
    assert publish.main(["preflight", "--state", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"publish: {name} carries credentials (an @): move them to TWINE_USERNAME and TWINE_PASSWORD\n"
    assert SECRET not in err


def test_a_url_typo_is_refused_without_echoing_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in ("PYPI_URL", "PYPI_SIMPLE_URL", "PYPI_MIRROR_URL"):
        monkeypatch.setenv("PYPI_URL", "https://pypi.example/")
        monkeypatch.setenv("TWINE_USERNAME", "ci")
        monkeypatch.setenv("TWINE_PASSWORD", "other-secret")
        monkeypatch.setenv(name, "https:/pypi.example/hunter2-token/")
        assert publish.main(["preflight", "--state", str(tmp_path)]) == 1
        _, err = capsys.readouterr()
        assert err == f"publish: {name} is not an http:// or https:// URL with a host: check its spelling\n"
        monkeypatch.delenv(name)


def test_the_embedded_index_files_are_never_readable_by_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Created 0600, not chmod-ed after: with chmod a no-op, the files are still private from their first byte."""
    monkeypatch.setattr(Path, "chmod", lambda self, mode: None)
    monkeypatch.setattr(os, "chmod", lambda *args, **kwargs: None)
    old_umask = os.umask(0o022)
    try:
        embedded = package_index.Embedded(tmp_path / "state")
        username, password = embedded.credentials()
    finally:
        os.umask(old_umask)
    for path in (embedded.state / "credentials.json", embedded.htpasswd):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert embedded.credentials() == (username, password)  # read back, not made again
    assert username in embedded.htpasswd.read_text()


def test_the_install_hint_names_a_custom_state_and_port() -> None:
    default = publish.embedded_install_hint(package_index.DEFAULT_INDEX_PORT, ROOT / ".pypi")
    assert default == (
        "install it: run `make index`, then: pip install --index-url http://127.0.0.1:8765/simple/ cancelkit"
    )
    custom = publish.embedded_install_hint(9001, Path("/srv/my index"))
    assert custom.startswith("install it: run `make index INDEX_PORT=9001 PYPI_STATE='/srv/my index'`, then: ")
    assert custom.endswith("pip install --index-url http://127.0.0.1:9001/simple/ cancelkit")


def test_uv_publish_gets_the_ca_bundle_the_preflight_uses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """uv reads SSL_CERT_FILE only: REQUESTS_CA_BUNDLE reaches it there."""
    seen = tmp_path / "seen"
    fake_uv = tmp_path / "uv"
    fake_uv.write_text(f"#!/bin/sh\nprintf '%s' \"$SSL_CERT_FILE\" > {seen}\n")
    fake_uv.chmod(0o755)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/private-ca.pem")
    index = package_index.Index("https://pypi.example/", "https://pypi.example/simple/", "ci", "s3cret-token")
    package_index.upload(index, [tmp_path / "x-1-py3-none-any.whl"], str(fake_uv))
    assert seen.read_text() == "/etc/private-ca.pem"
