"""Noticing that the database was changed elsewhere: by another window, the command line, another office.

    watch = watch_changes(db)
    if watch.changed_elsewhere():   # cheap: call it on focus and every few seconds
        ...read again...
    watch.close()

Changes this process commits through `db` are not "elsewhere": the watch
learns of each one as it is made, so an edit in the window does not make the
window read everything again. SQLite answers through `PRAGMA data_version`
on a connection kept for the purpose, which changes whenever another
connection commits. PostgreSQL answers through LISTEN on a connection of its
own: every client's transaction that wrote sends a notification as it commits
(`change_notices`), carrying a token of the engine that wrote.
"""

from __future__ import annotations

import sqlite3
import threading

from sqlalchemy import event

from .change_notices import CHANNEL, own_token
from .database import Database


class ChangeWatch:
    """A backend that cannot tell: never reports a change."""

    def changed_elsewhere(self) -> bool:
        return False

    def close(self) -> None:
        pass


class SqliteChangeWatch(ChangeWatch):
    def __init__(self, db: Database):
        assert db.file is not None
        self._engine = db.engine
        self._lock = threading.Lock()  # own commits are reported from the database thread too
        # Autocommit, so that each PRAGMA reads the database as it is now.
        self._connection = sqlite3.connect(db.file, timeout=1, isolation_level=None, check_same_thread=False)
        self._known = self._version()
        self._elsewhere = False
        event.listen(self._engine, "commit", self._own_commit_begins)
        event.listen(self._engine, "checkin", self._own_connection_returned)

    def changed_elsewhere(self) -> bool:
        with self._lock:
            version = self._version()
            changed = self._elsewhere or (version is not None and version != self._known)
            self._known, self._elsewhere = version if version is not None else self._known, False
        return changed

    def close(self) -> None:
        for name, listener in (("commit", self._own_commit_begins), ("checkin", self._own_connection_returned)):
            if event.contains(self._engine, name, listener):
                event.remove(self._engine, name, listener)
        with self._lock:
            self._connection.close()

    def _version(self) -> int | None:
        try:
            return self._connection.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:  # closed, or the file is busy being replaced: ask again next time
            return None

    def _own_commit_begins(self, connection) -> None:
        # Before our commit, while our writer holds the write lock: a different version now is someone
        # else's commit, which our own must not hide.
        with self._lock:
            version = self._version()
            if version is not None and version != self._known:
                self._elsewhere = True
        connection.info["mhdesk_committed"] = True

    def _own_connection_returned(self, _dbapi_connection, record) -> None:
        if record.info.pop("mhdesk_committed", False):
            with self._lock:
                version = self._version()
                if version is not None:
                    self._known = version


class PostgresChangeWatch(ChangeWatch):
    def __init__(self, db: Database):
        self._own = own_token(db.engine)
        self._lock = threading.Lock()
        raw = db.engine.raw_connection()
        self._connection = raw.driver_connection
        raw.detach()  # kept for listening, never handed out by the pool
        self._connection.rollback()
        self._connection.autocommit = True
        self._connection.execute(f"LISTEN {CHANNEL}")

    def changed_elsewhere(self) -> bool:
        import psycopg

        with self._lock:
            try:
                return any(note.payload != self._own for note in self._connection.notifies(timeout=0))
            except psycopg.Error:  # the server went away: the next read says so
                return False

    def close(self) -> None:
        with self._lock:
            self._connection.close()


def watch_changes(db: Database) -> ChangeWatch:
    if db.is_sqlite and db.file is not None:
        return SqliteChangeWatch(db)
    if db.url.get_backend_name() == "postgresql":
        return PostgresChangeWatch(db)
    return ChangeWatch()
