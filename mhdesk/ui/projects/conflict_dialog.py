"""A save refused because someone else saved the project first: both versions side by side, field by field.

The user keeps theirs (saved over the other's, knowingly), takes the other's (their edits dropped), or merges:
each differing field says which side to keep, and starts on the side that changed it (a field only the other
changed keeps the other's value). `resolution` is what to save, or None to save nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QHeaderView, QTableWidgetItem, QWidget

from ...core.services.project_fields import FIELDS, merged
from ...core.services.project_records import ProjectData
from ..shared.form_loader import load_form

MINE, THEIRS = "mine", "theirs"


class ProjectConflictDialog(QDialog):
    def __init__(self, base: ProjectData, mine: ProjectData, theirs: ProjectData | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = load_form(self, "projects/conflict.ui")
        self._mine, self._theirs = mine, theirs
        self.resolution: ProjectData | None = None
        self.setWindowTitle(f"{mine.code} was changed elsewhere")
        buttons = self.ui.buttonBox
        self.keep_mine_button = buttons.addButton("Keep mine", QDialogButtonBox.ButtonRole.AcceptRole)
        self.take_theirs_button = buttons.addButton("Take theirs", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button = buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_mine_button.clicked.connect(lambda: self._resolve(MINE))
        self.take_theirs_button.clicked.connect(lambda: self._resolve(THEIRS))
        self.merge_button.clicked.connect(lambda: self._resolve(None))
        buttons.rejected.connect(self.reject)
        if theirs is None:  # deleted meanwhile: saving mine puts it back
            self.ui.messageLabel.setText(f"{mine.code} was deleted by someone else while you edited it. Keep mine "
                                         "adds it again as you left it; Take theirs leaves it deleted.")
            self.merge_button.setEnabled(False)
            self.rows: list[tuple[str, QComboBox]] = []
            self.ui.fieldsTable.hide()
            return
        self.ui.messageLabel.setText(f"Someone else saved {mine.code} while you were editing it. "
                                     "The fields that differ:")
        self.rows = self._fill(base, mine, theirs)

    def _fill(self, base: ProjectData, mine: ProjectData, theirs: ProjectData) -> list[tuple[str, QComboBox]]:
        table = self.ui.fieldsTable
        rows = []
        for field in FIELDS:
            yours, other = field.text(mine), field.text(theirs)
            if yours == other:
                continue
            row = table.rowCount()
            table.insertRow(row)
            for column, text in enumerate((field.label, yours or "(empty)", other or "(empty)")):
                table.setItem(row, column, QTableWidgetItem(text))
            choice = QComboBox()
            choice.addItem("Yours", MINE)
            choice.addItem("Theirs", THEIRS)
            choice.setCurrentIndex(0 if yours != field.text(base) else 1)
            choice.setAccessibleName(f"Keep for {field.label}")
            table.setCellWidget(row, 3, choice)
            rows.append((field.name, choice))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        return rows

    def choices(self) -> dict[str, str]:
        """Field name -> MINE or THEIRS, as the rows say now."""
        return {name: combo.currentData() for name, combo in self.rows}

    def choose(self, field_name: str, side: str) -> None:
        combo = dict(self.rows)[field_name]
        combo.setCurrentIndex(combo.findData(side))

    def _resolve(self, side: str | None) -> None:
        theirs = self._theirs
        if side == THEIRS:
            self.resolution = None
        elif side == MINE or theirs is None:
            self.resolution = self._mine.copy(version=theirs.version if theirs else None)
        else:
            mine_fields = {name for name, chosen in self.choices().items() if chosen == MINE}
            self.resolution = merged(theirs, self._mine, mine_fields)
        self.accept()
