"""An undo step for a change that is written to the database the moment the user makes it.

The action runs (and is saved) before the command is pushed, so the first `redo()` the stack calls on
push only announces it; later undo/redo replay it through its PersistedStore. A step that can no longer be
replayed (someone changed the record since) is made obsolete, so the stack never replays it over someone
else's edit.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from ...core.errors import MhdeskError


class PersistedStore(QObject):
    """A record service as the window's undo steps write through it. It remembers the version the database
    returned for every record it wrote, so that an undo writes over exactly the record it left behind."""

    changed = Signal(object)  # the id of the record to bring into view, or None
    failed = Signal(str)  # an undo or redo the database refused, as a sentence

    def __init__(self, service, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self._versions: dict[int, int] = {}


class PersistedCommand(QUndoCommand):
    def __init__(self, store: PersistedStore, text: str):
        super().__init__(text)
        self._store = store
        self._applied_on_push = True

    def redo(self) -> None:
        if self._applied_on_push:
            self._applied_on_push = False
            self._store.changed.emit(self.focus_id())
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step) -> None:
        try:
            step()
        except MhdeskError as exc:
            self.setObsolete(True)
            self._store.failed.emit(f"{self.text()} could not be replayed: {exc}")
        self._store.changed.emit(self.focus_id())

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def focus_id(self) -> int | None:
        return None
