"""The project editor's lists for the newsletter: key achievements per year, photos and testimonies.

Each list edit (add, remove, reorder, a caption or quote changed) is a step of the editor's own undo
history (Undo / Redo beside the photos, Ctrl+Z in the lists); saving the project is then one step of the
window's. Photos are read and checked by core (`core.images`: JPEG or PNG by their bytes, at most
`MAX_BYTES`, a thumbnail made once); a file refused is named with the reason and nothing is added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QKeySequence, QPixmap, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from ...core.images import ImageRefused, image_from_file
from ...core.reporting import reporting_year
from ...core.services.project_records import PhotoData, ProjectData, TestimonyData
from ..shared.file_dialogs import PHOTOS, open_file_names

State = tuple[dict[int, list[str]], list[PhotoData], list[TestimonyData]]


class _Restore(QUndoCommand):
    """A list edit: the three lists before and after it. Edits with the same `merge` key in a row (typing on
    in one quote) make one step."""

    MERGING = 1

    def __init__(self, lists: PublicationLists, text: str, before: State, after: State, merge: str | None = None):
        super().__init__(text)
        self._lists, self._before, self._after, self.merge = lists, before, after, merge

    def id(self) -> int:  # noqa: A003 (Qt's name)
        return self.MERGING if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(other, _Restore) or other.merge != self.merge:
            return False
        self._after = other._after
        return True

    def redo(self) -> None:
        self._lists.restore(self._after)

    def undo(self) -> None:
        self._lists.restore(self._before)


class _FileDrops(QObject):
    """Image files dropped on the photo list are added like chosen ones."""

    def __init__(self, target: QListWidget, add: Callable[[list[Path]], None]):
        super().__init__(target)
        self._add = add
        target.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and event.mimeData().hasUrls():
            event.acceptProposedAction()
            return True
        if kind == QEvent.Type.Drop and event.mimeData().hasUrls():
            self._add([Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()])
            event.acceptProposedAction()
            return True
        return False


class PublicationLists(QObject):
    changed = Signal()

    def __init__(self, ui, project: ProjectData, parent: QObject):
        super().__init__(parent)
        self.ui = ui
        self.undo_stack = QUndoStack(self)
        self.achievements = {year: list(texts) for year, texts in project.achievements.items()}
        self.photos = [replace(p) for p in project.photos]
        self.testimonies = [replace(t) for t in project.testimonies]
        self._quiet = False
        years = sorted(self.achievements)
        ui.achievementYearSpin.setValue(years[-1] if years else reporting_year())
        self._connect()
        self._show_all()

    # ---- state and undo -------------------------------------------------------------------

    def state(self) -> State:
        return ({y: list(t) for y, t in self.achievements.items() if t}, [replace(p) for p in self.photos],
                [replace(t) for t in self.testimonies])

    def restore(self, state: State) -> None:
        achievements, photos, testimonies = state
        self.achievements = {y: list(t) for y, t in achievements.items()}
        self.photos = [replace(p) for p in photos]
        self.testimonies = [replace(t) for t in testimonies]
        self._show_all()
        self.changed.emit()

    def _edit(self, text: str, change: Callable[[], None], merge: str | None = None) -> None:
        """Apply `change` to the lists as one undo step."""
        before = self.state()
        change()
        after = self.state()
        if after != before:
            self.undo_stack.push(_Restore(self, text, before, after, merge))  # redo() shows and announces it

    # ---- widgets ----------------------------------------------------------------------------

    def _connect(self) -> None:
        ui = self.ui
        ui.achievementYearSpin.valueChanged.connect(lambda _year: self._show_achievements())
        ui.addAchievementButton.clicked.connect(self.add_achievement)
        ui.achievementEdit.returnPressed.connect(self.add_achievement)
        ui.removeAchievementButton.clicked.connect(lambda: self._remove(ui.achievementList, "achievement"))
        ui.achievementUpButton.clicked.connect(lambda: self._move(ui.achievementList, -1, "achievement"))
        ui.achievementDownButton.clicked.connect(lambda: self._move(ui.achievementList, 1, "achievement"))
        ui.achievementList.itemChanged.connect(self._achievement_typed)
        ui.addPhotoButton.clicked.connect(self.choose_photos)
        ui.removePhotoButton.clicked.connect(lambda: self._remove(ui.photoList, "photo"))
        ui.photoUpButton.clicked.connect(lambda: self._move(ui.photoList, -1, "photo"))
        ui.photoDownButton.clicked.connect(lambda: self._move(ui.photoList, 1, "photo"))
        ui.photoList.currentRowChanged.connect(lambda _row: self._show_photo_fields())
        ui.captionEdit.editingFinished.connect(self._photo_fields_typed)
        ui.creditEdit.editingFinished.connect(self._photo_fields_typed)
        ui.addTestimonyButton.clicked.connect(self.add_testimony)
        ui.removeTestimonyButton.clicked.connect(lambda: self._remove(ui.testimonyList, "testimony"))
        ui.testimonyUpButton.clicked.connect(lambda: self._move(ui.testimonyList, -1, "testimony"))
        ui.testimonyDownButton.clicked.connect(lambda: self._move(ui.testimonyList, 1, "testimony"))
        ui.testimonyList.currentRowChanged.connect(lambda _row: self._show_testimony_fields())
        for edit in (ui.quoteByEdit, ui.quotePlaceEdit):
            edit.editingFinished.connect(self._testimony_typed)
        ui.quoteEdit.textChanged.connect(self._testimony_typed)
        ui.undoListsButton.clicked.connect(self.undo_stack.undo)
        ui.redoListsButton.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(ui.undoListsButton.setEnabled)
        self.undo_stack.canRedoChanged.connect(ui.redoListsButton.setEnabled)
        ui.undoListsButton.setEnabled(False)
        ui.redoListsButton.setEnabled(False)
        for widget in (ui.achievementList, ui.photoList, ui.testimonyList):
            widget.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
            widget.model().rowsMoved.connect(lambda *_args, widget=widget: self._dragged(widget))
            QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), widget, self.undo_stack.undo,
                      context=Qt.ShortcutContext.WidgetShortcut)
            QShortcut(QKeySequence(QKeySequence.StandardKey.Redo), widget, self.undo_stack.redo,
                      context=Qt.ShortcutContext.WidgetShortcut)
        self._drops = _FileDrops(ui.photoList, self.add_photo_files)

    def _show_all(self) -> None:
        self._quiet = True
        try:
            self._show_achievements()
            self._show_photos()
            self._show_testimonies()
        finally:
            self._quiet = False

    # ---- achievements ------------------------------------------------------------------------

    @property
    def year(self) -> int:
        return self.ui.achievementYearSpin.value()

    def _show_achievements(self) -> None:
        quiet, self._quiet = self._quiet, True
        widget = self.ui.achievementList
        widget.clear()
        for text in self.achievements.get(self.year, []):
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            widget.addItem(item)
        years = sorted(y for y, t in self.achievements.items() if t)
        self.ui.achievementYearsLabel.setText(f"years with achievements: {', '.join(map(str, years))}"
                                              if years else "")
        self._quiet = quiet

    def add_achievement(self) -> None:
        text = self.ui.achievementEdit.text().strip()
        if not text:
            return
        self._edit(f"Add an achievement of {self.year}",
                   lambda: self.achievements.setdefault(self.year, []).append(text))
        self.ui.achievementEdit.clear()

    def _achievement_typed(self, item: QListWidgetItem) -> None:
        if self._quiet:
            return
        row = self.ui.achievementList.row(item)
        text = item.text().strip()

        def change() -> None:
            if text:
                self.achievements[self.year][row] = text
            else:
                del self.achievements[self.year][row]
        self._edit(f"Edit an achievement of {self.year}", change)

    # ---- photos ----------------------------------------------------------------------------------

    def _show_photos(self) -> None:
        widget = self.ui.photoList
        row = widget.currentRow()
        widget.clear()
        for photo in self.photos:
            item = QListWidgetItem(photo.caption or photo.file_name or "(no caption)")
            if photo.thumbnail:
                item.setIcon(QIcon(QPixmap.fromImage(QImage.fromData(photo.thumbnail))))
            elif photo.image is None:
                item.setToolTip(f"The file {photo.file_name or ''} could not be read when the database was "
                                "converted; add the photo again.")
            widget.addItem(item)
        widget.setCurrentRow(min(row, widget.count() - 1))
        self._show_photo_fields()

    def choose_photos(self) -> None:
        paths = open_file_names(self.ui.photoList, "Add photos", PHOTOS, "Photos (*.jpg *.jpeg *.png)",
                                several=True)
        if paths:
            self.add_photo_files(paths)

    def add_photo_files(self, paths: list[Path]) -> list[str]:
        """Add the files that are photos (one undo step); the refused ones are named under the list."""
        added, refused = [], []
        for path in paths:
            try:
                added.append(PhotoData.from_image(image_from_file(path), file_name=path.name))
            except ImageRefused as exc:
                refused.append(str(exc))
        if added:
            self._edit(f"Add {len(added)} photo{'s' if len(added) != 1 else ''}", lambda: self.photos.extend(added))
        self.ui.photoError.setText("\n".join(refused))
        self.ui.photoError.setVisible(bool(refused))
        return refused

    def _show_photo_fields(self) -> None:
        row = self.ui.photoList.currentRow()
        photo = self.photos[row] if 0 <= row < len(self.photos) else None
        for edit, value in ((self.ui.captionEdit, photo.caption if photo else ""),
                            (self.ui.creditEdit, photo.credit if photo else "")):
            edit.setEnabled(photo is not None)
            edit.setText(value or "")

    def _photo_fields_typed(self) -> None:
        row = self.ui.photoList.currentRow()
        if not 0 <= row < len(self.photos):
            return
        caption = self.ui.captionEdit.text().strip() or None
        credit = self.ui.creditEdit.text().strip() or None

        def change() -> None:
            self.photos[row] = replace(self.photos[row], caption=caption, credit=credit)
        self._edit("Edit a photo's caption", change)

    # ---- testimonies -------------------------------------------------------------------------------

    def _show_testimonies(self) -> None:
        widget = self.ui.testimonyList
        row = widget.currentRow()
        widget.blockSignals(True)
        widget.clear()
        for testimony in self.testimonies:
            by = ", ".join(p for p in (testimony.author, testimony.place) if p)
            widget.addItem(f"“{testimony.quote}”" + (f" — {by}" if by else ""))
        widget.setCurrentRow(min(row, widget.count() - 1))
        widget.blockSignals(False)
        self._show_testimony_fields()

    def add_testimony(self) -> None:
        self._edit("Add a testimony", lambda: self.testimonies.append(TestimonyData("New quote")))
        self.ui.testimonyList.setCurrentRow(len(self.testimonies) - 1)
        self.ui.quoteEdit.setFocus()
        self.ui.quoteEdit.selectAll()

    def _show_testimony_fields(self) -> None:
        row = self.ui.testimonyList.currentRow()
        testimony = self.testimonies[row] if 0 <= row < len(self.testimonies) else None
        quote = testimony.quote if testimony else ""
        if self.ui.quoteEdit.toPlainText().strip() != quote:  # not while typing: the cursor stays put
            self.ui.quoteEdit.blockSignals(True)
            self.ui.quoteEdit.setPlainText(quote)
            self.ui.quoteEdit.blockSignals(False)
        self.ui.quoteByEdit.setText(testimony.author or "" if testimony else "")
        self.ui.quotePlaceEdit.setText(testimony.place or "" if testimony else "")
        for widget in (self.ui.quoteEdit, self.ui.quoteByEdit, self.ui.quotePlaceEdit):
            widget.setEnabled(testimony is not None)

    def _testimony_typed(self) -> None:
        row = self.ui.testimonyList.currentRow()
        if self._quiet or not 0 <= row < len(self.testimonies):
            return
        typed = TestimonyData(self.ui.quoteEdit.toPlainText().strip(), self.ui.quoteByEdit.text().strip() or None,
                              self.ui.quotePlaceEdit.text().strip() or None)
        if typed != self.testimonies[row]:
            self._edit("Edit a testimony", lambda: self.testimonies.__setitem__(row, typed), merge=f"testimony {row}")

    # ---- shared list moves ------------------------------------------------------------------------

    def _rows_of(self, what: str) -> list:
        if what == "achievement":
            return self.achievements.setdefault(self.year, [])
        return self.photos if what == "photo" else self.testimonies

    def _remove(self, widget: QListWidget, what: str) -> None:
        row = widget.currentRow()
        rows = self._rows_of(what)
        if 0 <= row < len(rows):
            self._edit(f"Remove a {what}", lambda: rows.pop(row))

    def _move(self, widget: QListWidget, step: int, what: str) -> None:
        row = widget.currentRow()
        rows = self._rows_of(what)
        target = row + step
        if 0 <= row < len(rows) and 0 <= target < len(rows):
            def change() -> None:
                rows[row], rows[target] = rows[target], rows[row]
            self._edit(f"Move a {what}", change)
            widget.setCurrentRow(target)

    def _dragged(self, widget: QListWidget) -> None:
        """A drag reordered the widget's items: the list follows, as one undo step."""
        if self._quiet:
            return
        what = {id(self.ui.achievementList): "achievement", id(self.ui.photoList): "photo"}.get(id(widget),
                                                                                             "testimony")
        rows = self._rows_of(what)
        labels = [widget.item(i).text() for i in range(widget.count())]
        old_labels = [self._label(what, r) for r in rows]
        order: list[int] = []
        for label in labels:
            index = next(i for i, old in enumerate(old_labels) if old == label and i not in order)
            order.append(index)
        reordered = [rows[i] for i in order]
        self._edit(f"Move a {what}", lambda: rows.__setitem__(slice(None), reordered))

    def _label(self, what: str, row) -> str:
        if what == "achievement":
            return row
        if what == "photo":
            return row.caption or row.file_name or "(no caption)"
        by = ", ".join(p for p in (row.author, row.place) if p)
        return f"“{row.quote}”" + (f" — {by}" if by else "")
