"""The window never breaks SQLite's locks: its file dialogs, shown in the database's own folder, leave the
database and its -wal/-shm files alone, so a command run meanwhile on the same file knows it is not alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from mhdesk.core.services.project_records import ProjectData
from mhdesk.ui.projects import commands
from mhdesk.ui.shared import file_dialogs
from tests.ui.file_dialog_helpers import answer_file_dialog
from tests.ui.returns.return_helpers import filled_return
from tests.ui.ui_helpers import shown_codes

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads this process's open files")

NEW_PROJECT = {"Code": "MA.0467", "Title": "Health for migrants in Dushanbe", "Budget": "USD 85,000",
               "Duration": "1 June 2019—31 May 2020", "Status": "active"}


def open_files(database: Path) -> list[str]:
    """What this process holds open of the database and its companions, as /proc shows it."""
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # closed meanwhile
            continue
        if target.startswith(str(database)):
            held.append(target)
    return held


def mhdesk(database: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mhdesk", "--database", str(database), *args],
                          capture_output=True, text=True, timeout=300)


def test_dialogs_in_the_database_folder_leave_its_locks_to_sqlite(qtbot, window, db, services, tmp_path):
    sent = tmp_path / "sent"
    sent.mkdir()
    workbook = filled_return(services, sent, "Tajikistan", 2019, {"Health workers trained": 1200},
                             projects=[NEW_PROJECT])
    db.backup("before-import")  # a backup beside the database too
    qtbot.waitUntil(lambda: not window.views["indicators"].is_loading)
    live = open_files(db.file)
    assert {str(db.file) + "-wal", str(db.file) + "-shm"} <= set(live)

    seen = answer_file_dialog(qtbot, None, go_to=db.file.parent, look_at_every_file=True)
    window.ui.actionOpenDatabase.trigger()
    assert seen.caption == "Open database"
    assert db.file.name in seen.listed
    assert not [name for name in seen.listed if name.endswith(("-wal", "-shm", "-journal"))]

    seen = answer_file_dialog(qtbot, None, go_to=db.file.parent, look_at_every_file=True)
    window.ui.actionImportReturns.trigger()
    assert seen.caption == "Import returns" and window.import_flow is None

    result = mhdesk(db.file, "import", "--yes", str(workbook))
    assert result.returncode == 0, result.stderr
    held = open_files(db.file)
    assert {str(db.file) + "-wal", str(db.file) + "-shm"} <= set(held)
    assert not [target for target in held if target.endswith("(deleted)")]

    # The window sees the command's import ...
    assert window.check_for_changes()
    assert "MA.0467" in shown_codes(window.views["projects"])
    # ... and the command sees the window's next edit.
    view = window.views["projects"]
    commands.add_project(window.undo_stack, view.store, ProjectData(code="MA.0468", title="Typed in the window"))
    listed = mhdesk(db.file, "projects", "list", "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    assert "MA.0467" in listed.stdout and "MA.0468,Typed in the window" in listed.stdout


def refuse_then_cancel(qtbot, choose: Path) -> dict:
    """Choose `choose` in the next file dialog; note the refusal that follows; then cancel the dialog."""
    refusal = {}

    def close_refusal():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, close_refusal)
            return
        refusal["text"] = box.text()
        answer_file_dialog(qtbot, None)  # the file dialog comes back for another choice
        box.accept()

    answer_file_dialog(qtbot, choose)
    QTimer.singleShot(20, close_refusal)
    return refusal


def test_the_open_database_and_its_companions_are_never_chosen_as_other_files(qtbot, window, db):
    refusal = refuse_then_cancel(qtbot, db.file)
    assert window.import_returns() is None
    assert "belongs to the open database" in refusal["text"]
    # A dialog that was not told which database is open still knows the files SQLite holds open here.
    refusal = refuse_then_cancel(qtbot, db.file)
    assert file_dialogs.open_file_names(window, "Add a photo", file_dialogs.RETURNS, "All files (*)") == []
    assert db.file.name in refusal["text"]
    refusal = refuse_then_cancel(qtbot, db.file.with_name(db.file.name + "-wal"))
    assert file_dialogs.open_file_names(window, "Add a photo", file_dialogs.RETURNS, "All files (*)") == []
    assert refusal["text"]
