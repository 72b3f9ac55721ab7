"""Build a widget from its Qt Designer file in `forms/`, by composition.

`self.ui = load_form(self, "projects/editor.ui")` fills `self` (a QDialog, a
QMainWindow, ...) with the form's widgets, layouts and actions, and returns a
namespace of them by object name. Loading at run time (QUiLoader) keeps one
source of truth, the `.ui` file, with nothing generated to keep in sync.
"""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QFile, QIODevice, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from ...bundled import form_path


class _IntoBaseLoader(QUiLoader):
    """A loader whose top-level widget is an existing instance instead of a new one."""

    def __init__(self, base: QWidget):
        super().__init__(base)
        self._base = base

    def createWidget(self, class_name: str, parent: QWidget | None = None, name: str = "") -> QWidget:
        if parent is None:
            return self._base
        return super().createWidget(class_name, parent, name)


def load_form(base: QWidget, name: str) -> SimpleNamespace:
    path = form_path(name)
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"The form {path} is missing.")
    try:
        loader = _IntoBaseLoader(base)
        loaded = loader.load(file)
    finally:
        file.close()
    if loaded is None:
        raise RuntimeError(f"The form {path} could not be read: {loader.errorString()}")
    named = {
        child.objectName(): child
        for child in base.findChildren(QObject)
        if child.objectName() and not child.objectName().startswith(("qt_", "_"))
    }
    return SimpleNamespace(**named)
