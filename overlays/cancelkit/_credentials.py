"""API credentials, kept out of every repr, log line and exception."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ._errors import ConfigurationError


def key_hint(api_key: str) -> str:
    """Enough of an API key to tell keys apart in a log: its last four characters, and only for a long key."""
    return f"…{api_key[-4:]}" if len(api_key) >= 16 else "…"


@dataclass(frozen=True, repr=False)
class Credentials:
    """An API key and what signs with it: an HMAC secret, or (Binance) an Ed25519 or RSA private key in PEM.

    The repr shows only the key's last four characters; the secret and the private key never appear.
    """

    api_key: str
    secret: str | None = field(default=None)
    private_key_pem: bytes | None = field(default=None)
    private_key_password: bytes | None = field(default=None)

    def __post_init__(self) -> None:
        if not self.api_key:
            raise ConfigurationError("the API key is empty")
        if (self.secret is None) == (self.private_key_pem is None):
            raise ConfigurationError("give either an HMAC secret or a private key, not both and not neither")
        if self.secret is not None and not self.secret:
            raise ConfigurationError("the API secret is empty")

    def __repr__(self) -> str:
        kind = "hmac" if self.secret is not None else "private-key"
        return f"Credentials(api_key='{key_hint(self.api_key)}', {kind}=<redacted>)"

    @classmethod
    def from_env(cls, venue: str, environ: dict[str, str] | None = None) -> Credentials:
        """Read `CANCELKIT_<VENUE>_API_KEY` and either `CANCELKIT_<VENUE>_API_SECRET` or
        `CANCELKIT_<VENUE>_PRIVATE_KEY_FILE` (with `CANCELKIT_<VENUE>_PRIVATE_KEY_PASSWORD` if it is encrypted)."""
        env = os.environ if environ is None else environ
        prefix = f"CANCELKIT_{venue.upper()}_"
        api_key = env.get(prefix + "API_KEY")
        if not api_key:
            raise ConfigurationError(f"{prefix}API_KEY is not set", venue=venue)
        key_file = env.get(prefix + "PRIVATE_KEY_FILE")
        if key_file:
            password = env.get(prefix + "PRIVATE_KEY_PASSWORD")
            return cls(
                api_key,
                private_key_pem=Path(key_file).read_bytes(),
                private_key_password=password.encode() if password else None,
            )
        secret = env.get(prefix + "API_SECRET")
        if not secret:
            raise ConfigurationError(f"neither {prefix}API_SECRET nor {prefix}PRIVATE_KEY_FILE is set", venue=venue)
        return cls(api_key, secret=secret)
