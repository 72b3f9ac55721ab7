"""Opening a database: connect, bring its schema up to date, seed reference data."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from .database import Database, DatabaseError, create_db_engine, describe, first_line, resolve_url
from .migrate import upgrade_schema
from .recovery import check_on_open, damaged, is_damage, latest_good_backup


def open_database(path_or_url: str | os.PathLike | None = None, *, upgrade: bool = True,
                  create: bool = True) -> Database:
    """Open and, by default, migrate and seed the database.

    A missing SQLite file is created (readable by its owner only) when `create` is true; otherwise it is
    refused with one sentence, so that a typo in a path never looks like an empty register.
    """
    url = resolve_url(path_or_url)
    if not create and url.get_backend_name() == "sqlite" and url.database:
        file = Path(url.database)
        if not file.is_file():
            raise DatabaseError(f"There is no database at {file}; nothing was created.")
    engine = None
    try:
        engine = create_db_engine(url)
        db = Database(url, engine, sessionmaker(engine, expire_on_commit=False))
        with engine.connect() as connection:
            if db.file is not None:
                check_on_open(connection.connection.driver_connection, db.file)
        if upgrade:
            upgrade_schema(db)
    except DatabaseError:
        _close(engine)
        raise
    except (SQLAlchemyError, OSError) as exc:
        _close(engine)
        cause = getattr(exc, "orig", None)
        if isinstance(cause, sqlite3.Error) and is_damage(cause) and url.database:
            file = Path(url.database)
            # a file that is no database at all is damaged only if it has backups (else it is another file)
            if cause.sqlite_errorname == "SQLITE_CORRUPT" or latest_good_backup(file) is not None:
                raise damaged(file, first_line(exc)) from exc
        raise DatabaseError(f"The database {describe(url)} could not be opened: {first_line(exc)}") from exc
    return db


def _close(engine) -> None:
    if engine is not None:
        engine.dispose()
