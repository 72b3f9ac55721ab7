"""An import plan as a two-level tree: sheets, then each sheet's problems and records.

Under a sheet come its problems first (errors, then warnings, in row order)
and then its records in row order. The model keeps plain lists and filters
them itself (by kind and by words typed in a search box) instead of going
through a QSortFilterProxyModel: a return can hold 100,000 indicator values.
A top-level index has internal id 0; a child's internal id is its sheet's
row + 1.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ...core.collector import collector_paused
from ...core.returns.plan.model import SHEET_ORDER, UNCHANGED, Entry, Plan
from ...core.returns.problems import Problem
from .plan_cells import (
    ACTION_WORDS,
    HEADER_TIPS,
    HEADERS,
    LEFT,
    RIGHT,
    SUMMARY_COLOUR,
    ItemRole,
    KindRole,
    PlanColumn,
    StatusRole,
    entry_data,
    format_change,
    haystack,
    problem_data,
)

__all__ = ["PlanTreeModel", "PlanColumn", "KindRole", "StatusRole", "ItemRole", "format_change", "SHOW_CHOICES"]

# What the filter buttons offer.
SHOW_ALL, SHOW_ERRORS, SHOW_WARNINGS, SHOW_CHANGES = "all", "errors", "warnings", "changes"
SHOW_CHOICES = (SHOW_ALL, SHOW_ERRORS, SHOW_WARNINGS, SHOW_CHANGES)

_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_COLUMNS = len(PlanColumn)


@dataclass
class _Sheet:
    name: str
    problems: list[Problem] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    shown: list[Entry | Problem] = field(default_factory=list)
    _haystacks: list[str] | None = None

    def items(self) -> list[Entry | Problem]:
        return [*self.problems, *self.entries]

    def haystacks(self) -> list[str]:
        """One lowercase text per item, made on the first search only."""
        if self._haystacks is None:
            self._haystacks = [haystack(item) for item in self.items()]
        return self._haystacks

    def summary(self) -> str:
        parts = [f"{self.counts[action]:,} {ACTION_WORDS[action].lower()}" for action in ACTION_WORDS
                 if self.counts[action]]
        errors = sum(1 for p in self.problems if p.is_error)
        warnings = len(self.problems) - errors
        problems = [_plural(errors, "error"), _plural(warnings, "warning")]
        return " · ".join(parts + [p for p in problems if p])


class PlanTreeModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._sheets: list[_Sheet] = []
        self._visible: list[_Sheet] = []
        self._show = SHOW_ALL
        self._words: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- what is shown ---------------------------------------------------------------

    def set_plan(self, plan: Plan | None, problems: list[Problem] | None = None) -> None:
        """Show `plan` (with `problems`, by default the plan's own)."""
        self.beginResetModel()
        with collector_paused():
            self._sheets = [] if plan is None else _group(plan, plan.problems if problems is None else problems)
            self._refilter()
        self.endResetModel()

    def set_filter(self, show: str = SHOW_ALL, text: str = "") -> None:
        """Keep errors, warnings, changed records (added, changed, removed) or all, containing `text`."""
        if show not in SHOW_CHOICES:
            raise ValueError(f"unknown filter {show!r}")
        self.beginResetModel()
        self._show, self._words = show, text.casefold().split()
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        keep = _KEEP[self._show]
        for sheet in self._sheets:
            items = sheet.items()
            if self._words:
                hay = sheet.haystacks()
                sheet.shown = [item for item, text in zip(items, hay)
                               if keep(item) and all(word in text for word in self._words)]
            else:
                sheet.shown = [item for item in items if keep(item)]
        self._visible = [s for s in self._sheets if s.shown]

    @property
    def total_count(self) -> int:
        """Records and problems in the plan."""
        return sum(len(s.problems) + len(s.entries) for s in self._sheets)

    @property
    def shown_count(self) -> int:
        return sum(len(s.shown) for s in self._visible)

    def count_of(self, show: str) -> int:
        """How many items a filter keeps (without search words)."""
        sheets = self._sheets
        if show == SHOW_ALL:
            return self.total_count
        if show == SHOW_CHANGES:
            return sum(len(s.entries) - s.counts[UNCHANGED] for s in sheets)
        errors = sum(1 for s in sheets for p in s.problems if p.is_error)
        return errors if show == SHOW_ERRORS else sum(len(s.problems) for s in sheets) - errors

    def shown_per_sheet(self) -> list[int]:
        return [len(s.shown) for s in self._visible]

    def sheet_names(self) -> list[str]:
        """The sheets shown, in order."""
        return [s.name for s in self._visible]

    def shown_items(self) -> list[Entry | Problem]:
        return [item for sheet in self._visible for item in sheet.shown]

    # ---- the tree ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if not parent.isValid():
            ok = 0 <= row < len(self._visible) and 0 <= column < _COLUMNS
            return self.createIndex(row, column, 0) if ok else QModelIndex()
        sheet = parent.row()
        if parent.internalId() != 0 or row >= len(self._visible[sheet].shown) or not 0 <= column < _COLUMNS:
            return QModelIndex()
        return self.createIndex(row, column, sheet + 1)

    def parent(self, index=QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._visible)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._visible[parent.row()].shown)
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return _COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[PlanColumn(section)]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[PlanColumn(section)]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if section in (PlanColumn.ROW, PlanColumn.PREVIOUS, PlanColumn.CHANGE) else LEFT
        return None

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        # asked once per row as the tree lays itself out: kept as short as can be
        return not parent.isValid() or (parent.internalId() == 0 and parent.column() == 0)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._sheet_data(self._visible[index.row()], index.column(), role)
        item = self._visible[index.internalId() - 1].shown[index.row()]
        if isinstance(item, Problem):
            return problem_data(item, index.column(), role)
        return entry_data(item, index.column(), role)

    def _sheet_data(self, sheet: _Sheet, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == PlanColumn.STATUS:
                return sheet.name
            return sheet.summary() if column == PlanColumn.RECORD else None
        if role == Qt.ItemDataRole.FontRole and column == PlanColumn.STATUS:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and column == PlanColumn.RECORD:
            return SUMMARY_COLOUR
        if role == KindRole:
            return "sheet"
        if role == StatusRole:
            return sheet.name
        return None


def _group(plan: Plan, problems: list[Problem]) -> list[_Sheet]:
    """The plan's sheets in workbook order, each with its problems and its records in row order."""
    grouped: dict[str, _Sheet] = {}
    for entry in plan.entries:
        sheet = grouped.get(entry.sheet)
        if sheet is None:
            sheet = grouped[entry.sheet] = _Sheet(entry.sheet)
        sheet.entries.append(entry)
    for sheet in grouped.values():
        sheet.entries.sort(key=_row_order)  # mostly in order already: a quick pass
        sheet.counts = Counter(entry.action for entry in sheet.entries)
    for name, found in _problems_by_sheet(problems).items():
        grouped.setdefault(name, _Sheet(name)).problems = found
    return sorted(grouped.values(), key=lambda s: _rank(s.name))


def _row_order(entry: Entry) -> int:
    return entry.row if entry.row is not None else 1 << 30  # removed records, which have no row, last


def _problems_by_sheet(problems: list[Problem]) -> dict[str, list[Problem]]:
    """Errors before warnings, each in row order; problems without a sheet belong to Return."""
    grouped: dict[str, list[Problem]] = {}
    for problem in sorted(problems, key=lambda p: (not p.is_error, p.row or 0)):
        grouped.setdefault(problem.sheet or "Return", []).append(problem)
    return grouped


def _rank(sheet: str) -> tuple[int, str]:
    return (SHEET_ORDER.index(sheet), "") if sheet in SHEET_ORDER else (len(SHEET_ORDER), sheet)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}" if n else ""


_KEEP = {
    SHOW_ALL: lambda item: True,
    SHOW_ERRORS: lambda item: isinstance(item, Problem) and item.is_error,
    SHOW_WARNINGS: lambda item: isinstance(item, Problem) and not item.is_error,
    SHOW_CHANGES: lambda item: isinstance(item, Entry) and item.action != UNCHANGED,
}
