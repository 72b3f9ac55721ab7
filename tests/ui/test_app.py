"""Starting the application: the demo, an unopenable database, the error dialog."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from mhdesk.bundled import demo_file

DEMO_FILE = demo_file()
from mhdesk.ui.app import run_app
from mhdesk.ui.main_window import MainWindow
from mhdesk.ui.shared.crash_dialog import ExceptionHook


def when_shown(kind, check, tries: int = 200, ready=lambda widget: True):
    """Once a top-level widget of `kind` is visible (and `ready`), run `check(widget)` on it (from the event loop)."""

    def poll(left=tries):
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible() and ready(w)]
        if found:
            check(found[0])
        elif left:
            QTimer.singleShot(25, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)


@pytest.mark.skipif(not DEMO_FILE.exists(), reason="the demo records are not there")
def test_demo_opens_a_filled_throw_away_database(qapp, private_settings):
    seen = {}

    def look(window: MainWindow):
        seen["projects"] = window.views["projects"].model.total_count
        seen["file"] = window.database.file
        window.close()

    # the window shows first, saying the database is opening; the demo records arrive right after
    when_shown(MainWindow, look, tries=1200, ready=lambda window: window.database is not None)
    assert run_app(database=None, demo=True) == 0
    assert seen["projects"] >= 25
    assert not seen["file"].exists()  # the temporary copy is gone with the window
    assert Path(private_settings).exists()  # the window remembered itself in the test's folder only


def test_an_unopenable_database_is_explained_then_the_window_offers_file_open(qapp, tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database" * 200)
    seen = {}

    def answer(box: QMessageBox):
        seen["message"] = box.text()
        box.accept()
        when_shown(MainWindow, look)

    def look(window: MainWindow):
        seen["page"] = window.ui.viewStack.currentWidget().heading.text()
        window.close()

    when_shown(QMessageBox, answer)
    assert run_app(database=str(junk)) == 0
    assert "could not be opened" in seen["message"]
    assert seen["page"] == "No database open"


def test_unexpected_errors_show_details_instead_of_closing(qapp):
    hook = ExceptionHook(qapp)
    shown = []

    def read(box: QMessageBox):
        shown.append((box.informativeText(), box.detailedText()))
        box.accept()

    try:
        raise RuntimeError("the printer caught fire")
    except RuntimeError:
        error = sys.exc_info()
    when_shown(QMessageBox, read)
    # A safety net for the test itself, stopped when the test ends: a timer left running would quit the event
    # loop of whichever later test runs one three seconds on.
    net = QTimer()
    net.setSingleShot(True)
    net.timeout.connect(qapp.quit)
    net.start(3000)
    try:
        hook._handle(*error)
        while not shown and net.isActive():
            qapp.processEvents()
    finally:
        net.stop()
    text, details = shown[0]
    assert "the printer caught fire" in text and "records are safe" in text
    assert "Traceback" in details and "RuntimeError" in details


def test_errors_on_other_threads_reach_the_dialog_too(qapp, qtbot):
    hook = ExceptionHook(qapp)
    hook.install()
    shown = []
    try:
        when_shown(QMessageBox, lambda box: (shown.append(box.informativeText()), box.accept()))
        worker = threading.Thread(target=lambda: 1 / 0)
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    finally:
        hook.uninstall()
    assert "division by zero" in shown[0]


def test_without_a_screen_the_window_explains_instead_of_aborting(monkeypatch, capsys):
    import sys

    from mhdesk.cli.main import main

    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main(["--demo"]) == 2
    err = capsys.readouterr().err
    assert "no screen" in err and len(err.strip().splitlines()) == 1
