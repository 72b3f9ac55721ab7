"""The directory of a year as a workbook: the grid set up for printing from Excel, and one row per role.

Every text goes through `set_text`, so a name that came in as `=HYPERLINK(...)` stays a name.
"""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..directory_roles import HEAD_COLUMN
from ..files import save_workbook
from ..services.directory import HEAD, DirectoryGrid, DirectoryRow
from ..services.directory_rows import LIST_FIELDS
from .cell_text import set_text, write_text
from .directory_pdf import TITLE

GRID_SHEET = "Directory"
FLAT_SHEET = "Roles"

_THIN = Side(style="thin", color="9AA8B8")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DCE8F4")
_BAND_FILL = PatternFill("solid", fgColor="F2F5F8")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _cell_text(roles: list[DirectoryRow], *, contacts: bool, show_role: bool = False) -> str | None:
    lines = []
    for role in roles:
        lines.append(role.printed_name + (f", {role.role_text}" if show_role else ""))
        if contacts:
            lines += [d for d in (role.email, role.phone) if d]
    return "\n".join(lines) or None


def _put(sheet: Worksheet, row: int, column: int, value, *, bold: bool = False, fill=None) -> None:
    cell = sheet.cell(row, column)
    set_text(cell, value)
    cell.alignment = _WRAP
    cell.border = _BORDER
    if bold:
        cell.font = Font(bold=True)
    if fill is not None:
        cell.fill = fill


def _write_grid(sheet: Worksheet, grid: DirectoryGrid, *, contacts: bool) -> None:
    columns = 2 + len(grid.areas)
    write_text(sheet, 1, 1, f"{TITLE} {grid.year}").font = Font(bold=True, size=14)
    row = 3
    if grid.regional:
        _put(sheet, row, 1, "Regional roles", bold=True, fill=_BAND_FILL)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        row += 1
        for role in grid.regional:
            _put(sheet, row, 1, role.role_text, fill=_BAND_FILL)
            _put(sheet, row, 2, _cell_text([role], contacts=contacts), fill=_BAND_FILL)
            sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=columns)
            row += 1
        row += 1
    header_row = row
    for column, heading in enumerate(["Country", HEAD_COLUMN]
                                     + [f"{h}\n{name}" for h, name in grid.areas], start=1):
        _put(sheet, row, column, heading, bold=True, fill=_HEADER_FILL)
    footnotes = {country: number for number, (country, _) in enumerate(grid.footnotes(), start=1)}
    for grid_row in grid.rows:
        row += 1
        marker = footnotes.get(grid_row.country)
        _put(sheet, row, 1, grid_row.country + (f" ({marker})" if marker else ""), bold=True)
        _put(sheet, row, 2, _cell_text(grid_row.cells.get(HEAD, []), contacts=contacts, show_role=True))
        for column, (h, _) in enumerate(grid.areas, start=3):
            _put(sheet, row, column, _cell_text(grid_row.cells.get(h, []), contacts=contacts))
    last_row = row + 1  # a blank line, then the footnotes
    for number, (_, footnote) in enumerate(grid.footnotes(), start=1):
        last_row += 1
        set_text(sheet.cell(last_row, 1), f"({number}) {footnote}")
    for column, width in enumerate([26, 34] + [38] * len(grid.areas), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width

    sheet.print_area = f"A1:{get_column_letter(columns)}{last_row}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.freeze_panes = sheet.cell(header_row + 1, 2)
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "page &P of &N"
    sheet.oddFooter.right.text = "Printed &D"


def _write_flat(sheet: Worksheet, grid: DirectoryGrid) -> None:
    for column, name in enumerate(LIST_FIELDS, start=1):
        _put(sheet, 1, column, name, bold=True, fill=_HEADER_FILL)
    roles = grid.regional + [role for grid_row in grid.rows for slot in grid.slots
                             for role in grid_row.cells.get(slot, [])]
    for row, role in enumerate(roles, start=2):
        for column, value in enumerate(role.listed(), start=1):
            set_text(sheet.cell(row, column), value)
    for column, width in enumerate((6, 24, 26, 8, 22, 18, 30, 18), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(LIST_FIELDS))}{max(len(roles) + 1, 1)}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def write_directory_xlsx(grid: DirectoryGrid, path: str | os.PathLike, *, contacts: bool = True) -> Path:
    """The printable grid on the first sheet, every role on the second; written whole or not at all."""
    book = Workbook()
    grid_sheet = book.active
    grid_sheet.title = GRID_SHEET
    _write_grid(grid_sheet, grid, contacts=contacts)
    _write_flat(book.create_sheet(FLAT_SHEET), grid)
    return save_workbook(book, path)
