"""The People tab: search, contact details edited in place (undoable), each person's roles over the years."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QGuiApplication

from ...core.errors import MhdeskError, ValidationFailed
from ...core.mail import address_list
from ...core.services import Services
from ...core.services.people import PersonData, checked
from ..shared.history_dialog import HistoryDialog, add_history_action, open_history
from .commands import AddPersonCommand, DeletePersonCommand, EditPersonCommand
from .people_model import PeopleModel


class PeoplePanel:
    """Drives the People tab's widgets of the directory form (`ui`)."""

    def __init__(self, ui, services: Services, undo_stack, changed: Callable[[], None],
                 show_status: Callable[[str], None]):
        self.ui = ui
        self._services = services
        self._stack = undo_stack
        self._changed = changed
        self._status = show_status
        self.model = PeopleModel(ui.peopleList)
        ui.peopleList.setModel(self.model)
        self.current: PersonData | None = None
        ui.peopleSearchEdit.textChanged.connect(self.model.set_filter)
        ui.peopleList.selectionModel().currentChanged.connect(lambda current, _: self.show(
            self.model.person(current)))
        ui.savePersonButton.clicked.connect(self.save)
        ui.newPersonButton.clicked.connect(self.new_person)
        ui.deletePersonButton.clicked.connect(self.delete_selected)
        ui.copyPeopleEmailsButton.clicked.connect(self.copy_emails)
        self.history_action = add_history_action(ui.peopleList, self.show_history)

    def reload(self, people: list[PersonData]) -> None:
        keep = self.current.id if self.current else None
        self.model.set_people(people, self._services.people.namesakes(people))
        self.select(keep)

    def select(self, person_id: int | None) -> None:
        row = self.model.row_of(person_id) if person_id is not None else -1
        if row < 0:
            self.show(None)
            return
        self.ui.peopleList.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.show(self.model.person(self.model.index(row)))

    def show(self, person: PersonData | None) -> None:
        self.current = person
        ui = self.ui
        for edit, value in ((ui.familyEdit, person and person.family_name), (ui.givenEdit, person and person.given_name),
                            (ui.titleEdit, person and person.title), (ui.emailEdit, person and person.email),
                            (ui.phoneEdit, person and person.phone)):
            edit.setText(value or "")
        ui.notesEdit.setPlainText((person and person.notes) or "")
        ui.personMessage.clear()
        ui.rolesList.clear()
        if person is not None and person.id is not None:
            roles = self._services.directory.rows(person_id=person.id)
            ui.rolesList.addItems([f"{r.year}  {r.role_text}{' ' + r.programme_area if r.programme_area else ''}, "
                                   f"{r.country or 'regional'}" for r in sorted(roles, key=lambda r: -r.year)]
                                  or ["No role in any year"])
        ui.deletePersonButton.setEnabled(person is not None)

    def typed(self) -> PersonData:
        ui, base = self.ui, self.current or PersonData("")
        return base.copy(family_name=ui.familyEdit.text(), given_name=ui.givenEdit.text(), title=ui.titleEdit.text(),
                         email=ui.emailEdit.text(), phone=ui.phoneEdit.text(), notes=ui.notesEdit.toPlainText())

    def save(self) -> bool:
        typed = self.typed()
        try:
            cleaned = checked(typed)
        except ValidationFailed as exc:
            self.ui.personMessage.setText(str(exc))
            return False
        if self.current is None or self.current.id is None:
            command = AddPersonCommand(self._services, cleaned, self._changed, self._status)
            self._stack.push(command)
            if command.person is not None:
                self.select(command.person.id)
            return command.failed is None
        command = EditPersonCommand(self._services, self.current, cleaned, self._changed, self._status)
        self._stack.push(command)
        self.ui.personMessage.setText(command.failed or "Saved.")
        return command.failed is None

    def new_person(self) -> None:
        self.ui.peopleList.clearSelection()
        self.show(PersonData(""))
        self.ui.familyEdit.setFocus()

    def delete_selected(self) -> bool:
        if self.current is None or self.current.id is None:
            return False
        roles = self._services.directory.rows(person_id=self.current.id)
        if roles:  # said here, before the undo stack sees a step that cannot happen
            try:
                self._services.people.delete(self.current.id)
            except MhdeskError as exc:
                self.ui.personMessage.setText(str(exc))
            return False
        person = self.current
        command = DeletePersonCommand(self._services, person, self._changed, self._status)
        self._stack.push(command)
        if command.failed:
            self.ui.personMessage.setText(command.failed)
            return False
        self._status(f"Deleted {person.printed_name}.")
        self.current = None
        return True

    def show_history(self) -> HistoryDialog | None:
        """The person's changes and the roles they took up and left: who, when, by an edit or an import."""
        person = self.current
        if person is None or person.id is None:
            return None
        try:
            entries = self._services.record_history.of_person(person.id)
        except MhdeskError as exc:
            self._status(str(exc))
            return None
        return open_history(self.ui.peopleList, person.printed_name, entries)

    def selected(self) -> list[PersonData]:
        return [self.model.person(i) for i in self.ui.peopleList.selectionModel().selectedIndexes()]

    def copy_emails(self) -> str:
        text = address_list(self.selected())
        if text:
            QGuiApplication.clipboard().setText(text)
            self._status(f"Copied {text.count('<')} e-mail address{'es' if text.count('<') != 1 else ''}.")
        else:
            self._status("None of the selected people has an e-mail address.")
        return text
