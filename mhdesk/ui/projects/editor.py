"""The form that adds or edits one project (forms/projects/editor.ui).

Amounts and dates are typed as in a mission's return and read by the same core
parsers; beside each the form says what it understood (`USD 1,808,229.44`,
`30 Jun 2019`). The form checks itself on every change with the rules the
services apply (core `check_project`) and shows each message beside its field
once that field has been edited, so a form never opens covered in red; OK stays
disabled while anything is wrong. Saving is handed to a callable, so a refusal
from the database (a code already taken, a record changed elsewhere) lands in
the form, which then stays open. Closing a changed form asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QMessageBox, QWidget

from ...core.errors import Issue, MhdeskError, ValidationFailed
from ...core.models import STATUSES
from ...core.parsing import (
    COMMON_CURRENCIES,
    CURRENCY_CODES,
    Amount,
    ParseError,
    parse_amount,
    parse_currency,
    parse_date,
)
from ...core.services.project_records import ProjectData
from ...core.services.project_rules import area_from_code, check_project
from ..shared import formatting
from ..shared.editor_fields import (
    checked,
    fill_checklist,
    fill_combo,
    read_typed,
    select_value,
    set_checked,
    show_understood,
    split_names,
)
from ..shared.form_loader import load_form
from .publication_lists import PublicationLists

# Where the messages about each field (as core names them) are shown.
ERROR_LABELS = {
    "Code": "codeError", "Title": "titleError", "Programme area": "areaError", "Status": "statusError",
    "Budget": "budgetError", "Currency": "budgetError", "Health budget": "healthBudgetError",
    "Start": "startError", "End": "endError", "Extended to": "extendedError",
    "Managing mission": "missionError", "Countries": "countriesError", "Thematic areas": "themesError",
}
# Typed fields: core's field name -> the widget name stem ("budget" for budgetEdit, budgetUnderstood).
AMOUNT_FIELDS = {"Budget": "budget", "Health budget": "healthBudget"}
DATE_FIELDS = {"Start": "start", "End": "end", "Extended to": "extended"}
ENDS = {"End", "Extended to"}  # a month alone stands for its last day


class ProjectEditor(QDialog):
    def __init__(self, catalog, project: ProjectData | None, save: Callable[[ProjectData], object],
                 parent: QWidget | None = None, title: str | None = None):
        super().__init__(parent)
        self.ui = load_form(self, "projects/editor.ui")
        self._save = save
        self._is_new = project is None
        self._original = project or ProjectData(code="", title="")
        self._touched: set[str] = set()  # fields the user has edited: these show their messages
        self._issues_at_open: set[Issue] | None = None  # others show theirs once an edit brought them about
        self._refusal: list[Issue] = []
        self.discard_question: QMessageBox | None = None  # open while asking whether to discard changes
        for name in set(ERROR_LABELS.values()) | {"messageLabel"}:
            getattr(self.ui, name).setProperty("role", "error")
        for stem in (*AMOUNT_FIELDS.values(), *DATE_FIELDS.values()):
            getattr(self.ui, f"{stem}Understood").setProperty("role", "hint")
        self.setWindowTitle(title or (f"Edit {project.code}" if project else "New project"))
        self._fill_choices(catalog)
        self._load(self._original)
        self.lists = PublicationLists(self.ui, self._original, self)  # achievements, photos, testimonies
        self._loaded_state = self._state()
        for button in self.ui.buttonBox.buttons():
            button.setIcon(QIcon())  # plain text buttons, whatever the desktop theme adds
        self._connect()
        self.validate()

    @property
    def ok_button(self):
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)

    # ---- widgets <-> record ----------------------------------------------------

    def _fill_choices(self, catalog) -> None:
        ui = self.ui
        fill_combo(ui.areaCombo, [("—", None)] + [
            (f"{code} / {h_code} · {name}", code) for code, h_code, name in catalog.programme_areas])
        fill_combo(ui.statusCombo, [(status.capitalize(), status) for status in STATUSES])
        ui.currencyCombo.addItems(["", *COMMON_CURRENCIES])
        ui.currencyCombo.insertSeparator(ui.currencyCombo.count())
        ui.currencyCombo.addItems(sorted(CURRENCY_CODES - set(COMMON_CURRENCIES)))
        fill_combo(ui.missionCombo, [("—", None)] + [(c.name, c.name) for c in catalog.countries])
        fill_checklist(ui.countriesList, [c.name for c in catalog.countries])
        fill_checklist(ui.themesList, catalog.thematic_areas)

    def _load(self, project: ProjectData) -> None:
        ui = self.ui
        ui.codeEdit.setText(project.code)
        ui.titleEdit.setText(project.title)
        ui.titleEdit.setCursorPosition(0)  # show a long title from its start
        select_value(ui.areaCombo, project.programme_area)
        select_value(ui.statusCombo, project.status)
        ui.donorsEdit.setPlainText("\n".join(project.donors))
        ui.budgetEdit.setText(formatting.money(project.budget, None))
        ui.currencyCombo.setCurrentText(project.currency or "")
        ui.healthBudgetEdit.setText(formatting.money(project.health_budget, None))
        for field, stem in DATE_FIELDS.items():
            getattr(ui, f"{stem}Edit").setText(formatting.day(getattr(project, _attribute(field))))
        select_value(ui.missionCombo, project.managing_mission)
        set_checked(ui.countriesList, project.countries)
        set_checked(ui.themesList, project.thematic_areas)
        ui.summaryEdit.setPlainText(project.summary or "")

    def project(self) -> tuple[ProjectData, list[Issue]]:
        """The record as the form shows it, and everything wrong with it."""
        ui = self.ui
        issues: list[Issue] = []
        currency = self._currency(issues)
        amounts = {field: self._amount(field, currency, issues) for field in AMOUNT_FIELDS}
        dates = {field: self._date(field, issues) for field in DATE_FIELDS}
        data = self._original.copy(
            code=ui.codeEdit.text().strip().upper(),
            title=ui.titleEdit.text().strip(),
            programme_area=ui.areaCombo.currentData(),
            status=ui.statusCombo.currentData(),
            donors=split_names(ui.donorsEdit.toPlainText()),
            budget=amounts["Budget"],
            currency=currency,
            health_budget=amounts["Health budget"],
            start=dates["Start"],
            end=dates["End"],
            extended_to=dates["Extended to"],
            managing_mission=ui.missionCombo.currentData(),
            countries=checked(ui.countriesList),
            thematic_areas=checked(ui.themesList),
            summary=ui.summaryEdit.toPlainText().strip() or None,
        )
        achievements, photos, testimonies = self.lists.state()
        data = data.copy(achievements=achievements, photos=photos, testimonies=testimonies)
        return data, issues + check_project(data)

    def _currency(self, issues: list[Issue]):
        text = self.ui.currencyCombo.currentText().strip()
        if not text:
            return None
        try:
            return parse_currency(text)
        except ParseError as exc:
            issues.append(Issue("Currency", str(exc)))
            return text.upper()

    def _amount(self, field: str, currency: str | None, issues: list[Issue]):
        edit = self._edit(AMOUNT_FIELDS[field])
        try:
            amount: Amount | None = read_typed(edit, parse_amount)
        except ParseError as exc:
            issues.append(Issue(field, f"{exc}; write it like 85,000 or USD 1,808,229.44"))
            return None
        if amount is None:
            return None
        if amount.currency and currency and amount.currency != currency:
            issues.append(Issue(field, f'"{edit.text().strip()}" is in {amount.currency} but the currency is '
                                       f"{currency}; give one currency per project"))
        return amount.value

    def _date(self, field: str, issues: list[Issue]) -> date | None:
        try:
            return read_typed(self._edit(DATE_FIELDS[field]), lambda text: parse_date(text, end=field in ENDS))
        except ParseError as exc:
            issues.append(Issue(field, f"{exc}; write it like 2019-06-01, 1.6.2019 or June 2019"))
            return None

    def _edit(self, stem: str) -> QLineEdit:
        return getattr(self.ui, f"{stem}Edit")

    def _state(self) -> tuple:
        """Everything the form shows, as typed: what closing would discard if it changed."""
        ui = self.ui
        texts = tuple(edit.text() for edit in self.findChildren(QLineEdit) if edit.parent() is not ui.currencyCombo)
        return (texts, ui.currencyCombo.currentText(), ui.areaCombo.currentIndex(), ui.statusCombo.currentIndex(),
                ui.missionCombo.currentIndex(), ui.donorsEdit.toPlainText(), ui.summaryEdit.toPlainText(),
                tuple(checked(ui.countriesList)), tuple(checked(ui.themesList)), self.lists.state())

    def is_changed(self) -> bool:
        return self._state() != self._loaded_state

    # ---- checking ---------------------------------------------------------------

    def _connect(self) -> None:
        ui = self.ui
        ui.codeEdit.textEdited.connect(self._code_edited)
        ui.titleEdit.textEdited.connect(lambda _: self._edited("Title"))
        ui.areaCombo.currentIndexChanged.connect(lambda _: self._edited("Programme area"))
        ui.statusCombo.currentIndexChanged.connect(lambda _: self._edited("Status"))
        ui.donorsEdit.textChanged.connect(lambda: self._edited())
        for field, stem in AMOUNT_FIELDS.items():
            self._edit(stem).textEdited.connect(lambda _, field=field: self._amount_edited(field))
        ui.currencyCombo.currentTextChanged.connect(lambda _: self._edited("Currency"))
        for field, stem in DATE_FIELDS.items():
            self._edit(stem).textEdited.connect(lambda _, field=field: self._edited(field))
        ui.missionCombo.currentIndexChanged.connect(lambda _: self._edited("Managing mission"))
        ui.countriesList.itemChanged.connect(lambda _: self._edited("Countries"))
        ui.themesList.itemChanged.connect(lambda _: self._edited("Thematic areas"))
        ui.summaryEdit.textChanged.connect(lambda: self._edited())
        self.lists.changed.connect(lambda: self._edited())
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)

    def _code_edited(self, text: str) -> None:
        area = area_from_code(text.strip())
        if area:  # MA/MP/MH codes name their programme area: fill it in
            select_value(self.ui.areaCombo, area)
        self._edited("Code")

    def _amount_edited(self, field: str) -> None:
        """An amount that names its currency sets the project's, unless the other amount names another."""
        named = self._named_currency(field)
        others = {self._named_currency(other) for other in AMOUNT_FIELDS if other != field} - {None}
        if named and not others - {named}:
            self.ui.currencyCombo.setCurrentText(named)
        self._edited(field)

    def _named_currency(self, field: str) -> str | None:
        try:
            amount = read_typed(self._edit(AMOUNT_FIELDS[field]), parse_amount)
        except ParseError:
            return None
        return amount.currency if amount else None

    def _edited(self, *fields: str) -> None:
        self._touched.update(fields or {"any"})
        self._refusal = []
        self.validate()

    def validate(self) -> bool:
        data, issues = self.project()
        if self._issues_at_open is None:
            self._issues_at_open = set(issues)
        issues = issues + self._refusal
        self._show_understood(data, issues)
        by_label: dict[str, list[str]] = {}
        pending: list[str] = []  # wrong, but in a field not edited yet
        notes: list[str] = []  # not about one field (e.g. the record changed elsewhere)
        for issue in issues:
            label = ERROR_LABELS.get(issue.field)
            if label is None:
                notes.append(self._sentence(issue))
            elif issue.field in self._touched or issue not in self._issues_at_open:
                by_label.setdefault(label, []).append(self._sentence(issue))
            else:
                pending.append(str(issue))
        for label in set(ERROR_LABELS.values()):
            _show(getattr(self.ui, label), by_label.get(label, []))
        if pending and self._touched:
            notes.insert(0, f"To save: {'; '.join(pending)}.")
        _show(self.ui.messageLabel, notes)
        # an existing record opened and left as it was can always be closed with OK
        self.ok_button.setEnabled(not issues or (not self._is_new and not self.is_changed()))
        return not issues

    def _show_understood(self, data: ProjectData, issues: list[Issue]) -> None:
        wrong = {issue.field for issue in issues}
        for field, stem in AMOUNT_FIELDS.items():
            value = data.budget if field == "Budget" else data.health_budget
            understood = None if value is None or field in wrong else str(Amount(value, data.currency))
            show_understood(getattr(self.ui, f"{stem}Understood"), self._edit(stem), understood)
        for field, stem in DATE_FIELDS.items():
            value = getattr(data, _attribute(field))
            show_understood(getattr(self.ui, f"{stem}Understood"), self._edit(stem), formatting.day(value) or None)

    @staticmethod
    def _sentence(issue: Issue) -> str:
        text = issue.message
        return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")

    # ---- saving and closing -------------------------------------------------------

    def accept(self) -> None:
        if not self._is_new and not self.is_changed():
            super().accept()
            return
        data, issues = self.project()
        if issues:
            self._touched.update(ERROR_LABELS)
            self.validate()
            return
        try:
            self._save(data)
        except ValidationFailed as exc:
            self._refuse(exc.issues)
            return
        except MhdeskError as exc:
            self._refuse([Issue("Database", str(exc))])
            return
        super().accept()

    def reject(self) -> None:
        """Escape, Cancel and the window's close button: a changed form asks before its changes are dropped."""
        if not self.is_changed():
            super().reject()
            return
        if self.discard_question is not None:
            self.discard_question.raise_()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), "Discard changes?",
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText("What was typed in this form has not been saved.")
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        for button in box.buttons():
            button.setIcon(QIcon())
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered() -> None:
            self.discard_question = None
            if box.clickedButton() is discard:
                super(ProjectEditor, self).reject()

        box.finished.connect(answered)
        self.discard_question = box
        box.open()

    def _refuse(self, issues: list[Issue]) -> None:
        self._touched.update(ERROR_LABELS)
        self._refusal = list(issues)
        self.validate()


def _attribute(field: str) -> str:
    return field.lower().replace(" ", "_")


def _show(label: QLabel, lines: list[str]) -> None:
    label.setText("\n".join(lines))
    label.setVisible(bool(lines))
