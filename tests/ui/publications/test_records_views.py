"""The Events and Publications views on the demo: the rows, search and year, add/edit/delete with undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox


@pytest.fixture
def window(demo_window):
    return demo_window


def save(dialog):
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).click()


def shown_titles(view) -> list[str]:
    return [view.model.row_at(r).title for r in range(view.model.rowCount())]


def test_the_demo_events_show_and_filter_by_year_and_text(window, services):
    view = window.show_view("events")
    assert view.model.total_count == len(services.events.list()) > 20
    view.ui.yearCombo.setCurrentIndex(view.ui.yearCombo.findData(2017))
    assert set(shown_titles(view)) == {e.title for e in services.events.list(2017)}
    view.ui.searchEdit.setText("tuberculosis")
    assert shown_titles(view) and all("tuberculosis" in view.model.haystack(view.model.row_at(r))
                                      for r in range(view.model.rowCount()))
    assert "of" in view.ui.countLabel.text()
    view.ui.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    dates = [view.model.row_at(r).date for r in range(view.model.rowCount())]
    assert dates == sorted(dates, reverse=True)


def test_an_event_added_edited_and_deleted_is_undone_step_by_step(window, services, qtbot):
    view = window.show_view("events")
    before = len(services.events.list())
    dialog = view.add()
    dialog.set_text("date", "March 2019")
    dialog.set_text("title", "World TB Day <round table> & more")
    dialog.set_text("country", "Tajikistan")
    dialog.set_text("participants", "1,200")
    save(dialog)
    added = next(e for e in services.events.list(2019) if e.title.startswith("World TB Day"))
    assert (added.date_precision, added.participants, added.country) == ("month", 1200, "Tajikistan")
    qtbot.waitUntil(lambda: "World TB Day <round table> & more" in shown_titles(view))

    view.ui.searchEdit.setText("round table")
    view.select_record(added.id)
    assert [r.id for r in view.selected()] == [added.id]
    dialog = view.edit_selected()
    dialog.set_text("participants", "many")
    save(dialog)
    assert dialog.isVisible() and "Participants" in dialog.ui.problemsLabel.text()
    dialog.set_text("participants", "45")
    save(dialog)
    assert services.events.get(added.id).participants == 45

    qtbot.waitUntil(lambda: not view._reload_timer.isActive())
    view.select_record(added.id)
    view.delete_selected(confirm=False)
    assert len(services.events.list()) == before
    stack = window.undo_stack
    stack.undo()
    assert services.events.get(added.id).participants == 45  # back under its own id
    stack.undo()
    assert services.events.get(added.id).participants == 1200
    stack.undo()
    assert len(services.events.list()) == before
    stack.redo()
    assert services.events.get(added.id).title.startswith("World TB Day")


def test_a_publication_with_a_bad_isbn_is_named_and_not_saved(window, services):
    view = window.show_view("publications")
    count = len(services.publications.list())
    dialog = view.add()
    dialog.set_text("title", "Health of migrants in Kyzylorda")
    dialog.set_text("isbn", "abc")
    save(dialog)
    assert "ISBN" in dialog.ui.problemsLabel.text() and len(services.publications.list()) == count
    dialog.set_text("isbn", "978-92-9068-755-9")
    dialog.set_text("year", "2019")
    save(dialog)
    assert not dialog.isVisible()
    assert [p.title for p in services.publications.list(2019)] == ["Health of migrants in Kyzylorda"]
