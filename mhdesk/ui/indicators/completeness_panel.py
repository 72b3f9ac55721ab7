"""The Completeness tab: which missions reported which indicators for the grid's year, and the templates for
the missions that reported nothing (the Returns view's dialog and writer)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from ...core.errors import MhdeskError
from ...core.services import Services
from ..returns.missing_templates import MissingTemplatesDialog, TemplateChoice, outcome_text, write_templates
from ..shared.worker import BackgroundJob
from .completeness_model import CompletenessModel


class CompletenessPanel:
    def __init__(self, ui, services: Services, show_status: Callable[[str], None], parent):
        self.ui, self._services, self._show_status, self._parent = ui, services, show_status, parent
        self.model = CompletenessModel(parent)
        self.dialog: MissingTemplatesDialog | None = None
        self.job: BackgroundJob | None = None
        self.folder = str(Path.home())
        self._year: int | None = None
        self._stale = True
        ui.completenessView.setModel(self.model)
        # Fixed widths: sizing columns to their contents would read every cell of a large year on each load.
        header = ui.completenessView.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(ui.completenessView.fontMetrics().horizontalAdvance("VACCINE_DOSES") + 16)
        ui.templatesButton.clicked.connect(self.write_missing_templates)
        ui.tabs.currentChanged.connect(lambda *_: self._load_if_shown())

    def load(self, year: int | None) -> None:
        """Read the year's completeness now if its tab shows, else when the tab is next shown."""
        self._year, self._stale = year, True
        self._load_if_shown()

    def _load_if_shown(self) -> None:
        if self._stale and self.ui.tabs.currentWidget() is self.ui.completenessPage:
            self._stale = False
            self._read()

    def _read(self) -> None:
        year = self._year
        completeness = self._services.indicators.completeness(year) if year is not None else None
        self.model.set_completeness(completeness)
        if completeness is None:
            self.ui.completenessLabel.setText("")
            return
        missing = completeness.missing_missions()
        reported = len(completeness.missions) - len(missing)
        self.ui.completenessLabel.setText(
            f"{reported} of {len(completeness.missions)} missions reported figures for {year}"
            + (f"; nothing yet from {', '.join(missing)}." if missing else "."))

    def write_missing_templates(self) -> MissingTemplatesDialog | None:
        if self._year is None:
            return None
        dialog = MissingTemplatesDialog(self._services, self._year, self.folder, self._parent.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._start_writing(dialog.choice()))
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _start_writing(self, choice: TemplateChoice) -> BackgroundJob:
        self.folder = str(choice.folder)
        services, written = self._services, []
        self.job = (
            BackgroundJob(self._parent.window(), lambda progress: write_templates(services, choice, progress, written),
                          title="Templates for missing missions", label="Writing the templates…")
            .on_success(lambda _: self._show_status(outcome_text(choice, written)))
            .on_cancel(lambda: self._show_status(outcome_text(choice, written, True)))
            .on_failure(lambda error: self._show_status(f"{outcome_text(choice, written, True)} The next one could "
                                                        f"not be written: {error}"), MhdeskError, OSError)
            .on_finish(lambda: setattr(self, "job", None))
            .start())
        return self.job
