"""A database by path or URL: its engine, its sessions, its backups.

Nothing here runs at import: the application (or a test) calls
`connect.open_database(...)` and passes the result to the services.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from .files import make_owner_only, owner_only_folder

ENV_VAR = "MHDESK_DATABASE_URL"
BACKUP_FOLDER = "backups"
# Routine backups kept per database, most recent first; other reasons (before-upgrade) are all kept.
BACKUPS_KEPT = {"before-import": 20}
BACKUP_STAMP = re.compile(r"\d{8}-\d{6}-\d{6}")


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


def _owner_only_when_new(file: Path):
    """A connect hook that makes a file SQLite has just created owner-only, before WAL mode adds -wal/-shm.

    SQLite gives the -wal and -shm files the permissions of the database file, so they follow.
    Only a path is changed: the file is never opened other than through SQLite.
    """
    pending = [not file.exists()]

    def on_connect(_dbapi_connection, _record) -> None:
        if pending[0] and file.exists():
            make_owner_only(file)
            pending[0] = False

    return on_connect


def create_db_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 5})
        if url.database and url.database != ":memory:":
            file = Path(url.database)
            file.parent.mkdir(parents=True, exist_ok=True)
            event.listen(engine, "connect", _owner_only_when_new(file))
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

    def backup(self, reason: str, keep: int | None = None) -> Path | None:
        """Copy a SQLite file into `backups/` beside it, consistent even while WAL is in use.

        The copy is named `<stem>.<reason>.<YYYYMMDD-HHMMSS-micro>.sqlite` (so it opens as a database
        and names sort by time) and is owner-only. Only the newest `keep` copies for this reason are
        kept (default: BACKUPS_KEPT, all for reasons not listed there).
        """
        if self.file is None or not self.file.exists():
            return None
        folder = owner_only_folder(self.file.parent / BACKUP_FOLDER)
        prefix = f"{self.file.stem}.{reason}."
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{prefix}{stamp}.sqlite"
        raw = self.engine.raw_connection()
        try:
            dest = sqlite3.connect(target)
            try:
                make_owner_only(target)  # before any record is copied into it
                raw.driver_connection.backup(dest)
            finally:
                dest.close()
        finally:
            raw.close()
        keep = BACKUPS_KEPT.get(reason) if keep is None else keep
        if keep is not None:
            _prune_backups(folder, prefix, keep)
        return target

    def dispose(self) -> None:
        self.engine.dispose()


def _prune_backups(folder: Path, prefix: str, keep: int) -> None:
    """Remove all but the newest `keep` backups named `prefix...`: their stamps sort by time."""
    copies = sorted(p for p in folder.glob(f"{prefix}*.sqlite")
                    if BACKUP_STAMP.fullmatch(p.name.removeprefix(prefix).removesuffix(".sqlite")))
    for old in copies[:max(len(copies) - keep, 0)]:
        old.unlink(missing_ok=True)


def first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
