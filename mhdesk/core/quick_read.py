"""A SQLite database read with the driver alone, when opening it needs nothing done.

Importing SQLAlchemy and declaring the models cost several times what a listing of the register does. A command
that only reads asks `reader_if_current` first: a SQLite file that is sound on the quick check, at the newest
schema and holding all the reference data is read through `sqlite3`, in one read transaction; anything else
(a URL, a missing file, an older or newer schema, a damaged file, missing reference data) is left to the full
open (core/connect.py), which upgrades, seeds or says what is wrong.
"""

from __future__ import annotations

import os
import sqlite3

from .database_location import database_target, is_url, sqlite_file
from .reference import reference_missing
from .revisions import single_head
from .sqlite_check import sqlite_problems

BUSY_TIMEOUT = 5  # seconds, as the full open waits for another writer


def reader_if_current(path_or_url: str | os.PathLike | None) -> sqlite3.Connection | None:
    """A connection in a read transaction on the SQLite file `path_or_url` names, if it can be read as it is;
    else None. The caller closes it."""
    target = database_target(path_or_url)
    if is_url(target):
        return None
    file = sqlite_file(target)
    if not file.is_file():
        return None
    head = single_head()
    try:
        # mode=rw: never creates the file; a read transaction keeps one snapshot for every select
        connection = sqlite3.connect(f"{file.as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT,
                                     isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        connection.execute("BEGIN")
        if (head is not None and not sqlite_problems(connection, thorough=False)
                and _revisions(connection) == [head] and not reference_missing(connection)):
            return connection
    except sqlite3.Error:
        pass
    connection.close()
    return None


def _revisions(connection: sqlite3.Connection) -> list[str]:
    return [revision for (revision,) in connection.execute("SELECT version_num FROM alembic_version")]
