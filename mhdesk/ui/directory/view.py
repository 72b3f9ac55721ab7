"""The focal-point directory (forms/directory/view.ui): the year's grid as printed, the flat list, the people.

Every edit is one undo step on the window's stack; printing renders the very PDF the export writes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QHeaderView, QWidget

from ...bundled import fonts_folder
from ...core.exports.directory_pdf import write_directory_pdf
from ...core.mail import address_list, mailto_url
from ...core.reporting import reporting_year
from ...core.services.directory import HEAD, REGIONAL, CellEntry, CellKey, DirectoryRow
from ..shared.editor_fields import fill_combo
from ..shared.empty_state import EmptyState
from ..shared.form_loader import load_form
from ..shared.history_dialog import HistoryDialog, add_history_action, open_history
from ..shared.pdf_printing import PrintsPdf, print_file
from ..shared.provenance import Provenance
from ..shared.record_views import copy_records, offer_years, selected_records, setup_table
from ..shared.records_bus import concerns
from ..view_context import ViewContext
from .cell_editor import CellEditor
from .commands import CopyYearCommand, SetCellCommand
from .grid_model import DirectoryGridModel
from .people_model import PeopleModel
from .people_panel import PeoplePanel
from .table_model import REGIONAL as REGIONAL_FILTER
from .table_model import Column, DirectoryFilter, DirectoryTableModel

COLUMN_SAMPLES = {Column.YEAR: "2023", Column.COUNTRY: "Bosnia and Herzegovina",
                  Column.ROLE: "Sub-Regional Coordinator",
                  Column.AREA: "Area", Column.EMAIL: "pvanderauweraert@example.org", Column.PHONE: "+992 00 000 0000"}
GRID_TAB, LIST_TAB, PEOPLE_TAB = range(3)


class DirectoryView(PrintsPdf, QWidget):
    selection_changed = Signal(int)  # how many roles are selected

    def __init__(self, context: ViewContext):
        super().__init__(context.parent)
        self.ui = load_form(self, "directory/view.ui")
        self._context = context
        self._services = context.services
        self.model = DirectoryTableModel(self)
        setup_table(self.ui.tableView, self.model, COLUMN_SAMPLES, stretch=Column.NAME)
        fill_combo(self.ui.countryCombo, [("All countries", None), ("Regional roles", REGIONAL_FILTER)]
                   + [(c.name, c.name) for c in self._services.catalog.countries])

        self._empty = EmptyState("No focal points yet", "Chiefs of Mission and focal points appear here once a "
                                 "mission return with its Focal points sheet is imported.", self, "directory.svg")
        self._no_match = EmptyState("Nobody matches", "No role fits the filter and the choices above.", self)
        self._no_match.add_button("Show everyone this year", self.clear_filters)
        for page in (self._empty, self._no_match):
            self.ui.contentStack.addWidget(page)

        self.grid_model = DirectoryGridModel(self)
        self.ui.gridView.setModel(self.grid_model)
        self.ui.gridView.setAcceptDrops(True)
        self.ui.gridView.viewport().setAcceptDrops(True)
        self.ui.gridView.setDropIndicatorShown(True)
        header = self.ui.gridView.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # a long heading wraps onto a second line rather than being cut at both ends
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(2 * header.fontMetrics().height() + 8)
        self.ui.gridView.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.drag_model = PeopleModel(self)
        self.ui.dragPeopleList.setModel(self.drag_model)
        self.ui.gridSplitter.setStretchFactor(0, 4)
        self.ui.gridSplitter.setStretchFactor(1, 1)
        self.people = PeoplePanel(self.ui, self._services, context.undo_stack, self._announce, context.show_status)

        self.ui.searchEdit.textChanged.connect(self._apply_filter)
        for combo in (self.ui.yearCombo, self.ui.countryCombo):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.ui.tableView.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit(len(selected_records(self.ui.tableView, self.model))))
        self.ui.gridYearCombo.currentIndexChanged.connect(lambda *_: self._load_grid())
        self.ui.gridView.doubleClicked.connect(self.edit_cell)
        self.grid_model.person_dropped.connect(self.add_people)
        self.ui.copyYearButton.clicked.connect(self.copy_to_next_year)
        self.ui.copyEmailsButton.clicked.connect(self.copy_emails)
        self.ui.mailButton.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(self.mail_link())))
        self.ui.dragSearchEdit.textChanged.connect(self.drag_model.set_filter)
        context.bus.changed.connect(self._records_changed)
        self.cell_history_action = add_history_action(self.ui.gridView, self.show_cell_history)
        self.role_history_action = add_history_action(self.ui.tableView, self.show_holder_history)
        self._year_offered = False  # the first load shows the latest year; later ones keep the choice
        self._preview = None
        self.reload()

    # ---- loading -------------------------------------------------------------------------

    def _records_changed(self, what: str) -> None:
        if concerns(what, "directory"):
            self.reload()

    def _announce(self) -> None:
        self._context.bus.announce("directory")

    def reload(self) -> None:
        rows = self._services.directory.rows()
        imports = self._services.imports
        self.model.set_roles(rows, imports.directory_role_sources(), Provenance(imports.list()))
        years = sorted({r.year for r in rows})
        latest = years[-1] if years else None
        chosen = self.ui.yearCombo.currentData() if self._year_offered else latest
        offer_years(self.ui.yearCombo, years + ([chosen] if chosen else []), chosen, "All years")
        grid_year = self.ui.gridYearCombo.currentData() if self._year_offered else None
        grid_year = grid_year or latest or reporting_year()
        offer_years(self.ui.gridYearCombo, years + [grid_year], grid_year)
        self._year_offered = True
        people = self._services.people.all()
        self.drag_model.set_people(people, {})
        self.people.reload(people)
        self._load_grid()
        self._apply_filter()

    def grid_year(self) -> int | None:
        return self.ui.gridYearCombo.currentData()

    def _load_grid(self) -> None:
        year = self.grid_year()
        self.grid_model.set_grid(self._services.directory.grid(year) if year is not None else None)
        if self.grid_model.grid is not None:
            self.ui.gridView.setSpan(0, 1, 1, max(self.grid_model.columnCount() - 1, 1))
            self.ui.copyYearButton.setText(f"Copy to {year + 1}")

    # ---- the list tab ----------------------------------------------------------------------

    def current_filter(self) -> DirectoryFilter:
        return DirectoryFilter(text=self.ui.searchEdit.text(), year=self.ui.yearCombo.currentData(),
                               country=self.ui.countryCombo.currentData())

    def _apply_filter(self, *_args) -> None:
        self.model.set_filter(self.current_filter())
        self._update_count()

    def clear_filters(self) -> None:
        """Everyone in the chosen year (the directory is read a year at a time)."""
        for widget in (self.ui.searchEdit, self.ui.countryCombo):
            widget.blockSignals(True)
        self.ui.searchEdit.clear()
        self.ui.countryCombo.setCurrentIndex(0)
        for widget in (self.ui.searchEdit, self.ui.countryCombo):
            widget.blockSignals(False)
        self._apply_filter()

    def _update_count(self) -> None:
        total, shown = self.model.total_count, self.model.shown_count
        year = self.ui.yearCombo.currentData()
        scope = f" in {year}" if year is not None else ""
        self.ui.countLabel.setText(f"{shown:,} role{'s' if shown != 1 else ''}{scope}" if total else "")
        if total == 0:
            page = self._empty
        elif shown == 0:
            no_filter = not self.ui.searchEdit.text() and self.ui.countryCombo.currentData() is None
            self._no_match.heading.setText(f"No focal points for {year}" if no_filter and year else
                                           "Nobody matches")
            page = self._no_match
        else:
            page = self.ui.tableView
        self.ui.contentStack.setCurrentWidget(page)

    def focus_search(self) -> None:
        edit = {GRID_TAB: self.ui.dragSearchEdit, PEOPLE_TAB: self.ui.peopleSearchEdit}.get(
            self.ui.tabs.currentIndex(), self.ui.searchEdit)
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        edit.selectAll()

    def copy_selection(self) -> int:
        if self.ui.tabs.currentIndex() == LIST_TAB:
            return copy_records(self.ui.tableView, self.model, self._context.show_status)
        text = self.people.copy_emails() if self.ui.tabs.currentIndex() == PEOPLE_TAB else self.copy_emails()
        return text.count("<")

    # ---- editing the grid --------------------------------------------------------------

    def open_cell_editor(self, key: CellKey) -> CellEditor:
        editor = CellEditor(self._services.directory.cell(key), self._services.people.all(), self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(lambda: self.set_cell(editor.state, editor.entries()))
        editor.open()
        return editor

    def edit_cell(self, index) -> CellEditor | None:
        key = self.grid_model.cell_key(index)
        return self.open_cell_editor(key) if key is not None else None

    def show_cell_history(self) -> HistoryDialog | None:
        """Who took up, moved and left the roles of the current grid cell, when, by an edit or an import."""
        key = self.grid_model.cell_key(self.ui.gridView.currentIndex())
        if key is None:
            return None
        entries = self._services.record_history.of_directory_cell(key.year, key.country, key.slot)
        return open_history(self, key.describe(), entries, labelled=True)

    def show_holder_history(self) -> HistoryDialog | None:
        """The history of the person holding the selected role: their details and every role they held."""
        chosen = selected_records(self.ui.tableView, self.model)
        if len(chosen) != 1:
            return None
        return open_history(self, chosen[0].printed_name,
                            self._services.record_history.of_person(chosen[0].person_id))

    def set_cell(self, state, entries: list[CellEntry]) -> None:
        if [(e.person_id, e.role, e.title) for e in entries] == [(e.person_id, e.role, e.title)
                                                                for e in state.entries]:
            return
        self._context.undo_stack.push(SetCellCommand(self._services, state, entries, f"Edit {state.key.describe()}",
                                                     self._announce, self._context.show_status))

    def add_people(self, key: CellKey, person_ids: list[int]) -> None:
        """People dropped on a cell join it at its end: as focal points, or as Chief of Mission in the head cell."""
        if key.slot == REGIONAL:
            self._context.show_status("A regional role needs its title: double-click the regional band to add it.")
            return
        state = self._services.directory.cell(key)
        role = "FP" if key.slot not in (HEAD, REGIONAL) else "COM"
        entries = list(state.entries)
        for person_id in person_ids:
            entry = CellEntry(person_id, role)
            if not any(entry.same_role(e) for e in entries):
                entries.append(entry)
        self.set_cell(state, entries)

    def copy_to_next_year(self) -> None:
        year = self.grid_year()
        if year is None:
            return
        command = CopyYearCommand(self._services, year, year + 1, self._announce, self._context.show_status)
        self._context.undo_stack.push(command)
        if command.failed is None:
            offer_years(self.ui.gridYearCombo, [self.ui.gridYearCombo.itemData(i)
                                                for i in range(self.ui.gridYearCombo.count())] + [year + 1], year + 1)
            self._load_grid()
            self._context.show_status(f"Copied the {year} directory to {year + 1}; edit what changed.")

    # ---- writing to people -----------------------------------------------------------------

    def selected_people(self) -> list[DirectoryRow]:
        """The people of the selected grid cells; everyone in the year's focal-point cells when none is."""
        indexes = self.ui.gridView.selectionModel().selectedIndexes()
        people = [p for index in indexes for p in self.grid_model.people(index)]
        if not indexes and self.grid_model.grid is not None:
            people = [p for row in self.grid_model.grid.rows for slot, cell in row.cells.items() if slot != HEAD
                      for p in cell]
        return people

    def copy_emails(self) -> str:
        text = address_list(self.selected_people())
        if text:
            QGuiApplication.clipboard().setText(text)
        count = text.count("<")
        self._context.show_status(f"Copied {count} e-mail address{'es' if count != 1 else ''}." if count
                                  else "Nobody selected has an e-mail address.")
        return text

    def mail_link(self) -> str:
        return mailto_url(p.email for p in self.selected_people())

    # ---- printing ----------------------------------------------------------------------------

    def write_pdf(self, path: Path | None = None) -> Path | None:
        """The grid's year as the export prints it (to a temporary file unless `path` is given)."""
        year = self.grid_year()
        if year is None:
            return None
        path = path or print_file(f"directory-{year}.pdf")
        return write_directory_pdf(self._services.directory.grid(year), path, fonts=fonts_folder())
