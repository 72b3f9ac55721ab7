"""The Exchange rates tab on the demo: rates added, changed and removed as undo steps, typed like the rest of
the app, refused when changed elsewhere, and followed by the Dashboard's budgets and the projects' budget sort."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from mhdesk.core.services.exchange_rates import RateData
from mhdesk.ui.indicators.rates_model import Column
from mhdesk.ui.indicators.view import RATES_TAB
from mhdesk.ui.projects.table_model import Column as ProjectColumn
from mhdesk.ui.shared.record_table import SortKeyRole

NORDIC = "Kingdom of Norway, Kingdom of Denmark"  # MP.0156: 842,467 EUR from 1 Oct 2015, the demo's one EUR budget


@pytest.fixture
def window(demo_window):
    return demo_window


@pytest.fixture
def rates(window, qtbot):
    view = window.show_view("indicators")
    view.ui.tabs.setCurrentIndex(RATES_TAB)
    panel = view.rates
    qtbot.waitUntil(lambda: not panel.is_loading and panel.ui.missingRatesLabel.text() != "")
    return panel


def shown_rows(panel) -> list[tuple[str, str, str]]:
    model = panel.model
    return [tuple(model.index(r, c).data() for c in Column) for r in range(model.rowCount())]


def settled(panel, qtbot) -> None:
    qtbot.waitUntil(lambda: not panel.is_loading)


def nordic_bar(window, qtbot):
    dashboard = window.show_view("dashboard")
    dashboard.ui.yearCombo.setCurrentIndex(dashboard.ui.yearCombo.findData(2016))
    qtbot.waitUntil(lambda: bool(dashboard.charts))
    return next((b.value for b in dashboard.charts["donor"].bars if b.label == NORDIC), None), dashboard


def test_a_rate_is_added_changed_removed_and_each_step_undone(window, rates, services, qtbot):
    assert shown_rows(rates) == [] and rates.ui.ratesCountLabel.text() == "0 of 0 rates"
    assert "no EUR rate on 2015-10-01 for MP.0156" in rates.ui.missingRatesLabel.text()

    rates.fill("eur", "1 Jan 2015", "1,10")
    assert rates.add_rate()
    settled(rates, qtbot)
    assert [(r.currency, r.valid_from, r.rate, r.version) for r in services.exchange_rates.list()] == [
        ("EUR", date(2015, 1, 1), Decimal("1.1"), 1)]
    assert shown_rows(rates) == [("EUR", "1 Jan 2015", "1.1 USD")]
    assert rates.ui.missingRatesLabel.text() == "Every budget on record converts into USD."

    rates.ui.ratesView.selectRow(0)
    assert (rates.ui.currencyCombo.currentText(), rates.ui.validFromEdit.text(), rates.ui.rateEdit.text()) == (
        "EUR", "1 Jan 2015", "1.1")
    rates.ui.rateEdit.setText("1.2")
    assert rates.change_rate()
    settled(rates, qtbot)
    assert [(r.rate, r.version) for r in services.exchange_rates.list()] == [(Decimal("1.2"), 2)]
    assert shown_rows(rates) == [("EUR", "1 Jan 2015", "1.2 USD")]

    rates.ui.ratesView.selectRow(0)
    assert rates.remove_rate()
    settled(rates, qtbot)
    assert services.exchange_rates.list() == [] and shown_rows(rates) == []

    stack = window.undo_stack
    assert stack.undoText().startswith("Remove the EUR rate from 1 Jan 2015")
    stack.undo()
    settled(rates, qtbot)
    assert [r.rate for r in services.exchange_rates.list()] == [Decimal("1.2")]
    stack.undo()
    settled(rates, qtbot)
    assert [r.rate for r in services.exchange_rates.list()] == [Decimal("1.1")]
    assert shown_rows(rates) == [("EUR", "1 Jan 2015", "1.1 USD")]
    stack.undo()
    settled(rates, qtbot)
    assert services.exchange_rates.list() == [] and shown_rows(rates) == []
    stack.redo()
    settled(rates, qtbot)
    assert [r.rate for r in services.exchange_rates.list()] == [Decimal("1.1")]


def test_what_cannot_be_a_rate_is_named_and_nothing_written(rates, services):
    rates.fill("XYZ", "31/02/2023", "-1")
    assert not rates.add_rate()
    assert rates.ui.rateProblemLabel.text() == ('Currency: "XYZ" is not an ISO 4217 currency code; '
                                                'Valid from: "31/02/2023" is not a valid date; '
                                                "Rate: is a number above 0")
    rates.fill("CHF", "2023-01-01", "1.123456789")
    assert not rates.add_rate()
    assert "at most 8 decimals" in rates.ui.rateProblemLabel.text()
    assert services.exchange_rates.list() == []


def test_a_rate_changed_elsewhere_is_not_overwritten(rates, services, qtbot):
    services.exchange_rates.add(RateData("CHF", date(2020, 1, 1), Decimal("1.03")))
    rates.refresh()
    settled(rates, qtbot)
    rates.ui.ratesView.selectRow(0)
    elsewhere = services.exchange_rates.list()[0]
    elsewhere.rate = Decimal("1.04")
    services.exchange_rates.update(elsewhere)
    rates.ui.rateEdit.setText("1.05")
    assert not rates.change_rate()
    assert "changed elsewhere" in rates.ui.rateProblemLabel.text()
    assert [(r.rate, r.version) for r in services.exchange_rates.list()] == [(Decimal("1.04"), 2)]
    settled(rates, qtbot)
    assert shown_rows(rates) == [("CHF", "1 Jan 2020", "1.04 USD")]


def test_rates_sort_and_filter(rates, services, qtbot):
    for currency, day, rate in (("EUR", date(2015, 1, 1), "1.1"), ("CHF", date(2016, 1, 1), "1.02"),
                                ("EUR", date(2016, 1, 1), "1.09"), ("GBP", date(2016, 1, 1), "1.45")):
        services.exchange_rates.add(RateData(currency, day, Decimal(rate)))
    rates.refresh()
    settled(rates, qtbot)
    assert [r[0] for r in shown_rows(rates)] == ["CHF", "EUR", "EUR", "GBP"]
    rates.ui.ratesView.sortByColumn(Column.RATE, Qt.SortOrder.DescendingOrder)
    assert [r[2] for r in shown_rows(rates)] == ["1.45 USD", "1.1 USD", "1.09 USD", "1.02 USD"]
    rates.ui.ratesSearchEdit.setText("eur")
    assert [r[:2] for r in shown_rows(rates)] == [("EUR", "1 Jan 2015"), ("EUR", "1 Jan 2016")]
    assert rates.ui.ratesCountLabel.text() == "2 of 4 rates"
    rates.ui.ratesSearchEdit.setText("2016")
    assert sorted(r[0] for r in shown_rows(rates)) == ["CHF", "EUR", "GBP"]


def test_a_rate_updates_the_dashboard_budgets_and_the_projects_budget_sort(window, rates, qtbot):
    value, dashboard = nordic_bar(window, qtbot)
    assert value is None and "no EUR rate on 2015-10-01 for MP.0156" in dashboard.ui.missingRatesLabel.text()
    projects = window.views["projects"] if "projects" in window.views.built() else window.show_view("projects")

    def budget_key():
        row = next(r for r in range(projects.model.rowCount()) if projects.model.row_at(r).code == "MP.0156")
        return projects.model.index(row, ProjectColumn.BUDGET).data(SortKeyRole)

    assert budget_key()[0] == 1  # sorted after the budgets a rate converts

    window.show_view("indicators")
    rates.fill("EUR", "1.1.2015", "1.1")
    assert rates.add_rate()
    value, dashboard = nordic_bar(window, qtbot)
    assert value == Decimal("926713.70")  # 842,467 x 1.1
    assert "MP.0156" not in dashboard.ui.missingRatesLabel.text()
    assert budget_key() == (0, "", 92671370)

    window.undo_stack.undo()
    value, dashboard = nordic_bar(window, qtbot)
    assert value is None and "no EUR rate on 2015-10-01 for MP.0156" in dashboard.ui.missingRatesLabel.text()
    assert budget_key()[0] == 1


def test_an_undo_is_not_replayed_over_a_rate_changed_elsewhere(window, rates, services, qtbot):
    rates.fill("GBP", "2022-01-01", "1.35")
    assert rates.add_rate()
    settled(rates, qtbot)
    rates.ui.ratesView.selectRow(0)
    rates.ui.rateEdit.setText("1.30")
    assert rates.change_rate()
    settled(rates, qtbot)
    elsewhere = services.exchange_rates.list()[0]
    elsewhere.rate = Decimal("1.25")
    services.exchange_rates.update(elsewhere)  # another window or `mhdesk rates set`
    window.undo_stack.undo()
    settled(rates, qtbot)
    assert [(r.rate, r.version) for r in services.exchange_rates.list()] == [(Decimal("1.25"), 3)]
    assert "could not be replayed" in rates.ui.rateProblemLabel.text()
    assert shown_rows(rates) == [("GBP", "1 Jan 2022", "1.25 USD")]
