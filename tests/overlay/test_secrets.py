"""Secrets and signatures never reach a repr, an exception's message or a formatted traceback, causes included."""

import traceback

import httpx
import pytest
import respx

from cancelkit import CancelKitError, Credentials

from .conftest import CASES, make_client, mock_time

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("venue", ["binance", "mexc", "bingx"])
@pytest.mark.parametrize(
    "failure",
    [
        httpx.ReadTimeout("timed out"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.Response(200, content=b"<html>not json</html>"),
        httpx.Response(400, json={"code": -1022, "msg": "Signature for this request is not valid."}),
    ],
)
async def test_errors_and_their_tracebacks_hold_no_secret(mock: respx.MockRouter, venue: str, failure: object) -> None:
    case = CASES[venue]
    mock_time(mock, case)
    method = "POST" if venue == "bingx" else "DELETE"
    path = "/openApi/spot/v1/trade/cancel" if venue == "bingx" else "/api/v3/order"
    route = mock.route(method=method, url=case.base + path)
    route.mock(side_effect=failure) if isinstance(failure, Exception) else route.mock(return_value=failure)
    client = make_client(case)
    with pytest.raises(CancelKitError) as caught:
        client.cancel_order(case.symbol, order_id=1)
    signature = route.calls.last.request.url.params["signature"]
    text = "".join(traceback.format_exception(caught.value)) + repr(caught.value) + str(caught.value)
    text += repr(client) + repr(client.auth) + repr(client.generated_client) + repr(caught.value.__cause__)
    assert signature not in text
    assert case.secret not in text
    assert "binance-api-key-0123456789" not in text


def test_credentials_never_print_their_secret() -> None:
    credentials = Credentials("an-api-key-long-enough-1234", secret="s3cr3t-value")
    for text in (repr(credentials), str(credentials), f"{credentials}", f"{credentials!r}"):
        assert "s3cr3t-value" not in text
        assert "an-api-key-long-enough" not in text
    pem_only = Credentials(
        "k" * 20, private_key_pem=b"-----BEGIN PRIVATE KEY-----\nMIIsecret\n-----END PRIVATE KEY-----"
    )
    assert "MIIsecret" not in repr(pem_only)
