"""Keep signatures out of logs: httpx logs every request's full URL, and ours end in `signature=...`."""

from __future__ import annotations

import logging
import re

_SIGNATURE = re.compile(r"(signature=)[^&\s\"']+", re.IGNORECASE)


def redact_url(url: str) -> str:
    """The URL with the value of `signature` replaced, safe to log."""
    return _SIGNATURE.sub(r"\1<redacted>", url)


class RedactSignatures(logging.Filter):
    """Rewrites a record whose message carries a signature; every other record passes untouched."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "signature=" in message.lower():
            record.msg, record.args = redact_url(message), None
        return True


_FILTER = RedactSignatures()


def install_log_redaction() -> None:
    """Attach the filter to the loggers that may print request URLs. Idempotent.

    A logger's filters do not see its children's records, so httpcore's loggers are named one by one."""
    for name in ("httpx", "httpcore.connection", "httpcore.http11", "httpcore.http2", "httpcore.proxy"):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
