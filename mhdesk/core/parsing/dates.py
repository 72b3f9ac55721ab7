"""Dates as typed or stored in a workbook.

Numeric dates are read day first (``01/06/2019`` is 1 June 2019), as in the
countries the regional office covers; month names are English, in full or
abbreviated. A month without a day (``June 2019``, ``06/2019``) stands for
its first day, or its last day when the value is the end of something.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from .errors import ParseError
from .text import clean_text

__all__ = [
    "DateParts",
    "Precision",
    "checked_date",
    "date_parts",
    "excel_serial_to_date",
    "last_day_of_month",
    "parse_date",
    "parse_date_with_precision",
    "parse_year",
]

Precision = Literal["day", "month"]

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

# Excel's 1900 date system counts 1 January 1900 as day 1 and, copying an old
# Lotus bug, has a 29 February 1900 (day 60). Serials are only accepted for
# years in which a project or event can plausibly fall.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_LEAP_BUG_SERIAL = 60
_PLAUSIBLE_YEARS = range(1950, 2101)

_NUMERIC_PATTERNS = (
    # 2019-06-01, 2019/06/01, optionally with a time as written by str(datetime)
    re.compile(r"(?P<y>\d{4})([-/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"),
    re.compile(r"(?P<y>\d{4})[-/](?P<m>\d{1,2})"),  # 2019-06
    re.compile(r"(?P<d>\d{1,2})([./-])(?P<m>\d{1,2})\2(?P<y>\d{4})"),  # 01.06.2019
    re.compile(r"(?P<m>\d{1,2})[./-](?P<y>\d{4})"),  # 06/2019
    re.compile(r"(?P<y>\d{4})"),  # 2019
    re.compile(r"(?P<d>\d{1,2})"),  # 28 (the day of a range's start)
)
_NAMED_MONTH_PATTERNS = (
    re.compile(r"(?P<d>\d{1,2})[ ./-]*(?P<month>[a-z]+)\.?(?:[ ./-]*(?P<y>\d{4}))?"),  # 1 June 2019
    re.compile(r"(?P<month>[a-z]+)\.? ?(?P<d>\d{1,2}) (?P<y>\d{4})"),  # June 1, 2019
    re.compile(r"(?P<month>[a-z]+)\.?(?:[ ./-]*(?P<y>\d{4}))?"),  # June 2019, June
)


class DateParts(NamedTuple):
    """What a date text gives; any part may be missing (``March``, ``28 February``)."""

    year: int | None
    month: int | None
    day: int | None


def date_parts(text: str) -> DateParts | None:
    """Split a date text into year, month and day, or ``None`` if it is not
    a date at all. A day that does not exist in its month is not checked here."""
    text = _normalised(text)
    for pattern in _NUMERIC_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            found = match.groupdict()
            return _parts(found.get("y"), found.get("m"), found.get("d"))
    for pattern in _NAMED_MONTH_PATTERNS:
        match = pattern.fullmatch(text)
        if match and match["month"] in MONTHS:
            month = str(MONTHS[match["month"]])
            return _parts(match["y"], month, match.groupdict().get("d"))
    return None


def _normalised(text: str) -> str:
    text = clean_text(text).lower().replace(",", " ")
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"\bof\b", " ", text)
    return re.sub(r" {2,}", " ", text).strip()


def _parts(year: str | None, month: str | None, day: str | None) -> DateParts | None:
    parts = DateParts(*(int(part) if part else None for part in (year, month, day)))
    if parts.month is not None and not 1 <= parts.month <= 12:
        return None
    if parts.day is not None and not 1 <= parts.day <= 31:
        return None
    return parts


def last_day_of_month(year: int, month: int) -> date:
    """The last day of a month (``2020, 2`` -> 29 February 2020)."""
    return date(year, month, calendar.monthrange(year, month)[1])


def excel_serial_to_date(serial: float) -> date:
    """Convert an Excel serial day number (1900 date system); a fraction of a
    day (the time) is dropped."""
    whole = int(serial)
    if whole == _EXCEL_LEAP_BUG_SERIAL:
        raise ParseError(serial, "is Excel's non-existent 29 February 1900, not a date")
    if whole < _EXCEL_LEAP_BUG_SERIAL:
        whole += 1
    return _EXCEL_EPOCH + timedelta(days=whole)


def parse_date_with_precision(value: Any, *, end: bool = False) -> tuple[date, Precision]:
    """Read a date and say whether it was given to the day or to the month.

    A month-only value gives the month's first day, or its last day when
    *end* is true.
    """
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return _from_serial(value), "day"
    parts = date_parts(clean_text(value)) if isinstance(value, str) else None
    if parts is None or parts.year is None or parts.month is None:
        raise ParseError(value, "is not a date")
    if parts.day is None:
        first_or_last = last_day_of_month(parts.year, parts.month) if end else date(parts.year, parts.month, 1)
        return first_or_last, "month"
    return checked_date(value, parts.year, parts.month, parts.day), "day"


def parse_date(value: Any, *, end: bool = False) -> date:
    """Read a date (see :func:`parse_date_with_precision`)."""
    return parse_date_with_precision(value, end=end)[0]


def checked_date(value: Any, year: int, month: int, day: int) -> date:
    """Build a date, reporting a day that its month does not have."""
    try:
        return date(year, month, day)
    except ValueError:
        raise ParseError(value, "is not a valid date") from None


def _from_serial(value: float | int | Decimal) -> date:
    if isinstance(value, Decimal) and not value.is_finite():  # a signalling NaN cannot even be compared
        raise ParseError(value, "is not a date")
    if value != value or not 0 < value < 2_958_466:  # NaN or outside Excel's range
        raise ParseError(value, "is not a date")
    result = excel_serial_to_date(float(value))
    if result.year not in _PLAUSIBLE_YEARS:
        raise ParseError(value, "is not a date")
    return result


def parse_year(value: Any) -> int:
    """Read a four-digit year (``2019``, ``2019.0``, ``" 2019 "``)."""
    if isinstance(value, bool):
        raise ParseError(value, "is not a year")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(value)
    if not re.fullmatch(r"\d{4}", text) or int(text) not in _PLAUSIBLE_YEARS:
        raise ParseError(value, "is not a year")
    return int(text)
