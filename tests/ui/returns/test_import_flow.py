"""Importing returns in the window: drop or choose workbooks, review their plans, apply, cancel."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton

from mhdesk.ui.returns.plan_tree import SHOW_ERRORS
from mhdesk.ui.returns.return_files import APPLIED, NOT_READ, READY, SKIPPED, UNREADABLE
from mhdesk.ui.shared import file_dialogs
from mhdesk.ui.shared.worker import BackgroundJob
from tests.core.workbooks import ole2_bytes, return_workbook, write_bytes
from tests.ui.file_dialog_helpers import answer_file_dialog
from tests.ui.ui_helpers import shown_codes

NEW_PROJECT = {"Code": "ma 0467", "Title": "Health for migrants in Dushanbe", "Budget": "USD 85,000",
               "Duration": "1 June 2019—31 May 2020", "Status": "active"}
CHANGED_PROJECT = {"Code": "MA.0400", "Title": "Health promotion for labour migrants and their families",
                   "Budget": "190,000 USD"}


YEAR = date.today().year - 1  # the year being reported on, which the Returns view shows


def good_return(folder: Path, name: str = "tajikistan.xlsx") -> Path:
    return return_workbook(folder / name, return_rows=[("Mission", "TJ"), ("Year", YEAR),
                                                       ("Submitted by", "Rukhshona Qurbonova")],
                           projects=[NEW_PROJECT, CHANGED_PROJECT])


def mime_with(*paths, urls=()) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths] + [QUrl(u) for u in urls])
    return mime


def drop_on(widget, *paths) -> None:
    """Drag the files over `widget` and drop them, as from a file manager."""
    mime = mime_with(*paths)
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    dropped = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, dropped)
    assert dropped.isAccepted()


def drop(window, *paths):
    drop_on(window, *paths)
    return window.import_flow


def wait_idle(qtbot, flow):
    qtbot.waitUntil(lambda: not flow.busy, timeout=15000)


def database_dump(db) -> list[str]:
    connection = sqlite3.connect(db.file)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def press_cancel(job) -> None:
    """The Cancel button of the job's progress dialog (there before the dialog shows itself)."""
    next(b for b in job.progress_dialog.findChildren(QPushButton) if b.text() == "Cancel").click()


@contextmanager
def database_thread_held():
    """Keep the database thread busy, so that what is started next waits (and can be cancelled first)."""
    gate, started = threading.Event(), threading.Event()
    BackgroundJob(None, lambda _progress: (started.set(), gate.wait(10))).start()
    assert started.wait(5)
    try:
        yield
    finally:
        gate.set()


def test_a_dropped_workbook_is_reviewed_applied_and_shown(qtbot, window, services, tmp_path):
    flow = drop(window, good_return(tmp_path))
    dialog = flow.dialog
    assert dialog.isVisible() and not dialog.ui.fileList.isVisible()  # one workbook: no list
    wait_idle(qtbot, flow)
    assert flow.files[0].state == READY
    assert dialog.ui.headingLabel.text() == f"Tajikistan {YEAR}"
    assert "submitted by Rukhshona Qurbonova" in dialog.ui.detailLabel.text()
    assert ">Projects<" in dialog.ui.countsLabel.text()
    labels = {item.label: item.action for item in dialog.plan_view.model.shown_items() if hasattr(item, "label")}
    assert labels["MA.0467 Health for migrants in Dushanbe"] == "add"
    assert labels["MA.0400 Health promotion for labour migrants and their families"] == "change"
    assert dialog.ui.applyButton.isEnabled()
    qtbot.keyClicks(dialog.plan_view.search_edit, "dushanbe")
    qtbot.keyClick(dialog.plan_view.search_edit, Qt.Key.Key_Return)  # Enter searches; it does not import
    assert flow.files[0].state == READY and not flow.busy

    qtbot.mouseClick(dialog.ui.applyButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, flow)
    assert flow.files[0].state == APPLIED
    assert window.ui.statusBar.currentMessage() == f"Tajikistan {YEAR}: 1 added, 1 changed, 0 removed"
    assert dialog.ui.fileList.item(0).text().endswith("Applied: 1 added, 1 changed, 0 removed")
    assert not dialog.ui.applyButton.isEnabled()
    projects = window.views["projects"]
    qtbot.waitUntil(lambda: "MA.0467" in shown_codes(projects))
    assert services.projects.find("MA.0467").title == "Health for migrants in Dushanbe"
    assert str(services.projects.find("MA.0400").budget) == "190000.00"
    returns = window.views["returns"]
    returned = lambda: returns.grid.status_at(returns.grid.index_of("Tajikistan", YEAR))  # noqa: E731
    qtbot.waitUntil(lambda: returned() is not None and returned().latest is not None)
    assert returned().latest.submitted_by == "Rukhshona Qurbonova"
    dialog.ui.closeButton.click()
    qtbot.waitUntil(lambda: window.import_flow is None)


def test_a_workbook_with_errors_cannot_be_applied_and_gets_a_problem_report(qtbot, window, db, tmp_path,
                                                                            monkeypatch):
    path = return_workbook(tmp_path / "serbia.xlsx", mission="Serbia", projects=[
        {"Code": "CS.0900", "Title": "Screening", "Budget": "about 50k"}])
    before = database_dump(db)
    flow = window.import_returns([path])
    wait_idle(qtbot, flow)
    dialog = flow.dialog
    assert flow.files[0].state == READY and flow.files[0].errors == 1
    assert not dialog.ui.applyButton.isEnabled()
    assert "1 error must be corrected" in dialog.ui.applyButton.toolTip()
    assert "must be corrected" in dialog.notice_text()
    dialog.plan_view.set_filter(SHOW_ERRORS)
    assert [p.message for p in dialog.plan_view.model.shown_items()] == ['"about 50k" is not an amount']

    monkeypatch.setattr(file_dialogs, "temporary_roots", lambda: [tmp_path / "temp"])  # tmp_path lasts here
    asked = answer_file_dialog(qtbot, tmp_path / "back to serbia.xlsx")
    qtbot.mouseClick(dialog.ui.reportButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, flow)
    assert (asked.folder, asked.name) == (tmp_path, "serbia-problems.xlsx")  # beside the workbook at first
    report = load_workbook(tmp_path / "back to serbia.xlsx")
    assert "Problems" in report.sheetnames
    assert "Problem report written to back to serbia.xlsx." in dialog.notice_text()
    assert database_dump(db) == before


def test_a_file_that_is_not_a_workbook_is_refused_in_one_sentence(qtbot, window, db, tmp_path):
    broken = write_bytes(tmp_path / "old.xlsx", ole2_bytes("Workbook"))
    good = good_return(tmp_path)
    digest, before = file_digest(db.file), database_dump(db)
    flow = drop(window, broken, good)
    wait_idle(qtbot, flow)
    dialog = flow.dialog
    assert dialog.ui.fileList.isVisible() and dialog.ui.fileList.count() == 2
    file = flow.files[0]
    assert file.state == UNREADABLE and "Traceback" not in file.note and file.note.count(".") >= 1
    assert file.note in dialog.ui.fileList.item(0).text()
    dialog.select(0)
    assert dialog.ui.pageStack.currentWidget() is dialog.ui.messagePage
    assert dialog.message.text.text() == file.note
    assert not dialog.ui.applyButton.isEnabled()
    assert flow.files[1].state == READY  # the other workbook is read all the same
    assert file_digest(db.file) == digest and database_dump(db) == before


def test_cancelling_the_import_writes_nothing(qtbot, window, db, services, tmp_path):
    flow = window.import_returns([good_return(tmp_path)])
    wait_idle(qtbot, flow)
    before = database_dump(db)
    with database_thread_held():
        qtbot.mouseClick(flow.dialog.ui.applyButton, Qt.MouseButton.LeftButton)
        press_cancel(flow.job)
    wait_idle(qtbot, flow)
    assert flow.files[0].state == READY
    assert "cancelled; nothing was written" in flow.dialog.notice_text()
    assert database_dump(db) == before
    assert services.projects.find("MA.0467") is None
    qtbot.mouseClick(flow.dialog.ui.applyButton, Qt.MouseButton.LeftButton)  # and it can still be applied
    wait_idle(qtbot, flow)
    assert flow.files[0].state == APPLIED and services.projects.find("MA.0467") is not None


def test_cancelling_the_reading_stops_the_rest_and_it_can_be_read_again(qtbot, window, db, tmp_path):
    before = database_dump(db)
    with database_thread_held():
        flow = window.import_returns([good_return(tmp_path), good_return(tmp_path, "second.xlsx")])
        press_cancel(flow.job)
    wait_idle(qtbot, flow)
    assert [f.state for f in flow.files] == [NOT_READ, NOT_READ]
    assert database_dump(db) == before
    dialog = flow.dialog
    dialog.select(1)
    assert dialog.read_again_button.isVisible()
    dialog.read_again_button.click()
    wait_idle(qtbot, flow)
    assert [f.state for f in flow.files] == [NOT_READ, READY]


def test_several_returns_skip_one_apply_another(qtbot, window, services, tmp_path):
    serbia = return_workbook(tmp_path / "rs.xlsx", mission="Serbia", projects=[
        {"Code": "CS.0910", "Title": "Mobile clinics", "Budget": "EUR 40.000"}])
    flow = window.import_returns([good_return(tmp_path), serbia])
    wait_idle(qtbot, flow)
    dialog = flow.dialog
    assert dialog.windowTitle() == "Review 2 mission returns" and dialog.current_index() == 0
    qtbot.mouseClick(dialog.ui.skipButton, Qt.MouseButton.LeftButton)
    assert flow.files[0].state == SKIPPED and dialog.current_index() == 1
    qtbot.mouseClick(dialog.ui.applyButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, flow)
    assert [f.state for f in flow.files] == [SKIPPED, APPLIED]
    assert services.projects.find("CS.0910") is not None and services.projects.find("MA.0467") is None
    window.import_returns([serbia])  # already in the review: not added twice
    assert len(flow.files) == 2
    moldova = return_workbook(tmp_path / "md.xlsx", mission="Republic of Moldova", projects=[])
    drop_on(dialog, moldova, serbia)  # more workbooks dropped on the review itself
    wait_idle(qtbot, flow)
    assert [f.path.name for f in flow.files] == ["tajikistan.xlsx", "rs.xlsx", "md.xlsx"]
    assert flow.files[2].state == READY and dialog.current_index() == 2


def test_the_window_takes_only_local_xlsx_files(qtbot, window, tmp_path):
    for mime in (mime_with(tmp_path / "notes.txt"), mime_with(urls=["https://example.org/r.xlsx"]), QMimeData()):
        enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(window, enter)
        assert not enter.isAccepted()
    chosen = good_return(tmp_path)
    answer_file_dialog(qtbot, chosen)
    window.ui.actionImportReturns.trigger()
    flow = window.import_flow
    assert flow is not None and flow.files[0].path == chosen
    wait_idle(qtbot, flow)
    flow.dialog.reject()
    qtbot.waitUntil(lambda: window.import_flow is None)
    assert window.ui.actionImportReturns.shortcut().toString() == "Ctrl+I"
    assert window.ui.actionNewReturnTemplate.shortcut().toString() == "Ctrl+T"


def test_a_record_edited_after_the_reading_makes_the_workbook_read_again(qtbot, window, services, tmp_path):
    flow = window.import_returns([good_return(tmp_path)])
    wait_idle(qtbot, flow)
    edited = services.projects.find("MA.0400")
    edited.title = "Health promotion, edited in the meantime"
    services.projects.update(edited)
    qtbot.mouseClick(flow.dialog.ui.applyButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, flow)
    file = flow.files[0]
    assert file.state == READY and "read again" in file.note
    assert services.projects.find("MA.0467") is None  # nothing of the stale plan was written
    changes = [str(c) for e in file.preview.plan.entries if e.label.startswith("MA.0400") for c in e.changes]
    assert "Title: Health promotion, edited in the meantime -> Health promotion for labour migrants and their " \
           "families" in changes
    qtbot.mouseClick(flow.dialog.ui.applyButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, flow)
    assert file.state == APPLIED and services.projects.find("MA.0467") is not None
