"""Everyone in the directory as a list that filters as you type; a dragged person can be dropped on a cell."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from ...core.services.people import PersonData
from .grid_model import PERSON_MIME, encode_people

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1
FLAGGED = QColor("#b45309")


class PeopleModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[PersonData] = []
        self._shown: list[PersonData] = []
        self._namesakes: dict[int, list[int]] = {}
        self._text = ""

    def set_people(self, people: list[PersonData], namesakes: dict[int, list[int]]) -> None:
        self.beginResetModel()
        self._all, self._namesakes = people, namesakes
        self._shown = self._matching()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._text = text.strip().casefold()
        self._shown = self._matching()
        self.endResetModel()

    def _matching(self) -> list[PersonData]:
        if not self._text:
            return list(self._all)
        return [p for p in self._all
                if self._text in " ".join((p.printed_name, p.email or "", p.phone or "")).casefold()]

    def person(self, index: QModelIndex) -> PersonData | None:
        return self._shown[index.row()] if index.isValid() else None

    def row_of(self, person_id: int) -> int:
        return next((n for n, p in enumerate(self._shown) if p.id == person_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        person = self._shown[index.row()]
        flagged = person.id in self._namesakes
        if role == Qt.ItemDataRole.DisplayRole:
            return person.printed_name + (f"  <{person.email}>" if person.email else "") + ("  ⚠" if flagged else "")
        if role == PERSON_ROLE:
            return person
        if role == Qt.ItemDataRole.ForegroundRole and flagged:
            return FLAGGED
        if role == Qt.ItemDataRole.ToolTipRole and flagged:
            return ("Someone else has the same name and no e-mail tells them apart: check whether they are one "
                    "person; they are never merged on their own.")
        return None

    def flags(self, index: QModelIndex):
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [PERSON_MIME]

    def mimeData(self, indexes):  # noqa: N802
        ids = list(dict.fromkeys(self._shown[i.row()].id for i in indexes if i.isValid()))
        return encode_people(ids)

    def supportedDragActions(self):  # noqa: N802
        return Qt.DropAction.CopyAction
