"""One stored import (forms/returns/import_record_dialog.ui): the file, who sent it, what it changed, its plan,
and rolling it back as a whole."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ...core.errors import MhdeskError
from ...core.returns.apply.rollback import RollbackRefused, RollbackSummary
from ...core.returns.history import ImportInfo
from ...core.returns.importer import ReturnImporter
from ...core.services import Services
from ..shared.confirm import ask_destructive
from ..shared.form_loader import load_form
from ..shared.formatting import day
from ..shared.records_bus import RecordsBus
from ..shared.worker import BackgroundJob
from .plan_view import PlanView

CONFLICTS_LISTED = 12  # in the message itself; the full list is behind "Show Details…"


def submitted_text(info: ImportInfo) -> str:
    parts = [info.submitted_by or "", f"<{info.submitter_email}>" if info.submitter_email else ""]
    who = " ".join(p for p in parts if p)
    on = f" on {day(info.date_submitted)}" if info.date_submitted else ""
    return f"{who}{on}" if who else f"Not given in the workbook{on}"


class ImportRecordDialog(QDialog):
    rolled_back = Signal(int)  # the import id, once its rollback is written

    def __init__(self, services: Services, import_id: int, bus: RecordsBus, show_status: Callable[[str], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = load_form(self, "returns/import_record_dialog.ui")
        self._services, self._bus, self._show_status = services, bus, show_status
        self.import_id = import_id
        self.info: ImportInfo | None = None
        self.confirmation: QMessageBox | None = None  # the open "roll back?" question, if any
        self.message: QMessageBox | None = None  # the last outcome shown, if still open
        self.job: BackgroundJob | None = None  # the rollback while it runs
        self.plan_view = PlanView(self.ui.planContainer)
        self.ui.planLayout.addWidget(self.plan_view)
        self.ui.shaLabel.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.rollbackButton.clicked.connect(self.ask_rollback)
        self.resize(1000, 700)
        self.reload()

    def reload(self) -> None:
        """Read the record again (its state changes when it is rolled back)."""
        details = self._services.imports.details(self.import_id)
        if details is None:
            self.info = None
            self.ui.headingLabel.setText(f"Import #{self.import_id} is no longer in the database.")
            self.ui.rollbackButton.setEnabled(False)
            self.plan_view.set_plan(None)
            return
        info = self.info = details.info
        self.setWindowTitle(f"Import #{info.id} — {info.mission} {info.year}")
        self.ui.headingLabel.setText(f"{info.mission}: return for {info.year}")
        self.ui.fileLabel.setText(info.file_name)
        self.ui.shaLabel.setText(info.sha256)
        self.ui.missionLabel.setText(f"{info.mission}, reporting year {info.year}")
        self.ui.importedLabel.setText(f"{day(info.imported_at.date())} at {info.imported_at:%H:%M} "
                                      f"(import #{info.id})")
        self.ui.submittedLabel.setText(submitted_text(info))
        warned = f"; {info.warnings} warning{'s' if info.warnings != 1 else ''}" if info.warnings else ""
        self.ui.countsLabel.setText(f"{info.counts}{warned}")
        applied = info.state == "applied"
        self.ui.stateLabel.setText("Applied: its records are in the database" if applied else
                                   "Rolled back: nothing of it stands now")
        self.ui.rollbackButton.setEnabled(applied and self.job is None)
        self.ui.rollbackButton.setToolTip("" if applied else "This import was rolled back already.")
        self.plan_view.set_plan(details.plan)

    # ---- rolling back ------------------------------------------------------------------

    def ask_rollback(self) -> QMessageBox | None:
        """Ask first (without blocking); the rollback itself runs off the GUI thread."""
        info = self.info
        if info is None or info.state != "applied":
            return None
        self.confirmation = ask_destructive(
            self, "Roll back import",
            f"Roll back import #{info.id}, the return of {info.mission} for {info.year} ({info.file_name})?",
            "Every record it added is deleted, and every record it changed or removed goes back to how it was "
            "before. If one of them was edited since, nothing is rolled back and you are told which.",
            "Roll back", self.start_rollback, self._confirmation_closed)
        return self.confirmation

    def _confirmation_closed(self) -> None:
        self.confirmation = None

    def start_rollback(self) -> BackgroundJob:
        db, import_id = self._services.db, self.import_id
        self.ui.rollbackButton.setEnabled(False)
        # one transaction: it cannot stop halfway, so there is no Cancel; an unexpected error goes to the crash dialog
        self.job = (BackgroundJob(self, lambda progress: ReturnImporter(db).rollback(import_id),
                                  title="Roll back import", label=f"Rolling back import #{import_id}…",
                                  cancellable=False)
                    .on_success(self._rolled_back).on_failure(self._not_rolled_back, MhdeskError)
                    .on_finish(self._job_ended).start())
        return self.job

    def _job_ended(self) -> None:
        self.job = None
        self.reload()

    def _rolled_back(self, summary: RollbackSummary) -> None:
        self._bus.announce("all")  # it may have touched projects, values, roles and events alike
        self._show_status(str(summary))
        self.rolled_back.emit(summary.import_id)
        self._tell(QMessageBox.Icon.Information, "Import rolled back", str(summary))

    def _not_rolled_back(self, error: MhdeskError) -> None:
        if isinstance(error, RollbackRefused):
            count = len(error.conflicts)
            listed = "\n".join(f"• {line}" for line in error.conflicts[:CONFLICTS_LISTED])
            more = f"\n… and {count - CONFLICTS_LISTED} more" if count > CONFLICTS_LISTED else ""
            self._tell(QMessageBox.Icon.Warning, "Import not rolled back",
                       f"Import #{self.import_id} was not rolled back, and nothing was changed: "
                       f"{count} record{'s were' if count != 1 else ' was'} edited since the import.",
                       f"{listed}{more}\n\nSet those records back as the import left them, or keep the import.",
                       "\n".join(error.conflicts))
        else:
            self._tell(QMessageBox.Icon.Warning, "Import not rolled back", str(error))

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str, informative: str = "",
              details: str = "") -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(informative)
        if details:
            box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _: setattr(self, "message", None))
        self.message = box
        box.open()
        return box
