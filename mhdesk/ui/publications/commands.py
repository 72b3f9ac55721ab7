"""Undoable changes to flat records (events, publications), each written the moment it is made.

As in the projects register: the action runs once before its command is pushed, so a refusal reaches the
dialog that asked; the store remembers the version the database returned for every record it wrote, so
an undo writes over exactly the record it left behind.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..shared.persisted_command import PersistedCommand


class FlatRecordStore(QObject):
    """A record service (`create`, `update`, `delete(id, version)`) as the window uses it."""

    changed = Signal(object)  # the record id to bring into view, or None
    failed = Signal(str)  # an undo or redo the database refused, as a sentence

    def __init__(self, service, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self._versions: dict[int, int] = {}

    def create(self, data):
        return self._remember(self.service.create(data))

    def update(self, data):
        return self._remember(self.service.update(replace(data, version=self._versions.get(data.id, data.version))))

    def delete(self, data):
        snapshot = self.service.delete(data.id, self._versions.get(data.id, data.version))
        self._versions.pop(data.id, None)
        return snapshot

    def _remember(self, data):
        self._versions[data.id] = data.version
        return data


class AddRecord(PersistedCommand):
    def __init__(self, store, created, text: str):
        super().__init__(store, text)
        self._record = created

    def apply(self) -> None:
        self._record = self._store.create(self._record)

    def revert(self) -> None:
        self._record = self._store.delete(self._record)

    def focus_id(self):
        return self._record.id


class EditRecord(PersistedCommand):
    def __init__(self, store, before, after, text: str):
        super().__init__(store, text)
        self._before, self._after = before, after

    def apply(self) -> None:
        self._after = self._store.update(self._after)

    def revert(self) -> None:
        self._before = self._store.update(self._before)

    def focus_id(self):
        return self._after.id


class DeleteRecord(PersistedCommand):
    def __init__(self, store, snapshot, text: str):
        super().__init__(store, text)
        self._record = snapshot

    def apply(self) -> None:
        self._record = self._store.delete(self._record)

    def revert(self) -> None:
        self._record = self._store.create(self._record)

    def focus_id(self):
        return self._record.id


def add_record(stack: QUndoStack, store: FlatRecordStore, data, text: str):
    created = store.create(data)
    stack.push(AddRecord(store, created, text))
    return created


def edit_record(stack: QUndoStack, store: FlatRecordStore, before, after, text: str):
    saved = store.update(after)
    stack.push(EditRecord(store, before, saved, text))
    return saved


def delete_records(stack: QUndoStack, store: FlatRecordStore, records: list, text: str) -> None:
    """Delete one or several records as a single undoable step."""
    stack.beginMacro(text)
    try:
        for record in records:
            stack.push(DeleteRecord(store, store.delete(record), text))
    finally:
        stack.endMacro()
