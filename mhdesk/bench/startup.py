"""Benchmark of starting mhdesk as a user does: each figure is a fresh process, timed from launch.

`--version` and `--help` must answer without a database library; `projects list` on the demo; the window's
first paint (offscreen) on a database of 10,000 projects, reported by the window itself (ui/first_paint.py), and
when its records show (the database opens right after the first paint: no target, printed to follow it).
Each is the best of a few launches: on a shared machine one launch can be slowed by others.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from .registry import BenchOptions, Figure, bench_case

VERSION_TARGET, LIST_TARGET, FIRST_PAINT_TARGET = 0.15, 0.6, 0.8
WINDOW_PROJECTS = 10_000


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "mhdesk", *args]


def _environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}


def _best_launch(arguments: list[str], repeats: int, cwd: Path) -> float:
    best = float("inf")
    for _ in range(repeats):
        best = min(best, _launch(arguments, cwd))
    return best


def _launch(arguments: list[str], cwd: Path, limit: float = 120) -> float:
    """Seconds from launch to exit. Waited for without a timeout: with one, subprocess polls the child with
    sleeps of up to 50 ms, which rounded every figure up by as much; a timer kills a child that hangs."""
    environment = _environment()
    start = time.perf_counter()
    child = subprocess.Popen(arguments, cwd=cwd, env=environment, stdout=subprocess.DEVNULL)
    killer = threading.Timer(limit, child.kill)
    killer.start()
    try:
        code = child.wait()
        seconds = time.perf_counter() - start
    finally:
        killer.cancel()
    if code != 0:
        raise subprocess.CalledProcessError(code, arguments)
    return seconds


@dataclass(frozen=True)
class WindowStart:
    first_paint: float  # seconds from launch
    records_shown: float
    modules: frozenset[str]  # the top-level packages imported before the first paint


def window_start(database: Path, cwd: Path) -> WindowStart:
    """Launch `mhdesk --database F` and read what the window reports of its start (ui/first_paint.py).

    The window starts as on a first run (settings of its own in `cwd`), so it shows the Projects view.
    """
    from ..ui.first_paint import ENV_VAR

    settings = cwd / "settings"
    start = time.time()
    result = subprocess.run(_command("--database", str(database)), cwd=cwd, capture_output=True, text=True,
                            env=_environment(**{ENV_VAR: "1", "XDG_CONFIG_HOME": str(settings)}), timeout=300)
    reported = dict(line.partition(" ")[::2] for line in result.stdout.splitlines())
    if "first-paint" not in reported or "records-shown" not in reported:
        raise RuntimeError(f"The window did not report its start: {result.stderr.strip()[-500:]}")
    return WindowStart(float(reported["first-paint"]) - start, float(reported["records-shown"]) - start,
                       frozenset(reported.get("first-paint-modules", "").split()))


def fill_projects_fast(db, count: int) -> None:
    """`count` bare projects written in one executemany (the window's start, not the editor, is measured)."""
    from sqlalchemy import insert, select

    from ..core.models import Country, ProgrammeArea, Project

    with db.engine.begin() as connection:
        areas = dict(connection.execute(select(ProgrammeArea.code, ProgrammeArea.id)).all())
        countries = list(connection.execute(select(Country.id)).scalars())
        codes = sorted(areas)[:3]
        rows = []
        for n in range(count):
            area = codes[n % len(codes)]
            start = date(2015 + n % 9, 1 + n % 12, 1)
            rows.append({"code": f"{area}.{n // len(codes):04d}", "title": f"Project {n} on migrant health",
                         "programme_area_id": areas[area], "budget": Decimal(10_000 + n * 37 % 900_000),
                         "currency": "USD", "start": start, "end": date(start.year + 2, start.month, 28),
                         "managing_mission_id": countries[n % len(countries)],
                         "status": ("pipeline", "active", "completed")[n % 3], "version": 1})
        connection.execute(insert(Project.__table__), rows)


@bench_case("start-up")
def startup_case(options: BenchOptions, out: TextIO) -> list[Figure]:
    from ..bundled import demo_file
    from ..core.connect import open_database
    from ..core.demo import load_demo

    repeats = 2 if options.quick else 3
    projects = WINDOW_PROJECTS  # the size the target is set for, quick or not: filling it takes a moment
    with tempfile.TemporaryDirectory(prefix="mhdesk-bench-") as folder:
        work = Path(folder)
        interpreter = _best_launch([sys.executable, "-c", "pass"], repeats, work)
        demo = work / "demo.sqlite"
        db = open_database(demo)
        load_demo(db, demo_file())
        db.dispose()
        large = work / "large.sqlite"
        db = open_database(large)
        fill_projects_fast(db, projects)
        db.dispose()
        starts = [window_start(large, work) for _ in range(repeats)]
        figures = [
            Figure("mhdesk --version", "", _best_launch(_command("--version"), repeats, work), VERSION_TARGET,
                   interpreter),
            Figure("mhdesk --help", "", _best_launch(_command("--help"), repeats, work), VERSION_TARGET,
                   interpreter),
            Figure("mhdesk projects list", "demo", _best_launch(
                _command("--database", str(demo), "projects", "list"), repeats, work), LIST_TARGET, interpreter),
            Figure("window first paint", f"{projects:,} projects",
                   min(s.first_paint for s in starts), FIRST_PAINT_TARGET, interpreter),
            Figure("window records shown", f"{projects:,} projects", min(s.records_shown for s in starts), None,
                   interpreter),
        ]
    print(f"\nStart-up, each a fresh process (the interpreter alone starts in {interpreter:.3f} s)", file=out)
    for figure in figures:
        print(f"  {figure.case + ' ' + figure.size:<40}{figure.seconds:>8.3f} s", file=out)
    return figures
