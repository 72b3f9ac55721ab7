"""The projects register as a formatted workbook, ready to filter, sort and print.

One row per project under a frozen, filtered header row: amounts are numbers
shown in their currency, dates are dates, lists are joined with `; `, and any
text a spreadsheet would run as a formula is written as text.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..files import save_workbook
from ..services.project_records import ProjectRow
from .cell_text import set_text, write_text

SHEET_TITLE = "Projects"
DATE_FORMAT = "d mmm yyyy"  # unambiguous on both sides of the day/month question
HEADER_FILL = PatternFill("solid", fgColor="DCE8F6")
MAX_WIDTH = {"Title": 60, "Donors": 40, "Countries": 40, "Thematic areas": 40}  # longer text wraps
DEFAULT_MAX_WIDTH = 30


def _joined(values) -> str:
    return "; ".join(values)


# (header, value of a row, kind): kind "money" is an amount in the row's currency, "date" a date, else text.
COLUMNS: tuple[tuple[str, Callable[[ProjectRow], object], str], ...] = (
    ("Code", lambda r: r.code, "text"),
    ("Title", lambda r: r.title, "text"),
    ("Programme area", lambda r: r.programme_area, "text"),
    ("Donors", lambda r: _joined(r.donors), "text"),
    ("Budget", lambda r: r.budget, "money"),
    ("Currency", lambda r: r.currency, "text"),
    ("Health budget", lambda r: r.health_budget, "money"),
    ("Start", lambda r: r.start, "date"),
    ("End", lambda r: r.end, "date"),
    ("Extended to", lambda r: r.extended_to, "date"),
    ("Countries", lambda r: _joined(r.countries), "text"),
    ("Managing mission", lambda r: r.managing_mission, "text"),
    ("Thematic areas", lambda r: _joined(r.thematic_areas), "text"),
    ("Status", lambda r: r.status, "text"),
)


def money_format(currency: str | None) -> str:
    """`#,##0.00 "USD"`: the amount stays a number; the currency shows beside it."""
    return f'#,##0.00 "{currency}"' if currency else "#,##0.00"


def write_projects_xlsx(rows: Iterable[ProjectRow], path: str | os.PathLike) -> Path:
    """Write `rows` (in their order) to `path`, whole or not at all; returns the path."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    widths = [len(header) + 2 for header, _, _ in COLUMNS]  # room for the filter button
    bold = Font(bold=True)
    for column, (header, _, _) in enumerate(COLUMNS, start=1):
        cell = write_text(sheet, 1, column, header)
        cell.font, cell.fill = bold, HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    count = 0
    for count, row in enumerate(rows, start=1):
        line = count + 1
        for column, (header, value_of, kind) in enumerate(COLUMNS, start=1):
            value = value_of(row)
            if value in (None, ""):
                continue
            cell = sheet.cell(line, column)
            if kind == "money":
                cell.value = value
                cell.number_format = money_format(row.currency)
                shown = f"{value:,.2f} {row.currency or ''}"
            elif kind == "date":
                cell.value = value
                cell.number_format = DATE_FORMAT
                shown = f"{value:%d %b %Y}" if isinstance(value, date) else str(value)
            else:
                set_text(cell, str(value))
                shown = str(value)
                if len(shown) > MAX_WIDTH.get(header, DEFAULT_MAX_WIDTH):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[column - 1] = max(widths[column - 1], len(shown) + 1)
    for column, (header, _, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(widths[column - 1],
                                                                       MAX_WIDTH.get(header, DEFAULT_MAX_WIDTH))
    last = get_column_letter(len(COLUMNS))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return save_workbook(book, path)
