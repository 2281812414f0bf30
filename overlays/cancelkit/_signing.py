"""Request signing: one `httpx.Auth` per venue, the same object serving sync and async clients.

Each signs the exact bytes that go on the wire, every time a request is sent (retries get a fresh timestamp and
signature), adds `timestamp` (and `recvWindow` when set) and the API-key header. Endpoints the spec marks unsigned
(`security: []`, the server-time endpoints) pass through untouched.

The signing itself is sans-IO and knows nothing of httpx: `signed_query(query, body)` gives the query to send and
`key_headers()` the headers to add. `sign(request)` applies them to an httpx.Request; the facade applies the same two
to the bytes it sends itself, so that both paths put the same bytes on the wire.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib
from collections.abc import Callable, Generator
from types import ModuleType
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import parse_qsl, quote, urlencode

import httpx

from ._clock import VenueClock
from ._errors import CancelKitError, ConfigurationError
from ._redact import install_log_redaction
from ._urls import with_query

if TYPE_CHECKING:
    from ._credentials import Credentials

Signer = Callable[[bytes], bytes]


def hmac_sha256_hex(secret: str) -> Signer:
    key = secret.encode()
    return lambda payload: hmac.new(key, payload, hashlib.sha256).hexdigest().encode()


def private_key_signer(pem: bytes, password: bytes | None) -> Signer:
    """Ed25519 or RSA (RSASSA-PKCS1-v1_5, SHA-256) over the payload, base64, percent-encoded (Binance's rules)."""
    try:  # cryptography is the optional `crypto` extra, loaded only for asymmetric keys
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ConfigurationError("Ed25519 and RSA keys need `pip install cancelkit[crypto]`") from exc
    try:
        key = serialization.load_pem_private_key(pem, password=password)
    except (ValueError, TypeError) as exc:  # not a PEM key, a wrong or missing password
        raise ConfigurationError(f"the private key cannot be loaded: {exc}") from None
    if isinstance(key, ed25519.Ed25519PrivateKey):
        ed_key = key

        def sign_ed25519(payload: bytes) -> bytes:
            return quote(base64.b64encode(ed_key.sign(payload)), safe="").encode()

        return sign_ed25519
    if isinstance(key, rsa.RSAPrivateKey):
        rsa_key = key

        def sign_rsa(payload: bytes) -> bytes:
            signature = rsa_key.sign(payload, padding.PKCS1v15(), hashes.SHA256())
            return quote(base64.b64encode(signature), safe="").encode()

        return sign_rsa
    raise ConfigurationError(f"unsupported private key type {type(key).__name__}: use Ed25519 or RSA")


def venue_facts(venue: str) -> ModuleType:
    """The generated venue_facts module of a venue's client, imported when a signer of that venue is first made (so
    that `import cancelkit` loads no generated client)."""
    return importlib.import_module(f"cancelkit_{venue}_client.venue_facts")


class QuerySigningAuth(httpx.Auth):
    """Signs the percent-encoded query string followed by the body, and appends `signature` last (Binance, MEXC).
    The API-key header's name and the unsigned paths are the spec's (its venue_facts)."""

    venue: ClassVar[str]
    extra_unsigned_paths: ClassVar[tuple[str, ...]] = ()

    def __init__(self, credentials: Credentials, clock: VenueClock, *, recv_window: str | None = None) -> None:
        facts = venue_facts(self.venue)
        self.api_key_header: str = facts.SIGNING.api_key_header
        self.unsigned_paths: tuple[str, ...] = (*sorted(facts.UNSIGNED_PATHS), *self.extra_unsigned_paths)
        self._api_key = credentials.api_key
        self._sign = self.make_signer(credentials)
        self.clock = clock
        self.recv_window = recv_window
        install_log_redaction()  # httpx logs every URL it sends, and ours end in signature=...

    @classmethod
    def make_signer(cls, credentials: Credentials) -> Signer:
        if credentials.secret is None:
            raise ConfigurationError(f"{cls.__name__} signs with an HMAC secret; none was given")
        return hmac_sha256_hex(credentials.secret)

    def __repr__(self) -> str:
        from ._credentials import key_hint

        return f"{type(self).__name__}(api_key='{key_hint(self._api_key)}', secret=<redacted>)"

    def signs(self, path: str) -> bool:
        """Whether a request to `path` is signed. A base URL may carry a path of its own (a proxy's, a simulator's):
        the endpoint's path ends the URL's."""
        return not path.endswith(self.unsigned_paths)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self.signs(request.url.path):
            self.sign(request)
        yield request

    def checked_signed_query(self, query: bytes, body: bytes = b"") -> bytes:
        """signed_query, where a failure (a key that cannot sign) is a ConfigurationError: nothing was sent."""
        try:
            return self.signed_query(query, body)
        except CancelKitError:
            raise
        except Exception as exc:  # the type only: a message could quote a piece of the key
            raise ConfigurationError(f"could not sign the request ({type(exc).__name__}); nothing was sent") from None

    def timing_params(self, query: bytes, body: bytes = b"") -> bytes:
        """`recvWindow` (when set and not sent already) and a fresh `timestamp`, to append to `query`."""
        present = b"&" + query + b"&" + body
        extra = b""
        if self.recv_window is not None and b"&recvWindow=" not in present:
            extra += b"recvWindow=" + self.recv_window.encode() + b"&"
        if b"&timestamp=" not in present:
            extra += b"timestamp=%d" % self.clock.now()
        return extra.rstrip(b"&")

    def signed_query(self, query: bytes, body: bytes = b"") -> bytes:
        """The query to send: `query` (percent-encoded), the timing parameters, and the signature of both followed
        by the body."""
        extra = self.timing_params(query, body)
        payload = b"&".join(part for part in (query, extra) if part)
        return payload + b"&signature=" + self._sign(payload + body)

    def key_headers(self) -> list[tuple[str, str]]:
        """The headers a signed request carries, in the order they are set."""
        return [(self.api_key_header, self._api_key)]

    def sign(self, request: httpx.Request) -> None:
        """Sign an httpx.Request in place: its query, and the headers."""
        request.url = with_query(request.url, self.checked_signed_query(request.url.query, request.content))
        for name, value in self.key_headers():
            request.headers[name] = value


class BinanceAuth(QuerySigningAuth):
    """Binance: HMAC-SHA256 hex, or Ed25519 or RSA base64 percent-encoded, over the percent-encoded payload."""

    venue = "binance"

    @classmethod
    def make_signer(cls, credentials: Credentials) -> Signer:
        if credentials.private_key_pem is not None:
            return private_key_signer(credentials.private_key_pem, credentials.private_key_password)
        return super().make_signer(credentials)

    def key_headers(self) -> list[tuple[str, str]]:
        unit = [("X-MBX-TIME-UNIT", "MICROSECOND")] if self.clock.microseconds else []
        return super().key_headers() + unit


class MexcAuth(QuerySigningAuth):
    """MEXC: HMAC-SHA256 lowercase hex over the query string (commas as uppercase %2C, as httpx sends them)."""

    venue = "mexc"

    def key_headers(self) -> list[tuple[str, str]]:
        # MEXC answers 700013 to other content types.
        return [*super().key_headers(), ("Content-Type", "application/json")]


class BingxAuth(QuerySigningAuth):
    """BingX: HMAC-SHA256 lowercase hex over every parameter sorted by key, joined as `k=v&...` without
    percent-encoding. The query is sent in that same sorted order (values percent-encoded), then `signature`."""

    venue = "bingx"
    # Besides the spec's server-time path, the older spot one that answers the same (openapi/bingx.yaml).
    extra_unsigned_paths = ("/openApi/spot/v1/server/time",)

    def signed_query(self, query: bytes, body: bytes = b"") -> bytes:
        extra = self.timing_params(query)
        params = sorted(parse_qsl((query + b"&" + extra).decode(), keep_blank_values=True), key=lambda kv: kv[0])
        canonical = "&".join(f"{key}={value}" for key, value in params).encode()
        return urlencode(params).encode() + b"&signature=" + self._sign(canonical)
