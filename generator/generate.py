"""Compile openapi/ into the packages under generated/, deterministically.

    python generator/generate.py            # regenerate generated/ and the pins in pyproject.toml
    python generator/generate.py --check    # regenerate into a temporary folder; fail, naming the stale files
    python generator/generate.py --spec-dir D --output O [--venue binance]   # anywhere else (tests)

Every venue spec openapi/<venue>.yaml (the venue named by its info.x-cancelkit-venue) becomes generated/<venue>/
through openapi-python-client with generator/config/<venue>.yaml and the template overrides in generator/templates/,
plus the package's venue_facts.py (generator/facts.py). The facade's normalized models,
openapi/normalized.schema.json, become generated/models/ through datamodel-code-generator and the template override
in generator/model_templates/. The specs' cancelkit extensions are checked first (generator/extensions.schema.json).
Each package also ships its spec and a CHANGELOG.md written from the spec's differences with the copy the package in
generated/ (or --previous) ships (generator/changelog.py), and CHANGELOG.md at the root lists cancelkit's pins.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path

if not __package__:  # run as a script: generator/ is on sys.path, the repository is not
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator import changelog, facts

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"
MODELS_DIR = "models"
MODELS_DISTRIBUTION = "cancelkit-models"
MODELS_PACKAGE = "cancelkit_models"
# Build backend of every generated package: the one openapi-python-client's --meta uv writes.
BUILD_SYSTEM = '[build-system]\nrequires = ["uv_build>=0.12.0,<0.13.0"]\nbuild-backend = "uv_build"\n'
# Caches the tools leave behind; never part of the output.
NOT_OUTPUT = {".ruff_cache", "__pycache__"}


def _tool_env() -> dict[str, str]:
    """The environment for the tools: this interpreter's scripts (the pinned ruff) come first on PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONHASHSEED"] = "0"
    return env


def _run(command: Sequence[str | Path], cwd: Path, *, warnings_fail: bool = False) -> None:
    """Run a tool; fail on its exit code, and with warnings_fail on anything it writes to stderr (a warning)."""
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=_tool_env(), capture_output=True, text=True)
    if result.returncode != 0 or (warnings_fail and result.stderr.strip()):
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"generate: {Path(str(command[0])).name} failed with exit code {result.returncode}")


def _scripts_tool(name: str) -> str:
    """A tool installed beside this interpreter, so that the locked version runs, not one found elsewhere."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def _remove_caches(folder: Path) -> None:
    for cache in [p for p in folder.rglob("*") if p.name in NOT_OUTPUT]:
        shutil.rmtree(cache, ignore_errors=True)


def venues(spec_dir: Path = ROOT / "openapi") -> tuple[str, ...]:
    """The venues, from the specs: every <venue>.yaml in spec_dir whose info names it in x-cancelkit-venue."""
    found = []
    for path in sorted(spec_dir.glob("*.yaml")):
        venue = facts.load_spec(path).get("info", {}).get("x-cancelkit-venue")
        if venue is None:
            raise facts.SpecError(path, "info.x-cancelkit-venue", "is missing: every spec in openapi/ names its venue")
        if venue != path.stem:
            raise facts.SpecError(path, "info.x-cancelkit-venue", f"{venue!r} must be the file's name: {venue}.yaml")
        found.append(venue)
    return tuple(found)


def config_path(venue: str) -> Path:
    path = GENERATOR / "config" / f"{venue}.yaml"
    if not path.exists():
        raise SystemExit(f"generate: openapi/{venue}.yaml has no generator config: add generator/config/{venue}.yaml")
    return path


def normalized_schema(spec_dir: Path) -> Path:
    """The normalized schema beside the specs (it defines ErrorCategory), else the repository's."""
    beside = spec_dir / "normalized.schema.json"
    return beside if beside.exists() else ROOT / "openapi" / "normalized.schema.json"


def spec_version(spec_dir: Path, venue: str) -> str:
    return str(facts.load_spec(spec_dir / f"{venue}.yaml")["info"]["version"])


def models_version(spec_dir: Path) -> str:
    return str(json.loads((spec_dir / "normalized.schema.json").read_text())["x-version"])


def check_specs(spec_dir: Path, selected: Sequence[str]) -> None:
    """Refuse, before generating anything, a spec or schema whose cancelkit extensions are malformed."""
    schema_path = normalized_schema(spec_dir)
    schema = json.loads(schema_path.read_text())
    facts.check_summaries(schema_path, schema)
    listed = schema.get("$defs", {}).get("Venue", {}).get("enum", [])
    for venue in selected:
        spec_path = spec_dir / f"{venue}.yaml"
        facts.check_spec(spec_path, facts.load_spec(spec_path), schema_path)
        config_path(venue)
        if venue not in listed:
            raise facts.SpecError(schema_path, "$defs.Venue", f"does not list {venue!r}: add it and bump x-version")


def ship_spec(spec: Path, package: Path, previous: Path | None, distribution: str) -> None:
    """The spec's copy and the CHANGELOG.md in the package, from what the package in previous ships now."""
    source = f"openapi/{spec.name}"
    warning = changelog.ship(spec, package, previous, distribution, source)
    if warning:  # make publish refuses it against the index; say so now
        print(f"generate: warning: {warning}; {source} sets the version", file=sys.stderr)


def generate_client(spec_dir: Path, venue: str, output: Path, previous: Path | None = None) -> None:
    """openapi/<venue>.yaml -> output (a whole package project: pyproject.toml, README.md, the package), with the
    package's venue_facts.py, its spec and its CHANGELOG.md (from the same project in previous)."""
    spec_path = spec_dir / f"{venue}.yaml"
    _run(
        [
            _scripts_tool("openapi-python-client"),
            "generate",
            "--path",
            spec_path,
            "--config",
            config_path(venue),
            "--custom-template-path",
            GENERATOR / "templates",
            "--meta",
            "uv",
            "--fail-on-warning",
            "--output-path",
            output,
        ],
        cwd=output.parent,
    )
    module = facts.write_venue_facts(
        spec_path, facts.load_spec(spec_path), config_path(venue), normalized_schema(spec_dir), output
    )
    # The pinned ruff, with the generated pyproject's settings, as openapi-python-client's post-hooks run it.
    _run([_scripts_tool("ruff"), "check", "--fix-only", module.relative_to(output)], cwd=output)
    _run([_scripts_tool("ruff"), "format", module.relative_to(output)], cwd=output)
    package = facts.package_name(config_path(venue))
    distribution = facts.distribution_name(config_path(venue))
    ship_spec(spec_path, output / package, previous / package if previous else None, distribution)
    _remove_caches(output)


def generate_models(spec_dir: Path, output: Path, previous: Path | None = None) -> None:
    """openapi/normalized.schema.json -> output, a package of stdlib dataclasses with Decimal for money."""
    package = output / MODELS_PACKAGE
    package.mkdir(parents=True)
    version = models_version(spec_dir)
    # The pyproject comes first: ruff, run by datamodel-codegen, reads its line length from here.
    (output / "pyproject.toml").write_text(
        "[project]\n"
        f'name = "{MODELS_DISTRIBUTION}"\n'
        f'version = "{version}"\n'
        'description = "The normalized cancel results of cancelkit, generated from normalized.schema.json"\n'
        'requires-python = ">=3.11"\n'
        'readme = "README.md"\n'
        "dependencies = []\n\n"
        "[tool.uv.build-backend]\n"
        f'module-name = "{MODELS_PACKAGE}"\n'
        'module-root = ""\n\n' + BUILD_SYSTEM + "\n[tool.ruff]\nline-length = 120\n"
    )
    (output / "README.md").write_text(
        f"# {MODELS_DISTRIBUTION}\n\nGenerated by `make generate` from `openapi/normalized.schema.json` with "
        "datamodel-code-generator. Do not edit: change the schema and regenerate.\n"
    )
    (package / "py.typed").write_text("")
    _run(
        [
            _scripts_tool("datamodel-codegen"),
            "--input",
            spec_dir / "normalized.schema.json",
            "--input-file-type",
            "jsonschema",
            "--output-model-type",
            "dataclasses.dataclass",
            "--target-python-version",
            "3.11",
            "--disable-timestamp",
            "--use-standard-collections",
            "--use-union-operator",
            "--frozen-dataclasses",
            "--keyword-only",
            "--capitalise-enum-members",
            "--use-schema-description",
            "--use-field-description",
            "--custom-template-dir",
            GENERATOR / "model_templates",
            "--formatters",
            "ruff-check",
            "ruff-format",
            "--output",
            package / "__init__.py",
        ],
        cwd=output,
        # datamodel-codegen only warns, exit code 0, when ruff cannot format its output (a template error).
        warnings_fail=True,
    )
    previous_package = previous / MODELS_PACKAGE if previous else None
    ship_spec(spec_dir / "normalized.schema.json", package, previous_package, MODELS_DISTRIBUTION)
    _remove_caches(output)


def generate_all(spec_dir: Path, output: Path, selected: Sequence[str], previous: Path | None = None) -> None:
    """Every selected venue's client and the models into output; previous holds the packages as they were (for
    their changelogs), generated/ unless told otherwise."""
    previous = ROOT / "generated" if previous is None else previous
    check_specs(spec_dir, selected)
    output.mkdir(parents=True, exist_ok=True)
    for venue in selected:
        generate_client(spec_dir, venue, output / venue, previous / venue)
    if (spec_dir / "normalized.schema.json").exists():
        generate_models(spec_dir, output / MODELS_DIR, previous / MODELS_DIR)


def _files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not NOT_OUTPUT.intersection(path.relative_to(folder).parts):
            yield path.relative_to(folder)


def stale_files(fresh: Path, committed: Path) -> list[str]:
    """What differs between a fresh generation and generated/: changed, missing and extra files."""
    fresh_files, committed_files = set(_files(fresh)), set(_files(committed))
    stale = [
        f"changed: {path}"
        for path in sorted(fresh_files & committed_files)
        if not filecmp.cmp(fresh / path, committed / path, shallow=False)
    ]
    stale += [f"missing: {path}" for path in sorted(fresh_files - committed_files)]
    stale += [f"extra:   {path}" for path in sorted(committed_files - fresh_files)]
    return stale


def distributions(spec_dir: Path = ROOT / "openapi") -> dict[str, str]:
    """Each generated distribution -> the venue it is the client of ("" for the normalized models)."""
    names = {facts.distribution_name(config_path(venue)): venue for venue in venues(spec_dir)}
    names[MODELS_DISTRIBUTION] = ""
    return names


def expected_pins(spec_dir: Path) -> dict[str, str]:
    """Each generated distribution and the version cancelkit must pin, from the specs."""
    pins = {facts.distribution_name(config_path(venue)): spec_version(spec_dir, venue) for venue in venues(spec_dir)}
    pins[MODELS_DISTRIBUTION] = models_version(spec_dir)
    return pins


def synced_pyproject(text: str, pins: dict[str, str]) -> str:
    """pyproject.toml with cancelkit's `name==version` pins set to the generated versions."""
    for name, version in pins.items():
        text, count = re.subn(rf'"{re.escape(name)}==[^"]*"', f'"{name}=={version}"', text)
        if count != 1:
            folder = name.removeprefix("cancelkit-").removesuffix("-client")
            raise SystemExit(
                f"generate: pyproject.toml must pin {name}==<version> exactly once in dependencies; for a new venue,"
                f' add "{name}==0" to dependencies, "generated/{folder}" to [tool.uv.workspace] members and'
                f" `{name} = {{ workspace = true }}` to [tool.uv.sources], then run `make generate` again"
            )
    return text


def synced_changelog(text: str, pyproject: str, pins: dict[str, str]) -> str:
    """CHANGELOG.md with the pins of the cancelkit version in pyproject.toml."""
    version = str(tomllib.loads(pyproject)["project"]["version"])
    return changelog.synced_root_changelog(text, version, pins)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail, naming the stale files, if generated/ is stale")
    parser.add_argument("--spec-dir", type=Path, default=ROOT / "openapi")
    parser.add_argument("--output", type=Path, help="generate here instead of generated/ (pins left alone)")
    parser.add_argument("--venue", action="append", help="only this venue (repeatable)")
    parser.add_argument(
        "--previous", type=Path, help="the packages as they were, for their changelogs (default: generated/)"
    )
    args = parser.parse_args(argv)
    known = venues(args.spec_dir)
    selected: Sequence[str] = args.venue or known
    unknown = sorted(set(selected) - set(known))
    if unknown:
        parser.error(f"no spec for {', '.join(unknown)} in {args.spec_dir} (venues: {', '.join(known)})")

    if args.output is not None:
        generate_all(args.spec_dir, args.output.resolve(), selected, args.previous)
        return 0

    target = ROOT / "generated"
    pyproject, root_changelog = ROOT / "pyproject.toml", ROOT / changelog.CHANGELOG
    with tempfile.TemporaryDirectory(prefix="cancelkit-generate-") as scratch:
        fresh = Path(scratch) / "generated"
        generate_all(args.spec_dir, fresh, selected, args.previous)
        pins = expected_pins(args.spec_dir)
        pinned = synced_pyproject(pyproject.read_text(), pins)
        logged = synced_changelog(root_changelog.read_text() if root_changelog.exists() else "", pinned, pins)
        if args.check:
            stale = stale_files(fresh, target)
            if pinned != pyproject.read_text():
                stale.append("changed: pyproject.toml (the pins of the generated packages)")
            if not root_changelog.exists() or logged != root_changelog.read_text():
                stale.append("changed: CHANGELOG.md (the pins of this cancelkit version)")
            if stale:
                print("generated/ is stale; run `make generate` and commit the result:", *stale, sep="\n  ")
                return 1
            print("generated/ matches openapi/.")
            return 0
        for package in sorted(p for p in fresh.iterdir() if p.is_dir()):
            shutil.rmtree(target / package.name, ignore_errors=True)
            target.mkdir(exist_ok=True)
            shutil.move(package, target / package.name)
        pyproject.write_text(pinned)
        root_changelog.write_text(logged)
    print(f"generated {', '.join(selected)} and {MODELS_DIR} into {target.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
