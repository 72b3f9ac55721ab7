"""How values read on screen: money with separators and currency, short dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def money(amount: Decimal | None, currency: str | None) -> str:
    """`170,000 USD`, `290,500.50 EUR`; cents only when there are some."""
    if amount is None:
        return ""
    digits = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{digits} {currency}" if currency else digits


def figure(text: str | None) -> str:
    """A plain figure as the plan stores it (`83219`, `12.5`), with thousands separators: `83,219`."""
    if not text:
        return ""
    try:
        value = Decimal(text)
    except ArithmeticError:
        return text
    return money(value, None)


def plain_amount(amount: Decimal | None) -> str:
    """An amount as typed into a field or pasted into a spreadsheet: `3000000.00`."""
    return "" if amount is None else f"{amount:.2f}"


def day(value: date | None) -> str:
    """`1 Mar 2018`: unambiguous for readers on both sides of the day/month question."""
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"


def iso(value: date | None) -> str:
    return value.isoformat() if value else ""
