"""Importing mission returns from the window: read, review, apply, say what happened.

    flow = ImportFlow(window, database, bus, show_status)
    flow.add_files([path, ...])      # opens the review dialog; more files can be added while it is open

Each workbook is read and planned (the dry run) on the database thread behind
a progress dialog with Cancel; the review dialog shows its plan; Apply writes
it on the database thread, again with Cancel. One job runs at a time. After
an import the other workbooks are read again, since their plans were made
against the records as they were, and every view reloads (`bus.announce`).
The core guarantees that a cancelled or failed step writes nothing.

Once applied, the indicator checks of the mission's figures (what `mhdesk import` prints) are shown in the
review; choosing one opens the Indicators grid at its cell.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ...core.database import Database
from ...core.returns.apply.applier import ImportBlocked, ImportCancelled, ImportSummary, StalePlan
from ...core.returns.importer import ImportPreview, ReturnImporter
from ...core.returns.problems import ReturnFileError
from ...core.services import Services
from ..shared import file_dialogs
from ..shared.records_bus import RecordsBus
from ..shared.worker import BackgroundJob, Cancelled, Progress
from .import_review import ImportReviewDialog
from .return_files import (
    APPLIED,
    APPLYING,
    NOT_READ,
    READING,
    READY,
    SKIPPED,
    UNREADABLE,
    WAITING,
    ReturnFile,
    applied_message,
    problem_report_path,
)

log = logging.getLogger(__name__)
OPEN_FILTER = "Excel workbooks (*.xlsx);;All files (*)"
REPORT_FILTER = "Excel workbooks (*.xlsx)"


def choose_returns(parent: QWidget, database: Path | None = None) -> list[Path]:
    """The workbooks to import; never the open `database` nor its companion files."""
    return file_dialogs.open_file_names(parent, "Import returns", file_dialogs.RETURNS, OPEN_FILTER,
                                        database=database, several=True)


class ImportFlow(QObject):
    closed = Signal()  # the review dialog was closed and no job is left running

    def __init__(self, parent: QWidget, database: Database, bus: RecordsBus, show_status: Callable[[str], None],
                 navigate: Callable[..., object] | None = None):
        super().__init__(parent)
        self.importer = ReturnImporter(database)
        self.services = Services(database)
        # the window's way to a view at some records (`navigate("indicators", year=..., ...)`)
        self.navigate = navigate or getattr(parent, "navigate", None)
        self.database_file = database.file
        self.bus, self.show_status = bus, show_status
        self.files: list[ReturnFile] = []
        self.job: BackgroundJob | None = None  # the job running now, if any
        self._to_read: list[int] = []
        self._open = True
        self.dialog = ImportReviewDialog(parent)
        self.dialog.apply_requested.connect(self.apply)
        self.dialog.skip_requested.connect(self.skip)
        self.dialog.report_requested.connect(self.write_report)
        self.dialog.read_again_requested.connect(self.read_again)
        self.dialog.files_dropped.connect(self.add_files)
        self.dialog.finding_requested.connect(self.show_finding)
        self.dialog.finished.connect(self._dialog_closed)

    @property
    def busy(self) -> bool:
        return self.job is not None

    def add_files(self, paths: list[str | os.PathLike]) -> None:
        """Add workbooks to the review (a workbook already there is not added twice) and read them."""
        known = {file.path.resolve(): index for index, file in enumerate(self.files)}
        first_new = None
        for path in map(Path, paths):
            if path.resolve() in known:
                continue
            known[path.resolve()] = len(self.files)
            first_new = len(self.files) if first_new is None else first_new
            self.files.append(ReturnFile(path))
            self._to_read.append(len(self.files) - 1)
        self.dialog.set_files(self.files)
        if first_new is not None and self.dialog.current_index() != first_new and self.dialog.isVisible():
            self.dialog.select(first_new)
        if not self.dialog.isVisible():
            self.dialog.open()
        self._next()

    # ---- reading --------------------------------------------------------------------

    def read_again(self, index: int) -> None:
        file = self.files[index]
        if file.state in (NOT_READ, READY) and index not in self._to_read:
            self._mark(index, WAITING)
            self._to_read.append(index)
            self._next()

    def _next(self) -> None:
        if self.job is not None or not self._to_read or not self._open:
            return
        index = self._to_read.pop(0)
        file = self._mark(index, READING)
        label = f"Reading {file.path.name}…"

        def work(progress: Progress) -> ImportPreview:
            return _cancellable(lambda: self.importer.dry_run(file.path, progress=_reporting(progress, label)))

        self._start(work, "Reading returns", label, lambda preview: self._was_read(index, preview),
                    lambda exc: self._unreadable(index, exc), lambda: self._reading_cancelled(index))

    def _was_read(self, index: int, preview: ImportPreview) -> None:
        file = self.files[index]
        file.preview = preview
        self._mark(index, READY)

    def _unreadable(self, index: int, exc: BaseException) -> None:
        file = self.files[index]
        if not isinstance(exc, ReturnFileError):  # a workbook can be broken in any way: say so, keep the details
            log.error("Reading %s failed", file.path, exc_info=exc)
        file.note = str(exc) if isinstance(exc, ReturnFileError) else f"{file.path.name} could not be read: {exc}"
        file.preview = None
        self._mark(index, UNREADABLE)

    def _reading_cancelled(self, index: int) -> None:
        """Cancel stops the reading of this workbook and of those waiting after it."""
        for waiting in [index, *self._to_read]:
            self.files[waiting].preview = None
            self.files[waiting].note = "Reading was cancelled; nothing was written."
            self._mark(waiting, NOT_READ)
        self._to_read.clear()

    # ---- applying -------------------------------------------------------------------

    def apply(self, index: int) -> None:
        file = self.files[index]
        if self.job is not None or not file.can_apply:
            return
        preview = file.preview
        file.note = ""
        self._mark(index, APPLYING)
        label = f"Importing {file.title}…"

        def work(progress: Progress) -> tuple[ImportSummary, list]:
            summary = _cancellable(lambda: self.importer.apply(preview, progress=_reporting(progress, label)))
            return summary, self._findings(summary)

        self._start(work, "Importing returns", label, lambda applied: self._applied(index, *applied),
                    lambda exc: self._not_applied(index, exc),
                    lambda: self._apply_cancelled(index))

    def _findings(self, summary: ImportSummary) -> list:
        """The checks of the mission's figures of the year as they stand after the import (the import is
        written by then: a check that fails says so in the log, never undoes the import)."""
        try:
            return [f for f in self.services.indicators.findings(summary.year) if f.country == summary.mission]
        except Exception:  # noqa: BLE001 - the import stands whatever the checks do
            log.exception("Checking the figures of %s %s failed", summary.mission, summary.year)
            return []

    def _applied(self, index: int, summary: ImportSummary, findings: list) -> None:
        file = self.files[index]
        file.summary, file.findings = summary, findings
        self._mark(index, APPLIED)
        self.show_status(applied_message(summary))
        self.bus.announce("all")
        for other, waiting in enumerate(self.files):  # their plans were made against the records before this import
            if waiting.state == READY and other not in self._to_read:
                waiting.note = "Read again after the import of another return."
                self._mark(other, WAITING)
                self._to_read.append(other)
        self._select_next_after(index)

    def _not_applied(self, index: int, exc: BaseException) -> None:
        file = self.files[index]
        if isinstance(exc, StalePlan):
            file.note = "Records changed after the workbook was read, so it was read again; nothing was written."
            self._mark(index, WAITING)
            self._to_read.insert(0, index)
            return
        if not isinstance(exc, ImportBlocked):
            log.error("Importing %s failed", file.path, exc_info=exc)
        file.note = str(exc) if isinstance(exc, ImportBlocked) else f"The import failed and nothing was written: {exc}"
        self._mark(index, READY)

    def _apply_cancelled(self, index: int) -> None:
        self.files[index].note = "The import was cancelled; nothing was written."
        self._mark(index, READY)

    def show_finding(self, finding) -> None:
        """The Indicators grid of the finding's year at its cell; the review closes when nothing is left in it
        to apply or read, else it stays open beside the grid."""
        if self.navigate is None:
            return
        if self.job is None and not any(f.can_apply or f.state in (WAITING, READING) for f in self.files):
            self.dialog.accept()
        self.navigate("indicators", year=finding.year, indicator=finding.indicator_code, country=finding.country)

    # ---- the other buttons -----------------------------------------------------------

    def skip(self, index: int) -> None:
        if self.files[index].state in (READY, NOT_READ):
            self.files[index].note = ""
            self._mark(index, SKIPPED)
            self._select_next_after(index)

    def write_report(self, index: int, target: str | os.PathLike | None = None) -> None:
        """Save the problem report of a workbook (asking where, beside the workbook by default)."""
        file = self.files[index]
        if self.job is not None or file.preview is None:
            return
        if target is None:
            target = file_dialogs.save_file_name(self.dialog, "Write problem report", file_dialogs.REPORTS,
                                                 REPORT_FILTER, problem_report_path(file.path).name,
                                                 database=self.database_file, fallback=file.path.parent)
            if target is None:
                return
        target = Path(target)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(f"{target.name}.xlsx")
        source, problems = file.path, file.preview.problems

        def done(path: Path) -> None:
            file.note = f"Problem report written to {path.name}."
            self.show_status(f"Problem report written to {path}.")
            self.dialog.refresh(index)

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, (ReturnFileError, OSError, ValueError)):
                log.error("Writing the problem report %s failed", target, exc_info=exc)
            file.note = f"The problem report could not be written: {exc}"
            self.dialog.refresh(index)

        from ...core.returns.report.annotate import write_problem_report  # openpyxl: not before the first paint

        # A file job, not a database one: it need not wait behind reading or importing.
        self._start(lambda _progress: write_problem_report(source, problems, target), "Problem report",
                    f"Writing {target.name}…", done, failed, None, database=False)

    # ---- plumbing ---------------------------------------------------------------------

    def _start(self, work, title: str, label: str, on_success, on_failure, on_cancel, database=True) -> None:
        job = BackgroundJob(self.dialog, work, title=title, label=label, database=database)
        job.on_success(on_success).on_failure(on_failure).on_finish(self._finished)
        if on_cancel is not None:
            job.on_cancel(on_cancel)
        self.job = job.start()

    def _finished(self) -> None:
        self.job = None
        if self._open:
            self._next()
        else:
            self.closed.emit()

    def _mark(self, index: int, state: str) -> ReturnFile:
        self.files[index].state = state
        self.dialog.refresh(index)
        return self.files[index]

    def _select_next_after(self, index: int) -> None:
        count = len(self.files)
        for other in ((index + step) % count for step in range(1, count)):
            if self.files[other].state in (WAITING, READING) or self.files[other].can_apply:
                self.dialog.select(other)
                return

    def _dialog_closed(self) -> None:
        """Closing the review stops what is running (nothing is written then) and reads no more."""
        self._open = False
        self._to_read.clear()
        if self.job is not None:
            self.job.cancel()
        else:
            self.closed.emit()


def _reporting(progress: Progress, text: str) -> Callable[[int, int], bool]:
    """The core's progress callback: report, and answer False once Cancel was pressed."""
    def report(done: int, total: int) -> bool:
        progress.report(done, total, text)
        return not progress.cancelled
    return report


def _cancellable(step):
    try:
        return step()
    except ImportCancelled as exc:
        raise Cancelled() from exc
