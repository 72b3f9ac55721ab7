"""The Dashboard on the demo, read through its charts' own data: tiles that follow an edit and its undo,
bars that open their records, charts saved and copied, missing rates named, pyqtgraph only once shown."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtTest import QTest

from mhdesk.core.indicators.exact import shown
from mhdesk.core.services.exchange_rates import budgets_of
from mhdesk.core.services.project_records import ProjectData, ProjectQuery

YEAR = 2023


@pytest.fixture
def window(demo_window):
    return demo_window


@pytest.fixture
def dashboard(window):
    return window.show_view("dashboard")


def tile(dashboard, code: str):
    return next(t for t in dashboard.tiles if t.figures.indicator_code == code)


def test_tiles_show_the_main_totals_and_follow_an_edit_and_its_undo(window, dashboard, services):
    totals = {t.indicator_code: t for t in services.indicators.totals(YEAR)}
    assert dashboard.year() == YEAR and len(dashboard.tiles) == 12
    assert tile(dashboard, "PHC_CONSULT").value_label.text() == "273,284" == shown(totals["PHC_CONSULT"].value)
    before = services.indicators.totals(YEAR - 1)
    previous = next(t.value for t in before if t.indicator_code == "PHC_CONSULT")
    assert tile(dashboard, "PHC_CONSULT").change_label.text().endswith(f"on {YEAR - 1} ({shown(previous)})")
    grid = window.show_view("indicators")
    grid.grid.select_cell("PHC_CONSULT", "Serbia")
    grid.grid.model.setData(grid.ui.gridView.currentIndex(), "1,000")  # as the cell's editor commits it
    window.show_view("dashboard")
    assert tile(dashboard, "PHC_CONSULT").value_label.text() == "274,284"
    window.undo_stack.undo()  # charts update when the data change, also while they show
    assert tile(dashboard, "PHC_CONSULT").value_label.text() == "273,284"


def test_the_charts_hold_the_years_figures(dashboard, services):
    dashboard.ui.indicatorCombo.setCurrentIndex(dashboard.ui.indicatorCombo.findData("PHC_CONSULT"))
    bars = dashboard.charts["country"].bars
    assert [(b.label, b.value) for b in bars] == services.indicators.by_country("PHC_CONSULT", YEAR)
    assert bars[0].label == "Türkiye" and bars[0].key == ("PHC_CONSULT", "Türkiye")
    points = dict(dashboard.charts["years"].points)
    assert points[YEAR] == Decimal(273284) and len(points) == 8
    areas = {b.label: b for b in dashboard.charts["area"].bars}
    assert [g.count for g in services.dashboard.by_programme_area(YEAR)] == [int(b.value) for b in areas.values()]


def test_clicking_a_country_bar_opens_the_grid_at_that_cell(window, dashboard, qtbot):
    chart = dashboard.charts["country"]
    chart.plot.resize(600, 400)
    qtbot.wait(50)
    i = next(n for n, b in enumerate(chart.bars) if b.label == "Ukraine")
    QTest.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=chart.bar_centre(i))
    assert window.current_key() == "indicators"
    view = window.views["indicators"]
    assert view.grid_year() == YEAR and view.grid.model.key(view.ui.gridView.currentIndex()) == (
        dashboard.indicator_code(), "Ukraine")


def test_clicking_a_programme_area_bar_shows_its_projects(window, dashboard):
    chart = dashboard.charts["area"]
    i = next(n for n, b in enumerate(chart.bars) if b.label.endswith("MA"))
    chart.click_bar(i)
    assert window.current_key() == "projects"
    projects = window.views["projects"]
    assert projects.filters.year.currentData() == YEAR
    selected = sorted(projects.model.row_at(index.row()).code for index in
                      projects.ui.tableView.selectionModel().selectedRows())
    assert selected == sorted(chart.bars[i].key) and len(selected) == int(chart.bars[i].value)


def test_each_chart_saves_as_png_and_svg_and_copies(dashboard, tmp_path):
    png = dashboard.save_chart("country", tmp_path / "chart.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = dashboard.save_chart("theme", tmp_path / "chart.svg")
    root = ElementTree.parse(svg).getroot()
    assert root.tag.endswith("svg") and any(e.tag.endswith("path") for e in root.iter())
    dashboard.copy_chart("donor")
    assert not QGuiApplication.clipboard().image().isNull()


def test_a_budget_without_a_rate_is_named_never_counted(window, dashboard, services):
    services.projects.create(ProjectData(code="MA.0990", title="Cancer care", donors=["European Union"],
                                         budget=Decimal("100000"), currency="EUR", start=date(2023, 2, 1),
                                         end=date(2023, 12, 31)))
    services.projects.create(ProjectData(code="MA.0991", title="Dialysis", donors=["UNAIDS"],
                                         budget=Decimal("5000"), currency="USD", start=date(2023, 2, 1),
                                         end=date(2023, 12, 31)))
    window.records_bus.announce("projects")
    assert [(b.label, b.value) for b in dashboard.charts["donor"].bars] == [("UNAIDS", Decimal("5000.00"))]
    assert "no EUR rate on 2023-02-01 for MA.0990" in dashboard.ui.missingRatesLabel.text()


def test_pyqtgraph_is_imported_only_once_the_dashboard_shows(tmp_path, demo_db_path):
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        from mhdesk.core.connect import open_database
        from mhdesk.ui.main_window import MainWindow
        app = QApplication([])
        db = open_database({str(demo_db_path)!r})
        window = MainWindow(QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat), db)
        window.show()
        app.processEvents()
        before = "pyqtgraph" in sys.modules
        window.show_view("dashboard")
        app.processEvents()
        print(before, "pyqtgraph" in sys.modules, len(window.views["dashboard"].charts))
        window.close_database()
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True", "5"]


def shown_projects(projects) -> list:
    return [projects.model.row_at(r) for r in range(projects.model.rowCount())]


def read_as_shown(label) -> str:
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


@pytest.mark.parametrize("year", [2017, YEAR])
def test_a_thematic_area_bar_opens_exactly_the_projects_it_counts(window, dashboard, year):
    dashboard.ui.yearCombo.setCurrentIndex(dashboard.ui.yearCombo.findData(year))
    chart = dashboard.charts["theme"]
    assert chart.bars
    for i, bar in enumerate(chart.bars):
        chart.click_bar(i)
        assert window.current_key() == "projects"
        projects = window.views["projects"]
        shown = shown_projects(projects)
        assert len(shown) == projects.model.rowCount() == int(bar.value)
        assert sorted(r.code for r in shown) == sorted(bar.key)
        assert all(bar.label in r.thematic_areas or (bar.label == "No thematic area" and not r.thematic_areas)
                   for r in shown)
        assert projects.ui.onlyLabel.isVisibleTo(projects)
        assert read_as_shown(projects.ui.onlyLabel) == (
            f"Only the {int(bar.value)} project{'s' if bar.value != 1 else ''} active in {year} in the thematic area "
            f"{bar.label}. Show every project")
        window.show_view("dashboard")


def test_a_donor_bar_opens_exactly_the_projects_whose_budgets_it_adds_up(window, dashboard, services):
    dashboard.ui.yearCombo.setCurrentIndex(dashboard.ui.yearCombo.findData(2017))
    chart = dashboard.charts["donor"]
    i = next(n for n, b in enumerate(chart.bars) if b.label == "IOM Development Fund")
    chart.click_bar(i)
    projects = window.views["projects"]
    shown = shown_projects(projects)
    assert projects.filters.year.currentData() == 2017 and len(shown) == len(chart.bars[i].key) == 4
    assert services.exchange_rates.total(budgets_of(shown)).amount == chart.bars[i].value == Decimal("720000.00")
    projects.ui.onlyLabel.linkActivated.emit("all")  # "Show every project"
    assert not projects.ui.onlyLabel.isVisibleTo(projects)
    assert projects.model.rowCount() == len(services.projects.rows(ProjectQuery(year=2017)))
