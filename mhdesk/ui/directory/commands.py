"""Directory edits as undo steps: one QUndoCommand per user action, each writing through the core services.

A command that finds its records changed elsewhere (StaleRecord) says so in the status bar and marks itself
obsolete, so that the stack never replays a step over someone else's edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ...core.errors import MhdeskError
from ...core.services import Services
from ...core.services.directory import CellEntry, CellState
from ...core.services.people import PersonData

Notify = Callable[[str], None]


class _DirectoryCommand(QUndoCommand):
    def __init__(self, text: str, services: Services, changed: Callable[[], None], notify: Notify):
        super().__init__(text)
        self._services = services
        self._changed = changed  # tells the window the directory changed (views reload)
        self._notify = notify
        self.failed: str | None = None

    def _run(self, step: Callable[[], None]) -> None:
        try:
            step()
        except MhdeskError as exc:
            self.failed = str(exc)
            self._notify(str(exc))
            self.setObsolete(True)
        self._changed()


class SetCellCommand(_DirectoryCommand):
    """Put these people in a cell (add, remove or reorder); undo puts back who was there, in their order."""

    def __init__(self, services: Services, state: CellState, entries: list[CellEntry], text: str,
                 changed: Callable[[], None], notify: Notify):
        super().__init__(text, services, changed, notify)
        self._before = state
        self._entries = list(entries)
        self._after: CellState | None = None

    def redo(self) -> None:
        def step():
            current = self._services.directory.cell(self._before.key) if self._after is not None else self._before
            self._after = self._services.directory.set_cell(current, self._entries)
        self._run(step)

    def undo(self) -> None:
        def step():
            self._services.directory.set_cell(self._after, list(self._before.entries))
            self._before = self._services.directory.cell(self._before.key)
        self._run(step)


class CopyYearCommand(_DirectoryCommand):
    """Copy a year's directory to another; undo removes the copies, if nobody edited them since."""

    def __init__(self, services: Services, source: int, target: int, changed: Callable[[], None], notify: Notify):
        super().__init__(f"Copy the {source} directory to {target}", services, changed, notify)
        self.source, self.target = source, target
        self._ids: list[int] = []

    def redo(self) -> None:
        def step():
            self._ids = self._services.directory.copy_year(self.source, self.target)
        self._run(step)

    def undo(self) -> None:
        self._run(lambda: self._services.directory.remove_roles(self._ids))


class EditPersonCommand(_DirectoryCommand):
    """Save a person's contact details; undo saves back what they were."""

    def __init__(self, services: Services, before: PersonData, after: PersonData, changed: Callable[[], None],
                 notify: Notify):
        super().__init__(f"Edit {after.printed_name}", services, changed, notify)
        self._before, self._after = before, after

    def redo(self) -> None:
        def step():
            saved = self._services.people.update(self._after)
            self._before = self._before.copy(version=saved.version)
            self._after = saved
        self._run(step)

    def undo(self) -> None:
        def step():
            saved = self._services.people.update(self._before)
            self._after = self._after.copy(version=saved.version)
            self._before = saved
        self._run(step)


class AddPersonCommand(_DirectoryCommand):
    """A new person; undo deletes them again (they hold no role yet, or undo of those steps came first)."""

    def __init__(self, services: Services, data: PersonData, changed: Callable[[], None], notify: Notify):
        super().__init__(f"Add {data.printed_name}", services, changed, notify)
        self._data = data
        self.person: PersonData | None = None

    def redo(self) -> None:
        def step():
            self.person = self._services.people.create(self._data if self.person is None
                                                       else self._data.copy(id=self.person.id))
        self._run(step)

    def undo(self) -> None:
        self._run(lambda: self._services.people.delete(self.person.id))


class DeletePersonCommand(_DirectoryCommand):
    """Delete someone who holds no role; undo brings them back under the same record."""

    def __init__(self, services: Services, person: PersonData, changed: Callable[[], None], notify: Notify):
        super().__init__(f"Delete {person.printed_name}", services, changed, notify)
        self._person = person

    def redo(self) -> None:
        def step():
            self._person = self._services.people.delete(self._person.id)
        self._run(step)

    def undo(self) -> None:
        self._run(lambda: self._services.people.create(self._person))
