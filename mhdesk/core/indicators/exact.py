"""Indicator values as stored: the value times 10**decimals of its indicator, a whole number.

A count (0 decimals) is stored as the whole number it is; an indicator whose unit allows
decimals keeps exactly as many as it allows. Nothing is ever rounded: a value with more
decimals than its indicator allows is refused with a sentence saying why.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


class NotExact(ValueError):
    """The value cannot be stored for this indicator without changing it."""


def to_stored(value: Decimal | int | str, decimals: int) -> int:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        scaled = number.scaleb(decimals)
        whole = scaled == scaled.to_integral_value()
    except InvalidOperation:
        raise NotExact(f'"{value}" is not a number') from None
    if not number.is_finite():
        raise NotExact(f'"{value}" is not a number')
    if not whole:
        if decimals == 0:
            raise NotExact(f"{_plain(number)} has a fractional part, but this indicator counts whole things")
        raise NotExact(f"{_plain(number)} has more than {decimals} decimal{'s' if decimals > 1 else ''}, "
                       "the most this indicator allows")
    return int(scaled)


def from_stored(stored: int, decimals: int) -> Decimal:
    """83219 -> Decimal('83219') for a count; 1250 with 2 decimals -> Decimal('12.50')."""
    return Decimal(int(stored)).scaleb(-decimals) if decimals else Decimal(int(stored))


def shown(value: Decimal | None) -> str:
    """A figure for a message or a cell: thousands separated, decimals only when it has some."""
    if value is None:
        return ""
    return f"{value:,f}" if value != value.to_integral_value() else f"{int(value):,}"


def _plain(number: Decimal) -> str:
    return f"{number:f}"
