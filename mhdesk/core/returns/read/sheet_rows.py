"""A sheet's cells as the contract reads them.

`Grid` holds one sheet's values (python-calamine's, rectangular, row 0 being
Excel's row 1) with the merged ranges and the cells calamine reads as empty
although they are not (see :mod:`formula_cells`). `Table` matches a table
sheet's header row against the layout once, then yields each non-empty row's
values in the layout's column order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from ...parsing import clean_text, normalize_header
from ..layout import SheetLayout
from .formula_cells import column_letter
from .problem_log import ProblemLog

EMPTY = ""


def blank(value: Any) -> bool:
    """True for an empty cell, or one holding only spaces."""
    return value == EMPTY or value is None or (value.__class__ is str and not value.strip())


@dataclass
class Grid:
    """One sheet's values."""

    title: str  # the sheet's name as the workbook spells it
    rows: list[list[Any]]
    # row -> [(first column, last column, value)] filled from merged ranges
    merged: dict[int, list[tuple[int, int, Any]]] = field(default_factory=dict)
    # row -> [(column, message)] for cells read as empty but holding a formula without value or an error
    bad_cells: dict[int, list[tuple[int, str]]] = field(default_factory=dict)

    @classmethod
    def build(cls, title: str, rows: list[list[Any]], merged_ranges, bad_cells: dict[tuple[int, int], str]) -> Grid:
        merged: dict[int, list[tuple[int, int, Any]]] = {}
        for (top, left), (bottom, right) in merged_ranges or ():
            if top >= len(rows) or left >= len(rows[top]):
                continue
            value = rows[top][left]
            if value == EMPTY:
                continue
            for row in range(top, min(bottom, len(rows) - 1) + 1):
                first = left + 1 if row == top else left
                if first <= right:
                    merged.setdefault(row, []).append((first, right, value))
        by_row: dict[int, list[tuple[int, str]]] = {}
        for (row, column), message in sorted(bad_cells.items()):
            by_row.setdefault(row, []).append((column, message))
        return cls(title, rows, merged, by_row)

    def filled(self, index: int) -> list[Any]:
        """Row `index` with merged ranges read as their top-left value."""
        row = self.rows[index]
        spans = self.merged.get(index)
        if not spans:
            return row
        row = list(row)
        width = len(row)
        for first, last, value in spans:
            for column in range(first, min(last, width - 1) + 1):
                row[column] = value
        return row

    def key_values(self, log: ProblemLog, sheet: str, keys: dict[str, str]) -> Iterator[tuple[int, str, Any]]:
        """(Excel row, key text, value) of a key/value sheet (key in A, value in B).

        `keys` maps normalised key text to the key's contract name, used to
        locate problems of unreadable value cells.
        """
        for index in range(len(self.rows)):
            row = self.filled(index)
            key = row[0] if row else EMPTY
            value = row[1] if len(row) > 1 else EMPTY
            key_text = clean_text(key)
            for column, message in self.bad_cells.get(index, ()):
                if column == 1:
                    log.error(message, sheet, index + 1, keys.get(normalize_header(key_text), key_text or None))
            if key_text or not blank(value):
                yield index + 1, key_text, value


class Table:
    """A table sheet (row 1 headers) matched against its layout."""

    def __init__(self, layout: SheetLayout, grid: Grid, log: ProblemLog) -> None:
        self.layout = layout
        self.sheet = layout.name
        self.grid = grid
        self.log = log
        self.headers = tuple(column.header for column in layout.columns)
        self.present: frozenset[str] = frozenset()
        self.usable = True
        self._index: list[int] = []
        self._header_at: dict[int, str] = {}
        self._match_headers()

    def _match_headers(self) -> None:
        wanted = {normalize_header(h): h for h in self.headers}
        header_row = self.grid.rows[0] if self.grid.rows else []
        found: dict[str, int] = {}
        for column, cell in enumerate(header_row):
            text = clean_text(cell)
            if not text:
                continue
            header = wanted.get(normalize_header(text))
            if header is None:
                self.log.warning(f'"{text}" is not a column of the return; it is ignored', self.sheet, 1, text)
            elif header in found:
                self.log.error(
                    f'the column "{header}" appears twice (columns {column_letter(found[header])} and '
                    f"{column_letter(column)}); keep only one of them", self.sheet, 1, header,
                )
            else:
                found[header] = column
        missing = [c.header for c in self.layout.columns if c.required and c.header not in found]
        if missing and self._has_data():
            for header in missing:
                self.log.error(f'the required column "{header}" is missing', self.sheet, 1, header)
            self.usable = False
        self.present = frozenset(found)
        width = len(header_row)
        self._index = [found.get(h, width) for h in self.headers]
        self._header_at = {column: header for header, column in found.items()}

    def _has_data(self) -> bool:
        return any(row.count(EMPTY) != len(row) for row in self.grid.rows[1:])

    def rows(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(Excel row number, values in layout column order) of every row that
        has a value in a known column; '' stands for an empty or missing cell."""
        if not self.usable:
            return
        grid = self.grid
        rows = grid.rows
        count = len(self.headers)
        width = len(rows[0]) if rows else 0
        pad = any(column >= width for column in self._index)  # a missing column reads the padding cell
        getter = itemgetter(*self._index) if count > 1 else (lambda row: (row[self._index[0]],))
        merged, bad_cells = grid.merged, grid.bad_cells
        for index in range(1, len(rows)):
            row = rows[index]
            if pad:
                row.append(EMPTY)
            if index in bad_cells:
                self._report_bad_cells(index)
            cells = getter(row)
            if cells.count(EMPTY) == count:
                continue
            for value in cells:  # skip rows holding nothing but spaces
                if value != EMPTY and (value.__class__ is not str or value.strip()):
                    break
            else:
                continue
            if index in merged:
                row = grid.filled(index)
                cells = getter(row)
            yield index + 1, cells

    def _report_bad_cells(self, index: int) -> None:
        for column, message in self.grid.bad_cells[index]:
            header = self._header_at.get(column)
            if header is not None:
                self.log.error(message, self.sheet, index + 1, header)
