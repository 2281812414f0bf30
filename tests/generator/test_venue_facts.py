"""Each generated venue_facts module says what its spec says, and classify_error reads the venues' answers as
/work/shared/reference/venues.md documents them."""

import importlib
import inspect
import json
import re
import shutil
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from generator import generate

ROOT = Path(__file__).resolve().parents[2]
VENUES = generate.venues()
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def spec(venue: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / "openapi" / f"{venue}.yaml").read_text())  # type: ignore[no-any-return]


def facts(venue: str) -> ModuleType:
    return importlib.import_module(f"cancelkit_{venue}_client.venue_facts")


def resolve(document: dict[str, Any], node: Any) -> Any:
    """The test's own reading of a local $ref chain (siblings of a $ref laid over its target)."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, item[method]) for path, item in document["paths"].items() for method in METHODS if method in item
    ]


def rule_of(rule: dict[str, Any]) -> tuple[Any, ...]:
    status = rule.get("status")
    statuses = () if status is None else tuple(status) if isinstance(status, list) else (status,)
    return (rule["category"], statuses, tuple(rule.get("codes", ())), rule.get("message"))


def generated_rule(rule: Any) -> tuple[Any, ...]:
    return (rule.category, rule.status, rule.codes, rule.message)


@pytest.mark.parametrize("venue", VENUES)
def test_venue_version_servers_and_signing_are_the_specs(venue: str) -> None:
    document, module = spec(venue), facts(venue)
    assert module.VENUE == venue == document["info"]["x-cancelkit-venue"]
    assert str(document["info"]["version"]) == module.SPEC_VERSION
    assert list(module.SERVERS.items()) == [(s["x-cancelkit-environment"], s["url"]) for s in document["servers"]]
    signing = document["x-cancelkit-signing"]
    assert module.SIGNING.api_key_header == signing["apiKeyHeader"]
    assert module.SIGNING.signature_parameter == signing["signatureParameter"]
    assert module.SIGNING.timestamp_parameter == signing["timestampParameter"]
    assert module.SIGNING.recv_window_parameter == signing["recvWindowParameter"]
    assert module.SIGNING.recv_window_default_ms == signing["recvWindowDefaultMs"]
    assert module.SIGNING.recv_window_max_ms == signing["recvWindowMaxMs"]
    assert module.SIGNING.recv_window_decimals == signing["recvWindowDecimals"]
    assert module.SIGNING.timestamp_units == tuple(signing["timestampUnits"])
    with pytest.raises(TypeError):
        module.SERVERS["elsewhere"] = "https://example.invalid"  # read-only


@pytest.mark.parametrize("venue", VENUES)
def test_unsigned_paths_are_the_operations_without_security(venue: str) -> None:
    document = spec(venue)
    unsigned = {path for path, _, op in operations(document) if op.get("security", document.get("security")) == []}
    assert unsigned == facts(venue).UNSIGNED_PATHS
    assert unsigned, "every venue has an unsigned server-time endpoint"


@pytest.mark.parametrize("venue", VENUES)
def test_operations_and_parameters_are_the_specs(venue: str) -> None:
    document, module = spec(venue), facts(venue)
    assert list(module.OPERATIONS) == [op["operationId"] for _, _, op in operations(document)]
    for path, method, op in operations(document):
        operation = module.OPERATIONS[op["operationId"]]
        assert (operation.operation_id, operation.method, operation.path) == (op["operationId"], method.upper(), path)
        endpoint = importlib.import_module(operation.module)
        keywords = inspect.signature(endpoint.sync_detailed).parameters
        raw = [resolve(document, p) for p in op.get("parameters", [])]
        assert [(p.name, p.location) for p in operation.parameters] == [(p["name"], p["in"]) for p in raw]
        for parameter, declared in zip(operation.parameters, raw, strict=True):
            schema = resolve(document, declared.get("schema", {}))
            assert parameter.keyword in keywords, f"{operation.module} takes no {parameter.keyword}"
            assert parameter.required == declared.get("required", False)
            assert parameter.required == (keywords[parameter.keyword].default is inspect.Parameter.empty)
            json_type = schema.get("type")
            assert parameter.type == (tuple(json_type) if isinstance(json_type, list) else json_type)
            assert parameter.format == schema.get("format")
            constraints = parameter.constraints
            assert constraints.pattern == schema.get("pattern")
            assert constraints.min_length == schema.get("minLength")
            assert constraints.max_length == schema.get("maxLength")
            assert constraints.minimum == schema.get("minimum")
            assert constraints.maximum == schema.get("maximum")
            assert constraints.enum == (tuple(schema["enum"]) if "enum" in schema else None)


def sample(parameter: Any) -> object:
    if parameter.constraints.enum:
        return parameter.constraints.enum[0]
    return 7 if parameter.type == "integer" else "x7"


@pytest.mark.parametrize("venue", VENUES)
def test_each_keyword_puts_its_wire_name_on_the_wire(venue: str) -> None:
    # The keyword is the generator's: passing it to the generated request builder sends the spec's wire name.
    for operation in facts(venue).OPERATIONS.values():
        endpoint = importlib.import_module(operation.module)
        required = {p.keyword: sample(p) for p in operation.parameters if p.required}
        for parameter in operation.parameters:
            assert parameter.location == "query"  # what the cancel endpoints use; path/header would need more here
            url = endpoint.request_kwargs(**{**required, parameter.keyword: sample(parameter)})["url"]
            assert f"{parameter.name}=" in url.partition("?")[2], (operation.operation_id, parameter)


@pytest.mark.parametrize("venue", VENUES)
def test_error_rules_are_the_specs(venue: str) -> None:
    document, module = spec(venue), facts(venue)
    schema = json.loads((ROOT / "openapi" / "normalized.schema.json").read_text())
    assert tuple(schema["$defs"]["ErrorCategory"]["enum"]) == module.ERROR_CATEGORIES
    errors = document["x-cancelkit-errors"]
    assert [generated_rule(r) for r in module.ERROR_RULES] == [rule_of(r) for r in errors["rules"]]
    assert errors["default"] == module.DEFAULT_ERROR_CATEGORY
    for _, _, op in operations(document):
        own = op.get("x-cancelkit-errors", {}).get("rules", [])
        assert [generated_rule(r) for r in module.OPERATIONS[op["operationId"]].error_rules] == [
            rule_of(r) for r in own
        ]
    used = {r.category for r in module.ERROR_RULES} | {module.DEFAULT_ERROR_CATEGORY}
    used |= {r.category for op in module.OPERATIONS.values() for r in op.error_rules}
    assert used <= set(module.ERROR_CATEGORIES)


# (venue, operation, HTTP status, code, msg, category): the codes and messages of venues.md, the codes the overlay
# handled, and what the HTTP status alone decides.
# fmt: off
CLASSIFIED = [
    # Binance (venues.md 1.4, 1.6)
    ("binance", "cancel_order", 503, -1007,
     "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
     "outcome_unknown"),
    ("binance", "cancel_order", 400, -1006,
     "An unexpected response was received from the message bus. Execution status unknown.", "outcome_unknown"),
    ("binance", "cancel_order", 500, None, "", "outcome_unknown"),
    ("binance", "cancel_order", 502, None, "", "outcome_unknown"),
    ("binance", "cancel_order", 520, None, "", "outcome_unknown"),  # a CDN's page
    ("binance", "cancel_order", 600, -2011, "Unknown order sent.", "outcome_unknown"),  # three digits, not HTTP
    ("binance", "cancel_order", 429, -1003,
     "Too much request weight used; current limit is 6000 request weight per 1 MINUTE.", "rate_limited"),
    ("binance", "cancel_order", 418, -1003, "Way too much request weight used; IP banned until 1700000000000.",
     "rate_limited"),
    ("binance", "cancel_order", 403, None, "", "rate_limited"),  # a WAF's HTML page
    ("binance", "cancel_order", 401, -2015, "Invalid API-key, IP, or permissions for action.", "authentication"),
    ("binance", "cancel_order", 400, -1015, "Too many new orders; current limit is 100 orders per 10 SECOND.",
     "rate_limited"),
    ("binance", "cancel_order", 400, -1021, "Timestamp for this request is outside of the recvWindow.", "timestamp"),
    ("binance", "cancel_order", 400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.",
     "timestamp"),
    ("binance", "cancel_order", 400, -1022, "Signature for this request is not valid.", "authentication"),
    ("binance", "cancel_order", 400, -2014, "API-key format invalid.", "authentication"),
    ("binance", "cancel_order", 400, -2011, "Order was not canceled due to cancel restrictions.", "cancel_restricted"),
    ("binance", "cancel_order", 400, -2011, "Unknown order sent.", "order_not_found"),
    ("binance", "cancel_order_list", 400, -2011, "Unknown order sent.", "order_not_found"),
    ("binance", None, 400, -2011, "Unknown order sent.", "order_not_found"),
    ("binance", "cancel_open_orders", 400, -2011, "Unknown order sent.", "nothing_open"),
    ("binance", "cancel_open_orders", 503, -2011, "Unknown order sent.", "outcome_unknown"),  # never "nothing open"
    ("binance", "cancel_open_orders", 429, -2011, "Unknown order sent.", "rate_limited"),
    ("binance", "cancel_open_orders", 400, -2011, "This account may not place or cancel orders.", "cancel_rejected"),
    ("binance", "cancel_order", 400, -2011, "Cancel order is invalid. Check origClOrdId and orderId.",
     "cancel_rejected"),
    ("binance", "cancel_order", 400, -2011, "CANCEL_REJECTED", "cancel_rejected"),
    ("binance", "cancel_order", 400, -2013, "Order does not exist.", "order_not_found"),
    ("binance", "cancel_order", 400, -2026,
     "Order was canceled or expired with no executed qty over 90 days ago and has been archived.", "order_not_found"),
    ("binance", "cancel_order", 400, -1145, "Invalid cancelRestrictions", "invalid_request"),
    ("binance", "cancel_order", 400, -1102,
     "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.", "invalid_request"),
    ("binance", "cancel_order", 400, -1121, "Invalid symbol.", "invalid_request"),
    ("binance", "cancel_order", 409, -2021, "Order cancel-replace partially failed.", "invalid_request"),
    ("binance", "cancel_order", 200, -1000, "An unknown error occurred while processing the request.",
     "cancel_rejected"),
    # Binance queries (queries.md 1.1, 1.2): -2026 means archived there, not merely not found
    ("binance", "get_order", 400, -2013, "Order does not exist.", "order_not_found"),
    ("binance", "get_order", 400, -2026,
     "Order was canceled or expired with no executed qty over 90 days ago and has been archived.", "order_archived"),
    ("binance", "get_order", 400, -2039, "Client order ID is not correct for this order ID.", "invalid_request"),
    ("binance", "get_order", 400, -1102,
     "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!", "invalid_request"),
    ("binance", "get_order", 503, -1007, "Timeout waiting for response from backend server.", "outcome_unknown"),
    ("binance", "get_order", 429, -1003, "Too much request weight used.", "rate_limited"),
    ("binance", "open_orders", 400, -1021, "Timestamp for this request is outside of the recvWindow.", "timestamp"),
    ("binance", "open_orders", 400, -2011, "Unknown order sent.", "order_not_found"),  # never "nothing open" here
    # MEXC (venues.md 2.4, 2.5)
    ("mexc", "cancel_order", 500, 500, "Internal error", "outcome_unknown"),
    ("mexc", "cancel_order", 503, 503, "service not available, please try again", "outcome_unknown"),
    ("mexc", "cancel_order", 504, 504, "Gateway Time-out", "outcome_unknown"),
    ("mexc", "cancel_order", 700, -2011, "Unknown order sent.", "outcome_unknown"),
    ("mexc", "cancel_order", 429, 429, "Too Many Requests", "rate_limited"),
    ("mexc", "cancel_order", 400, 429, "Too Many Requests", "rate_limited"),
    ("mexc", "cancel_order", 403, 403, "Access Denied", "rate_limited"),
    ("mexc", "cancel_order", 401, 700007, "No permission to access the endpoint.", "authentication"),
    ("mexc", "cancel_order", 400, 700003, "Timestamp for this request is outside of the recvWindow.", "timestamp"),
    ("mexc", "cancel_order", 400, 10073, "invalid Request-Time", "timestamp"),
    ("mexc", "cancel_order", 400, 700002, "Signature for this request is not valid.", "authentication"),
    ("mexc", "cancel_order", 400, 602, "Signature verification failed", "authentication"),
    ("mexc", "cancel_order", 400, 10072, "invalid access key", "authentication"),
    ("mexc", "cancel_order", 400, 400, "api key required", "authentication"),
    ("mexc", "cancel_order", 400, 700006, "IP non white list", "authentication"),
    ("mexc", "cancel_order", 400, 70011, "Pair user ban trade apikey", "authentication"),
    ("mexc", "cancel_order", 400, -2011, "Unknown order sent.", "order_not_found"),
    ("mexc", "cancel_open_orders", 400, -2011, "Unknown order sent.", "order_not_found"),
    ("mexc", "cancel_order", 400, 26, "operation not allowed", "cancel_rejected"),
    ("mexc", "cancel_order", 400, 700004,
     "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!", "invalid_request"),
    ("mexc", "cancel_order", 400, 700005, "recvWindow must less than 60000", "invalid_request"),
    ("mexc", "cancel_order", 400, 30014, "invalid symbol", "invalid_request"),
    ("mexc", "cancel_order", 400, -1128, "Combination of optional parameters invalid.", "invalid_request"),
    # MEXC queries (queries.md 2.1): -2013 observed from the query only (ccxt/ccxt #21614)
    ("mexc", "get_order", 400, -2013, "Order does not exist.", "order_not_found"),
    ("mexc", "get_order", 400, -2011, "Unknown order sent.", "order_not_found"),
    ("mexc", "get_order", 400, 22222, "record does not exist", "order_not_found"),
    ("mexc", "cancel_order", 400, -2013, "Order does not exist.", "invalid_request"),
    ("mexc", "get_order", 400, 700004,
     "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null", "invalid_request"),
    ("mexc", "open_orders", 400, 700002, "Signature for this request is not valid.", "authentication"),
    ("mexc", "open_orders", 500, 500, "Internal error", "outcome_unknown"),
    # BingX (venues.md 3.3 to 3.5): business errors come on HTTP 200
    ("bingx", "cancel_order", 200, 100404, "order not exist", "order_not_found"),
    ("bingx", "cancel_order", 200, 80016, "Order does not exist", "order_not_found"),
    ("bingx", "cancel_order", 200, 80017, "Position does not exist", "order_not_found"),
    ("bingx", "cancel_order", 200, 80018, "Order already filled", "order_not_found"),
    ("bingx", "cancel_order", 200, 109421, "order not exist", "order_not_found"),
    ("bingx", "cancel_order", 200, 100400, "Request parameter error or resource not found: order does not exist.",
     "order_not_found"),
    ("bingx", "cancel_order", 200, 100400, "Invalid parameter", "invalid_request"),
    ("bingx", "cancel_order", 200, 100204, "Requested data not found", "invalid_request"),
    ("bingx", "cancel_order", 200, 100490, "Spot trading pair is offline", "invalid_request"),
    ("bingx", "cancel_order", 200, 100500, "Internal system error", "outcome_unknown"),
    ("bingx", "cancel_order", 200, 80012, "Service unavailable", "outcome_unknown"),
    ("bingx", "cancel_order", 200, 504, "The server failed to get a response; further confirmation required",
     "outcome_unknown"),
    ("bingx", "cancel_order", 400, 100500, "Internal system error", "outcome_unknown"),  # the code wins
    ("bingx", "cancel_order", 200, 100410, "rate limited", "rate_limited"),
    ("bingx", "cancel_order", 200, 100421, "Null timestamp or timestamp mismatch", "timestamp"),
    ("bingx", "cancel_order", 200, 80014, "timestamp is invalid", "timestamp"),
    ("bingx", "cancel_order", 200, 100001, "Signature verification failed", "authentication"),
    ("bingx", "cancel_order", 200, 100004, "Permission denied as the API key was created without the permission",
     "authentication"),
    ("bingx", "cancel_order", 200, 100412, "Null signature", "authentication"),
    ("bingx", "cancel_order", 200, 100413, "Incorrect apiKey", "authentication"),
    ("bingx", "cancel_order", 200, 100419, "IP does not match IP whitelist", "authentication"),
    ("bingx", "cancel_order", 200, 80019, "The order is being processed", "cancel_rejected"),
    ("bingx", "cancel_order", 200, 100202, "Insufficient balance", "cancel_rejected"),
    ("bingx", "cancel_orders", 200, 100404, "order not exist", "order_not_found"),
    ("bingx", "cancel_open_orders", 200, 100410, "rate limited", "rate_limited"),
    ("bingx", "cancel_order", 500, None, "", "outcome_unknown"),
    ("bingx", "cancel_order", 504, None, "", "outcome_unknown"),
    ("bingx", "cancel_order", 999, 100404, "order not exist", "outcome_unknown"),
    ("bingx", "cancel_order", 403, None, "", "rate_limited"),
    ("bingx", "cancel_order", 418, None, "", "rate_limited"),
    ("bingx", "cancel_order", 429, 100410, "rate limited", "rate_limited"),
    ("bingx", "cancel_order", 401, None, "", "authentication"),
    ("bingx", "cancel_order", 404, None, "", "invalid_request"),
    ("bingx", "cancel_order", 400, None, "", "invalid_request"),
    # BingX queries and the dead-man switch (queries.md 3.1, 3.4): the query's not-found candidates
    ("bingx", "get_order", 200, 80016, "Order does not exist", "order_not_found"),
    ("bingx", "get_order", 200, 100404, "Order does not exist. The order may have been filled or cancelled.",
     "order_not_found"),
    ("bingx", "get_order", 200, 100400, " order not exist", "order_not_found"),
    ("bingx", "get_order", 200, 100400, "Invalid parameters, orderId or clientOrderID is required",
     "invalid_request"),
    ("bingx", "get_order", 200, 100500, "Internal system error", "outcome_unknown"),
    ("bingx", "open_orders", 200, 100410, "rate limited", "rate_limited"),
    ("bingx", "cancel_all_after", 200, 100400, "Invalid parameters, timeOut", "invalid_request"),
    ("bingx", "cancel_all_after", 200, 100001, "Signature verification failed", "authentication"),
    ("bingx", "cancel_all_after", 504, None, "", "outcome_unknown"),
]
# fmt: on


@pytest.mark.parametrize(
    ("venue", "operation", "status", "code", "message", "category"),
    CLASSIFIED,
    ids=[f"{v}-{op}-{s}-{c}-{cat}" for v, op, s, c, _, cat in CLASSIFIED],
)
def test_classify_error(
    venue: str, operation: str | None, status: int, code: int | None, message: str, category: str
) -> None:
    assert facts(venue).classify_error(operation, status, code, message) == category


def test_the_table_covers_every_venue_and_category() -> None:
    assert {row[0] for row in CLASSIFIED} == set(VENUES)
    assert {row[-1] for row in CLASSIFIED} == set(facts(VENUES[0]).ERROR_CATEGORIES)


def test_classify_error_refuses_an_unknown_operation() -> None:
    with pytest.raises(KeyError):
        facts("binance").classify_error("cancel_everything", 400, -2011, "Unknown order sent.")


def test_the_facts_module_is_self_contained() -> None:
    # It imports the standard library only: the overlay may import it without the rest of the client.
    for venue in VENUES:
        source = inspect.getsource(facts(venue))
        imported = set(re.findall(r"^(?:from|import) ([\w.]+)", source, flags=re.MULTILINE))
        assert imported == {"__future__", "collections.abc", "dataclasses", "types", "typing"}


# The specs' request patterns read the same in ECMA-262 (what JSON Schema means) and in Python's re.
SAMPLES = [
    "a",
    "ab-1.x_Y:z/~!",
    "x" * 36,
    "x" * 40,
    "x" * 41,
    "x" * 64,
    "x" * 65,
    "",
    "a b",
    "a,b",
    "a\x00b",
    "a\x1bb",
    "a\x7fb",
    "a\u0085b",
    "a\u2028b",
    "a\u200bb",
    "ab\n",
    "ab\r\n",
    "\nab",
    "\u00e9t\u00e9",
    "\uff21",
    "0",
    "7",
    "01",
    "1,2,3",
    "1,,2",
    "1,2\n",
    "9223372036854775807",
    "12345678901234567890",
    "5000",
    "6000.346",
    "60000",
    "60000.000",
    "60001",
    "5000.1234",
    "5000\n",
    "BTCUSDT",
    "BTC-USDT",
    "BTCUSDT,MXUSDT",
    "BTC-USDT\n",
]
# Every request pattern reads the same in both: none is left out.
LEFT_ALONE: set[str] = set()


def request_patterns() -> list[str]:
    return sorted(
        {
            p.constraints.pattern
            for venue in VENUES
            for operation in facts(venue).OPERATIONS.values()
            for p in operation.parameters
            if p.constraints.pattern is not None
        }
    )


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node for ECMA-262")
def test_patterns_read_the_same_in_ecma262_and_python() -> None:
    patterns = [p for p in request_patterns() if p not in LEFT_ALONE]
    script = """
const [patterns, samples] = JSON.parse(require("fs").readFileSync(0, "utf8"));
console.log(JSON.stringify(patterns.map(p => samples.map(s => new RegExp(p, "u").test(s)))));
"""
    node = shutil.which("node")
    assert node is not None
    result = subprocess.run(
        [node, "-e", script], input=json.dumps([patterns, SAMPLES]), capture_output=True, text=True, check=True
    )
    ecma = json.loads(result.stdout)
    for pattern, verdicts in zip(patterns, ecma, strict=True):
        python = [re.search(pattern, sample) is not None for sample in SAMPLES]
        differ = [sample for sample, a, b in zip(SAMPLES, verdicts, python, strict=True) if a != b]
        assert not differ, f"{pattern} reads differently for {differ!r}"


@pytest.mark.parametrize("venue", ["mexc", "bingx"])
def test_client_order_ids_refuse_control_characters_and_invisible_separators(venue: str) -> None:
    schema = spec(venue)["components"]["schemas"]["ClientOrderId"]
    pattern, longest = schema["pattern"], schema["maxLength"]
    assert longest == {"mexc": 64, "bingx": 40}[venue]
    for good in ("a", "my/order:1", "Ab.-_~!#$%&'()*+/:;<=>?@[]^`{|}", "x" * longest):
        assert re.search(pattern, good), good
    for bad in (
        "",
        "x" * (longest + 1),
        "a b",
        "a,b",
        "id\n",
        "\x00",
        "a\x1b",
        "a\x7f",
        "a\u0085",
        "a\u2028",
        "a\u200b",
        "\u00e9",
    ):
        assert re.search(pattern, bad) is None, repr(bad)


def test_bingx_batch_ids() -> None:
    parameters = {p.name: p for p in facts("bingx").OPERATIONS["cancel_orders"].parameters}
    order_ids, client_ids = parameters["orderIds"].constraints.pattern, parameters["clientOrderIDs"].constraints.pattern
    for good in ("1", "1735964079647111280", "1,2,9223372036854775807"):
        assert re.search(order_ids, good), good
    for bad in ("0", "01", "1,02", "1,,2", "1, 2", "12345678901234567890", "1\n", "-1"):
        assert re.search(order_ids, bad) is None, bad
    assert re.search(client_ids, "a,b/c," + "x" * 40)
    for bad in ("a,", ",a", "a,,b", "a, b", "a,\x00", "a," + "x" * 41):
        assert re.search(client_ids, bad) is None, repr(bad)


@pytest.mark.parametrize(
    ("venue", "operation", "name", "lowest"),
    [
        ("binance", "cancel_order", "orderId", 1),
        ("binance", "get_order", "orderId", 1),
        ("binance", "cancel_order_list", "orderListId", 0),  # Binance's own example answers orderListId 0
        ("bingx", "cancel_order", "orderId", 1),
        ("bingx", "get_order", "orderId", 1),
    ],
)
def test_order_ids_are_int64(venue: str, operation: str, name: str, lowest: int) -> None:
    parameter = next(p for p in facts(venue).OPERATIONS[operation].parameters if p.name == name)
    assert (parameter.type, parameter.format) == ("integer", "int64")
    assert (parameter.constraints.minimum, parameter.constraints.maximum) == (lowest, 2**63 - 1)


def test_binance_symbols_take_unicode_and_mexc_order_ids_take_mexcs_forms() -> None:
    symbol = next(p for p in facts("binance").OPERATIONS["cancel_order"].parameters if p.name == "symbol")
    assert symbol.constraints.pattern is not None
    for good in ("BTCUSDT", "这是测试币456", "币安人生USDT", "BTC_USDT.X-1"):
        assert re.search(symbol.constraints.pattern, good), good
    for bad in ("btcusdt", "BTC USDT", "BTC\u200bUSDT", "BTC\x85", "BTC\n", ""):
        assert re.search(symbol.constraints.pattern, bad) is None, repr(bad)
    order_id = next(p for p in facts("mexc").OPERATIONS["cancel_order"].parameters if p.name == "orderId")
    assert order_id.constraints.pattern is not None
    for good in (
        "C02__413321238354677760043",
        "C01__334660835685203969",
        "133734823834147272",
        "c7fbbc3079c04d8abae00f828e698216",
    ):
        assert re.search(order_id.constraints.pattern, good), good
    for bad in ("-1", "0x10", "\u0661\u0662\u0663", "C02__", "c02__1", "0", "C02__1\n", "C02__12 3"):
        assert re.search(order_id.constraints.pattern, bad) is None, repr(bad)


def test_bingx_recv_window_is_an_exact_decimal_string() -> None:
    module = facts("bingx")
    assert module.SIGNING.recv_window_decimals == 3
    for operation in module.OPERATIONS.values():
        for parameter in operation.parameters:
            if parameter.name == "recvWindow":
                assert (parameter.type, parameter.format) == ("string", "decimal")
                assert re.search(parameter.constraints.pattern, "6000.346")
                assert re.search(parameter.constraints.pattern, "60000.001") is None
                assert re.search(parameter.constraints.pattern, "1e-05") is None


def parameters(venue: str, operation: str) -> dict[str, Any]:
    return {p.name: p for p in facts(venue).OPERATIONS[operation].parameters}


@pytest.mark.parametrize(
    ("venue", "order_id", "client_id"),
    [
        ("binance", "orderId", "origClientOrderId"),
        ("mexc", "orderId", "origClientOrderId"),
        ("bingx", "orderId", "clientOrderID"),
    ],
)
def test_a_query_takes_the_ids_a_cancel_takes(venue: str, order_id: str, client_id: str) -> None:
    query, cancel = parameters(venue, "get_order"), parameters(venue, "cancel_order")
    for name in (order_id, client_id, "recvWindow", "timestamp"):
        assert not query[name].required
        assert (query[name].type, query[name].format, query[name].constraints) == (
            cancel[name].type,
            cancel[name].format,
            cancel[name].constraints,
        ), name
    # The wire names and their order, as each venue documents them (MEXC lists origClientOrderId first).
    assert (
        list(query)
        == {
            "binance": ["symbol", "orderId", "origClientOrderId", "recvWindow", "timestamp"],
            "mexc": ["symbol", "origClientOrderId", "orderId", "recvWindow", "timestamp"],
            "bingx": ["symbol", "orderId", "clientOrderID", "recvWindow", "timestamp"],
        }[venue]
    )
    # MEXC's table marks symbol optional on this endpoint alone; the others require it.
    assert query["symbol"].required is (venue != "mexc")


@pytest.mark.parametrize("venue", VENUES)
def test_open_orders_take_an_optional_symbol(venue: str) -> None:
    listing = parameters(venue, "open_orders")
    assert list(listing) == ["symbol", "recvWindow", "timestamp"]
    assert not listing["symbol"].required
    pattern = listing["symbol"].constraints.pattern
    for good in {"binance": ["BTCUSDT", "这是测试币456"], "mexc": ["BTCUSDT", "BTCUSDT,MXUSDT"], "bingx": ["BTC-USDT"]}[
        venue
    ]:
        assert re.search(pattern, good), good
    for bad in ("", "BTC USDT", "BTCUSDT\n"):
        assert re.search(pattern, bad) is None, repr(bad)


def test_bingx_cancel_all_after() -> None:
    operation = facts("bingx").OPERATIONS["cancel_all_after"]
    assert (operation.method, operation.path) == ("POST", "/openApi/spot/v1/trade/cancelAllAfter")
    assert operation.module == "cancelkit_bingx_client.api.trade.cancel_all_after"
    kind, time_out = parameters("bingx", "cancel_all_after")["type"], parameters("bingx", "cancel_all_after")["timeOut"]
    assert (kind.keyword, kind.required, kind.constraints.enum) == ("type_", True, ("ACTIVATE", "CLOSE"))
    assert (time_out.keyword, time_out.required, time_out.type) == ("time_out", True, "integer")
    assert (time_out.constraints.minimum, time_out.constraints.maximum) == (0, 120)  # 0 with CLOSE, 10..120 ACTIVATE
    assert "/openApi/spot/v1/trade/cancelAllAfter" not in facts("bingx").UNSIGNED_PATHS  # signed


@pytest.mark.parametrize(
    ("venue", "operation", "method", "path", "module"),
    [
        ("binance", "get_order", "GET", "/api/v3/order", "cancelkit_binance_client.api.trade.get_order"),
        ("binance", "open_orders", "GET", "/api/v3/openOrders", "cancelkit_binance_client.api.trade.open_orders"),
        ("mexc", "get_order", "GET", "/api/v3/order", "cancelkit_mexc_client.api.trade.get_order"),
        ("mexc", "open_orders", "GET", "/api/v3/openOrders", "cancelkit_mexc_client.api.trade.open_orders"),
        ("bingx", "get_order", "GET", "/openApi/spot/v1/trade/query", "cancelkit_bingx_client.api.trade.get_order"),
        (
            "bingx",
            "open_orders",
            "GET",
            "/openApi/spot/v1/trade/openOrders",
            "cancelkit_bingx_client.api.trade.open_orders",
        ),
    ],
)
def test_query_operations_are_signed_endpoints(venue: str, operation: str, method: str, path: str, module: str) -> None:
    found = facts(venue).OPERATIONS[operation]
    assert (found.method, found.path, found.module) == (method, path, module)
    assert path not in facts(venue).UNSIGNED_PATHS
