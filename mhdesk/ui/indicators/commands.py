"""Indicator figures as undo steps: one QUndoCommand per typed figure, pasted block, breakdown or clearing.

Each step writes whole cells through the core services against the versions they were read with; a
step that finds a cell changed elsewhere (StaleRecord) says so and marks itself obsolete, so the stack
never replays it over someone else's figure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from ...core.errors import MhdeskError
from ...core.services import Services
from ...core.services.indicator_cells import CellValues


class SetCellsCommand(QUndoCommand):
    """Give these cells these values (all in one transaction); undo gives them back what they held."""

    def __init__(self, services: Services, before: Sequence[CellValues], after: Sequence[CellValues], text: str,
                 changed: Callable[[], None], notify: Callable[[str], None]):
        super().__init__(text)
        self._services = services
        self._before = [dict(c.values) for c in before]
        self._after = [dict(c.values) for c in after]
        self._current = list(before)  # as read, with the versions the next write is checked against
        self._changed = changed
        self._notify = notify
        self.failed: str | None = None

    def redo(self) -> None:
        self._write(self._after)

    def undo(self) -> None:
        self._write(self._before)

    def _write(self, wanted: list[dict]) -> None:
        cells_service = self._services.indicator_cells
        cells = [CellValues(c.indicator_code, c.country, c.year, dict(values), dict(c.versions))
                 for c, values in zip(self._current, wanted)]
        try:
            cells_service.save(cells)
            self._current = [cells_service.read(c.indicator_code, c.country, c.year) for c in cells]
        except MhdeskError as error:
            self.failed = str(error)
            self._notify(str(error))
            self.setObsolete(True)
        self._changed()
