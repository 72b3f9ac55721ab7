"""Exact decimals in workbook cells.

openpyxl writes every number, a Decimal included, as ``"%.16g" % value``,
that is through a float: 631.19 is saved as ``631.1900000000001``. A cell
given here keeps the decimal's own digits in the file, as a number.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.cell.cell import TYPE_NUMERIC, Cell


def set_decimal(cell: Cell, value: Decimal) -> None:
    """Put `value` in `cell` as a number written with exactly its digits (``170000.00`` as ``170000``)."""
    if not value.is_finite():
        raise ValueError(f"{value} is not a number a workbook can hold")
    cell.value = _plain_digits(value)
    cell.data_type = TYPE_NUMERIC  # the writer copies a text value as it is into the number's <v>


def _plain_digits(value: Decimal) -> str:
    """Fixed-point digits without an exponent or trailing zeros (``1E+3`` -> ``1000``, ``2.50`` -> ``2.5``)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
