"""The History panel (Ctrl+H, or the context menu) of a person, an event, a publication and an indicator cell: an
edit and its undo, each with who and what, newest first."""

from __future__ import annotations

import getpass

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox

from mhdesk.ui.indicators.view import RATES_TAB
from mhdesk.ui.shared.record_views import select_records


@pytest.fixture
def window(demo_window):
    return demo_window


def shown_entries(dialog) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """(who, what, [(field, before, after)]) of each entry, newest first, as the panel lists them."""
    tree = dialog.ui.entriesTree
    found = []
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        found.append((item.text(1), item.text(2),
                      [tuple(item.child(c).text(j) for j in range(3)) for c in range(item.childCount())]))
    return found


def offers_history(widget, action) -> bool:
    return action in widget.actions() and action.shortcut() == QKeySequence("Ctrl+H")


def test_a_persons_contact_edit_and_its_undo_in_their_history(window, services):
    view = window.show_view("directory")
    view.ui.tabs.setCurrentIndex(2)
    view.ui.peopleSearchEdit.setText("kazanets")
    panel = view.people
    panel.select(panel.model.person(panel.model.index(0)).id)
    view.ui.phoneEdit.setText("+7 495 000 00 00")
    assert panel.save()
    window.undo_stack.undo()
    assert offers_history(view.ui.peopleList, panel.history_action)
    dialog = panel.show_history()
    assert dialog.windowTitle() == f"History of {panel.current.printed_name}"
    assert shown_entries(dialog)[:2] == [
        (getpass.getuser(), "changed by an edit", [("Phone", "+7 495 000 00 00", "(empty)")]),
        (getpass.getuser(), "changed by an edit", [("Phone", "(empty)", "+7 495 000 00 00")])]
    dialog.close()


@pytest.mark.parametrize("kind, field, text", [("events", "participants", "45"), ("publications", "pages", "64")])
def test_an_event_or_publication_edit_and_its_undo_in_its_history(window, services, kind, field, text):
    view = window.show_view(kind)
    record = view.model.row_at(0)
    view.select_record(record.id)
    dialog = view.edit_selected()
    dialog.set_text(field, text)
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).click()
    window.undo_stack.undo()
    view.select_record(record.id)
    assert offers_history(view.ui.table, view.history_action)
    history = view.show_history()
    label = field.capitalize()
    before = str(getattr(record, field) or "") or "(empty)"
    assert [(what, changes) for _, what, changes in shown_entries(history)] == [
        ("changed by an edit", [(label, text, before)]), ("changed by an edit", [(label, before, text)])]
    history.close()


def test_a_typed_figure_and_its_undo_in_the_cells_history(window, services):
    view = window.show_view("indicators")
    year = view.grid_year()
    index = view.grid.model.index_of("PHC_CONSULT", "Serbia")
    view.ui.gridView.setCurrentIndex(index)
    assert view.grid.type_figure("PHC_CONSULT", "Serbia", "1.500")
    window.undo_stack.undo()
    view.ui.gridView.setCurrentIndex(view.grid.model.index_of("PHC_CONSULT", "Serbia"))
    assert offers_history(view.ui.gridView, view.grid.history_action)
    dialog = view.grid.show_history()
    assert dialog.windowTitle() == f"History of Primary health-care consultations, Serbia {year}"
    assert [(what, changes) for _, what, changes in shown_entries(dialog)] == [
        ("removed by an edit", [("Total", "1500", "(empty)")]), ("added by an edit", [("Total", "(empty)", "1500")])]
    dialog.close()


def test_an_edition_saved_and_undone_in_its_history(window, services):
    publish = window.show_view("publish")
    publish.ui.yearSpin.setValue(2023)
    subtitle = services.editions.get(2023).subtitle or "(empty)"
    publish.ui.subtitleEdit.setText("Health on the move")
    assert publish.save() is not None
    window.undo_stack.undo()
    assert offers_history(publish, publish.history_action)
    dialog = publish.show_history()
    assert dialog.windowTitle() == "History of the 2023 edition"
    assert [(what, changes) for _, what, changes in shown_entries(dialog)[:2]] == [
        ("changed by an edit", [("Subtitle", "Health on the move", subtitle)]),
        ("changed by an edit", [("Subtitle", subtitle, "Health on the move")])]
    dialog.close()


def test_a_directory_cell_edited_and_undone_in_the_cells_history(window, services):
    view = window.show_view("directory")
    view.ui.gridYearCombo.setCurrentIndex(view.ui.gridYearCombo.findData(2018))
    model = view.grid_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() in ("Albania", "Albania *"))
    index = model.index(row, 2)  # Albania's H1 focal points
    editor = view.edit_cell(index)
    editor.find_edit.setText("calderon")
    editor.add_button.click()
    holder = next(f"{p.family_name}, {p.given_name}" for p in services.people.all()
                  if p.id == editor.entries()[0].person_id)
    editor.accept()
    window.undo_stack.undo()
    view.ui.gridView.setCurrentIndex(index)
    assert offers_history(view.ui.gridView, view.cell_history_action)
    dialog = view.show_cell_history()
    assert dialog.windowTitle() == "History of Albania H1 focal points in 2018"
    assert [(what, changes) for _, what, changes in shown_entries(dialog)] == [
        (f"{holder} removed by an edit", [("Role", "Focal point H1, Albania 2018", "(empty)")]),
        (f"{holder} added by an edit", [("Role", "(empty)", "Focal point H1, Albania 2018")])]
    dialog.close()

    held = next(r for r in services.directory.rows() if f"{r.family_name}, {r.given_name}" == holder)  # elsewhere
    view.ui.yearCombo.setCurrentIndex(view.ui.yearCombo.findData(held.year))
    select_records(view.ui.tableView, view.model, [held.id])
    assert offers_history(view.ui.tableView, view.role_history_action)
    dialog = view.show_holder_history()  # the holder's own history lists the role taken up and left
    assert dialog.windowTitle() == f"History of {held.printed_name}"
    assert [what for _, what, _ in shown_entries(dialog)] == ["removed by an edit", "added by an edit"]
    dialog.close()


def test_a_rate_changed_and_undone_in_the_currencys_history(window, services, qtbot):
    view = window.show_view("indicators")
    view.ui.tabs.setCurrentIndex(RATES_TAB)
    panel = view.rates
    qtbot.waitUntil(lambda: not panel.is_loading and panel.ui.missingRatesLabel.text() != "")
    panel.fill("eur", "1 Jan 2015", "1,10")
    assert panel.add_rate()
    qtbot.waitUntil(lambda: not panel.is_loading and panel.model.rowCount() == 1)
    panel.ui.ratesView.selectRow(0)
    panel.ui.rateEdit.setText("1.2")
    assert panel.change_rate()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: not panel.is_loading)
    panel.ui.ratesView.selectRow(0)
    assert offers_history(panel.ui.ratesView, panel.history_action)
    dialog = panel.show_history()
    assert dialog.windowTitle() == "History of the EUR rates"
    assert [(what, changes) for _, what, changes in shown_entries(dialog)] == [
        ("EUR from 2015-01-01 changed by an edit", [("Rate", "1.2", "1.1")]),
        ("EUR from 2015-01-01 changed by an edit", [("Rate", "1.1", "1.2")]),
        ("EUR from 2015-01-01 added by an edit", [("Currency", "(empty)", "EUR"), ("Into", "(empty)", "USD"),
                                                  ("Valid from", "(empty)", "2015-01-01"), ("Rate", "(empty)", "1.1")])]
    dialog.close()
