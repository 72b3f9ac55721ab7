"""Mission returns (forms/returns/view.ui): missions x years, the imports of a cell, their records,
and templates for the missions still missing."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPainter, QPen
from PySide6.QtWidgets import QHeaderView, QMessageBox, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ...core.errors import MhdeskError
from ...core.reminders import Reminder, missing_returns_reminder
from ...core.reporting import reporting_year
from ...core.returns.history import ImportInfo
from ..shared import file_dialogs
from ..shared.form_loader import load_form
from ..shared.records_bus import concerns
from ..shared.worker import BackgroundJob
from ..view_context import ViewContext
from .grid_model import ImportListModel, ReturnsGridModel, StatusRole
from .import_record_dialog import ImportRecordDialog
from .missing_templates import MissingTemplatesDialog, TemplateChoice, outcome_text, write_templates

YEARS_SHOWN = 5  # by default: the last five years up to the one being reported on now
MISSION_SAMPLE = "Bosnia and Herzegovina"
CELL_SAMPLE = "Returned, 12 warnings"
GRID_STYLE = "QTableView#gridView { gridline-color: #e3e5e8; }"
SELECTED_FRAME = QColor("#2f6fb5")


class StatusCellDelegate(QStyledItemDelegate):
    """A selected cell keeps its status colour and gets a frame, so that its state stays readable."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        plain.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            painter.setPen(QPen(SELECTED_FRAME, 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()


class ReturnsView(QWidget):
    def __init__(self, context: ViewContext):
        super().__init__(context.parent)
        self.ui = load_form(self, "returns/view.ui")
        self._context = context
        self._services = context.services
        self.grid = ReturnsGridModel(self)
        self.imports = ImportListModel(self)
        self._imports_by_cell: dict[tuple[str, int], list[ImportInfo]] = {}
        self.record_dialog: ImportRecordDialog | None = None
        self.templates_dialog: MissingTemplatesDialog | None = None
        self.templates_job: BackgroundJob | None = None
        self.message: QMessageBox | None = None  # the last outcome shown, while open
        self._first_load_done = False
        self._any_import = False
        self._setup_tables()

        last = reporting_year()
        for spin in (self.ui.firstYearSpin, self.ui.lastYearSpin):
            spin.setMaximum(last + 1)
        self.ui.firstYearSpin.setValue(last - YEARS_SHOWN + 1)
        self.ui.lastYearSpin.setValue(last)
        self.ui.firstYearSpin.valueChanged.connect(self._first_year_changed)
        self.ui.lastYearSpin.valueChanged.connect(self._last_year_changed)
        self.ui.templatesButton.clicked.connect(self.write_missing_templates)
        self.ui.remindButton.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(self.reminder().url)))
        self.ui.openButton.clicked.connect(self.open_selected_import)
        context.bus.changed.connect(self._records_changed)
        self.reload()

    def _setup_tables(self) -> None:
        grid, metrics = self.ui.gridView, self.ui.gridView.fontMetrics()
        grid.setModel(self.grid)
        # Year columns share the width, never narrower than a cell's words.
        grid.horizontalHeader().setMinimumSectionSize(metrics.horizontalAdvance(CELL_SAMPLE) + 28)
        grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        grid.setStyleSheet(GRID_STYLE)
        grid.setItemDelegate(StatusCellDelegate(grid))
        grid.verticalHeader().setDefaultSectionSize(metrics.height() + 12)
        grid.activated.connect(self.open_cell)  # double-click, or Enter on the current cell
        grid.selectionModel().currentChanged.connect(lambda *_: self._show_cell())
        imports = self.ui.importsView
        imports.setModel(self.imports)
        imports.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        for column, sample in enumerate(("#000", "return-TJ-2019-final.xlsx", "30 Sep 2000 00:00",
                                         "Rukhshona Qurbonova", "100 added, 100 changed, 100 removed", "Warnings")):
            imports.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        imports.activated.connect(lambda index: self.open_import(self.imports.import_at(index.row()).id))
        imports.selectionModel().selectionChanged.connect(lambda *_: self._update_open_button())
        self.ui.splitter.setStretchFactor(0, 1)
        self.ui.splitter.setStretchFactor(1, 0)
        self.ui.splitter.setSizes([600, metrics.height() * 9])

    # ---- loading ---------------------------------------------------------------------

    def years(self) -> list[int]:
        return list(range(self.ui.firstYearSpin.value(), self.ui.lastYearSpin.value() + 1))

    def _first_year_changed(self, first: int) -> None:
        if first > self.ui.lastYearSpin.value():
            self.ui.lastYearSpin.setValue(first)  # reloads through its own signal
        else:
            self.reload()

    def _last_year_changed(self, last: int) -> None:
        if last < self.ui.firstYearSpin.value():
            self.ui.firstYearSpin.setValue(last)
        else:
            self.reload()

    def _records_changed(self, what: str) -> None:
        if concerns(what, "returns"):
            self.reload()

    def reload(self) -> None:
        """Read the import log again, keeping the selected cell."""
        kept = self.current_cell()
        imports = self._services.imports.list()
        self._imports_by_cell = defaultdict(list)
        for info in imports:
            self._imports_by_cell[(info.mission, info.year)].append(info)
        subregions = {c.name: c.subregion for c in self._services.catalog.countries}
        counts = {cell: len(found) for cell, found in self._imports_by_cell.items()}
        self.grid.set_overview(self._services.imports.overview(self.years()), subregions, counts)
        grid = self.ui.gridView
        grid.clearSpans()
        for row in self.grid.heading_rows():
            grid.setSpan(row, 0, 1, self.grid.columnCount())
        grid.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        grid.setColumnWidth(0, grid.fontMetrics().horizontalAdvance(MISSION_SAMPLE) + 28)
        self._any_import = bool(imports)
        if kept is None and imports and not self._first_load_done:
            kept = (imports[-1].mission, imports[-1].year)  # open on the latest return
        self._first_load_done = True
        if kept is not None:
            self.select_cell(kept[0], kept[1])
        self._show_cell()

    # ---- the selected cell -----------------------------------------------------------

    def current_cell(self) -> tuple[str, int] | None:
        status = self.grid.status_at(self.ui.gridView.currentIndex())
        return (status.mission, status.year) if status else None

    def selected_year(self) -> int | None:
        return self.grid.year_of(self.ui.gridView.currentIndex().column())

    def select_cell(self, mission: str, year: int) -> bool:
        index = self.grid.index_of(mission, year)
        if index.isValid():
            self.ui.gridView.setCurrentIndex(index)
        return index.isValid()

    def _show_cell(self) -> None:
        cell = self.current_cell()
        year = self.selected_year() or self.years()[-1]
        self.ui.countLabel.setText(f"{year}: {self.grid.returned_count(year)} of {self.grid.mission_count} "
                                   f"missions returned")
        found = self._imports_by_cell.get(cell, []) if cell else []
        self.imports.set_imports(found)
        if not self._any_import:
            self.ui.cellLabel.setText("No return imported yet: use File > Import returns…, or drop the workbooks "
                                      "on the window.")
        elif cell is None:
            self.ui.cellLabel.setText("Pick a mission and a year to see its imports.")
        elif not found:
            self.ui.cellLabel.setText(f"No return from {cell[0]} for {cell[1]} yet.")
        else:
            self.ui.cellLabel.setText(f"{cell[0]}, {cell[1]}: {len(found)} import{'s' if len(found) != 1 else ''}")
            self.ui.importsView.selectRow(0)
        self._update_open_button()

    def _update_open_button(self) -> None:
        self.ui.openButton.setEnabled(self.imports.rowCount() > 0)

    # ---- import records ------------------------------------------------------------------

    def open_cell(self, index: QModelIndex) -> ImportRecordDialog | None:
        status = index.data(StatusRole)
        return self.open_import(status.latest.id) if status and status.latest else None

    def open_selected_import(self) -> ImportRecordDialog | None:
        rows = self.ui.importsView.selectionModel().selectedRows()
        row = rows[0].row() if rows else 0
        return self.open_import(self.imports.import_at(row).id) if self.imports.rowCount() else None

    def open_import(self, import_id: int) -> ImportRecordDialog:
        # open(), not exec(): no nested event loop, and the window stays responsive behind it.
        dialog = ImportRecordDialog(self._services, import_id, self._context.bus, self._context.show_status,
                                    self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _: setattr(self, "record_dialog", None))
        self.record_dialog = dialog
        dialog.open()
        return dialog

    def reminder(self) -> Reminder:
        """A mail to the focal points of the missions that have not returned the selected year."""
        return missing_returns_reminder(self._services, self.selected_year() or self.years()[-1])

    # ---- templates for the missing missions ----------------------------------------------

    def write_missing_templates(self) -> MissingTemplatesDialog:
        year = self.selected_year() or self.years()[-1]
        folder = file_dialogs.remembered_folder(file_dialogs.TEMPLATES)
        dialog = MissingTemplatesDialog(self._services, year, str(folder), self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._start_writing(dialog.choice()))
        dialog.finished.connect(lambda _: setattr(self, "templates_dialog", None))
        self.templates_dialog = dialog
        dialog.open()
        return dialog

    def _start_writing(self, choice: TemplateChoice) -> BackgroundJob:
        services, written = self._services, []
        self.templates_job = (
            BackgroundJob(self.window(), lambda progress: write_templates(services, choice, progress, written),
                          title="Templates for missing missions", label="Writing the templates…")
            .on_success(lambda _: self._tell(QMessageBox.Icon.Information, outcome_text(choice, written), choice))
            .on_cancel(lambda: self._tell(QMessageBox.Icon.Information, outcome_text(choice, written, True), choice))
            .on_failure(lambda error: self._tell(QMessageBox.Icon.Warning, f"{outcome_text(choice, written, True)}"
                                                 f"\nThe next one could not be written: {error}", choice),
                        MhdeskError, OSError)
            .on_finish(lambda: setattr(self, "templates_job", None))
            .start())
        return self.templates_job

    def _tell(self, icon: QMessageBox.Icon, text: str, choice: TemplateChoice) -> QMessageBox:
        file_dialogs.remember_folder(file_dialogs.TEMPLATES, choice.folder)
        self._context.show_status(text.splitlines()[0])
        box = QMessageBox(icon, "Templates for missing missions", text, QMessageBox.StandardButton.Ok, self.window())
        show = box.addButton("Show folder", QMessageBox.ButtonRole.ActionRole)
        show.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(choice.folder))))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _: setattr(self, "message", None))
        self.message = box
        box.open()
        return box
