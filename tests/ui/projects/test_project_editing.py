"""Adding, editing, duplicating, deleting and copying projects through the window; the database checked each time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import click_button, click_row, replace_text, shown_codes


def title_in_database(services, code: str) -> str:
    return services.projects.find(code).title


def test_edit_a_title_then_undo_and_redo(window, projects_view, services, qtbot):
    click_row(projects_view, "MA.0400")
    window.ui.actionEditProject.trigger()
    editor = projects_view.editor
    assert editor is not None and editor.isVisible()
    assert editor.ui.titleEdit.text() == "Health promotion for labour migrants and their families"
    replace_text(qtbot, editor.ui.titleEdit, "Health of labour migrants in Central Asia")
    click_button(editor, "OK")
    assert not editor.isVisible()
    assert title_in_database(services, "MA.0400") == "Health of labour migrants in Central Asia"
    qtbot.waitUntil(lambda: "Health of labour migrants in Central Asia" in
                    [projects_view.model.row_at(r).title for r in range(projects_view.model.rowCount())])
    assert window.ui.actionUndo.text() == "&Undo Edit MA.0400"

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert title_in_database(services, "MA.0400") == "Health promotion for labour migrants and their families"
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert title_in_database(services, "MA.0400") == "Health of labour migrants in Central Asia"
    window.undo_stack.undo()
    window.undo_stack.redo()
    window.undo_stack.undo()
    assert title_in_database(services, "MA.0400") == "Health promotion for labour migrants and their families"
    # everything else about the project came through the round trips untouched
    project = services.projects.find("MA.0400")
    assert project.countries == ["Kyrgyzstan", "Tajikistan"] and project.budget == Decimal("170000.00")
    assert project.thematic_areas == ["Tuberculosis"] and project.managing_mission == "Tajikistan"


def test_double_click_opens_the_editor_and_ok_without_change_records_nothing(window, projects_view, qtbot):
    table = projects_view.ui.tableView
    index = projects_view.model.index(projects_view.model.row_of(projects_view.store.service.find("CS.0887").id), 1)
    where = table.visualRect(index).center()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double click starts as a click
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    editor = projects_view.editor
    assert editor.windowTitle() == "Edit CS.0887"
    assert editor.ui.budgetEdit.text() == "500,000.50"
    click_button(editor, "OK")
    assert window.undo_stack.count() == 0


def test_the_form_explains_what_is_wrong_and_refuses(window, projects_view, services, qtbot):
    click_row(projects_view, "MP.0280")
    editor = projects_view.edit_selected()
    ui = editor.ui
    replace_text(qtbot, ui.titleEdit, "")
    assert not editor.ok_button.isEnabled()
    assert ui.titleError.isVisible() and "title" in ui.titleError.text()
    replace_text(qtbot, ui.titleEdit, "MHPSS")
    replace_text(qtbot, ui.budgetEdit, "about 3 million")
    assert "not an amount" in ui.budgetError.text() and not editor.ok_button.isEnabled()
    assert not ui.budgetUnderstood.isVisible()
    replace_text(qtbot, ui.budgetEdit, "100,000")
    assert "larger than the budget" in ui.healthBudgetError.text()
    replace_text(qtbot, ui.budgetEdit, "3 100 000.25")
    assert not ui.budgetError.isVisible() and editor.ok_button.isEnabled()
    replace_text(qtbot, ui.endEdit, "31.12.2016")
    assert "before the start" in ui.endError.text() and not editor.ok_button.isEnabled()
    replace_text(qtbot, ui.endEdit, "")  # the end is not known
    assert editor.ok_button.isEnabled()
    replace_text(qtbot, ui.codeEdit, "CS.0887")  # taken by another project: the database says so
    editor.accept()
    assert editor.isVisible() and "already used" in ui.codeError.text()
    replace_text(qtbot, ui.codeEdit, "MP.0281")
    click_button(editor, "OK")
    saved = services.projects.find("MP.0281")
    assert saved.budget == Decimal("3100000.25") and saved.end is None and saved.title == "MHPSS"
    assert services.projects.find("MP.0280") is None


def test_a_new_project_keeps_exact_amounts(window, projects_view, services, qtbot):
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = projects_view.editor
    assert editor.windowTitle() == "New project" and not editor.ok_button.isEnabled()
    assert not editor.ui.codeError.isVisible()  # nothing shouts before anything was typed
    ui = editor.ui
    qtbot.keyClicks(ui.codeEdit, "ma.0467")
    assert ui.areaCombo.currentData() == "MA"  # from the code's prefix
    qtbot.keyClicks(ui.titleEdit, "Vaccine confidence among returning migrants")
    ui.donorsEdit.setPlainText("UNAIDS; European Union\nUNAIDS")
    qtbot.keyClicks(ui.budgetEdit, "1,315,000.10")
    ui.currencyCombo.setCurrentText("eur")
    qtbot.keyClicks(ui.healthBudgetEdit, "0.20")
    qtbot.keyClicks(ui.startEdit, "2024-03-01")
    for i in range(ui.countriesList.count()):
        if ui.countriesList.item(i).text() in ("Georgia", "Armenia"):
            ui.countriesList.item(i).setCheckState(Qt.CheckState.Checked)
    click_button(editor, "OK")
    created = services.projects.find("MA.0467")
    assert created.budget == Decimal("1315000.10") and created.health_budget == Decimal("0.20")
    assert created.currency == "EUR" and sorted(created.donors) == ["European Union", "UNAIDS"]  # each once
    assert created.countries == ["Armenia", "Georgia"] and created.programme_area == "MA"
    assert created.start == date(2024, 3, 1)
    qtbot.waitUntil(lambda: "MA.0467" in shown_codes(projects_view))
    assert projects_view.selected_ids() == [created.id]
    window.undo_stack.undo()
    assert services.projects.find("MA.0467") is None
    window.undo_stack.redo()
    assert services.projects.find("MA.0467").id == created.id


def test_delete_asks_first_and_undo_brings_the_project_back(window, projects_view, services, qtbot):
    before = services.projects.find("MP.0280")
    click_row(projects_view, "MP.0280")
    QTest.keyClick(projects_view.ui.tableView, Qt.Key.Key_Delete)
    box = projects_view.confirmation
    assert box is not None and "MP.0280" in box.text()
    click_button(box, "Cancel")
    assert services.projects.find("MP.0280") is not None

    window.ui.actionDeleteProject.trigger()
    click_button(projects_view.confirmation, "Delete")
    assert services.projects.find("MP.0280") is None
    qtbot.waitUntil(lambda: "MP.0280" not in shown_codes(projects_view))
    assert projects_view.ui.countLabel.text() == "3 of 3 projects"

    window.ui.actionUndo.trigger()
    back = services.projects.find("MP.0280")
    assert back.id == before.id
    assert back.copy(version=None) == before.copy(version=None)
    qtbot.waitUntil(lambda: "MP.0280" in shown_codes(projects_view))
    assert projects_view.selected_ids() == [before.id]
    window.ui.actionRedo.trigger()
    assert services.projects.find("MP.0280") is None


def test_deleting_several_is_one_step(window, projects_view, services, qtbot):
    click_row(projects_view, "CS.0887")
    click_row(projects_view, "MH.0101", Qt.KeyboardModifier.ControlModifier)
    assert len(projects_view.selected_ids()) == 2
    projects_view.delete_selected()
    assert "2 projects" in projects_view.confirmation.text()
    click_button(projects_view.confirmation, "Delete")
    assert services.projects.find("CS.0887") is None and services.projects.find("MH.0101") is None
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert services.projects.find("CS.0887") is not None and services.projects.find("MH.0101") is not None


def test_duplicate_then_undo(window, projects_view, services, qtbot):
    click_row(projects_view, "MA.0400")
    QTest.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    copy = services.projects.find("MA.0401")
    original = services.projects.find("MA.0400")
    assert copy is not None and copy.id != original.id
    assert copy.title == original.title + " (copy)"
    assert copy.donors == original.donors and copy.budget == original.budget
    assert copy.countries == original.countries
    qtbot.waitUntil(lambda: projects_view.selected_ids() == [copy.id])
    assert window.ui.actionUndo.text() == "&Undo Duplicate MA.0400 as MA.0401"
    window.undo_stack.undo()
    assert services.projects.find("MA.0401") is None


def test_undo_does_not_overwrite_a_change_made_elsewhere(window, projects_view, services, qtbot):
    click_row(projects_view, "CS.0887")
    editor = projects_view.edit_selected()
    replace_text(qtbot, editor.ui.titleEdit, "Edited here")
    click_button(editor, "OK")
    elsewhere = services.projects.find("CS.0887")
    services.projects.update(elsewhere.copy(title="Edited by a colleague"))
    window.undo_stack.undo()
    assert title_in_database(services, "CS.0887") == "Edited by a colleague"
    warnings = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert len(warnings) == 1 and "changed elsewhere" in warnings[0].text()
    assert window.undo_stack.count() == 0  # the step that could not be replayed left the history


def test_copy_gives_tab_separated_rows_with_a_header(window, projects_view, qtbot):
    click_row(projects_view, "MP.0280")
    click_row(projects_view, "MA.0400", Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(projects_view.ui.tableView, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t") == [
        "Code", "Title", "Programme area", "Donors", "Budget", "Currency", "Health budget", "Start", "End",
        "Extended to", "Countries", "Managing mission", "Thematic areas", "Status"]
    assert len(lines) == 3
    first = lines[1].split("\t")
    assert first[:6] == ["MA.0400", "Health promotion for labour migrants and their families", "MA",
                         "IOM Development Fund", "170000.00", "USD"]
    assert first[7:10] == ["2017-01-01", "2018-12-31", ""]
    second = lines[2].split("\t")
    assert second[0] == "MP.0280" and second[6] == "290500.00" and second[9] == "2023-12-31"
    assert second[10] == "Republic of Moldova; Ukraine"


def test_delete_key_in_the_filter_box_edits_the_text_not_the_register(window, projects_view, services, qtbot):
    click_row(projects_view, "MA.0400")
    search = projects_view.ui.searchEdit
    qtbot.keyClicks(search, "ma.04")
    search.setCursorPosition(0)
    QTest.keyClick(search, Qt.Key.Key_Delete)
    assert search.text() == "a.04"
    assert projects_view.confirmation is None
    assert services.projects.find("MA.0400") is not None


def test_an_edit_here_rereads_only_its_project_and_an_import_rereads_all(window, projects_view, services, qtbot):
    from mhdesk.core.services.project_records import ProjectData

    services.projects.create(ProjectData(code="MP.0999", title="Written by another window"))
    click_row(projects_view, "MA.0400")
    QTest.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "MA.0401" in shown_codes(projects_view))
    assert "MP.0999" not in shown_codes(projects_view)  # a local edit reads only what it wrote
    window.records_bus.announce("projects")
    qtbot.waitUntil(lambda: "MP.0999" in shown_codes(projects_view))
    assert shown_codes(projects_view) == sorted(shown_codes(projects_view))
