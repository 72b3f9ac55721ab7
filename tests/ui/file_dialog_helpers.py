"""Answering the window's real file dialogs as a person would: look at the folder, then choose or cancel."""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QLineEdit


@dataclass
class SeenDialog:
    """What the dialog showed before it was answered."""

    caption: str = ""
    folder: Path | None = None  # where it opened
    listed: list[str] = field(default_factory=list)  # the names it lists in the folder it was answered in
    name: str = ""  # the file name it suggested


def answer_file_dialog(qtbot, choose: Path | str | None = None, *, go_to: Path | None = None,
                       look_at_every_file: bool = False) -> SeenDialog:
    """Answer the next file dialog: wait until it has listed its folder, then choose `choose` (None: Cancel).

    `go_to` is a folder the person goes to first (what the dialog showed at first is in the answer).

    With `look_at_every_file`, first ask the dialog's model for every file's icon and type, hidden ones too,
    as the views do while a person scrolls the list.
    """
    seen = SeenDialog()

    def respond() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, respond)
            return
        try:
            answer(dialog)
        except BaseException:
            dialog.reject()  # the test fails on what was raised, instead of waiting for ever on the dialog
            raise

    def answer(dialog: QFileDialog) -> None:
        model = dialog.findChild(QFileSystemModel)
        seen.caption, seen.folder = dialog.windowTitle(), Path(dialog.directory().absolutePath())
        seen.name = Path(dialog.selectedFiles()[0]).name if dialog.selectedFiles() else ""
        if go_to is not None:
            dialog.setDirectory(str(go_to))
        folder = dialog.directory().absolutePath()
        # Everything the model will hold: folders, and files its name filter keeps (dot files are not listed).
        patterns = model.nameFilters() or ["*"]
        expected = [p for p in Path(folder).iterdir() if not p.name.startswith(".")
                    and (p.is_dir() or any(fnmatch(p.name, pattern) for pattern in patterns))]
        qtbot.waitUntil(lambda: model.rowCount(model.index(folder)) >= len(expected), timeout=10000)
        root = model.index(folder)
        if look_at_every_file:
            for row in range(model.rowCount(root)):
                for column in range(model.columnCount(root)):
                    index = model.index(row, column, root)
                    model.data(index, Qt.ItemDataRole.DisplayRole)
                    model.data(index, Qt.ItemDataRole.DecorationRole)
                model.type(model.index(row, 0, root))
                model.fileIcon(model.index(row, 0, root))
            qtbot.wait(300)  # icons are fetched on the model's own thread
        proxy = dialog.proxyModel()
        shown = proxy.mapFromSource(root) if proxy is not None else root
        listing = proxy if proxy is not None else model
        seen.listed = sorted(listing.index(r, 0, shown).data() for r in range(listing.rowCount(shown)))
        if choose is None:
            dialog.reject()
        else:
            target = Path(choose)
            dialog.setDirectory(str(target.parent))
            dialog.findChild(QLineEdit, "fileNameEdit").setText(target.name)  # typed, as a person does
            dialog.accept()

    QTimer.singleShot(0, respond)
    return seen
