"""The projects table model on its own: no view, rows straight from the service."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from mhdesk.core.services.project_records import ProjectRow
from mhdesk.ui.projects.table_model import (
    HEADERS,
    Column,
    ProjectFilter,
    ProjectIdRole,
    ProjectRowRole,
    ProjectsTableModel,
    SortKeyRole,
)

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


@pytest.fixture
def model(qapp, services, sample_projects):
    table = ProjectsTableModel()
    table.set_rows(services.projects.rows())
    return table


def codes(model) -> list[str]:
    return [model.index(r, Column.CODE).data() for r in range(model.rowCount())]


def cell(model, code: str, column: Column, role=Qt.ItemDataRole.DisplayRole):
    row = next(r for r in range(model.rowCount()) if model.index(r, Column.CODE).data() == code)
    return model.index(row, column).data(role)


def test_columns_headers_and_counts(model):
    assert model.columnCount() == len(Column) == 9
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in Column] == [
        "Code", "Title", "Area", "Donors", "Budget", "Start", "End", "Countries", "Status"]
    assert HEADERS[Column.BUDGET] == "Budget"
    assert model.rowCount() == model.shown_count == model.total_count == 4
    assert codes(model) == ["CS.0887", "MA.0400", "MH.0101", "MP.0280"]  # code order from the service


def test_cells_read_as_a_person_expects(model, sample_projects):
    assert cell(model, "MP.0280", Column.BUDGET) == "3,000,000 EUR"
    assert cell(model, "CS.0887", Column.BUDGET) == "500,000.50 USD"
    assert cell(model, "MH.0101", Column.BUDGET) == ""
    assert cell(model, "MP.0280", Column.BUDGET, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert cell(model, "MP.0280", Column.BUDGET, Qt.ItemDataRole.ToolTipRole) == "Health share: 290,500 EUR"
    assert cell(model, "MP.0280", Column.END) == "28 Feb 2023 ⁺"  # the date and a small mark; the rest in the tip
    assert "31 Dec 2023" in cell(model, "MP.0280", Column.END, Qt.ItemDataRole.ToolTipRole)
    assert cell(model, "MA.0400", Column.START) == "1 Jan 2017"
    assert cell(model, "MA.0400", Column.COUNTRIES) == "Kyrgyzstan, Tajikistan"
    assert cell(model, "MH.0101", Column.DONORS) == "Kingdom of Norway; Kingdom of Denmark"
    assert cell(model, "MH.0101", Column.STATUS) == "Pipeline"
    assert cell(model, "MA.0400", Column.TITLE, ProjectIdRole) == sample_projects["MA.0400"].id
    row = cell(model, "MA.0400", Column.STATUS, ProjectRowRole)
    assert isinstance(row, ProjectRow) and row.budget == Decimal("170000.00")


def test_sorts_by_any_column_both_ways(model):
    model.sort(Column.BUDGET, ASC)  # by currency, then amount; no budget last, as in a spreadsheet
    assert codes(model) == ["MP.0280", "MA.0400", "CS.0887", "MH.0101"]
    model.sort(Column.BUDGET, DESC)  # the blank stays last the other way round too
    assert codes(model) == ["CS.0887", "MA.0400", "MP.0280", "MH.0101"]
    model.sort(Column.END, DESC)  # by the effective end: the extension counts
    assert codes(model)[0] == "MP.0280"
    model.sort(Column.STATUS, ASC)  # lifecycle order, not alphabetical
    assert [cell(model, c, Column.STATUS) for c in codes(model)] == ["Pipeline", "Active", "Completed", "Completed"]
    model.sort(Column.TITLE, ASC)
    assert codes(model) == ["CS.0887", "MA.0400", "MP.0280", "MH.0101"]
    assert model.index(0, Column.BUDGET).data(SortKeyRole) == (1, "USD", 50000050)  # no rates read: by currency


def test_filter_as_you_type_over_code_title_donor_and_country(model):
    for text, expected in [
        ("ma.04", ["MA.0400"]),
        ("PSYCHOSOCIAL", ["MP.0280"]),
        ("usaid", ["CS.0887"]),
        ("türkiye", ["MH.0101"]),
        ("kingdom denmark", ["MH.0101"]),  # every word must be found
        ("kingdom serbia", []),
        ("", ["CS.0887", "MA.0400", "MH.0101", "MP.0280"]),
    ]:
        model.set_filter(ProjectFilter(text=text))
        assert codes(model) == expected, text
        assert model.shown_count == len(expected) and model.total_count == 4


def test_filters_by_year_country_area_and_status(model):
    model.set_filter(ProjectFilter(year=2018))
    assert codes(model) == ["MA.0400"]  # as the service says: a project without dates is in no year
    model.set_filter(ProjectFilter(year=2023))
    assert codes(model) == ["MP.0280"]  # active in its extension
    model.set_filter(ProjectFilter(country="Tajikistan"))
    assert codes(model) == ["MA.0400"]
    model.set_filter(ProjectFilter(programme_area="MP"))
    assert codes(model) == ["MP.0280"]
    model.set_filter(ProjectFilter(status="completed", year=2020))
    assert codes(model) == ["CS.0887"]
    assert model.years() == list(range(2017, 2024))


def test_selection_follows_rows_through_sort_and_filter(model):
    kept = QPersistentModelIndex(model.index(codes(model).index("MP.0280"), Column.TITLE))
    model.sort(Column.CODE, DESC)
    assert kept.isValid() and model.index(kept.row(), Column.CODE).data() == "MP.0280"
    assert kept.column() == Column.TITLE
    model.set_filter(ProjectFilter(text="war"))
    assert kept.row() == 0
    model.set_filter(ProjectFilter(text="serbia"))
    assert not kept.isValid()


def test_reloading_keeps_sort_and_filter(model, services):
    model.sort(Column.BUDGET, DESC)
    model.set_filter(ProjectFilter(status="completed"))
    model.set_rows(services.projects.rows())
    assert codes(model) == ["CS.0887", "MA.0400"]
    assert model.row_of(services.projects.find("MA.0400").id) == 1
    assert model.row_of(services.projects.find("MP.0280").id) is None


def test_model_passes_qt_consistency_checks(qtmodeltester, model):
    qtmodeltester.check(model)


def _rows(count: int) -> list[ProjectRow]:
    countries = ("Serbia", "Albania", "Türkiye", "Ukraine", "Georgia", "Armenia")
    return [
        ProjectRow(i, f"MA.{i % 10000:04d}", f"Project {i} on tuberculosis care", "MA", ("European Union",),
                   Decimal(i * 37 % 1000003) / 100, "USD", None, date(2010 + i % 12, 1, 1), date(2022, 12, 31),
                   None, (countries[i % 6],), None, (), ("active", "completed")[i % 2], 1)
        for i in range(count)
    ]


def test_a_hundred_thousand_rows_sort_and_filter(qapp):
    # How fast is measured by `mhdesk bench` (projects table), not here.
    model = ProjectsTableModel()
    model.set_rows(_rows(100_000))
    for column in Column:
        model.sort(column, DESC)
    assert model.row_at(0).status == "completed" and model.row_at(99_999).status == "active"
    model.set_filter(ProjectFilter(text="ukraine 12", year=2015, status="completed"))
    assert 0 < model.shown_count < 100_000
    assert all("12" in model.row_at(r).code + model.row_at(r).title and model.row_at(r).countries == ("Ukraine",)
               for r in range(model.rowCount()))


def row(project_id: int, code: str, title: str = "A project") -> ProjectRow:
    return ProjectRow(project_id, code, title, "MA", (), None, None, None, None, None, None, (), None, (), "active", 1)


def test_merge_rows_replaces_and_removes_only_the_named_projects(qapp):
    model = ProjectsTableModel()
    model.set_rows([row(1, "MA.0001"), row(2, "MA.0002"), row(3, "MA.0003")])
    model.merge_rows([row(2, "MA.0002", title="Renamed"), row(4, "MA.0000")], {2, 3, 4})
    assert [model.row_at(r).code for r in range(model.rowCount())] == ["MA.0000", "MA.0001", "MA.0002"]
    assert model.row_at(2).title == "Renamed"
