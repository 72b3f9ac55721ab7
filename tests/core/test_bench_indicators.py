"""The indicator benchmark runs end to end on a small year and prints its figures."""

from __future__ import annotations

import io

from mhdesk.bench.indicators import run_indicator_bench


def test_indicator_bench_prints_the_totals_and_grid_timings():
    out = io.StringIO()
    figures = run_indicator_bench(10_000, out)
    assert figures["totals of the year"] > 0 and figures["grid of the year"] > 0
    text = out.getvalue()
    assert "values of 2023 (60 indicators x" in text and "not judged on fewer values" in text
