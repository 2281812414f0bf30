"""Checks on facade arguments, run before anything is sent. Each raises InvalidArgument saying what is wrong."""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation

from ._errors import InvalidArgument

_ASSET = re.compile(r"[A-Z0-9]{1,20}")
_NATIVE = re.compile(r"[A-Z0-9]{2,40}")
MAX_RECV_WINDOW_MS = 60000


def venue_symbol(symbol: object, *, venue: str, joiner: str) -> str:
    """A unified (`BTC/USDT`) or venue-native (`BTCUSDT`, `BTC-USDT`) symbol as the venue writes it, with no market
    list: `joiner` is "" for Binance and MEXC, "-" for BingX."""
    if not isinstance(symbol, str) or not symbol.strip():
        raise InvalidArgument(f"symbol must be a non-empty string, got {symbol!r}", venue=venue)
    return _venue_symbol(symbol, venue, joiner)


@functools.lru_cache(maxsize=4096)  # a trading system cancels on few symbols, over and over
def _venue_symbol(symbol: str, venue: str, joiner: str) -> str:
    text = symbol.strip().upper()
    parts = re.split(r"[/\-_:]", text)
    if len(parts) == 2 and all(_ASSET.fullmatch(part) for part in parts):
        return joiner.join(parts)
    if len(parts) == 1 and _NATIVE.fullmatch(text):
        if joiner:
            raise InvalidArgument(
                f"{venue} needs the base and quote apart: write {symbol!r} as BASE/QUOTE or BASE{joiner}QUOTE",
                venue=venue,
            )
        return text
    raise InvalidArgument(f"{symbol!r} is not a symbol: use BASE/QUOTE (BTC/USDT) or the venue's form", venue=venue)


def integer_id(value: object, *, name: str, venue: str) -> int:
    """An exchange id that the venue types as an integer; digit strings are accepted and kept exact."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidArgument(f"{name} must be an integer or a string of digits, got {value!r}", venue=venue)
    if isinstance(value, str):
        if not value.isascii() or not value.isdigit():
            raise InvalidArgument(f"{name} must be digits only, got {value!r}", venue=venue)
        value = int(value)
    if value < 0:
        raise InvalidArgument(f"{name} must not be negative, got {value}", venue=venue)
    return value


def string_id(value: object, *, name: str, venue: str, pattern: re.Pattern[str] | None = None, max_len: int) -> str:
    """A client order id, or an exchange id that the venue types as a string."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value:
        raise InvalidArgument(f"{name} must be a non-empty string, got {value!r}", venue=venue)
    if len(value) > max_len:
        raise InvalidArgument(f"{name} is {len(value)} characters long; {venue} takes at most {max_len}", venue=venue)
    if pattern is not None and not pattern.fullmatch(value):
        raise InvalidArgument(f"{name} {value!r} has characters {venue} refuses ({pattern.pattern})", venue=venue)
    if any(ch in value for ch in "\r\n\t ,") and pattern is None:
        raise InvalidArgument(f"{name} {value!r} must not hold spaces, commas or control characters", venue=venue)
    return value


def recv_window(value: object, *, venue: str, decimals: int) -> str:
    """recvWindow in milliseconds as sent: greater than 0, at most 60000, with at most `decimals` decimals."""
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise InvalidArgument(f"recv_window must be an int, a Decimal or a string, not {type(value).__name__}")
    try:
        window = Decimal(value)
    except InvalidOperation:
        raise InvalidArgument(f"recv_window {value!r} is not a number", venue=venue) from None
    if not window.is_finite() or window <= 0 or window > MAX_RECV_WINDOW_MS:
        raise InvalidArgument(
            f"recv_window must be above 0 and at most {MAX_RECV_WINDOW_MS} ms, got {value}", venue=venue
        )
    exponent = window.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > decimals:
        allowed = f"at most {decimals} decimals" if decimals else "whole milliseconds"
        raise InvalidArgument(f"recv_window {value} has too many decimals: {venue} takes {allowed}", venue=venue)
    return format(window.normalize(), "f")


def choice(value: object, *, name: str, allowed: tuple[str, ...], venue: str) -> str:
    if not allowed:
        raise InvalidArgument(f"{venue} does not support {name}", venue=venue)
    if value not in allowed:
        raise InvalidArgument(f"{name} must be one of {', '.join(allowed)} on {venue}, got {value!r}", venue=venue)
    return str(value)


def at_least_one(name_a: str, a: object, name_b: str, b: object, *, venue: str) -> None:
    if a is None and b is None:
        raise InvalidArgument(f"give {name_a} or {name_b}", venue=venue)
