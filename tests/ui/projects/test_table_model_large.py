"""The projects table model's shortcuts for large registers give exactly what the plain way gives: sorting by
ranks computed once (in the load or off the window's thread), narrowing what the filter before kept as the
user types, and remembering recent filters as the user deletes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from mhdesk.core.collation import collation_key
from mhdesk.core.services.project_records import ProjectRow
from mhdesk.ui.projects.table_model import Column, ProjectFilter, ProjectsTableModel

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
COUNTRIES = ("Serbia", "Albania", "Türkiye", "Ukraine", "Georgia", "Armenia")
TITLES = ("Élan for migrant health", "eland migrant health", "Migrant Health", "", "Zebra care in Ukraine")


def project(i: int) -> ProjectRow:
    start = date(2010 + i % 12, 1 + i % 12, 1) if i % 7 else None
    return ProjectRow(i, f"{('MA', 'MP', 'CS')[i % 3]}.{i:04d}", f"{TITLES[i % 5]} {i % 13}".strip(),
                      ("MA", "MP", None)[i % 3], (("European Union", "UNAIDS")[i % 2],) if i % 4 else (),
                      Decimal(i * 37 % 1009) if i % 5 else None, ("USD", "EUR")[i % 2], None, start,
                      date(2024, 6, 30) if i % 3 else None, None, (COUNTRIES[i % 6],) if i % 9 else (), None, (),
                      ("pipeline", "active", "completed")[i % 3], 1)


@pytest.fixture
def rows():
    return [project(i) for i in range(1, 1_500)]


def shown(model) -> list[str]:
    return [model.row_at(r).code for r in range(model.rowCount())]


def reference_order(model, rows, column, order) -> list[str]:
    """Sorted the plain way: by the keys, ties in load order, empty cells last in both directions."""
    keys = [model.SORT_KEYS[column](row) for row in rows]
    filled = sorted((i for i, key in enumerate(keys) if key is not None), key=keys.__getitem__,
                    reverse=order == DESC)
    return [rows[i].code for i in filled + [i for i, key in enumerate(keys) if key is None]]


def test_every_sort_matches_sorting_by_the_keys_themselves_with_blanks_last(qapp, rows):
    model = ProjectsTableModel()
    model.set_rows(rows)
    for column in Column:
        for order in (ASC, DESC, ASC):  # the third comes from what the first remembered
            model.sort(column, order)
            assert shown(model) == reference_order(model, rows, column, order), (column, order)
    model.sort(Column.TITLE, ASC)
    titles = [model.row_at(r).title for r in range(model.rowCount())]
    assert titles.index("Élan for migrant health 0") < titles.index("eland migrant health 0")  # reader's alphabet
    assert collation_key(titles[0]) <= collation_key(titles[1])


def test_rows_prepared_off_the_windows_thread_load_as_the_rows_themselves(qapp, rows):
    plain, prepared = ProjectsTableModel(), ProjectsTableModel()
    plain.set_rows(rows)
    prepared.set_rows(prepared.prepare(rows))
    for column in Column:
        for order in (DESC, ASC):
            plain.sort(column, order)
            prepared.sort(column, order)
            assert shown(prepared) == shown(plain)
    wanted = ProjectFilter(text="migrant ukr", year=2015)
    plain.set_filter(wanted)
    prepared.set_filter(wanted)
    assert shown(prepared) == shown(plain) and 0 < plain.shown_count < len(rows)


@pytest.mark.parametrize("choices", [{}, {"year": 2016}, {"country": "Ukraine", "status": "active"}])
def test_typing_and_deleting_shows_what_a_fresh_filter_shows(qapp, rows, choices):
    typed = ProjectsTableModel()
    typed.set_rows(rows)
    typed.sort(Column.TITLE, DESC)
    text = "Migrant he"
    for keystrokes in ([text[:n] for n in range(len(text) + 1)], [text[:n] for n in range(len(text), -1, -1)]):
        for so_far in keystrokes:
            wanted = ProjectFilter(text=so_far, **choices)
            typed.set_filter(wanted)
            fresh = ProjectsTableModel()
            fresh.set_rows(rows)
            fresh.sort(Column.TITLE, DESC)
            fresh.set_filter(wanted)
            assert shown(typed) == shown(fresh), wanted
    if not choices:
        assert typed.shown_count == len(rows)


def test_a_sort_while_filtered_then_typing_on_keeps_the_new_order(qapp, rows):
    model = ProjectsTableModel()
    model.set_rows(rows)
    model.set_filter(ProjectFilter(text="mig"))
    model.sort(Column.BUDGET, DESC)
    model.set_filter(ProjectFilter(text="migrant h"))
    fresh = ProjectsTableModel()
    fresh.set_rows(rows)
    fresh.sort(Column.BUDGET, DESC)
    fresh.set_filter(ProjectFilter(text="migrant h"))
    assert shown(model) == shown(fresh)


def test_the_selected_project_stays_selected_while_typing_and_deleting(qapp, rows):
    from PySide6.QtWidgets import QTableView

    model = ProjectsTableModel()
    model.set_rows(rows)
    table = QTableView()
    table.setModel(model)
    chosen = next(r for r in range(model.rowCount()) if model.row_at(r).title.startswith("Zebra care in Ukraine"))
    chosen_code = model.row_at(chosen).code
    table.selectionModel().select(model.index(chosen, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
    for so_far in ("u", "uk", "ukr", "ukraine", "ukr", ""):
        model.set_filter(ProjectFilter(text=so_far))
        assert [model.row_at(i.row()).code for i in table.selectionModel().selectedRows()] == [chosen_code]


def test_a_merged_project_is_found_by_its_new_title_and_the_others_by_theirs(qapp, rows):
    model = ProjectsTableModel()
    model.set_rows(rows)
    renamed = rows[10]._replace(title="Renamed for dialysis")
    model.merge_rows([renamed], {renamed.id})
    model.set_filter(ProjectFilter(text="dialysis"))
    assert shown(model) == [renamed.code]
    model.set_filter(ProjectFilter(text="zebra"))
    assert model.shown_count == sum("Zebra" in row.title for row in rows)


def test_the_year_choice_keeps_the_projects_running_that_year(qapp, rows):
    model = ProjectsTableModel()
    model.set_rows(rows + [project(5_000)._replace(start=None, end=None), project(5_001)._replace(end=None)])
    for year in (2009, 2015, 2024, 2030):
        model.set_filter(ProjectFilter(year=year))
        assert sorted(shown(model)) == sorted(row.code for row in model.all_rows() if row.active_in(year)), year


def test_many_selected_projects_stay_selected_through_sorts_and_filters(qapp, rows):
    from PySide6.QtCore import QItemSelection
    from PySide6.QtWidgets import QTableView

    model = ProjectsTableModel()
    model.set_rows(rows)
    table = QTableView()
    table.setModel(model)
    selection = QItemSelection()
    for row in range(0, 120, 3):  # forty separate rows: more than a scan per row is worth
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    chosen = {model.row_at(row).code for row in range(0, 120, 3)}

    def selected() -> set[str]:
        return {model.row_at(i.row()).code for i in table.selectionModel().selectedRows()}

    model.sort(Column.TITLE, DESC)
    assert selected() == chosen
    model.set_filter(ProjectFilter(text="migrant"))
    assert selected() == {code for code in chosen if any("migrant" in row.title.lower() for row in rows
                                                         if row.code == code)}
