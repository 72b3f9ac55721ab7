"""Selects read as plain tuples straight from the database driver, for lists of a hundred thousand rows.

SQLAlchemy's result rows cost about as much again as the driver's own fetch, and importing it costs more than
a short listing: `driver_rows` takes the driver's (DB-API) connection, so that a command which only reads need
not import SQLAlchemy at all. Statements run without parameters: only for SQL whose values are numbers the
program chose.
"""

from __future__ import annotations


def driver_rows(connection, sql: str) -> list[tuple]:
    """The rows of `sql` on a DB-API connection (SQLite's or psycopg's), inside its current transaction."""
    cursor = connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()
