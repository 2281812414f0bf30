"""`pytest --audit-secrets`: the whole suite's venue traffic with every logger at DEBUG (httpx and httpcore
included), then a check that no API secret, private key or signature value appears in the log, nor in the repr or
message of any cancelkit error made on the way (their tracebacks: tests/overlay/test_secrets.py). `make test` runs
the suite this way."""

from __future__ import annotations

import logging
import re
import tempfile
from pathlib import Path
from typing import Any

import httpx
import pytest

from cancelkit import _signing
from cancelkit._credentials import Credentials
from cancelkit._errors import CancelKitError

TOKEN = re.compile(r"[A-Za-z0-9%+/=_-]{40,}")
MIN_SECRET = 8  # the suite's one-letter placeholder secrets ("s") would match every line


class SecretAudit:
    def __init__(self) -> None:
        self.secrets: set[str] = set()
        self.signatures: set[str] = set()
        self.errors: list[str] = []  # texts, not the errors: their tracebacks would keep whole frames alive
        self.log = Path(tempfile.mkstemp(prefix="cancelkit-audit-", suffix=".log")[1])
        self.handler = logging.FileHandler(self.log, encoding="utf-8")
        self.handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.patches = pytest.MonkeyPatch()

    def start(self) -> None:
        root = logging.getLogger()
        root.addHandler(self.handler)
        root.setLevel(logging.DEBUG)
        for name in ("httpx", "httpcore", "cancelkit"):
            logging.getLogger(name).setLevel(logging.DEBUG)
        audit = self

        original_post_init = Credentials.__post_init__

        def record_credentials(credentials: Credentials) -> None:
            original_post_init(credentials)
            if credentials.secret and len(credentials.secret) >= MIN_SECRET:
                audit.secrets.add(credentials.secret)
            if credentials.private_key_pem:
                pem = credentials.private_key_pem.decode()
                audit.secrets.update(line for line in pem.splitlines() if len(line) > 20 and "-----" not in line)

        self.patches.setattr(Credentials, "__post_init__", record_credentials)

        for signer in (_signing.QuerySigningAuth, _signing.BingxAuth):
            original_sign = signer.sign

            def record_signature(auth: Any, request: httpx.Request, _sign: Any = original_sign) -> None:
                _sign(auth, request)
                signature = request.url.params.get("signature")
                if signature:
                    audit.signatures.add(signature)
                    audit.signatures.add(request.url.query.rsplit(b"signature=", 1)[1].decode())

            self.patches.setattr(signer, "sign", record_signature)

        original_error_init = CancelKitError.__init__

        def record_error(error: CancelKitError, *args: Any, **kwargs: Any) -> None:
            original_error_init(error, *args, **kwargs)
            audit.errors.append(f"{error!r} {error}")

        self.patches.setattr(CancelKitError, "__init__", record_error)

    def leaks(self) -> list[str]:
        self.patches.undo()
        logging.getLogger().removeHandler(self.handler)
        self.handler.close()
        found: list[str] = []
        with self.log.open(encoding="utf-8", errors="replace") as log:
            for line in [*log, *self.errors]:
                for secret in self.secrets:
                    if secret in line:
                        found.append(f"a secret in: {line[:160]!r}")
                for token in TOKEN.findall(line):
                    if token in self.signatures or token.removeprefix("signature=") in self.signatures:
                        found.append(f"a signature in: {line[:160]!r}")
        return found

    def summary(self) -> str:
        size = self.log.stat().st_size
        return (
            f"secret audit: {len(self.secrets)} secrets and private keys, {len(self.signatures)} signatures, "
            f"{len(self.errors)} errors, {size // 1024} KiB of DEBUG logs"
        )
