"""The view benchmark runs end to end and prints its figures against the targets (printed, never asserted)."""

from __future__ import annotations

import io

from mhdesk.bench.indicator_views import COUNTRIES, INDICATORS, run_view_bench


def test_the_view_bench_prints_the_indicators_view_and_dashboard_timings(qapp):
    out = io.StringIO()
    figures = run_view_bench(out, repeats=1)
    assert set(figures) == {"Indicators view opens", "Dashboard first shown", "Dashboard draws"}
    text = out.getvalue()
    assert f"{COUNTRIES} countries x {INDICATORS} indicators" in text
    assert "Indicators view opens" in text and "(target < 0.3 s:" in text and "(target < 0.5 s:" in text
