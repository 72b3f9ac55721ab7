"""Start the window: `run_app(database=..., demo=...)` is what `mhdesk` with no sub-command calls."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..core.errors import DatabaseError
from . import database_dialogs
from .demo_folder import DemoFolder, remove_stale_demo_folders
from .first_paint import after_first_paint, report_first_paint, report_records_shown
from .main_window import MainWindow
from .quit_on_signals import quit_on_signals
from .shared import style
from .shared.crash_dialog import ExceptionHook
from .shared.icons import icon
from .shared.settings import set_application_names, user_settings
from .shared.worker import BackgroundJob, database_pool, show_unexpected

if TYPE_CHECKING:
    from ..core.database import Database


def run_app(database: str | None = None, demo: bool = False) -> int:
    """Open the window on `database` (a path or URL; None for the default) or on a fresh demo copy."""
    if not has_display():
        print("mhdesk: there is no screen to open the window on (no DISPLAY or WAYLAND_DISPLAY); "
              "the command line works without one: mhdesk --help.", file=sys.stderr)
        return 2
    set_application_names()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setWindowIcon(icon("mhdesk.svg"))
    app.setDesktopFileName("mhdesk")
    style.apply(app)
    hook = ExceptionHook(app)
    hook.install()
    remove_stale_demo_folders()  # left by a demo run that crashed or was killed
    window = opening = None

    def start_opening() -> None:
        nonlocal opening
        opening = open_in(window, database, demo_folder)

    with quit_on_signals(app) as stop:
        demo_folder = DemoFolder() if demo else None
        try:
            # The window paints first, saying the database is opening; the database library loads, the schema
            # is checked and the records are read right after, so a start never shows nothing for long.
            window = MainWindow(user_settings(), opening=True)
            report_first_paint(window)
            window.show()
            after_first_paint(window, start_opening)
            # a signal that ended a start-up dialog, or came while Qt was calling our code, is not lost
            if stop.code is not None:
                return stop.code
            return app.exec()
        finally:
            if opening is not None:  # a signal ends the run without closing the window
                opening.let_go()
            database_pool().waitForDone()  # an open still under way ends (and closes what it opened) first
            if window is not None:
                window.close_database()
            hook.uninstall()
            if demo_folder is not None:  # the demo is a throw-away copy: nothing of it outlives the run
                demo_folder.remove()


class WindowOpening:
    """The database an open in the background produces, handed to the window only while the window still wants
    it. Closing (or deleting) the window lets go of it; whichever comes last, the open or the letting go, disposes
    of what was opened, so that no engine outlives the window unseen."""

    def __init__(self, window: MainWindow):
        self._lock = threading.Lock()  # the open ends on the pool thread, the window closes on the GUI thread
        self._wanted = True
        self._opened: Database | None = None
        self.ended = False  # the window has heard the outcome (or would have, had it still been there)
        _CloseWatch(window, self.let_go)
        window.destroyed.connect(self.let_go)

    @property
    def wanted(self) -> bool:
        return self._wanted

    def hand_over(self, db: Database) -> None:
        """Keep `db` for `take()`, or dispose of it at once if the window no longer wants it (on the pool thread)."""
        with self._lock:
            if self._wanted:
                self._opened = db
                return
        db.dispose()

    def take(self) -> Database | None:
        """The database opened for the window, or None once the window let go of it."""
        with self._lock:
            db, self._opened = self._opened, None
        return db

    def let_go(self, *_destroyed) -> None:
        with self._lock:
            self._wanted = False
            db, self._opened = self._opened, None
        if db is not None:
            db.dispose()


class _CloseWatch(QObject):
    """Calls `on_close` when the window it watches closes; a child of that window, so it lives on its thread."""

    def __init__(self, window: QWidget, on_close: Callable[[], None]):
        super().__init__(window)
        self._on_close = on_close
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Close:  # the main window always accepts its close
            self._on_close()
        return False


def open_in(window: MainWindow, database: str | None, demo_folder: DemoFolder | None) -> WindowOpening:
    """Open `database` (or a fresh demo in `demo_folder`) off the GUI thread, then show it in the window, which
    meanwhile says it is opening and stays responsive. Any failure leaves the window without a database, saying
    why, with File > Open database… at hand."""
    target = demo_folder.path / "demo.sqlite" if demo_folder else database
    opening = WindowOpening(window)

    def work(_progress) -> str | None:
        db, note = open_for_window(target, demo=demo_folder is not None, wanted=lambda: opening.wanted)
        opening.hand_over(db)
        return note

    def show(db: Database | None) -> None:
        window.set_database(db)
        if db is not None and not demo_folder:
            window.back_up_daily_later()
        report_records_shown(window)

    def awaited() -> bool:
        """The window still waits for this open: it is not closed, and shows no database opened meanwhile."""
        if opening.wanted and window.database is not None:  # File > Open database… was quicker: that one stands
            opening.let_go()
        return opening.wanted

    def opened(note: str | None) -> None:
        db = opening.take() if awaited() else None
        if db is None:  # not awaited any more: what was opened is closed already
            return
        show(db)
        if note:
            QMessageBox.warning(window, "Demo", note)

    def failed(failure: Exception) -> None:
        if not awaited():  # a closed window is not shown anything; a fault is still reported
            if not isinstance(failure, (DatabaseError, OSError)):
                show_unexpected(failure)
            return
        if isinstance(failure, DatabaseError):
            show(database_dialogs.after_failed_open(window, target, failure))
            return
        show(None)
        sentence = database_dialogs.unopenable_sentence(target, failure)
        if isinstance(failure, OSError):  # permissions, a full disk: the person can act on it
            database_dialogs.explain_unopenable(window, sentence)
        else:  # a fault of mhdesk: the error report says what happened, the status bar what it means
            window.ui.statusBar.showMessage(sentence)
            show_unexpected(failure)

    def ended() -> None:
        opening.ended = True

    # not kept on `opening`, which its callbacks hold: a cycle through a QObject may be collected on any thread
    BackgroundJob(window, work).on_success(opened).on_failure(failed).on_finish(ended).start()
    return opening


def open_for_window(target, demo: bool, wanted: Callable[[], bool] = lambda: True) -> tuple[Database, str | None]:
    """The database at `target`, created if missing (filled with the demo records when `demo` and the window
    still `wanted` it), and a note for the person if the demo records could not be loaded."""
    from ..core.connect import open_database

    db = open_database(target, create=True)
    if not demo or not wanted():
        return db, None
    from ..bundled import demo_file
    from ..core.demo import load_demo

    try:
        load_demo(db, demo_file())
    except FileNotFoundError as exc:
        return db, f"The demo records are missing ({exc.filename}); the demo database opens empty."
    except BaseException:
        db.dispose()  # nobody else will: the window never gets it
        raise
    return db, None


def has_display() -> bool:
    """Qt aborts the process when it finds no screen; say so in a sentence instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
