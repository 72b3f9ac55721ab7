"""The currencies an amount may be in: ISO 4217 codes, and the symbols people type for a few of them.

The list is ISO 4217's current table (from the ``iso4217`` package, which ships the maintenance agency's
published file), less the entries that are not money one spends (gold, test and "no currency" codes,
which have no minor unit), plus the codes of the region's former currencies, which records of earlier
years still carry.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .errors import ParseError
from .text import clean_text

__all__ = ["COMMON_CURRENCIES", "currency_codes", "currency_code", "parse_currency"]

# Replaced by the euro, but still the currency of projects of their years.
FORMER_CURRENCIES = {"HRK": "Croatian kuna (until 2022)", "BGN": "Bulgarian lev (until 2025)"}


@cache
def currency_codes() -> frozenset[str]:
    """Every code an amount may be in (`CURRENCY_CODES`)."""
    import iso4217  # reading its table takes a while: only when a currency is first checked, not at start

    return frozenset({currency.code for currency in iso4217.Currency if currency.exponent is not None}
                     | set(FORMER_CURRENCIES))


def __getattr__(name: str) -> Any:
    if name == "CURRENCY_CODES":
        return currency_codes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: The currencies donors fund in, offered first wherever a currency is chosen.
COMMON_CURRENCIES = ("USD", "EUR", "CHF", "GBP")

_SYMBOLS = {"€": "EUR", "$": "USD", "US$": "USD", "£": "GBP"}


def currency_code(text: str) -> str | None:
    """The ISO code of a code or symbol as typed (``usd``, ``€``), or ``None`` when it is neither."""
    written = text.strip().upper()
    if written in currency_codes():
        return written
    return _SYMBOLS.get(written)


def parse_currency(value: Any) -> str:
    """Read a currency code or symbol (``usd``, ``€``) as its ISO code."""
    code = currency_code(clean_text(value))
    if code is None:
        raise ParseError(value, "is not a known currency (expected an ISO code such as USD, EUR or CHF)")
    return code
