"""Undoable add, edit and delete of flat records (events, publications, exchange rates), each written the moment
it is made (see PersistedCommand).

The action runs once before its command is pushed, against the version the person saw, so a record changed
elsewhere since is refused where it was asked for. The store remembers the version the database returned for
every record it wrote, and an undone delete comes back under its old id, so a later undo or redo writes over
exactly the record it left behind, however many steps ago; a record changed elsewhere meanwhile makes the step
obsolete instead of being overwritten.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QUndoStack

from .persisted_command import PersistedCommand, PersistedStore


class FlatRecordStore(PersistedStore):
    """A record service (`create`, `update`, `delete(id, version)` returning what it removed) as the window uses
    it. A service that says these otherwise adapts `_create` and `_delete`."""

    def create(self, record):
        return self._remember(self._create(record))

    def update(self, record):
        """Against `record.version`: what the person saw (or, replaying a step, `latest`)."""
        return self._remember(self.service.update(record))

    def delete(self, record):
        """Against `record.version`; the record as it was, for an undo to bring back."""
        removed = self._delete(record)
        self._versions.pop(record.id, None)
        return removed

    def latest(self, record):
        """`record` with the version this window last wrote of it, for an undo or redo to write over."""
        return replace(record, version=self._versions.get(record.id, record.version))

    def _create(self, record):
        return self.service.create(record)

    def _delete(self, record):
        return self.service.delete(record.id, record.version)

    def _remember(self, record):
        self._versions[record.id] = record.version
        return record


class AddRecord(PersistedCommand):
    """Undo deletes the record added; redo brings it back under the same id."""

    def __init__(self, store: FlatRecordStore, created, text: str):
        super().__init__(store, text)
        self._record = created

    def apply(self) -> None:
        self._record = self._store.create(self._record)

    def revert(self) -> None:
        self._record = self._store.delete(self._store.latest(self._record))

    def focus_id(self) -> int | None:
        return self._record.id


class EditRecord(PersistedCommand):
    def __init__(self, store: FlatRecordStore, before, after, text: str):
        super().__init__(store, text)
        self._before, self._after = before, after

    def apply(self) -> None:
        self._after = self._store.update(self._store.latest(self._after))

    def revert(self) -> None:
        self._before = self._store.update(self._store.latest(self._before))

    def focus_id(self) -> int | None:
        return self._after.id


class DeleteRecord(PersistedCommand):
    """Undo brings the record deleted back under its old id."""

    def __init__(self, store: FlatRecordStore, removed, text: str):
        super().__init__(store, text)
        self._record = removed

    def apply(self) -> None:
        self._record = self._store.delete(self._store.latest(self._record))

    def revert(self) -> None:
        self._record = self._store.create(self._record)

    def focus_id(self) -> int | None:
        return self._record.id


def add_record(stack: QUndoStack, store: FlatRecordStore, data, text: str):
    created = store.create(data)
    stack.push(AddRecord(store, created, text))
    return created


def edit_record(stack: QUndoStack, store: FlatRecordStore, before, after, text: str):
    """`after` saved over `before` as the person saw it: a record changed elsewhere since is refused (StaleRecord)."""
    saved = store.update(replace(after, id=before.id, version=before.version))
    stack.push(EditRecord(store, before, saved, text))
    return saved


def delete_record(stack: QUndoStack, store: FlatRecordStore, record, text: str) -> None:
    stack.push(DeleteRecord(store, store.delete(record), text))


def delete_records(stack: QUndoStack, store: FlatRecordStore, records: list, text: str) -> None:
    """Delete one or several records as a single undoable step. When one is refused (changed elsewhere), those
    deleted before it are the step, and none deleted makes no step (rather than an empty one)."""
    removed = []
    try:
        for record in records:
            removed.append(store.delete(record))
    finally:
        if removed:
            stack.beginMacro(text)
            for record in removed:
                stack.push(DeleteRecord(store, record, text))
            stack.endMacro()
