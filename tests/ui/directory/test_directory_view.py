"""The focal-point directory: the table model on the demo, then the view with a real import."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from return_helpers import apply_return, filled_return

from mhdesk.core.returns.history import list_imports
from mhdesk.core.services.imports_read import directory_role_sources
from mhdesk.ui.directory.table_model import REGIONAL, Column, DirectoryFilter, DirectoryTableModel
from mhdesk.ui.shared.provenance import Provenance

TOOLTIP = Qt.ItemDataRole.ToolTipRole


@pytest.fixture
def model(qapp, demo, services):
    table = DirectoryTableModel()
    table.set_roles(services.directory.rows(), directory_role_sources(demo), Provenance(list_imports(demo)))
    return table


def shown(model, col: Column) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_filters_by_year_country_regional_roles_and_text(model, services):
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in Column] == [
        "Year", "Country", "Role", "Area", "Name", "E-mail", "Phone"]
    model.set_filter(DirectoryFilter(year=2018))
    assert model.shown_count == len(services.directory.rows(2018)) and set(shown(model, Column.YEAR)) == {"2018"}
    model.set_filter(DirectoryFilter(year=2018, country="Serbia"))
    assert model.shown_count == len(services.directory.rows(2018, "Serbia")) > 1
    assert set(shown(model, Column.COUNTRY)) == {"Serbia"}
    model.set_filter(DirectoryFilter(year=2018, country=REGIONAL))
    assert set(shown(model, Column.COUNTRY)) == {"Regional"}
    assert "RC for UA & MD" in shown(model, Column.ROLE)  # a regional role reads as its own title
    model.set_filter(DirectoryFilter(year=2018, text="calderon"))
    assert shown(model, Column.NAME) == ["CALDERON Jaime"]  # printed FAMILY Given
    model.set_filter(DirectoryFilter(year=2018, text="jcalderon@example"))
    assert model.shown_count == 1
    model.set_filter(DirectoryFilter(year=1999))
    assert model.shown_count == 0


def test_sorting_and_hand_entered_roles(model):
    model.set_filter(DirectoryFilter(year=2018))
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    names = shown(model, Column.NAME)
    assert names == sorted(names, key=str.casefold)
    model.sort(Column.COUNTRY, Qt.SortOrder.AscendingOrder)
    assert shown(model, Column.COUNTRY)[-1] == "Regional"  # roles above the countries come last
    assert model.index(0, Column.NAME).data(TOOLTIP) == "Entered by hand"


@pytest.fixture
def window(demo_window):
    return demo_window


@pytest.fixture
def view(window):
    return window.show_view("directory")


def test_the_view_opens_on_the_latest_year(view, services):
    latest = services.directory.latest_year()
    assert view.ui.yearCombo.currentData() == latest
    assert view.model.shown_count == len(services.directory.rows(latest))
    assert view.ui.countLabel.text() == f"{view.model.shown_count} roles in {latest}"
    view.ui.yearCombo.setCurrentIndex(view.ui.yearCombo.findData(2018))
    view.ui.searchEdit.setText("nobody by this name")
    assert view.ui.contentStack.currentWidget() is view._no_match
    view.clear_filters()
    assert view.model.shown_count == len(services.directory.rows(2018))


def test_imported_focal_points_show_their_source_and_copy_as_tsv(window, view, services, tmp_path):
    path = filled_return(services, tmp_path, "Tajikistan", 2024, {}, file_name="return-TJ-2024.xlsx")
    summary = apply_return(services.db, path)
    window.records_bus.announce("directory")
    view.ui.yearCombo.setCurrentIndex(view.ui.yearCombo.findData(2024))
    view.ui.countryCombo.setCurrentIndex(view.ui.countryCombo.findData("Tajikistan"))
    assert view.model.shown_count == len(services.directory.rows(2024, "Tajikistan")) > 0
    tip = view.model.index(0, Column.NAME).data(TOOLTIP)
    assert tip.startswith(f"From import #{summary.import_id} (return-TJ-2024.xlsx, ") and "'Focal points'!" in tip
    view.ui.tabs.setCurrentIndex(1)  # the flat list
    view.ui.tableView.selectAll()
    assert view.copy_selection() == view.model.shown_count
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0] == "Year\tCountry\tRole\tTitle\tProgramme area\tName\tE-mail\tPhone"
    assert all(line.startswith("2024\tTajikistan\t") for line in lines[1:])
