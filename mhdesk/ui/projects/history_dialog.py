"""The History panel of one project: who changed it when, by an edit, an import or a rollback, field by field."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHeaderView, QTreeWidgetItem, QWidget

from ...core.audit import HistoryEntry
from ..shared.form_loader import load_form


class ProjectHistoryDialog(QDialog):
    def __init__(self, code: str, entries: list[HistoryEntry], parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = load_form(self, "projects/history.ui")
        self.setWindowTitle(f"History of {code}")
        self.ui.buttonBox.rejected.connect(self.reject)
        count = len(entries)
        self.ui.summaryLabel.setText(f"{count} change{'s' if count != 1 else ''} on record for {code}, newest first."
                                     if entries else f"No change to {code} is on record yet.")
        tree = self.ui.entriesTree
        for entry in reversed(entries):
            item = QTreeWidgetItem([f"{entry.at:%Y-%m-%d %H:%M:%S}", entry.who, entry.describe()])
            for field, before, after in entry.changes:
                item.addChild(QTreeWidgetItem([field, before or "(empty)", after or "(empty)"]))
            tree.addTopLevelItem(item)
        if tree.topLevelItemCount():
            tree.topLevelItem(0).setExpanded(True)
        tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        tree.header().setStretchLastSection(True)
