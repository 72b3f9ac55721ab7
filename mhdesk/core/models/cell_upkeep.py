"""Keeps `indicator_cell` in step with the values: the touched cells are added up again before each commit.

An INSERT names its cells in its own parameters, read here as the statement goes to the database (a trigger
on every inserted row would cost an import of 100,000 rows a quarter of its time); a change or deletion,
which may come from a cascade or a WHERE clause, is named by the triggers (see `indicator_cells`). A
connection whose transaction wrote anything refreshes those cells just before it commits, in the same
transaction, so the figures commit with the values or not at all. Listening on every engine covers the ORM,
Core statements and the driver-level statements sent through SQLAlchemy alike.
"""

from __future__ import annotations

import re
import zlib
from operator import itemgetter

from sqlalchemy import Connection, Integer, bindparam, delete, func, insert, select, text, tuple_

from .indicator_cells import KEY, KEYS_PER_STATEMENT, cell_figures, figures_of, indicator_cell, indicator_cell_stale

WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
INSERT_OF_VALUES = re.compile(
    r'\s*(?:INSERT|REPLACE)\b[^(]*?\bINTO\s+"?indicator_value\b"?\s*(?:\(([^)]*)\)\s*VALUES\b)?', re.IGNORECASE)
WROTE = "mhdesk.cells_may_be_stale"  # connection info: this transaction wrote something
INSERTED = "mhdesk.cells_inserted_into"  # connection info: the cells this transaction inserted values into
READ = "mhdesk.cells_insert_read"  # connection info: the statement whose inserted rows were read
EVERY_CELL = "every cell"  # in place of the keys of an insert whose rows cannot be read (INSERT ... SELECT)
CELL_LOCKS = 0x63656C6C  # "cell": PostgreSQL's advisory locks of cells, one per (CELL_LOCKS, key hash)


def note_write(conn: Connection, _cursor, statement: str, parameters, context, executemany) -> None:
    if not WRITES.match(statement):
        return
    conn.info[WROTE] = True
    insert = INSERT_OF_VALUES.match(statement)
    if insert and (context is None or conn.info.get(READ) is not context):  # a long insert goes in batches
        conn.info[READ] = context
        keys = _inserted_keys(insert.group(1), parameters, context, executemany)
        known = conn.info.setdefault(INSERTED, set())
        if keys is EVERY_CELL:
            conn.info[INSERTED] = EVERY_CELL
        elif known is not EVERY_CELL:
            known.update(keys)


def refresh_before_commit(conn: Connection) -> None:
    if conn.info.pop(WROTE, False) and _has_cells(conn):
        refresh_stale_cells(conn)
        conn.info.pop(WROTE, None)  # the refresh's own writes are part of this commit
    forget_writes(conn)


def forget_writes(conn: Connection) -> None:
    for name in (WROTE, INSERTED, READ):
        conn.info.pop(name, None)


def inserted_cells(conn: Connection) -> set[tuple[int, int, int]] | str:
    """The cells this transaction inserted values into so far, or EVERY_CELL."""
    return conn.info.get(INSERTED) or set()


def refresh_stale_cells(conn: Connection) -> int:
    """Add up again every cell named stale or inserted into, as this transaction sees them; returns how many."""
    inserted = conn.info.pop(INSERTED, None) or set()
    if inserted is EVERY_CELL:
        return refresh_every_cell(conn)
    stale = indicator_cell_stale.c
    keys = set(inserted)
    if conn.execute(select(stale.year).limit(1)).first() is not None:  # reading only: no DELETE for nothing
        keys |= set(conn.execute(delete(indicator_cell_stale).returning(stale.year, stale.indicator_id,
                                                                        stale.country_id)).all())
    if not keys:
        return 0
    keys = sorted(keys)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY  # here: a SQLite start does not pay for the dialect

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


def refresh_every_cell(conn: Connection) -> int:
    """Add every cell up again from the values (after values written straight through the driver)."""
    conn.execute(delete(indicator_cell_stale))
    conn.execute(delete(indicator_cell))
    conn.execute(insert(indicator_cell).from_select(
        ("year", "indicator_id", "country_id", "figure", "value_count"), cell_figures()))
    return conn.execute(select(func.count()).select_from(indicator_cell)).scalar()


def _inserted_keys(columns: str | None, parameters, context, executemany: bool):
    """The (year, indicator id, country id) of the rows an INSERT into indicator_value writes, or EVERY_CELL."""
    compiled = getattr(context, "compiled", None)
    rows = getattr(context, "compiled_parameters", None) if compiled is not None else None
    if rows and all(name in rows[0] for name in KEY):  # a statement of SQLAlchemy's: its rows by column
        try:
            return {(int(row["year"]), int(row["indicator_id"]), int(row["country_id"])) for row in rows}
        except (KeyError, TypeError, ValueError):
            return EVERY_CELL
    if columns is None or compiled is not None:
        return EVERY_CELL
    names = [name.strip().strip('"`[]') for name in columns.split(",")]
    rows = parameters if executemany else [parameters]
    try:
        if not all(name in names for name in KEY) or any(len(row) != len(names) for row in rows):
            return EVERY_CELL
        # Distinct keys first, then converted: an import's 100,000 rows name a few hundred cells.
        return {tuple(map(int, key)) for key in set(map(itemgetter(*(names.index(name) for name in KEY)), rows))}
    except (KeyError, TypeError, ValueError):
        return EVERY_CELL


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
