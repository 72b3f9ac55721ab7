"""The History panel of one record (a project, a person, an event, a publication, an indicator cell): who changed
it when, by an edit, an import or a rollback, field by field; and the History… action that opens it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHeaderView, QTreeWidgetItem, QWidget

from ...core.audit import HistoryEntry
from .form_loader import load_form


class HistoryDialog(QDialog):
    def __init__(self, name: str, entries: list[HistoryEntry], parent: QWidget | None = None, *,
                 labelled: bool = False):
        """`labelled`: each entry names its record (the cell of a directory lists several people's roles)."""
        super().__init__(parent)
        self.ui = load_form(self, "shared/history.ui")
        self.setWindowTitle(f"History of {name}")
        self.ui.buttonBox.rejected.connect(self.reject)
        count = len(entries)
        self.ui.summaryLabel.setText(f"{count} change{'s' if count != 1 else ''} on record for {name}, newest first."
                                     if entries else f"No change to {name} is on record yet.")
        tree = self.ui.entriesTree
        for entry in reversed(entries):
            what = f"{entry.label} {entry.describe()}" if labelled else entry.describe()
            item = QTreeWidgetItem([f"{entry.at:%Y-%m-%d %H:%M:%S}", entry.who, what])
            for field, before, after in entry.changes:
                item.addChild(QTreeWidgetItem([field, before or "(empty)", after or "(empty)"]))
            tree.addTopLevelItem(item)
        if tree.topLevelItemCount():
            tree.topLevelItem(0).setExpanded(True)
        tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        tree.header().setStretchLastSection(True)


def add_history_action(widget: QWidget, show: Callable[[], object], *, context_menu: bool = True) -> QAction:
    """History… (Ctrl+H) on a table (or a whole form) and, unless told otherwise, in its context menu, as on the
    projects table."""
    action = QAction("&History…", widget, shortcut=QKeySequence("Ctrl+H"),
                     shortcutContext=Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda: show())
    widget.addAction(action)
    if context_menu:
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action


def open_history(parent: QWidget, name: str, entries: list[HistoryEntry], *, labelled: bool = False
                 ) -> HistoryDialog:
    dialog = HistoryDialog(name, entries, parent.window(), labelled=labelled)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
