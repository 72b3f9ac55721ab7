"""A save that finds the project saved by someone else meanwhile: both versions field by field in a dialog; keep
mine, take theirs, or merge field by field; nothing is overwritten silently. The History panel shows who did what."""

from __future__ import annotations

from decimal import Decimal

import pytest
from ui_helpers import click_button, click_row

from mhdesk.core.connect import open_database
from mhdesk.core.services import Services


def save_elsewhere(db, code: str, **changes) -> None:
    """Another client (its own connection) saves the project."""
    other = open_database(db.location)
    try:
        service = Services(other).projects
        service.update(service.find(code).copy(**changes))
    finally:
        other.dispose()


@pytest.fixture
def conflict(window, projects_view, db, qtbot):
    """The editor of MA.0400 with a new title typed, the budget changed elsewhere meanwhile, OK pressed."""
    click_row(projects_view, "MA.0400")
    editor = projects_view.edit_selected()
    editor.ui.titleEdit.setText("Health promotion for labour migrants (my title)")
    save_elsewhere(db, "MA.0400", budget=Decimal("190000.00"), summary="Their summary")
    click_button(editor, "OK")
    dialog = projects_view.conflict
    assert dialog is not None and dialog.isVisible()
    assert editor.isVisible() and "choose what to keep" in editor.ui.messageLabel.text()
    return editor, dialog


def rows_shown(dialog) -> list[tuple[str, str, str, str]]:
    table = dialog.ui.fieldsTable
    return [(table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text(),
             table.cellWidget(r, 3).currentText()) for r in range(table.rowCount())]


def test_both_versions_are_shown_field_by_field_and_a_merge_keeps_each_side_chosen(conflict, services):
    editor, dialog = conflict
    assert rows_shown(dialog) == [
        ("Title", "Health promotion for labour migrants (my title)",
         "Health promotion for labour migrants and their families", "Yours"),
        ("Budget", "170000.00", "190000.00", "Theirs"),
        ("Summary", "(empty)", "Their summary", "Theirs"),
    ]
    dialog.choose("summary", "mine")
    click_button(dialog, "Merge")
    saved = services.projects.find("MA.0400")
    assert (saved.title, saved.budget, saved.summary) == (
        "Health promotion for labour migrants (my title)", Decimal("190000.00"), None)
    assert not editor.isVisible()
    edits = [e for e in services.project_history.of("MA.0400") if e.action == "change"]
    assert [[field for field, *_ in e.changes] for e in edits] == [["Budget", "Summary"], ["Title", "Summary"]]


def test_keep_mine_saves_my_version_over_theirs_knowingly(conflict, services):
    editor, dialog = conflict
    click_button(dialog, "Keep mine")
    saved = services.projects.find("MA.0400")
    assert (saved.title, saved.budget) == ("Health promotion for labour migrants (my title)", Decimal("170000.00"))
    assert not editor.isVisible()


def test_take_theirs_drops_my_changes(conflict, services, projects_view, qtbot):
    editor, dialog = conflict
    click_button(dialog, "Take theirs")
    saved = services.projects.find("MA.0400")
    assert (saved.title, saved.budget) == ("Health promotion for labour migrants and their families",
                                           Decimal("190000.00"))
    assert not editor.isVisible()
    qtbot.waitUntil(lambda: projects_view.model.row_at(projects_view.model.row_of(saved.id)).budget
                    == Decimal("190000.00"))


def test_cancel_leaves_the_editor_open_with_my_changes(conflict, services):
    editor, dialog = conflict
    click_button(dialog, "Cancel")
    assert editor.isVisible() and editor.ui.titleEdit.text().endswith("(my title)")
    assert services.projects.find("MA.0400").budget == Decimal("190000.00")


def test_the_history_panel_lists_who_changed_what(window, projects_view, db, services):
    save_elsewhere(db, "MA.0400", budget=Decimal("190000.00"))
    click_row(projects_view, "MA.0400")
    dialog = projects_view.show_history()
    tree = dialog.ui.entriesTree
    assert dialog.windowTitle() == "History of MA.0400"
    assert tree.topLevelItemCount() == 2  # added, then changed; newest first
    newest = tree.topLevelItem(0)
    assert newest.text(2) == "changed by an edit"
    assert [newest.child(i).text(j) for i in range(newest.childCount()) for j in range(3)] == [
        "Budget", "170000.00", "190000.00"]
    assert tree.topLevelItem(1).text(2) == "added by an edit"
