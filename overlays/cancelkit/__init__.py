"""cancelkit: cancel orders on Binance, MEXC and BingX spot, signed, timed against the venue's clock, never lost.

    from cancelkit import CancelClient

    with CancelClient("binance") as client:          # keys from CANCELKIT_BINANCE_API_KEY / _API_SECRET
        result = client.cancel_order("BTC/USDT", order_id=12345)

Names load on first use, so `import cancelkit` stays cheap: the generated clients, httpx and the asymmetric-key
code are imported only when a client or signer is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "CancelClient": "._facade",
    "AsyncCancelClient": "._facade_async",
    "DEFAULT_TIMEOUT": "._facade",
    "Credentials": "._credentials",
    "VenueClock": "._clock",
    "BinanceAuth": "._signing",
    "MexcAuth": "._signing",
    "BingxAuth": "._signing",
    "BatchCancelResult": "._results",
    "CancelAllReport": "._results",
    "SymbolSweep": "._results",
    "Order": "cancelkit_models",
    "DeadManSwitch": "cancelkit_models",
    "CancelResult": "cancelkit_models",
    "OrderListCancelResult": "cancelkit_models",
    "OrderStatus": "cancelkit_models",
    "Venue": "cancelkit_models",
    "redact_url": "._redact",
    "RateLimitStatus": "._ratelimit",
    "VenueName": "._venues",
    "HTTP11Transport": "._transport",
    "AsyncHTTP11Transport": "._transport_async",
}
_ERRORS = (
    "CancelKitError",
    "InvalidArgument",
    "ConfigurationError",
    "InvalidRequest",
    "OrderNotFound",
    "OrderArchived",
    "CancelRestricted",
    "CancelRejected",
    "AuthenticationError",
    "TimestampError",
    "RateLimited",
    "ConnectionFailed",
    "ClockSyncError",
    "OutcomeUnknown",
    "MalformedResponse",
)
_EXPORTS.update(dict.fromkeys(_ERRORS, "._errors"))

__all__ = [
    "DEFAULT_TIMEOUT",
    "AsyncCancelClient",
    "AsyncHTTP11Transport",
    "AuthenticationError",
    "BatchCancelResult",
    "BinanceAuth",
    "BingxAuth",
    "CancelAllReport",
    "CancelClient",
    "CancelKitError",
    "CancelRejected",
    "CancelRestricted",
    "CancelResult",
    "ClockSyncError",
    "ConfigurationError",
    "ConnectionFailed",
    "Credentials",
    "DeadManSwitch",
    "HTTP11Transport",
    "InvalidArgument",
    "InvalidRequest",
    "MalformedResponse",
    "MexcAuth",
    "Order",
    "OrderArchived",
    "OrderListCancelResult",
    "OrderNotFound",
    "OrderStatus",
    "OutcomeUnknown",
    "RateLimitStatus",
    "RateLimited",
    "SymbolSweep",
    "TimestampError",
    "Venue",
    "VenueClock",
    "VenueName",
    "redact_url",
]

if TYPE_CHECKING:
    from cancelkit_models import CancelResult, DeadManSwitch, Order, OrderListCancelResult, OrderStatus, Venue

    from ._clock import VenueClock
    from ._credentials import Credentials
    from ._errors import (
        AuthenticationError,
        CancelKitError,
        CancelRejected,
        CancelRestricted,
        ClockSyncError,
        ConfigurationError,
        ConnectionFailed,
        InvalidArgument,
        InvalidRequest,
        MalformedResponse,
        OrderArchived,
        OrderNotFound,
        OutcomeUnknown,
        RateLimited,
        TimestampError,
    )
    from ._facade import DEFAULT_TIMEOUT, CancelClient
    from ._facade_async import AsyncCancelClient
    from ._ratelimit import RateLimitStatus
    from ._redact import redact_url
    from ._results import BatchCancelResult, CancelAllReport, SymbolSweep
    from ._signing import BinanceAuth, BingxAuth, MexcAuth
    from ._transport import HTTP11Transport
    from ._transport_async import AsyncHTTP11Transport
    from ._venues import VenueName


def __getattr__(name: str) -> Any:
    if name == "__version__":  # from the installed package's metadata, read on first use
        from ._version import version

        return version()
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cancelkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS, "__version__"])
