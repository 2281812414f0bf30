"""Hypothesis throws response bodies, statuses and headers at each venue's facade, and arguments at its methods.

Whatever comes back, the client returns a valid normalized result or raises a CancelKitError: never a raw KeyError,
ValueError, JSONDecodeError or attrs error. Bad arguments raise InvalidArgument before anything is sent.
FUZZ_EXAMPLES (environment) sets the examples per venue; `make reliability` runs 10,000.
"""

import json
import os
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cancelkit import CancelClient, CancelKitError, CancelResult, Credentials, InvalidArgument, OrderStatus, VenueClock

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10000"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
VALID = {
    "binance": {
        "symbol": "BTCUSDT",
        "origClientOrderId": "a",
        "orderId": 4,
        "orderListId": -1,
        "clientOrderId": "c",
        "transactTime": 1,
        "price": "1.5",
        "origQty": "2",
        "executedQty": "0",
        "origQuoteOrderQty": "0",
        "cummulativeQuoteQty": "0",
        "status": "CANCELED",
        "timeInForce": "GTC",
        "type": "LIMIT",
        "side": "BUY",
    },
    "mexc": {"symbol": "BTCUSDT", "orderId": "C02__1", "price": "1.5", "origQty": "2", "status": "CANCELED"},
    "bingx": {
        "code": 0,
        "msg": "",
        "data": {
            "symbol": "BTC-USDT",
            "orderId": 1735964079647000001,
            "price": "1.5",
            "origQty": "2",
            "executedQty": "0",
            "cummulativeQuoteQty": "0",
            "status": "CANCELED",
            "type": "LIMIT",
            "side": "SELL",
        },
    },
}
IDS = {"binance": 4, "mexc": "C02__1", "bingx": 1735964079647000001}

scalars = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=12)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def mutated(valid: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The valid body with keys dropped, values replaced (nested ones too) and keys added."""
    fields = {
        key: st.one_of(st.just(value), json_values, *([mutated(value)] if isinstance(value, dict) else []))
        for key, value in valid.items()
    }
    kept = st.fixed_dictionaries({}, optional=fields)
    return st.tuples(kept, st.dictionaries(st.text(max_size=8), json_values, max_size=2)).map(
        lambda pair: {**pair[1], **pair[0]}
    )


def one_change(valid: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The valid body with one field dropped or replaced: near misses, most of them still readable."""
    keys = st.sampled_from(sorted(valid))
    dropped = keys.map(lambda key: {k: v for k, v in valid.items() if k != key})
    replaced = st.tuples(keys, json_values).map(lambda pair: {**valid, pair[0]: pair[1]})
    nested = [
        mutated(value).map(lambda inner, key=key: {**valid, key: inner})
        for key, value in valid.items()
        if isinstance(value, dict)
    ]
    return st.one_of(st.just(valid), dropped, replaced, *nested)


header_text = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=12)


def answers(venue: str) -> st.SearchStrategy[httpx.Response]:
    statuses = st.sampled_from([200, 200, 200, 400, 401, 403, 404, 409, 418, 429, 500, 503, 504, 520]) | st.integers(
        200, 599
    )
    bodies = st.one_of(
        one_change(VALID[venue]).map(lambda body: json.dumps(body).encode()),
        mutated(VALID[venue]).map(lambda body: json.dumps(body).encode()),
        json_values.map(lambda value: json.dumps(value).encode()),
        st.binary(max_size=40),
        st.just(json.dumps(VALID[venue]).encode()[:25]),  # truncated
    )
    headers = st.dictionaries(
        st.sampled_from(["Retry-After", "X-MBX-USED-WEIGHT-1M", "X-RateLimit-Requests-Remain", "Content-Type"]),
        header_text,
        max_size=3,
    )
    return st.builds(
        lambda status, body, extra: httpx.Response(status, content=body, headers=extra), statuses, bodies, headers
    )


class Replay:
    """A transport that answers the next request with whatever the test put in `answer`, and counts requests."""

    def __init__(self) -> None:
        self.answer = httpx.Response(200)
        self.requests = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return self.answer


class Echo(Replay):
    """Answers every cancel with a valid report about the order it names, as the venue would."""

    def __init__(self, venue: str) -> None:
        super().__init__()
        self.venue = venue

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        asked = request.url.params
        report = dict(VALID[self.venue]["data"] if self.venue == "bingx" else VALID[self.venue])
        report["symbol"] = asked["symbol"]
        if "orderId" in asked:
            report["orderId"] = asked["orderId"] if self.venue == "mexc" else int(asked["orderId"])
        for name in ("origClientOrderId", "clientOrderID"):
            if name in asked:
                report[name] = asked[name]
        return httpx.Response(200, json={**VALID["bingx"], "data": report} if self.venue == "bingx" else report)


def fuzz_client(venue: str, replay: Replay) -> CancelClient:
    return CancelClient(
        venue,
        Credentials("fuzz-api-key-0123456789", secret="fuzz-secret"),
        clock=VenueClock(use_venue_time=False),
        transport=httpx.MockTransport(replay),
        resolve_unknown=False,  # one answer per cancel: the fuzzed answer itself is what is judged
    )


def check_result(result: object) -> None:
    assert isinstance(result, CancelResult)
    assert isinstance(result.order_id, str)
    assert result.order_id
    assert isinstance(result.status, OrderStatus | str)
    for amount in (result.price, result.orig_qty, result.executed_qty, result.cumulative_quote_qty):
        assert amount is None or (isinstance(amount, Decimal) and amount.is_finite())


@pytest.mark.parametrize("venue", ["binance", "mexc", "bingx"])
def test_any_answer_is_a_result_or_a_cancelkit_error(venue: str) -> None:
    replay = Replay()
    client = fuzz_client(venue, replay)
    outcomes = {"results": 0, "errors": 0}

    @FUZZ
    @given(answer=answers(venue))
    def one(answer: httpx.Response) -> None:
        replay.answer = answer
        outcome: object
        try:
            outcome = client.cancel_order("BTC/USDT", order_id=IDS[venue])
        except CancelKitError as error:  # anything else escapes and fails the test
            outcome = error
        if isinstance(outcome, CancelKitError):
            outcomes["errors"] += 1
            assert isinstance(outcome.may_have_canceled, bool)
            assert str(outcome)
        else:
            outcomes["results"] += 1
            check_result(outcome)

    one()
    client.close()
    assert outcomes["results"] > 0  # the fuzzer reached valid answers too, not only garbage
    assert outcomes["errors"] > 0


@pytest.mark.parametrize("venue", ["binance", "mexc", "bingx"])
def test_any_arguments_are_checked_before_sending(venue: str) -> None:
    replay = Echo(venue)
    client = fuzz_client(venue, replay)
    identifiers = st.none() | st.integers(-5, 2**64) | st.text(max_size=45) | st.booleans() | st.floats()
    symbols = st.text(max_size=25) | st.sampled_from(["BTC/USDT", "BTCUSDT", "BTC-USDT", "btc_usdt", " ", ""])
    restrictions = st.none() | st.sampled_from(["ONLY_NEW", "NEW", "PENDING", "PARTIALLY_FILLED", "X"])

    @FUZZ
    @given(symbol=symbols, order_id=identifiers, client_order_id=identifiers, restriction=restrictions)
    def one(symbol: Any, order_id: Any, client_order_id: Any, restriction: Any) -> None:
        sent = replay.requests
        refused: InvalidArgument | None = None
        try:
            client.cancel_order(symbol, order_id=order_id, client_order_id=client_order_id, restriction=restriction)
        except InvalidArgument as error:  # anything else escapes and fails the test
            refused = error
        if refused is not None:
            assert replay.requests == sent  # refused before anything was sent
            assert str(refused)
        else:
            assert replay.requests == sent + 1

    one()
    client.close()
