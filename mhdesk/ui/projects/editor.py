"""The form that adds or edits one project (forms/projects/editor.ui).

The form checks itself on every change with the same rules the services
apply (core `check_project`) and shows each message beside its field; OK
stays disabled while anything is wrong. Saving is handed to a callable, so a
refusal from the database (a code already taken, a record changed elsewhere)
lands in the form, which then stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from ...core.errors import Issue, MhdeskError, ValidationFailed
from ...core.models import STATUSES
from ...core.services.project_records import ProjectData
from ...core.services.project_rules import area_from_code, check_project
from ..shared import formatting
from ..shared.editor_fields import (
    checked,
    fill_checklist,
    fill_combo,
    link_optional_date,
    optional_date,
    parse_amount,
    select_value,
    set_checked,
    set_optional_date,
    split_names,
)
from ..shared.form_loader import load_form

# Where the messages about each field (as core names them) are shown.
ERROR_LABELS = {
    "Code": "codeError", "Title": "titleError", "Programme area": "areaError", "Status": "statusError",
    "Budget": "budgetError", "Currency": "budgetError", "Health budget": "healthBudgetError",
    "Start": "startError", "End": "endError", "Extended to": "extendedError",
    "Managing mission": "missionError", "Countries": "countriesError", "Thematic areas": "themesError",
}
CURRENCIES = ("", "USD", "EUR", "CHF", "GBP")
DATE_FIELDS = {"Start", "End", "Extended to"}


class ProjectEditor(QDialog):
    def __init__(self, catalog, project: ProjectData | None, save: Callable[[ProjectData], object],
                 parent: QWidget | None = None, title: str | None = None):
        super().__init__(parent)
        self.ui = load_form(self, "projects/editor.ui")
        self._save = save
        self._original = project or ProjectData(code="", title="")
        # Messages appear once a field has been edited, so a new form does not open covered in red.
        self._touched: set[str] = set(ERROR_LABELS) if project is not None else set()
        self._refusal: list[Issue] = []
        for name in set(ERROR_LABELS.values()) | {"messageLabel"}:
            getattr(self.ui, name).setProperty("role", "error")
        self.setWindowTitle(title or (f"Edit {project.code}" if project else "New project"))
        self._fill_choices(catalog)
        self._load(self._original)
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
        ui.currencyCombo.addItems(CURRENCIES)
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
        today = date.today()
        set_optional_date(ui.startCheck, ui.startDate, project.start, today)
        set_optional_date(ui.endCheck, ui.endDate, project.end, project.start or today)
        set_optional_date(ui.extendedCheck, ui.extendedDate, project.extended_to, project.end or today)
        select_value(ui.missionCombo, project.managing_mission)
        set_checked(ui.countriesList, project.countries)
        set_checked(ui.themesList, project.thematic_areas)
        ui.summaryEdit.setPlainText(project.summary or "")

    def project(self) -> tuple[ProjectData, list[Issue]]:
        """The record as the form shows it, and everything wrong with it."""
        ui = self.ui
        issues: list[Issue] = []
        amounts = {}
        for field, edit in (("Budget", ui.budgetEdit), ("Health budget", ui.healthBudgetEdit)):
            try:
                amounts[field] = parse_amount(edit.text())
            except ValueError as exc:
                issues.append(Issue(field, str(exc)))
                amounts[field] = None
        data = self._original.copy(
            code=ui.codeEdit.text().strip().upper(),
            title=ui.titleEdit.text().strip(),
            programme_area=ui.areaCombo.currentData(),
            status=ui.statusCombo.currentData(),
            donors=split_names(ui.donorsEdit.toPlainText()),
            budget=amounts["Budget"],
            currency=ui.currencyCombo.currentText().strip().upper() or None,
            health_budget=amounts["Health budget"],
            start=optional_date(ui.startCheck, ui.startDate),
            end=optional_date(ui.endCheck, ui.endDate),
            extended_to=optional_date(ui.extendedCheck, ui.extendedDate),
            managing_mission=ui.missionCombo.currentData(),
            countries=checked(ui.countriesList),
            thematic_areas=checked(ui.themesList),
            summary=ui.summaryEdit.toPlainText().strip() or None,
        )
        return data, issues + check_project(data)

    # ---- checking ---------------------------------------------------------------

    def _connect(self) -> None:
        ui = self.ui
        for check, edit in ((ui.startCheck, ui.startDate), (ui.endCheck, ui.endDate),
                            (ui.extendedCheck, ui.extendedDate)):
            link_optional_date(check, edit)
            check.toggled.connect(lambda _=None: self._edited(*DATE_FIELDS))
            edit.dateChanged.connect(lambda _=None: self._edited(*DATE_FIELDS))
        ui.codeEdit.textEdited.connect(self._code_edited)
        ui.titleEdit.textEdited.connect(lambda _: self._edited("Title"))
        ui.areaCombo.currentIndexChanged.connect(lambda _: self._edited("Programme area"))
        ui.statusCombo.currentIndexChanged.connect(lambda _: self._edited("Status"))
        ui.donorsEdit.textChanged.connect(lambda: self._edited())
        ui.budgetEdit.textEdited.connect(lambda _: self._edited("Budget"))
        ui.currencyCombo.currentTextChanged.connect(lambda _: self._edited("Currency"))
        ui.healthBudgetEdit.textEdited.connect(lambda _: self._edited("Health budget"))
        ui.missionCombo.currentIndexChanged.connect(lambda _: self._edited("Managing mission"))
        ui.countriesList.itemChanged.connect(lambda _: self._edited("Countries"))
        ui.themesList.itemChanged.connect(lambda _: self._edited("Thematic areas"))
        ui.summaryEdit.textChanged.connect(lambda: self._edited())
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)

    def _code_edited(self, text: str) -> None:
        area = area_from_code(text.strip())
        if area:  # MA/MP/MH codes name their programme area: fill it in
            select_value(self.ui.areaCombo, area)
        self._edited("Code")

    def _edited(self, *fields: str) -> None:
        self._touched.update(fields)
        self._refusal = []
        self.validate()

    def validate(self) -> bool:
        _, issues = self.project()
        issues = issues + self._refusal
        by_label: dict[str, list[str]] = {}
        pending: list[str] = []  # wrong, but in a field not edited yet
        notes: list[str] = []  # not about one field (e.g. the record changed elsewhere)
        for issue in issues:
            label = ERROR_LABELS.get(issue.field)
            if label is None:
                notes.append(self._sentence(issue))
            elif issue.field in self._touched:
                by_label.setdefault(label, []).append(self._sentence(issue))
            else:
                pending.append(str(issue))
        for label in set(ERROR_LABELS.values()):
            _show(getattr(self.ui, label), by_label.get(label, []))
        if pending:
            notes.insert(0, f"To save: {'; '.join(pending)}.")
        _show(self.ui.messageLabel, notes)
        self.ok_button.setEnabled(not issues)
        return not issues

    @staticmethod
    def _sentence(issue: Issue) -> str:
        text = issue.message
        return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")

    # ---- saving -----------------------------------------------------------------

    def accept(self) -> None:
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

    def _refuse(self, issues: list[Issue]) -> None:
        self._touched.update(ERROR_LABELS)
        self._refusal = list(issues)
        self.validate()


def _show(label: QLabel, lines: list[str]) -> None:
    label.setText("\n".join(lines))
    label.setVisible(bool(lines))
