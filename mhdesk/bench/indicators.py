"""Benchmark of the indicator figures: a year's regional totals over a million values, and the year's countries x
indicators grid (totals, the year before, findings).

Nearly all values fall in one year (every country and indicator with many projects, by sex and age group), the
year before has one value per cell. The totals measured are those of the year with the most values."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from sqlalchemy import func, select

from ..core.connect import open_database
from ..core.models import Country, IndicatorValue
from ..core.models.cell_upkeep import refresh_every_cell
from ..core.services import Services

YEAR = 2023
INDICATORS = 60
TOTALS_TARGET = 0.2  # seconds for one year's totals over 1,000,000 values
PARTS = (("", ""), ("female", ""), ("male", ""), ("", "children"), ("", "adults"))


def run_indicator_bench(values: int = 1_000_000, out: TextIO | None = None) -> dict[str, float]:
    out = out or sys.stdout
    with tempfile.TemporaryDirectory(prefix="mhdesk-bench-") as folder:
        db = open_database(Path(folder) / "indicators.sqlite")
        try:
            _fill(db, values)
            spread = _spread(db)
            stored = max(spread.values())
            services = Services(db)
            figures = {
                "totals of the year": _best(lambda: services.indicators.totals(YEAR)),
                "grid of the year": _best(lambda: services.indicators.grid(YEAR)),
            }
        finally:
            db.dispose()
    countries = len(services.catalog.countries)
    print(f"\nIndicator figures: {stored:,} values of {YEAR} ({INDICATORS} indicators x {countries} countries, "
          "by project, sex and age group)", file=out)
    print("  values by year: " + ", ".join(f"{year}: {count:,}" for year, count in sorted(spread.items())) +
          f"; the totals are those of {YEAR}, the year with the most", file=out)
    for name, seconds in figures.items():
        print(f"  {name:<24}{seconds:>8.3f} s", file=out)
    verdict = "not judged on fewer values"
    if stored >= 1_000_000:
        verdict = "met" if figures["totals of the year"] < TOTALS_TARGET else "missed"
    print(f"regional totals {figures['totals of the year']:.3f} s (target < {TOTALS_TARGET} s for 1,000,000 "
          f"values): {verdict}", file=out)
    return figures


def _fill(db, values: int) -> None:
    """About `values` values for YEAR (and each cell's country figure of the year before), written in bulk."""
    from ..core.services.indicator_catalogue import IndicatorData

    catalogue = Services(db).indicator_catalogue
    for number in range(len(catalogue.list()), INDICATORS):
        catalogue.create(IndicatorData(f"BENCH_{number:02d}", f"Benchmark indicator {number}", "things",
                                       by_sex=True, by_age=True))
    with db.session() as session:
        countries = list(session.scalars(select(Country.id)))
    indicators = [i.id for i in Services(db).catalog.indicators][:INDICATORS]
    projects = max(1, -(-values // (len(indicators) * len(countries) * len(PARTS))))  # at least `values`
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.executemany("INSERT INTO project (id, code, title, status, version) VALUES (?, ?, ?, 'active', 1)",
                           [(p, f"BM.{p:04d}", f"Benchmark project {p}") for p in range(1, projects + 1)])
        # parts that add up: female + male = children + adults = the total
        rows = [(i, c, YEAR, p, sex, age, (10 + (i * 7 + c * 13 + p) % 900) * (1 if sex or age else 2))
                for i in indicators for c in countries for p in range(1, projects + 1) for sex, age in PARTS]
        rows += [(i, c, YEAR - 1, None, "", "", 500 + (i + c) % 400) for i in indicators for c in countries]
        cursor.executemany("INSERT INTO indicator_value (indicator_id, country_id, year, project_id, sex, "
                           "age_group, value, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)", rows)
        connection.commit()
    finally:
        connection.close()
    with db.engine.begin() as connection:  # the driver's own inserts: the cells are added up here, once
        refresh_every_cell(connection)
        connection.exec_driver_sql("ANALYZE")


def _spread(db) -> dict[int, int]:
    """{year: number of values}, as the database holds them."""
    with db.session() as session:
        return dict(session.execute(select(IndicatorValue.year, func.count()).group_by(IndicatorValue.year)).all())


def _best(action: Callable[[], object], runs: int = 3) -> float:
    """The best of `runs` timings, after one run to warm the page cache as a window open a while would."""
    action()
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best
