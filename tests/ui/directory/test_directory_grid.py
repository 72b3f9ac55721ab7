"""The directory grid in the window: edit a cell, drag a person in, copy a year, undo; write to people; print."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from mhdesk.core.services.directory import CellKey
from mhdesk.ui.directory.grid_model import REGIONAL_LABEL
from mhdesk.ui.shared.pdf_printing import preview_widget


@pytest.fixture
def window(demo_window):
    return demo_window


@pytest.fixture
def view(window):
    return window.show_view("directory")


def grid_cell(view, country: str, column: int):
    model = view.grid_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() in (country, f"{country} *"))
    return model.index(row, column)


def cell_names(services, key: CellKey) -> list[str]:
    return [e.name for e in services.directory.cell(key).entries]


def test_the_grid_shows_the_year_as_printed(view, services):
    view.ui.gridYearCombo.setCurrentIndex(view.ui.gridYearCombo.findData(2018))
    model = view.grid_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Country", "Chief of Mission / Head of Office", "H1", "H2", "H3"]
    assert model.index(0, 0).data() == REGIONAL_LABEL
    assert "RTS: CALDERON Jaime" in model.index(0, 1).data()
    assert view.ui.gridView.columnSpan(0, 1) == 4
    countries = [model.index(r, 0).data() for r in range(1, model.rowCount())]
    assert countries[:3] == ["Albania", "Armenia", "Azerbaijan"] and "Kosovo (UNSCR 1244) *" in countries
    assert countries.index("Türkiye") < countries.index("Turkmenistan")
    assert grid_cell(view, "Albania", 1).data() == "JANI Alma, HOO"
    assert grid_cell(view, "Albania", 3).data() == "GAXHA Alketa\nJANI Alma"


def test_add_a_person_to_a_cell_through_the_editor_then_undo(window, view, services, qtbot):
    view.ui.gridYearCombo.setCurrentIndex(view.ui.gridYearCombo.findData(2018))
    key = CellKey(2018, "Albania", "H1")
    editor = view.edit_cell(grid_cell(view, "Albania", 2))
    assert editor.isVisible() and editor.entries() == []

    editor.find_edit.setText("calderon")  # found as typed, by any part of the printed name or e-mail
    editor.add_button.click()
    assert [e.name for e in editor.entries()] == ["CALDERON Jaime"]
    editor.accept()

    assert grid_cell(view, "Albania", 2).data() == "CALDERON Jaime"
    assert cell_names(services, key) == ["CALDERON Jaime"]
    assert window.undo_stack.undoText() == "Edit Albania H1 focal points in 2018"

    window.undo_stack.undo()
    assert grid_cell(view, "Albania", 2).data() == ""
    assert cell_names(services, key) == []
    window.undo_stack.redo()
    assert cell_names(services, key) == ["CALDERON Jaime"]


def test_the_editor_reorders_and_removes_in_one_undo_step(window, view, services):
    view.ui.gridYearCombo.setCurrentIndex(view.ui.gridYearCombo.findData(2018))
    key = CellKey(2018, "Albania", "H3")
    editor = view.edit_cell(grid_cell(view, "Albania", 4))
    assert [e.name for e in editor.entries()] == ["JANI Alma", "PJETRI Genci"]
    editor.list.setCurrentRow(1)
    editor.up_button.click()
    editor.list.setCurrentRow(1)
    editor.remove_button.click()
    editor.accept()

    assert cell_names(services, key) == ["PJETRI Genci"]
    window.undo_stack.undo()
    assert cell_names(services, key) == ["JANI Alma", "PJETRI Genci"]


def test_drag_a_person_from_the_people_list_into_a_cell(window, view, services):
    view.ui.gridYearCombo.setCurrentIndex(view.ui.gridYearCombo.findData(2018))
    view.ui.dragSearchEdit.setText("qurbonova")
    people = view.drag_model
    assert people.rowCount() == 1
    data = people.mimeData([people.index(0)])
    target = grid_cell(view, "Tajikistan", 2)

    assert view.grid_model.canDropMimeData(data, Qt.DropAction.CopyAction, -1, -1, target)
    view.grid_model.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, target)

    assert grid_cell(view, "Tajikistan", 2).data() == "QURBONOVA Rukhshona"
    assert cell_names(services, CellKey(2018, "Tajikistan", "H1")) == ["QURBONOVA Rukhshona"]
    window.undo_stack.undo()
    assert cell_names(services, CellKey(2018, "Tajikistan", "H1")) == []


def test_copy_to_next_year_change_a_focal_point_and_undo_both(window, view, services):
    view.ui.gridYearCombo.setCurrentIndex(view.ui.gridYearCombo.findData(2018))
    before_2018 = [r.listed() for r in services.directory.rows(2018)]
    view.ui.copyYearButton.click()
    assert view.grid_year() == 2019
    assert len(services.directory.rows(2019)) == len(before_2018)

    editor = view.edit_cell(grid_cell(view, "Ukraine", 2))
    editor.list.setCurrentRow(0)
    editor.remove_button.click()
    editor.find_edit.setText("CALDERON Jaime <jcalderon@example.org>")
    editor.add_button.click()
    editor.accept()
    assert grid_cell(view, "Ukraine", 2).data() == "CALDERON Jaime"
    assert [r.listed() for r in services.directory.rows(2018)] == before_2018

    window.undo_stack.undo()
    assert cell_names(services, CellKey(2019, "Ukraine", "H1")) == ["MOROZOVA Nataliya"]
    window.undo_stack.undo()
    assert services.directory.rows(2019) == []
    assert [r.listed() for r in services.directory.rows(2018)] == before_2018


def test_people_tab_edits_contact_data_undoably_and_lists_roles_over_the_years(window, view, services):
    view.ui.tabs.setCurrentIndex(2)
    view.ui.peopleSearchEdit.setText("kazanets")
    panel = view.people
    panel.select(panel.model.person(panel.model.index(0)).id)
    roles = [view.ui.rolesList.item(i).text() for i in range(view.ui.rolesList.count())]
    assert "2018  RC for BE, KZ, KO, FYROM & RS, regional" in roles and "2018  OIC, Russian Federation" in roles

    view.ui.emailEdit.setText("not an address")
    assert not panel.save()
    assert "is not a valid e-mail address" in view.ui.personMessage.text()
    view.ui.emailEdit.setText("Igor.Kazanets@Example.org")
    view.ui.phoneEdit.setText("+7 495 000 00 00")
    assert panel.save()
    person_id = panel.current.id
    assert services.people.get(person_id).email == "igor.kazanets@example.org"
    window.undo_stack.undo()
    assert (services.people.get(person_id).email, services.people.get(person_id).phone) == (
        "ikazanets@example.org", None)


def test_a_person_with_roles_is_not_deleted_and_the_panel_says_which(view, services):
    view.ui.tabs.setCurrentIndex(2)
    view.ui.peopleSearchEdit.setText("calderon")
    view.people.select(view.people.model.person(view.people.model.index(0)).id)
    view.ui.deletePersonButton.click()
    assert "CALDERON Jaime still holds 1 role (Regional thematic specialist, regional 2018)" in (
        view.ui.personMessage.text())
    assert any(p.family_name == "CALDERON" for p in services.people.all())


def test_selected_cells_copy_addresses_and_make_a_mail_link(view, services):
    view.ui.gridYearCombo.setCurrentIndex(view.ui.gridYearCombo.findData(2018))
    selection = view.ui.gridView.selectionModel()
    selection.select(grid_cell(view, "Albania", 3), selection.SelectionFlag.Select)
    selection.select(grid_cell(view, "Albania", 4), selection.SelectionFlag.Select)

    assert view.copy_emails() == ("GAXHA Alketa <agaxha@example.org>; JANI Alma <ajani@example.org>; "
                                  "PJETRI Genci <gpjetri@example.org>")
    assert QGuiApplication.clipboard().text().count("<") == 3
    assert unquote(view.mail_link()) == "mailto:agaxha@example.org,ajani@example.org,gpjetri@example.org"


def test_print_preview_shows_as_many_pages_as_the_pdf(window, view, qtbot, tmp_path):
    view.ui.gridYearCombo.setCurrentIndex(view.ui.gridYearCombo.findData(2018))
    pdf = view.write_pdf(tmp_path / "directory.pdf")
    pages = len(PdfReader(pdf).pages)

    dialog = view.print_preview()
    qtbot.waitExposed(dialog)
    preview = preview_widget(dialog)
    preview.updatePreview()
    qtbot.waitUntil(lambda: preview.pageCount() == pages)
    dialog.close()
    names = [a.objectName() for a in window.ui.menuFile.actions()]
    assert "actionPrint" in names and "actionPrintPreview" in names


def test_a_new_person_is_added_and_deleted_undoably(window, view, services):
    view.ui.tabs.setCurrentIndex(2)
    view.ui.newPersonButton.click()
    view.ui.familyEdit.setText("Çelik")
    view.ui.givenEdit.setText("Ayşe")
    view.ui.emailEdit.setText("acelik@example.org")
    assert view.people.save()
    added = [p for p in services.people.all() if p.family_name == "Çelik"]
    assert [p.printed_name for p in added] == ["ÇELIK Ayşe"]

    view.people.select(added[0].id)
    assert view.people.delete_selected()
    assert not any(p.family_name == "Çelik" for p in services.people.all())
    window.undo_stack.undo()
    assert services.people.get(added[0].id).email == "acelik@example.org"


def test_a_contact_edit_after_a_grid_edit_of_the_same_person_is_saved(window, view, services):
    """Giving someone a role bumps their version; the People tab must read them again, not refuse the edit."""
    view.ui.gridYearCombo.setCurrentIndex(view.ui.gridYearCombo.findData(2018))
    editor = view.edit_cell(grid_cell(view, "Albania", 2))
    editor.find_edit.setText("calderon")
    editor.add_button.click()
    editor.accept()
    view.ui.tabs.setCurrentIndex(2)
    view.ui.peopleSearchEdit.setText("calderon")
    panel = view.people
    panel.select(panel.model.person(panel.model.index(0)).id)
    view.ui.phoneEdit.setText("+43 1 000 00 00")
    assert panel.save(), view.ui.personMessage.text()
    assert services.people.get(panel.current.id).phone == "+43 1 000 00 00"
