"""File > Open database refuses a name that is no file, says so, and keeps the open database."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from mhdesk.ui import database_dialogs


def answer_next_message(seen: dict) -> None:
    def poll():
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(25, poll)
            return
        seen["text"] = boxes[0].text()
        boxes[0].accept()

    QTimer.singleShot(0, poll)


def test_open_database_refuses_a_missing_file(window, tmp_path, monkeypatch):
    opened = window.database.file
    missing = tmp_path / "typo" / "ofice.sqlite"
    # the name as the user typed it into the Open dialog
    monkeypatch.setattr(database_dialogs, "ask_open_database_path", lambda parent, folder="": missing)
    seen = {}
    answer_next_message(seen)

    window.open_database()

    assert seen["text"] == f"There is no database at {missing}; nothing was created."
    assert not missing.parent.exists()
    assert window.database.file == opened
    assert window.views["projects"].model.total_count == 4


def test_new_database_still_creates_one(window, tmp_path, monkeypatch):
    new = tmp_path / "fresh.sqlite"
    monkeypatch.setattr(database_dialogs, "ask_new_database_path", lambda parent, folder="": new)

    window.new_database()

    assert new.is_file() and window.database.file == new
    assert window.views["projects"].model.total_count == 0
