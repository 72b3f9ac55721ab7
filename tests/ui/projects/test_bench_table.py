"""The large register the table benchmark generates, and the benchmark's figures (speed itself is judged by
`mhdesk bench`, never here)."""

from __future__ import annotations

import io
import sqlite3
from collections import Counter

from mhdesk.bench.large_register import build_register, large_register, project_codes
from mhdesk.bench.table import run_table_bench
from mhdesk.core.connect import open_database
from mhdesk.core.services import Services
from mhdesk.core.services.project_rules import CODE_PATTERN


def test_the_register_holds_projects_and_values_as_asked(tmp_path):
    path = tmp_path / "large.sqlite"
    build_register(path, 300, 2_000)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM project").fetchone()[0] == 300
        assert connection.execute("SELECT count(*) FROM indicator_value").fetchone()[0] == 2_000
        # each total's parts add up, by sex and by age
        unbalanced = connection.execute(
            "SELECT count(*) FROM indicator_value t WHERE t.sex = '' AND t.age_group = '' AND t.value != "
            "(SELECT sum(p.value) FROM indicator_value p WHERE p.indicator_id = t.indicator_id AND p.year = t.year "
            "AND p.country_id = t.country_id AND p.project_id = t.project_id AND p.sex != '') "
            "AND EXISTS (SELECT 1 FROM indicator_value p WHERE p.indicator_id = t.indicator_id AND p.year = t.year "
            "AND p.project_id = t.project_id AND p.sex != '')").fetchone()[0]
        assert unbalanced == 0
    db = open_database(path)
    try:
        rows = Services(db).projects.rows()
    finally:
        db.dispose()
    assert len(rows) == 300 and all(CODE_PATTERN.match(row.code) for row in rows)
    assert {row.currency for row in rows if row.budget} >= {"USD", "EUR", "CHF"}
    assert all(row.donors and row.countries for row in rows)
    assert any(row.thematic_areas for row in rows) and any(row.extended_to for row in rows)
    assert all(row.end >= row.start for row in rows if row.start and row.end)
    assert Counter(row.status for row in rows).keys() == {"pipeline", "active", "completed"}


def test_codes_stay_distinct_up_to_a_hundred_thousand_projects():
    codes = project_codes(100_000)
    assert len(set(codes)) == 100_000 and all(CODE_PATTERN.match(code) for code in codes[::997])


def test_the_register_is_built_once_per_size_and_run():
    first = large_register(200, 1_000)
    modified = first.stat().st_mtime_ns
    assert large_register(200, 1_000) == first and first.stat().st_mtime_ns == modified


def test_table_bench_reports_every_figure(qapp):
    out = io.StringIO()
    figures = run_table_bench(500, 2_000, out)
    sorts = {f"sort by {name}" for name in ("code", "title", "area", "donors", "budget", "start", "end",
                                            "countries", "status")}
    assert sorts < set(figures)
    assert {"open: read the register", "open: load and paint", "scroll a page (worst)", "filter a keystroke (worst)",
            "filter a keystroke (median)", "filter by year and country", "peak memory"} < set(figures)
    assert all(seconds > 0 for seconds in figures.values())
    text = out.getvalue()
    assert "500 projects and 2,000 indicator values" in text and "500 rows" in text and "peak memory" in text
