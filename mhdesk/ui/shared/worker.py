"""Run slow work (an import, an export, a reload) off the GUI thread: wire the job first, start it last.

    job = (BackgroundJob(window, read_workbook, title="Reading returns", label="Reading the workbook…")
           .on_success(show_plan).on_failure(show_problem, ReturnFileError).on_cancel(say_cancelled)
           .on_finish(leave_busy_state).start())

The work is called as `work(progress)` on a pool thread and must not touch
widgets: it calls `progress.report(done, total, text)`, and `progress.check()`
(raises `Cancelled` once Cancel was pressed). Everything it reports, returns or
raises comes back to the GUI thread, where the callbacks run, in this order:
progress, then one of success / failure / cancel, then finish. Nothing is
started before `start()`, so no outcome can arrive before it is listened for.

- `title` shows a window-modal progress dialog (after a moment, so quick jobs do
  not flicker) with Cancel unless `cancellable=False`; without a title the job
  is silent and `on_progress` may show it elsewhere (the status bar).
- `on_failure(handler, *kinds)` handles the exceptions of those kinds (every
  kind when none is named) with a sentence for the person; a failure no handler
  takes is unexpected and goes to the crash dialog (`sys.excepthook`).
- Database work shares one single-thread pool, so two jobs never write at the
  same time; `database=False` runs a job that only touches files beside them.
- Once the parent widget is deleted, the job's callbacks are no longer called.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

PROGRESS_DIALOG_DELAY_MS = 400  # quick jobs finish before a dialog flickers up
PROGRESS_INTERVAL_S = 1 / 30  # reports of one step closer together than this are merged: the GUI cannot show more


class Cancelled(Exception):
    """Raised inside the work by `Progress.check()` once the person pressed Cancel."""


class Progress:
    """Handed to the work: report how far it got, learn whether to stop. Called on the pool thread."""

    def __init__(self, emit: Callable[[int, int, str], None], cancel: threading.Event):
        self._emit = emit
        self._cancel = cancel
        self._last: tuple[float, str] | None = None

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        now = time.monotonic()
        if (self._last is not None and text == self._last[1] and now - self._last[0] < PROGRESS_INTERVAL_S
                and not (total and done >= total)):
            return
        self._last = (now, text)
        self._emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


SUCCEEDED, FAILED, CANCELLED = "succeeded", "failed", "cancelled"


class _Relay(QObject):
    """Emitted on the pool thread; queued to the job, which lives on the GUI thread."""

    progressed = Signal(int, int, str)  # done, total (0 when unknown), what is happening
    ended = Signal(str, object)  # SUCCEEDED / FAILED / CANCELLED, and the result or the exception


class _Runner(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], relay: _Relay, cancel: threading.Event):
        super().__init__()
        self._work, self._relay, self._cancel = work, relay, cancel

    def run(self) -> None:
        relay, work = self._relay, self._work
        self._work = self._relay = None  # nothing of the job outlives the run on this thread
        try:
            result = work(Progress(relay.progressed.emit, self._cancel))
        except Cancelled:
            relay.ended.emit(CANCELLED, None)
        except Exception as exc:  # noqa: BLE001 - every failure is handed to the GUI thread, which decides
            relay.ended.emit(FAILED, exc)
        else:
            # the work ran to its end: what it did stands, even if Cancel came too late to stop it
            relay.ended.emit(SUCCEEDED, result)


class BackgroundJob(QObject):
    """One run of `work(progress)` in the background; see the module docstring."""

    def __init__(self, parent: QWidget | None, work: Callable[[Progress], Any], *, title: str = "", label: str = "",
                 cancellable: bool = True, database: bool = True):
        # Not a child of `parent`: a parent deleted mid-run must not take the job with it while the work still
        # reports to it; the job then ends silently. No signal of the parent is connected to the job either.
        super().__init__()
        self._parent, self._work = parent, work
        self._title, self._label, self._cancellable, self._database = title, label, cancellable, database
        self._on_progress: list[Callable[[int, int, str], None]] = []
        self._on_success: list[Callable[[Any], None]] = []
        self._on_failure: list[tuple[tuple[type[BaseException], ...], Callable[[BaseException], None]]] = []
        self._on_cancel: list[Callable[[], None]] = []
        self._on_finish: list[Callable[[], None]] = []
        self._cancel = threading.Event()
        self._state = "wiring"  # -> "running" -> "ended"
        self.progress_dialog: QProgressDialog | None = None

    # ---- wiring (before start) ----------------------------------------------------------

    def on_progress(self, callback: Callable[[int, int, str], None]) -> BackgroundJob:
        """`callback(done, total, text)`; total is 0 when unknown."""
        return self._wire(self._on_progress, callback)

    def on_success(self, callback: Callable[[Any], None]) -> BackgroundJob:
        """`callback(result)` with what the work returned."""
        return self._wire(self._on_success, callback)

    def on_failure(self, callback: Callable[[BaseException], None], *kinds: type[BaseException]) -> BackgroundJob:
        """`callback(exception)` for failures of these kinds (any when none is named); the first match handles."""
        return self._wire(self._on_failure, (kinds or (Exception,), callback))

    def on_cancel(self, callback: Callable[[], None]) -> BackgroundJob:
        """`callback()` once the work stopped at a `progress.check()` after Cancel."""
        return self._wire(self._on_cancel, callback)

    def on_finish(self, callback: Callable[[], None]) -> BackgroundJob:
        """`callback()` after the outcome, whichever it was: the place to leave a busy state."""
        return self._wire(self._on_finish, callback)

    def _wire(self, callbacks: list, entry) -> BackgroundJob:
        if self._state != "wiring":
            raise RuntimeError("A background job is wired before it is started.")
        callbacks.append(entry)
        return self

    # ---- running ------------------------------------------------------------------------

    def start(self) -> BackgroundJob:
        if self._state != "wiring":
            raise RuntimeError("A background job is started once.")
        self._state = "running"
        _running.add(self)  # the pool holds no Python reference: keep the job alive until it has ended
        if self._title:
            self.progress_dialog = self._make_dialog()
        relay = _Relay()
        relay.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        relay.ended.connect(self._ended, Qt.ConnectionType.QueuedConnection)
        self._relay = relay  # the GUI thread keeps the last reference, so the relay is deleted where it lives
        work, self._work = self._work, None
        pool = database_pool() if self._database else QThreadPool.globalInstance()
        pool.start(_Runner(work, relay, self._cancel))
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next `progress.check()`; a job that ends anyway reports its success."""
        self._cancel.set()

    @property
    def is_running(self) -> bool:
        return self._state == "running"

    def _make_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog(self._label, "Cancel" if self._cancellable else "", 0, 0, self._parent)
        dialog.setWindowTitle(self._title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DIALOG_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if self._cancellable:
            dialog.canceled.connect(self._cancel_pressed)
        else:
            dialog.setCancelButton(None)  # one transaction: it cannot stop halfway
        return dialog

    @Slot()
    def _cancel_pressed(self) -> None:
        if self._state != "running":
            return  # closing the dialog at the end emits `canceled` too
        self.cancel()
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText("Stopping…")

    @property
    def parent_gone(self) -> bool:
        """The parent widget was deleted: nothing is reported any more."""
        return self._parent is not None and not isValid(self._parent)

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, text: str) -> None:
        if self.parent_gone or self._state != "running":
            return
        dialog = self.progress_dialog
        if dialog is not None and not dialog.wasCanceled():
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if text:
                dialog.setLabelText(text)
        for callback in self._on_progress:
            callback(done, total, text)

    @Slot(str, object)
    def _ended(self, outcome: str, value: object) -> None:
        self._state = "ended"
        relay, self._relay = self._relay, None
        relay.deleteLater()  # here, on the thread it belongs to, whichever thread lets go of it last
        parent_gone = self.parent_gone  # the progress dialog went with it
        if self.progress_dialog is not None and not parent_gone:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
        self.progress_dialog = None
        try:
            if not parent_gone:
                self._report(outcome, value)
        finally:
            try:
                if not parent_gone:
                    for callback in self._on_finish:
                        callback()
            finally:
                _running.discard(self)

    def _report(self, outcome: str, value: Any) -> None:
        if outcome == SUCCEEDED:
            for callback in self._on_success:
                callback(value)
        elif outcome == CANCELLED:
            for callback in self._on_cancel:
                callback()
        else:
            handler = next((callback for kinds, callback in self._on_failure if isinstance(value, kinds)), None)
            if handler is None:
                show_unexpected(value)
            else:
                handler(value)


def show_unexpected(error: BaseException) -> None:
    """Hand an error nobody expected to the crash dialog (or, without one, to stderr); on the GUI thread."""
    sys.excepthook(type(error), error, error.__traceback__)


_running: set[BackgroundJob] = set()
_database_pool: QThreadPool | None = None


def database_pool() -> QThreadPool:
    """One worker thread for everything that touches the database: jobs run one after another."""
    global _database_pool
    if _database_pool is None:
        _database_pool = QThreadPool()
        _database_pool.setMaxThreadCount(1)
    return _database_pool
