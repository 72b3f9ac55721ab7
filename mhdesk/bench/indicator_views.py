"""Benchmark of the indicator views in the window: the Indicators view of a year of 40 countries x 60
indicators opening (grid, totals, the year before, findings, completeness), and the Dashboard drawing."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

YEAR = 2023
COUNTRIES = 40
INDICATORS = 60
VIEW_TARGET = 0.3  # seconds for the Indicators view to open
DASHBOARD_TARGET = 0.5  # seconds for the Dashboard to draw


def fill_views(db) -> None:
    """COUNTRIES missions and INDICATORS indicators, each with a figure for YEAR and the year before, some by sex."""
    from ..core.models import Country
    from ..core.services import Services
    from ..core.services.indicator_catalogue import IndicatorData

    services = Services(db)
    with db.session() as session, session.begin():
        for n in range(max(0, COUNTRIES - len(services.catalog.missions))):
            session.add(Country(name=f"Bench country {n:02d}", subregion="Central Asia"))
    catalogue = services.indicator_catalogue
    for number in range(len(catalogue.list()), INDICATORS):
        catalogue.create(IndicatorData(f"BENCH_{number:02d}", f"Benchmark indicator {number}", "things",
                                       by_sex=True, by_age=True))
    services.catalog.refresh()
    countries = [services.catalog.country_ids[name] for name in services.catalog.missions][:COUNTRIES]
    indicators = [i.id for i in services.catalog.indicators][:INDICATORS]
    rows = []
    for i in indicators:
        for c in countries:
            figure = 100 + (i * 7 + c * 13) % 900
            rows += [(i, c, YEAR - 1, "", "", figure - 10), (i, c, YEAR, "", "", figure)]
            if (i + c) % 5 == 0:  # a fifth of the cells given by sex too, parts that add up
                rows += [(i, c, YEAR, "female", "", figure // 2), (i, c, YEAR, "male", "", figure - figure // 2)]
    connection = db.engine.raw_connection()
    try:
        connection.cursor().executemany(
            "INSERT INTO indicator_value (indicator_id, country_id, year, project_id, sex, age_group, value, version) "
            "VALUES (?, ?, ?, NULL, ?, ?, ?, 1)", rows)
        connection.commit()
    finally:
        connection.close()


def run_view_bench(out: TextIO | None = None, repeats: int = 3) -> dict[str, float]:
    out = out or sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from ..core.connect import open_database
    from ..core.services import Services
    from ..ui.shared.records_bus import RecordsBus
    from ..ui.view_context import ViewContext

    app = QApplication.instance() or QApplication([])
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="mhdesk-bench-") as folder:
        db = open_database(Path(folder) / "views.sqlite")
        try:
            fill_views(db)
            context = ViewContext(Services(db), QUndoStack(), lambda _text: None, RecordsBus())
            figures["Indicators view opens"] = _best(repeats, lambda: _open_indicators(app, context))
            dashboard, first = _first_dashboard(app, context)
            figures["Dashboard first shown"] = first
            figures["Dashboard draws"] = _best(repeats, lambda: _redraw(app, dashboard))
            dashboard.deleteLater()
            app.processEvents()
        finally:
            db.dispose()
    print(f"\nIndicator views: {COUNTRIES} countries x {INDICATORS} indicators, {YEAR} beside {YEAR - 1}", file=out)
    targets = {"Indicators view opens": VIEW_TARGET, "Dashboard draws": DASHBOARD_TARGET}
    for name, seconds in figures.items():
        target = targets.get(name)
        verdict = (f"  (target < {target} s: {'met' if seconds < target else 'missed'})" if target
                   else "  (pyqtgraph imported and the charts built)")
        print(f"  {name:<28}{seconds:>8.3f} s{verdict}", file=out)
    return figures


def _open_indicators(app, context) -> None:
    from PySide6.QtCore import QEventLoop

    from ..ui.indicators.view import IndicatorsView

    view = IndicatorsView(context)
    view.resize(1280, 760)
    view.show()
    app.processEvents()  # laid out and painted
    if view.is_loading:  # the flat list reads on the database thread; the view is open once it is in too
        loop = QEventLoop()
        view.loaded.connect(loop.quit)
        loop.exec()
    view.close()
    view.deleteLater()


def _first_dashboard(app, context):
    from ..ui.dashboard.view import DashboardView

    start = time.perf_counter()
    view = DashboardView(context)
    view.resize(1280, 900)
    view.show()
    app.processEvents()
    return view, time.perf_counter() - start


def _redraw(app, dashboard) -> None:
    dashboard.redraw()
    app.processEvents()


def _best(repeats: int, action: Callable[[], object]) -> float:
    action()  # warm: modules imported, pages cached, as in a window open a while
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best
