"""What SQLite itself finds wrong with a database file: `quick_check` on every open, `integrity_check` on demand."""

from __future__ import annotations

import sqlite3

PROBLEMS_SHOWN = 5


def sqlite_problems(connection: sqlite3.Connection, thorough: bool) -> list[str]:
    """SQLite's findings on the database `connection` is open on ([] when sound)."""
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        rows = connection.execute(f"PRAGMA {pragma}({PROBLEMS_SHOWN})").fetchall()
    except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
        return [str(exc)]
    problems = [row[0] for row in rows]
    return [] if problems == ["ok"] else problems
