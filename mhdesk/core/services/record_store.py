"""Versioned writes of a flat record (an event, a publication): create, update if unchanged since read, delete.

Each record kind gives its model, a label for messages, and how to copy its plain data onto the row and
back; an update over a copy read before someone else's change is refused, never written over it. Each write
is on the audit trail (`row_audit`), in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..database import Database
from ..errors import NotFound, StaleRecord
from .row_audit import record_rows, row_of

Data = TypeVar("Data")


class RecordStore(Generic[Data]):
    def __init__(self, db: Database, model, label: str, *, to_data: Callable[[object], Data],
                 apply: Callable[[Session, object, Data], None], check: Callable[[Data], None]):
        self._db, self._model, self._label = db, model, label
        self._to_data, self._apply, self._check = to_data, apply, check
        self._table = model.__tablename__  # its audit trail's entity

    def get(self, record_id: int) -> Data:
        with self._db.session() as session:
            return self._to_data(self._find(session, record_id))

    def create(self, data: Data) -> Data:
        self._check(data)
        with self._db.session() as session, session.begin():
            record = self._model()
            if getattr(data, "id", None) is not None and session.get(self._model, data.id) is None:
                record.id = data.id  # an undone delete comes back under its old id
            self._apply(session, record, data)
            session.add(record)
            session.flush()
            record_rows(session, self._table, [(None, row_of(record))])
            return self._to_data(record)

    def update(self, data: Data) -> Data:
        """Save `data` over its record, if nobody changed the record since `data.version`."""
        self._check(data)
        stale = f"The {self._label} was changed elsewhere; reload it and try again."
        with self._db.session() as session:
            try:
                with session.begin():
                    record = self._find(session, data.id)
                    if data.version is not None and record.version != data.version:
                        raise StaleRecord(stale)
                    before = row_of(record)
                    self._apply(session, record, data)
                    session.flush()
                    record_rows(session, self._table, [(before, row_of(record))])
                    return self._to_data(record)
            except StaleDataError as exc:
                raise StaleRecord(stale) from exc

    def delete(self, record_id: int, version: int | None = None) -> Data:
        """Delete the record (if still at `version`); returns what it was, so that the deletion can be undone."""
        with self._db.session() as session, session.begin():
            record = self._find(session, record_id)
            if version is not None and record.version != version:
                raise StaleRecord(f"The {self._label} was changed elsewhere; reload it and try again.")
            snapshot = self._to_data(record)
            record_rows(session, self._table, [(row_of(record), None)])
            session.delete(record)
            return snapshot

    def _find(self, session: Session, record_id: int | None):
        record = session.get(self._model, record_id) if record_id is not None else None
        if record is None:
            raise NotFound(f"The {self._label} is no longer recorded.")
        return record
