"""Project durations typed as text, e.g. ``1 June 2019—31 May 2020`` or
``March-November 2017 (no cost extension to March 2018)``.

Rules:

* The two ends are separated by a dash (``-``, en or em dash, spaces
  optional), ``to``, ``until`` or ``till``; a leading ``from`` is ignored.
* The start may leave out what the end gives: ``March-November 2017``
  takes the end's year, ``28 February—1 March 2017`` too, and ``1-15 June
  2019`` the end's month as well. If the start would then fall after the
  end, it is taken from the year before (``November-March 2018``).
* A start given to the month is the month's first day, an end its last day;
  a year alone (``2017-2019``) is 1 January or 31 December.
* An open end (``June 2019 – ongoing``, ``since June 2019``) gives no end.
* ``12 months (…)`` reads the range in brackets; a bracketed or trailing
  ``no cost extension to …`` / ``extended until …`` gives ``extended_to``
  (month-only: last day); any other bracketed note at the end is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .dates import DateParts, checked_date, date_parts, last_day_of_month
from .errors import ParseError
from .text import clean_text

__all__ = ["Duration", "parse_duration"]

_NOT_A_DURATION = "is not a duration (expected e.g. 1 June 2019 – 31 May 2020)"
_RANGE_SEPARATOR = re.compile(r" ?(?:[-‐‑‒–—―−]|\b(?:to|until|till|through)\b) ?", re.IGNORECASE)
_EXTENSION = re.compile(
    r"[(,;]? ?(?:no[ -]?cost )?(?:extension|extended|nce)\b[^()]*?\b(?:to|until|till|through)\b:? ?"
    r"(?P<until>[^()]+?) ?\)?$",
    re.IGNORECASE,
)
_LENGTH_THEN_RANGE = re.compile(r"\d+ ?(?:months?|years?|weeks?)\.? ?\((?P<range>[^()]+)\)", re.IGNORECASE)
_TRAILING_NOTE = re.compile(r" ?\([^()]*\)$")
_LEADING_FROM = re.compile(r"^from ", re.IGNORECASE)
_START_ONLY = re.compile(r"^since ", re.IGNORECASE)
_OPEN_END = re.compile(r"ongoing|on-going|present|now|open[ -]ended", re.IGNORECASE)


@dataclass(frozen=True)
class Duration:
    """A project's start and end, and the end of a no-cost extension."""

    start: date | None
    end: date | None
    extended_to: date | None = None


def parse_duration(value: Any) -> Duration:
    """Read a typed duration (see the module rules); ``ParseError`` otherwise."""
    text = clean_text(value) if isinstance(value, str) else ""
    extended_to = None
    extension = _EXTENSION.search(text)
    if extension:
        extended_to = _extension_end(value, extension["until"])
        text = text[: extension.start()].strip()
    inner = _LENGTH_THEN_RANGE.fullmatch(text)
    if inner:
        text = inner["range"].strip()
    while _TRAILING_NOTE.search(text):
        text = _TRAILING_NOTE.sub("", text)
    text = _LEADING_FROM.sub("", text)
    start, end = _split_range(value, text)
    if end is not None and end < start:
        raise ParseError(value, "ends before it starts")
    if extended_to is not None and end is not None and extended_to < end:
        raise ParseError(value, "has an extension that ends before the project does")
    return Duration(start, end, extended_to)


def _extension_end(value: Any, text: str) -> date:
    parts = date_parts(text)
    if parts is None or parts.year is None:
        raise ParseError(value, "has an extension date that is not a date")
    return _end_date(value, parts)


def _split_range(value: Any, text: str) -> tuple[date, date | None]:
    """Try each separator in turn; the first that leaves a date on both
    sides wins, so hyphens inside ``2019-06-01`` are not taken for one."""
    for separator in _RANGE_SEPARATOR.finditer(text):
        start_text, end_text = text[: separator.start()], text[separator.end() :]
        if _OPEN_END.fullmatch(end_text):
            return _start_only(value, start_text), None
        ends = _range_ends(value, start_text, end_text)
        if ends is not None:
            return ends
    if _START_ONLY.match(text):
        return _start_only(value, _START_ONLY.sub("", text)), None
    raise ParseError(value, _NOT_A_DURATION)


def _range_ends(value: Any, start_text: str, end_text: str) -> tuple[date, date] | None:
    start_parts, end_parts = date_parts(start_text), date_parts(end_text)
    if start_parts is None or end_parts is None or end_parts.year is None:
        return None
    completed = _completed_start(start_parts, end_parts)
    if completed is None:
        return None
    start, end = _start_date(value, completed), _end_date(value, end_parts)
    if start > end and start_parts.year is None and start_parts.month is not None:  # November-March 2018
        start = _start_date(value, completed._replace(year=completed.year - 1))
    return start, end


def _start_only(value: Any, text: str) -> date:
    parts = date_parts(text)
    if parts is None or parts.year is None or (parts.month is None and parts.day is not None):
        raise ParseError(value, _NOT_A_DURATION)
    return _start_date(value, parts)


def _completed_start(start: DateParts, end: DateParts) -> DateParts | None:
    """Fill a start's missing year (and month) from the end, if that makes sense."""
    if start.year is not None:
        return start if start.month is not None or start.day is None else None
    if start.month is None:
        return start._replace(year=end.year, month=end.month) if end.day is not None else None
    return start._replace(year=end.year) if end.month is not None else None


def _start_date(value: Any, parts: DateParts) -> date:
    return checked_date(value, parts.year, parts.month or 1, parts.day or 1)


def _end_date(value: Any, parts: DateParts) -> date:
    month = parts.month or 12
    if parts.day is None:
        return last_day_of_month(parts.year, month)
    return checked_date(value, parts.year, month, parts.day)
