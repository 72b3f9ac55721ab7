"""The projects register reads and sorts like a spreadsheet, leaves by keyboard, and goes out as a workbook."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mhdesk.core.services.exchange_rates import RateData
from mhdesk.core.services.project_records import ProjectData
from mhdesk.ui.projects.table_model import Column

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def shown(view, column: Column) -> list[str]:
    model = view.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def click_sort(view, column: Column, order: Qt.SortOrder) -> None:
    view.ui.tableView.sortByColumn(column, order)


def test_blank_cells_sort_last_both_ways(projects_view):
    for order in (ASC, DESC):
        click_sort(projects_view, Column.BUDGET, order)
        budgets = shown(projects_view, Column.BUDGET)
        assert budgets[-1] == "" and all(budgets[:-1]), order  # MH.0101 has no budget
        click_sort(projects_view, Column.START, order)
        assert shown(projects_view, Column.START)[-1] == "", order
        click_sort(projects_view, Column.AREA, order)
        assert shown(projects_view, Column.AREA)[-1] == "", order  # CS.0887 is of another division
    click_sort(projects_view, Column.BUDGET, ASC)  # no EUR rate yet: USD by value, then EUR by amount
    assert shown(projects_view, Column.BUDGET)[:3] == ["170,000 USD", "500,000.50 USD", "3,000,000 EUR"]


def test_budgets_sort_by_their_value_in_the_reporting_currency_once_a_rate_exists(projects_view, services):
    services.exchange_rates.add(RateData("EUR", date(2000, 1, 1), Decimal("0.1")))
    projects_view.reload()
    click_sort(projects_view, Column.BUDGET, ASC)  # EUR 3,000,000 is USD 300,000: between the two USD budgets
    assert shown(projects_view, Column.BUDGET)[:3] == ["170,000 USD", "3,000,000 EUR", "500,000.50 USD"]
    click_sort(projects_view, Column.BUDGET, DESC)
    assert shown(projects_view, Column.BUDGET)[:3] == ["500,000.50 USD", "3,000,000 EUR", "170,000 USD"]


def test_turkiye_sorts_before_turkmenistan_in_the_table_and_the_country_list(window, services):
    for code, country in (("MA.0501", "Turkmenistan"), ("MA.0502", "Türkiye"), ("MA.0503", "Tajikistan")):
        services.projects.create(ProjectData(code=code, title=f"Care in {country}", countries=[country],
                                             start=date(2020, 1, 1)))
    view = window.show_view("projects")
    view.reload()
    click_sort(view, Column.COUNTRIES, ASC)
    countries = shown(view, Column.COUNTRIES)
    assert countries.index("Türkiye") < countries.index("Turkmenistan")
    combo = view.ui.countryCombo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names.index("Türkiye") < names.index("Turkmenistan") and names.index("Tajikistan") < names.index("Türkiye")


def test_an_extended_end_is_the_date_with_a_mark_and_its_extension_in_the_tooltip(projects_view):
    model = projects_view.model
    row = next(r for r in range(model.rowCount()) if model.index(r, Column.CODE).data() == "MP.0280")
    end = model.index(row, Column.END)
    assert end.data().startswith("28 Feb 2023") and "extended" not in end.data()
    assert end.data(Qt.ItemDataRole.ToolTipRole) == "Extended (no cost) to 31 Dec 2023"
    header = projects_view.ui.tableView.horizontalHeader()
    metrics = header.fontMetrics()
    for column in Column:  # the header text and the sort arrow both fit
        title = model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title) + 30, title


def test_the_year_list_grows_when_projects_of_a_new_year_arrive(window, services, db):
    view = window.show_view("projects")
    years = [view.ui.yearCombo.itemData(i) for i in range(view.ui.yearCombo.count())]
    assert 2031 not in years
    services.projects.create(ProjectData(code="MA.0777", title="Later work", start=date(2031, 1, 1),
                                         end=date(2031, 12, 31)))
    window.records_bus.announce("projects")  # as an import announces what it wrote
    QApplication.processEvents()
    years = [view.ui.yearCombo.itemData(i) for i in range(view.ui.yearCombo.count())]
    assert years[1] == 2031  # newest first, after "All years"


def test_export_projects_writes_the_rows_the_filters_show(qtbot, window, tmp_path):
    view = window.show_view("projects")
    view.ui.statusCombo.setCurrentIndex(view.ui.statusCombo.findData("completed"))
    click_sort(view, Column.BUDGET, DESC)
    assert shown(view, Column.CODE) == ["CS.0887", "MA.0400"]
    target = tmp_path / "register"
    job = view.export_projects(target)
    qtbot.waitUntil(lambda: not job.is_running, timeout=10000)
    sheet = load_workbook(tmp_path / "register.xlsx").active
    assert [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)] == ["CS.0887", "MA.0400"]
    assert sheet.cell(2, 5).value == Decimal("500000.50") and sheet.freeze_panes == "A2"
    assert "Exported 2 projects" in window.ui.statusBar.currentMessage()


def test_menus_have_access_keys_and_ctrl_tab_leaves_the_table(qtbot, window):
    ui = window.ui
    for menu in (ui.menuFile, ui.menuEdit, ui.menuProject, ui.menuView, ui.menuHelp):
        letters = []
        for action in menu.actions():
            if action.isSeparator():
                continue
            assert "&" in action.text(), action.text()
            letters.append(action.text().partition("&")[2][:1].lower())
        assert len(letters) == len(set(letters)), menu.title()
    assert not ui.actionNewDatabase.shortcut().isEmpty()
    view = window.show_view("projects")
    table = view.ui.tableView
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert not table.hasFocus() and QApplication.focusWidget() is not None
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not table.hasFocus()
