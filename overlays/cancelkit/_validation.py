"""Checks on facade arguments, run before anything is sent. Each raises InvalidArgument saying what is wrong."""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from ._errors import InvalidArgument

_ASSET = re.compile(r"[A-Z0-9]{1,20}")
_NATIVE = re.compile(r"[A-Z0-9]{2,40}")
MAX_RECV_WINDOW_MS = 60000
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
MAX_SYMBOL_BYTES = 255  # Binance's SBE schema: a symbol is a UTF-8 string of at most 255 bytes


def _unicode_name(text: str) -> bool:
    """An asset or symbol name of ASCII capitals and digits and non-ASCII letters, marks, digits or symbols (Binance
    lists pairs such as 这是测试币456 since 2025-12): never a control character, a space or an invisible format
    character."""
    return bool(text) and all(
        ("A" <= char <= "Z" or "0" <= char <= "9") or (not char.isascii() and unicodedata.category(char)[0] in "LMNS")
        for char in text
    )


def venue_symbol(symbol: object, *, venue: str, joiner: str, unicode: bool = False) -> str:
    """A unified (`BTC/USDT`) or venue-native (`BTCUSDT`, `BTC-USDT`) symbol as the venue writes it, with no market
    list: `joiner` is "" for Binance and MEXC, "-" for BingX; `unicode`: the venue lists non-ASCII symbols."""
    if not isinstance(symbol, str) or not symbol.strip():
        raise InvalidArgument(f"symbol must be a non-empty string, got {symbol!r}", venue=venue)
    return _venue_symbol(symbol, venue, joiner, unicode)


@functools.lru_cache(maxsize=4096)  # a trading system cancels on few symbols, over and over
def _venue_symbol(symbol: str, venue: str, joiner: str, unicode: bool) -> str:
    text = symbol.strip().translate(_ASCII_UPPER)  # never str.upper(): it turns "ß" into "SS"
    parts = re.split(r"[/\-_:]", text)
    if unicode and len(text.encode()) <= MAX_SYMBOL_BYTES:
        if len(parts) == 2 and all(map(_unicode_name, parts)):
            return joiner.join(parts)
        if len(parts) == 1 and _unicode_name(text) and not text.isascii():
            return text
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


def recv_window(value: object, *, venue: str, decimals: int, maximum: int = MAX_RECV_WINDOW_MS) -> str:
    """recvWindow in milliseconds as sent: greater than 0, at most `maximum`, with at most `decimals` decimals."""
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise InvalidArgument(f"recv_window must be an int, a Decimal or a string, not {type(value).__name__}")
    try:
        window = Decimal(value)
    except InvalidOperation:
        raise InvalidArgument(f"recv_window {value!r} is not a number", venue=venue) from None
    if not window.is_finite() or window <= 0 or window > maximum:
        raise InvalidArgument(f"recv_window must be above 0 and at most {maximum} ms, got {value}", venue=venue)
    exponent = window.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > decimals:
        allowed = f"at most {decimals} decimals" if decimals else "whole milliseconds"
        raise InvalidArgument(f"recv_window {value} has too many decimals: {venue} takes {allowed}", venue=venue)
    return format(window.normalize(), "f")


def at_least_one(name_a: str, a: object, name_b: str, b: object, *, venue: str) -> None:
    if a is None and b is None:
        raise InvalidArgument(f"give {name_a} or {name_b}", venue=venue)
