"""A year's countries x indicators as a table: one row per country, the regional totals last.

The model never writes: an edit is announced by `edited` and the view turns it into an undo step
through the core services; the grid read again comes back by `set_grid`.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from ...core.indicators.exact import shown
from ...core.services.indicators import GridCell, IndicatorGrid
from .table_model import plain_value

TOTAL_ROW_LABEL = "Region total"
PartsRole = Qt.ItemDataRole.UserRole + 40  # bool: the figure is given by sex and/or age group
KeyRole = Qt.ItemDataRole.UserRole + 41  # (indicator code, country), or None on the totals row
ERROR_BACKGROUND = QColor("#fde2e1")
WARNING_BACKGROUND = QColor("#fff4d6")
TOTAL_BACKGROUND = QColor("#eef2f7")


def change_text(change: Decimal | None) -> str:
    return "" if change is None else f"{change:+}%"


class IndicatorGridModel(QAbstractTableModel):
    edited = Signal(str, str, str)  # indicator code, country, the text typed

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid: IndicatorGrid | None = None
        self.show_previous = False
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- content ------------------------------------------------------------------------

    def set_grid(self, grid: IndicatorGrid | None) -> None:
        """Show `grid`; the same countries and indicators only repaint, so the current cell and selection stay."""
        same_shape = (grid is not None and self.grid is not None and grid.countries == self.grid.countries
                      and [i.code for i in grid.indicators] == [i.code for i in self.grid.indicators])
        if same_shape:
            self.grid = grid
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)
            return
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def set_show_previous(self, shown_: bool) -> None:
        self.show_previous = shown_
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.grid is None else len(self.grid.countries) + 1

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.grid is None else len(self.grid.indicators)

    def is_total_row(self, row: int) -> bool:
        return self.grid is not None and row == len(self.grid.countries)

    def key(self, index: QModelIndex) -> tuple[str, str] | None:
        """(indicator code, country) of a country's cell; None on the totals row."""
        if not index.isValid() or self.grid is None or self.is_total_row(index.row()):
            return None
        return self.grid.indicators[index.column()].code, self.grid.countries[index.row()]

    def index_of(self, indicator_code: str, country: str) -> QModelIndex:
        if self.grid is None or country not in self.grid.countries:
            return QModelIndex()
        codes = [i.code for i in self.grid.indicators]
        if indicator_code not in codes:
            return QModelIndex()
        return self.index(self.grid.countries.index(country), codes.index(indicator_code))

    def cell(self, index: QModelIndex) -> GridCell | None:
        key = self.key(index)
        return None if key is None else self.grid.cell(*key)

    def plain_text(self, index: QModelIndex) -> str:
        """The figure as a spreadsheet reads it (`83219`), for copying; the total on the totals row."""
        if self.is_total_row(index.row()):
            value = self.grid.totals[self.grid.indicators[index.column()].code].total.value
        else:
            cell = self.cell(index)
            value = cell.value if cell else None
        return "" if value is None else plain_value(value)

    # ---- what the table asks ------------------------------------------------------------

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.grid is None:
            return None
        indicator = self.grid.indicators[index.column()]
        if self.is_total_row(index.row()):
            return self._total_data(indicator.code, role)
        cell = self.grid.cell(indicator.code, self.grid.countries[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            text = shown(cell.value)
            if self.show_previous and (cell.previous is not None or cell.value is not None):
                text += f"\n{self.grid.year - 1}: {shown(cell.previous) or '–'} {change_text(cell.change)}".rstrip()
            return text
        if role == Qt.ItemDataRole.EditRole:
            return "" if cell.value is None else plain_value(cell.value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and cell.findings:
            return ERROR_BACKGROUND if any(f.severity == "error" for f in cell.findings) else WARNING_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(indicator.name, self.grid.countries[index.row()], cell)
        if role == PartsRole:
            return cell.has_parts
        if role == KeyRole:
            return indicator.code, self.grid.countries[index.row()]
        return None

    def _total_data(self, code: str, role: int):
        total = self.grid.totals[code]
        if role == Qt.ItemDataRole.DisplayRole:
            text = shown(total.total.value)
            if self.show_previous:
                text += f"\n{self.grid.year - 1}: {shown(total.previous.value) or '–'} {change_text(total.change)}"
            return text.rstrip()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            return TOTAL_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            reporting = total.total.countries_reporting
            return (f"Regional total {self.grid.year} of all countries, whatever the sub-region shown: "
                    f"{reporting} countr{'ies' if reporting != 1 else 'y'} reporting")
        return None

    def _tooltip(self, indicator: str, country: str, cell: GridCell) -> str:
        lines = [f"{indicator}, {country} {self.grid.year}"]
        if cell.previous is not None:
            lines.append(f"{self.grid.year - 1}: {shown(cell.previous)} {change_text(cell.change)}".rstrip())
        if cell.has_parts:
            lines.append("Given by sex and/or age group: double-click for the breakdown")
        lines += [f"{'Error' if f.severity == 'error' else 'Check'}: {f.message}" for f in cell.findings]
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if self.grid is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section >= len(self.grid.indicators):
                return None
            indicator = self.grid.indicators[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return indicator.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{indicator.name} ({indicator.unit}): {indicator.description or ''}".rstrip(": ")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return TOTAL_ROW_LABEL if self.is_total_row(section) else self.grid.countries[section]
        if role == Qt.ItemDataRole.FontRole and self.is_total_row(section):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and not self.is_total_row(section):
            return self.grid.subregions.get(self.grid.countries[section])
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.is_total_row(index.row()) else flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        key = self.key(index)
        if role != Qt.ItemDataRole.EditRole or key is None:
            return False
        if str(value).strip() == self.data(index, Qt.ItemDataRole.EditRole):
            return False  # unchanged: no undo step
        self.edited.emit(key[0], key[1], str(value))
        return True
