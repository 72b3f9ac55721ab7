"""Find the cell a problem is about, matching sheets and headers the way the reader does."""

from __future__ import annotations

from typing import NamedTuple

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ...parsing.headers import normalize_header
from ...parsing.text import clean_text
from .. import layout
from ..problems import Problem

RETURN_VALUE_COLUMN = 2  # the Return sheet holds keys in A, values in B


class CellSpan(NamedTuple):
    """Cells of one row to mark; the first also carries the comment."""

    sheet: str  # the worksheet's title as written in the file
    row: int
    first_column: int
    last_column: int


def sheet_key(name: object) -> str:
    return clean_text(name).casefold()


def find_sheet(book: Workbook, name: str | None) -> Worksheet | None:
    if not name:
        return None
    wanted = sheet_key(name)
    return next((ws for ws in book.worksheets if sheet_key(ws.title) == wanted), None)


def locate(book: Workbook, problem: Problem) -> CellSpan | None:
    """The cell (or row) a problem points at, or None when it names no cell of the file.

    - sheet, row and column: that cell;
    - sheet and row only (a duplicate row, say): the whole row, noted on its first cell;
    - sheet and column only (an unknown column): its header cell;
    - on the Return sheet the column is a key, found in column A; its value is in B.
    """
    sheet = find_sheet(book, problem.sheet)
    if sheet is None or (problem.row is None and problem.column is None):
        return None
    if sheet_key(sheet.title) == sheet_key(layout.RETURN.name):
        return _locate_on_return_sheet(sheet, problem)
    column = _header_columns(sheet).get(normalize_header(problem.column)) if problem.column else None
    if problem.row is not None and problem.row >= 1:
        if column is not None:
            return _top_left(sheet, problem.row, column)
        return CellSpan(sheet.title, problem.row, 1, max(1, sheet.max_column))
    if column is not None:
        return _top_left(sheet, 1, column)
    return None


def _locate_on_return_sheet(sheet: Worksheet, problem: Problem) -> CellSpan | None:
    row = None
    if problem.column:
        wanted = normalize_header(problem.column)
        for (key,) in sheet.iter_rows(min_col=1, max_col=1):
            if normalize_header(key.value) == wanted:
                row = key.row
                break
    if row is None:
        row = problem.row
    if row is None or row < 1:
        return None
    return _top_left(sheet, row, RETURN_VALUE_COLUMN)


def _header_columns(sheet: Worksheet) -> dict[str, int]:
    """Normalised header -> column number, first occurrence winning."""
    columns: dict[str, int] = {}
    for cells in sheet.iter_rows(min_row=1, max_row=1):
        for cell in cells:
            if cell.value is not None:
                columns.setdefault(normalize_header(cell.value), cell.column)
    return columns


def _top_left(sheet: Worksheet, row: int, column: int) -> CellSpan:
    """A cell inside a merged range is marked on the range's top-left cell, where its value lives."""
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            return CellSpan(sheet.title, merged.min_row, merged.min_col, merged.min_col)
    return CellSpan(sheet.title, row, column, column)
