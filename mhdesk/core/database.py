"""A database by path or URL: its engine, its sessions, its backups.

Nothing here runs at import: the application (or a test) calls
`connect.open_database(...)` and passes the result to the services.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

ENV_VAR = "MHDESK_DATABASE_URL"


class DatabaseError(Exception):
    """The database could not be opened or upgraded; the message is one plain sentence."""


def default_database_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("mhdesk", appauthor=False)) / "mhdesk.sqlite"


def resolve_url(path_or_url: str | os.PathLike | None = None) -> URL:
    """A SQLAlchemy URL from a file path, a URL, the environment, or the default file."""
    target = path_or_url or os.environ.get(ENV_VAR) or default_database_path()
    text = os.fspath(target)
    if "://" in text:
        try:
            return make_url(text)
        except ArgumentError as exc:
            raise DatabaseError(f'"{text}" is not a database URL.') from exc
    return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))


def describe(url: URL) -> str:
    """What to show a person: the file path, or the URL without its password."""
    if url.get_backend_name() == "sqlite":
        return url.database or "(in memory)"
    return url.render_as_string(hide_password=True)


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def create_db_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        if url.database:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 5})
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    return create_engine(url, pool_pre_ping=True)


@dataclass
class Database:
    url: URL
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def file(self) -> Path | None:
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    def session(self) -> Session:
        return self.sessions()

    def describe(self) -> str:
        return describe(self.url)

    def backup(self, reason: str) -> Path | None:
        """Copy a SQLite file beside itself (consistent even while WAL is in use)."""
        if self.file is None or not self.file.exists():
            return None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.file.with_name(f"{self.file.stem}.{reason}-{stamp}.bak")
        raw = self.engine.raw_connection()
        try:
            import sqlite3

            dest = sqlite3.connect(target)
            try:
                raw.driver_connection.backup(dest)
            finally:
                dest.close()
        finally:
            raw.close()
        return target

    def dispose(self) -> None:
        self.engine.dispose()


def first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
