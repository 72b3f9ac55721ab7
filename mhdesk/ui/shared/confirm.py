"""Asking before something destructive, without blocking the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_destructive(parent: QWidget, title: str, question: str, explanation: str, action: str,
                    on_confirmed: Callable[[], None], on_answered: Callable[[], None] | None = None) -> QMessageBox:
    """Open a question whose safe answer, Cancel, is the default; `on_confirmed` runs on `action`."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(explanation)
    confirm = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    for button in box.buttons():
        button.setIcon(QIcon())
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered() -> None:
        if on_answered is not None:
            on_answered()
        if box.clickedButton() is confirm:
            on_confirmed()

    box.finished.connect(answered)
    box.open()
    return box
