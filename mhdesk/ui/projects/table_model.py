"""The projects register as a table model that sorts and filters itself.

Sorting and filtering run over plain Python values prepared once per load
(see RecordTableModel) instead of through a QSortFilterProxyModel, which
would call `data()` millions of times on a register of 100,000 projects.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ...core.services.exchange_rates import RateTable
from ...core.services.project_records import ProjectQuery, ProjectRow, year_span
from ..shared import formatting
from ..shared.record_table import PreparedRows, RecordRole, RecordTableModel, SortKeyRole, name_key, names_key


class Column(IntEnum):
    CODE = 0
    TITLE = 1
    AREA = 2
    DONORS = 3
    BUDGET = 4
    START = 5
    END = 6
    COUNTRIES = 7
    STATUS = 8


HEADERS = {
    Column.CODE: "Code", Column.TITLE: "Title", Column.AREA: "Area", Column.DONORS: "Donors",
    Column.BUDGET: "Budget", Column.START: "Start", Column.END: "End", Column.COUNTRIES: "Countries",
    Column.STATUS: "Status",
}

ProjectRowRole = RecordRole  # the ProjectRow itself
ProjectIdRole = Qt.ItemDataRole.UserRole + 3  # int: the project's database id
__all__ = ["Column", "HEADERS", "ProjectFilter", "ProjectIdRole", "ProjectRowRole", "ProjectsTableModel",
           "SortKeyRole"]

EXTENDED_MARK = "⁺"  # after an end date with a no-cost extension, which the tooltip gives
STATUS_ORDER = {"pipeline": 0, "active": 1, "completed": 2}
STATUS_COLOURS = {"pipeline": QColor("#9a6700"), "active": QColor("#1a7f37"), "completed": QColor("#6e7781")}


@dataclass(frozen=True)
class ProjectFilter:
    """What the filter bar asks for; empty fields match everything."""

    text: str = ""
    year: int | None = None
    country: str | None = None
    programme_area: str | None = None
    status: str | None = None
    codes: frozenset[str] | None = None  # only these projects (those a Dashboard bar counts)


def haystack(row: ProjectRow) -> str:
    """The text the filter-as-you-type box searches: code, title, donors, countries."""
    return "\x1f".join((row.code, row.title, *row.donors, *row.countries)).lower()


def _budget(row: ProjectRow) -> tuple[str, int] | None:
    # By currency, then amount in whole hundredths (exact, and far faster than Decimal); no budget: empty.
    return None if row.budget is None else (row.currency or "", int(row.budget * 100))


def budget_key(rates: RateTable | None, row: ProjectRow):
    """Converted budgets first, by value; those no rate converts after them, by currency then amount."""
    if row.budget is None:
        return None
    converted = rates.convert(row.budget, row.currency, row.start) if rates else None
    return (0, "", int(converted * 100)) if converted is not None else (1, *_budget(row))


def _ordinal(value) -> int | None:
    return value.toordinal() if value else None


# One function per column, applied to every row at once when that column is first sorted; None is an empty cell.
SORT_KEYS = {
    Column.CODE: lambda r: r.code or None,
    Column.TITLE: lambda r: name_key(r.title),
    Column.AREA: lambda r: r.programme_area or None,
    Column.DONORS: lambda r: names_key(r.donors),
    Column.BUDGET: _budget,
    Column.START: lambda r: _ordinal(r.start),
    Column.END: lambda r: _ordinal(r.extended_to or r.end),
    Column.COUNTRIES: lambda r: names_key(r.countries),
    Column.STATUS: lambda r: STATUS_ORDER.get(r.status, len(STATUS_ORDER)),
}


def display(row: ProjectRow, column: Column) -> str:
    if column == Column.CODE:
        return row.code
    if column == Column.TITLE:
        return row.title
    if column == Column.AREA:
        return row.programme_area or ""
    if column == Column.DONORS:
        return "; ".join(row.donors)
    if column == Column.BUDGET:
        return formatting.money(row.budget, row.currency)
    if column == Column.START:
        return formatting.day(row.start)
    if column == Column.END:
        end = formatting.day(row.end)
        return f"{end} {EXTENDED_MARK}" if row.extended_to else end
    if column == Column.COUNTRIES:
        return ", ".join(row.countries)
    return row.status.capitalize()


class ProjectsTableModel(RecordTableModel):
    HEADERS = [HEADERS[column] for column in Column]
    SORT_KEYS = SORT_KEYS
    RIGHT_ALIGNED = frozenset({Column.BUDGET})
    FILTER_TYPE = ProjectFilter

    def __init__(self, parent=None, *, area_names: dict[str, str] | None = None):
        super().__init__(parent)
        self._area_names = area_names or {}
        self._rates: RateTable | None = None
        self.SORT_KEYS = {**SORT_KEYS, Column.BUDGET: lambda row: budget_key(self._rates, row)}

    def set_rates(self, rates: RateTable | None) -> None:
        """Budgets sort by their value in the reporting currency where a rate converts them."""
        self._rates = rates
        self.forget_sort_keys(Column.BUDGET)
        if self._sorting and self._sorting[0] == Column.BUDGET:
            self.sort(*self._sorting)

    def prepare_with_rates(self, rows, rates: RateTable | None) -> PreparedRows:
        """`prepare`, budgets ranked by `rates` (the rates `load` takes with the rows)."""
        return self.prepare(rows, keys={Column.BUDGET: partial(budget_key, rates)})

    def load(self, prepared: PreparedRows, rates: RateTable | None) -> None:
        """Rows prepared (off the window's thread) with `rates`, and those rates, in one reset."""
        self._rates = rates
        self.set_rows(prepared)

    def display(self, row: ProjectRow, column: int) -> str:
        return display(row, Column(column))

    def haystack(self, row: ProjectRow) -> str:
        return haystack(row)

    def extras(self, rows: list[ProjectRow]) -> dict[str, list]:
        return {"year spans": [year_span(r.start, r.extended_to or r.end) for r in rows]}

    def narrow(self, rows: list[ProjectRow], kept, wanted: ProjectFilter):
        # The year by the spans prepared with the rows: the rule of ProjectQuery, several times faster.
        if wanted.year is not None:
            year, spans = wanted.year, self._extras["year spans"]
            kept = [i for i in kept if (span := spans[i]) is not None and span[0] <= year <= span[1]]
        return ProjectQuery(None, wanted.country, wanted.programme_area, wanted.status,
                            codes=wanted.codes).narrow(rows, kept)

    def cell_data(self, row: ProjectRow, column: int, role: int):
        if role == ProjectIdRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STATUS:
            return STATUS_COLOURS.get(row.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, Column(column))
        return None

    def merge_rows(self, fresh: list[ProjectRow], ids: set[int]) -> None:
        """Replace the rows of `ids` with `fresh` (a deleted project has none); the rest stay as loaded,
        with their search text."""
        kept = [(row, hay) for row, hay in zip(self._rows, self._haystacks) if row.id not in ids]
        merged = sorted(kept + [(row, haystack(row)) for row in fresh], key=lambda pair: pair[0].code)
        self.set_rows(PreparedRows([row for row, _ in merged], [hay for _, hay in merged], {}))

    def years(self) -> list[int]:
        """Every year some project runs in, for the year filter."""
        starts = [r.start.year for r in self._rows if r.start]
        ends = [(r.extended_to or r.end).year for r in self._rows if r.extended_to or r.end]
        if not starts and not ends:
            return []
        return list(range(min(starts + ends), max(starts + ends) + 1))

    def _tooltip(self, row: ProjectRow, column: Column) -> str | None:
        if column == Column.AREA and row.programme_area:
            return self._area_names.get(row.programme_area, row.programme_area)
        if column == Column.BUDGET and row.health_budget is not None:
            return f"Health share: {formatting.money(row.health_budget, row.currency)}"
        if column == Column.END and row.extended_to:
            return f"Extended (no cost) to {formatting.day(row.extended_to)}"
        if column in (Column.TITLE, Column.DONORS, Column.COUNTRIES):
            text = display(row, column)
            return text or None
        return None
