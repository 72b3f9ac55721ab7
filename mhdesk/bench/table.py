"""Benchmark of the projects table on a large register (see `large_register`): open, scroll, sort by each
column, filter as the user types, and the peak memory of a process that does only that.

The measuring runs in a fresh process (`python -m mhdesk.bench.table DATABASE JSON`) so that its peak memory is
the table's and not that of the cases before it. "open" is measured in three parts, as the projects view runs
it on a large register: reading the register and preparing its rows (search text, sort ranks), both off the
window's thread, then what the window's thread does (the model's load and the first paint of the table).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

TYPED = "migrant h"  # typed into the search box one character at a time, then deleted the same way
YEAR, COUNTRY = 2020, "Ukraine"
PAGES = 200  # pages of the table painted while scrolling from the top to the bottom


def run_table_bench(projects: int, values: int, out: TextIO | None = None) -> dict[str, float]:
    """Figures in seconds (and "peak memory" in MB), measured in a fresh process on the cached register."""
    from .large_register import large_register

    out = out or sys.stdout
    print(f"\nProjects table on a register of {projects:,} projects and {values:,} indicator values", file=out)
    started = time.perf_counter()
    path = large_register(projects, values)
    print(f"  (register built or found in {time.perf_counter() - started:.1f} s)", file=out)
    with tempfile.TemporaryDirectory(prefix="mhdesk-bench-table-") as folder:
        figures_file = Path(folder) / "figures.json"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        done = subprocess.run([sys.executable, "-m", "mhdesk.bench.table", str(path), str(figures_file)],
                              env=env, capture_output=True, text=True)
        out.write(done.stdout)
        if done.returncode != 0:
            raise RuntimeError(f"The table benchmark's process failed: {done.stderr.strip()[-2000:]}")
        return json.loads(figures_file.read_text(encoding="utf-8"))


def measure(database: Path, out: TextIO) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView

    from ..core.connect import open_database
    from ..core.services import Services
    from ..ui.projects.table_model import HEADERS, Column, ProjectFilter, ProjectsTableModel
    from ..ui.projects.view import COLUMN_SAMPLES
    from ..ui.shared.record_views import fit_columns

    app = QApplication.instance() or QApplication([])
    db = open_database(database)
    services = Services(db)
    figures: dict[str, float] = {}

    model = ProjectsTableModel()
    start = time.perf_counter()
    rates = services.exchange_rates.table()
    rows = services.projects.rows()
    figures["open: read the register"] = time.perf_counter() - start
    start = time.perf_counter()
    prepared = model.prepare_with_rates(rows, rates)
    figures["open: prepare the rows"] = time.perf_counter() - start
    table = QTableView()  # set up as the projects view sets up its table
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setModel(model)
    table.horizontalHeader().setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
    fit_columns(table, COLUMN_SAMPLES)
    table.resize(1200, 800)
    table.show()
    app.processEvents()
    start = time.perf_counter()
    model.load(prepared, rates)
    table.viewport().repaint()
    figures["open: load and paint"] = time.perf_counter() - start
    table.selectRow(3)  # a selection, carried over by every sort and filter below

    bar, pages = table.verticalScrollBar(), []
    for page in range(PAGES + 1):
        start = time.perf_counter()
        bar.setValue(bar.maximum() * page // PAGES)
        table.viewport().repaint()
        pages.append(time.perf_counter() - start)
    figures["scroll a page (worst)"] = max(pages)
    figures["scroll a page (median)"] = statistics.median(pages)

    def timed(action: Callable[[], object], paint: bool = True) -> float:
        start = time.perf_counter()
        action()
        if paint:
            table.viewport().repaint()
        return time.perf_counter() - start

    for column in Column:
        first = timed(lambda: model.sort(column, Qt.SortOrder.AscendingOrder))
        again = timed(lambda: model.sort(column, Qt.SortOrder.DescendingOrder))
        figures[f"sort by {HEADERS[column].lower()}"] = max(first, again)
    model.sort(Column.CODE, Qt.SortOrder.AscendingOrder)

    # Filters are timed in the model, as the issue asks; the paint that follows each is printed apart.
    keystrokes = [TYPED[:n] for n in range(1, len(TYPED) + 1)] + [TYPED[:n] for n in range(len(TYPED) - 1, -1, -1)]
    typing, painted = [], []
    for text in keystrokes:
        typing.append(timed(lambda: model.set_filter(ProjectFilter(text=text)), paint=False))
        painted.append(timed(lambda: None))
    figures["filter a keystroke (worst)"] = max(typing)
    figures["filter a keystroke (median)"] = statistics.median(typing)
    figures["filter by year"] = timed(lambda: model.set_filter(ProjectFilter(year=YEAR)), paint=False)
    figures["filter by year and country"] = timed(
        lambda: model.set_filter(ProjectFilter(year=YEAR, country=COUNTRY)), paint=False)
    with_choices = [timed(lambda: model.set_filter(ProjectFilter(text=text, year=YEAR, country=COUNTRY)), paint=False)
                    for text in keystrokes]
    figures["filter a keystroke with year and country (worst)"] = max(with_choices)
    figures["filter cleared"] = timed(lambda: model.set_filter(ProjectFilter()), paint=False)
    figures["peak memory"] = peak_memory_mb()

    print(f"  off the window's thread: read the register {figures['open: read the register']:.3f} s, prepare its "
          f"rows {figures['open: prepare the rows']:.3f} s; on it: load and first paint "
          f"{figures['open: load and paint']:.3f} s; {model.total_count:,} rows", file=out)
    print(f"  scrolling top to bottom: {PAGES + 1} pages, worst {max(pages) * 1000:.1f} ms, "
          f"median {statistics.median(pages) * 1000:.1f} ms", file=out)
    print("  sorts (worst of ascending and descending): " + ", ".join(
        f"{name[8:]} {seconds * 1000:.0f} ms" for name, seconds in figures.items() if name.startswith("sort by")),
        file=out)
    print(f"  typing {TYPED!r} and deleting it, per keystroke in the model (ms): "
          + " ".join(f"{seconds * 1000:.0f}" for seconds in typing), file=out)
    print("  and the paint of the table after each (ms): " + " ".join(f"{seconds * 1000:.0f}" for seconds in painted),
          file=out)
    print(f"  peak memory of the process {figures['peak memory']:.0f} MB", file=out)
    table.close()
    db.dispose()
    return figures


def peak_memory_mb() -> float:
    """The process's peak resident memory (VmHWM; ru_maxrss where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


if __name__ == "__main__":
    figures = measure(Path(sys.argv[1]), sys.stdout)
    Path(sys.argv[2]).write_text(json.dumps(figures), encoding="utf-8")
