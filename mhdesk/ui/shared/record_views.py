"""What the read-only record views (indicators, directory) share: table set-up, copying, year choices."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableView

from .clipboard import to_tsv
from .editor_fields import fill_combo
from .record_table import RecordTableModel
from .table_keys import leave_with_ctrl_tab

SORT_ARROW_ROOM = 36  # header padding and the sort indicator, so the arrow never covers the title


def setup_table(table: QTableView, model: RecordTableModel, samples: dict[int, str], stretch: int) -> None:
    """Model, starting widths from a typical value per column, `stretch` taking what is left."""
    table.setModel(model)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order until a column is clicked
    fit_columns(table, samples)
    leave_with_ctrl_tab(table)


def fit_columns(table: QTableView, samples: dict[int, str]) -> None:
    """Each column as wide as its typical value or its header, whichever is wider, with room for the sort
    arrow beside the header text and a gap after a right-aligned number."""
    metrics = table.fontMetrics()
    header_metrics = table.horizontalHeader().fontMetrics()
    model = table.model()
    for column, sample in samples.items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        table.setColumnWidth(column, max(metrics.horizontalAdvance(sample) + 24,
                                         header_metrics.horizontalAdvance(title) + SORT_ARROW_ROOM))
    table.verticalHeader().setDefaultSectionSize(metrics.height() + 10)


def selected_records(table: QTableView, model: RecordTableModel) -> list:
    return [model.row_at(index.row()) for index in sorted(table.selectionModel().selectedRows(), key=lambda i: i.row())]


def copy_records(table: QTableView, model: RecordTableModel, show_status: Callable[[str], None]) -> int:
    """The selected rows to the clipboard as tab-separated text with a header row; returns how many."""
    rows = selected_records(table, model)
    if rows:
        QGuiApplication.clipboard().setText(to_tsv(model.tsv_header(), (model.tsv_values(r) for r in rows)))
        show_status(f"Copied {len(rows)} row{'s' if len(rows) != 1 else ''} with a header row.")
    return len(rows)


def offer_years(combo: QComboBox, years: Iterable[int], chosen: int | None, all_label: str | None = None) -> None:
    """Offer `years` newest first (after an 'all' item when given) and select `chosen`, without signals."""
    combo.blockSignals(True)
    items = [(all_label, None)] if all_label else []
    fill_combo(combo, items + [(str(y), y) for y in sorted(set(years), reverse=True)])
    index = combo.findData(chosen)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def select_records(table: QTableView, model: RecordTableModel, ids) -> None:
    """Select the shown rows of these records (by id); the first becomes current and is scrolled to."""
    rows = model.rows_of(ids)
    selection, last = QItemSelection(), model.columnCount() - 1
    for row in rows:
        selection.select(model.index(row, 0), model.index(row, last))
    flags = QItemSelectionModel.SelectionFlag
    table.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)
    if rows:
        table.selectionModel().setCurrentIndex(model.index(rows[0], 0), flags.NoUpdate)
        table.scrollTo(model.index(rows[0], 0))
