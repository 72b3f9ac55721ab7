"""The plan widget: the plan grouped by sheet, problems located, filter buttons and search."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout

from mhdesk.core.returns.importer import ReturnImporter
from mhdesk.core.returns.plan.model import Entry, FieldChange, Plan
from mhdesk.core.returns.problems import Problem
from mhdesk.ui.returns.plan_tree import (
    SHOW_CHANGES,
    SHOW_ERRORS,
    SHOW_WARNINGS,
    ItemRole,
    KindRole,
    PlanColumn,
    PlanTreeModel,
    format_change,
)
from mhdesk.ui.returns.plan_view import PlanView
from tests.core.workbooks import return_workbook


def sample_plan() -> Plan:
    return Plan(
        file_name="tj.xlsx", sha256="", mission="Tajikistan", year=2019,
        entries=[
            Entry("Indicators", "add", "IOM supported health facilities, Tajikistan 2019", 2, previous="10",
                  change_pct=300.0),
            Entry("Projects", "change", "MA.0467 Health for migrants", 3,
                  (FieldChange("Budget", "85000.00", "95000.00"), FieldChange("Title", "Old", "New"))),
            Entry("Projects", "unchanged", "MA.0400 Health promotion", 2),
            Entry("Projects", "remove", "MA.0300 Ended project"),
            Entry("Events", "add", "2019-11-01 Workshop", 2),
        ],
        problems=[
            Problem("warning", "40 is 4.0 times the 2018 value 10 (more than x3); please check", "Indicators", 2,
                    "Value"),
            Problem("error", '"about 50k" is not an amount', "Projects", 4, "Budget"),
            Problem("error", "Mission is required", None, None, "Mission"),
        ],
    )


def rows_of(model: PlanTreeModel, parent: QModelIndex = QModelIndex(), column=PlanColumn.STATUS) -> list[str]:
    return [model.index(r, column, parent).data() for r in range(model.rowCount(parent))]


def sheet_index(model: PlanTreeModel, name: str) -> QModelIndex:
    return model.index(rows_of(model).index(name), 0)


def test_the_plan_is_grouped_by_sheet_in_workbook_order_with_problems_first(qapp):
    model = PlanTreeModel()
    model.set_plan(sample_plan())
    assert rows_of(model) == ["Return", "Projects", "Indicators", "Events"]
    projects = sheet_index(model, "Projects")
    assert rows_of(model, projects) == ["Error", "Unchanged", "Changed", "Removed"]
    assert rows_of(model, projects, PlanColumn.ROW) == ["4", "2", "3", ""]
    assert model.index(2, PlanColumn.FIELDS, projects).data() == "Budget: 85000.00 -> 95000.00; Title: Old -> New"
    assert model.index(0, PlanColumn.FIELDS, projects).data() == "Budget"
    assert model.index(0, PlanColumn.RECORD, projects).data() == '"about 50k" is not an amount'
    assert model.index(0, 0, projects).data(KindRole) == "problem"
    assert model.index(1, 0, projects).data(ItemRole).label == "MA.0400 Health promotion"
    summary = model.index(projects.row(), PlanColumn.RECORD).data()
    assert summary == "1 changed · 1 unchanged · 1 removed · 1 error"


def test_indicator_values_show_last_year_and_the_change(qapp):
    model = PlanTreeModel()
    model.set_plan(sample_plan())
    indicators = sheet_index(model, "Indicators")
    assert rows_of(model, indicators) == ["Warning", "Added"]
    assert model.index(1, PlanColumn.PREVIOUS, indicators).data() == "10"
    assert model.index(1, PlanColumn.CHANGE, indicators).data() == "+300 %"
    assert not model.index(1, PlanColumn.STATUS, indicators).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert [format_change(p) for p in (None, 0.0, 2.5, -12.4, 1250.0)] == ["", "0 %", "+2.5 %", "-12 %",
                                                                        "+1,250 %"]


def test_filters_keep_errors_warnings_or_changes(qapp):
    model = PlanTreeModel()
    model.set_plan(sample_plan())
    assert (model.total_count, model.count_of(SHOW_ERRORS), model.count_of(SHOW_WARNINGS),
            model.count_of(SHOW_CHANGES)) == (8, 2, 1, 4)
    model.set_filter(SHOW_ERRORS)
    assert rows_of(model) == ["Return", "Projects"]
    assert [model.index(0, PlanColumn.RECORD, sheet_index(model, s)).data() for s in rows_of(model)] == [
        "Mission is required", '"about 50k" is not an amount']
    model.set_filter(SHOW_CHANGES)
    assert model.shown_count == 4
    assert "Unchanged" not in rows_of(model, sheet_index(model, "Projects"))
    model.set_filter(SHOW_WARNINGS, "x3")
    assert [item.column for item in model.shown_items()] == ["Value"]
    model.set_filter(SHOW_CHANGES, "budget 95000")
    assert [item.label for item in model.shown_items()] == ["MA.0467 Health for migrants"]


def test_a_plan_read_back_from_an_import_record_shows_the_same(qtbot):
    stored = Plan.from_json(sample_plan().to_json())
    view = PlanView()
    qtbot.addWidget(view)
    view.set_plan(stored)
    assert view.model.sheet_names() == ["Return", "Projects", "Indicators", "Events"]
    assert view.filter_buttons[SHOW_ERRORS].text() == "Errors  2"


def test_the_view_filters_by_button_and_search_and_offers_a_way_back(qtbot):
    view = PlanView()
    qtbot.addWidget(view)
    view.set_plan(sample_plan())
    view.filter_buttons[SHOW_WARNINGS].click()
    assert view.current_filter == SHOW_WARNINGS
    assert [item.severity for item in view.model.shown_items()] == ["warning"]
    view.filter_buttons["all"].click()
    qtbot.keyClicks(view.search_edit, "workshop")
    qtbot.waitUntil(lambda: view.model.shown_count == 1)
    assert view.count_label.text() == "1 of 8 shown"
    view.set_search("no such thing")
    assert view.stack.currentWidget() is view.no_match
    view.clear_filter()
    assert view.model.shown_count == 8 and view.stack.currentWidget() is view.tree
    assert view.tree.isExpanded(view.model.index(0, 0))


def test_a_filter_that_would_show_nothing_of_the_next_plan_falls_back_to_all(qtbot):
    view = PlanView()
    qtbot.addWidget(view)
    view.set_plan(sample_plan())
    view.set_filter(SHOW_ERRORS)
    clean = Plan("b.xlsx", "", "Serbia", 2019, entries=[Entry("Projects", "add", "CS.0001 A", 2)])
    view.set_plan(clean)
    assert view.current_filter == "all" and view.model.shown_count == 1
    assert not view.filter_buttons[SHOW_ERRORS].isEnabled()
    view.set_plan(Plan("c.xlsx", "", "Serbia", 2019))
    assert view.stack.currentWidget() is view.empty
    view.set_plan(None)
    assert view.stack.currentWidget() is view.tree and view.model.rowCount() == 0


@pytest.mark.usefixtures("sample_projects")
def test_a_dry_run_plan_of_a_real_workbook(qtbot, db, tmp_path):
    path = return_workbook(tmp_path / "tj.xlsx", projects=[
        {"Code": "MA.0400", "Title": "Health promotion for labour migrants and their families",
         "Budget": "USD 190,000"},
        {"Code": "MA.0467", "Title": "Health for migrants", "Budget": "about 50k"},
    ])
    preview = ReturnImporter(db).dry_run(path)
    view = PlanView()
    qtbot.addWidget(view)
    view.set_plan(preview.plan, preview.problems)
    projects = sheet_index(view.model, "Projects")
    assert rows_of(view.model, projects) == ["Error", "Changed", "Added"]
    assert view.model.index(1, PlanColumn.FIELDS, projects).data() == "Budget: 170000.00 -> 190000.00"


def test_a_very_long_sheet_stays_closed_until_the_filter_shortens_it(qtbot, monkeypatch):
    monkeypatch.setattr("mhdesk.ui.returns.plan_view.AUTO_EXPAND_ROWS", 3)
    plan = Plan("big.xlsx", "", "Tajikistan", 2019, entries=[
        Entry("Indicators", "add", f"Indicator {n}, Tajikistan 2019", n + 2) for n in range(10)] + [
        Entry("Events", "add", "2019-11-01 Workshop", 2)],
        problems=[Problem("warning", "far from last year", "Indicators", 5, "Value")])
    view = PlanView()
    qtbot.addWidget(view)
    view.set_plan(plan)
    indicators, events = (view.model.index(row, 0) for row in range(2))
    assert not view.tree.isExpanded(indicators) and view.tree.isExpanded(events)
    assert view.model.index(indicators.row(), PlanColumn.RECORD).data() == "10 added · 1 warning"
    view.set_filter(SHOW_WARNINGS)
    assert view.tree.isExpanded(view.model.index(0, 0))


def test_enter_in_the_search_box_searches_and_presses_no_dialog_button(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    view = PlanView(dialog)
    layout.addWidget(view)
    pressed = []
    button = QPushButton("Roll back", dialog)
    button.setDefault(True)
    button.clicked.connect(lambda: pressed.append(True))
    layout.addWidget(button)
    view.set_plan(sample_plan())
    dialog.show()
    qtbot.keyClicks(view.search_edit, "workshop")
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Return)
    assert view.model.shown_count == 1 and not pressed
