"""The indicator values: the table model on its own over the demo, then the view with a real import."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from return_helpers import apply_return, filled_return, open_window

from mhdesk.core.collation import collation_key
from mhdesk.core.reporting import reporting_year
from mhdesk.core.returns.history import list_imports
from mhdesk.ui.indicators.table_model import Column, IndicatorFilter, IndicatorsTableModel
from mhdesk.ui.shared.formatting import day
from mhdesk.ui.shared.provenance import Provenance
from mhdesk.ui.shared.record_table import RecordRole

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
TOOLTIP = Qt.ItemDataRole.ToolTipRole


@pytest.fixture
def model(qapp, demo, services):
    table = IndicatorsTableModel()
    table.set_values(services.indicators.rows(), Provenance(list_imports(demo)))
    return table


def column(model, col: Column) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_headers_counts_and_cells(model, services):
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in Column] == [
        "Indicator", "Country", "Year", "Project", "Sex", "Age group", "Value"]
    assert model.rowCount() == model.total_count == len(services.indicators.rows()) > 50
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(RecordRole).value == Decimal(133927))
    assert model.index(row, Column.VALUE).data() == "133,927"  # thousands separated
    assert model.index(row, Column.VALUE).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.index(row, Column.SEX).data() == "All" and model.index(row, Column.COUNTRY).data() == "Türkiye"
    assert model.index(row, Column.VALUE).data(TOOLTIP) == "Entered by hand"


def test_filters_narrow_and_count(model, services):
    model.set_filter(IndicatorFilter(year=2022))
    assert set(column(model, Column.YEAR)) == {"2022"} and model.shown_count == len(services.indicators.rows(2022))
    model.set_filter(IndicatorFilter(year=2023, country="Republic of Moldova"))
    assert model.shown_count == len(services.indicators.rows(2023, "Republic of Moldova")) > 0
    model.set_filter(IndicatorFilter(indicator_code="PHC_CONSULT"))
    assert set(column(model, Column.INDICATOR)) == {"Primary health-care consultations"}
    model.set_filter(IndicatorFilter(text="turkmenistan female"))
    assert model.shown_count > 0 and {(r.country, r.sex) for r in map(model.row_at, range(model.rowCount()))} == {
        ("Turkmenistan", "female")}
    model.set_filter(IndicatorFilter(year=2015))  # the demo's figures start in 2016
    assert model.shown_count == 0 and model.total_count > 0
    model.set_filter(IndicatorFilter())
    assert model.shown_count == model.total_count


def test_sorting_by_any_column_in_the_model(model):
    model.sort(Column.VALUE, DESC)
    values = [model.row_at(r).value for r in range(model.rowCount())]
    assert values == sorted(values, reverse=True) and column(model, Column.VALUE)[0] == "133,927"
    model.sort(Column.COUNTRY, ASC)
    countries = column(model, Column.COUNTRY)
    assert countries == sorted(countries, key=collation_key)  # the reader's alphabet: Türkiye, Turkmenistan
    assert countries.index("Türkiye") < countries.index("Turkmenistan")
    model.set_filter(IndicatorFilter(year=2023, country="Turkmenistan", indicator_code="PHC_CONSULT"))
    model.sort(Column.SEX, ASC)
    assert column(model, Column.SEX)[0] == "All" and column(model, Column.SEX)[-1] == "Male"  # totals first
    model.sort(Column.YEAR, DESC)  # sorting keeps the filter
    assert set(column(model, Column.COUNTRY)) == {"Turkmenistan"}


def test_a_value_from_an_import_says_where_it_came_from(qapp, db, services, tmp_path):
    path = filled_return(services, tmp_path, "Tajikistan", 2019, {"Primary health-care consultations": 83219},
                         file_name="return-TJ-2019.xlsx")
    summary = apply_return(db, path)
    imported_on = day(list_imports(db)[0].imported_at.date())
    table = IndicatorsTableModel()
    table.set_values(services.indicators.rows(), Provenance(list_imports(db)))
    assert table.rowCount() == 1
    row = table.row_at(0)
    assert table.index(0, Column.VALUE).data() == "83,219"
    assert table.index(0, Column.VALUE).data(TOOLTIP) == (
        f"From import #{summary.import_id} (return-TJ-2019.xlsx, {imported_on}), {row.source_cell}")
    assert row.source_cell.startswith("Indicators!")


@pytest.fixture
def window(demo_window):
    return demo_window


@pytest.fixture
def view(window, qtbot):
    shown = window.show_view("indicators")
    qtbot.waitUntil(lambda: not shown.is_loading and shown.model.total_count > 0)  # read on the database thread
    return shown


def test_the_view_opens_on_the_latest_year_and_filters(view, services):
    assert view.ui.yearCombo.currentData() == 2023
    assert view.ui.contentStack.currentWidget() is view.ui.tableView
    total = len(services.indicators.rows())
    assert view.ui.countLabel.text() == f"{len(services.indicators.rows(2023))} of {total} values"
    view.ui.countryCombo.setCurrentIndex(view.ui.countryCombo.findData("Ukraine"))
    assert view.model.shown_count == len(services.indicators.rows(2023, "Ukraine"))
    view.ui.searchEdit.setText("no such indicator")
    assert view.ui.contentStack.currentWidget() is view._no_match
    view.clear_filters()
    assert view.model.shown_count == total


def test_a_year_without_values_says_so_calmly(view):
    empty = reporting_year()  # offered though the demo has no figures for it yet
    view.ui.yearCombo.setCurrentIndex(view.ui.yearCombo.findData(empty))
    assert view.ui.contentStack.currentWidget() is view._no_year
    assert view._no_year.heading.text() == f"No indicator values for {empty} yet"
    assert "pick another year" in view._no_year.text.text()


def test_copy_gives_a_header_row_and_plain_numbers(view, qtbot):
    view.ui.tabs.setCurrentWidget(view.ui.valuesPage)  # the flat list of values
    view.ui.indicatorCombo.setCurrentIndex(view.ui.indicatorCombo.findData("PHC_CONSULT"))
    view.ui.tableView.selectAll()
    assert view.copy_selection() == view.model.shown_count
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t") == ["Indicator code", "Indicator", "Country", "Year", "Project", "Sex", "Age group",
                                    "Value"]
    assert "PHC_CONSULT\tPrimary health-care consultations\tTürkiye\t2023\t\t\t\t133927" in lines


def test_an_import_announced_on_the_bus_shows_up_with_its_source(window, view, services, tmp_path, qtbot):
    path = filled_return(services, tmp_path, "Tajikistan", 2015, {"Health workers trained": 1200})
    summary = apply_return(services.db, path)
    with qtbot.waitSignal(view.loaded):
        window.records_bus.announce("indicators")
        window.records_bus.announce("all")  # asked again while reading: read once more, then say so
    view.ui.yearCombo.setCurrentIndex(view.ui.yearCombo.findData(2015))
    assert view.model.shown_count == 1
    assert view.model.index(0, Column.VALUE).data() == "1,200"
    assert view.model.index(0, Column.INDICATOR).data(TOOLTIP).startswith(
        f"From import #{summary.import_id} ({path.name}, ")


def test_without_any_value_the_view_says_where_they_come_from(qtbot, db, tmp_path):
    window = open_window(qtbot, db, tmp_path)
    view = window.show_view("indicators")
    qtbot.waitUntil(lambda: view.ui.contentStack.currentWidget() is view._empty)
    assert view._empty.heading.text() == "No indicator values yet" and "Import returns" in view._empty.text.text()
    window.close_database()
