"""What changed between two versions of a spec, and which version that change needs: one function for the changelog
`make generate` writes into each generated package and for the gate `make publish` runs against the version last
published.

    changes = diff(old_document, new_document)     # an OpenAPI spec, or the normalized JSON Schema
    refusal = bump_refusal("cancelkit-mexc-client", "2025.8.8.2", "2025.8.8.3", changes)

Breaking (needs a new major version): an operation, a parameter, a response field, a response or a model definition
removed; any of them retyped; a parameter becoming required, or added as required; a response field that may now be
absent; an enum value removed (an array's items' too), an enum put on an input or taken off an output; a field that
refers to another component (another generated class); a `components.schemas` entry removed or renamed; an
operation moved to another generated module (its first tag). An input widened from integer to number is compatible.
Everything else that differs is compatible and needs at least a patch bump: additions, a parameter becoming
optional, new enum values, constraints (pattern, lengths, bounds), the parameter order, cancelkit's x- extensions,
the servers, the text.

Versions are compared as PEP 440 release numbers read as semver: the first number is the major version, the second
the minor, the rest the patch (a venue spec's `2025.8.8.2` is major 2025, minor 8, patch 8.2).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from packaging.version import InvalidVersion, Version

Kind = Literal["added", "removed", "changed"]
Bump = Literal["major", "minor", "patch"]
# A parameter's constraints: a change to them is listed, and compatible.
CONSTRAINTS = ("pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Change:
    """One difference: `subject` is what changed ("cancel_order: parameter `symbol`"), `what` how ("removed")."""

    subject: str
    kind: Kind
    what: str
    breaking: bool

    def __str__(self) -> str:
        return f"{self.subject} {self.what}"


def load(path: Path) -> dict[str, Any]:
    """A spec (YAML) or a JSON Schema, as a dict."""
    text = path.read_text(encoding="utf-8")
    document = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    if not isinstance(document, dict):
        raise ValueError(f"{path}: not a spec")
    return document


def loads(text: str, name: str) -> dict[str, Any]:
    document = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
    if not isinstance(document, dict):
        raise ValueError(f"{name}: not a spec")
    return document


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every difference between two versions of an OpenAPI spec or of a JSON Schema, breaking ones first."""
    changes = _diff_openapi(old, new) if "openapi" in new else _diff_json_schema(old, new)
    if not changes and _without_versions(old) != _without_versions(new):
        changes.append(Change("the spec's text", "changed", "changed (descriptions, examples)", breaking=False))
    return sorted(changes, key=lambda change: not change.breaking)


def _without_versions(document: Mapping[str, Any]) -> dict[str, Any]:
    copy = dict(document)
    copy.pop("x-version", None)
    if isinstance(copy.get("info"), dict):
        copy["info"] = {k: v for k, v in copy["info"].items() if k != "version"}
    return copy


# -- versions ---------------------------------------------------------------------------------------------------------


def document_version(document: Mapping[str, Any]) -> str:
    """A spec's info.version, or a schema's x-version."""
    info = document.get("info")
    version = info.get("version") if isinstance(info, dict) else document.get("x-version")
    return str(version)


def _release(version: str) -> tuple[int, int, int, tuple[int, ...]]:
    release = Version(version).release
    padded = (*release, 0, 0, 0)
    return padded[0], padded[1], padded[2], tuple(release[3:])


def bump(old: str, new: str) -> Bump | None:
    """How new raises old, read as semver; None when it does not raise it."""
    if Version(new) <= Version(old):
        return None
    (old_major, old_minor, *_), (new_major, new_minor, *_) = _release(old), _release(new)
    if new_major != old_major:
        return "major"
    return "minor" if new_minor != old_minor else "patch"


def next_major(version: str) -> str:
    return f"{_release(version)[0] + 1}.0.0"


def required_bump(changes: list[Change]) -> Bump | None:
    if any(change.breaking for change in changes):
        return "major"
    return "patch" if changes else None


def bump_refusal(distribution: str, old: str, new: str, changes: list[Change]) -> str | None:
    """Why new may not follow old given the changes (one line), or None when it may."""
    try:
        raised = bump(old, new)
    except InvalidVersion as error:
        return f"{distribution}: {error}"
    breaking = [str(change) for change in changes if change.breaking]
    if breaking and raised != "major":
        how = f"a {raised} bump" if raised else "no higher version"
        return f"{distribution} {new} breaks {old} with {how} ({'; '.join(breaking)}): use {next_major(old)} or higher"
    if changes and raised is None:
        return f"{distribution} {new} changes {old} without a higher version: use a higher version than {old}"
    return None


# -- OpenAPI ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    parent: str | None
    type: str
    required: bool
    enum: tuple[str, ...] | None
    # The component a $ref points to (its name: the generated class), directly or as an array's items.
    ref: str | None = None


def _ref_of(schema: Any) -> str | None:
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if isinstance(schema, dict) and isinstance(schema.get("items"), dict):
        inner = _ref_of(schema["items"])
        return f"{inner}[]" if inner else None
    return None


def _widened(before: str, after: str) -> bool:
    """Whether a type only widens integer to number (formats aside): what an input may always do."""

    def parts(text: str, widen: bool) -> set[str]:
        kinds = {part.split("(", 1)[0] for part in text.split("|")}
        return {"number" if widen and kind == "integer" else kind for kind in kinds}

    return before != after and "number" in parts(after, False) and parts(before, True) == parts(after, False)


class _Resolver:
    """Follows local $refs (`#/components/...`, `#/$defs/...`), with the siblings of a $ref laid over its target."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document

    def target(self, ref: str) -> Any:
        node: Any = self.document
        for part in ref.removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def resolve(self, node: Any, seen: frozenset[str] = frozenset()) -> Any:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"] not in seen:
            ref = node["$ref"]
            seen = seen | {ref}
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            node = {**self.target(ref), **siblings}
        return node


def _type_of(resolver: _Resolver, schema: Any, names: bool = False, depth: int = 0) -> str:
    """A schema's type as a short string ("integer(int64)", "null|string", "array of object"); with names, a $ref to
    a definition is its name (the generated dataclass), as the models read it."""
    if names and isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    schema = resolver.resolve(schema)
    if not isinstance(schema, dict) or depth > 20:
        return "any"
    if "const" in schema:
        return f"const {json.dumps(schema['const'])}"
    for combinator in ("oneOf", "anyOf"):
        if combinator in schema:
            return "|".join(sorted({_type_of(resolver, s, names, depth + 1) for s in schema[combinator]}))
    if "allOf" in schema:
        return "object"
    kind = schema.get("type")
    text = (
        "|".join(sorted(kind))
        if isinstance(kind, list)
        else str(kind or ("object" if "properties" in schema else "any"))
    )
    if "format" in schema:
        text += f"({schema['format']})"
    if "array" in text.split("|") and "items" in schema:
        text += f" of {_type_of(resolver, schema['items'], names, depth + 1)}"
    if isinstance(schema.get("additionalProperties"), dict):  # a map: the generated class's values are this type
        text += f" map of {_type_of(resolver, schema['additionalProperties'], names, depth + 1)}"
    return text


def _enum_of(resolver: _Resolver, schema: Any) -> tuple[str, ...] | None:
    schema = resolver.resolve(schema)
    if isinstance(schema, dict) and isinstance(schema.get("enum"), list):
        return tuple(json.dumps(value) for value in schema["enum"])
    if isinstance(schema, dict) and isinstance(schema.get("items"), dict):  # an array's values: its items' enum
        return _enum_of(resolver, schema["items"])
    return None


def _fields(resolver: _Resolver, schema: Any, path: str, out: dict[str, _Field], seen: frozenset[str]) -> None:
    """Every field a schema describes, by path: `a.b` for properties, `a[]` for array items, `(Name)` for each
    alternative of a oneOf/anyOf."""
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if isinstance(ref, str):
        if ref in seen:
            return
        seen = seen | {ref}
    schema = resolver.resolve(schema)
    if not isinstance(schema, dict):
        return
    for combinator in ("oneOf", "anyOf"):
        for index, alternative in enumerate(schema.get(combinator, [])):
            label = alternative["$ref"].rsplit("/", 1)[-1] if "$ref" in alternative else f"#{index + 1}"
            _fields(resolver, alternative, f"{path}({label})", out, seen)
    parts = [schema, *(resolver.resolve(s) for s in schema.get("allOf", []))]
    required = {name for part in parts if isinstance(part, dict) for name in part.get("required", [])}
    for part in parts:
        if not isinstance(part, dict):
            continue
        for name, child in part.get("properties", {}).items():
            child_path = f"{path}.{name}" if path else name
            out[child_path] = _Field(
                path or None, _type_of(resolver, child), name in required, _enum_of(resolver, child), _ref_of(child)
            )
            _fields(resolver, child, child_path, out, seen)
    if "items" in schema:
        _fields(resolver, schema["items"], f"{path}[]", out, seen)


def _compare_fields(subject: str, old: dict[str, _Field], new: dict[str, _Field], *, output: bool) -> Iterator[Change]:
    """Fields removed, added, retyped, required or not, enum values; output fields (responses, models) may not become
    optional, input fields may not become required."""
    removed, added = old.keys() - new.keys(), new.keys() - old.keys()
    for path in sorted(removed):
        if old[path].parent not in removed:  # a removed object's own fields go with it
            yield Change(f"{subject} `{path}`", "removed", "removed", breaking=True)
    for path in sorted(added):
        if new[path].parent not in added:
            field = new[path]
            needed = "required" if field.required else "optional"
            # A new required input breaks every caller; a new output field breaks none.
            breaking = field.required and not output
            yield Change(f"{subject} `{path}`", "added", f"added ({needed}, {field.type})", breaking=breaking)
    for path in sorted(old.keys() & new.keys()):
        before, after = old[path], new[path]
        if before.type != after.type:
            # integer -> number widens an input (every caller's value still fits); an output's readers it breaks.
            breaking = output or not _widened(before.type, after.type)
            yield Change(f"{subject} `{path}`", "changed", f"retyped: {before.type} -> {after.type}", breaking)
        elif before.ref and after.ref and before.ref != after.ref:
            what = f"now refers to `{after.ref}` (was `{before.ref}`)"
            yield Change(f"{subject} `{path}`", "changed", what, breaking=True)
        if before.required and not after.required:
            what = "may now be absent" if output else "now optional"
            yield Change(f"{subject} `{path}`", "changed", what, breaking=output)
        if after.required and not before.required:
            what = "now always present" if output else "now required"
            yield Change(f"{subject} `{path}`", "changed", what, breaking=not output)
        yield from _compare_enums(f"{subject} `{path}`", before.enum, after.enum, output=output)


def _compare_enums(
    subject: str, old: tuple[str, ...] | None, new: tuple[str, ...] | None, *, output: bool = True
) -> Iterator[Change]:
    """Enum values removed (breaking) or added; an enum put on an input narrows it (breaking), one taken off an
    output widens what readers get (breaking)."""
    if old is None and new is not None:
        yield Change(subject, "changed", f"now restricted to {', '.join(new)}", breaking=not output)
        return
    if old is not None and new is None:
        yield Change(subject, "changed", "no longer restricted to an enum", breaking=output)
        return
    if old is None or new is None:
        return
    for value in [v for v in old if v not in new]:
        yield Change(subject, "changed", f"enum value {value} removed", breaking=True)
    for value in [v for v in new if v not in old]:
        yield Change(subject, "changed", f"enum value {value} added", breaking=False)


def _operations(spec: Mapping[str, Any]) -> dict[str, tuple[str, str, dict[str, Any], list[Any]]]:
    """operationId (else "METHOD path") -> (method, path, operation, the path item's own parameters)."""
    found = {}
    for path, item in (spec.get("paths") or {}).items():
        for method in METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                key = str(operation.get("operationId") or f"{method.upper()} {path}")
                found[key] = (method, path, operation, list(item.get("parameters", [])))
    return found


def _parameters(resolver: _Resolver, operation: dict[str, Any], shared: list[Any]) -> dict[str, dict[str, Any]]:
    """`name` (in query) or `in:name` -> the parameter, $ref resolved, in the spec's order (the wire order)."""
    found: dict[str, dict[str, Any]] = {}
    for parameter in [*shared, *operation.get("parameters", [])]:
        resolved = resolver.resolve(parameter)
        location = resolved.get("in", "query")
        found[resolved["name"] if location == "query" else f"{location}:{resolved['name']}"] = resolved
    return found


def _parameter_field(resolver: _Resolver, parameter: dict[str, Any]) -> _Field:
    schema = parameter.get("schema", {})
    required = bool(parameter.get("required"))
    return _Field(None, _type_of(resolver, schema), required, _enum_of(resolver, schema), _ref_of(schema))


def _response_fields(resolver: _Resolver, response: Any) -> dict[str, _Field] | None:
    """The fields of a response's JSON body, or None when it has none."""
    response = resolver.resolve(response)
    content = response.get("content", {}) if isinstance(response, dict) else {}
    media = next((m for t, m in content.items() if t == "application/json" or t.endswith("+json")), None)
    if media is None or "schema" not in media:
        return None
    fields: dict[str, _Field] = {}
    _fields(resolver, media["schema"], "", fields, frozenset())
    return fields


def _diff_openapi(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    old_resolver, new_resolver = _Resolver(old), _Resolver(new)
    old_operations, new_operations = _operations(old), _operations(new)
    changes = [
        Change(f"operation `{key}`", "removed", "removed", breaking=True)
        for key in sorted(old_operations.keys() - new_operations.keys())
    ]
    changes += [
        Change(
            f"operation `{key}`", "added", f"added ({new_operations[key][0].upper()} {new_operations[key][1]})", False
        )
        for key in sorted(new_operations.keys() - old_operations.keys())
    ]
    for key in sorted(old_operations.keys() & new_operations.keys()):
        old_method, old_path, old_operation, old_shared = old_operations[key]
        new_method, new_path, new_operation, new_shared = new_operations[key]
        if (old_method, old_path) != (new_method, new_path):
            where = f"{old_method.upper()} {old_path} -> {new_method.upper()} {new_path}"
            changes.append(Change(f"{key}:", "changed", f"moved: {where}", breaking=False))
        old_tag, new_tag = (next(iter(o.get("tags", [])), "default") for o in (old_operation, new_operation))
        if old_tag != new_tag:
            changes.append(Change(f"{key}:", "changed", f"module moved: api.{old_tag} -> api.{new_tag}", True))
        for extension in sorted(k for k in {*old_operation, *new_operation} if k.startswith("x-cancelkit-")):
            if old_operation.get(extension) != new_operation.get(extension):
                changes.append(Change(f"{key}:", "changed", f"`{extension}` changed", breaking=False))
        old_parameters = _parameters(old_resolver, old_operation, old_shared)
        new_parameters = _parameters(new_resolver, new_operation, new_shared)
        changes += _compare_fields(
            f"{key}: parameter",
            {name: _parameter_field(old_resolver, p) for name, p in old_parameters.items()},
            {name: _parameter_field(new_resolver, p) for name, p in new_parameters.items()},
            output=False,
        )
        for name in sorted(old_parameters.keys() & new_parameters.keys()):
            before = old_resolver.resolve(old_parameters[name].get("schema", {}))
            after = new_resolver.resolve(new_parameters[name].get("schema", {}))
            moved = [c for c in CONSTRAINTS if before.get(c) != after.get(c)]
            if moved:
                changes.append(Change(f"{key}: parameter `{name}`", "changed", f"{', '.join(moved)} changed", False))
        kept = [name for name in old_parameters if name in new_parameters]
        if kept != [name for name in new_parameters if name in old_parameters]:
            changes.append(Change(f"{key}:", "changed", "parameter order changed (the wire order)", breaking=False))
        old_responses, new_responses = old_operation.get("responses", {}), new_operation.get("responses", {})
        for status in sorted(set(old_responses) | set(new_responses), key=str):
            if status not in new_responses:
                changes.append(Change(f"{key}: response {status}", "removed", "removed", breaking=True))
            elif status not in old_responses:
                changes.append(Change(f"{key}: response {status}", "added", "added", breaking=False))
            else:
                before_fields = _response_fields(old_resolver, old_responses[status])
                after_fields = _response_fields(new_resolver, new_responses[status])
                changes += _compare_fields(
                    f"{key}: response {status} field", before_fields or {}, after_fields or {}, output=True
                )
    # Each component schema is a generated model class: one removed (or renamed) is gone for its importers.
    old_schemas, new_schemas = (((d.get("components") or {}).get("schemas") or {}) for d in (old, new))
    changes += [
        Change(f"model `{name}`", "removed", "removed", breaking=True)
        for name in sorted(old_schemas.keys() - new_schemas.keys())
    ]
    changes += [
        Change(f"model `{name}`", "added", "added", breaking=False)
        for name in sorted(new_schemas.keys() - old_schemas.keys())
    ]
    for key in sorted({k for k in (*old, *new) if k.startswith("x-cancelkit-")} | {"servers"}):
        if old.get(key) != new.get(key):
            changes.append(Change(f"`{key}`", "changed", "changed", breaking=False))
    return changes


# -- JSON Schema (the normalized models) ------------------------------------------------------------------------------


def _diff_json_schema(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    old_resolver, new_resolver = _Resolver(old), _Resolver(new)
    old_defs, new_defs = old.get("$defs", {}), new.get("$defs", {})
    changes = [Change(f"`{name}`", "removed", "removed", breaking=True) for name in sorted(old_defs.keys() - new_defs)]
    changes += [Change(f"`{name}`", "added", "added", breaking=False) for name in sorted(new_defs.keys() - old_defs)]
    for name in sorted(old_defs.keys() & new_defs.keys()):
        before, after = old_defs[name], new_defs[name]
        changes += _compare_enums(f"`{name}`", _enum_of(old_resolver, before), _enum_of(new_resolver, after))
        if _type_of(old_resolver, before) != _type_of(new_resolver, after):
            what = f"retyped: {_type_of(old_resolver, before)} -> {_type_of(new_resolver, after)}"
            changes.append(Change(f"`{name}`", "changed", what, breaking=True))
        changes += _compare_fields(
            f"{name} field",
            _model_fields(old_resolver, before),
            _model_fields(new_resolver, after),
            output=True,
        )
        summary = "x-cancelkit-summary"
        if before.get(summary) != after.get(summary):
            changes.append(Change(f"{name}:", "changed", f"{summary} (what str() shows) changed", breaking=False))
    return changes


def _model_fields(resolver: _Resolver, definition: dict[str, Any]) -> dict[str, _Field]:
    """A definition's own properties, typed by the names of the definitions they refer to (the generated classes)."""
    required = set(definition.get("required", []))
    return {
        # An enum defined apart (a $ref) is compared once, as its own definition.
        name: _Field(
            None,
            _type_of(resolver, schema, names=True),
            name in required,
            None if "$ref" in schema else _enum_of(resolver, schema),
        )
        for name, schema in definition.get("properties", {}).items()
    }
