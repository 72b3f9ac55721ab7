"""Edits of a project's lists alone through the window: undone and redone, and never written over a colleague's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import click_button, click_row


def tick(checklist, name: str) -> None:
    items = checklist.findItems(name, Qt.MatchFlag.MatchExactly)
    assert items, f"{name} is not in the list"
    items[0].setCheckState(Qt.CheckState.Checked)


def countries_shown(view, code: str) -> tuple[str, ...]:
    return view.model.row_at(view.model.row_of(view.store.service.find(code).id)).countries


def warnings_shown(window) -> list[str]:
    return [box.text() for box in window.findChildren(QMessageBox) if box.isVisible()]


def add_albania_in_the_editor(projects_view, code: str) -> None:
    click_row(projects_view, code)
    editor = projects_view.edit_selected()
    tick(editor.ui.countriesList, "Albania")
    click_button(editor, "OK")
    assert not editor.isVisible()


def test_a_countries_only_edit_is_undone_and_redone(window, projects_view, services, qtbot):
    start = services.projects.find("MA.0400")
    add_albania_in_the_editor(projects_view, "MA.0400")
    saved = services.projects.find("MA.0400")
    assert saved.countries == ["Albania", "Kyrgyzstan", "Tajikistan"] and saved.version > start.version
    qtbot.waitUntil(lambda: "Albania" in countries_shown(projects_view, "MA.0400"))
    assert window.ui.actionUndo.text() == "&Undo Edit MA.0400"

    versions = [saved.version]
    for step, has_albania in ((window.undo_stack.undo, False), (window.undo_stack.redo, True),
                              (window.undo_stack.undo, False)):
        step()
        now = services.projects.find("MA.0400")
        assert ("Albania" in now.countries) is has_albania and now.version > versions[-1]
        versions.append(now.version)
        qtbot.waitUntil(lambda: ("Albania" in countries_shown(projects_view, "MA.0400")) is has_albania)
    assert warnings_shown(window) == [] and window.undo_stack.count() == 1
    assert services.projects.find("MA.0400").copy(version=None) == start.copy(version=None)


def test_the_window_edits_again_after_a_countries_only_edit(window, projects_view, services, qtbot):
    """The view's copy carries the version the list edit left: the next edit of the same project is not stale."""
    add_albania_in_the_editor(projects_view, "MA.0400")
    click_row(projects_view, "MA.0400")
    editor = projects_view.edit_selected()
    tick(editor.ui.themesList, "HIV/AIDS")
    click_button(editor, "OK")
    project = services.projects.find("MA.0400")
    assert "Albania" in project.countries and "HIV/AIDS" in project.thematic_areas
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert warnings_shown(window) == []
    assert "Albania" not in services.projects.find("MA.0400").countries


def test_undo_does_not_remove_a_country_a_colleague_added_since(window, projects_view, services, qtbot):
    click_row(projects_view, "CS.0887")
    editor = projects_view.edit_selected()
    tick(editor.ui.countriesList, "Montenegro")
    click_button(editor, "OK")
    colleague = services.projects.find("CS.0887")
    services.projects.update(colleague.copy(countries=[*colleague.countries, "Albania"]))
    window.undo_stack.undo()
    assert services.projects.find("CS.0887").countries == ["Albania", "Montenegro", "Serbia"]
    warnings = warnings_shown(window)
    assert len(warnings) == 1 and "changed elsewhere" in warnings[0]
    assert window.undo_stack.count() == 0
