"""File > Backups… (forms/recovery/backups.ui): the database's backups, one made now, one put back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHeaderView, QMessageBox, QTableWidgetItem, QWidget

from ...core.database import Database, DatabaseError
from ...core.recovery import BackupCopy, RestoreResult, describe_size, list_backups, restore, take_backup
from ..shared.confirm import ask_destructive
from ..shared.form_loader import load_form
from ..shared.worker import BackgroundJob

TAKEN, REASON, SIZE, FILE = range(4)


class BackupsDialog(QDialog):
    restored = Signal(object)  # RestoreResult: the window opens the database again

    def __init__(self, database: Database, show_status: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = load_form(self, "recovery/backups.ui")
        self.database = database
        self.file: Path = database.file
        self.show_status = show_status
        self.copies: list[BackupCopy] = []
        self.job: BackgroundJob | None = None
        header = self.ui.backupTable.horizontalHeader()
        for column in (TAKEN, REASON, SIZE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.ui.introLabel.setText(f"Copies of {self.file.name} in {self.file.parent / 'backups'}, newest first. "
                                   "Restoring one backs up the current state first.")
        self.ui.backUpNowButton.clicked.connect(self.back_up_now)
        self.ui.restoreButton.clicked.connect(self.restore_selected)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.backupTable.itemSelectionChanged.connect(self._update_buttons)
        self.ui.backupTable.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.refresh()

    def refresh(self) -> None:
        table = self.ui.backupTable
        self.copies = list_backups(self.file)
        table.setRowCount(len(self.copies))
        for row, copy in enumerate(self.copies):
            size = QTableWidgetItem(describe_size(copy.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, item in ((TAKEN, QTableWidgetItem(f"{copy.taken:%d %b %Y %H:%M:%S}")),
                                 (REASON, QTableWidgetItem(copy.reason_label)), (SIZE, size),
                                 (FILE, QTableWidgetItem(copy.path.name))):
                item.setToolTip(str(copy.path))
                table.setItem(row, column, item)
        if self.copies:
            table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupCopy | None:
        rows = self.ui.backupTable.selectionModel().selectedRows()
        return self.copies[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        busy = self.job is not None and self.job.is_running
        self.ui.restoreButton.setEnabled(self.selected() is not None and not busy)
        self.ui.backUpNowButton.setEnabled(not busy)

    def back_up_now(self) -> BackgroundJob:
        database = self.database

        def work(progress):
            return take_backup(database, progress=lambda done, total: progress.report(done, total))

        return self._run(work, "Backing up", f"Copying {self.file.name}…", self._backed_up)

    def _backed_up(self, path: Path) -> None:
        self.refresh()
        self.show_status(f"Backup written to {path}.")

    def restore_selected(self) -> QMessageBox | None:
        copy = self.selected()
        if copy is None:
            return None
        return ask_destructive(
            self, "Restore backup",
            f"Replace the records in {self.file.name} with the backup of {copy.taken:%d %b %Y %H:%M} "
            f"({copy.reason_label})?",
            "Everything changed since then is replaced. The current state is backed up first, so this can be "
            "undone by restoring that copy.", "Restore", lambda: self._restore(copy))

    def _restore(self, copy: BackupCopy) -> BackgroundJob:
        file = self.file

        def work(progress):
            return restore(file, copy.path, progress=lambda done, total: progress.report(done, total))

        return self._run(work, "Restoring", f"Copying the backup of {copy.taken:%d %b %Y %H:%M}…", self._restored)

    def _restored(self, result: RestoreResult) -> None:
        self.refresh()
        self.show_status(f"Restored {result.file.name} from {result.restored_from.name}; the state it replaced is "
                         f"kept in {result.previous_state}.")
        self.restored.emit(result)

    def _run(self, work, title: str, label: str, done: Callable) -> BackgroundJob:
        # one transaction each: a copy cannot stop half-way
        self.job = (BackgroundJob(self, work, title=title, label=label, cancellable=False)
                    .on_success(done).on_failure(self._failed, DatabaseError, OSError)
                    .on_finish(self._update_buttons).start())
        self._update_buttons()
        return self.job

    def _failed(self, error: BaseException) -> None:
        message = str(error) if isinstance(error, DatabaseError) else f"{error.strerror or error}: {error.filename}"
        QMessageBox.warning(self, "Backups", message)
