"""Publish every package to a package index, then prove that the index installs a working cancelkit the way a
consumer is told to install it.

    python generator/publish.py preflight   # `make publish` runs this first: the index answers, the credentials work
    python generator/publish.py             # then, after regenerating and checking: build, check, upload, prove
    python generator/publish.py index       # `make index`: serve the embedded index until Ctrl-C

0. Preflight (seconds): the index answers a read of its simple API, and takes the credentials on an upload that
   carries no file. Each failure is one line naming the index and what to do (package_index.py).
1. Builds an sdist and a wheel of each generated client, of cancelkit-models and of cancelkit, reproducibly
   (SOURCE_DATE_EPOCH is fixed, so a re-run with nothing changed builds the same bytes).
2. Compares them with what the index holds (its simple API: JSON, PEP 691, where served, else HTML). A version the
   index holds with other content was not bumped; a version whose spec breaks the version published before it (the
   spec each generated package ships, compared by generator/specdiff.py, as its CHANGELOG.md was written) without a
   new major version is refused. Either way nothing is uploaded, and the message names the change and the version to
   use. Files already there with the same content are left alone: a re-run with nothing changed says so and succeeds.
3. Uploads the rest with `uv publish`, which checks each file against the index again as it goes (an identical file
   skipped, other content refused). uv replaces twine: it does the same upload, and its check closes the gap between
   step 2 and the upload; it does not replace step 2, since it checks file by file as it uploads (a conflict found
   late leaves earlier files uploaded) and compares no specs.
4. Proves it: a scratch uv project with the README's consumer configuration (the five cancelkit names from this
   index only, an `explicit` index and `[tool.uv.sources]`; everything else from the mirror) installs cancelkit with
   `uv sync`, imports every generated client and the facade, and cancels one order on each venue against the
   simulator. The venues, packages and versions are read from openapi/ and generator/config/, as generate.py reads
   them: a new venue needs no edit here.

The index: PYPI_URL (the upload URL), PYPI_SIMPLE_URL (the simple API; default PYPI_URL + simple/), TWINE_USERNAME and
TWINE_PASSWORD (a password or a token), and PYPI_MIRROR_URL (where the proof takes httpx, attrs, ... from; default
the index itself). With no PYPI_URL, an embedded pypiserver runs on 127.0.0.1 with upload authentication (an htpasswd
file), keeping its packages in .pypi/ between runs; cancelkit's runtime dependencies are added to it from uv.lock so
that it installs on its own, and `make index` serves it afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: generator/ is on sys.path, the repository is not
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from packaging.version import Version
from pypi_simple import DistributionPackage

from generator import facts, generate, package_index, specdiff
from generator.package_index import DEFAULT_INDEX_PORT, Index, PublishError

__all__ = ["Index", "PublishError"]

ROOT = Path(__file__).resolve().parent.parent
# Fixed build time: the same sources give the same bytes, run after run (1980-01-01, the earliest a zip holds).
SOURCE_DATE_EPOCH = "315532800"
# The Pythons whose wheels of cancelkit's dependencies the embedded index holds (`make test` runs 3.11 and 3.12).
SERVED_PYTHONS = ("3.11", "3.12")
# Run in the consumer's environment with the plan as its argument: import every generated package, then cancel one
# order per venue against the simulator, on the symbol the venue's spec gives as its example.
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
# The README's consumer configuration; the proof installs with exactly this (tests/integration/test_publish.py
# checks that the README shows it).
CONSUMER = """\
[project]
name = "{name}"
version = "0"
requires-python = ">=3.11"
# Every cancelkit name is listed: uv applies [tool.uv.sources] to direct dependencies only.
dependencies = [{dependencies}]

[[tool.uv.index]]
name = "cancelkit"
url = "{simple_url}"
explicit = true  # only the names pinned to it below come from it, and they come from nowhere else

[tool.uv.sources]
{sources}
"""


def version_sources() -> dict[str, str]:
    """Every distribution published, and where its version comes from (for the message that says what to bump)."""
    sources = {
        name: f"info.version in openapi/{venue}.yaml" if venue else "x-version in openapi/normalized.schema.json"
        for name, venue in generate.distributions().items()
    }
    sources["cancelkit"] = "version in pyproject.toml"
    return sources


def consumer_pyproject(simple_url: str, cancelkit: str = "cancelkit", name: str = "your-project") -> str:
    """A consumer's pyproject.toml that takes the five cancelkit names from the internal index only."""
    names = ["cancelkit", *sorted(generate.distributions())]
    requirements = [cancelkit, *names[1:]]
    return CONSUMER.format(
        name=name,
        dependencies=", ".join(json.dumps(r) for r in requirements),
        simple_url=simple_url,
        sources="".join(f'{n} = {{ index = "cancelkit" }}\n' for n in names).rstrip("\n"),
    )


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


@dataclass(frozen=True)
class Artifact:
    path: Path
    distribution: str
    version: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def _run(command: Sequence[str | Path], *, env: dict[str, str] | None = None, cwd: Path = ROOT) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        output = (result.stdout or "") + (result.stderr or "")
        raise PublishError(f"{Path(str(command[0])).name} {command[1]} failed ({result.returncode}):\n{output[-4000:]}")
    return result.stdout or ""


def _uv() -> str:
    """The pinned uv the Makefile found (UV, maybe relative to where make runs), else uv on PATH."""
    named = os.environ.get("UV")
    if named and os.sep in named:
        return str(Path(named).resolve())
    return shutil.which(named or "uv") or str(ROOT / ".tools" / "bin" / "uv")


def parse_artifact(path: Path) -> Artifact:
    """The distribution (normalized) and version of a wheel or an sdist, from its file name."""
    name, version = package_index.parse_filename(path.name)
    return Artifact(path, name, version)


def build(dist: Path, project: Path | None = None) -> list[Artifact]:
    """Every package of the workspace (or one project's), built reproducibly into dist."""
    shutil.rmtree(dist, ignore_errors=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    targets = [str(project)] if project else ["--all-packages"]
    _run([_uv(), "build", *targets, "--out-dir", dist, "--no-create-gitignore"], env=env)
    artifacts = [parse_artifact(p) for p in sorted(dist.iterdir()) if p.name.endswith((".whl", ".tar.gz"))]
    missing = set() if project else set(version_sources()) - {a.distribution for a in artifacts}
    if missing:
        raise PublishError(f"the build made no artifact for {', '.join(sorted(missing))}")
    return artifacts


@dataclass
class Plan:
    upload: list[Artifact] = field(default_factory=list)
    unchanged: list[Artifact] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    # distribution -> what its spec was compared with, for the summary
    compared: dict[str, str] = field(default_factory=dict)


def _compare_spec(
    index: Index, distribution: str, new: list[Artifact], held: list[DistributionPackage], plan: Plan
) -> None:
    """Compare the spec the new version ships with the one the version published before it ships; a breaking change
    without a new major version goes into the plan's refusals."""
    version = new[0].version
    shipped = next((s for s in (package_index.spec_in(a.path) for a in new) if s), None)
    below = sorted(
        {v for v in (_version_of(p.filename) for p in held) if v and Version(v) < Version(version)}, key=Version
    )
    if shipped is None or not below:
        return
    previous = below[-1]
    candidates = [p for p in held if _version_of(p.filename) == previous]
    candidates.sort(key=lambda p: p.package_type != "wheel")  # a wheel first: the spec sits at its top
    published = next((s for s in (package_index.shipped_spec(index, p) for p in candidates) if s), None)
    if published is None:
        plan.compared[distribution] = f"{previous} ships no spec: not compared"
        return
    changes = specdiff.diff(specdiff.loads(published[1], published[0]), specdiff.loads(shipped[1], shipped[0]))
    breaking = sum(change.breaking for change in changes)
    counted = f"{len(changes)} change{'' if len(changes) == 1 else 's'}"
    plan.compared[distribution] = f"spec vs {previous}: {counted}, {breaking} breaking"
    refusal = specdiff.bump_refusal(distribution, previous, version, changes)
    if refusal:
        where = version_sources().get(distribution, "its version")
        plan.refusals.append(f"{refusal}; set {where}, then `make generate`")


def plan(artifacts: Sequence[Artifact], index: Index) -> Plan:
    """What to upload, what is already there, and what is refused, before anything is uploaded."""
    result = Plan()
    by_version: dict[tuple[str, str], list[Artifact]] = {}
    for artifact in artifacts:
        by_version.setdefault((artifact.distribution, artifact.version), []).append(artifact)
    listed: dict[str, list[DistributionPackage]] = {}
    for (distribution, version), ours in sorted(by_version.items()):
        held_all = listed.setdefault(distribution, package_index.packages(index, distribution))
        held = {p.filename: p.digests.get("sha256", "") for p in held_all if _version_of(p.filename) == version}
        same = [a for a in ours if a.path.name in held and held[a.path.name] in ("", a.sha256)]
        other = [a for a in ours if a.path.name in held and held[a.path.name] not in ("", a.sha256)]
        if other or (held and not same):  # the version is there, built from other sources
            where = version_sources().get(distribution, "its version")
            result.refusals.append(
                f"{distribution} {version} is on the index with other content: bump {where} (versions are never "
                "overwritten)"
            )
            continue
        result.unchanged += same
        missing = [a for a in ours if a.path.name not in held]
        result.upload += missing
        if missing and not same:  # a new version: its spec against the version before it
            _compare_spec(index, distribution, ours, held_all, result)
    return result


def _version_of(filename: str) -> str:
    try:
        return package_index.parse_filename(filename)[1]
    except ValueError:  # a file name that is no wheel or sdist of ours
        return ""


def release(artifacts: Sequence[Artifact], index: Index, uv: str | None = None) -> Plan:
    """Plan, refuse before any upload, upload."""
    found = plan(artifacts, index)
    if found.refusals:
        raise PublishError("refused, nothing was uploaded:\n  " + "\n  ".join(found.refusals))
    package_index.upload(index, [a.path for a in found.upload], uv or _uv())
    return found


def add_dependencies(packages: Path) -> None:
    """cancelkit's locked runtime dependencies, as files in the embedded index (a real index mirrors PyPI)."""
    requirements = packages.parent / "runtime-requirements.txt"
    export = [_uv(), "export", "--frozen", "--no-dev", "--no-emit-workspace", "--no-header", "--no-annotate"]
    exported = _run([*export, "--format", "requirements-txt"])
    requirements.write_text(exported)
    download = [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:", "--require-hashes"]
    for python in SERVED_PYTHONS:  # wheels for each Python CI runs, whichever runs this
        _run(
            [*download, "--python-version", python, "--no-deps", "-r", requirements, "-d", packages],
            env=dict(os.environ, PIP_NO_INPUT="1"),
        )


def consumer_env(index: Index, scratch: Path) -> dict[str, str]:
    """uv that reads no configuration but the consumer project's: no user or system uv.toml, no UV_ variables; the
    mirror as its default index; the credentials for the cancelkit index in its own variables, never in a URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UV_", "PIP_", "VIRTUAL_ENV", "XDG_CONFIG"))}
    env.update(XDG_CONFIG_HOME=str(scratch / "config"), XDG_CONFIG_DIRS=str(scratch / "config"))
    env.update(UV_DEFAULT_INDEX=index.mirror, UV_PYTHON_DOWNLOADS="never", UV_NO_PROGRESS="1")
    (scratch / "netrc").write_text("")  # not the user's ~/.netrc either
    env["NETRC"] = str(scratch / "netrc")
    if index.same_origin(index.simple_url):
        prefix = f"UV_INDEX_{package_index.UV_INDEX_NAME.upper()}"
        env.update({f"{prefix}_USERNAME": index.username, f"{prefix}_PASSWORD": index.password})
    return env


def verify(index: Index, version: str) -> dict[str, str]:
    """Install cancelkit==version as the README tells a consumer to, then import and cancel on every venue."""
    with tempfile.TemporaryDirectory(prefix="cancelkit-consumer-") as scratch:
        project = Path(scratch) / "consumer"
        project.mkdir()
        (project / "pyproject.toml").write_text(
            consumer_pyproject(index.simple_url, f"cancelkit=={version}", name="cancelkit-consumer")
        )
        env = consumer_env(index, Path(scratch))
        try:
            _run([_uv(), "sync", "--no-cache", "--python", sys.executable, "--project", project], env=env, cwd=project)
        except PublishError as error:
            raise PublishError(index.redact(str(error))) from None
        python = project / ".venv" / "bin" / "python"
        plan = verify_plan()
        output = _run([python, "-c", VERIFY, json.dumps(plan)], env=env, cwd=project)
    canceled: dict[str, str] = json.loads(output.strip().splitlines()[-1])
    if set(canceled.values()) != {"CANCELED"} or len(canceled) != len(plan["orders"]):
        raise PublishError(f"the installed cancelkit did not cancel on every venue: {canceled}")
    return canceled


def summary(found: Plan, index: Index, canceled: dict[str, str], install: str, where: str = "") -> str:
    rows = [(a, "uploaded") for a in found.upload] + [(a, "already there, unchanged") for a in found.unchanged]
    by_package: dict[tuple[str, str], list[str]] = {}
    for artifact, what in rows:
        by_package.setdefault((artifact.distribution, artifact.version), []).append(what)
    lines = [f"published to {where or index.shown}"]
    for (distribution, version), whats in sorted(by_package.items()):
        compared = f" ({found.compared[distribution]})" if distribution in found.compared else ""
        lines.append(f"  {distribution:28} {version:12} {', '.join(sorted(set(whats)))}{compared}")
    if not found.upload:
        lines.append("nothing changed: every package was already on the index")
    lines.append(
        "verified: the README's consumer configuration (cancelkit's names from this index only) installed it, and it "
        "canceled on " + ", ".join(f"{venue} ({status})" for venue, status in sorted(canceled.items()))
    )
    lines.append(install)
    return "\n".join(lines)


def embedded_install_hint(index_port: int, state: Path | None = None) -> str:
    """How to install from the embedded index once `make index` serves it (the index publish ran is gone by then)."""
    make = ["make index"]
    if index_port != DEFAULT_INDEX_PORT:
        make.append(f"INDEX_PORT={index_port}")
    if state is not None and Path(state).resolve() != (ROOT / ".pypi").resolve():
        make.append(f"PYPI_STATE={shlex.quote(str(Path(state).resolve()))}")
    return (
        f"install it: run `{' '.join(make)}`, then: pip install --index-url http://127.0.0.1:{index_port}/simple/ "
        "cancelkit"
    )


def publish(dist: Path, state: Path, index: Index | None, index_port: int = DEFAULT_INDEX_PORT) -> str:
    """The whole flow; index None is the embedded one (state/)."""
    with contextlib.ExitStack() as stack:
        embedded = index is None
        if index is None:
            index = stack.enter_context(package_index.pypiserver(state))
        package_index.preflight(index)  # again: the index may have gone since `make publish` began
        artifacts = build(dist)
        version = next(a.version for a in artifacts if a.distribution == "cancelkit")
        found = release(artifacts, index)
        if embedded:  # give the embedded index cancelkit's dependencies too
            add_dependencies(state / "packages")
        canceled = verify(index, version)
        install = (
            embedded_install_hint(index_port, state)
            if embedded
            else f"install it: pip install --index-url {package_index.safe_url(index.simple_url)} cancelkit "
            "(uv: the README's consumer configuration)"
        )
        # The embedded pypiserver ran on a temporary port for this run only: its URL is not printed.
        where = f"the embedded index ({state}/)" if embedded else ""
        return summary(found, index, canceled, install, where)


def configured_index() -> Index | None:
    """The index from PYPI_URL and its companions; None when PYPI_URL is unset (the embedded one)."""
    upload_url = os.environ.get("PYPI_URL")
    if not upload_url:
        return None
    # Each URL is checked before anything is sent to it or printed: a URL is never echoed (a typo such as
    # https:/user:token@host/ hides credentials where no URL parser finds them; an @ anywhere is refused).
    given = {name: os.environ.get(name, "") for name in ("PYPI_URL", "PYPI_SIMPLE_URL", "PYPI_MIRROR_URL")}
    for name, url in given.items():
        if not url:
            continue
        if "@" in url:
            raise PublishError(f"{name} carries credentials (an @): move them to TWINE_USERNAME and TWINE_PASSWORD")
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or not url.startswith(f"{parts.scheme}://"):
            raise PublishError(f"{name} is not an http:// or https:// URL with a host: check its spelling")
    username, password = os.environ.get("TWINE_USERNAME"), os.environ.get("TWINE_PASSWORD")
    if not username or not password:
        raise PublishError(
            f"PYPI_URL is {package_index.safe_url(upload_url)}: set TWINE_USERNAME and TWINE_PASSWORD for it too "
            "(a token goes in TWINE_PASSWORD: see the README's Publishing)"
        )
    simple = given["PYPI_SIMPLE_URL"] or package_index.default_simple_url(upload_url)
    return Index(upload_url, simple, username, password, given["PYPI_MIRROR_URL"])


def run_preflight(state: Path) -> str:
    index = configured_index()
    if index is not None:
        return package_index.preflight(index)
    with package_index.pypiserver(state) as embedded:
        package_index.preflight(embedded)
    return f"the embedded index ({state}/) starts and takes its upload credentials; `make index` serves it afterwards"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", nargs="?", choices=["publish", "preflight", "index"], default="publish")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "publish", help="where the builds go")
    parser.add_argument("--state", type=Path, default=ROOT / ".pypi", help="the embedded index's folder")
    parser.add_argument("--host", default="127.0.0.1", help="`index`: the address to serve on")
    parser.add_argument("--port", type=int, default=DEFAULT_INDEX_PORT, help="`index`: the port (publish: its hint)")
    args = parser.parse_args(argv)
    try:
        if args.step == "index":
            return package_index.serve(args.state, args.host, args.port)
        if args.step == "preflight":
            print(f"publish: {run_preflight(args.state)}")
        else:
            print(publish(args.dist, args.state, configured_index(), args.port))
    except PublishError as error:
        print(f"publish: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
