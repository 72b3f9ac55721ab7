"""File > New return template… (forms/returns/template_dialog.ui): a workbook for one mission to fill in.

The template is written on the database thread (a pre-filled one reads the
mission's records); the dialog stays open, with a plain sentence, if it
cannot be written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QMessageBox, QWidget

from ...core.errors import MhdeskError
from ...core.reporting import reporting_year
from ...core.returns.template.naming import template_file_name
from ...core.returns.template.writer import UnknownMission, resolve_mission, write_template
from ...core.services import Services
from ..shared import file_dialogs
from ..shared.form_loader import load_form
from ..shared.worker import BackgroundJob

FILE_FILTER = "Excel workbooks (*.xlsx)"


class TemplateDialog(QDialog):
    written = Signal(object)  # the Path written

    def __init__(self, services: Services, settings: QSettings, show_status: Callable[[str], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = load_form(self, "returns/template_dialog.ui")
        self.services, self.settings, self.show_status = services, settings, show_status
        self.job: BackgroundJob | None = None
        self._path_chosen = False  # typed or browsed: no longer follows the mission and year
        self._confirmed: Path | None = None  # a path whose replacement the file dialog already confirmed
        ui = self.ui
        ui.missionCombo.addItems(services.catalog.missions)
        completer = QCompleter(ui.missionCombo.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        ui.missionCombo.setCompleter(completer)
        last = settings.value("templates/mission", "")
        if last and ui.missionCombo.findText(last) >= 0:
            ui.missionCombo.setCurrentText(last)
        ui.yearSpin.setValue(reporting_year())
        ui.prefillCheck.setChecked(settings.value("templates/prefill", "false") == "true")
        self._folder = file_dialogs.remembered_folder(file_dialogs.TEMPLATES)
        self._save_button = ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        self._save_button.setText("Write template")
        ui.buttonBox.accepted.connect(self.write)
        ui.buttonBox.rejected.connect(self.reject)
        ui.browseButton.clicked.connect(self._browse)
        ui.pathEdit.textEdited.connect(self._path_typed)
        ui.missionCombo.currentTextChanged.connect(self._follow)
        ui.yearSpin.valueChanged.connect(self._follow)
        ui.errorLabel.hide()
        self._follow()

    # ---- choices --------------------------------------------------------------------

    def set_choices(self, mission: str, year: int, path: str | Path, prefill: bool = False) -> None:
        """Fill the form in one call, as a person would field by field."""
        self.ui.missionCombo.setCurrentText(mission)
        self.ui.yearSpin.setValue(year)
        self.ui.prefillCheck.setChecked(prefill)
        self.ui.pathEdit.setText(str(path))
        self._path_typed()

    def _follow(self, *_args) -> None:
        """The suggested file name follows the mission and year until a path is chosen."""
        if not self._path_chosen:
            name = template_file_name(self.ui.missionCombo.currentText(), self.ui.yearSpin.value())
            self.ui.pathEdit.setText(str(self._folder / name))

    def _path_typed(self, *_args) -> None:
        self._path_chosen = True

    def _browse(self) -> None:
        current = Path(self.ui.pathEdit.text().strip() or self._folder)
        path = file_dialogs.save_file_name(self, "Save the template as", file_dialogs.TEMPLATES, FILE_FILTER,
                                           current.name, database=self.services.db.file, fallback=current.parent)
        if path is not None:
            self.ui.pathEdit.setText(str(path))
            self._path_chosen, self._confirmed = True, path

    # ---- writing --------------------------------------------------------------------

    def write(self) -> None:
        if self.job is not None:
            return
        try:
            mission = resolve_mission(self.services, self.ui.missionCombo.currentText().strip())
        except UnknownMission as exc:
            self._error(str(exc))
            return
        path = self._target()
        if path is None or not self._may_replace(path):
            return
        year, prefill = self.ui.yearSpin.value(), self.ui.prefillCheck.isChecked()
        self._error("")
        self._set_enabled(False)
        services = self.services

        def work(_progress) -> Path:
            return write_template(services, mission, year, path, prefill=prefill)

        self.job = (BackgroundJob(self, work, title="New return template",
                                  label=f"Writing the template for {mission} {year}…")
                    .on_success(lambda written: self._written(written, mission, year))
                    .on_failure(lambda exc: self._failed(exc, path), MhdeskError, OSError)
                    .on_finish(self._job_ended).start())

    def _target(self) -> Path | None:
        text = self.ui.pathEdit.text().strip()
        if not text:
            self._error("Choose where to save the template.")
            return None
        path = Path(text).expanduser()
        if not path.suffix:
            path = path.with_name(f"{path.name}.xlsx")
        if path.suffix.lower() != ".xlsx":
            self._error(f"The template must be saved as an .xlsx workbook, not {path.name}.")
            return None
        if not path.parent.is_dir():
            self._error(f"The folder {path.parent} does not exist.")
            return None
        return path

    def _may_replace(self, path: Path) -> bool:
        if not path.exists() or path == self._confirmed:
            return True
        answer = QMessageBox.question(self, "New return template", f"{path.name} already exists. Replace it?",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def _written(self, path: Path, mission: str, year: int) -> None:
        self.settings.setValue("templates/mission", mission)
        file_dialogs.remember_folder(file_dialogs.TEMPLATES, path.parent)
        self.settings.setValue("templates/prefill", "true" if self.ui.prefillCheck.isChecked() else "false")
        self.show_status(f"Return template for {mission} {year} written to {path}.")
        self.written.emit(path)
        self.accept()

    def _failed(self, exc: MhdeskError | OSError, path: Path) -> None:
        if isinstance(exc, OSError):
            self._error(f"{path.name} could not be written ({exc.strerror or exc}).")
        else:
            self._error(str(exc))

    def _job_ended(self) -> None:
        self.job = None
        if self.result() != QDialog.DialogCode.Accepted:
            self._set_enabled(True)

    def _error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setVisible(bool(text))

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self._save_button, self.ui.browseButton, self.ui.missionCombo, self.ui.yearSpin,
                       self.ui.prefillCheck, self.ui.pathEdit):
            widget.setEnabled(enabled)
