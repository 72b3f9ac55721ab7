"""Keeps `indicator_cell` in step with the values: the stale cells are added up again before each commit.

The triggers name every cell a statement touches (see `indicator_cells`); a connection whose transaction
wrote anything refreshes those cells just before it commits, in the same transaction, so the figures
commit with the values or not at all. Listening on every engine covers the ORM and Core statements alike.
"""

from __future__ import annotations

import re
import zlib

from sqlalchemy import Connection, Integer, bindparam, delete, insert, select, text, tuple_
from sqlalchemy.dialects.postgresql import ARRAY

from .indicator_cells import KEYS_PER_STATEMENT, figures_of, indicator_cell, indicator_cell_stale

WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
WROTE = "mhdesk.cells_may_be_stale"  # connection info: this transaction wrote something
CELL_LOCKS = 0x63656C6C  # "cell": PostgreSQL's advisory locks of cells, one per (CELL_LOCKS, key hash)


def note_write(conn: Connection, _cursor, statement: str, _parameters, _context, _executemany) -> None:
    if WRITES.match(statement):
        conn.info[WROTE] = True


def refresh_before_commit(conn: Connection) -> None:
    if conn.info.pop(WROTE, False) and _has_cells(conn):
        refresh_stale_cells(conn)
        conn.info.pop(WROTE, None)  # the refresh's own writes are part of this commit


def forget_writes(conn: Connection) -> None:
    conn.info.pop(WROTE, None)


def refresh_stale_cells(conn: Connection) -> int:
    """Add up again every cell named stale and visible to this transaction; returns how many."""
    stale = indicator_cell_stale.c
    if conn.execute(select(stale.year).limit(1)).first() is None:  # reading only: no write lock for nothing
        return 0
    keys = sorted(set(conn.execute(delete(indicator_cell_stale).returning(stale.year, stale.indicator_id,
                                                                          stale.country_id)).all()))
    if not keys:
        return 0
    if conn.dialect.name == "postgresql":
        # Two writers of one cell add it up one after the other, each seeing what the other committed.
        conn.execute(text("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(:space, k) FROM unnest(:keys) "
                          "WITH ORDINALITY AS t(k, n) ORDER BY n) AS locked")
                     .bindparams(bindparam("keys", type_=ARRAY(Integer))),
                     {"space": CELL_LOCKS, "keys": sorted({_lock_key(key) for key in keys})})
    cells = indicator_cell.c
    for start in range(0, len(keys), KEYS_PER_STATEMENT):
        chunk = keys[start:start + KEYS_PER_STATEMENT]
        conn.execute(delete(indicator_cell).where(tuple_(cells.year, cells.indicator_id, cells.country_id)
                                                  .in_(chunk)))
    figures = figures_of(conn, keys)
    if figures:
        conn.execute(insert(indicator_cell), [dict(zip(("year", "indicator_id", "country_id", "figure",
                                                        "value_count"), row)) for row in figures])
    return len(keys)


def _has_cells(conn: Connection) -> bool:
    """Whether the schema has its cells yet (a database being upgraded from before revision 0007 has not)."""
    if conn.dialect.name == "sqlite":
        return conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                    "AND name = 'indicator_cell_stale'").first() is not None
    if conn.dialect.name == "postgresql":
        return conn.exec_driver_sql("SELECT to_regclass('indicator_cell_stale') IS NOT NULL").scalar()
    return False


def _lock_key(key: tuple[int, int, int]) -> int:
    """A cell's key as a signed 32-bit number; two cells sharing one only wait for each other."""
    return zlib.crc32(":".join(map(str, key)).encode()) - 2 ** 31
