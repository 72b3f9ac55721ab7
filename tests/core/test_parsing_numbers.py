from decimal import Decimal

import pytest

from mhdesk.core.parsing import ParseError, parse_count, parse_number


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        # every Value example of the workbook contract
        ("83219", "83219"),
        ("83,219", "83219"),
        ("83 219", "83219"),
        # further forms
        ("83219.0", "83219.0"),
        (83219.0, "83219.0"),
        (83219, "83219"),
        (Decimal("83219"), "83219"),
        ("83\u00a0219", "83219"),
        ("83\u202f219", "83219"),
        (" 273,284 ", "273284"),
        ("1,234,567", "1234567"),
        ("1.234.567", "1234567"),
        ("12.5", "12.5"),
        ("0", "0"),
        (0.1, "0.1"),
    ],
)
def test_numbers(cell, number):
    assert parse_number(cell) == Decimal(number)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("many", '"many" is not a number'),
        ("83219 people", '"83219 people" is not a number'),
        ("", "an empty cell is not a number"),
        (None, "an empty cell is not a number"),
        (False, '"False" is not a number'),
        (float("inf"), '"inf" is not a number'),
        ("-5", '"-5" is negative; a number of zero or more is expected'),
        (-5, '"-5" is negative; a number of zero or more is expected'),
        ("8,3,2", '"8,3,2" is not a number'),
    ],
)
def test_rejected_numbers(cell, message):
    with pytest.raises(ParseError) as caught:
        parse_number(cell)
    assert str(caught.value) == message


@pytest.mark.parametrize(("cell", "count"), [("83,219", 83219), (120.0, 120), ("120.0", 120), (0, 0), ("5 150", 5150)])
def test_counts(cell, count):
    assert parse_count(cell) == count
    assert isinstance(parse_count(cell), int)


@pytest.mark.parametrize(
    ("cell", "message"),
    [(12.5, '"12.5" is not a whole number'), ("1,5", '"1,5" is not a whole number'), ("-1", '"-1" is negative')],
)
def test_rejected_counts(cell, message):
    with pytest.raises(ParseError) as caught:
        parse_count(cell)
    assert str(caught.value).startswith(message)
