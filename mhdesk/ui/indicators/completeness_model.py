"""Which missions reported which indicators for a year: missions down, indicators across, a tick per figure."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from ...core.services.indicators import Completeness

REPORTED = "✓"
NOTHING_BACKGROUND = QColor("#fde2e1")  # a mission with no figure at all for the year


class CompletenessModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.completeness: Completeness | None = None
        self._missing: set[str] = set()

    def set_completeness(self, completeness: Completeness | None) -> None:
        self.beginResetModel()
        self.completeness = completeness
        self._missing = set(completeness.missing_missions()) if completeness else set()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.completeness is None else len(self.completeness.missions)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.completeness is None else len(self.completeness.indicators) + 1

    def reported_count(self, mission: str) -> int:
        return sum((mission, i.code) in self.completeness.reported for i in self.completeness.indicators)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.completeness is None:
            return None
        mission = self.completeness.missions[index.row()]
        indicators = self.completeness.indicators
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == len(indicators):
                return f"{self.reported_count(mission)} of {len(indicators)}"
            return REPORTED if (mission, indicators[index.column()].code) in self.completeness.reported else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and mission in self._missing:
            return NOTHING_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole and index.column() < len(indicators):
            code = indicators[index.column()].code
            done = (mission, code) in self.completeness.reported
            return (f"{mission} {'reported' if done else 'has not reported'} {indicators[index.column()].name} "
                    f"for {self.completeness.year}")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if self.completeness is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Vertical:
            return self.completeness.missions[section]
        indicators = self.completeness.indicators
        if section == len(indicators):
            return "Reported"
        return indicators[section].code if role == Qt.ItemDataRole.DisplayRole else indicators[section].name
