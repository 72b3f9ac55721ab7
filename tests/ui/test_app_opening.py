"""The window's own open in the background: a failure of any kind leaves the "Opening the database…" state for the
no-database page with a sentence naming the database, and an open that ends after the window closed (or after
another database was opened there) closes what it opened."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from sqlalchemy import event
from sqlalchemy.pool import Pool

from mhdesk.bundled import demo_file
from mhdesk.ui.app import open_in, run_app
from mhdesk.ui.main_window import MainWindow
from mhdesk.ui.shared.crash_dialog import ExceptionHook
from mhdesk.ui.shared.worker import database_pool

OPEN_WAITS_S = 0.4  # long enough for the open to be waiting on the lock, well within SQLite's 5 s busy timeout


def answer_messages(seen: list[tuple[str, str]]) -> QTimer:
    """Record and close every message box that shows (title, text), until the timer is stopped."""

    def poll() -> None:
        for box in [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]:
            seen.append((box.windowTitle(), box.text() + "\n" + box.informativeText()))
            box.accept()

    timer = QTimer(interval=25)
    timer.timeout.connect(poll)
    timer.start()
    return timer


def new_opening_window(qtbot, settings, closed_by_test: bool = True) -> MainWindow:
    window = MainWindow(settings, opening=True)
    if closed_by_test:
        qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def opening_window(qtbot, settings):
    return new_opening_window(qtbot, settings)


def shown_heading(window: MainWindow) -> str:
    return window.ui.viewStack.currentWidget().heading.text()


def wait_for_end(qtbot, opening) -> None:
    qtbot.waitUntil(lambda: opening.ended, timeout=20000)


def held_locked(file: Path) -> sqlite3.Connection:
    """Another connection holding the file's exclusive lock, so that an open waits on SQLite's busy timeout."""
    holder = sqlite3.connect(file, isolation_level=None, check_same_thread=False)  # released by a timer
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def release_later(holder: sqlite3.Connection, seconds: float) -> threading.Timer:
    def release() -> None:
        holder.execute("ROLLBACK")
        holder.close()

    timer = threading.Timer(seconds, release)
    timer.start()
    return timer


def nobody_holds(file: Path) -> bool:
    """No connection is left open on the WAL file: only then may its journal mode change."""
    probe = sqlite3.connect(file, timeout=0)
    try:
        return probe.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    except sqlite3.OperationalError:  # "database is locked": another connection still has it open
        return False
    finally:
        probe.close()


def assert_no_database_and_file_open_at_hand(window: MainWindow) -> None:
    assert window.database is None
    assert shown_heading(window) == "No database open"
    assert window.findChild(QLabel, "databaseLabel").text() == "No database open"
    assert window.ui.actionOpenDatabase.isEnabled() and window.ui.actionNewDatabase.isEnabled()


# ---- an open that fails -------------------------------------------------------------------


def test_a_file_in_place_of_the_folder_is_explained_and_the_window_offers_file_open(qtbot, opening_window,
                                                                                      tmp_path):
    not_a_folder = tmp_path / "office"
    not_a_folder.write_text("a note, not a folder")
    target = not_a_folder / "mhdesk.sqlite"
    seen = []
    assert shown_heading(opening_window) == "Opening the database…"

    answering = answer_messages(seen)
    opening = open_in(opening_window, str(target), None)
    wait_for_end(qtbot, opening)
    answering.stop()

    assert len(seen) == 1 and seen[0][0] == "Database not opened"
    assert str(target) in seen[0][1] and "could not be opened" in seen[0][1]
    assert_no_database_and_file_open_at_hand(opening_window)
    assert not_a_folder.read_text() == "a note, not a folder"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="a read-only folder does not stop root from creating files in it")
def test_a_read_only_folder_is_explained_and_the_window_offers_file_open(qtbot, opening_window, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o500)
    target = folder / "mhdesk.sqlite"
    seen = []
    try:
        answering = answer_messages(seen)
        opening = open_in(opening_window, str(target), None)
        wait_for_end(qtbot, opening)
        answering.stop()
    finally:
        folder.chmod(0o700)

    assert len(seen) == 1 and str(target) in seen[0][1]
    assert_no_database_and_file_open_at_hand(opening_window)
    assert not target.exists()


def test_an_unexpected_failure_reaches_the_error_report_and_the_window_offers_file_open(qtbot, qapp,
                                                                                        opening_window):
    # a target that is no path at all: a fault of the program, not of the database (a TypeError)
    target = 42
    hook = ExceptionHook(qapp)
    hook.install()
    seen = []
    try:
        answering = answer_messages(seen)
        opening = open_in(opening_window, target, None)
        wait_for_end(qtbot, opening)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        answering.stop()
    finally:
        hook.uninstall()

    assert [title for title, _ in seen] == ["mhdesk: unexpected error"]
    assert_no_database_and_file_open_at_hand(opening_window)
    message = opening_window.ui.statusBar.currentMessage()
    assert str(target) in message and "unexpected error" in message and "File > Open database" in message


def test_a_plain_os_error_is_one_sentence_naming_the_database(tmp_path):
    from mhdesk.ui.database_dialogs import unopenable_sentence

    not_a_folder = tmp_path / "office"
    not_a_folder.write_text("")
    target = not_a_folder / "mhdesk.sqlite"
    with pytest.raises(OSError) as raised:
        (not_a_folder / "backups").mkdir()

    sentence = unopenable_sentence(str(target), raised.value)

    assert sentence == (f"The database {target} could not be opened: not a directory "
                        f"({not_a_folder / 'backups'}).")


# ---- an open that ends after the window let go of it ------------------------------------------


@pytest.mark.sqlite_only("the open is slowed down by an SQLite lock")
@pytest.mark.parametrize("how", ["closed", "deleted"])
def test_an_open_that_ends_after_the_window_went_closes_its_database(qtbot, settings, tmp_path, how):
    opening_window = new_opening_window(qtbot, settings, closed_by_test=how == "closed")
    file = tmp_path / "slow.sqlite"
    holder = held_locked(file)
    opening = open_in(opening_window, str(file), None)
    qtbot.wait(int(OPEN_WAITS_S * 1000))
    assert database_pool().activeThreadCount() == 1  # waiting on the lock

    if how == "closed":
        opening_window.close()
    else:
        opening_window.deleteLater()
        qtbot.waitUntil(lambda: not opening.wanted)
    holder.execute("ROLLBACK")
    holder.close()
    database_pool().waitForDone()
    if how == "closed":
        wait_for_end(qtbot, opening)  # a deleted window hears nothing
        assert opening_window.database is None and shown_heading(opening_window) == "Opening the database…"

    assert nobody_holds(file)
    assert opening.take() is None


@pytest.mark.sqlite_only("the open is slowed down by an SQLite lock")
def test_a_database_opened_by_hand_meanwhile_stands_and_the_slow_one_is_closed(qtbot, opening_window, tmp_path):
    slow, chosen = tmp_path / "slow.sqlite", tmp_path / "chosen.sqlite"
    holder = held_locked(slow)
    opening = open_in(opening_window, str(slow), None)
    qtbot.wait(int(OPEN_WAITS_S * 1000))
    release_later(holder, OPEN_WAITS_S)

    assert opening_window.switch_to(chosen)  # File > New database… while the first open still waits
    wait_for_end(qtbot, opening)

    assert opening_window.database.file == chosen
    assert nobody_holds(slow)
    opening_window.close_database()


@pytest.mark.sqlite_only("the open is slowed down by an SQLite lock")
def test_closing_the_window_while_the_database_opens_closes_it_before_the_run_ends(qapp, tmp_path):
    file = tmp_path / "slow.sqlite"
    holder = held_locked(file)
    closed = threading.Event()

    ran = []  # set when the run is over: the poll then stops instead of closing a later test's window

    def close_once_opening(left: int = 400) -> None:
        if ran:
            return
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and database_pool().activeThreadCount():
            windows[0].close()
            closed.set()
            release_later(holder, OPEN_WAITS_S)
        elif left:
            QTimer.singleShot(25, lambda: close_once_opening(left - 1))

    QTimer.singleShot(0, close_once_opening)
    try:
        assert run_app(database=str(file)) == 0
    finally:
        ran.append(True)

    assert closed.is_set()
    assert nobody_holds(file)


@pytest.mark.skipif(not demo_file().exists(), reason="the demo records are not there")
def test_closing_the_window_while_the_demo_is_prepared_closes_every_connection(qapp):
    connected, closed = [], []

    def on_connect(dbapi_connection, _record) -> None:
        connected.append(id(dbapi_connection))

    def on_close(dbapi_connection, _record) -> None:
        closed.append(id(dbapi_connection))

    def close_once_opening(left: int = 400) -> None:
        if "run over" in seen:
            return
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and database_pool().activeThreadCount():
            windows[0].close()
            seen["closed while preparing"] = True
        elif left:
            QTimer.singleShot(25, lambda: close_once_opening(left - 1))

    seen = {}
    event.listen(Pool, "connect", on_connect)
    event.listen(Pool, "close", on_close)
    try:
        QTimer.singleShot(0, close_once_opening)
        assert run_app(database=None, demo=True) == 0
    finally:
        seen["run over"] = True
        event.remove(Pool, "connect", on_connect)
        event.remove(Pool, "close", on_close)

    assert seen["closed while preparing"]
    assert connected and sorted(closed) == sorted(connected)
