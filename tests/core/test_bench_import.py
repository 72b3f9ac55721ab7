"""The import benchmark runs end to end on a small return and prints its verdicts."""

from __future__ import annotations

import io

from mhdesk.bench.imports import run_import_bench


def test_import_bench_prints_timings_and_verdicts():
    out = io.StringIO()
    (timing,) = run_import_bench((500,), out)
    assert timing.rows == 500 and timing.added > 500  # the values and their projects
    assert timing.dry_run > 0 and timing.apply > 0 and timing.floor_read > 0 and timing.floor_write > 0
    assert timing.ratio == timing.total / (timing.floor_read + timing.floor_write)
    text = out.getvalue()
    assert "python-calamine" in text and "executemany" in text and "peak memory" in text
