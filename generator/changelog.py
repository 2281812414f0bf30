"""The spec and the CHANGELOG.md that `make generate` ships inside each generated package, and the pins in cancelkit's
own CHANGELOG.md.

Each generated package carries, beside its modules, a byte copy of the spec it was generated from (`openapi.yaml`,
or `normalized.schema.json` for cancelkit-models) and a CHANGELOG.md. Both come from the repository's files alone, so
that `make check-generated` reproduces them: the new spec is compared (generator/specdiff.py) with the copy the
package in generated/ ships now, and

- a new version gets a new entry at the top, listing what changed since that version;
- the same version with a changed spec (a spec edited before its version is bumped) has its top entry amended: an
  addition undone is dropped from it, other changes are added;
- the same spec keeps the changelog as it is.

cancelkit's own CHANGELOG.md lists, under each of its versions, the generated versions it pins; `make generate`
writes those lines for the version in pyproject.toml, and `make check-generated` fails if they drift.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator import specdiff

CHANGELOG = "CHANGELOG.md"
BREAKING = "**Breaking:** "
FIRST = "The first version that ships its spec (`{spec}`, beside this file) and this changelog."
NOTHING = "No change to the spec but its version."
PINS = "Pins (written by `make generate` from `pyproject.toml`):"


def shipped_spec_name(spec: Path) -> str:
    """The name of the spec's copy inside the package: `openapi.yaml` for a venue, the schema's own name else."""
    return spec.name if spec.suffix == ".json" else "openapi.yaml"


def _header(distribution: str, source: str) -> str:
    return (
        f"# Changelog of {distribution}\n\n"
        f"Written by `make generate` from `{source}`: each version lists what changed in the spec since the version "
        "before it. A change marked breaking needs a new major version (the first number).\n"
    )


def _line(change: specdiff.Change) -> str:
    return f"- {BREAKING if change.breaking else ''}{change}"


def _entry(version: str, intro: str, lines: list[str]) -> str:
    return f"## {version}\n\n{intro}\n" + ("\n" + "\n".join(lines) + "\n" if lines else "")


def _split(changelog: str) -> tuple[str, list[str]]:
    """The header, and the entries (each from its `## ` line)."""
    parts = re.split(r"(?m)^(?=## )", changelog)
    return parts[0], parts[1:]


def _join(header: str, entries: list[str]) -> str:
    return "\n".join([header.rstrip("\n") + "\n", *(entry.rstrip("\n") + "\n" for entry in entries)])


def _amended(entry: str, changes: list[specdiff.Change]) -> str:
    """The top entry with further changes to the same version: an addition undone is dropped, the rest added."""
    heading, _, body = entry.partition("\n")
    intro = "\n".join(line for line in body.strip().splitlines() if line and not line.startswith("- "))
    lines = [line for line in body.splitlines() if line.startswith("- ") and line != f"- {NOTHING}"]
    for change in changes:
        undoes = {"added": " removed", "removed": " added"}.get(change.kind)
        undone = [
            line
            for line in lines
            if undoes and line.removeprefix("- ").removeprefix(BREAKING).startswith(change.subject + undoes)
        ]
        if undone:
            lines.remove(undone[0])
        elif _line(change) not in lines:
            lines.append(_line(change))
    return _entry(heading.removeprefix("## "), intro, lines or [f"- {NOTHING}"])


def updated(
    previous_changelog: str | None,
    previous_spec: str | None,
    spec: str,
    spec_name: str,
    distribution: str,
    source: str,
) -> tuple[str, str | None]:
    """The package's changelog for the spec, and a warning when its version is not high enough for its changes."""
    new = specdiff.loads(spec, spec_name)
    version = specdiff.document_version(new)
    if previous_changelog is None or previous_spec is None:
        return _join(_header(distribution, source), [_entry(version, FIRST.format(spec=spec_name), [])]), None
    if previous_spec == spec:
        return previous_changelog, None
    old = specdiff.loads(previous_spec, spec_name)
    old_version = specdiff.document_version(old)
    changes = specdiff.diff(old, new)
    header, entries = _split(previous_changelog)
    if old_version == version and entries and entries[0].startswith(f"## {version}\n"):
        amended = _amended(entries[0], changes)
        return _join(header, [amended, *entries[1:]]), _amended_refusal(amended, distribution, version)
    entry = _entry(version, f"Since {old_version}:", [_line(c) for c in changes] or [f"- {NOTHING}"])
    warning = specdiff.bump_refusal(distribution, old_version, version, changes)
    return _join(header, [entry, *entries]), warning


def _amended_refusal(entry: str, distribution: str, version: str) -> str | None:
    """The bump check on an amended entry: everything it now lists against the version it says it follows."""
    since = re.search(r"(?m)^Since (\S+):$", entry)
    if since is None:  # the first entry: no version before it
        return None
    changes = []
    for line in entry.splitlines():
        if not line.startswith("- ") or line == f"- {NOTHING}":
            continue
        text = line.removeprefix("- ")
        subject, _, what = text.removeprefix(BREAKING).partition(" ")
        changes.append(specdiff.Change(subject, "changed", what, breaking=text.startswith(BREAKING)))
    return specdiff.bump_refusal(distribution, since[1], version, changes)


def ship(spec: Path, package: Path, previous_package: Path | None, distribution: str, source: str) -> str | None:
    """Copy the spec into the package and write its CHANGELOG.md, from what previous_package (the same package as
    generated/ holds it now) ships. Returns a warning when the version is not high enough for the changes."""
    name = shipped_spec_name(spec)
    shutil.copyfile(spec, package / name)
    previous_spec = previous_changelog = None
    if previous_package is not None and (previous_package / name).exists():
        previous_spec = (previous_package / name).read_text(encoding="utf-8")
        if (previous_package / CHANGELOG).exists():
            previous_changelog = (previous_package / CHANGELOG).read_text(encoding="utf-8")
    text, warning = updated(
        previous_changelog, previous_spec, spec.read_text(encoding="utf-8"), name, distribution, source
    )
    (package / CHANGELOG).write_text(text, encoding="utf-8")
    return warning


def synced_root_changelog(text: str, version: str, pins: dict[str, str]) -> str:
    """cancelkit's CHANGELOG.md with the pins listed under `## version` (the section is added if missing)."""
    block = PINS + "\n" + "".join(f"- `{name}=={pinned}`\n" for name, pinned in sorted(pins.items()))
    header, entries = _split(text)
    for index, entry in enumerate(entries):
        if entry.split("\n", 1)[0].strip() == f"## {version}":
            lines = entry.rstrip("\n").split("\n")
            if PINS in lines:
                start = lines.index(PINS)
                end = start + 1
                while end < len(lines) and lines[end].startswith("- `"):
                    end += 1
                lines[start:end] = block.rstrip("\n").split("\n")
            else:
                lines += ["", *block.rstrip("\n").split("\n")]
            entries[index] = "\n".join(lines)
            return _join(header, entries)
    return _join(header, [f"## {version}\n\n{block}", *entries])
