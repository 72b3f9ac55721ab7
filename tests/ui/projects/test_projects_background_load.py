"""A large register is read and prepared off the window's thread: the table shows it once it arrives, with the
filter and the selection it had, and a change made meanwhile is read again after it."""

from __future__ import annotations

from ui_helpers import click_row, shown_codes

from mhdesk.ui.projects import view as projects_view_module
from mhdesk.ui.projects.table_model import Column


def test_a_large_register_arrives_from_the_background_with_filter_and_selection(
        window, projects_view, services, qtbot, monkeypatch):
    monkeypatch.setattr(projects_view_module, "BACKGROUND_LOAD_FROM", 1)  # four projects count as large here
    projects_view.ui.searchEdit.setText("migrants")
    click_row(projects_view, "MA.0400")
    before = shown_codes(projects_view)
    projects_view.model.sort(Column.TITLE)

    projects_view.reload()
    assert projects_view.loading is not None
    assert projects_view.ui.countLabel.text() == "Loading the projects…"
    qtbot.waitUntil(lambda: not projects_view.loading.is_running)
    assert sorted(shown_codes(projects_view)) == sorted(before) and "MA.0400" in before
    assert projects_view.selected_ids() == [services.projects.find("MA.0400").id]
    titles = [projects_view.model.row_at(r).title.casefold() for r in range(projects_view.model.rowCount())]
    assert titles == sorted(titles)
    assert projects_view.ui.countLabel.text() == f"{len(before)} of 4 projects"


def test_a_change_saved_while_the_register_loads_is_read_after_it(
        window, projects_view, services, qtbot, monkeypatch):
    monkeypatch.setattr(projects_view_module, "BACKGROUND_LOAD_FROM", 1)
    projects_view.reload()
    project = services.projects.find("MP.0280")
    services.projects.update(project.copy(title="Renamed while the register loads"))
    projects_view.reload(only={project.id})  # as a save from the window asks, while the load still runs
    qtbot.waitUntil(lambda: not projects_view.loading.is_running and any(
        projects_view.model.row_at(r).title == "Renamed while the register loads"
        for r in range(projects_view.model.rowCount())), timeout=10_000)
    assert projects_view.model.total_count == 4
