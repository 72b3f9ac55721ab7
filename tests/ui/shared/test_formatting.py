"""How figures, money and dates read on screen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mhdesk.ui.shared.formatting import day, figure, money


@pytest.mark.parametrize("stored, shown", [("83219", "83,219"), ("3950", "3,950"), ("12.5", "12.50"), ("", ""),
                                           (None, ""), ("n/a", "n/a")])
def test_plan_figures_get_thousands_separators(stored, shown):
    assert figure(stored) == shown


def test_money_and_days():
    assert money(Decimal("1030928.00"), "USD") == "1,030,928 USD"
    assert money(Decimal("290500.50"), "EUR") == "290,500.50 EUR"
    assert money(None, "USD") == ""
    assert day(date(2018, 3, 1)) == "1 Mar 2018"
