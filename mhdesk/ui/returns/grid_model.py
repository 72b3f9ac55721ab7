"""Missions x years, each cell saying where that return stands; and the list of one cell's imports.

Missions come sub-region by sub-region, each group under a heading row that
the view spans across the grid. Column 0 names the mission; every other
column is a year.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ...core.returns.history import (
    MISSING,
    RETURNED,
    ROLLED_BACK,
    WITH_PROBLEMS,
    ImportInfo,
    ReturnsOverview,
    ReturnStatus,
)
from ..shared.formatting import day

StatusRole = Qt.ItemDataRole.UserRole + 1  # the cell's ReturnStatus (None on headings and the mission column)
ImportRole = Qt.ItemDataRole.UserRole + 2  # an import list row's ImportInfo

# (background, text) per status: quiet tints, the words carry the meaning as much as the colour.
STATUS_COLOURS = {
    RETURNED: (QColor("#e6f4ea"), QColor("#1e6b34")),
    WITH_PROBLEMS: (QColor("#fdf1d8"), QColor("#8a5300")),
    ROLLED_BACK: (QColor("#eef0f3"), QColor("#4b5563")),
    MISSING: (None, QColor("#a0a6b0")),
}
HEADING_BACKGROUND = QColor("#f4f5f7")
HEADING_TEXT = QColor("#4b5563")
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)


class GridRow(NamedTuple):
    subregion: str
    mission: str | None  # None on the sub-region's heading row


def cell_text(cell: ReturnStatus) -> str:
    if cell.status == RETURNED:
        return f"Returned {day(cell.latest.imported_at.date())}"
    if cell.status == WITH_PROBLEMS:
        warnings = cell.latest.warnings
        return f"Returned, {warnings} warning{'s' if warnings != 1 else ''}"
    return "Rolled back" if cell.status == ROLLED_BACK else "Missing"


def cell_tooltip(cell: ReturnStatus, imports: int) -> str:
    info = cell.latest
    if info is None:
        return f"No return from {cell.mission} for {cell.year} yet."
    lines = [f"{cell.mission}, {cell.year}: {cell.status}",
             f"Imported {day(info.imported_at.date())} {info.imported_at:%H:%M} from {info.file_name} "
             f"(import #{info.id})"]
    if info.submitted_by or info.submitter_email:
        who = " ".join(p for p in (info.submitted_by, f"<{info.submitter_email}>" if info.submitter_email else "")
                       if p)
        on = f" on {day(info.date_submitted)}" if info.date_submitted else ""
        lines.append(f"Submitted by {who}{on}")
    warned = f"; {info.warnings} warning{'s' if info.warnings != 1 else ''}" if info.warnings else ""
    lines.append(f"{info.counts}{warned}")
    if cell.status == ROLLED_BACK:
        lines.append("Rolled back: nothing of this return stands now.")
    lines.append(f"{imports} imports for this year; double-click opens the latest." if imports > 1
                 else "Double-click opens the import record.")
    return "\n".join(lines)


class ReturnsGridModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._overview = ReturnsOverview([], [], {})
        self._rows: list[GridRow] = []
        self._import_counts: dict[tuple[str, int], int] = {}

    def set_overview(self, overview: ReturnsOverview, subregions: dict[str, str],
                     import_counts: dict[tuple[str, int], int]) -> None:
        """`subregions`: mission -> sub-region; `import_counts`: (mission, year) -> imports made."""
        self.beginResetModel()
        self._overview, self._import_counts = overview, import_counts
        self._rows = []
        for mission in overview.missions:  # already sub-region by sub-region
            region = subregions.get(mission, "")
            if not self._rows or self._rows[-1].subregion != region:
                self._rows.append(GridRow(region, None))
            self._rows.append(GridRow(region, mission))
        self.endResetModel()

    # ---- what the view asks -----------------------------------------------------------

    @property
    def years(self) -> list[int]:
        return self._overview.years

    @property
    def mission_count(self) -> int:
        return len(self._overview.missions)

    def year_of(self, column: int) -> int | None:
        return self._overview.years[column - 1] if 1 <= column <= len(self._overview.years) else None

    def heading_rows(self) -> list[int]:
        return [i for i, row in enumerate(self._rows) if row.mission is None]

    def status_at(self, index: QModelIndex) -> ReturnStatus | None:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        mission, year = self._rows[index.row()].mission, self.year_of(index.column())
        return self._overview.status(mission, year) if mission and year is not None else None

    def index_of(self, mission: str, year: int) -> QModelIndex:
        rows = [i for i, row in enumerate(self._rows) if row.mission == mission]
        if not rows or year not in self._overview.years:
            return QModelIndex()
        return self.index(rows[0], self._overview.years.index(year) + 1)

    def returned_count(self, year: int) -> int:
        return len(self._overview.missions) - len(self._overview.missing(year))

    # ---- Qt model interface ---------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 1 + len(self._overview.years)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        year = self.year_of(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return "Mission" if section == 0 else str(year) if year is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and year is not None:
            missions = len(self._overview.missions)
            return f"{year}: {self.returned_count(year)} of {missions} missions returned"
        if role == Qt.ItemDataRole.TextAlignmentRole and section > 0:
            return _CENTRE
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if index.isValid() and self._rows[index.row()].mission is None:
            return Qt.ItemFlag.ItemIsEnabled  # a heading: not selectable
        return super().flags(index)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if row.mission is None:
            return self._heading_data(row, index.column(), role)
        if index.column() == 0:
            return row.mission if role == Qt.ItemDataRole.DisplayRole else None
        cell = self.status_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role == StatusRole:
            return cell
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(cell, self._import_counts.get((cell.mission, cell.year), 0))
        if role == Qt.ItemDataRole.BackgroundRole:
            return STATUS_COLOURS[cell.status][0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return STATUS_COLOURS[cell.status][1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRE
        return None

    def _heading_data(self, row: GridRow, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return row.subregion
        if role == Qt.ItemDataRole.BackgroundRole:
            return HEADING_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            return HEADING_TEXT
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None


class ImportListModel(QAbstractTableModel):
    """The imports made for one mission and year, newest first."""

    HEADERS = ("Import", "File", "Imported", "Submitted by", "Changes", "Warnings", "State")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._imports: list[ImportInfo] = []

    def set_imports(self, imports: list[ImportInfo]) -> None:
        self.beginResetModel()
        self._imports = sorted(imports, key=lambda i: (i.imported_at, i.id), reverse=True)
        self.endResetModel()

    def import_at(self, row: int) -> ImportInfo:
        return self._imports[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._imports)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._imports):
            return None
        info = self._imports[index.row()]
        if role == ImportRole:
            return info
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"#{info.id}", info.file_name, f"{day(info.imported_at.date())} {info.imported_at:%H:%M}",
                    info.submitted_by or "", info.counts, str(info.warnings) if info.warnings else "",
                    "Rolled back" if info.state == "rolled_back" else "Applied")[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and info.state == "rolled_back":
            return STATUS_COLOURS[ROLLED_BACK][1]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return f"{info.file_name}\nSHA-256 {info.sha256}"
        return None
