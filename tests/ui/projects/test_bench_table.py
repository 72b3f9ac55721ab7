"""The table benchmark runs and reports its figures (speed itself is judged by `mhdesk bench`)."""

from __future__ import annotations

import io

from mhdesk.bench.table import generated_rows, run_table_bench


def test_generated_rows_are_distinct_projects():
    rows = generated_rows(300)
    assert len({r.id for r in rows}) == 300
    assert all(r.start < r.end for r in rows)


def test_table_bench_prints_every_figure(qapp):
    out = io.StringIO()
    figures = run_table_bench(2_000, out)
    assert set(figures) == {"load", "sort by title", "sort by budget", "filter text", "filter year + country"}
    text = out.getvalue()
    assert "2,000 rows" in text and "QSortFilterProxyModel" in text and "target < 1.0 s" in text
