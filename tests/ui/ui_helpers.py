"""What a person does in the window, as functions the tests share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication


def click_row(view, code: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Click a project's row in the table (Ctrl-click adds it to the selection)."""
    row = view.model.row_of(view.store.service.find(code).id)
    assert row is not None, f"{code} is not shown"
    table = view.ui.tableView
    index = view.model.index(row, 0)
    table.scrollTo(index)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, table.visualRect(index).center())


def shown_codes(view) -> list[str]:
    return [view.model.row_at(r).code for r in range(view.model.rowCount())]


def click_button(dialog, text: str) -> None:
    for button in dialog.findChildren(QAbstractButton):
        if button.text().replace("&", "") == text:
            button.click()
            return
    raise AssertionError(f"no button {text!r} in {dialog.windowTitle()!r}")


def active_dialog():
    return QApplication.activeModalWidget()


def replace_text(qtbot, line_edit, text: str) -> None:
    """Select all and type, as a person does; fires textEdited like real typing."""
    line_edit.setFocus()
    line_edit.selectAll()
    QTest.keyClick(line_edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(line_edit, text)
