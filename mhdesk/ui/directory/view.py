"""The focal-point directory (forms/directory/view.ui): who holds which role, where, in which year."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from ...core.returns.history import list_imports
from ...core.services.imports_read import directory_role_sources
from ..shared.editor_fields import fill_combo
from ..shared.empty_state import EmptyState
from ..shared.form_loader import load_form
from ..shared.provenance import Provenance
from ..shared.record_views import copy_records, offer_years, selected_records, setup_table
from ..shared.records_bus import concerns
from ..view_context import ViewContext
from .table_model import REGIONAL, Column, DirectoryFilter, DirectoryTableModel

COLUMN_SAMPLES = {Column.YEAR: "2023", Column.COUNTRY: "Bosnia and Herzegovina",
                  Column.ROLE: "Sub-Regional Coordinator",
                  Column.AREA: "Area", Column.EMAIL: "pvanderauweraert@example.org", Column.PHONE: "+992 00 000 0000"}


class DirectoryView(QWidget):
    selection_changed = Signal(int)  # how many roles are selected

    def __init__(self, context: ViewContext):
        super().__init__(context.parent)
        self.ui = load_form(self, "directory/view.ui")
        self._context = context
        self._services = context.services
        self.model = DirectoryTableModel(self)
        setup_table(self.ui.tableView, self.model, COLUMN_SAMPLES, stretch=Column.NAME)
        fill_combo(self.ui.countryCombo, [("All countries", None), ("Regional roles", REGIONAL)]
                   + [(c.name, c.name) for c in self._services.catalog.countries])

        self._empty = EmptyState("No focal points yet", "Chiefs of Mission and focal points appear here once a "
                                 "mission return with its Focal points sheet is imported.", self, "directory.svg")
        self._no_match = EmptyState("Nobody matches", "No role fits the filter and the choices above.", self)
        self._no_match.add_button("Show everyone this year", self.clear_filters)
        for page in (self._empty, self._no_match):
            self.ui.contentStack.addWidget(page)

        self.ui.searchEdit.textChanged.connect(self._apply_filter)
        for combo in (self.ui.yearCombo, self.ui.countryCombo):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.ui.tableView.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit(len(selected_records(self.ui.tableView, self.model))))
        context.bus.changed.connect(self._records_changed)
        self._year_offered = False  # the first load shows the latest year; later ones keep the choice
        self.reload()

    # ---- loading and filtering ------------------------------------------------------

    def _records_changed(self, what: str) -> None:
        if concerns(what, "directory"):
            self.reload()

    def reload(self) -> None:
        db = self._services.db
        rows = self._services.directory.rows()
        self.model.set_roles(rows, directory_role_sources(db), Provenance(list_imports(db)))
        years = sorted({r.year for r in rows})
        latest = years[-1] if years else None
        chosen = self.ui.yearCombo.currentData() if self._year_offered else latest
        offer_years(self.ui.yearCombo, years + ([chosen] if chosen else []), chosen, "All years")
        self._year_offered = True
        self._apply_filter()

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
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def copy_selection(self) -> int:
        return copy_records(self.ui.tableView, self.model, self._context.show_status)
