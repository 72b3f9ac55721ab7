"""The safety net: an unexpected error shows a dialog with its details instead of closing the window.

Nothing here touches the records: every change is written as it is made, so
there is nothing to rescue, and a failing database must not be written to
from an error handler.
"""

from __future__ import annotations

import sys
import threading
import traceback

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox


class _Relay(QObject):
    """Carries errors raised on other threads to the GUI thread, where dialogs may be shown."""

    raised = Signal(str, str)


class ExceptionHook:
    def __init__(self, app: QApplication):
        self._app = app
        self._relay = _Relay()
        self._relay.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._showing = False
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> None:
        sys.excepthook = self._handle
        threading.excepthook = lambda args: self._handle(args.exc_type, args.exc_value, args.exc_traceback)

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def _handle(self, exc_type, exc_value, exc_tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._app.quit()
            return
        details = "".join(traceback.format_exception(exc_type, exc_value, exc_tb))
        sys.stderr.write(details)
        summary = str(exc_value).strip().splitlines()[0] if str(exc_value).strip() else exc_type.__name__
        self._relay.raised.emit(summary, details)  # queued: shown by the GUI thread, whichever raised

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        if self._showing:  # one dialog at a time; further errors are on stderr
            return
        self._showing = True
        try:
            box = QMessageBox(QMessageBox.Icon.Critical, "mhdesk: unexpected error",
                              "Something went wrong that mhdesk did not expect.",
                              QMessageBox.StandardButton.Ok, self._app.activeWindow())
            box.setInformativeText(
                f"{summary}\n\nYour records are safe: each change is saved as it is made, so at most the last "
                "action did not complete. You can keep working; if it happens again, send the details "
                "below to whoever looks after mhdesk.")
            box.setDetailedText(details)
            box.exec()
        finally:
            self._showing = False
