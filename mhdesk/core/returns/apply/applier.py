"""Apply a dry-run plan: one transaction, all of it or none of it, every change recorded.

Before writing, a SQLite database is copied beside itself. The import record
is written first (on SQLite that takes the write lock), then the rows the
plan changes or removes are read again: if any was edited since the dry run,
nothing is written. Projects go through the ORM (a few, with their lists);
focal points, indicator values and events go in bulk, `version` bumped by hand,
and the owners of rows written in bulk (a person whose roles change) bumped
once too, unless the import writes them itself.
Each written row remembers its import and source row; each touched record
gets an import change with its state before, so the import can be rolled back.

A plan that changes nothing writes nothing: no backup, no import record (so
importing the same return twice changes nothing the second time, and the
first import stays the one its rows name as their source).
"""

from __future__ import annotations

import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ...database import Database
from ...errors import MhdeskError
from ...models import ImportRecord, Project
from ...models.ownership import bump_versions, owner_key, owner_table
from ...services.project_history import record_project_change
from ...services.projects import NamedRecords, apply_data, to_data
from ...services.row_audit import record_import
from ..bulk import (
    DATA_COLUMNS,
    SOURCED,
    TABLES,
    column_names,
    delete_rows,
    insert_rows,
    project_to_json,
    row_to_json,
    select_rows,
    update_rows,
)
from ..plan.context import WRITE_ORDER, NewRef, PlannedWrites, source_cell
from ..plan.model import ADD, CHANGE, REMOVE, Plan
from ..plan.projects import FULL_LOAD

Progress = Callable[[int, int], bool]  # (done, total) -> False to cancel
PAUSE_ENV = "MHDESK_TEST_PAUSE_IN_APPLY"  # seconds to wait inside the transaction, for the crash test
CHUNK = 10_000
LARGE_IMPORT = 50_000  # rows
REFERENCE_COLUMN = {"directory_role": 0, "indicator_value": 3}  # person_id, project_id: may be a NewRef
CHANGE_COLUMNS = ("import_id", "entity", "entity_id", "action", "before_json", "after_version")


class ImportBlocked(MhdeskError):
    """The plan has errors, or cannot be applied for another reason given in the message."""


class StalePlan(MhdeskError):
    """Records the plan changes were edited after the dry run."""


class ImportCancelled(MhdeskError):
    pass


@dataclass(frozen=True)
class ImportSummary:
    import_id: int | None  # None: there was nothing to change, so nothing was written or recorded
    file_name: str
    mission: str
    year: int
    added: int = 0
    changed: int = 0
    removed: int = 0
    warnings: int = 0
    backup: Path | None = None

    @property
    def nothing_to_change(self) -> bool:
        return self.import_id is None

    def __str__(self) -> str:
        if self.nothing_to_change:
            return f"{self.file_name}: nothing to change."
        return (f"{self.file_name}: import #{self.import_id} applied: {self.added} added, {self.changed} changed, "
                f"{self.removed} removed.")


def apply_plan(db: Database, plan: Plan, *, progress: Progress | None = None) -> ImportSummary:
    """Write `plan`; returns what was done. Raises ImportBlocked, StalePlan or ImportCancelled,
    in which case nothing was written."""
    if plan.errors:
        raise ImportBlocked(f"{plan.file_name} has {len(plan.errors)} error(s); nothing was written.")
    if plan.writes is None:
        raise ImportBlocked("This plan was read back from an import record; run the dry run again to apply it.")
    counts = dict(added=plan.count(ADD), changed=plan.count(CHANGE), removed=plan.count(REMOVE),
                  warnings=len(plan.warnings))
    summary = dict(file_name=plan.file_name, mission=plan.mission, year=plan.year, **counts)
    if not plan.has_changes:
        return ImportSummary(None, **summary)
    backup = db.backup("before-import") if db.is_sqlite else None
    plan_json = plan.to_json()
    with db.session() as session, session.begin():
        record = ImportRecord(
            file_name=plan.file_name, sha256=plan.sha256, mission_id=plan.writes.mission_id, year=plan.year,
            imported_at=datetime.now().replace(microsecond=0), submitted_by=plan.submitted_by,
            submitter_email=plan.email, date_submitted=plan.date_submitted, plan_json=plan_json, **counts)
        session.add(record)
        session.flush()
        if db.is_sqlite and plan.writes.total() >= LARGE_IMPORT:  # a page cache big enough for the indexes
            session.connection().exec_driver_sql("PRAGMA cache_size = -65536")  # keeps index inserts linear
        _Writer(session, record.id, plan.writes, progress).write()
        _pause_for_crash_test()
    return ImportSummary(record.id, backup=backup, **summary)


class _Writer:
    def __init__(self, session: Session, import_id: int, writes: PlannedWrites, progress: Progress | None):
        self.session, self.conn = session, session.connection()
        self.import_id, self.writes, self.progress = import_id, writes, progress
        self.done, self.total = 0, 2 * writes.total()
        self.refs: dict[NewRef, int] = {}
        self.written: dict[str, set[int]] = defaultdict(set)  # ids this import adds, changes or removes

    def write(self) -> None:
        befores = self._check_versions()
        self._projects()
        for entity in WRITE_ORDER:
            self._table(entity, befores.get(entity, {}))
        record_import(self.conn, self.import_id)  # the audit trail of the rows just written

    def _check_versions(self) -> dict[str, dict[int, tuple]]:
        """Whole rows before the import, once every planned version is confirmed unchanged."""
        befores, stale = {}, 0
        for entity in WRITE_ORDER:
            planned = {row_id: version for row_id, version, *_ in self.writes.tables[entity].changes}
            planned.update(self.writes.tables[entity].removes)
            rows = select_rows(self.conn, entity, planned, lock=True)
            at = column_names(entity).index("version")
            stale += sum(1 for row_id, version in planned.items() if row_id not in rows or rows[row_id][at] != version)
            befores[entity] = rows
        project_versions = dict(self.conn.execute(select(Project.id, Project.version).where(
            Project.id.in_([w.data.id for w in self.writes.projects if w.action == CHANGE])).with_for_update()).all())
        stale += sum(1 for w in self.writes.projects
                     if w.action == CHANGE and project_versions.get(w.data.id) != w.version)
        if stale:
            raise StalePlan(f"{stale} record(s) were changed since the dry run; run the dry run again.")
        return befores

    def _projects(self) -> None:
        """Through the ORM, which keeps a project's lists."""
        if not self.writes.projects:
            return
        session, donors = self.session, TABLES["donor"]
        known_donors = set(self.conn.execute(select(donors.c.id)).scalars())
        changed_ids = [w.data.id for w in self.writes.projects if w.action == CHANGE]
        changed = {p.id: p for p in session.scalars(select(Project).where(
            Project.id.in_(changed_ids)).options(*FULL_LOAD))} if changed_ids else {}
        written, audited, named = [], [], NamedRecords(session)
        with session.no_autoflush:  # one flush at the end: a new donor is seen by the next project through `named`
            for write in self.writes.projects:
                if write.action == ADD:
                    # Lists set (empty) rather than only read: an unset one would read as not loaded after the
                    # flush, and the audit below would then query it for each new project.
                    project = Project(code=write.data.code, donor_links=[], achievements=[], photos=[],
                                      testimonies=[])
                    before, before_data = None, None
                else:
                    project = changed[write.data.id]
                    before_data = to_data(project)
                    before = project_to_json(before_data, project.source_import_id, project.source_cell)
                apply_data(session, project, write.data, named)  # before add(): a new project loads no empty lists
                project.source_import_id = self.import_id
                project.source_cell = source_cell("Projects", write.row)
                session.add(project)
                written.append((project, write.action, before))
                audited.append((project, before_data))
        session.flush()
        for project, before_data in audited:
            record_project_change(session, project.id, before_data, to_data(project), source="import",
                                  import_id=self.import_id)
        self.refs.update((NewRef("project", project.code), project.id) for project, _, _ in written)
        self._step(len(written))
        self._record([(self.import_id, "project", project.id, action, before, project.version)
                      for project, action, before in written])
        # donors named for the first time, so that a rollback can remove them again
        self._record([(self.import_id, "donor", donor_id, ADD, None, None) for donor_id in
                      self.conn.execute(select(donors.c.id)).scalars() if donor_id not in known_donors])

    def _table(self, entity: str, befores: dict[int, tuple]) -> None:
        """Adds first, while the rows to remove still hold their ids (SQLite reuses the highest id once
        deleted), then changes, then removals; a chunk at a time, each with its import changes."""
        writes, columns, conn, import_id = self.writes.tables[entity], DATA_COLUMNS[entity], self.conn, self.import_id
        source = (lambda cell: (import_id, cell)) if entity in SOURCED else (lambda cell: ())
        extra = ("source_import_id", "source_cell") if entity in SOURCED else ()
        version_at = column_names(entity).index("version")
        resolved = self._resolver(entity)
        if entity == "person":  # a handful, and the focal points that follow need their ids
            for index, (data, _) in enumerate(writes.adds):
                new_id = conn.execute(insert(TABLES[entity]).values(
                    dict(zip(columns, data), version=1))).inserted_primary_key[0]
                self.refs[NewRef("person", index)] = new_id
                self.written[entity].add(new_id)
                self._record([(import_id, entity, new_id, ADD, None, 1)])
        elif writes.adds:
            # In key-index order SQLite inserts a large import several times faster; a small one's index
            # stays in the page cache, and sorting would cost more than it saves.
            if entity == "indicator_value":  # the bulk of an import: one comprehension in DATA_COLUMNS order
                project_id = self.refs.get  # a NewRef -> the new project's id; an id or None as it is
                rows = [(indicator, country, year, project_id(project, project), sex, age, value, note, 1, import_id,
                         cell) for (indicator, country, year, project, sex, age, value, note), cell in writes.adds]
            else:
                rows = [(*resolved(data), 1, *source(cell)) for data, cell in writes.adds]
            if entity == "indicator_value" and len(rows) >= LARGE_IMPORT:
                rows.sort(key=_index_order)
            for part in _chunks(rows):
                insert_rows(conn, entity, (*columns, "version", *extra), part)
                self._step(len(part))
            table = TABLES[entity]  # the ids just added: so far only adds carry this import's id
            added = conn.execute(select(table.c.id).where(
                table.c.source_import_id == import_id).order_by(table.c.id)).scalars().all()
            self.written[entity].update(added)
            self._record_added(entity, added)
        for part in _chunks(writes.changes):
            self._record([(import_id, entity, row_id, CHANGE, row_to_json(entity, befores[row_id]),
                           befores[row_id][version_at] + 1) for row_id, *_ in part])
            update_rows(conn, entity, columns + extra,
                        [(*resolved(data), *source(cell), row_id) for row_id, _, data, cell in part], bump_version=True)
            self._step(len(part))
        for part in _chunks(writes.removes):
            self._record([(import_id, entity, row_id, REMOVE, row_to_json(entity, befores[row_id]), None)
                          for row_id, _ in part])
            delete_rows(conn, entity, [row_id for row_id, _ in part])
            self._step(len(part))
        self.written[entity].update(row_id for row_id, *_ in (*writes.changes, *writes.removes))
        self._bump_owners(entity, befores, resolved)

    def _bump_owners(self, entity: str, befores: dict[int, tuple], resolved: Callable[[tuple], tuple]) -> None:
        """The records owning the rows just written (before and after) that the import did not write itself:
        each bumped once (see base.Versioned) and recorded as changed, so that a rollback restores them."""
        table, writes = TABLES[entity], self.writes.tables[entity]
        key = owner_key(table)
        if key is None:
            return
        in_data, in_row = DATA_COLUMNS[entity].index(key.name), column_names(entity).index(key.name)
        owners = {resolved(data)[in_data] for data, _ in writes.adds}
        owners |= {resolved(data)[in_data] for _, _, data, _ in writes.changes}
        owners |= {befores[row_id][in_row] for row_id, *_ in (*writes.changes, *writes.removes)}
        owner = next(name for name, known in TABLES.items() if known is owner_table(table))
        rows = select_rows(self.conn, owner, owners - self.written[owner] - {None}, lock=True)
        version_at = column_names(owner).index("version")
        self._record([(self.import_id, owner, row_id, CHANGE, row_to_json(owner, row), row[version_at] + 1)
                      for row_id, row in sorted(rows.items())])
        bump_versions(self.conn, TABLES[owner], rows)
        self.written[owner].update(rows)

    def _record(self, changes: list[tuple]) -> None:
        """Import changes go in as they come: the state before of what is about to be written."""
        insert_rows(self.conn, "import_change", CHANGE_COLUMNS, changes)
        self._step(len(changes))

    def _record_added(self, entity: str, ids: list[int]) -> None:
        """Added rows as runs of consecutive ids: a large import records a few runs, not every row."""
        runs = [(self.import_id, entity, first, ADD, None, 1, last) for first, last in id_runs(ids)]
        insert_rows(self.conn, "import_change", (*CHANGE_COLUMNS, "through_id"), runs)
        self._step(len(ids))

    def _resolver(self, entity: str) -> Callable[[tuple], tuple]:
        """Data tuple -> the same with the ids of records added earlier in place of their NewRefs."""
        at = REFERENCE_COLUMN.get(entity)
        if at is None:
            return lambda data: data
        refs = self.refs

        def resolved(data: tuple) -> tuple:
            ref = data[at]
            return data if type(ref) is not NewRef else (*data[:at], refs[ref], *data[at + 1:])

        return resolved

    def _step(self, count: int) -> None:
        self.done += count
        if self.progress is not None and self.progress(min(self.done, self.total), self.total) is False:
            raise ImportCancelled("The import was cancelled; nothing was written.")


def id_runs(ids: list[int]) -> Iterator[tuple[int, int]]:
    """(first, last) of each run of consecutive ids, in order: 3, 4, 5, 9 -> (3, 5), (9, 9)."""
    first = last = None
    for row_id in ids:
        if last is not None and row_id == last + 1:
            last = row_id
            continue
        if first is not None:
            yield first, last
        first = last = row_id
    if first is not None:
        yield first, last


def _chunks(rows: list) -> Iterator[list]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]


def _index_order(row: tuple) -> tuple:
    """An indicator value's place in the key index (indicator, country, year, project, sex, age group)."""
    return row[0], row[1], row[2], row[3] or 0, row[4], row[5]


def _pause_for_crash_test() -> None:
    seconds = os.environ.get(PAUSE_ENV)
    if seconds:
        print("paused inside the import transaction", file=sys.stderr, flush=True)
        time.sleep(float(seconds))
