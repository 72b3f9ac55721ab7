"""A read-only table of records that sorts and filters itself, over plain Python values.

The approach of the projects table, shared by the indicator and directory
tables: each column's sort keys become integer ranks once per load (or before
it, off the window's thread: `prepare`), each order asked for is kept, the
filter narrows row indexes in tight comprehensions (typing on narrows what
was kept; recent results are kept), and no QSortFilterProxyModel calls
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
from dataclasses import dataclass, field, is_dataclass, replace
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...core.collation import collation_key

RecordRole = Qt.ItemDataRole.UserRole + 1  # the row record itself (an IndicatorRow, a DirectoryRow...)
SortKeyRole = Qt.ItemDataRole.UserRole + 2  # the value the column sorts by
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
RECENT_FILTERS = 16  # results kept, so that deleting what was typed answers at once


@dataclass(frozen=True)
class PreparedRows:
    """Rows with what the model computes over all of them, made by `RecordTableModel.prepare`."""

    rows: list
    haystacks: list[str]
    ranks: dict[int, list[int | None]]
    extras: dict[str, list] = field(default_factory=dict)  # a subclass's own per-row values (`extras`)


def _only_typed_on(before, after) -> bool:
    """True when `after` differs from `before` only by search text typed on at its end: every row `after`
    keeps, `before` kept."""
    text_before, text_after = getattr(before, "text", ""), getattr(after, "text", "")
    if not text_after.lower().startswith(text_before.lower()) or text_before == text_after:
        return False
    return replace(before, text=text_after) == after if is_dataclass(before) else False


def _positions(visible: list[int], records: set[int]) -> dict[int, int]:
    """Where each of `records` is in `visible` (those not in it left out). A selection holds a few indexes:
    a scan in C per record is far cheaper than a map of every shown row, built when there are many."""
    if len(records) > 16:
        return dict(zip(visible, range(len(visible))))
    found = {}
    for record in records:
        try:
            found[record] = visible.index(record)
        except ValueError:
            pass
    return found


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
        self._ranks: dict[int, list[int | None]] = {}  # per column, computed when first sorted by
        self._orders: dict[tuple[int, Qt.SortOrder], list[int]] = {}  # every row in each sort asked for so far
        self._recent: dict[Any, list[int]] = {}  # the shown rows of the last few filters, in the current order
        self._extras: dict[str, list] = {}
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

    def set_rows(self, rows) -> None:
        """Replace every row (a list, or what `prepare` made of one off the window's thread), keeping the
        current sort and filter."""
        prepared = rows if isinstance(rows, PreparedRows) else self.prepare(rows, sort_keys=False)
        self.beginResetModel()
        self._rows, self._haystacks, self._ranks = prepared.rows, prepared.haystacks, dict(prepared.ranks)
        self._extras = prepared.extras or self.extras(prepared.rows)
        self._orders, self._recent = {}, {}
        self._order = self._sorted_order()
        self._visible = self._filtered(self._order)
        self.endResetModel()

    def prepare(self, rows, *, sort_keys: bool = True, keys: dict[int, Callable[[Any], Any]] | None = None
                ) -> PreparedRows:
        """What a load needs computed over every row: the search haystacks and (with `sort_keys`) the sort
        ranks of every column, by `keys` where given instead of `SORT_KEYS`. Plain Python, touching no Qt
        object: a background job may call it."""
        rows, keys = list(rows), keys or {}
        return PreparedRows(rows, [self.haystack(r) for r in rows], {
            column: self._ranked(column, rows, keys.get(column)) for column in self.SORT_KEYS} if sort_keys else {},
            self.extras(rows))

    def extras(self, rows: list) -> dict[str, list]:
        """Per-row values a subclass's `narrow` reads, computed with the rest of `prepare` (kept in `_extras`)."""
        return {}

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
        self._recent = {}
        self._relayout(self._filtered(self._order))

    def set_filter(self, wanted) -> None:
        if wanted == self._filter:
            return
        previous, self._filter = self._filter, wanted
        self._relayout(self._filtered(self._order, previous))

    def forget_sort_keys(self, column: int) -> None:
        """The sort keys of `column` changed (a subclass's setting they depend on): rank it again when sorted."""
        self._ranks.pop(column, None)
        self._orders = {key: order for key, order in self._orders.items() if key[0] != column}

    def _ranked(self, column: int, rows: list, key: Callable[[Any], Any] | None = None) -> list[int | None]:
        """Each row's place among the distinct sort keys of `column` (by `key` when given; None: an empty
        cell), from one sort by the keys, which are not kept: later sorts compare small integers, much faster."""
        keys = list(map(key or self.SORT_KEYS[column], rows))
        filled = sorted((i for i, key in enumerate(keys) if key is not None), key=keys.__getitem__)
        ranks: list[int | None] = [None] * len(keys)
        rank, last = -1, object()
        for i in filled:
            key = keys[i]
            if key != last:
                rank, last = rank + 1, key
            ranks[i] = rank
        return ranks

    def _sorted_order(self) -> list[int]:
        if self._sorting is None:
            return list(range(len(self._rows)))
        column, order = self._sorting
        found = self._orders.get((column, order))
        if found is not None:
            return found
        ranks = self._ranks.get(column)
        if ranks is None:
            ranks = self._ranks[column] = self._ranked(column, self._rows)
        # Stable in both directions: ties keep the service's order. Empty cells stay last either way.
        filled = [i for i, rank in enumerate(ranks) if rank is not None]
        empty = [i for i, rank in enumerate(ranks) if rank is None] if len(filled) < len(ranks) else []
        found = sorted(filled, key=ranks.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder) + empty
        self._orders[(column, order)] = found
        return found

    def _filtered(self, order: list[int], previous=None) -> list[int]:
        """The rows of `order` the filter keeps, in that order. Typing one more character narrows what the
        filter before it kept; the last few results are remembered, so deleting it again costs nothing."""
        wanted = self._filter
        if wanted == self.FILTER_TYPE():
            return order
        found = self._recent.get(wanted)
        if found is not None:
            return found
        if previous is not None and _only_typed_on(previous, wanted):
            found = self._visible  # what `previous` kept, in this order
        else:
            kept = self.narrow(self._rows, range(len(self._rows)), wanted)
            if len(kept) == len(self._rows):
                found = order
            else:
                keep = bytearray(len(self._rows))
                for i in kept:
                    keep[i] = 1
                found = [i for i in order if keep[i]]
        haystacks = self._haystacks
        for term in getattr(wanted, "text", "").lower().split():
            found = [i for i in found if term in haystacks[i]]
        if len(self._recent) >= RECENT_FILTERS:
            del self._recent[next(iter(self._recent))]
        self._recent[wanted] = found
        return found

    def _relayout(self, visible: list[int]) -> None:
        """Show `visible`, carrying selections and the current index over to the new rows."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        if old:
            shown = self._visible
            new_position = _positions(visible, {shown[p.row()] for p in old if 0 <= p.row() < len(shown)})
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
