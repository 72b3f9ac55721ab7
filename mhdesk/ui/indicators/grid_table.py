"""The grid's spreadsheet keys: typing starts an edit, Enter and Tab move on, Delete clears, Ctrl+V pastes.

Arrow keys, Tab and typing are the table's own (its edit triggers); what a QTableView does not do is
added here: Enter moves down (Shift+Enter up), also when it ends an edit; Delete and Backspace clear
the selected cells; the copy and paste keys call the view back. A cell given by parts carries a small
mark in its corner, as a spreadsheet marks a cell with a comment.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPolygonF
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QLineEdit, QStyledItemDelegate, QTableView

from .grid_model import PartsRole

MARK_COLOUR = QColor("#2563eb")
MARK_SIZE = 7
OWN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


def _claim_own_keys(event: QEvent) -> bool:
    """Keep Enter and Delete from a window shortcut (the projects' Enter opens a project), even a disabled one."""
    if event.type() == QEvent.Type.ShortcutOverride and event.key() in OWN_KEYS:
        event.accept()
        return True
    return False


class GridDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        if index.data(PartsRole):
            corner = option.rect.topRight()
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(MARK_COLOUR)
            painter.drawPolygon(QPolygonF([QPointF(corner.x() - MARK_SIZE, corner.y() + 1),
                                           QPointF(corner.x(), corner.y() + 1),
                                           QPointF(corner.x(), corner.y() + 1 + MARK_SIZE)]))
            painter.restore()

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        return _claim_own_keys(event) or super().eventFilter(editor, event)

    def createEditor(self, parent, option, index) -> QLineEdit:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        return editor


class _SpreadsheetKeys(QObject):
    def __init__(self, table: QTableView, copy: Callable[[], object], paste: Callable[[], object],
                 clear: Callable[[], object]):
        super().__init__(table)
        self._table, self._copy, self._paste, self._clear = table, copy, paste, clear

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._table.state() != QAbstractItemView.State.EditingState and _claim_own_keys(event):
            return True
        if event.type() != QEvent.Type.KeyPress or self._table.state() == QAbstractItemView.State.EditingState:
            return False
        if event.matches(QKeySequence.StandardKey.Paste):
            self._paste()
            return True
        if event.matches(QKeySequence.StandardKey.Copy):
            self._copy()
            return True
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            move(self._table, -1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._clear()
            return True
        return False


def move(table: QTableView, rows: int) -> None:
    """The current cell `rows` down (up when negative), staying in the table; the selection follows."""
    current = table.currentIndex()
    if not current.isValid():
        return
    row = min(max(current.row() + rows, 0), table.model().rowCount() - 1)
    table.setCurrentIndex(table.model().index(row, current.column()))


def make_spreadsheet(table: QTableView, copy: Callable[[], object], paste: Callable[[], object],
                     clear: Callable[[], object]) -> GridDelegate:
    delegate = GridDelegate(table)
    table.setItemDelegate(delegate)
    table.installEventFilter(_SpreadsheetKeys(table, copy, paste, clear))

    def editor_closed(_editor, hint) -> None:
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter ended the edit
            move(table, 1)

    delegate.closeEditor.connect(editor_closed)
    return delegate
