from decimal import Decimal

import pytest

from mhdesk.core.parsing import Amount, ParseError, parse_amount, parse_currency


@pytest.mark.parametrize(
    ("cell", "value", "currency"),
    [
        # every Budget example of the workbook contract
        ("USD 85,000", "85000.00", "USD"),
        ("151,232 EUR", "151232.00", "EUR"),
        ("1,315,000.00 CHF", "1315000.00", "CHF"),
        ("40.000 EUR", "40000.00", "EUR"),
        ("580, 000 USD", "580000.00", "USD"),
        ("18 Million USD", "18000000.00", "USD"),
        # forms seen in the publications
        ("USD 1.030,928", "1030928.00", "USD"),
        ("USD 98,316 (year 3)", "98316.00", "USD"),
        ("250,000 USD", "250000.00", "USD"),
        ("842,467 EUR", "842467.00", "EUR"),
        ("USD 2.8 million", "2800000.00", "USD"),
        ("USD 941M", "941000000.00", "USD"),
        # further typed forms
        ("1.5 million EUR", "1500000.00", "EUR"),
        ("85 000", "85000.00", None),
        ("85\u00a0000 EUR", "85000.00", "EUR"),
        ("85000", "85000.00", None),
        ("€ 1,000", "1000.00", "EUR"),
        ("€1,000.50", "1000.50", "EUR"),
        ("$500", "500.00", "USD"),
        ("US$ 500", "500.00", "USD"),
        ("£ 20", "20.00", "GBP"),
        ("usd85,000", "85000.00", "USD"),
        ("85,000USD", "85000.00", "USD"),
        ("1.234.567,89 EUR", "1234567.89", "EUR"),
        ("1,234.5", "1234.50", None),
        ("12,34", "12.34", None),
        ("100 MKD", "100.00", "MKD"),
        ("1'315'000 CHF", "1315000.00", "CHF"),
        ("CHF 1'000.-", "1000.00", "CHF"),
        ("290,500 EUR", "290500.00", "EUR"),
        ("0.125", "0.13", None),
        ("12.345.678", "12345678.00", None),
        ("50k", "50000.00", None),
        ("1.250 million USD", "1250000.00", "USD"),
        ("3 thousand EUR", "3000.00", "EUR"),
        ("EUR 100 EUR", "100.00", "EUR"),
        ("0", "0.00", None),
        ("TJS 600", "600.00", "TJS"),
    ],
)
def test_typed_amounts(cell, value, currency):
    assert parse_amount(cell) == Amount(Decimal(value), currency)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        (85000.0, "85000.00"),
        (85000, "85000.00"),
        (0.1 + 0.2, "0.30"),
        (1234.565, "1234.57"),
        (1e7, "10000000.00"),
        (Decimal("151232.4"), "151232.40"),
    ],
)
def test_numeric_cells(cell, value):
    amount = parse_amount(cell)
    assert amount == Amount(Decimal(value), None)
    assert str(amount.value) == value


def test_result_always_has_two_places():
    assert parse_amount("USD 85,000").value.as_tuple().exponent == -2
    assert parse_amount(7).value.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("about 50k", '"about 50k" is not an amount'),
        ("fifty thousand", '"fifty thousand" is not an amount'),
        ("USD", '"USD" is not an amount'),
        ("1,23,456", '"1,23,456" is not an amount'),
        ("1234,567.5", '"1234,567.5" is not an amount'),
        ("1.000,000.5", '"1.000,000.5" is not an amount'),
        ("85 00", '"85 00" is not an amount'),
        ("USD 28+ million", '"USD 28+ million" is not an amount'),
        ("", "an empty cell is not an amount"),
        (None, "an empty cell is not an amount"),
        (True, '"True" is not an amount'),
        (float("nan"), '"nan" is not an amount'),
        ("-500", '"-500" is negative; amounts must be zero or more'),
        ("USD -500", '"USD -500" is negative; amounts must be zero or more'),
        (-1.5, '"-1.5" is negative; amounts must be zero or more'),
        ("100 XYZ", '"100 XYZ" has an unknown currency "XYZ"'),
        ("USD 100 EUR", '"USD 100 EUR" names two different currencies'),
    ],
)
def test_rejected_amounts_quote_the_cell(cell, message):
    with pytest.raises(ParseError) as caught:
        parse_amount(cell)
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


def test_amount_prints_with_currency():
    assert str(parse_amount("1315000 CHF")) == "CHF 1,315,000.00"
    assert str(parse_amount("1315000")) == "1,315,000.00"


@pytest.mark.parametrize(
    ("cell", "code"),
    [("USD", "USD"), ("eur", "EUR"), (" CHF ", "CHF"), ("€", "EUR"), ("$", "USD"), ("£", "GBP"), ("US$", "USD")],
)
def test_currencies(cell, code):
    assert parse_currency(cell) == code


@pytest.mark.parametrize("cell", ["dollars", "XYZ", "", None])
def test_unknown_currency(cell):
    with pytest.raises(ParseError, match="is not a known currency"):
        parse_currency(cell)
