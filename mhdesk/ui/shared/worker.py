"""Run slow work (an import, an export) off the GUI thread, with progress and cancel.

    def work(progress: Progress) -> Summary:
        for i, sheet in enumerate(sheets):
            progress.check()                      # raises Cancelled once cancel was asked
            progress.report(i, len(sheets), f"Reading {sheet}")
            ...
        return summary

    task = run_with_progress(window, work, title="Importing", label="Reading the workbook…",
                             on_success=show_summary, on_error=show_problem)

The callable runs in a pool thread and must not touch widgets: it only calls
`progress.report(...)`. Everything it reports, returns or raises comes back
to the GUI thread as signals of the `Task`. Database work shares one
single-thread pool, so two jobs never write at the same time.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class Cancelled(Exception):
    """Raised inside the work by `Progress.check()` once the person pressed Cancel."""


class Progress:
    """Handed to the work: report how far it got, learn whether to stop. Thread-safe."""

    def __init__(self, task: Task):
        self._task = task
        self._cancel = threading.Event()

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        self._task.progressed.emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


class Task(QObject):
    """One run of a callable in the background; its signals arrive on the GUI thread."""

    progressed = Signal(int, int, str)  # done, total (0 when unknown), what is happening
    succeeded = Signal(object)  # what the callable returned
    failed = Signal(object, str)  # the exception, its formatted traceback
    cancelled = Signal()
    finished = Signal()  # after any of the three above

    def __init__(self, fn: Callable[[Progress], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._fn = fn
        self.progress = Progress(self)

    def cancel(self) -> None:
        self.progress._cancel.set()

    def start(self, pool: QThreadPool | None = None) -> Task:
        _running.add(self)  # the pool holds no Python reference; keep the task alive until it ends
        self.finished.connect(lambda: _running.discard(self))
        (pool or database_pool()).start(_Runner(self))
        return self

    def _run(self) -> None:  # on the pool thread
        try:
            result = self._fn(self.progress)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # reported to the GUI, which decides how to show it
            self.failed.emit(exc, traceback.format_exc())
        else:
            # the work ran to its end: what it did stands, even if Cancel came too late to stop it
            self.succeeded.emit(result)
        self.finished.emit()


class _Runner(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()


_running: set[Task] = set()
_database_pool: QThreadPool | None = None


def database_pool() -> QThreadPool:
    """One worker thread for everything that touches the database: jobs run one after another."""
    global _database_pool
    if _database_pool is None:
        _database_pool = QThreadPool()
        _database_pool.setMaxThreadCount(1)
    return _database_pool


def run_with_progress(
    parent: QWidget,
    fn: Callable[[Progress], Any],
    *,
    title: str,
    label: str,
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException, str], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Start `fn` in the background behind a progress dialog with a Cancel button."""
    task = Task(fn)
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # quick jobs finish before a dialog flickers up
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(task.cancel)
    dialog.canceled.connect(lambda: dialog.setLabelText("Stopping…"))

    def show_progress(done: int, total: int, text: str) -> None:
        if dialog.wasCanceled():
            return
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if text:
            dialog.setLabelText(text)

    task.progressed.connect(show_progress)
    task.finished.connect(dialog.close)
    task.finished.connect(dialog.deleteLater)
    if on_success:
        task.succeeded.connect(on_success)
    if on_error:
        task.failed.connect(on_error)
    if on_cancel:
        task.cancelled.connect(on_cancel)
    task.dialog = dialog
    return task.start(pool)
