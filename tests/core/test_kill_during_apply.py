"""Killing the process in the middle of an import leaves the database exactly as it was, and sound."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from test_plan_helpers import parsed_return, snapshot, value

from mhdesk.core.returns.apply.applier import PAUSE_ENV, apply_plan
from mhdesk.core.returns.plan.planner import plan_return

ROOT = Path(__file__).resolve().parents[2]

BIG_IMPORT = textwrap.dedent("""
    import sys
    sys.path[:0] = [{root!r}, {helpers!r}]
    from mhdesk.core.connect import open_database
    from mhdesk.core.returns.apply.applier import apply_plan
    from mhdesk.core.returns.plan.planner import plan_return
    from test_plan_helpers import parsed_return, value

    codes = ["FACILITIES", "MOBILE_TEAMS", "POE", "PHC_CONSULT", "SPEC_CONSULT", "REFERRALS", "HEALTH_ASSESS",
             "VACCINE_DOSES", "MED_ESCORTS", "HW_TRAINED", "AWARENESS", "COMMUNITY"]
    values = [value(code, 10 + i, i + 2, country=country, year=year, sex=sex, age=age)
              for i, (code, country, year, sex, age) in enumerate(
                  (c, n, y, s, a) for c in codes for n in ("Tajikistan", "Kyrgyzstan", "Armenia", "Georgia")
                  for y in range(1990, 2020) for s in ("", "female", "male") for a in ("", "children", "adults"))]
    db = open_database(sys.argv[1])
    apply_plan(db, plan_return(db, parsed_return(values=values)))
""")


@pytest.mark.sqlite_only("looks into the write-ahead log of a SQLite file")
def test_sigkill_inside_the_transaction_leaves_the_database_as_before(db):
    apply_plan(db, plan_return(db, parsed_return(values=[value("PHC_CONSULT", 83219, 2),
                                                         value("PHC_CONSULT", 24175, 3, sex="male")])))
    before = snapshot(db)
    path = db.file
    db.dispose()
    script = BIG_IMPORT.format(root=str(ROOT), helpers=str(Path(__file__).parent))
    process = subprocess.Popen([sys.executable, "-c", script, str(path)], stderr=subprocess.PIPE, text=True,
                               env={**os.environ, PAUSE_ENV: "60"})
    try:
        line = _read_line(process, deadline=time.monotonic() + 120)
        assert "paused inside the import transaction" in line, line
        wal = path.with_name(path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # rows of the transaction were already on disk
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    assert snapshot(db) == before
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("SELECT count(*) FROM import_record")).scalar() == 1


def _read_line(process: subprocess.Popen, deadline: float) -> str:
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if line or process.poll() is not None:
            return line or f"the import process ended first (exit {process.returncode})"
    return "no sign of the pause in time"
