"""Return templates for every mission whose return for a year is missing, written into one folder
(forms/returns/missing_templates.ui asks for the year and the folder)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ...core.returns.template.naming import template_file_name
from ...core.returns.template.writer import write_template
from ...core.services import Services
from ..shared import file_dialogs
from ..shared.form_loader import load_form
from ..shared.worker import Progress

NAMES_LISTED = 8  # missions named in the dialog before "and N more"


@dataclass(frozen=True)
class TemplateChoice:
    year: int
    folder: Path
    missions: list[str]
    prefill: bool


def target_paths(choice: TemplateChoice) -> list[Path]:
    return [choice.folder / template_file_name(m, choice.year) for m in choice.missions]


def write_templates(services: Services, choice: TemplateChoice, progress: Progress, written: list[Path]) -> list[Path]:
    """Runs on the database thread. Appends each file to `written` as it is done, so that a Cancel
    or a failure half-way can still say what is there."""
    choice.folder.mkdir(parents=True, exist_ok=True)
    paths = target_paths(choice)
    for done, (mission, path) in enumerate(zip(choice.missions, paths)):
        progress.check()
        progress.report(done, len(paths), f"Writing the template for {mission} ({done + 1} of {len(paths)})…")
        write_template(services, mission, choice.year, path, prefill=choice.prefill)
        written.append(path)
    progress.report(len(paths), len(paths), "Done")
    return written


class MissingTemplatesDialog(QDialog):
    def __init__(self, services: Services, year: int, folder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = load_form(self, "returns/missing_templates.ui")
        self._services = services
        self._missions: list[str] = []
        self.ui.yearSpin.setValue(year)
        self.ui.folderEdit.setText(folder)
        self.ui.yearSpin.valueChanged.connect(self._year_changed)
        self.ui.folderEdit.textChanged.connect(self._describe)
        self.ui.browseButton.clicked.connect(self._browse)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self._year_changed()

    def choice(self) -> TemplateChoice:
        return TemplateChoice(self.ui.yearSpin.value(), Path(self.ui.folderEdit.text().strip()).expanduser(),
                              list(self._missions), self.ui.prefillCheck.isChecked())

    def _year_changed(self, *_args) -> None:
        year = self.ui.yearSpin.value()
        self._missions = self._services.imports.overview([year]).missing(year)
        self._describe()

    def _describe(self, *_args) -> None:
        year, missions = self.ui.yearSpin.value(), self._missions
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(f"Write {len(missions)} template{'s' if len(missions) != 1 else ''}")
        ok.setEnabled(bool(missions))
        if not missions:
            self.ui.missionsLabel.setText(f"Every mission has a return for {year}: there is nothing to write.")
            return
        named = ", ".join(missions[:NAMES_LISTED]) + (f" and {len(missions) - NAMES_LISTED} more"
                                                      if len(missions) > NAMES_LISTED else "")
        text = f"{len(missions)} mission{'s have' if len(missions) != 1 else ' has'} no return for {year}: {named}."
        folder = self.choice().folder
        if self.ui.folderEdit.text().strip() and folder.is_dir():
            present = sum(p.exists() for p in target_paths(self.choice()))
            if present:
                text += (f"\n{present} of these files {'are' if present != 1 else 'is'} in the folder already "
                         f"and will be replaced.")
        self.ui.missionsLabel.setText(text)

    def _browse(self) -> None:
        chosen = file_dialogs.existing_folder(self, "Folder for the templates", file_dialogs.TEMPLATES,
                                              self.ui.folderEdit.text().strip())
        if chosen is not None:
            self.ui.folderEdit.setText(str(chosen))

    def accept(self) -> None:
        text = self.ui.folderEdit.text().strip()
        folder = Path(text).expanduser()
        problem = ("Choose the folder to write the templates into." if not text else
                   f"{folder} is a file, not a folder." if folder.exists() and not folder.is_dir() else "")
        self.ui.problemLabel.setText(problem)
        if not problem and self._missions:
            super().accept()


def outcome_text(choice: TemplateChoice, written: list[Path], stopped: bool = False) -> str:
    count = len(written)
    files = f"{count} template{'s' if count != 1 else ''}"
    if stopped:
        return f"Stopped: {files} of {len(choice.missions)} written to {choice.folder}."
    return f"Wrote {files} for {choice.year} to {choice.folder}."
