"""The window's file dialogs: where they open, what they list, what they refuse, the name a template gets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QFileInfo

from mhdesk.core.returns.template.naming import template_file_name
from mhdesk.ui.shared import file_dialogs
from mhdesk.ui.shared.file_dialogs import NameOnlyIconProvider
from tests.ui.file_dialog_helpers import answer_file_dialog


@pytest.fixture
def places(tmp_path, monkeypatch):
    """A lasting folder with workbooks in it, and a temporary one (the test's own stand-in for /tmp)."""
    temporary = tmp_path / "temp"
    monkeypatch.setattr(file_dialogs, "temporary_roots", lambda: [temporary])
    work, scratch = tmp_path / "work", temporary / "scratch"
    for folder in (work, scratch):
        folder.mkdir(parents=True)
        (folder / "tajikistan.xlsx").write_bytes(b"")
    return work, scratch


def test_a_dialog_opens_in_documents_first_then_where_the_person_last_was(qtbot, window, places):
    work, _scratch = places
    seen = answer_file_dialog(qtbot, work / "tajikistan.xlsx")
    chosen = file_dialogs.open_file_names(window, "Import returns", file_dialogs.RETURNS, "Workbooks (*.xlsx)")
    assert seen.folder == file_dialogs.documents_folder() and chosen == [work / "tajikistan.xlsx"]

    seen = answer_file_dialog(qtbot, None)
    file_dialogs.open_file_names(window, "Import returns", file_dialogs.RETURNS, "Workbooks (*.xlsx)")
    assert seen.folder == work and "tajikistan.xlsx" in seen.listed

    seen = answer_file_dialog(qtbot, None)  # another purpose keeps its own place
    file_dialogs.save_file_name(window, "Write problem report", file_dialogs.REPORTS, "Workbooks (*.xlsx)")
    assert seen.folder == file_dialogs.documents_folder()


def test_a_temporary_folder_is_never_remembered_nor_offered(qtbot, window, places):
    work, scratch = places
    answer_file_dialog(qtbot, work / "tajikistan.xlsx")
    file_dialogs.open_file_names(window, "Import returns", file_dialogs.RETURNS, "Workbooks (*.xlsx)")
    answer_file_dialog(qtbot, scratch / "tajikistan.xlsx")
    file_dialogs.open_file_names(window, "Import returns", file_dialogs.RETURNS, "Workbooks (*.xlsx)")
    assert file_dialogs.remembered_folder(file_dialogs.RETURNS) == work
    assert file_dialogs.remembered_folder(file_dialogs.REPORTS, fallback=scratch) == file_dialogs.documents_folder()


def test_sqlite_files_are_never_listed_and_backups_only_where_a_database_opens(qtbot, window, places):
    work, _scratch = places
    for name in ("office.sqlite", "office.sqlite-wal", "office.sqlite-shm", "office.sqlite-journal",
                 "office.before-import.20240105-101112-123456.sqlite", "office.sqlite.bak.xlsx"):
        (work / name).write_bytes(b"")
    seen = answer_file_dialog(qtbot, None, go_to=work, look_at_every_file=True)
    window.ui.actionOpenDatabase.trigger()
    # A backup is a database that opens; SQLite's own files are never shown.
    assert seen.listed == ["office.before-import.20240105-101112-123456.sqlite", "office.sqlite"]
    seen = answer_file_dialog(qtbot, None, go_to=work)
    file_dialogs.open_file_names(window, "Any file", file_dialogs.RETURNS, "All files (*)")
    assert seen.listed == ["office.sqlite", "office.sqlite.bak.xlsx", "tajikistan.xlsx"]


def test_icons_and_types_come_from_names_alone(qapp, tmp_path):
    provider = NameOnlyIconProvider()
    (tmp_path / "folder").mkdir()
    for name in ("return.xlsx", "office.sqlite-wal"):
        (tmp_path / name).write_bytes(b"PK\x03\x04")
    assert provider.type(QFileInfo(str(tmp_path / "return.xlsx"))) == "XLSX file"
    assert provider.type(QFileInfo(str(tmp_path / "office.sqlite-wal"))) == "SQLITE-WAL file"
    assert provider.type(QFileInfo(str(tmp_path / "folder"))) == "Folder"
    assert not provider.icon(QFileInfo(str(tmp_path / "return.xlsx"))).isNull()


def test_a_template_is_named_alike_by_both_dialogs_and_saved_where_templates_went_last(qtbot, window, places):
    work, _scratch = places
    file_dialogs.remember_folder(file_dialogs.TEMPLATES, work)
    window.ui.actionNewReturnTemplate.trigger()
    dialog = window.template_dialog
    dialog.ui.missionCombo.setCurrentText("Serbia")
    dialog.ui.yearSpin.setValue(2024)
    assert Path(dialog.ui.pathEdit.text()) == work / "Serbia return 2024.xlsx" == work / template_file_name(
        "Serbia", 2024)
    seen = answer_file_dialog(qtbot, None)
    dialog.ui.browseButton.click()
    assert (seen.folder, seen.name) == (work, "Serbia return 2024.xlsx")
    dialog.reject()

    returns = window.show_view("returns")
    missing = returns.write_missing_templates()
    assert Path(missing.ui.folderEdit.text()) == work
    missing.reject()
