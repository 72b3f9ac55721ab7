"""A read-only table of records that sorts and filters itself, over plain Python values.

The approach of the projects table, shared by the indicator and directory
tables: sort keys are computed once per column and load, the filter narrows
row indexes in tight comprehensions, and no QSortFilterProxyModel calls
`data()` millions of times. `_order` is every row in sort order, `_visible`
the part the filter keeps.

Sorting reads like a spreadsheet: a sort key of None is an empty cell, and
empty cells go last in both directions; names sort by `collation_key`.

A subclass names its columns (`HEADERS`), how each sorts (`SORT_KEYS`),
reads (`display`) and copies (`TSV_COLUMNS`), what the search box looks in
(`haystack`) and how its filter narrows rows (`narrow`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...core.collation import collation_key

RecordRole = Qt.ItemDataRole.UserRole + 1  # the row record itself (an IndicatorRow, a DirectoryRow...)
SortKeyRole = Qt.ItemDataRole.UserRole + 2  # the value the column sorts by
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def name_key(text: str | None):
    """The sort key of a name or title: the reader's alphabet, an empty one None (sorted last)."""
    return collation_key(text) if text else None


def names_key(names) -> tuple | None:
    """The sort key of a list of names (donors, countries): name by name, an empty list None."""
    return tuple(collation_key(n) for n in names) if names else None


class RecordTableModel(QAbstractTableModel):
    HEADERS: ClassVar[Sequence[str]] = ()
    SORT_KEYS: ClassVar[dict[int, Callable[[Any], Any]]] = {}
    RIGHT_ALIGNED: ClassVar[frozenset[int]] = frozenset()
    TSV_COLUMNS: ClassVar[Sequence[tuple[str, Callable[[Any], object]]]] = ()
    FILTER_TYPE: ClassVar[type] = object

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []
        self._haystacks: list[str] = []
        self._keys: dict[int, list] = {}
        self._order: list[int] = []
        self._visible: list[int] = []
        self._filter = self.FILTER_TYPE()
        self._sorting: tuple[int, Qt.SortOrder] | None = None

    # ---- what a subclass says ------------------------------------------------------

    def display(self, row, column: int) -> str:
        raise NotImplementedError

    def haystack(self, row) -> str:
        """The lowercase text the search box looks in."""
        raise NotImplementedError

    def narrow(self, rows: list, kept: Sequence[int], wanted) -> Sequence[int]:
        """The indexes of `kept` that `wanted` keeps, apart from the search text (done here)."""
        return kept

    def cell_data(self, row, column: int, role: int):
        """Roles beyond display, alignment and sort key (tooltips, colours)."""
        return None

    # ---- loading and asking ----------------------------------------------------------

    def set_rows(self, rows: list) -> None:
        """Replace every row, keeping the current sort and filter."""
        self.beginResetModel()
        self._rows = list(rows)
        self._haystacks = [self.haystack(r) for r in self._rows]
        self._keys = {}
        self._order = self._sorted_order()
        self._visible = self._filtered(self._order)
        self.endResetModel()

    @property
    def total_count(self) -> int:
        return len(self._rows)

    @property
    def shown_count(self) -> int:
        return len(self._visible)

    @property
    def filter(self):
        return self._filter

    def all_rows(self) -> list:
        return self._rows

    def row_at(self, row: int):
        return self._rows[self._visible[row]]

    def rows_of(self, ids) -> list[int]:
        """The shown rows of the records with these ids, in shown order; filtered out or gone: left out."""
        wanted, rows = set(ids), self._rows
        return [position for position, index in enumerate(self._visible) if rows[index].id in wanted] if wanted else []

    def row_of(self, record_id: int) -> int | None:
        """The shown row of a record, or None when it is filtered out or gone."""
        found = self.rows_of([record_id])
        return found[0] if found else None

    def tsv_header(self) -> list[str]:
        return [name for name, _ in self.TSV_COLUMNS]

    def tsv_values(self, row) -> list[object]:
        return [get(row) for _, get in self.TSV_COLUMNS]

    # ---- sorting and filtering -------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in self.SORT_KEYS:
            return
        self._sorting = (column, order)
        self._order = self._sorted_order()
        self._relayout(self._filtered(self._order))

    def set_filter(self, wanted) -> None:
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
            keys = self._keys[column] = list(map(self.SORT_KEYS[column], self._rows))
        # Stable in both directions: ties keep the service's order. Empty cells stay last either way.
        filled = [i for i in indexes if keys[i] is not None]
        empty = [i for i in indexes if keys[i] is None] if len(filled) < len(keys) else []
        return sorted(filled, key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder) + empty

    def _filtered(self, order: list[int]) -> list[int]:
        wanted = self._filter
        if wanted == self.FILTER_TYPE():
            return list(order)
        kept = self.narrow(self._rows, range(len(self._rows)), wanted)
        haystacks = self._haystacks
        for term in getattr(wanted, "text", "").lower().split():
            kept = [i for i in kept if term in haystacks[i]]
        keep = bytearray(len(self._rows))
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

    # ---- Qt model interface ----------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.RIGHT_ALIGNED:
            return RIGHT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        row, column = self._rows[self._visible[index.row()]], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == RecordRole:
            return row
        if role == SortKeyRole:
            return self.SORT_KEYS[column](row) if column in self.SORT_KEYS else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.RIGHT_ALIGNED:
            return RIGHT
        return self.cell_data(row, column, role)
