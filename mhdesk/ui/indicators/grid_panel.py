"""The Grid tab of the Indicators view: a year's countries x indicators, edited like a spreadsheet.

Every change (a typed figure, a pasted block, a breakdown, cleared cells) is one undo step that writes
whole cells through the core services; figures that cannot be stored are named and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QGuiApplication
from PySide6.QtWidgets import QHeaderView, QListWidgetItem, QMessageBox

from ...core.errors import MhdeskError, ValidationFailed
from ...core.services import Services
from ...core.services.indicator_entry import TypedFigure, split_block
from ...core.services.indicators import IndicatorGrid
from ..shared.clipboard import to_tsv
from ..shared.editor_fields import fill_combo
from ..shared.history_dialog import HistoryDialog, add_history_action, open_history
from .breakdown import BreakdownDialog
from .commands import SetCellsCommand
from .grid_model import ERROR_BACKGROUND, WARNING_BACKGROUND, IndicatorGridModel
from .grid_table import make_spreadsheet

FindingRole = Qt.ItemDataRole.UserRole + 50  # (indicator code, country) of a finding in the list
ALL_SUBREGIONS = "All sub-regions"
COLUMN_WIDTH = 118
MESSAGE_LINES = 12  # problems listed in a message before "and N more"


class GridPanel:
    def __init__(self, ui, services: Services, undo_stack, announce: Callable[[], None],
                 show_status: Callable[[str], None], parent):
        self.ui, self._services, self._stack = ui, services, undo_stack
        self._announce, self._show_status, self._parent = announce, show_status, parent
        self.model = IndicatorGridModel(parent)
        self.message: QMessageBox | None = None  # the open message about figures that were not written
        self.breakdown: BreakdownDialog | None = None
        table = ui.gridView
        table.setModel(self.model)
        make_spreadsheet(table, self.copy, self.paste, self.clear_selection)
        header = table.horizontalHeader()
        header.setDefaultSectionSize(COLUMN_WIDTH)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(table.fontMetrics().height() * 3 + 12)  # names wrap on up to three lines
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        ui.gridSplitter.setStretchFactor(0, 4)
        ui.gridSplitter.setStretchFactor(1, 1)
        subregions = sorted({c.subregion for c in services.catalog.countries if c.is_mission})
        fill_combo(ui.subregionCombo, [(ALL_SUBREGIONS, None)] + [(s, s) for s in subregions])
        self.model.edited.connect(self.type_figure)
        table.doubleClicked.connect(self._double_clicked)
        ui.previousCheck.toggled.connect(self._toggle_previous)
        ui.findingsList.itemActivated.connect(self._finding_chosen)
        ui.findingsList.itemClicked.connect(self._finding_chosen)
        self.history_action = add_history_action(table, self.show_history)

    # ---- loading -------------------------------------------------------------------------

    def load(self, year: int | None) -> None:
        grid = self._services.indicators.grid(year, self.ui.subregionCombo.currentData()) if year else None
        self.model.set_grid(grid)
        self._size_rows()
        self._show_findings(grid)

    def _size_rows(self) -> None:
        lines = 2 if self.model.show_previous else 1
        self.ui.gridView.verticalHeader().setDefaultSectionSize(self.ui.gridView.fontMetrics().height() * lines + 10)

    def _toggle_previous(self, checked: bool) -> None:
        self.model.set_show_previous(checked)
        self._size_rows()

    def _show_findings(self, grid: IndicatorGrid | None) -> None:
        listing = self.ui.findingsList
        listing.clear()
        findings = grid.findings if grid else []
        for finding in findings:
            item = QListWidgetItem(f"{finding.country} · {finding.indicator}: {finding.message}")
            item.setData(FindingRole, (finding.indicator_code, finding.country))
            item.setBackground(QBrush(ERROR_BACKGROUND if finding.severity == "error" else WARNING_BACKGROUND))
            item.setToolTip(f"{'Error' if finding.severity == 'error' else 'Please check'}: {finding.message}")
            listing.addItem(item)
        errors = sum(f.severity == "error" for f in findings)
        self.ui.findingsLabel.setText(f"Findings: {len(findings)}" + (f" ({errors} error{'s' if errors != 1 else ''})"
                                                                       if errors else "") if findings
                                      else "Findings: none")

    def _finding_chosen(self, item: QListWidgetItem) -> None:
        self.select_cell(*item.data(FindingRole))

    def select_cell(self, indicator_code: str, country: str) -> bool:
        """Make that cell the current one, in view; False when the grid does not show it."""
        index = self.model.index_of(indicator_code, country)
        if not index.isValid():
            return False
        table = self.ui.gridView
        table.setCurrentIndex(index)
        table.scrollTo(index)
        return True

    # ---- editing ---------------------------------------------------------------------------

    def type_figure(self, indicator_code: str, country: str, text: str) -> bool:
        """A figure typed into a cell: one undo step, or a message naming the cell when it cannot be stored."""
        return self._write([TypedFigure(indicator_code, country, text)], "Enter a figure")

    def paste(self, text: str | None = None) -> bool:
        """A tab-separated block (the clipboard's by default) from the current cell rightwards and down."""
        text = QGuiApplication.clipboard().text() if text is None else text
        start = self.ui.gridView.currentIndex()
        grid = self.model.grid
        if grid is None or not text.strip():
            return False
        if not start.isValid() or self.model.is_total_row(start.row()):
            self._show_status("Choose the cell where the pasted figures start (not the totals row).")
            return False
        block = split_block(text)
        rows, columns = len(block), max(len(line) for line in block)
        if start.row() + rows > len(grid.countries) or start.column() + columns > len(grid.indicators):
            self._tell(f"The pasted block of {rows} x {columns} cells does not fit from {grid.countries[start.row()]},"
                       f" {grid.indicators[start.column()].name}: the grid ends before it. Nothing was pasted.")
            return False
        figures = []
        for r, line in enumerate(block):
            for c, cell_text in enumerate(line):
                index = self.model.index(start.row() + r, start.column() + c)
                indicator_code, country = self.model.key(index)
                figures.append(TypedFigure(indicator_code, country, cell_text,
                                           f"row {r + 1}, column {c + 1} of the pasted block" if rows * columns > 1
                                           else ""))
        written = self._write(figures, f"Paste {rows} x {columns} figures")
        if written:
            last = self.model.index(start.row() + rows - 1, start.column() + columns - 1)
            self.ui.gridView.selectionModel().select(QItemSelection(start, last),
                                                    QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return written

    def clear_selection(self) -> bool:
        keys = [self.model.key(i) for i in self.ui.gridView.selectionModel().selectedIndexes()]
        figures = [TypedFigure(code, country, "") for code, country in filter(None, keys)]
        return bool(figures) and self._write(figures, "Clear figures")

    def _write(self, figures: list[TypedFigure], text: str) -> bool:
        year = self.model.grid.year
        try:
            before, after = self._services.indicator_entry.cells_for(year, figures)
        except ValidationFailed as failed:
            shown = [str(i) for i in failed.issues[:MESSAGE_LINES]]
            more = len(failed.issues) - len(shown)
            self._tell("Nothing was written: " + ("this figure cannot be stored." if len(failed.issues) == 1 else
                                                  f"{len(failed.issues)} figures cannot be stored.")
                       + "\n\n" + "\n".join(shown) + (f"\n… and {more} more" if more else ""))
            return False
        except MhdeskError as error:
            self._tell(f"Nothing was written: {error}")
            return False
        if not after:
            return False
        command = SetCellsCommand(self._services, before, after, f"{text} ({len(after)} cell"
                                  f"{'s' if len(after) != 1 else ''}, {year})" if len(after) > 1
                                  else f"{text} ({after[0].country}, {year})", self._announce, self._show_status)
        self._stack.push(command)
        return command.failed is None

    def _tell(self, text: str) -> QMessageBox:
        self._show_status(text.splitlines()[0])
        box = QMessageBox(QMessageBox.Icon.Warning, "Indicator figures", text, QMessageBox.StandardButton.Ok,
                          self._parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _: setattr(self, "message", None))
        self.message = box
        box.open()
        return box

    # ---- the breakdown by sex and age group ----------------------------------------------------

    def _double_clicked(self, index: QModelIndex) -> None:
        cell = self.model.cell(index)
        if cell is None:
            return
        indicator = self.model.grid.indicators[index.column()]
        if cell.has_parts or indicator.by_sex or indicator.by_age:
            self.open_breakdown(index)
        else:
            self.ui.gridView.edit(index)

    def open_breakdown(self, index: QModelIndex | None = None) -> BreakdownDialog | None:
        index = index if index is not None else self.ui.gridView.currentIndex()
        key = self.model.key(index)
        if key is None:
            return None
        indicator = self.model.grid.indicators[index.column()]
        current = self._services.indicator_cells.read(key[0], key[1], self.model.grid.year)
        dialog = BreakdownDialog(current, indicator, self._services.indicator_entry, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._breakdown_accepted(dialog))
        dialog.finished.connect(lambda _: setattr(self, "breakdown", None))
        self.breakdown = dialog
        dialog.open()
        return dialog

    def _breakdown_accepted(self, dialog: BreakdownDialog) -> None:
        before, after = dialog.cell, dialog.wanted
        if after is None or after.values == before.values:
            return
        self._stack.push(SetCellsCommand(self._services, [before], [after],
                                         f"Edit the breakdown ({before.country}, {before.year})", self._announce,
                                         self._show_status))

    def show_history(self) -> HistoryDialog | None:
        """The current cell's values over time (total, parts, single projects): who, when, from what to what."""
        key = self.model.key(self.ui.gridView.currentIndex())
        if key is None:
            return None
        year = self.model.grid.year
        try:
            entries = self._services.record_history.of_indicator_cell(key[0], key[1], year)
        except MhdeskError as exc:
            self._show_status(str(exc))
            return None
        indicator = self.model.grid.indicators[self.ui.gridView.currentIndex().column()]
        return open_history(self._parent, f"{indicator.name}, {key[1]} {year}", entries)

    # ---- copying -------------------------------------------------------------------------------

    def copy(self) -> int:
        """The selected rectangle's figures as tab-separated text, as a spreadsheet copies a block (no header)."""
        indexes = self.ui.gridView.selectionModel().selectedIndexes()
        if not indexes:
            return 0
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        lines = [[self.model.plain_text(self.model.index(r, c)) if (r, c) in chosen else "" for c in columns]
                 for r in rows]
        text = to_tsv(lines[0], lines[1:])
        QGuiApplication.clipboard().setText(text)
        self._show_status(f"Copied {len(indexes)} figure{'s' if len(indexes) != 1 else ''}.")
        return len(indexes)
