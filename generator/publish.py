"""Publish every package to a package index, then prove that the index alone installs a working cancelkit.

    python generator/publish.py        # run by `make publish`, after regenerating and checking

1. Builds an sdist and a wheel of each generated client, of cancelkit-models and of cancelkit, reproducibly
   (SOURCE_DATE_EPOCH is fixed, so a re-run with nothing changed builds the same bytes).
2. Compares them with what the index holds. A file of the same name with other content means the version was
   not bumped: nothing is uploaded, and the message says which version to bump. A file already there with the
   same content is left alone, so a re-run with nothing changed says so and succeeds.
3. Uploads the rest with twine.
4. Creates a fresh virtual environment, installs cancelkit from the index alone (`--index-url`, pip's config files
   ignored), imports every generated client and the facade, and cancels one order on each venue against the
   simulator. The venues, packages and versions are read from openapi/ and generator/config/, as generate.py reads
   them: a new venue needs no edit here.

The index: PYPI_URL (the upload URL: devpi, Artifactory, Nexus, ...), PYPI_SIMPLE_URL (the install URL; default
PYPI_URL + /simple/), and TWINE_USERNAME / TWINE_PASSWORD. With no PYPI_URL, an embedded pypiserver runs on
127.0.0.1 with upload authentication (an htpasswd file), keeping its packages in .pypi/ between runs; cancelkit's
runtime dependencies are added to it from uv.lock so that it can install on its own.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: generator/ is on sys.path, the repository is not
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator import facts, generate

ROOT = Path(__file__).resolve().parent.parent
# Fixed build time: the same sources give the same bytes, run after run (1980-01-01, the earliest a zip holds).
SOURCE_DATE_EPOCH = "315532800"
# Run in the fresh environment with the plan as its argument: import every generated package, then cancel one order
# per venue against the simulator, on the symbol the venue's spec gives as its example.
VERIFY = """
import importlib, json, sys
from cancelkit import CancelClient
from cancelkit.testing import Simulator

plan = json.loads(sys.argv[1])
for package in plan["packages"]:
    importlib.import_module(package)
canceled = {}
with Simulator() as sim:
    for venue, symbol in plan["orders"]:
        order = sim.add_order(venue, symbol)
        with CancelClient(venue, sim.credentials(venue), base_url=sim.base_url(venue)) as client:
            canceled[venue] = str(client.cancel_order(symbol, order_id=order.order_id).status)
print(json.dumps(canceled))
"""


def version_sources() -> dict[str, str]:
    """Every distribution published, and where its version comes from (for the message that says what to bump)."""
    sources = {
        name: f"info.version in openapi/{venue}.yaml" if venue else "x-version in openapi/normalized.schema.json"
        for name, venue in generate.distributions().items()
    }
    sources["cancelkit"] = "version in pyproject.toml"
    return sources


def example_symbol(venue: str) -> str:
    """The `example` of cancel_order's symbol parameter in the venue's spec: what the proof cancels on."""
    spec_path = ROOT / "openapi" / f"{venue}.yaml"
    spec = facts.load_spec(spec_path)
    for path_item in spec["paths"].values():
        for operation in path_item.values():
            if isinstance(operation, dict) and operation.get("operationId") == "cancel_order":
                for parameter in operation.get("parameters", []):
                    resolved = facts.resolve(spec, parameter, spec_path)
                    if resolved.get("name") == "symbol" and isinstance(resolved.get("example"), str):
                        return str(resolved["example"])
    raise PublishError(f"openapi/{venue}.yaml: give cancel_order's symbol parameter an example (BTCUSDT)")


def verify_plan() -> dict[str, Any]:
    """What the proof imports and where it cancels, from the specs and the generator configs."""
    venues = generate.venues()
    packages = [facts.package_name(generate.config_path(venue)) for venue in venues]
    return {
        "packages": [*packages, generate.MODELS_PACKAGE],
        "orders": [(venue, example_symbol(venue)) for venue in venues],
    }


class PublishError(Exception):
    """Publishing stopped; the message says why and what to do."""


@dataclass(frozen=True)
class Index:
    upload_url: str
    simple_url: str
    username: str
    password: str

    def __repr__(self) -> str:
        return f"Index(upload_url={self.upload_url!r}, simple_url={self.simple_url!r}, username={self.username!r})"


@dataclass(frozen=True)
class Artifact:
    path: Path
    distribution: str
    version: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def _run(command: Sequence[str | Path], *, env: dict[str, str] | None = None, quiet: bool = True) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=ROOT, env=env, capture_output=quiet, text=True, check=False
    )
    if result.returncode != 0:
        output = (result.stdout or "") + (result.stderr or "") if quiet else ""
        raise PublishError(f"{Path(str(command[0])).name} failed ({result.returncode}):\n{output[-4000:]}")
    return result.stdout or ""


def _uv() -> str:
    return os.environ.get("UV") or shutil.which("uv") or "uv"


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_artifact(path: Path) -> Artifact:
    """The distribution and version of a wheel or sdist, from its file name."""
    stem = path.name.removesuffix(".tar.gz").removesuffix(".whl")
    name, version = stem.split("-")[:2]
    return Artifact(path, _normalize(name), version)


def build(dist: Path) -> list[Artifact]:
    shutil.rmtree(dist, ignore_errors=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    _run([_uv(), "build", "--all-packages", "--out-dir", dist, "--no-create-gitignore"], env=env)
    artifacts = [parse_artifact(p) for p in sorted(dist.iterdir()) if p.name.endswith((".whl", ".tar.gz"))]
    missing = set(version_sources()) - {a.distribution for a in artifacts}
    if missing:
        raise PublishError(f"the build made no artifact for {', '.join(sorted(missing))}")
    return artifacts


def index_files(index: Index, distribution: str) -> dict[str, str]:
    """File name -> sha256 of what the index holds for a distribution (PEP 503 simple page)."""
    url = f"{index.simple_url.rstrip('/')}/{distribution}/"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the configured index
            page = response.read().decode()
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return {}
        raise PublishError(f"the index answered {error.code} for {url}") from error
    files: dict[str, str] = {}
    for href in re.findall(r'href="([^"]+)"', page):
        path, _, fragment = href.partition("#")
        name = urllib.request.url2pathname(path.rsplit("/", 1)[-1])
        files[name] = fragment.removeprefix("sha256=") if fragment.startswith("sha256=") else ""
    return files


@dataclass
class Plan:
    upload: list[Artifact]
    unchanged: list[Artifact]
    conflicts: list[Artifact]


def plan(artifacts: Sequence[Artifact], index: Index) -> Plan:
    result = Plan([], [], [])
    held: dict[str, dict[str, str]] = {}
    for artifact in artifacts:
        files = held.setdefault(artifact.distribution, index_files(index, artifact.distribution))
        if artifact.path.name not in files:
            result.upload.append(artifact)
        elif files[artifact.path.name] in ("", artifact.sha256):  # no hash on the page: trust the name
            result.unchanged.append(artifact)
        else:
            result.conflicts.append(artifact)
    return result


def refusal(conflicts: Sequence[Artifact]) -> str:
    lines = ["the index already holds these versions with other content; nothing was uploaded:"]
    for distribution, version in sorted({(a.distribution, a.version) for a in conflicts}):
        lines.append(f"  {distribution} {version}: bump {version_sources().get(distribution, 'its version')}")
    lines.append("then run `make publish` again (versions are never overwritten).")
    return "\n".join(lines)


def upload(artifacts: Sequence[Artifact], index: Index) -> None:
    if not artifacts:
        return
    env = dict(os.environ, TWINE_USERNAME=index.username, TWINE_PASSWORD=index.password, TWINE_NON_INTERACTIVE="1")
    twine = Path(sys.executable).parent / "twine"
    _run([twine, "upload", "--repository-url", index.upload_url, *[a.path for a in artifacts]], env=env)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _embedded_credentials(state: Path) -> tuple[str, str, Path]:
    """The embedded index's upload user, made once and kept in state/ (never printed)."""
    state.mkdir(parents=True, exist_ok=True)
    stored, htpasswd = state / "credentials.json", state / "htpasswd"
    if not stored.exists() or not htpasswd.exists():
        from passlib.apache import HtpasswdFile

        password = secrets.token_urlsafe(24)
        users = HtpasswdFile(str(htpasswd), new=True)
        users.set_password("cancelkit", password)
        users.save()
        stored.write_text(json.dumps({"username": "cancelkit", "password": password}))
        stored.chmod(0o600)
    credentials = json.loads(stored.read_text())
    return credentials["username"], credentials["password"], htpasswd


@contextlib.contextmanager
def embedded_index(state: Path) -> Iterator[Index]:
    """A pypiserver on 127.0.0.1 serving state/packages, uploads authenticated, stopped on exit."""
    username, password, htpasswd = _embedded_credentials(state)
    packages = state / "packages"
    packages.mkdir(exist_ok=True)
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "pypiserver",
        "run",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--passwords",
        str(htpasswd),
        "--authenticate",
        "update",
        "--log-stream",
        "none",
        str(packages),
    ]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(base + "/simple/", timeout=1):  # noqa: S310 - our own loopback index
                    break
            except OSError as error:
                if server.poll() is not None or time.monotonic() > deadline:
                    stderr = server.stderr.read().decode() if server.stderr else ""
                    raise PublishError(f"the embedded pypiserver did not start: {stderr[-2000:]}") from error
                time.sleep(0.1)
        yield Index(base + "/", base + "/simple/", username, password)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def fresh_venv(where: Path) -> Path:
    _run([sys.executable, "-m", "venv", where])
    return where / "bin" / "python"


def isolated_pip_env() -> dict[str, str]:
    """pip that reads no config file: the index given on the command line is the only one."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_", "VIRTUAL_ENV"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    return env


def add_dependencies(python: Path, packages: Path) -> None:
    """cancelkit's locked runtime dependencies, as files in the embedded index (a real index mirrors PyPI)."""
    requirements = packages.parent / "runtime-requirements.txt"
    exported = _run(
        [
            _uv(),
            "export",
            "--frozen",
            "--no-dev",
            "--no-emit-workspace",
            "--no-header",
            "--no-annotate",
            "--format",
            "requirements-txt",
        ]
    )
    requirements.write_text(exported)
    _run(
        [
            python,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--only-binary=:all:",
            "--require-hashes",
            "--no-deps",
            "-r",
            requirements,
            "-d",
            packages,
        ],
        env=dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1"),
    )


def verify(index: Index, version: str, python: Path) -> dict[str, str]:
    _run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-cache-dir",
            "--index-url",
            index.simple_url,
            f"cancelkit=={version}",
        ],
        env=isolated_pip_env(),
    )
    plan = verify_plan()
    output = _run([python, "-c", VERIFY, json.dumps(plan)], env=isolated_pip_env())
    canceled: dict[str, str] = json.loads(output.strip())
    if set(canceled.values()) != {"CANCELED"} or len(canceled) != len(plan["orders"]):
        raise PublishError(f"the installed cancelkit did not cancel on every venue: {canceled}")
    return canceled


def summary(found: Plan, index: Index, canceled: dict[str, str]) -> str:
    rows = [(a, "uploaded") for a in found.upload] + [(a, "already there, unchanged") for a in found.unchanged]
    by_package: dict[tuple[str, str], list[str]] = {}
    for artifact, what in rows:
        by_package.setdefault((artifact.distribution, artifact.version), []).append(what)
    lines = [f"published to {index.upload_url} (install: pip install --index-url {index.simple_url} cancelkit)"]
    for (distribution, version), whats in sorted(by_package.items()):
        lines.append(f"  {distribution:28} {version:12} {', '.join(sorted(set(whats)))}")
    if not found.upload:
        lines.append("nothing changed: every package was already on the index")
    lines.append(
        "verified: a fresh environment installed it from the index alone and canceled on "
        + ", ".join(f"{venue} ({status})" for venue, status in sorted(canceled.items()))
    )
    return "\n".join(lines)


def publish(dist: Path, state: Path, index: Index | None) -> str:
    artifacts = build(dist)
    version = next(a.version for a in artifacts if a.distribution == "cancelkit")
    embedded = index is None
    with contextlib.ExitStack() as stack:
        if index is None:
            index = stack.enter_context(embedded_index(state))
        found = plan(artifacts, index)
        if found.conflicts:
            raise PublishError(refusal(found.conflicts))
        upload(found.upload, index)
        with tempfile.TemporaryDirectory(prefix="cancelkit-verify-") as scratch:
            python = fresh_venv(Path(scratch) / "venv")
            if embedded:  # give the embedded index cancelkit's dependencies too
                add_dependencies(python, state / "packages")
            canceled = verify(index, version, python)
        return summary(found, index, canceled)


def configured_index() -> Index | None:
    upload_url = os.environ.get("PYPI_URL")
    if not upload_url:
        return None
    simple = os.environ.get("PYPI_SIMPLE_URL") or upload_url.rstrip("/") + "/simple/"
    username, password = os.environ.get("TWINE_USERNAME"), os.environ.get("TWINE_PASSWORD")
    if not username or not password:
        raise PublishError("PYPI_URL is set: set TWINE_USERNAME and TWINE_PASSWORD for it too")
    return Index(upload_url, simple, username, password)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "publish", help="where the builds go")
    parser.add_argument("--state", type=Path, default=ROOT / ".pypi", help="the embedded index's folder")
    args = parser.parse_args(argv)
    try:
        print(publish(args.dist, args.state, configured_index()))
    except PublishError as error:
        print(f"publish: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
