"""Plain numbers and counts, and the rules for reading digit separators.

Separator rules (shared with amounts):

* Spaces and apostrophes between digits are thousands separators and must
  be followed by exactly three digits (``85 000``, ``1'315'000``). Spaces
  around a ``,`` or ``.`` are ignored (``580, 000``).
* If both ``,`` and ``.`` appear, the last one is the decimal mark, unless
  exactly three digits follow it: then both are thousands separators
  (``1,315,000.00`` -> 1315000.00; ``1.234,5`` -> 1234.5;
  ``1.030,928`` -> 1030928).
* A mark that appears several times is a thousands separator
  (``1,315,000``, ``40.000.000``).
* A mark that appears once is a thousands separator when exactly three
  digits follow it and one to three digits, not just ``0``, precede it
  (``40.000`` -> 40000, ``83,219`` -> 83219); otherwise it is the decimal
  mark (``1.5``, ``83219.0``, ``0.125``, ``1234.567``). Amounts with a
  multiplier word read a single mark as decimal (``1.250 million``).
* Thousands groups after the first must have exactly three digits
  (``1,23,456`` is rejected).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .errors import ParseError
from .text import clean_text

__all__ = ["parse_number", "parse_count", "decimal_from_digits", "decimal_from_float"]

_DIGITS_WITH_SEPARATORS = re.compile(r"\d(?:[\d.,' ’]*\d)?")
_SPACE_BESIDE_MARK = re.compile(r" *([.,]) *")
_GROUPING = re.compile(r"[ '’]")
_BAD_GROUPING = re.compile(r"[ '’](?!\d{3}(?!\d))")


def decimal_from_float(value: float) -> Decimal:
    """Convert a float through its shortest repr, so 0.1 stays 0.1 (NaN and
    infinities come out as the matching non-finite Decimal)."""
    return Decimal(repr(value))


def decimal_from_digits(text: str, *, single_mark_is_decimal: bool = False) -> Decimal | None:
    """Read unsigned digits with separators (see the module rules).

    Returns ``None`` when *text* is not such a number.
    """
    text = _SPACE_BESIDE_MARK.sub(r"\1", text.strip())
    if not _DIGITS_WITH_SEPARATORS.fullmatch(text) or _BAD_GROUPING.search(text):
        return None
    text = _GROUPING.sub("", text)
    marks = [char for char in text if char in ".,"]
    if not marks:
        return Decimal(text)
    last_mark = marks[-1]
    integer_part, _, fraction = text.rpartition(last_mark)
    if len(set(marks)) == 2:  # both "," and "."
        if len(fraction) == 3 and marks.count(last_mark) == 1:
            return _grouped(re.split(r"[.,]", text))
        if marks.count(last_mark) > 1:
            return None
        thousands = integer_part.split(marks[0])
    elif len(marks) > 1:  # one kind, repeated
        return _grouped(text.split(last_mark))
    elif _is_single_thousands_mark(integer_part, fraction, single_mark_is_decimal):
        return _grouped([integer_part, fraction])
    else:  # one mark, the decimal one
        thousands = [integer_part]
    whole = _grouped(thousands)
    return None if whole is None else whole + Decimal(f"0.{fraction}")


def _is_single_thousands_mark(before: str, after: str, single_mark_is_decimal: bool) -> bool:
    return not single_mark_is_decimal and len(after) == 3 and 1 <= len(before) <= 3 and before != "0"


def _grouped(groups: list[str]) -> Decimal | None:
    """Join thousands groups, checking their lengths."""
    first, rest = groups[0], groups[1:]
    if rest and not 1 <= len(first) <= 3:
        return None
    if any(len(group) != 3 for group in rest):
        return None
    return Decimal("".join(groups))


def parse_number(value: Any) -> Decimal:
    """Read a non-negative number: ``83219``, ``83,219``, ``83 219``,
    ``83219.0`` or a numeric cell. Text, negatives and empty cells raise
    ``ParseError``."""
    if isinstance(value, bool):
        raise ParseError(value, "is not a number")
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, float):
        number = decimal_from_float(value)
    else:
        text = clean_text(value)
        if text.startswith(("-", "−")):
            raise ParseError(value, "is negative; a number of zero or more is expected")
        number = decimal_from_digits(text)
        if number is None:
            raise ParseError(value, "is not a number")
    if not number.is_finite():
        raise ParseError(value, "is not a number")
    if number < 0:
        raise ParseError(value, "is negative; a number of zero or more is expected")
    return number


def parse_count(value: Any) -> int:
    """Read a non-negative whole count (``83,219``, ``120.0``) as an int."""
    number = parse_number(value)
    if number != number.to_integral_value():
        raise ParseError(value, "is not a whole number")
    return int(number)
