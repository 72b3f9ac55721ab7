"""Benchmark of the shared office: two processes save the same project at the same moment, round after round,
on SQLite and on PostgreSQL. Each round one save must win and the other be told; an edit is lost when a save
that reported success is not what the database holds, or when both report success."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

ROUNDS = 10
TITLES = ("Saved by the first", "Saved by the second")


@dataclass(frozen=True)
class ConcurrencyFigures:
    backend: str
    attempted: int  # saves tried
    saved: int
    told: int  # refused as changed elsewhere
    failed: int  # anything else (an error, a timeout)
    lost: int

    def as_dict(self) -> dict[str, int | str]:
        return {"backend": self.backend, "attempted": self.attempted, "saved": self.saved, "told": self.told,
                "failed": self.failed, "lost": self.lost}


def save_at_once(location: str, code: str, titles: tuple[str, ...], folder: Path) -> list[dict]:
    """Each title saved over `code` by a process of its own, all let go at the same moment."""
    folder.mkdir()
    editors = [subprocess.Popen([sys.executable, "-m", "mhdesk.bench.concurrent_editor", location, code, title,
                                 str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for title in titles]
    deadline = time.monotonic() + 120
    while not all((folder / f"ready-{t}").exists() for t in titles) and time.monotonic() < deadline:
        if any(editor.poll() is not None for editor in editors):
            break
        time.sleep(0.005)
    (folder / "go").touch()
    outcomes = []
    for editor in editors:
        try:
            out, err = editor.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            editor.kill()
            out, err = editor.communicate()
        lines = out.strip().splitlines()
        outcomes.append(json.loads(lines[-1]) if editor.returncode == 0 and lines
                        else {"saved": False, "error": (err.strip().splitlines() or ["no output"])[-1]})
    return outcomes


def measure(location: str, backend: str, rounds: int, folder: Path) -> ConcurrencyFigures:
    from ..core.connect import open_database
    from ..core.services import Services
    from ..core.services.project_records import ProjectData

    db = open_database(location)
    saved = told = failed = lost = 0
    try:
        projects = Services(db).projects
        for number in range(rounds):
            code = f"MA.{9000 + number:04d}"
            projects.create(ProjectData(code=code, title="As it was", countries=["Serbia"]))
            outcomes = save_at_once(location, code, TITLES, folder / f"{backend}-{number}")
            winners = [title for title, outcome in zip(TITLES, outcomes) if outcome["saved"]]
            saved += len(winners)
            told += sum(1 for o in outcomes if not o["saved"] and "error" not in o)
            failed += sum(1 for o in outcomes if "error" in o)
            held = projects.find(code).title
            lost += sum(1 for title in winners if title != held)
    finally:
        db.dispose()
    return ConcurrencyFigures(backend, rounds * len(TITLES), saved, told, failed, lost)


def run_concurrency_bench(postgres_url: str | None = None, rounds: int = ROUNDS,
                          out: TextIO | None = None) -> list[dict[str, int | str]]:
    """SQLite in a temporary file; PostgreSQL in a database created for the run on the server `postgres_url`
    names (its login needs CREATEDB), dropped afterwards."""
    out = out or sys.stdout
    print(f"Concurrent edits: two processes save the same project at the same moment, {rounds} rounds.", file=out)
    figures = []
    with tempfile.TemporaryDirectory(prefix="mhdesk-bench-") as name:
        folder = Path(name)
        figures.append(measure(str(folder / "shared.sqlite"), "sqlite", rounds, folder))
        if postgres_url:
            with _scratch_database(postgres_url) as url:
                figures.append(measure(url, "postgresql", rounds, folder))
        else:
            print("  postgresql: not measured (give --postgres URL, a login that may create a database)", file=out)
    for f in figures:
        print(f"  {f.backend:<10} concurrent edits attempted: {f.attempted}, saved: {f.saved}, told of the other's "
              f"save: {f.told}, failed: {f.failed}, lost: {f.lost}", file=out, flush=True)
    return [f.as_dict() for f in figures]


class _scratch_database:
    """A database of its own on the server for the run, dropped however the run ends."""

    _numbers = itertools.count()

    def __init__(self, url: str):
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url
        from sqlalchemy.pool import NullPool

        self._url = make_url(url)
        self._name = f"mhdesk_bench_{os.getpid()}_{next(self._numbers)}"
        self._admin = create_engine(self._url, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def __enter__(self) -> str:
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{self._name}"')
        return self._url.set(database=self._name).render_as_string(hide_password=False)

    def __exit__(self, *_exc) -> None:
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{self._name}" WITH (FORCE)')
        self._admin.dispose()
