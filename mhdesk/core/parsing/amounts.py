"""Money amounts typed in many ways: ``USD 85,000``, ``151,232 EUR``,
``1.808.229,44 USD``, ``18 Million USD``, ``€ 45.500``. Digit separators
follow the rules in :mod:`numbers`; currencies are those of :mod:`currencies`.

The one rounding rule for money: an amount keeps whole hundredths (whatever
the currency's own minor unit); a third decimal or beyond rounds to the
nearest hundredth, a half away from zero (``0.125`` -> ``0.13``,
``2.675`` -> ``2.68``), as a spreadsheet's ``ROUND(x, 2)`` does. The import,
the project editor and the database column all apply it through
:func:`round_amount`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .currencies import currency_code
from .errors import ParseError
from .numbers import decimal_from_digits, decimal_from_float
from .text import clean_text

__all__ = ["Amount", "format_amount", "parse_amount", "round_amount"]

CENT = Decimal("0.01")
# Far beyond any budget, and within what hundredths keep exactly (and what the database stores).
MAX_AMOUNT = Decimal("1e15")

_MULTIPLIERS = {
    "k": Decimal(1_000),
    "thousand": Decimal(1_000),
    "m": Decimal(1_000_000),
    "mn": Decimal(1_000_000),
    "mln": Decimal(1_000_000),
    "million": Decimal(1_000_000),
    "millions": Decimal(1_000_000),
    "bn": Decimal(1_000_000_000),
    "billion": Decimal(1_000_000_000),
    "billions": Decimal(1_000_000_000),
}

_CURRENCY = r"US\$|[€$£]|[A-Za-z]{3}(?![A-Za-z])"
_MULTIPLIER_WORDS = "|".join(sorted(_MULTIPLIERS, key=len, reverse=True))
_AMOUNT = re.compile(
    rf"""
    (?P<sign>[-−–])? \s*
    (?P<before>{_CURRENCY})? \s*
    (?P<sign2>[-−–])? \s*
    (?P<number>\d[\d.,'’\ ]*?)
    (?:[.,][-–])? \s*                                  # Swiss "1'000.-"
    (?:(?P<multiplier>{_MULTIPLIER_WORDS})(?![A-Za-z]))? \s*
    (?P<after>{_CURRENCY})?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def round_amount(value: Decimal) -> Decimal:
    """The amount in whole hundredths, by the module's rounding rule."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_amount(value: Decimal, currency: str | None = None) -> str:
    """``USD 1,808,229.44``: the form that :func:`parse_amount` reads back to the same amount."""
    figure = f"{round_amount(value):,.2f}"
    return f"{currency} {figure}" if currency else figure


@dataclass(frozen=True)
class Amount:
    """An amount of money, always with two decimal places; the currency is
    an ISO code, or ``None`` when the text did not say."""

    value: Decimal
    currency: str | None = None

    def __str__(self) -> str:
        return format_amount(self.value, self.currency)


def parse_amount(value: Any) -> Amount:
    """Read a non-negative amount from a number or from typed text.

    Accepted text: a number with separators (see :mod:`numbers`), an
    optional multiplier word (``million``, ``thousand``, ``k``, ``bn``), a
    currency code or symbol before or after, and a trailing note in
    parentheses, which is ignored (``USD 98,316 (year 3)``).
    """
    if isinstance(value, bool):
        raise ParseError(value, "is not an amount")
    if isinstance(value, (int, float, Decimal)):
        number = decimal_from_float(value) if isinstance(value, float) else Decimal(value)
        return _checked(value, number, None)
    text = clean_text(value)
    while _TRAILING_NOTE.search(text):
        text = _TRAILING_NOTE.sub("", text)
    match = _AMOUNT.fullmatch(text)
    if not match:
        raise ParseError(value, "is not an amount")
    multiplier = match["multiplier"]
    number = decimal_from_digits(match["number"], single_mark_is_decimal=bool(multiplier))
    if number is None:
        raise ParseError(value, "is not an amount")
    if multiplier:
        number *= _MULTIPLIERS[multiplier.lower()]
    if match["sign"] or match["sign2"]:
        number = -number
    return _checked(value, number, _currency_of(value, match["before"], match["after"]))


def _currency_of(value: Any, before: str | None, after: str | None) -> str | None:
    codes = []
    for written in filter(None, (before, after)):
        code = currency_code(written)
        if code is None:
            raise ParseError(value, f'has an unknown currency "{written}"')
        codes.append(code)
    if len(codes) == 2 and codes[0] != codes[1]:
        raise ParseError(value, "names two different currencies")
    return codes[0] if codes else None


def _checked(value: Any, number: Decimal, currency: str | None) -> Amount:
    if not number.is_finite():
        raise ParseError(value, "is not an amount")
    if number < 0:
        raise ParseError(value, "is negative; amounts must be zero or more")
    if number >= MAX_AMOUNT:
        raise ParseError(value, "is too large to be an amount")
    return Amount(round_amount(number), currency)
