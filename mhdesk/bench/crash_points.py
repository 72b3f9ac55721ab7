"""Crash points: `mhdesk` killed (SIGKILL) in the middle of an import, a backup and a restore.

Each scenario runs the command line in a subprocess on a copy of one SQLite file, waits until it says it
is paused inside the operation, kills it, then checks that the database opens, passes `integrity_check`
and holds either the state before or the state the same command reaches when left alone, never a mix.
The file carries a filler table of a few megabytes so that a copy takes several steps.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import mhdesk

from ..core.database import PAUSE_ENV as COPY_PAUSE_ENV
from ..core.returns.apply.applier import PAUSE_ENV as IMPORT_PAUSE_ENV

FILLER_BYTES = 8 * 1024 * 1024
WAIT_SECONDS = 120


@dataclass(frozen=True)
class CrashOutcome:
    name: str
    survived: bool
    detail: str
    state: str  # "before", "after" or "mixed"


@dataclass(frozen=True)
class Scenario:
    name: str
    prepare: Callable[[Path, Path], list[str]]  # (database, folder) -> the command's arguments
    env: dict[str, str]
    paused: str  # what the command prints when it is paused inside the operation


def fingerprint(database: Path) -> dict[str, str]:
    """A digest of every table's rows, in order, by table."""
    digests = {}
    connection = sqlite3.connect(database)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            digest = hashlib.sha256()
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
            digests[table] = digest.hexdigest()
    finally:
        connection.close()
    return digests


def integrity(database: Path) -> str:
    connection = sqlite3.connect(database)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def prepare_database(path: Path) -> Path:
    """The demo records and a filler table, in a migrated file."""
    from ..bundled import demo_file
    from ..core.connect import open_database
    from ..core.demo import load_demo

    db = open_database(path)
    try:
        load_demo(db, demo_file())
        with db.engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE bench_filler (chunk BLOB)")
            for _ in range(FILLER_BYTES // 65536):
                connection.exec_driver_sql("INSERT INTO bench_filler VALUES (randomblob(65536))")
    finally:
        db.dispose()
    return path


def _import_args(database: Path, folder: Path) -> list[str]:
    from .hostile_files import write_plain_return

    return ["--database", str(database), "import", str(write_plain_return(folder / "return.xlsx")), "--yes"]


def _backup_args(database: Path, folder: Path) -> list[str]:
    return ["--database", str(database), "db", "backup"]


def _restore_args(database: Path, folder: Path) -> list[str]:
    """A backup of the file as it is, then a change, so that restoring changes something."""
    from ..core.connect import open_database
    from ..core.recovery import take_backup

    db = open_database(database)
    try:
        backup = take_backup(db)
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM bench_filler WHERE rowid % 2 = 0")
            connection.exec_driver_sql("INSERT INTO thematic_area (name) VALUES ('Added after the backup')")
    finally:
        db.dispose()
    return ["--database", str(database), "db", "restore", str(backup), "--yes"]


SCENARIOS = (
    Scenario("import", _import_args, {IMPORT_PAUSE_ENV: "60"}, "paused inside the import transaction"),
    Scenario("backup", _backup_args, {COPY_PAUSE_ENV: "backup"}, "paused inside the backup"),
    Scenario("restore", _restore_args, {COPY_PAUSE_ENV: "restore"}, "paused inside the restore"),
)


def run_scenario(scenario: Scenario, folder: Path, template: Path) -> CrashOutcome:
    """Kill `scenario`'s command half-way on one copy of `template`; run it whole on another; compare."""
    killed_db = folder / f"{scenario.name}-killed" / "office.sqlite"
    whole_db = folder / f"{scenario.name}-whole" / "office.sqlite"
    for database in (killed_db, whole_db):
        database.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, database)
    whole_args = scenario.prepare(whole_db, whole_db.parent)
    subprocess.run(_command(whole_args), env=_env({}), capture_output=True, timeout=WAIT_SECONDS, check=True)
    after = fingerprint(whole_db)
    args = scenario.prepare(killed_db, killed_db.parent)
    before = fingerprint(killed_db)
    process = subprocess.Popen(_command(args), env=_env(scenario.env), stderr=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, text=True)
    try:
        line = _wait_for(process, time.monotonic() + WAIT_SECONDS)
        if scenario.paused not in line:
            return CrashOutcome(scenario.name, False, f"no pause seen: {line.strip()}", "none")
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    check = integrity(killed_db)
    state = fingerprint(killed_db)
    found = "before" if state == before else "after" if state == after else "mixed"
    survived = check == "ok" and found != "mixed"
    detail = f"integrity {check}, holds the state {found} the command"
    if found == "mixed":
        detail += ": " + ", ".join(sorted(t for t in state.keys() | before.keys() if state.get(t) != before.get(t)))
    return CrashOutcome(scenario.name, survived, detail, found)


def run_crash_points(folder: Path) -> list[CrashOutcome]:
    template = prepare_database(folder / "template.sqlite")
    return [run_scenario(scenario, folder, template) for scenario in SCENARIOS]


def _command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "mhdesk", *args]


def _env(extra: dict[str, str]) -> dict[str, str]:
    root = str(Path(mhdesk.__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
    clean = {k: v for k, v in os.environ.items() if k not in (IMPORT_PAUSE_ENV, COPY_PAUSE_ENV)}
    return {**clean, "PYTHONPATH": path, **extra}


def _wait_for(process: subprocess.Popen, deadline: float) -> str:
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if line or process.poll() is not None:
            return line or f"the command ended first (exit {process.returncode})"
    return "no sign of the pause in time"
