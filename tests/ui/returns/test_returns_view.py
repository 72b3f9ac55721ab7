"""The Returns view: missions x years after real imports, the import record, rollback, missing templates."""

from __future__ import annotations

import hashlib

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from return_helpers import apply_return, filled_return, open_window
from ui_helpers import click_button

from mhdesk.core.reporting import reporting_year
from mhdesk.core.returns.history import list_imports
from mhdesk.ui.returns.grid_model import StatusRole

YEAR = reporting_year()
NEW_PROJECT = {"Code": "MA.0999", "Title": "Health screening for returning migrants", "Programme area": "MA",
               "Budget": "USD 50,000", "Start": "1 March 2024", "End": "31 December 2025",
               "Countries": "Tajikistan", "Status": "active"}


@pytest.fixture
def window(qtbot, db, tmp_path):
    win = open_window(qtbot, db, tmp_path)
    yield win
    win.close_database()


@pytest.fixture
def view(window):
    return window.show_view("returns")


def imported(window, services, tmp_path, mission="Tajikistan", year=YEAR, values=None, **kwargs):
    """A return filled and applied outside the view, then announced as an import would be."""
    path = filled_return(services, tmp_path, mission, year, values or {"Health assessments": 1200}, **kwargs)
    summary = apply_return(services.db, path)
    window.records_bus.announce("returns")
    return path, summary


def cell(view, mission, year):
    return view.grid.index_of(mission, year)


def double_click(qtbot, table, index) -> None:
    table.scrollTo(index)
    rect = table.visualRect(index)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


def test_the_grid_says_returned_with_problems_or_missing_after_imports(window, view, services, tmp_path):
    assert view.years() == list(range(YEAR - 4, YEAR + 1))  # the last five years up to the reporting year
    assert [view.grid.headerData(c, Qt.Orientation.Horizontal) for c in range(view.grid.columnCount())] == [
        "Mission", *map(str, view.years())]
    assert cell(view, "Tajikistan", YEAR).data() == "Missing"
    assert view.grid.index(0, 0).data() == "South-Eastern Europe"  # missions grouped by sub-region

    imported(window, services, tmp_path, year=YEAR - 1, values={"Health assessments": 100})
    path, summary = imported(window, services, tmp_path, values={"Health assessments": 1000})  # x10: a warning
    imported(window, services, tmp_path, mission="Armenia", submitted_by="Anna Petrosyan")

    assert cell(view, "Tajikistan", YEAR - 1).data().startswith("Returned ")
    problems = cell(view, "Tajikistan", YEAR)
    assert problems.data() == "Returned, 1 warning"
    assert problems.data(StatusRole).status == "returned with problems"
    tip = problems.data(Qt.ItemDataRole.ToolTipRole)
    assert path.name in tip and f"import #{summary.import_id}" in tip
    assert "Submitted by Rukhshona Qurbonova" in tip and "1 added, 0 changed, 0 removed" in tip
    assert cell(view, "Armenia", YEAR).data(StatusRole).status == "returned"
    assert cell(view, "Georgia", YEAR).data() == "Missing"
    assert "No return from Georgia" in cell(view, "Georgia", YEAR).data(Qt.ItemDataRole.ToolTipRole)

    view.select_cell("Tajikistan", YEAR)
    assert view.imports.rowCount() == 1 and view.imports.import_at(0).file_name == path.name
    assert view.ui.countLabel.text() == f"{YEAR}: 2 of {view.grid.mission_count} missions returned"
    view.ui.firstYearSpin.setValue(YEAR - 9)
    assert view.grid.columnCount() == 11 and view.current_cell() == ("Tajikistan", YEAR)  # the choice is kept


def test_several_imports_of_one_return_are_listed_newest_first(window, view, services, tmp_path):
    first = imported(window, services, tmp_path, file_name="tj.xlsx")[1]
    second = imported(window, services, tmp_path, values={"Health assessments": 1300}, file_name="tj-v2.xlsx")[1]
    view.select_cell("Tajikistan", YEAR)
    assert [view.imports.import_at(r).id for r in range(view.imports.rowCount())] == [second.import_id,
                                                                                       first.import_id]
    assert view.ui.cellLabel.text() == f"Tajikistan, {YEAR}: 2 imports"
    dialog = view.open_selected_import()
    assert dialog.info.id == second.import_id
    dialog.close()


def test_double_click_opens_the_import_record_with_its_plan(window, view, services, tmp_path, qtbot):
    path, summary = imported(window, services, tmp_path)
    double_click(qtbot, view.ui.gridView, cell(view, "Tajikistan", YEAR))
    qtbot.waitUntil(lambda: view.record_dialog is not None and view.record_dialog.isVisible())
    dialog = view.record_dialog
    assert dialog.ui.fileLabel.text() == path.name
    assert dialog.ui.shaLabel.text() == hashlib.sha256(path.read_bytes()).hexdigest()
    assert dialog.ui.missionLabel.text() == f"Tajikistan, reporting year {YEAR}"
    assert dialog.ui.submittedLabel.text() == "Rukhshona Qurbonova"
    assert dialog.ui.countsLabel.text() == "1 added, 0 changed, 0 removed"
    plan = dialog.plan_view.model
    assert "Indicators" in plan.sheet_names()
    labels = [getattr(item, "label", "") for item in plan.shown_items()]
    assert f"Health assessments, Tajikistan {YEAR}" in labels
    assert dialog.ui.rollbackButton.isEnabled()
    dialog.close()
    qtbot.waitUntil(lambda: view.record_dialog is None)
    double_click(qtbot, view.ui.gridView, cell(view, "Georgia", YEAR))  # a missing return has no record
    assert view.record_dialog is None
    view.select_cell("Tajikistan", YEAR)
    view.ui.gridView.setFocus()
    QTest.keyClick(view.ui.gridView, Qt.Key.Key_Return)  # the keyboard opens it too
    qtbot.waitUntil(lambda: view.record_dialog is not None)
    assert view.record_dialog.info.id == summary.import_id
    view.record_dialog.close()


def confirm_rollback(qtbot, dialog) -> None:
    dialog.ui.rollbackButton.click()
    assert dialog.confirmation is not None and "Roll back import #" in dialog.confirmation.text()
    click_button(dialog.confirmation, "Roll back")
    qtbot.waitUntil(lambda: dialog.message is not None, timeout=10000)


def test_rollback_through_the_dialog_restores_the_database(window, view, services, tmp_path, qtbot):
    values_before, roles_before = services.indicators.rows(), services.directory.rows()
    codes_before = services.projects.codes()
    _, summary = imported(window, services, tmp_path, values={"Health assessments": 1200, "Referrals for care": 7},
                          projects=[NEW_PROJECT])
    assert services.projects.find("MA.0999") is not None and len(services.indicators.rows()) == 2

    dialog = view.open_import(summary.import_id)
    confirm_rollback(qtbot, dialog)
    assert "rolled back" in dialog.message.text() and dialog.message.icon() == dialog.message.Icon.Information
    assert services.indicators.rows() == values_before and services.directory.rows() == roles_before
    assert services.projects.codes() == codes_before
    assert [i.state for i in list_imports(services.db)] == ["rolled_back"]
    qtbot.waitUntil(lambda: not dialog.ui.rollbackButton.isEnabled() and "Rolled back" in dialog.ui.stateLabel.text())
    assert cell(view, "Tajikistan", YEAR).data() == "Rolled back"  # the view heard it on the bus


def test_rollback_is_refused_when_a_project_was_edited_since(window, view, services, tmp_path, qtbot):
    _, summary = imported(window, services, tmp_path, projects=[NEW_PROJECT])
    edited = services.projects.update(services.projects.find("MA.0999").copy(title="Screening, edited by hand"))
    values = services.indicators.rows()

    dialog = view.open_import(summary.import_id)
    confirm_rollback(qtbot, dialog)
    message = dialog.message
    assert "not rolled back" in message.text() and "nothing was changed" in message.text()
    assert "MA.0999" in message.informativeText() and "MA.0999" in message.detailedText()
    assert services.projects.find("MA.0999").title == edited.title == "Screening, edited by hand"
    assert services.indicators.rows() == values
    assert [i.state for i in list_imports(services.db)] == ["applied"]
    qtbot.waitUntil(lambda: dialog.job is None)
    assert dialog.ui.rollbackButton.isEnabled()  # it may be tried again once the edit is undone


def start_templates(view, qtbot, folder):
    view.ui.templatesButton.click()
    dialog = view.templates_dialog
    assert dialog is not None and dialog.ui.yearSpin.value() == YEAR
    dialog.ui.folderEdit.setText(str(folder))
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    return dialog


def test_templates_are_written_for_every_missing_mission(window, view, services, tmp_path, qtbot):
    sent = tmp_path / "sent"
    sent.mkdir()
    imported(window, services, sent)
    view.select_cell("Armenia", YEAR)  # the year of the selected column is offered
    missing = view.grid.mission_count - 1
    folder = tmp_path / "templates"
    start_templates(view, qtbot, folder)
    qtbot.waitUntil(lambda: view.message is not None, timeout=30000)
    written = sorted(folder.glob("*.xlsx"))
    assert len(written) == missing and not (folder / f"Tajikistan return {YEAR}.xlsx").exists()
    assert view.message.text() == f"Wrote {missing} templates for {YEAR} to {folder}."
    sheet = load_workbook(folder / f"Armenia return {YEAR}.xlsx")["Return"]
    assert {row[0]: row[1] for row in sheet.iter_rows(max_col=2, values_only=True)}["Mission"] == "Armenia"
    assert sheet["B2"].value == YEAR


def test_writing_templates_can_be_cancelled(view, qtbot, tmp_path):
    folder = tmp_path / "templates"
    start_templates(view, qtbot, folder)
    assert view.templates_job is not None
    view.templates_job.cancel()
    qtbot.waitUntil(lambda: view.message is not None, timeout=30000)
    assert view.message.text().startswith("Stopped: ")
    assert len(list(folder.glob("*.xlsx"))) < view.grid.mission_count


def test_the_templates_dialog_names_the_missing_missions_and_wants_a_folder(view, qtbot, tmp_path):
    view.ui.templatesButton.click()
    dialog = view.templates_dialog
    dialog.ui.yearSpin.setValue(YEAR)
    assert f"{view.grid.mission_count} missions have no return for {YEAR}" in dialog.ui.missionsLabel.text()
    dialog.ui.folderEdit.setText("")
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "Choose the folder" in dialog.ui.problemLabel.text()
    dialog.reject()
