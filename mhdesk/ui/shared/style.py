"""The look: Fusion everywhere (the same on every platform), quiet colours, clear hierarchy."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

STYLE_SHEET = """
QListWidget#navList {
    background: #f4f5f7; border: none; border-right: 1px solid #e3e5e8; padding: 10px 8px;
}
QListWidget#navList::item { padding: 7px 8px; margin: 1px 0; border-radius: 6px; color: #374151; }
QListWidget#navList::item:hover:!selected { background: #e9ebef; }
QListWidget#navList::item:selected { background: #dce8f6; color: #0b3d73; }
QListWidget#navList:focus { border: none; border-right: 1px solid #e3e5e8; outline: none; }
QListWidget#navList::item:selected:focus { background: #2f6fb5; color: #ffffff; }
QLabel#headingLabel { font-size: 15pt; font-weight: 600; color: #1f2937; }
QLabel#countLabel { color: #6b7280; }
QLabel#emptyHeading { font-size: 14pt; font-weight: 600; color: #374151; }
QLabel#emptyText { color: #6b7280; }
QLabel#themesLabel { margin-top: 8px; }
QLabel[role="error"] { color: #b42318; }
QLabel[role="hint"] { color: #6b7280; }
QTableView {
    border: 1px solid #e3e5e8; border-radius: 4px;
    selection-background-color: #dce8f6; selection-color: #111827;
}
QTableView::item { padding: 0 8px 0 4px; }
QStatusBar { color: #4b5563; }
QStatusBar QLabel#databaseLabel { color: #6b7280; padding-right: 6px; }
"""


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#fbfbfc"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f7f8fa"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fb5"))
    palette.setColor(QPalette.ColorRole.Button, QColor("#f4f5f7"))
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET)
