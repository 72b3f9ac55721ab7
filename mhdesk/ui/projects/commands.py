"""Undoable changes to the projects register, each persisted the moment it is made.

An action runs once before its command is pushed, so a refusal (a code
already taken, a record changed elsewhere) reaches the form that asked for it;
the command's own redo/undo then replay it. The store remembers the version
the database returned for every project it wrote, so an undo writes over
exactly the record it left behind, however many steps ago.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack

from ...core.services.project_records import ProjectData
from ..shared.persisted_command import PersistedCommand, PersistedStore


class ProjectStore(PersistedStore):
    """The project service as the window uses it."""

    def __init__(self, service, parent: QObject | None = None):
        super().__init__(service, parent)
        self._touched: set[int] = set()  # written since the table last read them

    def get(self, project_id: int) -> ProjectData:
        return self._remember(self.service.get(project_id))

    def create(self, data: ProjectData) -> ProjectData:
        return self._remember(self.service.create(data))

    def update(self, data: ProjectData) -> ProjectData:
        version = self._versions.get(data.id, data.version)
        return self._remember(self.service.update(data.copy(version=version)))

    def delete(self, project_id: int) -> ProjectData:
        snapshot = self.service.delete(project_id)
        self._versions.pop(project_id, None)
        self._touched.add(project_id)
        return snapshot

    def take_touched(self) -> set[int]:
        """The projects written since the last call: only their rows need reading again."""
        touched, self._touched = self._touched, set()
        return touched

    def _remember(self, data: ProjectData) -> ProjectData:
        self._versions[data.id] = data.version
        self._touched.add(data.id)
        return data


class AddProject(PersistedCommand):
    """A new or duplicated project; undo deletes it, redo brings it back under the same id."""

    def __init__(self, store: ProjectStore, created: ProjectData, text: str):
        super().__init__(store, text)
        self._created = created

    def apply(self) -> None:
        self._created = self._store.create(self._created)

    def revert(self) -> None:
        self._created = self._store.delete(self._created.id)

    def focus_id(self) -> int | None:
        return self._created.id


class EditProject(PersistedCommand):
    def __init__(self, store: ProjectStore, before: ProjectData, after: ProjectData):
        super().__init__(store, f"Edit {after.code}")
        self._before, self._after = before, after

    def apply(self) -> None:
        self._store.update(self._after)

    def revert(self) -> None:
        self._store.update(self._before)

    def focus_id(self) -> int | None:
        return self._after.id


class DeleteProject(PersistedCommand):
    def __init__(self, store: ProjectStore, snapshot: ProjectData):
        super().__init__(store, f"Delete {snapshot.code}")
        self._snapshot = snapshot

    def apply(self) -> None:
        self._snapshot = self._store.delete(self._snapshot.id)

    def revert(self) -> None:
        self._snapshot = self._store.create(self._snapshot)

    def focus_id(self) -> int | None:
        return self._snapshot.id


# ---- the actions: run once, then record --------------------------------------------


def add_project(stack: QUndoStack, store: ProjectStore, data: ProjectData, text: str | None = None) -> ProjectData:
    created = store.create(data)
    stack.push(AddProject(store, created, text or f"Add {created.code}"))
    return created


def edit_project(stack: QUndoStack, store: ProjectStore, before: ProjectData, after: ProjectData) -> ProjectData:
    saved = store.update(after)
    stack.push(EditProject(store, before, saved))
    return saved


def duplicate_project(stack: QUndoStack, store: ProjectStore, project_id: int) -> ProjectData:
    original = store.get(project_id)
    code = store.service.free_code_like(original.code)
    copy = original.copy(id=None, version=None, code=code, title=f"{original.title} (copy)")
    return add_project(stack, store, copy, f"Duplicate {original.code} as {code}")


def delete_projects(stack: QUndoStack, store: ProjectStore, project_ids: list[int]) -> list[ProjectData]:
    """Delete one or several projects as a single undoable step."""
    if len(project_ids) == 1:
        snapshot = store.delete(project_ids[0])
        stack.push(DeleteProject(store, snapshot))
        return [snapshot]
    snapshots = []
    stack.beginMacro(f"Delete {len(project_ids)} projects")
    try:
        for project_id in project_ids:
            snapshot = store.delete(project_id)
            snapshots.append(snapshot)
            stack.push(DeleteProject(store, snapshot))
    finally:
        stack.endMacro()
    return snapshots
