"""File > Backups…, Tools > Check database and the offer to restore a damaged database, as the user sees them."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from recovery_helpers import add_thematic_area, damage_pages, thematic_areas

from mhdesk.core.recovery import list_backups, take_backup
from mhdesk.ui import database_dialogs
from mhdesk.ui.main_window import MainWindow


def answer_next_message(seen: dict, button_text: str | None = None) -> None:
    """Record the next message box's texts, then press `button_text` (or accept it)."""
    def poll():
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(25, poll)
            return
        box = boxes[0]
        seen.update(text=box.text(), informative=box.informativeText(),
                    buttons=[b.text() for b in box.buttons()])
        chosen = next((b for b in box.buttons() if b.text() == button_text), None) if button_text else None
        chosen.click() if chosen else box.accept()

    QTimer.singleShot(0, poll)


def menu_texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_the_menus_offer_backups_and_the_check(window):
    assert "&Backups…" in menu_texts(window.ui.menuFile)
    tools = window.recovery_actions.tools_menu
    assert tools.title() == "&Tools" and menu_texts(tools) == ["&Check database"]
    titles = [a.text() for a in window.ui.menuBar.actions()]
    assert titles.index("&Tools") == titles.index(window.ui.menuHelp.title()) - 1


def test_backups_lists_reason_time_and_size_and_backs_up_now(window, qtbot):
    first = window.database.backup("before-import")
    dialog = window.recovery_actions.open_backups()
    table = dialog.ui.backupTable
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == "before an import"
    assert table.item(0, 3).text() == first.name
    assert table.item(0, 2).text().endswith("KB")

    dialog.ui.backUpNowButton.click()
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=10_000)
    assert table.item(0, 1).text() == "made by hand"  # newest first
    assert [c.reason for c in list_backups(window.database.file)] == ["by-hand", "before-import"]
    assert "Backup written to" in window.ui.statusBar.currentMessage()


def test_restore_asks_then_puts_the_backup_back_and_the_window_shows_it(window, qtbot):
    file = window.database.file
    add_thematic_area(window.database, "In the backup")
    take_backup(window.database)
    add_thematic_area(window.database, "Added after the backup")
    dialog = window.recovery_actions.open_backups()
    question = dialog.restore_selected()
    assert "Replace the records in test.sqlite" in question.text()
    restore_button = next(b for b in question.buttons() if b.text() == "Restore")
    restore_button.click()
    qtbot.waitUntil(lambda: any(c.reason == "before-restore" for c in list_backups(file)), timeout=10_000)
    qtbot.waitUntil(lambda: "Restored test.sqlite" in window.ui.statusBar.currentMessage()
                    or "Opened" in window.ui.statusBar.currentMessage(), timeout=10_000)
    assert "Added after the backup" not in thematic_areas(file)
    assert "In the backup" in thematic_areas(file)
    assert window.database.file == file
    with window.database.engine.connect() as connection:
        names = {row[0] for row in connection.exec_driver_sql("SELECT name FROM thematic_area")}
    assert "Added after the backup" not in names


def test_check_database_says_a_sound_database_passes(window, qtbot):
    seen = {}
    answer_next_message(seen)
    job = window.recovery_actions.check_database()
    qtbot.waitUntil(lambda: not job.is_running and "text" in seen, timeout=10_000)
    assert seen["text"] == "test.sqlite passes SQLite's integrity check."


def test_a_damaged_database_offers_its_latest_good_backup_and_opens_restored(db, tmp_path, qtbot):
    add_thematic_area(db, "In the backup")
    backup = take_backup(db)
    file = db.file
    db.dispose()
    damage_pages(file)
    seen = {}
    answer_next_message(seen, "Restore backup")

    opened = database_dialogs.open_or_explain(None, file, create=False)

    try:
        assert seen["text"] == "The database test.sqlite is damaged."
        assert "The latest good backup is from" in seen["informative"] and "made by hand" in seen["informative"]
        assert opened is not None and opened.file == file
        assert "In the backup" in thematic_areas(file)
        with sqlite3.connect(file) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        damaged_copies = [c for c in list_backups(file) if c.reason == "damaged"]
        assert len(damaged_copies) == 1 and backup.exists()
    finally:
        if opened is not None:
            opened.dispose()


def test_declining_the_restore_changes_nothing(db, qtbot):
    take_backup(db)
    file = db.file
    db.dispose()
    damage_pages(file)
    damaged_bytes = file.read_bytes()
    seen = {}
    answer_next_message(seen, "Cancel")

    assert database_dialogs.open_or_explain(None, file, create=False) is None
    assert "Restore backup" in seen["buttons"]
    assert file.read_bytes() == damaged_bytes


def test_the_first_open_of_a_day_takes_the_day_s_backup(db, tmp_path, qtbot):
    file = db.file
    db.dispose()
    window = MainWindow(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    for opening in range(2):
        window.daily_backup = None
        assert window.switch_to(file, create=False)
        if opening == 0:
            assert list_backups(file) == []  # opening copies nothing: the backup waits until the window shows
        qtbot.waitUntil(lambda: window.daily_backup is not None and not window.daily_backup.is_running,
                        timeout=10_000)
    window.close_database()
    assert [c.reason for c in list_backups(file)] == ["daily"]
