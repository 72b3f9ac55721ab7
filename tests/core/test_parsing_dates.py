from datetime import date, datetime

import pytest

from mhdesk.core.parsing import ParseError, last_day_of_month, parse_date, parse_date_with_precision, parse_year
from mhdesk.core.parsing.dates import excel_serial_to_date


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # the contract's Start/End/Date submitted examples
        ("2019-06-01", date(2019, 6, 1)),
        ("1 June 2019", date(2019, 6, 1)),
        ("15 January 2020", date(2020, 1, 15)),
        # date cells as a workbook reader returns them
        (date(2019, 6, 1), date(2019, 6, 1)),
        (datetime(2019, 6, 1, 14, 30), date(2019, 6, 1)),
        (43617, date(2019, 6, 1)),
        (43617.0, date(2019, 6, 1)),
        (43617.75, date(2019, 6, 1)),
        (43861, date(2020, 1, 31)),
        (43831, date(2020, 1, 1)),
        # other typed forms, numeric ones day first
        ("01.06.2019", date(2019, 6, 1)),
        ("01/06/2019", date(2019, 6, 1)),
        ("1-6-2019", date(2019, 6, 1)),
        ("31/12/2019", date(2019, 12, 31)),
        ("2019/06/01", date(2019, 6, 1)),
        ("2019-06-01 00:00:00", date(2019, 6, 1)),
        ("2019-06-01T08:15", date(2019, 6, 1)),
        ("1st June 2019", date(2019, 6, 1)),
        ("1st of June, 2019", date(2019, 6, 1)),
        ("June 1, 2019", date(2019, 6, 1)),
        ("01-Jun-2019", date(2019, 6, 1)),
        ("  15  JANUARY  2020 ", date(2020, 1, 15)),
        ("29 February 2020", date(2020, 2, 29)),
    ],
)
def test_days(cell, expected):
    assert parse_date_with_precision(cell) == (expected, "day")
    assert parse_date(cell, end=True) == expected


@pytest.mark.parametrize(
    ("cell", "first", "last"),
    [
        ("June 2019", date(2019, 6, 1), date(2019, 6, 30)),
        ("Jun 2019", date(2019, 6, 1), date(2019, 6, 30)),
        ("06/2019", date(2019, 6, 1), date(2019, 6, 30)),
        ("6.2019", date(2019, 6, 1), date(2019, 6, 30)),
        ("2019-06", date(2019, 6, 1), date(2019, 6, 30)),
        ("November 2019", date(2019, 11, 1), date(2019, 11, 30)),
        ("Sept. 2019", date(2019, 9, 1), date(2019, 9, 30)),
        ("February, 2020", date(2020, 2, 1), date(2020, 2, 29)),
        ("feb-2019", date(2019, 2, 1), date(2019, 2, 28)),
    ],
)
def test_months(cell, first, last):
    assert parse_date_with_precision(cell) == (first, "month")
    assert parse_date_with_precision(cell, end=True) == (last, "month")
    assert parse_date(cell) == first


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("soon", '"soon" is not a date'),
        ("2019", '"2019" is not a date'),
        ("June", '"June" is not a date'),
        ("15 June", '"15 June" is not a date'),
        ("13/2019", '"13/2019" is not a date'),
        ("Juno 2019", '"Juno 2019" is not a date'),
        ("31 June 2019", '"31 June 2019" is not a valid date'),
        ("30/02/2020", '"30/02/2020" is not a valid date'),
        ("", "an empty cell is not a date"),
        (None, "an empty cell is not a date"),
        (True, '"True" is not a date'),
        (2019, '"2019" is not a date'),
        (-3, '"-3" is not a date'),
        (float("nan"), '"nan" is not a date'),
        (60, '"60" is Excel\'s non-existent 29 February 1900, not a date'),
    ],
)
def test_rejected_dates(cell, message):
    with pytest.raises(ParseError) as caught:
        parse_date(cell)
    assert str(caught.value) == message


def test_last_day_of_month():
    assert last_day_of_month(2020, 2) == date(2020, 2, 29)
    assert last_day_of_month(2019, 12) == date(2019, 12, 31)


@pytest.mark.parametrize(("cell", "year"), [(2019, 2019), (2019.0, 2019), ("2019", 2019), (" 2019 ", 2019)])
def test_years(cell, year):
    assert parse_year(cell) == year


@pytest.mark.parametrize("cell", ["19", "2019.5", 2019.5, "twenty", "", None, True, 1200])
def test_rejected_years(cell):
    with pytest.raises(ParseError, match="is not a year"):
        parse_year(cell)


@pytest.mark.parametrize(
    ("serial", "expected"),
    [(1, date(1900, 1, 1)), (59, date(1900, 2, 28)), (61, date(1900, 3, 1)), (43617, date(2019, 6, 1))],
)
def test_excel_serials_follow_the_1900_date_system(serial, expected):
    assert excel_serial_to_date(serial) == expected
