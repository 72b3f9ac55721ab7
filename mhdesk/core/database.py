"""A database by path or URL: its engine, its sessions, its backups.

Nothing here runs at import: the application (or a test) calls
`connect.open_database(...)` and passes the result to the services.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from .change_notices import WRITES, announce_commits
from .database_location import database_target, is_url, sqlite_file
from .errors import (
    DatabaseError,  # also named here by those who catch it
    MhdeskError,
)
from .files import make_owner_only, owner_only_folder

BACKUP_FOLDER = "backups"
# Routine backups kept per database, most recent first; other reasons (before-upgrade, by-hand) are all kept.
BACKUPS_KEPT = {"before-import": 20, "daily": 14}
BACKUP_STAMP = re.compile(r"\d{8}-\d{6}-\d{6}")
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
PARTIAL_SUFFIX = ".partial"  # a copy being written; renamed when whole, so a killed copy is never listed
PAGES_PER_STEP = 1024
# For the crash tests: "backup" or "restore" waits a minute after that copy's first pages are written.
PAUSE_ENV = "MHDESK_TEST_PAUSE_IN_COPY"

CopyProgress = Callable[[int, int], None]  # (pages copied, pages in all)


def resolve_url(path_or_url: str | os.PathLike | None = None) -> URL:
    """A SQLAlchemy URL from a file path, a URL, the environment, or the default file."""
    text = database_target(path_or_url)
    if is_url(text):
        try:
            return make_url(text)
        except ArgumentError as exc:
            raise DatabaseError(f'"{text}" is not a database URL.') from exc
    return URL.create("sqlite+pysqlite", database=str(sqlite_file(text)))


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
    engine = create_engine(url, pool_pre_ping=True)
    if url.get_backend_name() == "postgresql":
        announce_commits(engine)
    return engine


class WriteRefused(DatabaseError, MhdeskError):
    """The database is one this mhdesk must not write (its schema is newer); the message says what is needed.
    An MhdeskError too, so that a form shows it as it shows any refusal."""


@dataclass
class Database:
    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    write_refusal: str | None = None  # why nothing may be written, when it may not

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

    @property
    def location(self) -> str:
        """What `open_database` takes to open this database again: the file's path, or the whole URL."""
        return str(self.file) if self.file is not None else self.url.render_as_string(hide_password=False)

    def backup(self, reason: str, keep: int | None = None, progress: CopyProgress | None = None) -> Path | None:
        """Copy a SQLite file into `backups/` beside it, consistent even while WAL is in use.

        The copy is named `<stem>.<reason>.<YYYYMMDD-HHMMSS-micro>.sqlite` (so it opens as a database
        and names sort by time) and is owner-only. Only the newest `keep` copies for this reason are
        kept (default: BACKUPS_KEPT, all for reasons not listed there).
        """
        if self.file is None or not self.file.exists():
            return None
        raw = self.engine.raw_connection()
        try:
            return backup_connection(raw.driver_connection, self.file, reason, keep, progress)
        finally:
            raw.close()

    def refuse_writes(self, reason: str) -> None:
        """From now on every statement that would change the database raises WriteRefused(reason)."""
        self.write_refusal = reason

        def refuse(_conn, _cursor, statement, _parameters, _context, _executemany):
            if WRITES.match(statement):
                raise WriteRefused(reason)

        event.listen(self.engine, "before_cursor_execute", refuse)

    def dispose(self) -> None:
        self.engine.dispose()


def backup_connection(source: sqlite3.Connection, file: Path, reason: str, keep: int | None = None,
                      progress: CopyProgress | None = None) -> Path:
    """Copy the database `source` is connected to (the file `file`) into `backups/`; see Database.backup.

    The copy is written under a hidden partial name and renamed when whole, so a copy cut short (the process
    killed, the disk full) is never taken for a backup.
    """
    folder = owner_only_folder(file.parent / BACKUP_FOLDER)
    _remove_stale_partials(folder)
    prefix = f"{file.stem}.{reason}."
    target = folder / f"{prefix}{datetime.now().strftime(STAMP_FORMAT)}.sqlite"
    partial = folder / f".{target.name}{PARTIAL_SUFFIX}"
    try:
        dest = sqlite3.connect(partial)
        try:
            make_owner_only(partial)  # before any record is copied into it
            in_transaction = source.in_transaction
            if not in_transaction:
                # one snapshot of the source for every step, whatever others commit meanwhile
                source.execute("BEGIN")
                source.execute("SELECT count(*) FROM sqlite_master").fetchone()
            try:
                copy_pages(source, dest, progress, stage="backup")
            finally:
                if not in_transaction:
                    source.rollback()
        finally:
            dest.close()
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    keep = BACKUPS_KEPT.get(reason) if keep is None else keep
    if keep is not None:
        _prune_backups(folder, prefix, keep)
    return target


def copy_pages(source: sqlite3.Connection, dest: sqlite3.Connection, progress: CopyProgress | None = None,
               stage: str = "restore") -> None:
    """SQLite's backup API, in steps: the destination is written in one transaction, whole or not at all."""
    paused = [False]

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)
        if remaining and not paused[0] and os.environ.get(PAUSE_ENV) == stage:
            paused[0] = True
            print(f"paused inside the {stage}", file=sys.stderr, flush=True)
            time.sleep(60)

    source.backup(dest, pages=PAGES_PER_STEP, progress=step)


def _remove_stale_partials(folder: Path, older_than: float = 3600) -> None:
    """Partial copies left by a process that was killed; one still being written elsewhere is recent."""
    now = time.time()
    for partial in folder.glob(f".*{PARTIAL_SUFFIX}"):
        try:
            if now - partial.stat().st_mtime > older_than:
                partial.unlink()
        except OSError:
            pass


def _prune_backups(folder: Path, prefix: str, keep: int) -> None:
    """Remove all but the newest `keep` backups named `prefix...`: their stamps sort by time."""
    copies = sorted(p for p in folder.glob(f"{prefix}*.sqlite")
                    if BACKUP_STAMP.fullmatch(p.name.removeprefix(prefix).removesuffix(".sqlite")))
    for old in copies[:max(len(copies) - keep, 0)]:
        old.unlink(missing_ok=True)


def first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
