"""The projects register as a table model that sorts and filters itself.

Sorting and filtering run over plain Python values prepared once per load
(a sort key per column, a lowercase haystack per row) instead of through a
QSortFilterProxyModel, which would call `data()` millions of times on a
register of 100,000 projects. The model holds indexes into the loaded rows:
`_order` is every row in sort order, `_visible` the part the filter keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...core.services.project_records import ProjectRow
from .. import formatting


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

ProjectIdRole = Qt.ItemDataRole.UserRole + 1  # int: the project's database id
ProjectRowRole = Qt.ItemDataRole.UserRole + 2  # the ProjectRow itself
SortKeyRole = Qt.ItemDataRole.UserRole + 3  # the value the column sorts by

STATUS_ORDER = {"pipeline": 0, "active": 1, "completed": 2}
STATUS_COLOURS = {"pipeline": QColor("#9a6700"), "active": QColor("#1a7f37"), "completed": QColor("#6e7781")}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class ProjectFilter:
    """What the filter bar asks for; empty fields match everything."""

    text: str = ""
    year: int | None = None
    country: str | None = None
    programme_area: str | None = None
    status: str | None = None


def haystack(row: ProjectRow) -> str:
    """The text the filter-as-you-type box searches: code, title, donors, countries."""
    return "\x1f".join((row.code, row.title, *row.donors, *row.countries)).lower()


def _cents(amount: Decimal | None) -> int | float:
    # Whole hundredths compare exactly and far faster than Decimal; blanks sort first.
    return float("-inf") if amount is None else int(amount * 100)


def _ordinal(value) -> int:
    return value.toordinal() if value else 0


# One function per column, applied to every row at once when that column is first sorted.
SORT_KEYS = {
    Column.CODE: lambda r: r.code,
    Column.TITLE: lambda r: r.title.casefold(),
    Column.AREA: lambda r: r.programme_area or "",
    Column.DONORS: lambda r: "; ".join(r.donors).casefold(),
    Column.BUDGET: lambda r: _cents(r.budget),
    Column.START: lambda r: _ordinal(r.start),
    Column.END: lambda r: _ordinal(r.extended_to or r.end),
    Column.COUNTRIES: lambda r: ", ".join(r.countries).casefold(),
    Column.STATUS: lambda r: STATUS_ORDER.get(r.status, len(STATUS_ORDER)),
}


def sort_key(row: ProjectRow, column: Column):
    return SORT_KEYS[column](row)


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
        return f"{end} → extended" if row.extended_to else end
    if column == Column.COUNTRIES:
        return ", ".join(row.countries)
    return row.status.capitalize()


class ProjectsTableModel(QAbstractTableModel):
    def __init__(self, parent=None, *, area_names: dict[str, str] | None = None):
        super().__init__(parent)
        self._area_names = area_names or {}
        self._rows: list[ProjectRow] = []
        self._haystacks: list[str] = []
        self._keys: dict[Column, list] = {}
        self._order: list[int] = []
        self._visible: list[int] = []
        self._filter = ProjectFilter()
        self._sorting: tuple[Column, Qt.SortOrder] | None = None

    # ---- loading ---------------------------------------------------------------

    def set_rows(self, rows: list[ProjectRow]) -> None:
        """Replace every row, keeping the current sort and filter."""
        self.beginResetModel()
        self._rows = list(rows)
        self._haystacks = [haystack(r) for r in self._rows]
        self._keys = {}
        self._order = self._sorted_order()
        self._visible = self._filtered(self._order)
        self.endResetModel()

    # ---- what callers ask ------------------------------------------------------

    @property
    def total_count(self) -> int:
        return len(self._rows)

    @property
    def shown_count(self) -> int:
        return len(self._visible)

    @property
    def filter(self) -> ProjectFilter:
        return self._filter

    def row_at(self, row: int) -> ProjectRow:
        return self._rows[self._visible[row]]

    def row_of(self, project_id: int) -> int | None:
        """The shown row of a project, or None when it is filtered out or gone."""
        for position, index in enumerate(self._visible):
            if self._rows[index].id == project_id:
                return position
        return None

    def years(self) -> list[int]:
        """Every year some project runs in, for the year filter."""
        starts = [r.start.year for r in self._rows if r.start]
        ends = [(r.extended_to or r.end).year for r in self._rows if r.extended_to or r.end]
        if not starts and not ends:
            return []
        return list(range(min(starts + ends), max(starts + ends) + 1))

    # ---- sorting and filtering -------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self._sorting = (Column(column), order)
        self._order = self._sorted_order()
        self._relayout(self._filtered(self._order))

    def set_filter(self, wanted: ProjectFilter) -> None:
        if wanted == self._filter:
            return
        self._filter = wanted
        self._relayout(self._filtered(self._order))

    def _sorted_order(self) -> list[int]:
        indexes = range(len(self._rows))
        if self._sorting is None:
            return list(indexes)
        column, order = self._sorting
        keys = self._keys.get(column)
        if keys is None:
            keys = self._keys[column] = list(map(SORT_KEYS[column], self._rows))
        # Python's sort is stable in both directions, so ties keep code order.
        return sorted(indexes, key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)

    def _filtered(self, order: list[int]) -> list[int]:
        wanted = self._filter
        if wanted == ProjectFilter():
            return list(order)
        rows = self._rows
        # Each criterion narrows the candidates in one tight comprehension.
        kept = range(len(rows))
        if wanted.status:
            kept = [i for i in kept if rows[i].status == wanted.status]
        if wanted.programme_area:
            kept = [i for i in kept if rows[i].programme_area == wanted.programme_area]
        if wanted.country:
            country = wanted.country
            kept = [i for i in kept if country in rows[i].countries or rows[i].managing_mission == country]
        if wanted.year is not None:
            kept = [i for i in kept if rows[i].active_in(wanted.year)]
        for term in wanted.text.lower().split():
            haystacks = self._haystacks
            kept = [i for i in kept if term in haystacks[i]]
        keep = bytearray(len(rows))
        for i in kept:
            keep[i] = 1
        return [i for i in order if keep[i]]

    def _relayout(self, visible: list[int]) -> None:
        """Show `visible`, carrying selections and the current index over to the new rows."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        if old:
            new_position = {index: position for position, index in enumerate(visible)}
            moved = []
            for persistent in old:
                old_row = persistent.row()
                position = new_position.get(self._visible[old_row]) if 0 <= old_row < len(self._visible) else None
                moved.append(QModelIndex() if position is None else self.index(position, persistent.column()))
            self._visible = visible
            self.changePersistentIndexList(old, moved)
        else:
            self._visible = visible
        self.layoutChanged.emit()

    # ---- Qt model interface ----------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == Column.BUDGET:
            return _RIGHT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        row = self._rows[self._visible[index.row()]]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return display(row, column)
        if role == ProjectIdRole:
            return row.id
        if role == ProjectRowRole:
            return row
        if role == SortKeyRole:
            return sort_key(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.BUDGET:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STATUS:
            return STATUS_COLOURS.get(row.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

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
