"""API credentials, checked when they are made and kept out of every repr, log line and exception.

Keys and secrets are stripped of surrounding whitespace (a key read from a mounted secret file or an environment
variable often ends in a newline); what remains must be printable ASCII, as every venue's keys are, so that a key can
never split a request header. A check that fails raises ConfigurationError saying what to fix, never echoing the
value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ._errors import ConfigurationError


def key_hint(api_key: str) -> str:
    """Enough of an API key to tell keys apart in a log: its last four characters, and only for a long key."""
    return f"…{api_key[-4:]}" if len(api_key) >= 16 else "…"


def _printable(value: str, what: str) -> str:
    """`value` without surrounding whitespace, refused if empty or if it holds anything but printable ASCII."""
    value = value.strip()
    if not value:
        raise ConfigurationError(f"the {what} is empty")
    for position, char in enumerate(value):
        if not " " <= char <= "~":
            kind = "a control character" if char.isascii() or not char.isprintable() else "a non-ASCII character"
            raise ConfigurationError(f"the {what} holds {kind} at position {position}; check how it was read")
    return value


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
        if not isinstance(self.api_key, str):
            raise ConfigurationError(f"the API key must be a str, got {type(self.api_key).__name__}")
        object.__setattr__(self, "api_key", _printable(self.api_key, "API key"))
        if (self.secret is None) == (self.private_key_pem is None):
            raise ConfigurationError("give either an HMAC secret or a private key, not both and not neither")
        if self.secret is not None:
            if not isinstance(self.secret, str):
                kind = type(self.secret).__name__
                raise ConfigurationError(f"the HMAC secret must be a str, got {kind} (decode bytes first)")
            object.__setattr__(self, "secret", _printable(self.secret, "API secret"))
        if self.private_key_pem is not None and not isinstance(self.private_key_pem, bytes):
            kind = type(self.private_key_pem).__name__
            raise ConfigurationError(f"give the private key's PEM as bytes, got {kind} (Path(...).read_bytes())")
        if self.private_key_password is not None and not isinstance(self.private_key_password, bytes):
            raise ConfigurationError("give the private key's password as bytes (password.encode())")

    def __repr__(self) -> str:
        kind = "hmac" if self.secret is not None else "private-key"
        return f"Credentials(api_key='{key_hint(self.api_key)}', {kind}=<redacted>)"

    @classmethod
    def from_env(cls, venue: str, environ: Mapping[str, str] | None = None) -> Credentials:
        """Read `CANCELKIT_<VENUE>_API_KEY` and either `CANCELKIT_<VENUE>_API_SECRET` or
        `CANCELKIT_<VENUE>_PRIVATE_KEY_FILE` (with `CANCELKIT_<VENUE>_PRIVATE_KEY_PASSWORD` if it is encrypted).
        Values are stripped of surrounding whitespace."""
        env = os.environ if environ is None else environ
        prefix = f"CANCELKIT_{venue.upper()}_"

        def value(name: str) -> str | None:
            text = env.get(prefix + name)
            return text.strip() or None if text is not None else None

        api_key = value("API_KEY")
        if not api_key:
            raise ConfigurationError(f"{prefix}API_KEY is not set", venue=venue)
        key_file = value("PRIVATE_KEY_FILE")
        if key_file:
            try:
                pem = Path(key_file).read_bytes()
            except (OSError, ValueError) as exc:  # the path is not quoted: a key pasted in its place would show
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a file's path"
                raise ConfigurationError(
                    f"cannot read the file {prefix}PRIVATE_KEY_FILE names ({reason}); it must be a path to a PEM file",
                    venue=venue,
                ) from None
            password = value("PRIVATE_KEY_PASSWORD")
            return cls(api_key, private_key_pem=pem, private_key_password=password.encode() if password else None)
        secret = value("API_SECRET")
        if not secret:
            raise ConfigurationError(f"neither {prefix}API_SECRET nor {prefix}PRIVATE_KEY_FILE is set", venue=venue)
        return cls(api_key, secret=secret)
