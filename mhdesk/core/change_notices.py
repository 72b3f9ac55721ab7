"""PostgreSQL: every transaction that wrote announces its commit with NOTIFY, so other clients reload.

The notification is sent inside the transaction, so it is delivered when, and only if, the transaction commits.
Its payload names the engine that wrote, so a client's own commits are not taken for someone else's.
"""

from __future__ import annotations

import re
import weakref
from uuid import uuid4

from sqlalchemy import Engine, event

CHANNEL = "mhdesk_changes"
WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|ALTER|DROP|TRUNCATE)\b", re.IGNORECASE)
WROTE = "mhdesk_wrote"  # connection info: this transaction wrote something

_tokens: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def announce_commits(engine: Engine) -> None:
    token = _tokens[engine] = uuid4().hex

    def note_write(conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        if WRITES.match(statement):
            conn.info[WROTE] = True

    def announce(conn) -> None:
        if conn.info.pop(WROTE, False):
            conn.connection.driver_connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, token))

    def forget(conn) -> None:
        conn.info.pop(WROTE, None)

    event.listen(engine, "before_cursor_execute", note_write)
    event.listen(engine, "commit", announce)
    event.listen(engine, "rollback", forget)


def own_token(engine: Engine) -> str | None:
    """What this engine's notifications carry."""
    return _tokens.get(engine)
