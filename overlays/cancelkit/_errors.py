"""One error taxonomy for every venue.

Every error says whether the order may have been canceled anyway (`may_have_canceled`) and whether sending the same
cancel again is safe and may succeed (`retryable`). A cancel never fails silently: it returns a result or raises one
of these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

# What a generated parser raises on a body it cannot read, and what Decimal raises on a bad number.
# RecursionError: a body nested deeper than the parser goes (`[[[[...]]]]`).
PARSE_ERRORS = (ValueError, KeyError, TypeError, AttributeError, ArithmeticError, RecursionError)

if TYPE_CHECKING:
    from cancelkit_models import CancelResult, Order


class CancelKitError(Exception):
    """Base of every cancelkit error."""

    may_have_canceled: ClassVar[bool] = False
    retryable: ClassVar[bool] = False

    def __init__(
        self,
        message: str,
        *,
        venue: str | None = None,
        code: int | str | None = None,
        http_status: int | None = None,
        symbol: str | None = None,
        order_id: str | None = None,
        client_order_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.venue = venue
        self.code = code
        self.http_status = http_status
        self.symbol = symbol
        self.order_id = order_id
        self.client_order_id = client_order_id

    def __str__(self) -> str:
        where = ", ".join(
            f"{name}={value}"
            for name, value in (
                ("venue", self.venue),
                ("code", self.code),
                ("http_status", self.http_status),
                ("symbol", self.symbol),
                ("order_id", self.order_id),
                ("client_order_id", self.client_order_id),
            )
            if value is not None
        )
        return f"{self.message} ({where})" if where else self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r}, may_have_canceled={self.may_have_canceled})"


class InvalidArgument(CancelKitError, ValueError):
    """Bad input, refused before anything was sent."""


class ConfigurationError(CancelKitError):
    """The client cannot be built as asked: missing credentials, an unknown venue or environment."""


class InvalidRequest(CancelKitError):
    """The venue refused the request as malformed (-1102, -1145, 700004, 100400, ...)."""


class OrderNotFound(CancelKitError):
    """The venue knows no open order by that id: it never existed, or is already filled, canceled or expired.
    `order`: the order as the venue reported it, where cancelkit asked (after a lost answer): its final status and
    executed quantity."""

    def __init__(self, message: str, *, order: Order | None = None, **context: Any) -> None:
        super().__init__(message, **context)
        self.order = order


class OrderArchived(OrderNotFound):
    """Binance -2026: the order was canceled or expired, with nothing executed, over 90 days ago, and archived."""


class NothingOpen(OrderNotFound):
    """The venue says there was nothing open to cancel (Binance's cancel-all on an empty symbol); the facade's
    cancel-all returns an empty list instead."""


class CancelRestricted(CancelKitError):
    """The order's status did not pass the cancel restriction; it is still open."""


class CancelRejected(CancelKitError):
    """The venue refused the cancel for another reason it gave; the order was not canceled by this request."""


class AuthenticationError(CancelKitError):
    """The key, the signature, the IP whitelist or the key's permissions were refused."""


class TimestampError(CancelKitError):
    """The venue rejected the request's timestamp (outside recvWindow, or ahead of its clock)."""

    retryable = True


class RateLimited(CancelKitError):
    """Too many requests (429, -1003, 100410), or the IP is banned (418). Wait `retry_after` seconds."""

    retryable = True

    def __init__(self, message: str, *, retry_after: float | None = None, banned: bool = False, **context: Any):
        super().__init__(message, **context)
        self.retry_after = retry_after
        self.banned = banned


class ConnectionFailed(CancelKitError):
    """No connection could be made: the request was provably not sent. Safe to retry."""

    retryable = True


class ClockSyncError(CancelKitError):
    """The venue's server time could not be read, so the cancel was not sent. Safe to retry."""

    retryable = True


class OutcomeUnknown(CancelKitError):
    """The request may have reached the venue and the order may be canceled: a 5XX, -1006/-1007, BingX 504, or a
    timeout or broken connection after sending. The clients ask the venue what happened (resolve_unknown=True, the
    default) and raise this only when it could not tell in time: `learned` says what each attempt found. After a
    cancel of every open order on a symbol, `verified_empty` is True when the symbol was seen empty afterwards, and
    `results` holds what sending it again canceled."""

    may_have_canceled = True

    def __init__(
        self,
        message: str,
        *,
        learned: tuple[str, ...] = (),
        verified_empty: bool | None = None,
        results: tuple[CancelResult, ...] = (),
        **context: Any,
    ) -> None:
        super().__init__(message, **context)
        self.learned = learned
        self.verified_empty = verified_empty
        self.results = results


class MalformedResponse(OutcomeUnknown):
    """The venue answered with success but a body cancelkit cannot read: the order may well be canceled."""
