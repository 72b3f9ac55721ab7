"""Start the window: `run_app(database=..., demo=...)` is what `mhdesk` with no sub-command calls."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox

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
from .shared.worker import BackgroundJob, database_pool

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
    window = None
    with quit_on_signals(app) as stop:
        demo_folder = DemoFolder() if demo else None
        try:
            # The window paints first, saying the database is opening; the database library loads, the schema
            # is checked and the records are read right after, so a start never shows nothing for long.
            window = MainWindow(user_settings(), opening=True)
            report_first_paint(window)
            window.show()
            after_first_paint(window, lambda: open_in(window, database, demo_folder))
            # a signal that ended a start-up dialog, or came while Qt was calling our code, is not lost
            if stop.code is not None:
                return stop.code
            return app.exec()
        finally:
            database_pool().waitForDone()  # an open still under way ends before its folder may go
            if window is not None:
                window.close_database()
            hook.uninstall()
            if demo_folder is not None:  # the demo is a throw-away copy: nothing of it outlives the run
                demo_folder.remove()


def open_in(window: MainWindow, database: str | None, demo_folder: DemoFolder | None) -> BackgroundJob:
    """Open `database` (or a fresh demo in `demo_folder`) off the GUI thread, then show it in the window, which
    meanwhile says it is opening and stays responsive."""
    target = demo_folder.path / "demo.sqlite" if demo_folder else database

    def show(db: Database | None) -> None:
        window.set_database(db)
        if db is not None and not demo_folder:
            window.back_up_daily_later()
        report_records_shown(window)

    def opened(result: tuple[Database, str | None]) -> None:
        db, note = result
        show(db)
        if note:
            QMessageBox.warning(window, "Demo", note)

    return (BackgroundJob(window, lambda _progress: open_for_window(target, demo=demo_folder is not None))
            .on_success(opened)
            .on_failure(lambda failure: show(database_dialogs.after_failed_open(window, target, failure)),
                        DatabaseError)
            .start())


def open_for_window(target, demo: bool) -> tuple[Database, str | None]:
    """The database at `target`, created if missing (filled with the demo records when `demo`), and a note for
    the person if the demo records could not be loaded."""
    from ..core.connect import open_database

    db = open_database(target, create=True)
    if not demo:
        return db, None
    from ..bundled import demo_file
    from ..core.demo import load_demo

    try:
        load_demo(db, demo_file())
    except FileNotFoundError as exc:
        return db, f"The demo records are missing ({exc.filename}); the demo database opens empty."
    return db, None


def has_display() -> bool:
    """Qt aborts the process when it finds no screen; say so in a sentence instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
