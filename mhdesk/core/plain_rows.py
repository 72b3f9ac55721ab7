"""Core selects read as plain tuples straight from the database driver, for lists of a hundred thousand rows.

SQLAlchemy's result rows cost about as much again as the driver's own fetch; a select whose columns need no
result processing (numbers and text, or values converted by the caller) can skip them. Its parameters are
rendered into the SQL, so this is only for statements whose bound values are numbers the program chose.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import Connection
from sqlalchemy.sql import Select


def plain_rows(connection: Connection, statement: Select) -> list[tuple]:
    """The rows of `statement` as the driver returns them (dates as text on SQLite: see `date_parser`)."""
    sql = str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()  # inside the connection's transaction
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


def date_parser(connection: Connection) -> Callable[[str], date] | None:
    """What turns a date column's value into a date: SQLite's driver gives ISO text; others give dates (None)."""
    return date.fromisoformat if connection.dialect.name == "sqlite" else None

