"""The audit trail: every change of a record written beside it, in the same transaction.

Who: the OS login on SQLite (a file belongs to one laptop), the database login on PostgreSQL (one login per
coordinator, even when its sessions act as the office's shared role). When: UTC. What: [field, before, after]
as text, so the history still reads after the schema or the vocabulary changes.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Connection, or_, select, text
from sqlalchemy.orm import Session

from .models import AuditEntry


def who(session: Session | Connection) -> str:
    dialect = session.dialect if isinstance(session, Connection) else session.get_bind().dialect
    if dialect.name == "postgresql":
        return session.scalar(text("SELECT session_user"))  # the login, even when it acts as the office role
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name for this uid (a container)
        return "unknown"


def record(session: Session, *, entity: str, entity_id: int, label: str, action: str, source: str,
           changes: Iterable[tuple[str, str, str]], import_id: int | None = None) -> None:
    """Add one entry to the session's transaction: it commits or rolls back with the change it describes."""
    changes = [list(change) for change in changes]
    if action == "change" and not changes:
        return
    session.add(AuditEntry(at=datetime.now(timezone.utc).replace(tzinfo=None), who=who(session), entity=entity,
                           entity_id=entity_id, label=label, action=action, source=source, import_id=import_id,
                           changes_json=changes_json(changes)))


def field_changes(before: Mapping[str, str] | None, after: Mapping[str, str] | None) -> list[tuple[str, str, str]]:
    """(field, before, after) of the fields whose text differs, in the order given; a missing side is all empty."""
    before, after = before or {}, after or {}
    return [(name, before.get(name, ""), after.get(name, "")) for name in dict.fromkeys([*before, *after])
            if before.get(name, "") != after.get(name, "")]


def changes_json(changes: Iterable[Sequence[str]]) -> str:
    return json.dumps([list(change) for change in changes], ensure_ascii=False)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime  # UTC
    who: str
    label: str
    action: str
    source: str
    import_id: int | None
    changes: Sequence[tuple[str, str, str]]  # field, before, after

    def describe(self) -> str:
        """What happened, in a few words: "edited", "imported (import #3)", "rolled back (import #3)"."""
        verb = {"add": "added", "change": "changed", "remove": "removed"}[self.action]
        how = {"edit": "by an edit", "import": "by an import", "rollback": "by a rollback"}[self.source]
        return f"{verb} {how}" + (f" (import #{self.import_id})" if self.import_id else "")


def history(session: Session, entity: str | tuple[str, ...], *, entity_id: int | None = None,
            label: str | None = None) -> list[HistoryEntry]:
    """The entries of a record (of one entity or several kept under its id) by its id or what it was called,
    oldest first."""
    if entity_id is None and label is None:
        return []
    named = []
    if entity_id is not None:
        named.append(AuditEntry.entity_id == entity_id)
    if label is not None:
        named.append(AuditEntry.label == label)
    entities = (entity,) if isinstance(entity, str) else entity
    return entries_where(session, AuditEntry.entity.in_(entities), or_(*named))


def entries_where(session: Session, *conditions) -> list[HistoryEntry]:
    """The entries meeting every condition (on `AuditEntry`), oldest first."""
    rows = session.scalars(select(AuditEntry).where(*conditions).order_by(AuditEntry.at, AuditEntry.id))
    return [HistoryEntry(row.at, row.who, row.label, row.action, row.source, row.import_id,
                         [tuple(change) for change in json.loads(row.changes_json)]) for row in rows]
