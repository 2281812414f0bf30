"""Publishing against two real indexes the tests start, as a firm runs them: pypiserver with an htpasswd file (reads
need credentials too) and devpi-server (a non-volatile index). For each: a wrong password and the right one, a first
publish proven by the README's consumer configuration while the mirror offers a decoy, a re-run with nothing
changed, what `uv publish` does with identical and other content, a breaking spec change with a patch bump (refused
before any upload, naming the change and the version to use) and a compatible one (uploaded with its changelog
entry). And `make publish` against an index that is down stops before generating anything. Each server starts once,
the repository is built once."""

import base64
import dataclasses
import hashlib
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator import generate, package_index, publish, specdiff
from generator.package_index import Index
from tests.integration import servers

pytestmark = pytest.mark.publish
ROOT = Path(__file__).resolve().parents[2]
CANCELKIT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
MEXC = "cancelkit-mexc-client"
MEXC_VERSION = generate.spec_version(ROOT / "openapi", "mexc")
MODELS_VERSION = generate.models_version(ROOT / "openapi")
MAKE = shutil.which("make") or "make"


def wheel(folder: Path, name: str, version: str, files: dict[str, str]) -> Path:
    """A pure-Python wheel with these files (a decoy, another build of a version)."""
    dist_info = f"{name}-{version}.dist-info"
    entries = {
        **files,
        f"{dist_info}/METADATA": f"Metadata-Version: 2.1\nName: {name.replace('_', '-')}\nVersion: {version}\n",
        f"{dist_info}/WHEEL": "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = ""
    for path, text in entries.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record += f"{path},sha256={digest},{len(text.encode())}\n"
    entries[f"{dist_info}/RECORD"] = record + f"{dist_info}/RECORD,,\n"
    path = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for member, text in entries.items():
            archive.writestr(member, text)
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[publish.Artifact]:
    return publish.build(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    """PyPI's stand-in: cancelkit's dependencies, and a decoy cancelkit-models of the very version cancelkit pins,
    built from other sources (what a dependency-confusion attacker would publish under a name he found)."""
    folder = tmp_path_factory.mktemp("mirror")
    publish.add_dependencies(folder / "packages")
    decoy = {f"{generate.MODELS_PACKAGE}/__init__.py": "raise ImportError('a decoy from the public index')\n"}
    wheel(folder / "packages", generate.MODELS_PACKAGE, MODELS_VERSION, decoy)
    with servers.pypiserver(folder) as index:
        yield index


@pytest.fixture(scope="module", params=["pypiserver", "devpi"])
def index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, mirror: Index) -> Iterator[Index]:
    folder = tmp_path_factory.mktemp(request.param)
    running = servers.pypiserver(folder, private=True) if request.param == "pypiserver" else servers.devpi(folder)
    with running as started:
        yield dataclasses.replace(started, mirror_url=mirror.simple_url)


@pytest.fixture(scope="module")
def published(index: Index, built: list[publish.Artifact]) -> publish.Plan:
    return publish.release(built, index)


def preflight(index: Index, password: str) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {
        "PATH": "/usr/bin:/bin",
        "PYPI_URL": index.upload_url,
        "PYPI_SIMPLE_URL": index.simple_url,
        "TWINE_USERNAME": index.username,
        "TWINE_PASSWORD": password,
    }
    started = time.monotonic()
    ran = subprocess.run(
        [sys.executable, ROOT / "generator" / "publish.py", "preflight"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return ran, time.monotonic() - started


def test_a_wrong_password_is_refused_in_one_line_within_seconds(index: Index) -> None:
    wrong = "not-" + index.password
    ran, took = preflight(index, wrong)
    assert ran.returncode == 1
    assert ran.stdout == ""
    assert ran.stderr.count("\n") == 1, ran.stderr  # one line: no traceback, no progress bars
    assert ran.stderr.startswith(f"publish: the index at {index.upload_url} refused to ")
    assert f"for user {index.username!r} (40" in ran.stderr
    assert "set TWINE_USERNAME and TWINE_PASSWORD" in ran.stderr
    assert "Traceback" not in ran.stderr
    assert "\x1b" not in ran.stderr
    assert wrong not in ran.stderr
    assert took < 15
    right, _ = preflight(index, index.password)
    assert right.returncode == 0, right.stderr
    assert right.stdout == f"publish: index {index.upload_url}: reachable, upload credentials of 'ci' accepted\n"


def test_publish_installs_with_the_readme_configuration_and_a_rerun_changes_nothing(
    index: Index, built: list[publish.Artifact], published: publish.Plan
) -> None:
    assert {a.path.name for a in published.upload} == {a.path.name for a in built}
    for artifact in built:
        assert package_index.files(index, artifact.distribution)[artifact.path.name] == artifact.sha256
    # The mirror holds a decoy cancelkit-models of the pinned version: the consumer configuration never takes it.
    canceled = publish.verify(index, CANCELKIT_VERSION)
    assert set(canceled) == set(generate.venues())
    assert set(canceled.values()) == {"CANCELED"}
    again = publish.release(built, index)
    assert again.upload == []
    assert {a.path.name for a in again.unchanged} == {a.path.name for a in built}


def test_without_every_name_pinned_a_transitive_name_comes_from_the_mirror(
    index: Index, published: publish.Plan, tmp_path: Path
) -> None:
    """Why the README lists all five names: uv applies [tool.uv.sources] to direct dependencies only."""
    project = tmp_path / "consumer"
    project.mkdir()
    full = publish.consumer_pyproject(index.simple_url, f"cancelkit=={CANCELKIT_VERSION}")
    only_cancelkit = full.replace(f', "{generate.MODELS_DISTRIBUTION}"', "").replace(
        f'{generate.MODELS_DISTRIBUTION} = {{ index = "cancelkit" }}\n', ""
    )
    assert only_cancelkit != full
    (project / "pyproject.toml").write_text(only_cancelkit)
    env = publish.consumer_env(index, tmp_path)
    locked = subprocess.run(
        [publish._uv(), "lock", "--no-cache", "--python", sys.executable],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert locked.returncode == 0, locked.stderr
    packages = {p["name"]: p for p in tomllib.loads((project / "uv.lock").read_text())["package"]}
    assert packages[generate.MODELS_DISTRIBUTION]["source"] == {"registry": index.mirror}  # the decoy's index
    assert packages["cancelkit"]["source"] == {"registry": index.simple_url}


def test_uv_publish_skips_identical_files_and_refuses_other_content(
    index: Index, built: list[publish.Artifact], published: publish.Plan, tmp_path: Path
) -> None:
    models = next(a for a in built if a.distribution == generate.MODELS_DISTRIBUTION and a.path.suffix == ".whl")
    package_index.upload(index, [models.path], publish._uv())  # already there, identical: skipped, no error
    other = wheel(tmp_path, generate.MODELS_PACKAGE, MODELS_VERSION, {"cancelkit_models/__init__.py": "X = 1\n"})
    assert other.name == models.path.name
    with pytest.raises(publish.PublishError, match=r"Local file and index file do not match") as refused:
        package_index.upload(index, [other], publish._uv())
    assert index.password not in str(refused.value)
    assert package_index.files(index, generate.MODELS_DISTRIBUTION)[models.path.name] == models.sha256


def scratch_mexc(folder: Path, version: str, edit: str) -> list[publish.Artifact]:
    """The MEXC client generated from an edited copy of its spec, with its changelog against generated/, and built."""
    specs = folder / "openapi"
    shutil.copytree(ROOT / "openapi", specs)
    document = yaml.safe_load((specs / "mexc.yaml").read_text())
    parameters = document["paths"]["/api/v3/order"]["delete"]["parameters"]
    if edit == "breaking":
        parameters[:] = [p for p in parameters if p.get("name") != "newClientOrderId"]
    else:
        parameters.insert(4, {"name": "cancelReasonX", "in": "query", "required": False, "schema": {"type": "string"}})
    document["info"]["version"] = version
    (specs / "mexc.yaml").write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    out = folder / "generated"
    assert generate.main(["--spec-dir", str(specs), "--output", str(out), "--venue", "mexc"]) == 0
    return publish.build(folder / "dist", out / "mexc")


@pytest.fixture(scope="module")
def breaking(tmp_path_factory: pytest.TempPathFactory) -> list[publish.Artifact]:
    return scratch_mexc(tmp_path_factory.mktemp("breaking"), f"{MEXC_VERSION}.1", "breaking")


@pytest.fixture(scope="module")
def compatible(tmp_path_factory: pytest.TempPathFactory) -> list[publish.Artifact]:
    return scratch_mexc(tmp_path_factory.mktemp("compatible"), f"{MEXC_VERSION}.2", "compatible")


def test_a_breaking_change_with_a_patch_bump_is_refused_before_any_upload(
    index: Index, published: publish.Plan, breaking: list[publish.Artifact]
) -> None:
    before = package_index.files(index, MEXC)
    with pytest.raises(publish.PublishError) as refused:
        publish.release(breaking, index)
    message = str(refused.value)
    assert message.startswith("refused, nothing was uploaded:\n")
    assert f"{MEXC} {MEXC_VERSION}.1 breaks {MEXC_VERSION} with a patch bump" in message
    assert "cancel_order: parameter `newClientOrderId` removed" in message
    assert f"use {specdiff.next_major(MEXC_VERSION)} or higher; set info.version in openapi/mexc.yaml" in message
    assert package_index.files(index, MEXC) == before


def test_a_compatible_change_is_uploaded_with_its_changelog_entry(
    index: Index, published: publish.Plan, compatible: list[publish.Artifact]
) -> None:
    found = publish.release(compatible, index)
    assert {a.path.name for a in found.upload} == {a.path.name for a in compatible}
    assert found.compared[MEXC] == f"spec vs {MEXC_VERSION}: 1 change, 0 breaking"
    held = package_index.files(index, MEXC)
    wheel_file = next(a for a in compatible if a.path.suffix == ".whl")
    assert held[wheel_file.path.name] == wheel_file.sha256
    with zipfile.ZipFile(wheel_file.path) as archive:
        log = archive.read("cancelkit_mexc_client/CHANGELOG.md").decode()
    assert f"## {MEXC_VERSION}.2\n\nSince {MEXC_VERSION}:\n\n- cancel_order: parameter `cancelReasonX` added" in log


def test_make_publish_against_an_index_that_is_down_stops_first_in_one_line() -> None:
    closed = package_index.free_port()  # nothing listens there
    started = time.monotonic()
    ran = subprocess.run(
        [
            MAKE,
            "--no-print-directory",
            "publish",
            f"PYPI_URL=http://127.0.0.1:{closed}/",
            "TWINE_USERNAME=ci",
            "TWINE_PASSWORD=s3cret-token",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    took = time.monotonic() - started
    assert ran.returncode != 0
    ours = [line for line in ran.stderr.splitlines() if line.startswith("publish:")]
    assert ours == [
        f"publish: cannot reach the index at http://127.0.0.1:{closed}/ (connection refused): start it, or set "
        "PYPI_URL to an index that runs (unset, the embedded one is used)"
    ]
    assert "publish-preflight" in ran.stderr  # make's own line: the first step failed
    assert "generate" not in ran.stdout + ran.stderr  # nothing was regenerated, linted or tested
    assert "Traceback" not in ran.stderr
    assert "s3cret-token" not in ran.stdout + ran.stderr
    assert took < 60


def test_a_wrong_simple_url_is_refused_at_preflight_and_nothing_is_uploaded(
    index: Index, built: list[publish.Artifact], published: publish.Plan, tmp_path: Path
) -> None:
    """A 404 below a wrong simple URL would read as "never published": no semver check, no conflict check."""
    devpi = "/+simple/" in index.simple_url
    # devpi's simple API is <index>/+simple/: the PYPI_URL + simple/ a default gave before blinded every check.
    wrong = index.upload_url + "simple/" if devpi else index.upload_url + "nothing/here/simple/"
    blind = dataclasses.replace(index, simple_url=wrong)
    before = {a.distribution: package_index.files(index, a.distribution) for a in built}
    with pytest.raises(publish.PublishError) as refused:
        publish.publish(tmp_path / "dist", tmp_path / "state", blind)
    message = str(refused.value)
    assert message.startswith(f"PYPI_SIMPLE_URL {wrong} is not the index's simple API (")
    assert "set PYPI_SIMPLE_URL to it" in message
    assert "\n" not in message
    assert index.password not in message
    assert not (tmp_path / "dist").exists()  # stopped before building anything
    assert {a.distribution: package_index.files(index, a.distribution) for a in built} == before
    ran, _ = preflight(blind, index.password)
    assert ran.returncode == 1
    assert ran.stderr.count("\n") == 1, ran.stderr
    assert ran.stderr.startswith("publish: PYPI_SIMPLE_URL "), ran.stderr


def test_without_pypi_simple_url_the_preflight_finds_the_simple_api(index: Index) -> None:
    """The default is PYPI_URL + simple/, or + +simple/ on devpi (which says so in a header)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "PYPI_URL": index.upload_url,
        "TWINE_USERNAME": index.username,
        "TWINE_PASSWORD": index.password,
    }
    ran = subprocess.run(
        [sys.executable, ROOT / "generator" / "publish.py", "preflight"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert ran.returncode == 0, ran.stderr
    assert package_index.default_simple_url(index.upload_url) == index.simple_url


def test_an_index_behind_a_private_ca_and_a_proxy_is_reached_as_the_environment_says(tmp_path: Path) -> None:
    """REQUESTS_CA_BUNDLE or SSL_CERT_FILE for the preflight and for uv publish; HTTPS_PROXY and NO_PROXY too."""
    with servers.tls_index(tmp_path) as (index, ca):

        def run(**extra: str) -> subprocess.CompletedProcess[str]:
            env = {
                "PATH": "/usr/bin:/bin",
                "PYPI_URL": index.upload_url,
                "TWINE_USERNAME": index.username,
                "TWINE_PASSWORD": index.password,
                **extra,
            }
            return subprocess.run(
                [sys.executable, ROOT / "generator" / "publish.py", "preflight"],
                env=env,
                capture_output=True,
                text=True,
                check=False,
                timeout=60,
            )

        untrusted = run()
        assert untrusted.returncode == 1
        assert untrusted.stderr == (
            f"publish: cannot reach the index at {index.upload_url} (its TLS certificate is not trusted (set "
            "SSL_CERT_FILE or REQUESTS_CA_BUNDLE to your CA bundle)): start it, or set PYPI_URL to an index that "
            "runs (unset, the embedded one is used)\n"
        )
        for variable in ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"):
            trusted = run(**{variable: str(ca)})
            assert trusted.returncode == 0, (variable, trusted.stderr)
        closed = package_index.free_port()
        proxied = run(REQUESTS_CA_BUNDLE=str(ca), HTTPS_PROXY=f"http://127.0.0.1:{closed}")
        assert proxied.returncode == 1  # sent to the proxy, which is down
        bypassed = run(REQUESTS_CA_BUNDLE=str(ca), HTTPS_PROXY=f"http://127.0.0.1:{closed}", NO_PROXY="127.0.0.1")
        assert bypassed.returncode == 0, bypassed.stderr
        # uv publish trusts the same CA: REQUESTS_CA_BUNDLE reaches it as SSL_CERT_FILE.
        artifact = wheel(tmp_path, "cancelkit_tls_probe", "1.0", {"cancelkit_tls_probe/__init__.py": ""})
        with pytest.MonkeyPatch.context() as patch:
            patch.delenv("SSL_CERT_FILE", raising=False)
            patch.delenv("REQUESTS_CA_BUNDLE", raising=False)
            with pytest.raises(publish.PublishError, match=r"its TLS certificate is not trusted \(set SSL_CERT_FILE"):
                package_index.upload(index, [artifact], publish._uv())
            patch.setenv("REQUESTS_CA_BUNDLE", str(ca))
            package_index.upload(index, [artifact], publish._uv())


def test_devpi_is_set_up_with_no_secret_in_any_process_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands: list[list[str]] = []
    run, popen = subprocess.run, subprocess.Popen

    def recording_run(command: list[object], *args: object, **kwargs: object) -> object:
        commands.append([str(part) for part in command])
        return run(command, *args, **kwargs)  # type: ignore[call-overload]

    def recording_popen(command: list[object], *args: object, **kwargs: object) -> object:
        commands.append([str(part) for part in command])
        return popen(command, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", recording_run)
    monkeypatch.setattr(subprocess, "Popen", recording_popen)
    with servers.devpi(tmp_path) as index:
        assert package_index.preflight(index).endswith("upload credentials of 'ci' accepted")
    arguments = [part for command in commands for part in command]
    assert index.password not in arguments
    assert "--root-passwd" not in arguments
    assert "--root-passwd-hash" in arguments
