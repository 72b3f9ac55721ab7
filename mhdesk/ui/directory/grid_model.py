"""A year's directory as the printed grid: the regional band on top, then one row per country.

Column 0 names the country; the others are the head-of-mission cell and one cell per programme area. Each
cell holds its people in order; a person dropped from the People list onto a cell asks to join it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from ...core.directory_roles import HEAD_COLUMN
from ...core.services.directory import HEAD, REGIONAL, CellKey, DirectoryGrid, DirectoryRow

PERSON_MIME = "application/x-mhdesk-person-ids"
CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # the CellKey of a cell
PEOPLE_ROLE = Qt.ItemDataRole.UserRole + 2  # the DirectoryRows of a cell
REGIONAL_LABEL = "Regional roles"
BAND = QColor("#f2f5f8")


def encode_people(ids: list[int]) -> QMimeData:
    data = QMimeData()
    data.setData(PERSON_MIME, ",".join(str(i) for i in ids).encode())
    data.setText(",".join(str(i) for i in ids))
    return data


def decode_people(data: QMimeData) -> list[int]:
    if not data.hasFormat(PERSON_MIME):
        return []
    return [int(part) for part in bytes(data.data(PERSON_MIME)).decode().split(",") if part.strip().isdigit()]


class DirectoryGridModel(QAbstractTableModel):
    person_dropped = Signal(object, list)  # CellKey, person ids

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid: DirectoryGrid | None = None
        self._headers: list[str] = []

    def set_grid(self, grid: DirectoryGrid | None) -> None:
        self.beginResetModel()
        self.grid = grid
        self._headers = (["Country", HEAD_COLUMN] + [h for h, _ in grid.areas]) if grid else []
        self.endResetModel()

    # ---- shape -------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() or self.grid is None else 1 + len(self.grid.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and self.grid:
            names = dict(self.grid.areas)
            return names.get(self._headers[section])
        return None

    def cell_key(self, index: QModelIndex) -> CellKey | None:
        if not index.isValid() or self.grid is None:
            return None
        if index.row() == 0:
            return CellKey(self.grid.year, None, REGIONAL) if index.column() >= 1 else None
        if index.column() == 0:
            return None
        row = self.grid.rows[index.row() - 1]
        return CellKey(self.grid.year, row.country, self.grid.slots[index.column() - 1])

    def people(self, index: QModelIndex) -> list[DirectoryRow]:
        key = self.cell_key(index)
        if key is None:
            return []
        if key.slot == REGIONAL:
            return list(self.grid.regional)
        return list(self.grid.rows[index.row() - 1].cells.get(key.slot, []))

    def index_of(self, key: CellKey) -> QModelIndex:
        if self.grid is None:
            return QModelIndex()
        if key.slot == REGIONAL:
            return self.index(0, 1)
        for number, row in enumerate(self.grid.rows, start=1):
            if row.country == key.country:
                return self.index(number, 1 + self.grid.slots.index(key.slot))
        return QModelIndex()

    # ---- contents ------------------------------------------------------------------------

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.grid is None:
            return None
        if role == CELL_ROLE:
            return self.cell_key(index)
        if role == PEOPLE_ROLE:
            return self.people(index)
        if role == Qt.ItemDataRole.BackgroundRole and index.row() == 0:
            return BAND
        if role == Qt.ItemDataRole.FontRole and index.column() == 0:
            font = QFont()
            font.setBold(True)
            return font
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                if index.row() == 0:
                    return REGIONAL_LABEL
                row = self.grid.rows[index.row() - 1]
                return row.country + (" *" if row.footnote else "")
            if role == Qt.ItemDataRole.ToolTipRole and index.row() > 0:
                return self.grid.rows[index.row() - 1].footnote
            return None
        people = self.people(index)
        key = self.cell_key(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join(_line(p, key) for p in people)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f"{_line(p, key)}  {p.email or ''} {p.phone or ''}".rstrip() for p in people) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{key.describe()}: " + (", ".join(p.printed_name for p in people) or "nobody")
        return None

    def flags(self, index: QModelIndex):
        flags = super().flags(index)
        if self.cell_key(index) is not None:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    # ---- drops from the People list ----------------------------------------------------

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [PERSON_MIME]

    def supportedDropActions(self):  # noqa: N802
        return Qt.DropAction.CopyAction

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        return bool(decode_people(data)) and self.cell_key(parent) is not None

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        key, ids = self.cell_key(parent), decode_people(data)
        if key is None or not ids:
            return False
        self.person_dropped.emit(key, ids)
        return False  # the records change through an undoable command, which reloads the grid


def _line(person: DirectoryRow, key: CellKey | None) -> str:
    if key is not None and key.slot == HEAD:
        return f"{person.printed_name}, {person.role_text}"
    if key is not None and key.slot == REGIONAL:
        return f"{person.role_text}: {person.printed_name}"
    return person.printed_name
