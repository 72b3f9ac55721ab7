"""The directory benchmark runs end to end and prints its figures (speed is printed, never asserted)."""

from __future__ import annotations

import io

from mhdesk.bench.directory import run_directory_bench


def test_the_directory_benchmark_prints_each_figure(qapp):
    out = io.StringIO()
    figures = run_directory_bench(out, repeats=1)
    assert set(figures) == {"pdf 25 countries", "pdf 60 countries", "grid opens (25 countries)"}
    text = out.getvalue()
    assert all(name in text for name in figures) and "target < 2.0 s" in text
