"""Every case of `mhdesk bench`, registered in the order the table prints them.

The older benchmarks print their own details and return their figures; each is wrapped here into a case that
turns those figures into `Figure`s with the issue's targets. A new case is a module with a function
decorated by `@bench_case`, imported below.
"""

from __future__ import annotations

from typing import TextIO

from . import startup  # noqa: F401 - registers the start-up case first
from .registry import CASES, BenchOptions, Figure, bench_case

SORT_TARGET, FILTER_TARGET = 0.2, 0.05  # seconds: a sort of the projects table; one keystroke of its filter
MEMORY_TARGET_MB = 500  # the peak of a process holding the table of 100,000 projects


@bench_case("import")
def import_case(options: BenchOptions, out: TextIO) -> list[Figure]:
    from .imports import TARGET_10K_SECONDS, TARGET_RATIO, run_import_bench

    rows = [2_000] if options.quick else options.rows
    figures = []
    for timing in run_import_bench(rows, out=out):
        small = timing.rows <= 10_000
        figures.append(Figure("import dry run + apply", f"{timing.rows:,} rows", timing.total,
                              TARGET_10K_SECONDS if small else TARGET_RATIO, timing.floor,
                              ratio_target=not small))
    return figures


@bench_case("projects table")
def table_case(options: BenchOptions, out: TextIO) -> list[Figure]:
    from .table import run_table_bench

    projects, values = (10_000, 100_000) if options.quick else (options.table_rows, options.indicator_values)
    if not projects:
        return []
    figures = []
    for name, seconds in run_table_bench(projects, values, out=out).items():
        if name == "peak memory":
            figures.append(Figure(f"projects table {name}", f"{projects:,} projects", seconds, MEMORY_TARGET_MB,
                                  unit="MB"))
            continue
        target = (None if name in ("open: read the register", "open: prepare the rows") else FILTER_TARGET
                  if name.startswith("filter") else SORT_TARGET)
        figures.append(Figure(f"projects table {name}", f"{projects:,} projects", seconds, target))
    return figures


@bench_case("directory")
def directory_case(options: BenchOptions, out: TextIO) -> list[Figure]:
    from .directory import GRID_TARGET, PDF_TARGETS, run_directory_bench

    figures = []
    for name, seconds in run_directory_bench(out=out, repeats=1 if options.quick else 3).items():
        target = GRID_TARGET if name.startswith("grid") else PDF_TARGETS[int(name.split()[1])]
        figures.append(Figure(f"directory {name}", "", seconds, target))
    return figures


@bench_case("indicator totals")
def indicator_totals_case(options: BenchOptions, out: TextIO) -> list[Figure]:
    from .indicators import TOTALS_TARGET, run_indicator_bench

    values = 50_000 if options.quick else options.indicator_values
    if not values:
        return []
    return [Figure(f"indicators {name}", f"{values:,} values", seconds,
                   TOTALS_TARGET if name == "totals of the year" and values >= 1_000_000 else None)
            for name, seconds in run_indicator_bench(values, out=out).items()]


@bench_case("indicator views")
def indicator_views_case(options: BenchOptions, out: TextIO) -> list[Figure]:
    from .indicator_views import DASHBOARD_TARGET, VIEW_TARGET, run_view_bench

    targets = {"Indicators view opens": VIEW_TARGET, "Dashboard draws": DASHBOARD_TARGET}
    return [Figure(name, "40 x 60", seconds, targets.get(name))
            for name, seconds in run_view_bench(out=out, repeats=1 if options.quick else 3).items()]


@bench_case("newsletter", in_quick=False)
def newsletter_case(options: BenchOptions, out: TextIO) -> list[Figure]:
    from .newsletter import TARGET, run_newsletter_bench

    return [Figure(name, "", seconds, TARGET) for name, seconds in run_newsletter_bench(out=out).items()]


@bench_case("safety", in_quick=False)
def safety_case(options: BenchOptions, out: TextIO) -> list[Figure]:
    from .safety import run_safety_bench

    counts = run_safety_bench(out=out)
    figures = []
    for total, good, name in (("crash_points", "crash_points_survived", "crash points not survived"),
                              ("hostile_files", "hostile_files_refused", "hostile workbooks not refused")):
        if total in counts and good in counts:
            figures.append(Figure(name, f"of {counts[total]}", float(counts[total] - counts[good]), 0.0,
                                  unit="count"))
    return figures


@bench_case("concurrent edits", in_quick=False)
def concurrency_case(options: BenchOptions, out: TextIO) -> list[Figure]:
    from .concurrency import run_concurrency_bench

    figures = []
    for result in run_concurrency_bench(options.postgres_url, out=out):
        figures.append(Figure(f"edits lost ({result['backend']})", f"of {result['attempted']} saves",
                              float(result["lost"]), 0.0, unit="count"))
        figures.append(Figure(f"saves failed ({result['backend']})", f"of {result['attempted']} saves",
                              float(result["failed"]), 0.0, unit="count"))
    return figures


__all__ = ["CASES"]
