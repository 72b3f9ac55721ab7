"""Taking .xlsx workbooks dropped from a file manager: the window and the review dialog both do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

from .return_files import workbook_paths


class WorkbookDropTarget:
    """Mix into a QWidget (before the Qt class) that takes dropped workbooks; it calls
    `workbooks_dropped(paths, others)` with the local .xlsx files and a count of anything else."""

    def accepts_workbooks(self) -> bool:
        return True

    def workbooks_dropped(self, paths: list[Path], others: int) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if workbook_paths(event.mimeData())[0] and self.accepts_workbooks():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt's name
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths, others = workbook_paths(event.mimeData())
        if not paths or not self.accepts_workbooks():
            event.ignore()
            return
        event.acceptProposedAction()
        self.workbooks_dropped(paths, others)
