"""Every branch of the error taxonomy, from each venue's own error bodies and statuses, sync and async."""

import logging
from typing import Any

import httpx
import pytest
import respx

from cancelkit import (
    AuthenticationError,
    CancelKitError,
    CancelRejected,
    CancelRestricted,
    ClockSyncError,
    ConnectionFailed,
    InvalidRequest,
    MalformedResponse,
    OrderNotFound,
    OutcomeUnknown,
    RateLimited,
    TimestampError,
)
from tests.clients import call

from .conftest import CASES, NOW_MS, frozen_clock, make_client, mock_time
from .test_facade import BINANCE_REPORT, BINGX_ID, BINGX_ORDER, MEXC_REPORT, envelope

pytestmark = pytest.mark.anyio

HTML = b"<html><body>520: Web server is returning an unknown error</body></html>"
CANCEL = {
    "binance": ("DELETE", "/api/v3/order", {"order_id": 4}, BINANCE_REPORT),
    "mexc": ("DELETE", "/api/v3/order", {"order_id": MEXC_REPORT["orderId"]}, MEXC_REPORT),
    "bingx": ("POST", "/openApi/spot/v1/trade/cancel", {"order_id": BINGX_ID}, envelope(BINGX_ORDER)),
}


def answer(
    status: int, body: Any = None, headers: dict[str, str] | None = None, content: bytes | None = None
) -> httpx.Response:
    if content is not None:
        return httpx.Response(status, content=content, headers={"Content-Type": "text/html", **(headers or {})})
    return httpx.Response(status, json=body, headers=headers)


def bingx(code: int, msg: str) -> dict[str, Any]:
    return {"code": code, "msg": msg, "debugMsg": "", "data": {}}


TAXONOMY = [
    # Binance: errors.md codes with the statuses they come with
    ("binance", answer(400, {"code": -2011, "msg": "Unknown order sent."}), OrderNotFound),
    ("binance", answer(400, {"code": -2013, "msg": "Order does not exist."}), OrderNotFound),
    (
        "binance",
        answer(400, {"code": -2011, "msg": "Order was not canceled due to cancel restrictions."}),
        CancelRestricted,
    ),
    ("binance", answer(400, {"code": -2011, "msg": "This account may not place or cancel orders."}), CancelRejected),
    ("binance", answer(400, {"code": -1102, "msg": "Mandatory parameter 'symbol' was not sent."}), InvalidRequest),
    ("binance", answer(400, {"code": -1145, "msg": "Invalid cancelRestrictions"}), InvalidRequest),
    ("binance", answer(400, {"code": -1022, "msg": "Signature for this request is not valid."}), AuthenticationError),
    (
        "binance",
        answer(401, {"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."}),
        AuthenticationError,
    ),
    (
        "binance",
        answer(429, {"code": -1003, "msg": "Too much request weight used."}, {"Retry-After": "7"}),
        RateLimited,
    ),
    (
        "binance",
        answer(418, {"code": -1003, "msg": "IP banned until 1700000000000."}, {"Retry-After": "120"}),
        RateLimited,
    ),
    ("binance", answer(403, content=HTML), RateLimited),
    (
        "binance",
        answer(503, {"code": -1007, "msg": "Timeout waiting for response from backend server."}),
        OutcomeUnknown,
    ),
    ("binance", answer(400, {"code": -1006, "msg": "An unexpected response was received."}), OutcomeUnknown),
    ("binance", answer(500, content=HTML), OutcomeUnknown),
    ("binance", answer(520, content=HTML), OutcomeUnknown),
    ("binance", answer(200, {"symbol": "LTCBTC", "orderId": 4}), MalformedResponse),
    ("binance", answer(200, content=b"<html>not json</html>"), MalformedResponse),
    ("binance", answer(200, {**BINANCE_REPORT, "price": "not-a-decimal"}), MalformedResponse),
    # MEXC
    ("mexc", answer(400, {"code": -2011, "msg": "Unknown order sent."}), OrderNotFound),
    (
        "mexc",
        answer(400, {"code": 700004, "msg": "Param 'origClientOrderId' or 'orderId' must be sent"}),
        InvalidRequest,
    ),
    ("mexc", answer(400, {"code": 700002, "msg": "Signature for this request is not valid."}), AuthenticationError),
    ("mexc", answer(401, {"code": 700007, "msg": "No permission to access the endpoint."}), AuthenticationError),
    ("mexc", answer(400, {"code": 26, "msg": "operation not allowed"}), CancelRejected),
    ("mexc", answer(429, {"code": 429, "msg": "Too Many Requests"}), RateLimited),
    ("mexc", answer(500, {"code": 500, "msg": "Internal error"}), OutcomeUnknown),
    ("mexc", answer(504, content=HTML), OutcomeUnknown),
    ("mexc", answer(200, [1, 2]), MalformedResponse),
    # BingX: business errors on HTTP 200
    ("bingx", answer(200, bingx(100404, "order not exist")), OrderNotFound),
    ("bingx", answer(200, bingx(80016, "Order does not exist")), OrderNotFound),
    ("bingx", answer(200, bingx(80018, "Order already filled")), OrderNotFound),
    ("bingx", answer(200, bingx(100400, "the order does not exist")), OrderNotFound),
    ("bingx", answer(200, bingx(100400, "Invalid parameter symbol")), InvalidRequest),
    ("bingx", answer(200, bingx(100001, "Signature verification failed")), AuthenticationError),
    ("bingx", answer(200, bingx(100413, "Incorrect apiKey")), AuthenticationError),
    ("bingx", answer(200, bingx(100419, "IP does not match IP whitelist")), AuthenticationError),
    ("bingx", answer(200, bingx(100410, "rate limited")), RateLimited),
    ("bingx", answer(200, bingx(80019, "The order is being processed")), CancelRejected),
    ("bingx", answer(200, bingx(100500, "Internal system error")), OutcomeUnknown),
    ("bingx", answer(504, {"code": 504, "msg": "further confirmation required"}), OutcomeUnknown),
    ("bingx", answer(429, content=HTML, headers={"Retry-After": "3"}), RateLimited),
    ("bingx", answer(200, {"code": 0, "msg": "", "data": {}}), MalformedResponse),
]


@pytest.mark.parametrize(
    ("venue", "response", "expected"), TAXONOMY, ids=[f"{v}-{r.status_code}-{e.__name__}" for v, r, e in TAXONOMY]
)
async def test_taxonomy(
    mock: respx.MockRouter, asynchronous: bool, venue: str, response: httpx.Response, expected: type[CancelKitError]
) -> None:
    case = CASES[venue]
    method, path, ids, _ = CANCEL[venue]
    mock_time(mock, case)
    route = mock.route(method=method, url=case.base + path).mock(return_value=response)
    with pytest.raises(CancelKitError) as caught:
        await call(make_client(case, asynchronous=asynchronous), "cancel_order", case.symbol, **ids)
    error = caught.value
    assert type(error) is expected
    assert route.call_count == 1  # never retried
    assert (error.venue, error.symbol) == (venue, case.symbol)
    # A success body that the generated parser refuses leaves no response to read the status from.
    assert error.http_status in (
        (response.status_code, None) if expected is MalformedResponse else (response.status_code,)
    )
    assert error.may_have_canceled is issubclass(expected, OutcomeUnknown)
    assert error.retryable is (expected is RateLimited)
    if isinstance(error, RateLimited):
        assert error.banned is (response.status_code == 418)
        assert error.retry_after == (
            float(response.headers["retry-after"]) if "retry-after" in response.headers else None
        )
    if expected not in (MalformedResponse,) and response.headers.get("content-type") == "application/json":
        assert error.code == response.json()["code"]


@pytest.mark.parametrize("venue", ["binance", "mexc", "bingx"])
async def test_timestamp_rejection_resyncs_and_retries_once(
    mock: respx.MockRouter, asynchronous: bool, venue: str
) -> None:
    case = CASES[venue]
    method, path, ids, success = CANCEL[venue]
    rejection = {
        "binance": answer(400, {"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}),
        "mexc": answer(400, {"code": 700003, "msg": "Timestamp for this request is outside of the recvWindow."}),
        "bingx": answer(200, bingx(100421, "Null timestamp or timestamp mismatch")),
    }[venue]
    later = {**case.time_body} if venue != "bingx" else {**case.time_body, "data": {"serverTime": NOW_MS + 90_000}}
    if venue != "bingx":
        later["serverTime"] = NOW_MS + 90_000
    time_route = mock.get(case.base + case.time_path).mock(
        side_effect=[httpx.Response(200, json=case.time_body), httpx.Response(200, json=later)]
    )
    cancel = mock.route(method=method, url=case.base + path).mock(side_effect=[rejection, answer(200, success)])
    client = make_client(case, asynchronous=asynchronous)
    result = await call(client, "cancel_order", case.symbol, **ids)
    assert result.symbol
    assert time_route.call_count == 2
    assert cancel.call_count == 2
    first, second = (c.request.url.params for c in cancel.calls)
    assert int(second["timestamp"]) - int(first["timestamp"]) == 90_000  # timed afresh
    assert first["signature"] != second["signature"]  # and signed afresh


@pytest.mark.parametrize("venue", ["binance", "mexc", "bingx"])
async def test_second_timestamp_rejection_raises(mock: respx.MockRouter, asynchronous: bool, venue: str) -> None:
    case = CASES[venue]
    method, path, ids, _ = CANCEL[venue]
    body = {"binance": {"code": -1021, "msg": "ahead"}, "mexc": {"code": 700003, "msg": "outside"}}.get(venue)
    rejection = answer(400, body) if body else answer(200, bingx(80014, "timestamp is invalid"))
    mock_time(mock, case)
    cancel = mock.route(method=method, url=case.base + path).mock(return_value=rejection)
    with pytest.raises(TimestampError) as caught:
        await call(make_client(case, asynchronous=asynchronous), "cancel_order", case.symbol, **ids)
    assert cancel.call_count == 2
    assert caught.value.retryable
    assert not caught.value.may_have_canceled


async def test_without_time_sync_a_timestamp_rejection_raises_at_once(
    mock: respx.MockRouter, asynchronous: bool
) -> None:
    case = CASES["binance"]
    cancel = mock.delete(case.base + "/api/v3/order").respond(400, json={"code": -1021, "msg": "outside"})
    client = make_client(case, asynchronous=asynchronous, clock=frozen_clock(use_venue_time=False))
    with pytest.raises(TimestampError):
        await call(client, "cancel_order", "LTCBTC", order_id=4)
    assert cancel.call_count == 1
    assert not mock.routes or all(r.call_count == 1 for r in mock.routes)


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (httpx.ConnectError("refused"), ConnectionFailed),
        (httpx.ConnectTimeout("no answer to SYN"), ConnectionFailed),
        (httpx.ReadTimeout("timed out"), OutcomeUnknown),
        (httpx.RemoteProtocolError("Server disconnected without sending a response."), OutcomeUnknown),
        (httpx.ReadError("connection reset"), OutcomeUnknown),
    ],
)
async def test_transport_failures(
    mock: respx.MockRouter, asynchronous: bool, failure: Exception, expected: type[CancelKitError]
) -> None:
    case = CASES["binance"]
    mock_time(mock, case)
    cancel = mock.delete(case.base + "/api/v3/order").mock(side_effect=failure)
    with pytest.raises(expected) as caught:
        await call(make_client(case, asynchronous=asynchronous), "cancel_order", "LTCBTC", order_id=4)
    assert cancel.call_count == 1
    assert caught.value.may_have_canceled is (expected is OutcomeUnknown)
    assert caught.value.retryable is (expected is ConnectionFailed)
    assert caught.value.order_id == "4"


@pytest.mark.parametrize(
    "time_answer", [httpx.ConnectError("refused"), httpx.Response(503, content=HTML), httpx.Response(200, json={})]
)
async def test_clock_failure_sends_nothing(mock: respx.MockRouter, asynchronous: bool, time_answer: Any) -> None:
    case = CASES["mexc"]
    mock.get(case.base + case.time_path).mock(side_effect=[time_answer])
    cancel = mock.delete(case.base + "/api/v3/order").respond(200, json=MEXC_REPORT)
    with pytest.raises(ClockSyncError) as caught:
        await call(make_client(case, asynchronous=asynchronous), "cancel_order", "BTCUSDT", order_id="1")
    assert cancel.call_count == 0
    assert caught.value.retryable
    assert not caught.value.may_have_canceled


async def test_clock_offset_from_the_round_trip_midpoint(mock: respx.MockRouter, asynchronous: bool) -> None:
    case = CASES["binance"]
    ticks = iter([100.0, 100.2])  # sent at 100.0 s, answered at 100.2 s: midpoint 100.1 s
    mock.get(case.base + case.time_path).respond(200, json={"serverTime": 160_100})
    clock = frozen_clock()
    clock._wall = lambda: next(ticks)
    client = make_client(case, asynchronous=asynchronous, clock=clock)
    offset = await call(client, "sync_clock")
    assert offset == pytest.approx(60_000)


async def test_batch_failure_is_reported_per_order(mock: respx.MockRouter, asynchronous: bool) -> None:
    case = CASES["bingx"]
    mock_time(mock, case)
    mock.post(case.base + "/openApi/spot/v1/trade/cancelOrders").respond(504, content=HTML)
    batch = await call(make_client(case, asynchronous=asynchronous), "cancel_orders", "XRP-USDT", [1, 2])
    assert [type(o) for o in batch.outcomes] == [OutcomeUnknown, OutcomeUnknown]
    assert len(batch.outcome_unknown) == 2


def test_logged_urls_carry_no_signature(mock: respx.MockRouter, caplog: pytest.LogCaptureFixture) -> None:
    case = CASES["binance"]
    mock_time(mock, case)
    route = mock.delete(case.base + "/api/v3/order").respond(200, json=BINANCE_REPORT)
    with caplog.at_level(logging.DEBUG):
        make_client(case).cancel_order("LTCBTC", order_id=4)
    signature = route.calls.last.request.url.params["signature"]
    assert "signature=<redacted>" in caplog.text
    assert signature not in caplog.text
    assert case.secret not in caplog.text
