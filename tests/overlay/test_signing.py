"""Signing against the venues' published vectors (the correct ones: ../shared/reference/venues.md lists which)."""

import base64
import hashlib
import hmac
from urllib.parse import unquote

import httpx
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

from cancelkit import BinanceAuth, BingxAuth, Credentials, MexcAuth, VenueClock

BINANCE_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
BINANCE_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
MEXC_SECRET = "45d0b3c26f2644f19bfb98b07741b2f5"
BINGX_SECRET = "UuGuyEGt6ZEkpUObCYCmIfh0elYsZVh80jlYwpJuRZEw70t6vomMH7Sjmf94ztSI"


def fixed_clock(ms: int) -> VenueClock:
    return VenueClock(use_venue_time=False, wall=lambda: ms / 1000)


def signed(auth: httpx.Auth, method: str, url: str, **kwargs: object) -> httpx.Request:
    request = httpx.Request(method, url, **kwargs)  # type: ignore[arg-type]
    return next(auth.auth_flow(request))


def split(query: bytes) -> tuple[bytes, str]:
    unsigned, signature = query.rsplit(b"&signature=", 1)
    return unsigned, signature.decode()


@pytest.mark.parametrize(
    ("params", "recv_window", "now", "expected_payload", "signature"),
    [
        # rest-api.md, SIGNED endpoint examples: the ASCII and the non-ASCII payloads
        (
            {"symbol": "LTCBTC", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC", "quantity": "1", "price": "0.1"},
            "5000",
            1499827319559,
            b"symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559",
            "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71",
        ),
        (
            {
                "symbol": "\uff11\uff12\uff13\uff14\uff15\uff16",
                "side": "BUY",
                "type": "LIMIT",
                "timeInForce": "GTC",
                "quantity": "1",
                "price": "0.1",
            },
            "5000",
            1499827319559,
            b"symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC"
            b"&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559",
            "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3",
        ),
        # venues.md [derived] cancel-shaped vectors with the docs' secret
        (
            {"symbol": "LTCBTC", "orderId": "4"},
            "5000",
            1499827319559,
            b"symbol=LTCBTC&orderId=4&recvWindow=5000&timestamp=1499827319559",
            "dce5c7acb3375587e7db55cae77d0e328aabe084ff52ccb81e2b05ed748aeab4",
        ),
        (
            {"symbol": "LTCBTC", "origClientOrderId": "myOrder1", "cancelRestrictions": "ONLY_NEW"},
            None,
            1499827319559,
            b"symbol=LTCBTC&origClientOrderId=myOrder1&cancelRestrictions=ONLY_NEW&timestamp=1499827319559",
            "161d16a696bf8206ecfb7fe3273e9a9d7fc3c1d4dc107b7df4f7a854496e5f3a",
        ),
        (
            {"symbol": "BTCUSDT"},
            None,
            1499827319559,
            b"symbol=BTCUSDT&timestamp=1499827319559",
            "d97112c82a46aae604c384663068433947147d01a3c8cfad4a53903682ec2eca",
        ),
    ],
)
def test_binance_hmac_vectors(
    params: dict[str, str], recv_window: str | None, now: int, expected_payload: bytes, signature: str
) -> None:
    auth = BinanceAuth(Credentials(BINANCE_KEY, secret=BINANCE_SECRET), fixed_clock(now), recv_window=recv_window)
    request = signed(auth, "DELETE", "https://api.binance.com/api/v3/order", params=params)
    assert split(request.url.query) == (expected_payload, signature)
    assert request.headers["X-MBX-APIKEY"] == BINANCE_KEY


@pytest.mark.parametrize(
    ("params", "content", "signature"),
    [
        # MEXC docs example 2 (all in the query) and example 3 (query + body, no "&" at the join)
        (
            {
                "symbol": "BTCUSDT",
                "side": "BUY",
                "type": "LIMIT",
                "quantity": "1",
                "price": "11",
                "recvWindow": "5000",
                "timestamp": "1644489390087",
            },
            b"",
            "fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a",
        ),
        (
            {"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT"},
            b"quantity=1&price=11&recvWindow=5000&timestamp=1644489390087",
            "d1a676610ceb39174c8039b3f548357994b2a34139a8addd33baadba65684592",
        ),
        # venues.md [derived]: a cancel by string order id, and the multi-symbol cancel-all with its comma as %2C
        (
            {"symbol": "BTCUSDT", "orderId": "C02__123456789", "recvWindow": "5000", "timestamp": "1644489390087"},
            b"",
            "5c4389c0c9fc83e1f5dc21ad6ee3924e7362f0e2f974ba3d8e8020b052402c28",
        ),
        (
            {"symbol": "BTCUSDT,MXUSDT", "recvWindow": "5000", "timestamp": "1644489390087"},
            b"",
            "4e65c8c510185ec443988aae78fbed02d255536ab80a62b6294cd97163d98de6",
        ),
    ],
)
def test_mexc_vectors(params: dict[str, str], content: bytes, signature: str) -> None:
    auth = MexcAuth(Credentials("mx0aBYs33eIilxBWC5", secret=MEXC_SECRET), fixed_clock(1))
    request = signed(auth, "DELETE", "https://api.mexc.com/api/v3/order", params=params, content=content)
    assert split(request.url.query)[1] == signature
    assert request.headers["X-MEXC-APIKEY"] == "mx0aBYs33eIilxBWC5"
    assert request.headers["Content-Type"] == "application/json"


def test_mexc_docs_example_1_signature_is_the_wrong_published_one() -> None:
    # MEXC's example 1 prints 323c96ab...; it is not the HMAC of its own string (venues.md). We give example 2's.
    auth = MexcAuth(Credentials("mx0aBYs33eIilxBWC5", secret=MEXC_SECRET), fixed_clock(1))
    params = {
        "symbol": "BTCUSDT",
        "side": "BUY",
        "type": "LIMIT",
        "quantity": "1",
        "price": "11",
        "recvWindow": "5000",
        "timestamp": "1644489390087",
    }
    request = signed(auth, "DELETE", "https://api.mexc.com/api/v3/order", params=params)
    assert split(request.url.query)[1] != "323c96ab85a745712e95e63cad28903dd8292e4a905e99c4ee3932023843a117"


@pytest.mark.parametrize(
    ("secret", "params", "now", "expected_query", "signature"),
    [
        # BingX's old spot doc: sorted keys, timestamp included
        (
            BINGX_SECRET,
            {"symbol": "ETHUSDT", "side": "BUY", "type": "MARKET", "quoteOrderQty": "20"},
            1649404670162,
            b"quoteOrderQty=20&side=BUY&symbol=ETHUSDT&timestamp=1649404670162&type=MARKET",
            "428a3c383bde514baff0d10d3c20e5adfaacaf799e324546dafe5ccc480dd827",
        ),
        # venues.md [derived] cancel vector
        (
            BINGX_SECRET,
            {"symbol": "XRP-USDT", "orderId": "1514090846268424192"},
            1649404670162,
            b"orderId=1514090846268424192&symbol=XRP-USDT&timestamp=1649404670162",
            "52061f1c36c795201143c86870eb8bb7240ee411ab507d33c159a73131112a72",
        ),
        # docs-v3's example string: the docs print 1e63e8cf..., which is wrong; this is the real HMAC
        (
            "mheO6dR8ovSsxZQCOYEFCtelpuxcWGTfHw7te326y6jOwq5WpvFQ9JNljoTwBXZGv5It07m9RXSPpDQEK2w",
            {"symbol": "BTC-USDT", "recvWindow": "0"},
            1696751141337,
            b"recvWindow=0&symbol=BTC-USDT&timestamp=1696751141337",
            "f8d883609dfd31c824feb4de865b071008dedb1d461451fa70847875c8e7a7a2",
        ),
    ],
)
def test_bingx_vectors(secret: str, params: dict[str, str], now: int, expected_query: bytes, signature: str) -> None:
    auth = BingxAuth(Credentials("key", secret=secret), fixed_clock(now))
    request = signed(auth, "POST", "https://open-api.bingx.com/openApi/spot/v1/trade/cancel", params=params)
    assert split(request.url.query) == (expected_query, signature)
    assert signature != "1e63e8cfd1c04919881e60cf369e404b9b7c87d3a09bc300f1abfdcce7da57e8"
    assert request.headers["X-BX-APIKEY"] == "key"
    assert request.content == b""


def test_bingx_signs_raw_values_and_sends_them_encoded() -> None:
    auth = BingxAuth(Credentials("key", secret=BINGX_SECRET), fixed_clock(1649404670162))
    request = signed(
        auth,
        "POST",
        "https://open-api.bingx.com/openApi/spot/v1/trade/cancelOrders",
        params={"symbol": "XRP-USDT", "orderIds": "1,2"},
    )
    unsigned, signature = split(request.url.query)
    assert unsigned == b"orderIds=1%2C2&symbol=XRP-USDT&timestamp=1649404670162"
    raw = b"orderIds=1,2&symbol=XRP-USDT&timestamp=1649404670162"
    assert signature == hmac.new(BINGX_SECRET.encode(), raw, hashlib.sha256).hexdigest()


def test_every_send_is_signed_afresh() -> None:
    ticks = iter([1.0, 2.0])
    auth = BinanceAuth(
        Credentials(BINANCE_KEY, secret=BINANCE_SECRET), VenueClock(use_venue_time=False, wall=lambda: next(ticks))
    )
    first = signed(auth, "DELETE", "https://api.binance.com/api/v3/order", params={"symbol": "A", "orderId": "1"})
    second = signed(auth, "DELETE", "https://api.binance.com/api/v3/order", params={"symbol": "A", "orderId": "1"})
    assert split(first.url.query)[0].endswith(b"timestamp=1000")
    assert split(second.url.query)[0].endswith(b"timestamp=2000")
    assert split(first.url.query)[1] != split(second.url.query)[1]


def test_unsigned_endpoints_are_left_alone() -> None:
    auth = BinanceAuth(Credentials(BINANCE_KEY, secret=BINANCE_SECRET), fixed_clock(1))
    request = signed(auth, "GET", "https://api.binance.com/api/v3/time")
    assert request.url.query == b""
    assert "X-MBX-APIKEY" not in request.headers


def test_binance_microsecond_timestamps() -> None:
    clock = VenueClock(use_venue_time=False, microseconds=True, wall=lambda: 1499827319.559123)
    auth = BinanceAuth(Credentials(BINANCE_KEY, secret=BINANCE_SECRET), clock)
    request = signed(auth, "DELETE", "https://api.binance.com/api/v3/order", params={"symbol": "A", "orderId": "1"})
    assert split(request.url.query)[0] == b"symbol=A&orderId=1&timestamp=1499827319559123"
    assert request.headers["X-MBX-TIME-UNIT"] == "MICROSECOND"


def test_binance_ed25519() -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    auth = BinanceAuth(Credentials(BINANCE_KEY, private_key_pem=pem), fixed_clock(1499827319559))
    request = signed(
        auth, "DELETE", "https://api.binance.com/api/v3/order", params={"symbol": "LTCBTC", "orderId": "4"}
    )
    unsigned, signature = split(request.url.query)
    assert "%2B" in signature or "%2F" in signature or "%3D" in signature  # base64, percent-encoded
    raw = base64.b64decode(unquote(signature))
    assert len(raw) == 64
    key.public_key().verify(raw, unsigned)  # raises if wrong


def test_binance_rsa_with_password() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.BestAvailableEncryption(b"pw")
    )
    auth = BinanceAuth(Credentials(BINANCE_KEY, private_key_pem=pem, private_key_password=b"pw"), fixed_clock(1))
    request = signed(
        auth, "DELETE", "https://api.binance.com/api/v3/order", params={"symbol": "LTCBTC", "orderId": "4"}
    )
    unsigned, signature = split(request.url.query)
    key.public_key().verify(base64.b64decode(unquote(signature)), unsigned, padding.PKCS1v15(), hashes.SHA256())


def test_secrets_stay_out_of_reprs() -> None:
    credentials = Credentials(BINANCE_KEY, secret=BINANCE_SECRET)
    auth = BinanceAuth(credentials, fixed_clock(1))
    for text in (repr(credentials), str(credentials), repr(auth)):
        assert BINANCE_SECRET not in text
        assert BINANCE_KEY not in text
    assert "Eh8A" in repr(credentials)
