"""The Indicators view (forms/indicators/view.ui): the year's grid edited like a spreadsheet, the flat list
of values with where each came from, which missions reported what, and the exchange rates of budgets.

File > Print prints the indicator report, the very PDF `mhdesk export indicators` writes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from ...bundled import fonts_folder
from ...core.errors import MhdeskError
from ...core.exports.indicator_report import indicator_report
from ...core.exports.indicators_pdf import write_indicators_pdf
from ...core.reporting import reporting_year
from ..shared.editor_fields import fill_combo
from ..shared.empty_state import EmptyState
from ..shared.form_loader import load_form
from ..shared.latest_read import LatestRead
from ..shared.pdf_printing import PrintsPdf, print_file
from ..shared.provenance import Provenance
from ..shared.record_views import copy_records, offer_years, selected_records, setup_table
from ..shared.records_bus import concerns
from ..view_context import ViewContext
from .completeness_panel import CompletenessPanel
from .grid_panel import GridPanel
from .rates_panel import RatesPanel
from .table_model import Column, IndicatorFilter, IndicatorsTableModel

COLUMN_SAMPLES = {Column.COUNTRY: "Bosnia and Herzegovina", Column.YEAR: "2023", Column.PROJECT: "MA.0000",
                  Column.SEX: "Female", Column.AGE: "Age group", Column.VALUE: "1,000,000"}
RECENT_YEARS = 5  # years offered even without values, so that a missing year can be seen to be missing
GRID_TAB, VALUES_TAB, COMPLETENESS_TAB, RATES_TAB = range(4)


class IndicatorsView(PrintsPdf, QWidget):
    selection_changed = Signal(int)  # how many values are selected
    loaded = Signal()  # after each reload has reached the table

    def __init__(self, context: ViewContext):
        super().__init__(context.parent)
        self.ui = load_form(self, "indicators/view.ui")
        self._context = context
        self._services = context.services
        self.model = IndicatorsTableModel(self)
        setup_table(self.ui.tableView, self.model, COLUMN_SAMPLES, stretch=Column.INDICATOR)
        catalog = self._services.catalog
        fill_combo(self.ui.countryCombo, [("All countries", None)] + [(c.name, c.name) for c in catalog.countries])
        fill_combo(self.ui.indicatorCombo, [("All indicators", None)] + [(i.name, i.code)
                                                                          for i in catalog.indicators])

        self._empty = EmptyState("No indicator values yet", "The figures of the mission returns appear here "
                                 "once a return is imported (File > Import returns…).", self, "indicators.svg")
        self._no_year = EmptyState("", "", self, "indicators.svg")
        self._no_year.add_button("Show all years", lambda: self.ui.yearCombo.setCurrentIndex(0))
        self._no_match = EmptyState("No value matches", "Nothing fits the filter and the choices above.", self)
        self._no_match.add_button("Show all values", self.clear_filters)
        for page in (self._empty, self._no_year, self._no_match):
            self.ui.contentStack.addWidget(page)

        self.ui.searchEdit.textChanged.connect(self._apply_filter)
        for combo in (self.ui.yearCombo, self.ui.countryCombo, self.ui.indicatorCombo):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.ui.tableView.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit(len(selected_records(self.ui.tableView, self.model))))
        self.grid = GridPanel(self.ui, self._services, context.undo_stack, self._announce, context.show_status, self)
        self.completeness = CompletenessPanel(self.ui, self._services, context.show_status, self)
        self.rates = RatesPanel(context, self)
        self.ui.tabs.addTab(self.rates, "Exchange &rates")
        self.ui.gridYearCombo.currentIndexChanged.connect(lambda *_: self._load_grid())
        self.ui.subregionCombo.currentIndexChanged.connect(lambda *_: self._load_grid())
        context.bus.changed.connect(self._records_changed)
        self._preview = None
        self._grid_year_offered = False
        self._offer_grid_years()
        self._year_offered = False  # the first load picks the latest year with values; later ones keep the choice
        services = self._services
        self._reading = LatestRead(self, lambda progress: (services.indicators.rows(), services.imports.list()),
                                   self._show_values, self._load_failed, self.loaded.emit)
        self.ui.countLabel.setText("Reading the values…")
        self.reload()

    # ---- loading and filtering ------------------------------------------------------

    def _records_changed(self, what: str) -> None:
        if concerns(what, "indicators"):
            self._offer_grid_years()
            self.reload()

    def _announce(self) -> None:
        self._context.bus.announce("indicators")

    # ---- the grid and completeness of a year -------------------------------------------------

    def grid_year(self) -> int | None:
        return self.ui.gridYearCombo.currentData()

    def _offer_grid_years(self) -> None:
        """The years with figures and the recent ones; the first time the latest with figures, then the choice,
        or a newer year that just got figures when the latest was shown."""
        with_values = self._services.indicators.years()
        last = reporting_year()
        combo = self.ui.gridYearCombo
        offered = [combo.itemData(i) for i in range(combo.count())]
        chosen = combo.currentData() if self._grid_year_offered else (with_values[-1] if with_values else last)
        if chosen is not None and offered and chosen == max(offered) and with_values and with_values[-1] > chosen:
            chosen = with_values[-1]
        offer_years(combo, [*with_values, *range(last - RECENT_YEARS + 1, last + 1), chosen], chosen)
        self._grid_year_offered = True
        self._load_grid()

    def _load_grid(self) -> None:
        year = self.grid_year()
        self.grid.load(year)
        self.completeness.load(year)

    def show_records(self, year: int | None = None, indicator: str | None = None, country: str | None = None) -> bool:
        """The grid of `year` at the cell of `indicator` and `country` (what a chart's bar counts)."""
        self.ui.tabs.setCurrentIndex(GRID_TAB)
        if year is not None and year != self.grid_year():
            offer_years(self.ui.gridYearCombo, [self.ui.gridYearCombo.itemData(i)
                                                for i in range(self.ui.gridYearCombo.count())] + [year], year)
        subregion = self.ui.subregionCombo.currentData()
        if country and subregion and self._services.catalog.country_ids.get(country) is not None and \
                self.grid.model.grid is not None and country not in self.grid.model.grid.countries:
            self.ui.subregionCombo.blockSignals(True)
            self.ui.subregionCombo.setCurrentIndex(0)
            self.ui.subregionCombo.blockSignals(False)
        self._load_grid()
        self.ui.gridView.setFocus(Qt.FocusReason.OtherFocusReason)
        if indicator and country:
            return self.grid.select_cell(indicator, country)
        return True

    @property
    def is_loading(self) -> bool:
        return self._reading.is_running

    def reload(self) -> None:
        """Read every value again, keeping the filters. A hundred thousand values take a second or two to
        read, so they are read on the database thread; a reload asked meanwhile runs once after it."""
        self.rates.refresh()
        self._reading.request()

    def _load_failed(self, error: MhdeskError | OSError) -> None:
        self._context.show_status(f"The indicator values could not be read: {error}")

    def _show_values(self, result) -> None:
        rows, imports = result
        self.model.set_values(rows, Provenance(imports))
        with_values = self.model.years()
        last = reporting_year()
        chosen = self.ui.yearCombo.currentData() if self._year_offered else (with_values[-1] if with_values
                                                                              else last)
        offered = [self.ui.yearCombo.itemData(i) for i in range(self.ui.yearCombo.count())]
        newest_offered = max((y for y in offered if y is not None), default=None)
        if chosen is not None and chosen == newest_offered and with_values and with_values[-1] > chosen:
            chosen = with_values[-1]  # the view followed the latest year: a later one just imported is shown
        offer_years(self.ui.yearCombo, [*with_values, *range(last - RECENT_YEARS + 1, last + 1), chosen or last],
                    chosen, "All years")
        self._year_offered = True
        self._apply_filter()

    def current_filter(self) -> IndicatorFilter:
        return IndicatorFilter(text=self.ui.searchEdit.text(), year=self.ui.yearCombo.currentData(),
                               country=self.ui.countryCombo.currentData(),
                               indicator_code=self.ui.indicatorCombo.currentData())

    def _apply_filter(self, *_args) -> None:
        if not self._year_offered:
            return  # nothing read yet
        self.model.set_filter(self.current_filter())
        self._update_count()

    def clear_filters(self) -> None:
        for widget in (self.ui.searchEdit, self.ui.countryCombo, self.ui.indicatorCombo, self.ui.yearCombo):
            widget.blockSignals(True)
        self.ui.searchEdit.clear()
        self.ui.countryCombo.setCurrentIndex(0)
        self.ui.indicatorCombo.setCurrentIndex(0)
        self.ui.yearCombo.setCurrentIndex(0)
        for widget in (self.ui.searchEdit, self.ui.countryCombo, self.ui.indicatorCombo, self.ui.yearCombo):
            widget.blockSignals(False)
        self._apply_filter()

    def _update_count(self) -> None:
        total, shown = self.model.total_count, self.model.shown_count
        self.ui.countLabel.setText(f"{shown:,} of {total:,} value{'s' if total != 1 else ''}" if total else "")
        year = self.ui.yearCombo.currentData()
        page = self.ui.tableView
        if total == 0:
            page = self._empty
        elif shown == 0 and year is not None and year not in self.model.years():
            self._no_year.heading.setText(f"No indicator values for {year} yet")
            self._no_year.text.setText(f"Import a mission return for {year}, or pick another year.")
            page = self._no_year
        elif shown == 0:
            page = self._no_match
        self.ui.contentStack.setCurrentWidget(page)

    def focus_search(self) -> None:
        self.ui.tabs.setCurrentIndex(VALUES_TAB)
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def copy_selection(self) -> int:
        if self.ui.tabs.currentIndex() == GRID_TAB:
            return self.grid.copy()
        return copy_records(self.ui.tableView, self.model, self._context.show_status)

    # ---- printing ----------------------------------------------------------------------------

    def write_pdf(self, path: Path | None = None) -> Path | None:
        """The grid's year as `mhdesk export indicators` writes it (to a temporary file unless `path` is given)."""
        year = self.grid_year()
        if year is None:
            return None
        path = path or print_file(f"indicators-{year}.pdf")
        return write_indicators_pdf(indicator_report(self._services, year), path, fonts=fonts_folder())
