"""Text written into a workbook cell can never become a formula.

A name or title that came in through a return (`=HYPERLINK(...)`, `+1`,
`@SUM(...)`) would otherwise run as a formula when the exported workbook is
opened in Excel. openpyxl treats any string starting with `=` as a formula,
so such text is stored as an explicit string cell, and the leading
characters spreadsheets interpret are kept as they were typed.
"""

from __future__ import annotations

from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def set_text(cell: Cell, value) -> None:
    """Put `value` in `cell`; a text that a spreadsheet would run is written as plain text."""
    if isinstance(value, str) and is_formula_like(value):
        cell.value = value
        cell.data_type = "s"  # openpyxl guessed "f" from the leading "="; force a string
        cell.quotePrefix = True
    else:
        cell.value = value


def write_text(sheet, row: int, column: int, value) -> Cell:
    """The cell at (`row`, `column`) of `sheet` holding `value` as `set_text` puts it."""
    cell = sheet.cell(row=row, column=column)
    set_text(cell, value)
    return cell
