"""The newsletter benchmark runs end to end and prints its figure (speed is printed, never asserted)."""

from __future__ import annotations

import io

from mhdesk.bench.newsletter import run_newsletter_bench


def test_the_newsletter_benchmark_prints_its_figure():
    out = io.StringIO()
    figures = run_newsletter_bench(out, repeats=1)
    assert list(figures) == ["newsletter 60 projects"]
    assert "edition of 60 projects" in out.getvalue() and "target < 2.5 s" in out.getvalue()
