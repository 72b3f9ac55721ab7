"""Ctrl+Tab and Ctrl+Shift+Tab leave a table, as Tab would leave any other widget.

Inside a table Tab moves from cell to cell, so the keyboard needs another way
out; Qt leaves Ctrl+Tab to the widget, and a table does nothing with it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget


class _LeaveOnCtrlTab(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget):
            key_event: QKeyEvent = event
            if key_event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                if key_event.key() == Qt.Key.Key_Tab:
                    return move_focus_out(watched, forward=True)
                if key_event.key() == Qt.Key.Key_Backtab:
                    return move_focus_out(watched, forward=False)
        return False


def move_focus_out(widget: QWidget, *, forward: bool) -> bool:
    """Focus the next (or previous) widget that takes Tab focus, outside `widget`; whether there was one."""
    candidate = widget
    while True:
        candidate = candidate.nextInFocusChain() if forward else candidate.previousInFocusChain()
        if candidate is widget:
            return False
        if (candidate.isVisible() and candidate.isEnabled() and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not widget.isAncestorOf(candidate) and candidate.focusProxy() is None):
            candidate.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
            return True


def leave_with_ctrl_tab(table: QAbstractItemView) -> None:
    """Let Ctrl+Tab / Ctrl+Shift+Tab move the focus out of `table`."""
    keys = _LeaveOnCtrlTab(table)
    table.installEventFilter(keys)
