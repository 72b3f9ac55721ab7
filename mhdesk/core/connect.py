"""Opening a database: connect, bring its schema up to date, seed reference data."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from .database import Database, DatabaseError, create_db_engine, describe, first_line, resolve_url
from .migrate import upgrade_schema


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
    try:
        engine = create_db_engine(url)
        db = Database(url, engine, sessionmaker(engine, expire_on_commit=False))
        with engine.connect():
            pass
        if upgrade:
            upgrade_schema(db)
    except DatabaseError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        raise DatabaseError(f"The database {describe(url)} could not be opened: {first_line(exc)}") from exc
    return db
