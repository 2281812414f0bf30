"""The venue facts of a spec: generate.py checks a venue spec's cancelkit extensions against
extensions.schema.json, then writes the spec's facts into its client package as venue_facts.py.

A parameter's keyword and an operation's module are read from openapi-python-client's own parse of the spec, with
the venue's generator config, so they are the names the generated functions have, not a re-implementation of its
naming rules.
"""

from __future__ import annotations

import copy
import json
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from openapi_python_client import strings
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from referencing import Registry, Resource
from ruamel.yaml import YAML

GENERATOR = Path(__file__).resolve().parent
EXTENSIONS_SCHEMA = GENERATOR / "extensions.schema.json"
MODULE_TEMPLATE = "venue_facts.py.jinja"
MODULE_NAME = "venue_facts.py"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# JSON Schema keyword -> Constraints field, in the order the module lists them.
CONSTRAINTS = {
    "pattern": "pattern",
    "minLength": "min_length",
    "maxLength": "max_length",
    "minimum": "minimum",
    "maximum": "maximum",
    "enum": "enum",
}
# x-cancelkit-signing key -> Signing field. The prose keys (payload, algorithms) stay in the spec.
SIGNING = {
    "apiKeyHeader": "api_key_header",
    "signatureParameter": "signature_parameter",
    "timestampParameter": "timestamp_parameter",
    "recvWindowParameter": "recv_window_parameter",
    "recvWindowDefaultMs": "recv_window_default_ms",
    "recvWindowMaxMs": "recv_window_max_ms",
    "recvWindowDecimals": "recv_window_decimals",
    "timestampUnits": "timestamp_units",
}


class SpecError(SystemExit):
    """A spec or schema the generator refuses; the message says which file, where, and why."""

    def __init__(self, source: Path | str, where: str, problem: str) -> None:
        place = f"{_shown(source)}: {where}" if where else _shown(source)
        super().__init__(f"generate: {place}: {problem}")


def _shown(path: Path | str) -> str:
    path = Path(path)
    try:
        return str(path.resolve().relative_to(GENERATOR.parent))
    except ValueError:
        return str(path)


def load_spec(path: Path) -> dict[str, Any]:
    """A spec as openapi-python-client reads it (ruamel, YAML 1.2)."""
    spec = YAML(typ="safe", pure=True).load(path.read_text())
    if not isinstance(spec, dict):
        raise SpecError(path, "", "not an OpenAPI document")
    return spec


def _pointer(path: Sequence[object]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _validator(normalized_schema: Path) -> Any:
    normalized = json.loads(normalized_schema.read_text())
    registry: Registry[Any] = Registry().with_resource(normalized["$id"], Resource.from_contents(normalized))
    return Draft202012Validator(json.loads(EXTENSIONS_SCHEMA.read_text()), registry=registry)


def error_categories(normalized_schema: Path) -> tuple[str, ...]:
    """ErrorCategory in normalized.schema.json: the one definition of the categories."""
    categories = json.loads(normalized_schema.read_text())["$defs"]["ErrorCategory"]["enum"]
    return tuple(str(category) for category in categories)


def check_spec(path: Path, spec: Mapping[str, Any], normalized_schema: Path) -> None:
    """Refuse, with a message naming the place, a spec whose cancelkit extensions are missing or malformed."""
    errors = sorted(_validator(normalized_schema).iter_errors(spec), key=lambda e: (list(map(str, e.path)), e.message))
    if errors:  # the first, in document order: one clear message rather than a cascade
        error = errors[0]
        hint = error.schema.get("x-message") if isinstance(error.schema, dict) else None
        detail = error.message if error.validator in ("additionalProperties", "required") else None
        problem = f"{hint} ({detail})" if hint and detail else hint or error.message
        raise SpecError(path, _pointer(list(error.path)), problem)
    venue = spec["info"]["x-cancelkit-venue"]
    if path.stem != venue:
        raise SpecError(path, "info.x-cancelkit-venue", f"{venue!r} must be the file's name: {venue}.yaml")
    environments = [server["x-cancelkit-environment"] for server in spec["servers"]]
    twice = sorted({e for e in environments if environments.count(e) > 1})
    if twice:
        raise SpecError(path, "servers", f"x-cancelkit-environment {twice[0]!r} names two servers")
    header = spec["x-cancelkit-signing"]["apiKeyHeader"]
    for name, scheme in spec.get("components", {}).get("securitySchemes", {}).items():
        if scheme.get("type") == "apiKey" and scheme.get("in") == "header" and scheme.get("name") != header:
            raise SpecError(path, f"components.securitySchemes.{name}.name", f"is not apiKeyHeader {header!r}")
    seen: dict[str, str] = {}
    for path_name, method, operation in _operations(spec):
        where = f"paths.{path_name}.{method}"
        operation_id = operation["operationId"]
        if operation_id in seen:
            raise SpecError(path, where, f"operationId {operation_id!r} is also {seen[operation_id]}'s")
        seen[operation_id] = where
    for where, rule in _all_rules(spec):
        message = rule.get("message")
        if message is not None and message != message.lower():
            raise SpecError(path, f"{where}.message", "is compared in lowercase: write it in lowercase")


def check_summaries(path: Path, schema: Mapping[str, Any]) -> None:
    """x-cancelkit-summary in normalized.schema.json names fields of its own object."""
    for name, definition in schema.get("$defs", {}).items():
        summary = definition.get("x-cancelkit-summary")
        if summary is None:
            continue
        fields = definition.get("properties", {})
        if not isinstance(summary, list) or not summary or not all(isinstance(f, str) for f in summary):
            raise SpecError(path, f"$defs.{name}.x-cancelkit-summary", "must be a non-empty list of field names")
        for field in summary:
            if field not in fields or not field.isidentifier():
                raise SpecError(path, f"$defs.{name}.x-cancelkit-summary", f"{field!r} is not a field of {name}")


def _operations(spec: Mapping[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) in the spec's order."""
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def _all_rules(spec: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for index, rule in enumerate(spec["x-cancelkit-errors"]["rules"]):
        yield f"x-cancelkit-errors.rules[{index}]", rule
    for path, method, operation in _operations(spec):
        for index, rule in enumerate(operation.get("x-cancelkit-errors", {}).get("rules", [])):
            yield f"paths.{path}.{method}.x-cancelkit-errors.rules[{index}]", rule


def resolve(spec: Mapping[str, Any], node: Any, source: Path) -> Any:
    """A node with its local $ref chain followed; a $ref's siblings are laid over what it points at."""
    followed: list[str] = []
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/") or ref in followed:
            raise SpecError(source, ref, "only local, non-circular $refs are supported")
        followed.append(ref)
        target: Any = spec
        for part in ref[2:].split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or key not in target:
                raise SpecError(source, ref, "the $ref points at nothing")
            target = target[key]
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        node = {**target, **siblings} if siblings and isinstance(target, dict) else target
    return node


def package_name(config_path: Path) -> str:
    """The generated package's import name, from the venue's generator config."""
    name = ConfigFile.load_from_path(config_path).package_name_override
    if not name:
        raise SpecError(config_path, "package_name_override", "is required (cancelkit_<venue>_client)")
    return name


def distribution_name(config_path: Path) -> str:
    """The generated package's distribution name, from the venue's generator config."""
    name = ConfigFile.load_from_path(config_path).project_name_override
    if not name:
        raise SpecError(config_path, "project_name_override", "is required (cancelkit-<venue>-client)")
    return name


Binding = tuple[str, dict[tuple[str, str], str]]


def client_bindings(spec_path: Path, spec: Mapping[str, Any], config_path: Path) -> dict[tuple[str, str], Binding]:
    """(METHOD, path) -> (the generated endpoint module, (location, wire name) -> the function's keyword), from
    openapi-python-client's own parse of the spec with the venue's config."""
    config = Config.from_sources(ConfigFile.load_from_path(config_path), MetaType.UV, spec_path, "utf-8", False, None)
    data = GeneratorData.from_dict(copy.deepcopy(dict(spec)), config=config)
    if not isinstance(data, GeneratorData):
        raise SpecError(spec_path, "", f"openapi-python-client cannot parse it: {data.header} {data.detail or ''}")
    package = package_name(config_path)
    bindings: dict[tuple[str, str], Binding] = {}
    for tag, collection in data.endpoint_collections_by_tag.items():
        for endpoint in collection.endpoints:
            # The module's file name, as openapi-python-client's Project._build_api names it.
            module = f"{package}.api.{tag}.{strings.PythonIdentifier(endpoint.name, config.field_prefix)}"
            keywords = {
                (location.value, prop.name.get_untrusted_value()): str(prop.python_name)
                for location, prop in endpoint.iter_all_parameters()
            }
            bindings[(endpoint.method.upper(), endpoint.path.get_untrusted_value())] = (module, keywords)
    return bindings


def _parameters(spec: Mapping[str, Any], path: str, method: str, source: Path) -> list[dict[str, Any]]:
    """An operation's parameters, path-level ones first unless the operation overrides them, $refs resolved."""
    item = spec["paths"][path]
    own = [resolve(spec, p, source) for p in item[method].get("parameters", [])]
    overridden = {(p["name"], p["in"]) for p in own}
    shared = [resolve(spec, p, source) for p in item.get("parameters", [])]
    return [p for p in shared if (p["name"], p["in"]) not in overridden] + own


def _parameter(spec: Mapping[str, Any], raw: Mapping[str, Any], keyword: str, source: Path) -> dict[str, Any]:
    schema = resolve(spec, raw.get("schema", {}), source)
    where = f"parameter {raw['name']}"
    constraints: list[tuple[str, object]] = []
    for keyword_name, field in CONSTRAINTS.items():
        if keyword_name not in schema:
            continue
        value = schema[keyword_name]
        if field in ("minimum", "maximum", "min_length", "max_length") and (
            isinstance(value, bool) or not isinstance(value, int)
        ):
            raise SpecError(source, where, f"{keyword_name} must be an integer (numbers stay exact), got {value!r}")
        if field == "enum":
            if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in value):
                raise SpecError(source, where, f"enum values must be strings or integers, got {value!r}")
            value = tuple(value)
        constraints.append((field, value))
    json_type = schema.get("type")
    return {
        "name": raw["name"],
        "keyword": keyword,
        "location": raw["in"],
        "required": bool(raw.get("required", False)),
        "type": tuple(json_type) if isinstance(json_type, list) else json_type,
        "format": schema.get("format"),
        "constraints": constraints,
    }


def _rule(rule: Mapping[str, Any]) -> dict[str, Any]:
    """A rule as the module writes it: its constructor call, and its description as comment lines."""
    status = rule.get("status")
    arguments = [py(rule["category"])]
    if status is not None:
        arguments.append(f"status={py(tuple(status) if isinstance(status, list) else (status,))}")
    if "codes" in rule:
        arguments.append(f"codes={py(tuple(rule['codes']))}")
    if "message" in rule:
        arguments.append(f"message={py(rule['message'])}")
    # str.split() also splits on every line break Python or Unicode knows: a comment stays one comment.
    comment = textwrap.wrap(" ".join(str(rule["description"]).split()), width=100, break_on_hyphens=False)
    return {"code": f"ErrorRule({', '.join(arguments)})", "comment": comment}


def facts(spec_path: Path, spec: Mapping[str, Any], config_path: Path, normalized_schema: Path) -> dict[str, Any]:
    """Everything venue_facts.py holds, as the template wants it."""
    bindings = client_bindings(spec_path, spec, config_path)
    default_security = spec.get("security")
    operations: list[dict[str, Any]] = []
    unsigned: list[str] = []
    for path, method, operation in _operations(spec):
        where = f"paths.{path}.{method}"
        binding = bindings.get((method.upper(), path))
        if binding is None:
            raise SpecError(spec_path, where, "openapi-python-client generates no endpoint for it")
        module, keywords = binding
        parameters = []
        for raw in _parameters(spec, path, method, spec_path):
            keyword = keywords.get((raw["in"], raw["name"]))
            if keyword is None:
                raise SpecError(spec_path, where, f"the generated function takes no parameter {raw['name']!r}")
            parameters.append(_parameter(spec, raw, keyword, spec_path))
        if operation.get("security", default_security) == []:
            unsigned.append(path)
        operations.append(
            {
                "operation_id": operation["operationId"],
                "method": method.upper(),
                "path": path,
                "module": module,
                "parameters": parameters,
                "error_rules": [_rule(r) for r in operation.get("x-cancelkit-errors", {}).get("rules", [])],
            }
        )
    signing = spec["x-cancelkit-signing"]
    errors = spec["x-cancelkit-errors"]
    return {
        "venue": spec["info"]["x-cancelkit-venue"],
        "version": str(spec["info"]["version"]),
        "servers": [(server["x-cancelkit-environment"], server["url"]) for server in spec["servers"]],
        "signing": [
            (field, tuple(signing[key]) if isinstance(signing[key], list) else signing[key])
            for key, field in SIGNING.items()
        ],
        "unsigned_paths": sorted(set(unsigned)),
        "operations": operations,
        "categories": error_categories(normalized_schema),
        "error_rules": [_rule(r) for r in errors["rules"]],
        "default_category": errors["default"],
    }


def py(value: object) -> str:
    """A Python literal for a value from the spec: repr() quotes every string, so nothing in a spec becomes code."""
    if value is None or isinstance(value, bool | int | str):
        return repr(value)
    if isinstance(value, tuple | list):
        items = ", ".join(py(item) for item in value)
        return f"({items},)" if len(value) == 1 else f"({items})"
    raise TypeError(f"no literal for {value!r}")


def arguments(pairs: Sequence[tuple[str, object]]) -> str:
    """Keyword arguments, `name=literal, ...`, with no trailing comma: ruff keeps a call on one line if it fits."""
    return ", ".join(f"{name}={py(value)}" for name, value in pairs)


def py_set(values: Sequence[str]) -> str:
    """A set literal of strings, or `()` for frozenset() when there is none."""
    return "{" + ", ".join(py(value) for value in values) + "}" if values else "()"


def render(values: Mapping[str, Any]) -> str:
    """venue_facts.py's source, before ruff formats it."""
    # Python source, not HTML: every value goes through py(), which quotes it.
    environment = jinja2.Environment(  # noqa: S701
        loader=jinja2.FileSystemLoader(GENERATOR),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters.update(py=py, arguments=arguments, py_set=py_set)
    return environment.get_template(MODULE_TEMPLATE).render(**values)


def write_venue_facts(
    spec_path: Path, spec: Mapping[str, Any], config_path: Path, normalized_schema: Path, project: Path
) -> Path:
    """Write venue_facts.py into the generated package under `project`; return its path (ruff formats it next)."""
    package = project / package_name(config_path)
    if not package.is_dir():
        raise SpecError(config_path, "package_name_override", f"no generated package {package.name} in {project}")
    values = facts(spec_path, spec, config_path, normalized_schema)
    for operation in values["operations"]:
        module_file = project / (operation["module"].replace(".", "/") + ".py")
        if not module_file.is_file():
            raise SpecError(spec_path, operation["operation_id"], f"no generated module {operation['module']}")
    target = package / MODULE_NAME
    target.write_text(render(values))
    return target
