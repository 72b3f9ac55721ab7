"""Changes made elsewhere (another window, the command line) show up in the open window, which keeps the
person's place: the same records selected, the same scroll position. On SQLite the window reads the file's
data_version; on PostgreSQL it listens for the others' notifications (`.ci/with-postgres` runs these too)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings

from mhdesk.core.connect import open_database
from mhdesk.core.services import Services
from mhdesk.core.services.project_records import ProjectData
from mhdesk.ui.main_window import MainWindow
from mhdesk.ui.projects import commands
from mhdesk.ui.shared.record_table import RecordRole
from tests.ui.ui_helpers import shown_codes


@pytest.fixture
def demo_window(qtbot, demo, tmp_path):
    window = MainWindow(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat), demo)
    qtbot.addWidget(window)
    window.resize(1100, 420)  # short enough for the register to scroll
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.views["indicators"].is_loading)
    yield window
    window.close_database()


def written_elsewhere(location, code: str, title: str = "Written elsewhere") -> None:
    other = open_database(location)
    try:
        Services(other).projects.create(ProjectData(code=code, title=title, countries=["Serbia"]))
    finally:
        other.dispose()


def place_in_projects(view, code: str) -> tuple[list[int], int]:
    """Select `code` far down the register and scroll so that it is in the middle: what the person sees."""
    table = view.ui.tableView
    view.select_ids([view.store.service.find(code).id])
    bar = table.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2 + 1)
    return view.selected_ids(), bar.value()


def test_a_project_written_elsewhere_appears_and_the_place_is_kept(qtbot, demo_window, demo):
    view = demo_window.show_view("projects")
    codes = shown_codes(view)
    chosen, scroll = place_in_projects(view, codes[len(codes) * 3 // 4])
    written_elsewhere(demo.location, "CS.0001")  # sorts first: every row below it moves down one
    qtbot.waitUntil(demo_window.check_for_changes, timeout=10000)  # a notification arrives a moment later
    assert shown_codes(view)[0] == "CS.0001"
    assert view.selected_ids() == chosen
    assert view.ui.tableView.verticalScrollBar().value() == scroll
    assert "changed elsewhere" in demo_window.ui.statusBar.currentMessage()
    assert not demo_window.check_for_changes()  # told once


def test_the_window_notices_by_itself(qtbot, demo_window, demo):
    view = demo_window.show_view("projects")
    written_elsewhere(demo.location, "MA.0990")
    qtbot.waitUntil(lambda: "MA.0990" in shown_codes(view), timeout=15000)  # the periodic look


def test_the_window_own_edits_are_not_changes_elsewhere(qtbot, demo_window):
    view = demo_window.show_view("projects")
    commands.add_project(demo_window.undo_stack, view.store, ProjectData(code="MA.0991", title="Typed here"))
    qtbot.waitUntil(lambda: "MA.0991" in shown_codes(view))
    assert not demo_window.check_for_changes()


def test_view_reload_reads_a_command_line_change_keeping_the_chosen_indicator(qtbot, demo_window, demo):
    view = demo_window.show_view("indicators")
    table = view.ui.tableView
    table.selectRow(3)
    chosen = table.currentIndex().data(RecordRole).id
    script = ("import sys; from mhdesk.core.connect import open_database; from mhdesk.core.services import "
              "Services; from mhdesk.core.services.project_records import ProjectData; "
              "db = open_database(sys.argv[1]); Services(db).projects.create(ProjectData(code='MA.0992', "
              "title='From the command line')); db.dispose()")
    subprocess.run([sys.executable, "-c", script, str(demo.location)], check=True, timeout=120)
    assert demo_window.ui.actionReload.shortcut().toString() == "F5"
    demo_window.ui.actionReload.trigger()
    qtbot.waitUntil(lambda: not view.is_loading)
    qtbot.wait(50)  # the place is set back as the values reach the table
    assert [index.data(RecordRole).id for index in table.selectionModel().selectedRows()] == [chosen]
    assert "MA.0992" in shown_codes(demo_window.views["projects"])
    assert not demo_window.check_for_changes()  # the reload by hand has read it already


def test_every_view_can_read_again(demo_window):
    assert [key for key, view in demo_window.views.items() if not callable(getattr(view, "reload", None))] == []
