"""A change to a row a versioned record owns bumps the owner's version (see `base.Versioned`).

Owned rows are found from the declarations alone (`base.owned_by` on their
foreign key), so a list added later is covered once its key is declared.
The session hooks cover the ORM: `bump_versions_once` every flush, and
`bump_owners_of_statement` ORM-enabled UPDATE and DELETE statements.
Writes through a Core connection call `owners_of` and `bump_versions`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from sqlalchemy import Column, Connection, Table, inspect, select, update
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, SessionTransaction
from sqlalchemy.orm.interfaces import MANYTOONE

from .base import OWNER, Base, Versioned

CHUNK = 5000  # ids per IN (...) list
BUMPED = "mhdesk.versions_bumped"  # session.info: the records bumped in this transaction, by id()


@cache
def owner_key(table: Table) -> Column | None:
    """The column of `table` holding the id of the record its rows belong to, if declared."""
    for key in table.foreign_keys:
        if key.info.get(OWNER):
            return key.parent
    return None


@cache
def owner_table(table: Table) -> Table | None:
    key = owner_key(table)
    return None if key is None else next(iter(key.foreign_keys)).column.table


@cache
def _mapper_of(table: Table) -> Mapper | None:
    return next((m for m in Base.registry.mappers if m.local_table is table), None)


@cache
def _owned_collections(mapper: Mapper) -> tuple[str, ...]:
    """The owner's relationships whose rows (or association rows) it owns."""
    keys = []
    for relation in mapper.relationships:
        if relation.viewonly or not relation.uselist:
            continue
        rows = relation.secondary if relation.secondary is not None else relation.mapper.local_table
        key = owner_key(rows)
        if key is not None and owner_table(rows) is mapper.local_table and key in relation.remote_side:
            keys.append(relation.key)
    return tuple(keys)


@cache
def _owner_attributes(mapper: Mapper) -> tuple[str, ...]:
    """An owned row's attributes naming its owner: the key column and any many-to-one relationship over it."""
    key = owner_key(mapper.local_table)
    if key is None:
        return ()
    names = [mapper.get_property_by_column(key).key]
    names += [r.key for r in mapper.relationships if r.direction is MANYTOONE and key in r.local_columns]
    return tuple(names)


def bump_versions_once(session: Session, _flush_context, _instances) -> None:
    """Before a flush: every versioned record changed in itself or in what it owns gets its version bumped,
    once per transaction however many flushes it takes (a save's look-ups flush part of it early)."""
    new, dirty, deleted = session.new, session.dirty, session.deleted
    changed = []
    for record in dirty:
        state = inspect(record)
        if isinstance(record, Versioned) and (
                session.is_modified(record, include_collections=False)
                or any(state.attrs[name].history.has_changes() for name in _owned_collections(state.mapper))):
            changed.append(record)
    for row in (*new, *dirty, *deleted):
        state = inspect(row)
        names = _owner_attributes(state.mapper)
        if names and (row not in dirty or session.is_modified(row)):
            changed += _owners_named(session, state, names)
    done = session.info.setdefault(BUMPED, {})
    for record in changed:
        if id(record) in done or record in new or record in deleted or not isinstance(record, Versioned):
            continue
        done[id(record)] = record
        if not inspect(record).attrs.version.history.added:  # unless set by hand
            record.version = record.version + 1
    done.update((id(record), record) for record in new if isinstance(record, Versioned))


def forget_bumped(session: Session, transaction: SessionTransaction) -> None:
    """At the end of a transaction or savepoint (not of a flush's own inner one): the next change is a new one."""
    if transaction.parent is None or transaction.nested:
        session.info.pop(BUMPED, None)


def _owners_named(session: Session, state, names: tuple[str, ...]) -> list:
    """The owners a changed row belongs to, before and after the change."""
    key_name, *relation_names = names
    history = state.attrs[key_name].history
    if state.persistent and not history.has_changes() and not history.unchanged:
        getattr(state.obj(), key_name)  # not loaded yet
        history = state.attrs[key_name].history
    owner_mapper = _mapper_of(owner_table(state.mapper.local_table))
    ids = {i for i in (*history.added, *history.unchanged, *history.deleted) if i is not None}
    owners = [session.get(owner_mapper, i) for i in ids]
    for name in relation_names:  # a new row may name its owner by the relationship alone, its key still unset
        history = state.attrs[name].history
        owners += [*history.added, *history.unchanged, *history.deleted]
    return [owner for owner in owners if owner is not None]


def bump_owners_of_statement(execute: ORMExecuteState) -> None:
    """Before an ORM-enabled UPDATE or DELETE of owned rows: their owners' versions are bumped too.

    The owners are those the rows have before the statement; an UPDATE that moves rows to another owner
    goes through the flush instead, which sees both."""
    if not (execute.is_update or execute.is_delete) or execute.bind_mapper is None:
        return
    table = execute.bind_mapper.local_table
    owner_mapper = _mapper_of(owner_table(table)) if owner_key(table) is not None else None
    if owner_mapper is None:
        return
    session, statement = execute.session, execute.statement
    query = select(owner_key(table)).distinct()
    if statement.whereclause is not None:
        query = query.where(statement.whereclause)
    done = session.info.setdefault(BUMPED, {})
    for owner_id in session.scalars(query).all():
        owner = session.get(owner_mapper, owner_id)
        if isinstance(owner, Versioned) and id(owner) not in done and owner not in session.deleted:
            done[id(owner)] = owner
            owner.version = owner.version + 1


def owners_of(conn: Connection, table: Table, ids: Iterable[int]) -> set[int]:
    """The owners of these rows of `table`, as the database holds them now."""
    key, ids = owner_key(table), list(ids)
    found: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        found.update(conn.execute(select(key).where(table.c.id.in_(ids[start:start + CHUNK]))).scalars())
    found.discard(None)
    return found


def bump_versions(conn: Connection, table: Table, ids: Iterable[int]) -> None:
    """Bump the version of these records once, through a Core connection."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), CHUNK):
        conn.execute(update(table).where(table.c.id.in_(ids[start:start + CHUNK]))
                     .values(version=table.c.version + 1))
