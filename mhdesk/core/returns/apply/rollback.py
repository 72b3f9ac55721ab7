"""Roll back an applied import as a whole, or not at all.

Every record the import touched goes back exactly to its state before it
(added ones are deleted, changed ones restored, removed ones put back under
their old ids), unless one was edited or deleted since: its version then
differs from the one the import left, and nothing is rolled back. A hand
edit of a record's lists bumps its version too (see base.Versioned), so it
is caught the same way; the owners of rows put back are bumped in turn.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import delete, select, update

from ...database import Database
from ...errors import MhdeskError, NotFound
from ...models import ImportChange, ImportRecord, Project
from ...models.ownership import bump_versions, owner_key, owner_table, owners_of
from ...models.projects import project_donor
from ...services.project_history import record_project_change
from ...services.projects import apply_data, to_data
from ...services.row_audit import record_rollback
from ..bulk import TABLES, column_names, delete_rows, insert_rows, project_from_json, row_from_json, update_rows
from ..plan.context import WRITE_ORDER
from ..plan.model import ADD, CHANGE, REMOVE
from ..plan.projects import FULL_LOAD

ENTITY_NAMES = {"project": "project", "person": "person", "directory_role": "focal point",
                "indicator_value": "indicator value", "event": "event"}


class RollbackRefused(MhdeskError):
    """Some records were edited since the import; `conflicts` says which, one plain line each."""

    def __init__(self, import_id: int, conflicts: list[str]):
        self.conflicts = conflicts
        shown = "; ".join(conflicts[:5]) + (f"; and {len(conflicts) - 5} more" if len(conflicts) > 5 else "")
        super().__init__(f"Import #{import_id} was not rolled back: {len(conflicts)} record(s) changed since "
                         f"it: {shown}.")


@dataclass(frozen=True)
class RollbackSummary:
    import_id: int
    deleted: int  # records the import had added
    restored: int  # records it had changed
    put_back: int  # records it had removed

    def __str__(self) -> str:
        return (f"Import #{self.import_id} rolled back: {self.deleted} added record(s) deleted, "
                f"{self.restored} restored, {self.put_back} put back.")


def rollback_import(db: Database, import_id: int) -> RollbackSummary:
    with db.session() as session, session.begin():
        record = session.get(ImportRecord, import_id)
        if record is None:
            raise NotFound(f"Import #{import_id} does not exist.")
        if record.state == "rolled_back":
            raise MhdeskError(f"Import #{import_id} was already rolled back.")
        conn = session.connection()
        changes: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for entity, entity_id, through_id, action, before, after_version in conn.execute(
                select(ImportChange.entity, ImportChange.entity_id, ImportChange.through_id, ImportChange.action,
                       ImportChange.before_json, ImportChange.after_version)
                .where(ImportChange.import_id == import_id).order_by(ImportChange.id)):
            for row_id in range(entity_id, (through_id or entity_id) + 1):  # an add may cover a run of ids
                changes[entity][action].append((row_id, before, after_version))
        conflicts = [line for entity in ("project", *WRITE_ORDER) for line in _conflicts(conn, entity, changes[entity])]
        conflicts += _referred_to_since(conn, changes)
        if conflicts:
            raise RollbackRefused(import_id, conflicts)
        record_rollback(conn, import_id)  # the audit trail of its rows, while they still hold the import's state
        for entity in reversed(WRITE_ORDER):  # what refers to others first: values before their new projects
            _undo_rows(conn, entity, changes[entity])
        _undo_projects(session, changes["project"], import_id)
        _remove_unused_donors(conn, [i for i, _, _ in changes["donor"][ADD]])
        record.state = "rolled_back"
        by_action = {a: sum(len(c[a]) for e, c in changes.items() if e != "donor") for a in (ADD, CHANGE, REMOVE)}
    return RollbackSummary(import_id, by_action[ADD], by_action[CHANGE], by_action[REMOVE])


def _conflicts(conn, entity: str, changes: dict[str, list]) -> list[str]:
    touched = [(i, v) for a in (ADD, CHANGE) for i, _, v in changes[a]]
    removed = [i for i, _, _ in changes[REMOVE]]
    if not touched and not removed:
        return []
    table = TABLES[entity]
    label = table.c.code if entity == "project" else table.c.id
    current: dict[int, tuple] = {}
    ids = [i for i, _ in touched] + removed
    for start in range(0, len(ids), 5000):
        current.update((r[0], (r[1], r[2])) for r in conn.execute(
            select(table.c.id, table.c.version, label).where(table.c.id.in_(ids[start:start + 5000]))))
    name = ENTITY_NAMES[entity]
    lines = []
    for row_id, version in touched:
        if row_id not in current:
            lines.append(f"{name} #{row_id} was deleted")
        elif current[row_id][0] != version:
            lines.append(f"{name} {_shown(entity, row_id, current[row_id][1])} was edited")
    lines += [f"{name} #{row_id} was added again" for row_id in removed if row_id in current]
    return lines


REFERRERS = {"project": ("indicator_value", "project_id"), "person": ("directory_role", "person_id")}


def _referred_to_since(conn, changes: dict) -> list[str]:
    """Records the import added that other records now refer to (deleting them would take those along)."""
    lines = []
    for entity, (referrer, column) in REFERRERS.items():
        added = [i for i, _, _ in changes[entity][ADD]]
        own = {i for i, _, _ in changes[referrer][ADD]}
        table = TABLES[referrer]
        for start in range(0, len(added), 5000):
            for row_id, target in conn.execute(select(table.c.id, table.c[column])
                                               .where(table.c[column].in_(added[start:start + 5000]))):
                if row_id not in own:
                    lines.append(f"{ENTITY_NAMES[referrer]} #{row_id} now refers to {ENTITY_NAMES[entity]} #{target}")
    return lines


def _shown(entity: str, row_id: int, label) -> str:
    return str(label) if entity == "project" else f"#{row_id}"


def _undo_rows(conn, entity: str, changes: dict[str, list]) -> None:
    """Rows back to their state before; the records owning them (before and after) are bumped once, unless
    restored themselves afterwards (an owner comes later in WRITE_ORDER, and is undone after its rows)."""
    table, key = TABLES[entity], owner_key(TABLES[entity])
    owners = owners_of(conn, table, [i for a in (ADD, CHANGE) for i, _, _ in changes[a]]) if key is not None else set()
    delete_rows(conn, entity, [i for i, _, _ in changes[ADD]])
    columns = column_names(entity)
    restored = [row_from_json(entity, before) for _, before, _ in changes[CHANGE]]
    update_rows(conn, entity, columns[1:], [(*row[1:], row[0]) for row in restored], bump_version=False)
    put_back = [row_from_json(entity, before) for _, before, _ in changes[REMOVE]]
    insert_rows(conn, entity, columns, put_back)
    if key is not None:
        at = columns.index(key.name)
        owners |= {row[at] for row in (*restored, *put_back)}
        bump_versions(conn, owner_table(table), owners - {None})


def _remove_unused_donors(conn, ids: list[int]) -> None:
    """Donors the import named first go again, unless a project took them up since."""
    donors, used = TABLES["donor"], project_donor.c.donor_id
    for start in range(0, len(ids), 5000):
        conn.execute(delete(donors).where(donors.c.id.in_(ids[start:start + 5000]),
                                          donors.c.id.not_in(select(used).where(used.is_not(None)))))


def _undo_projects(session, changes: dict[str, list], import_id: int) -> None:
    added = [i for i, _, _ in changes[ADD]]
    for project in session.scalars(select(Project).where(Project.id.in_(added)).options(*FULL_LOAD)):
        record_project_change(session, project.id, to_data(project), None, source="rollback", import_id=import_id)
    delete_rows(session.connection(), "project", added)
    for project_id, before, _ in changes[CHANGE]:
        data, source_import_id, source_cell = project_from_json(before)
        project = session.get(Project, project_id, options=FULL_LOAD)
        record_project_change(session, project_id, to_data(project), data, source="rollback", import_id=import_id)
        apply_data(session, project, data)
        session.flush()
        table = Project.__table__
        session.connection().execute(update(table).where(table.c.id == project_id).values(
            version=data.version, source_import_id=source_import_id, source_cell=source_cell))
        session.expire(project)

