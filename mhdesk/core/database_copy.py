"""Copying a whole database into another, e.g. an office moving its SQLite file onto a PostgreSQL server.

The target gets the current schema through Alembic, then every table is copied in one transaction, ids kept.
After the commit each table is read back from the target and compared with the source: the number of rows and
a checksum of every row's values, so a row lost or altered on the way is named.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Table, func, select, text

from .connect import open_database
from .database import Database, DatabaseError, describe, resolve_url
from .models import Base, Country, CountryAlias, Indicator, ProgrammeArea, SchemaRequirement, ThematicArea

CHUNK = 1000  # rows per INSERT
# What a freshly opened database already holds: replaced by the source's own rows.
SEEDED = {t.__table__.name for t in (Country, CountryAlias, Indicator, ProgrammeArea, ThematicArea,
                                     SchemaRequirement)}
Progress = Callable[[str, int], None]  # (table, rows copied so far)


class CopyRefused(DatabaseError):
    pass


@dataclass(frozen=True)
class TableCheck:
    table: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def arrived(self) -> bool:
        return (self.source_rows, self.source_checksum) == (self.target_rows, self.target_checksum)


@dataclass(frozen=True)
class CopyReport:
    target: str  # described without its password
    tables: list[TableCheck]

    @property
    def complete(self) -> bool:
        return all(check.arrived for check in self.tables)

    @property
    def rows(self) -> int:
        return sum(check.source_rows for check in self.tables)

    def __str__(self) -> str:
        if self.complete:
            return (f"Copied {self.rows} rows of {len(self.tables)} tables into {self.target}; every row arrived "
                    "(the row counts and checksums of every table match).")
        wrong = [c for c in self.tables if not c.arrived]
        named = "; ".join(f"{c.table}: {c.source_rows} rows here, {c.target_rows} there"
                          + ("" if c.source_rows != c.target_rows else ", values differ") for c in wrong)
        return f"The copy into {self.target} does not match the source in {len(wrong)} table(s): {named}."


def copy_database(source: Database, target: str, progress: Progress | None = None) -> CopyReport:
    """Copy every table of `source` into the database at `target` (a path or URL), which must hold no records."""
    if resolve_url(target) == source.url:
        raise CopyRefused("The source and the target are the same database.")
    destination = open_database(target, create=True)
    try:
        if destination.write_refusal:
            raise CopyRefused(destination.write_refusal)
        tables = list(Base.metadata.sorted_tables)
        with source.engine.connect() as reading, destination.engine.begin() as writing:
            held = [t.name for t in tables if t.name not in SEEDED and _count(writing, t)]
            if held:
                raise CopyRefused(f"{describe(destination.url)} already holds records (in {', '.join(held)}); "
                                  "copy into an empty database.")
            for table in reversed(tables):
                writing.execute(table.delete())
            for table in tables:
                _copy_table(reading, writing, table, progress)
            if writing.dialect.name == "postgresql":
                _restart_sequences(writing, tables)
        checks = []
        with source.engine.connect() as reading, destination.engine.connect() as written:
            for table in tables:
                (source_rows, source_sum), (target_rows, target_sum) = (_fingerprint(reading, table),
                                                                        _fingerprint(written, table))
                checks.append(TableCheck(table.name, source_rows, target_rows, source_sum, target_sum))
        return CopyReport(describe(destination.url), checks)
    finally:
        destination.dispose()


def _count(connection: Connection, table: Table) -> int:
    return connection.scalar(select(func.count()).select_from(table))


def _ordered(table: Table):
    return select(table).order_by(*table.primary_key.columns)


def _copy_table(reading: Connection, writing: Connection, table: Table, progress: Progress | None) -> None:
    rows = reading.execution_options(yield_per=CHUNK).execute(_ordered(table))
    done = 0
    for chunk in rows.mappings().partitions(CHUNK):
        writing.execute(table.insert(), [dict(row) for row in chunk])
        done += len(chunk)
        if progress:
            progress(table.name, done)


def _fingerprint(connection: Connection, table: Table) -> tuple[int, str]:
    """The row count and a SHA-256 over every row's values as the model reads them, in key order."""
    digest, count = hashlib.sha256(), 0
    for row in connection.execution_options(yield_per=CHUNK).execute(_ordered(table)):
        digest.update(json.dumps([_comparable(v) for v in row], default=str).encode())
        count += 1
    return count, digest.hexdigest()


def _comparable(value):
    if isinstance(value, (bytes, memoryview)):
        return hashlib.sha256(bytes(value)).hexdigest()
    return value


def _restart_sequences(connection: Connection, tables: list[Table]) -> None:
    """Ids were copied as they were: each id sequence continues after the highest one."""
    for table in tables:
        if len(table.primary_key.columns) != 1:
            continue
        column = next(iter(table.primary_key.columns))
        sequence = connection.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name})
        if sequence:
            connection.execute(text(f"SELECT setval(:s, coalesce(max({column.name}), 0) + 1, false) FROM {table.name}"),
                               {"s": sequence})
