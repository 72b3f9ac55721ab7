"""File > Print… (Ctrl+P) and File > Print preview…, for views that offer `print_document()` and `print_preview()`."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


def install_print_actions(window) -> tuple[QAction, QAction]:
    """Add the two actions to the window's File menu, before Quit; each asks the current view to print."""
    menu = window.ui.menuFile
    print_action = QAction("&Print…", window)
    print_action.setObjectName("actionPrint")
    print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    preview_action = QAction("Print pre&view…", window)
    preview_action.setObjectName("actionPrintPreview")

    def call(method: str):
        handler = getattr(window.current_view(), method, None)
        return handler() if handler else None

    def enable() -> None:
        view = window.current_view()
        print_action.setEnabled(hasattr(view, "print_document"))
        preview_action.setEnabled(hasattr(view, "print_preview"))

    print_action.triggered.connect(lambda: call("print_document"))
    preview_action.triggered.connect(lambda: call("print_preview"))
    menu.insertActions(window.ui.actionQuit, [print_action, preview_action])
    menu.insertSeparator(window.ui.actionQuit)
    menu.aboutToShow.connect(enable)
    return print_action, preview_action
