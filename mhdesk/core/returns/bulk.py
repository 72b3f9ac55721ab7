"""Bulk reads and writes of the tables an import touches, by the thousand rows.

Rows are plain tuples in table-column order, amounts as whole hundredths
(the stored form of `Money`) and indicator values as the whole numbers they
are stored as (`indicators.exact`), so that nothing converts a value it only
carries. Tables with only numbers and text go straight to the driver's
executemany; tables with dates go through SQLAlchemy Core, which converts
dates the same way on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Connection,
    Date,
    DateTime,
    Table,
    bindparam,
    column,
    delete,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy import table as table_clause

from ..models import DirectoryRole, Donor, Event, ImportChange, IndicatorValue, Person, Project
from ..models.base import Money

TABLES: dict[str, Table] = {
    "project": Project.__table__,
    "person": Person.__table__,
    "directory_role": DirectoryRole.__table__,
    "indicator_value": IndicatorValue.__table__,
    "event": Event.__table__,
    "import_change": ImportChange.__table__,
    "donor": Donor.__table__,  # created on first use by a project; no version
}

# The columns an import sets from a return, in the order the planner builds its tuples.
DATA_COLUMNS: dict[str, tuple[str, ...]] = {
    "person": ("family_name", "given_name", "email", "phone"),
    "directory_role": ("person_id", "country_id", "year", "role", "title", "programme_area_id"),
    "indicator_value": ("indicator_id", "country_id", "year", "project_id", "sex", "age_group", "value", "note"),
    "event": ("date", "date_precision", "title", "place", "country_id", "participants", "description"),
}
SOURCED = frozenset({"project", "directory_role", "indicator_value", "event"})
CHUNK = 5000  # ids per IN (...) list: well under every backend's limit of bound parameters


def column_names(entity: str) -> tuple[str, ...]:
    return tuple(c.name for c in TABLES[entity].columns)


def stored_columns(entity: str) -> list:
    """The table's columns for SELECT, amounts left as stored hundredths."""
    return [type_coerce(c, BigInteger).label(c.name) if isinstance(c.type, Money) else c
            for c in TABLES[entity].columns]


def select_rows(conn: Connection, entity: str, ids: Iterable[int], *, lock: bool = False) -> dict[int, tuple]:
    """Whole rows by id, as {id: row tuple in table-column order}; `lock`ed against other writers until the
    end of the transaction (FOR UPDATE on PostgreSQL; SQLite's write lock already covers it)."""
    table = TABLES[entity]
    found: dict[int, tuple] = {}
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        statement = select(*stored_columns(entity)).where(table.c.id.in_(ids[start:start + CHUNK]))
        if lock:
            statement = statement.with_for_update()
        found.update((row[0], tuple(row)) for row in conn.execute(statement))
    return found


def insert_rows(conn: Connection, entity: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
    if not rows:
        return
    table = TABLES[entity]
    if _has_dates(table, columns):
        plain = _plain_table(table, columns)
        conn.execute(insert(plain), [dict(zip(columns, row)) for row in rows])
        return
    names = ", ".join(_quote(conn, c) for c in columns)
    marks = ", ".join([_mark(conn)] * len(columns))
    conn.exec_driver_sql(f"INSERT INTO {_quote(conn, table.name)} ({names}) VALUES ({marks})", _as_list(rows))


def update_rows(conn: Connection, entity: str, columns: Sequence[str], rows: Sequence[Sequence],
                *, bump_version: bool) -> None:
    """UPDATE ... SET columns WHERE id = ?; each row is its column values followed by the id."""
    if not rows:
        return
    table = TABLES[entity]
    if _has_dates(table, columns):
        plain = _plain_table(table, [*columns, "id", "version"])
        values = {c: bindparam(f"new_{c}") for c in columns}
        if bump_version:
            values["version"] = plain.c.version + 1
        statement = update(plain).where(plain.c.id == bindparam("row_id")).values(values)
        conn.execute(statement, [{**{f"new_{c}": v for c, v in zip(columns, row)}, "row_id": row[-1]}
                                 for row in rows])
        return
    mark = _mark(conn)
    sets = [f"{_quote(conn, c)} = {mark}" for c in columns]
    if bump_version:
        sets.append("version = version + 1")
    conn.exec_driver_sql(f"UPDATE {_quote(conn, table.name)} SET {', '.join(sets)} WHERE id = {mark}",
                         _as_list(rows))


def delete_rows(conn: Connection, entity: str, ids: Sequence[int]) -> None:
    table = TABLES[entity]
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        conn.execute(delete(table).where(table.c.id.in_(ids[start:start + CHUNK])))


# ---- rows as JSON (the before state an import change keeps) -----------------------------

def row_to_json(entity: str, row: Sequence) -> str:
    return json.dumps([v.isoformat() if isinstance(v, (date, datetime)) else v for v in row],
                      ensure_ascii=False, separators=(",", ":"))


def row_from_json(entity: str, text: str) -> tuple:
    values = json.loads(text)
    out = []
    for col, value in zip(TABLES[entity].columns, values):
        if value is not None and isinstance(col.type, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(col.type, Date):
            value = date.fromisoformat(value)
        out.append(value)
    return tuple(out)


# ---- internals -------------------------------------------------------------------------

def _has_dates(table: Table, columns: Iterable[str]) -> bool:
    return any(isinstance(table.c[c].type, (Date, DateTime)) for c in columns)


def _plain_table(table: Table, columns: Iterable[str]):
    """A lightweight copy of the table whose amounts bind as stored hundredths."""
    cols = [column(c, BigInteger if isinstance(table.c[c].type, Money) else table.c[c].type)
            for c in dict.fromkeys(columns)]
    return table_clause(table.name, *cols)


def _quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def _mark(conn: Connection) -> str:
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def _as_list(rows: Sequence[Sequence]) -> list:
    return rows if isinstance(rows, list) else list(rows)


# ---- a project's before state (projects are written through the ORM) -----------------------

def project_to_json(data, source_import_id: int | None, source_cell: str | None) -> str:
    from dataclasses import asdict

    def plain(value):
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        return value

    fields = {k: plain(v) for k, v in asdict(data).items() if k not in ("achievements", "photos", "testimonies")}
    fields["achievements"] = {str(y): texts for y, texts in data.achievements.items()}
    fields["photos"] = [asdict(p) for p in data.photos]
    fields["testimonies"] = [asdict(t) for t in data.testimonies]
    return json.dumps({"project": fields, "source_import_id": source_import_id, "source_cell": source_cell},
                      ensure_ascii=False, separators=(",", ":"))


def project_from_json(text: str):
    """(ProjectData, source import id, source cell) as `project_to_json` kept them."""
    from ..services.project_records import PhotoData, ProjectData, TestimonyData

    stored = json.loads(text)
    fields = dict(stored["project"])
    for name in ("budget", "health_budget"):
        fields[name] = Decimal(fields[name]) if fields[name] is not None else None
    for name in ("start", "end", "extended_to"):
        fields[name] = date.fromisoformat(fields[name]) if fields[name] else None
    fields["achievements"] = {int(y): list(t) for y, t in fields["achievements"].items()}
    fields["photos"] = [PhotoData(**p) for p in fields["photos"]]
    fields["testimonies"] = [TestimonyData(**t) for t in fields["testimonies"]]
    return ProjectData(**fields), stored["source_import_id"], stored["source_cell"]
