"""Benchmark of the safety nets: crash points survived, hostile workbooks refused, a padded return read.

SQLite only here: the shared-office figures on PostgreSQL (concurrent edits) are measured beside them.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

PADDED_ROWS = 1_000_000


def run_safety_bench(out: TextIO | None = None) -> dict[str, int]:
    from ..core.connect import open_database
    from ..core.returns.problems import ReturnFileError
    from ..core.returns.read.reader import read_return
    from ..core.services import Services
    from .crash_points import run_crash_points
    from .hostile_files import HOSTILE, padded_return

    out = out or sys.stdout
    with tempfile.TemporaryDirectory(prefix="mhdesk-bench-") as name:
        folder = Path(name)
        print("Crash points: mhdesk killed (SIGKILL) half-way, then the SQLite file checked (integrity_check,\n"
              "and the state before or after the command, never a mix).", file=out)
        outcomes = run_crash_points(folder)
        for outcome in outcomes:
            print(f"  {outcome.name:<8} {'survived' if outcome.survived else 'LOST'}: {outcome.detail}", file=out)
        survived = sum(outcome.survived for outcome in outcomes)
        print(f"crash points survived: {survived} of {len(outcomes)} (sqlite)", file=out)

        db = open_database(folder / "catalogue.sqlite")
        try:
            catalog = Services(db).catalog
            print("Hostile workbooks, each refused before any parser reads it:", file=out)
            refused = 0
            for key, (what, writer) in HOSTILE.items():
                path = writer(folder / f"{key}.xlsx")
                start = time.perf_counter()
                try:
                    read_return(path, catalog)
                    verdict = "READ (not refused)"
                except ReturnFileError:
                    refused += 1
                    verdict = "refused"
                print(f"  {key:<16} {verdict} in {time.perf_counter() - start:.3f} s: {what}", file=out)
            print(f"hostile files refused: {refused} of {len(HOSTILE)}", file=out)
            path = padded_return(folder / "padded.xlsx", PADDED_ROWS)
            start = time.perf_counter()
            values = len(read_return(path, catalog).values)
            print(f"a return with {PADDED_ROWS:,} empty formatted rows read in {time.perf_counter() - start:.2f} s "
                  f"({values} value)", file=out, flush=True)
        finally:
            db.dispose()
    return {"crash_points": len(outcomes), "crash_points_survived": survived,
            "hostile_files": len(HOSTILE), "hostile_files_refused": refused}
