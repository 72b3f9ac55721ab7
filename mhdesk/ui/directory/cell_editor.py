"""The editor of one grid cell: who is in it, in which order, with which role; people found as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ...core.directory_roles import HEAD_ROLES, REGIONAL_ROLES, role_label
from ...core.services.directory import HEAD, REGIONAL, CellEntry, CellState
from ...core.services.people import PersonData

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


def _choice(person: PersonData) -> str:
    """How a person is offered for completion: the printed name, and the e-mail that tells namesakes apart."""
    return person.printed_name + (f" <{person.email}>" if person.email else f" (#{person.id})")


class CellEditor(QDialog):
    """Edit a cell's people; `entries()` gives the result in order."""

    def __init__(self, state: CellState, people: list[PersonData], parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(f"Edit {state.key.describe()}")
        self.setObjectName("CellEditor")
        self._people = {_choice(p): p for p in people}
        self._names = {p.id: p.printed_name for p in people}

        self.list = QListWidget(self)
        self.list.setAccessibleName("People in this cell")
        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText("Type a name or e-mail to add someone")
        self.find_edit.setAccessibleName("Person to add")
        completer = QCompleter(sorted(self._people), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.find_edit.setCompleter(completer)
        self.role_combo = QComboBox(self)
        self.role_combo.setAccessibleName("Role")
        roles = REGIONAL_ROLES if state.key.slot == REGIONAL else HEAD_ROLES if state.key.slot == HEAD else ("FP",)
        for code in roles:
            self.role_combo.addItem(role_label(code), code)
        self.role_combo.setVisible(len(roles) > 1)
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("Title, e.g. RC for UA & MD")
        self.title_edit.setAccessibleName("Regional title")
        self.title_edit.setVisible(state.key.slot == REGIONAL)
        self.add_button = QPushButton("&Add", self)
        self.remove_button = QPushButton("&Remove", self)
        self.up_button = QPushButton("Move &up", self)
        self.down_button = QPushButton("Move &down", self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)

        adding = QGridLayout()
        adding.addWidget(self.find_edit, 0, 0, 1, 3)
        adding.addWidget(self.role_combo, 1, 0)
        adding.addWidget(self.title_edit, 1, 1)
        adding.addWidget(self.add_button, 1, 2)
        side = QVBoxLayout()
        for button in (self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(middle)
        layout.addLayout(adding)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        for entry in state.entries:
            self._append(entry)
        self.add_button.clicked.connect(self.add_typed)
        self.find_edit.returnPressed.connect(self.add_typed)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.resize(520, 360)

    def _append(self, entry: CellEntry) -> None:
        name = entry.name or self._names.get(entry.person_id, f"#{entry.person_id}")
        text = name if entry.role == "FP" else f"{name}, {entry.title or role_label(entry.role)}"
        item = QListWidgetItem(text)
        item.setData(ENTRY_ROLE, entry)
        self.list.addItem(item)

    def entries(self) -> list[CellEntry]:
        return [self.list.item(row).data(ENTRY_ROLE) for row in range(self.list.count())]

    def add_person(self, person: PersonData) -> bool:
        role = self.role_combo.currentData()
        title = self.title_edit.text().strip() or None
        if role in REGIONAL_ROLES and not title:
            title = role if role == "RTS" else None
            if title is None:
                self.message.setText("A regional coordinator needs a title naming the countries (RC for UA & MD).")
                return False
        entry = CellEntry(person.id, role, title, person.printed_name, person.email, person.phone)
        if any(entry.same_role(other) for other in self.entries()):
            self.message.setText(f"{person.printed_name} is already in this cell.")
            return False
        self._append(entry)
        self.message.clear()
        return True

    def add_typed(self) -> None:
        typed = self.find_edit.text().strip()
        person = self._people.get(typed) or self._only_match(typed)
        if person is None:
            self.message.setText(f"No one in the directory is called “{typed}”; add them in the People tab first."
                                 if typed else "Type a name to add someone.")
            return
        if self.add_person(person):
            self.find_edit.clear()

    def _only_match(self, typed: str) -> PersonData | None:
        needle = typed.casefold()
        matches = [p for choice, p in self._people.items() if needle and needle in choice.casefold()]
        return matches[0] if len(matches) == 1 else None

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def move_selected(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
