"""The Exchange rates tab (forms/indicators/rates_panel.ui): the dated rates that convert budgets into the
reporting currency, added, changed and removed as undo steps, and the budgets still waiting for a rate.

A change is announced on the records bus ("rates"), so the Dashboard's budgets by donor and the projects
table's budget sort follow it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from ...core.errors import MhdeskError, StaleRecord
from ...core.parsing.currencies import COMMON_CURRENCIES
from ...core.services.exchange_rates import DEFAULT_REPORTING_CURRENCY, RateData, budgets_of, read_rate
from ..shared.form_loader import load_form
from ..shared.formatting import day
from ..shared.history_dialog import HistoryDialog, add_history_action, open_history
from ..shared.latest_read import LatestRead
from ..shared.record_views import select_records, selected_records, setup_table
from ..shared.records_bus import concerns
from ..view_context import ViewContext
from . import rates_commands
from .rates_commands import RateStore
from .rates_model import Column, RateFilter, RatesTableModel, rate_text

COLUMN_SAMPLES = {Column.CURRENCY: "Currency", Column.VALID_FROM: "30 Sep 2000", Column.RATE: "1.23456789 USD"}
MISSING_SHOWN = 12  # gaps listed by name; the rest counted


class RatesPanel(QWidget):
    loaded = Signal()  # after each read has reached the table

    def __init__(self, context: ViewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = load_form(self, "indicators/rates_panel.ui")
        self._context = context
        self._services = context.services
        self.store = RateStore(self._services.exchange_rates, self)
        self.model = RatesTableModel(self)
        setup_table(self.ui.ratesView, self.model, COLUMN_SAMPLES, stretch=Column.RATE)
        self.ui.ratesView.sortByColumn(Column.CURRENCY, Qt.SortOrder.AscendingOrder)
        self.ui.currencyCombo.addItems(COMMON_CURRENCIES[1:] if COMMON_CURRENCIES[0] == DEFAULT_REPORTING_CURRENCY
                                       else COMMON_CURRENCIES)
        self.ui.currencyCombo.setCurrentText("")
        self.ui.reportingLabel.setText(DEFAULT_REPORTING_CURRENCY)
        self.ui.ratesSearchEdit.textChanged.connect(self._apply_filter)
        self.ui.ratesView.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.ui.addRateButton.clicked.connect(self.add_rate)
        self.ui.changeRateButton.clicked.connect(self.change_rate)
        self.ui.removeRateButton.clicked.connect(self.remove_rate)
        self.ui.rateEdit.returnPressed.connect(self._enter_pressed)
        self.store.changed.connect(self._written)
        self.store.failed.connect(self._show_problem)
        context.bus.changed.connect(self._records_changed)
        self.history_action = add_history_action(self.ui.ratesView, self.show_history)
        self._focus_id: int | None = None
        self._stale = True
        services = context.services

        def read(progress):
            rates = services.exchange_rates
            return rates.list(), rates.total(budgets_of(services.projects.rows())).missing

        self._reading = LatestRead(self, read, self._show,
                                   lambda error: self._show_problem(f"The rates could not be read: {error}"),
                                   self.loaded.emit)

    def show_history(self) -> HistoryDialog | None:
        """Every rate of the selected rate's currency added, changed or removed: who, when, from what to what."""
        chosen = selected_records(self.ui.ratesView, self.model)
        if len(chosen) != 1:
            return None
        currency = chosen[0].currency
        return open_history(self, f"the {currency} rates", self._services.record_history.of_exchange_rates(currency),
                            labelled=True)

    # ---- reading ----------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def refresh(self) -> None:
        """Read again now if shown, else when next shown (View > Reload, changes from elsewhere)."""
        self._records_changed("rates")

    def _records_changed(self, what: str) -> None:
        if concerns(what, "rates", "projects"):
            self._stale = True
            if self.isVisible():
                self.reload()

    @property
    def is_loading(self) -> bool:
        return self._reading.is_running

    def reload(self) -> None:
        """Read the rates and the budgets still waiting for one on the database thread."""
        self._stale = False
        self._reading.request()

    def _show(self, result) -> None:
        rates, missing = result
        keep = [self._focus_id] if self._focus_id is not None else [r.id for r in self.selected()]
        self._focus_id = None
        self.model.set_rows(rates)
        self._select(keep)
        self._update_count()
        if missing:
            listed = "; ".join(str(m) for m in missing[:MISSING_SHOWN])
            more = f"; and {len(missing) - MISSING_SHOWN} more" if len(missing) > MISSING_SHOWN else ""
            self.ui.missingRatesLabel.setText(f"Budgets not counted in {DEFAULT_REPORTING_CURRENCY} for want of a "
                                              f"rate: {listed}{more}.")
        else:
            self.ui.missingRatesLabel.setText(f"Every budget on record converts into {DEFAULT_REPORTING_CURRENCY}.")

    def _apply_filter(self, *_args) -> None:
        self.model.set_filter(RateFilter(self.ui.ratesSearchEdit.text()))
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.total_count, self.model.shown_count
        self.ui.ratesCountLabel.setText(f"{shown:,} of {total:,} rate{'s' if total != 1 else ''}")

    # ---- selection and the fields ---------------------------------------------------------------

    def selected(self) -> list[RateData]:
        return selected_records(self.ui.ratesView, self.model)

    def _select(self, ids) -> None:
        select_records(self.ui.ratesView, self.model, [i for i in ids if i is not None])

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.ui.changeRateButton.setEnabled(bool(chosen))
        self.ui.removeRateButton.setEnabled(bool(chosen))
        if chosen:
            rate = chosen[0]
            self.ui.currencyCombo.setCurrentText(rate.currency)
            self.ui.validFromEdit.setText(day(rate.valid_from))
            self.ui.rateEdit.setText(rate_text(rate))

    def fill(self, currency: str, valid_from: str, rate: str) -> None:
        """Type into the three fields (what a person does before Add or Change)."""
        self.ui.currencyCombo.setCurrentText(currency)
        self.ui.validFromEdit.setText(valid_from)
        self.ui.rateEdit.setText(rate)

    def _typed(self) -> RateData:
        return read_rate(self.ui.currencyCombo.currentText(), self.ui.validFromEdit.text(), self.ui.rateEdit.text())

    # ---- writing ---------------------------------------------------------------------------------

    def _enter_pressed(self) -> None:
        chosen = self.selected()
        typed_key = (self.ui.currencyCombo.currentText().strip().upper(), self.ui.validFromEdit.text().strip())
        if chosen and typed_key == (chosen[0].currency, day(chosen[0].valid_from)):
            self.change_rate()
        else:
            self.add_rate()

    def add_rate(self) -> bool:
        return self._write(lambda: rates_commands.add_rate(self._context.undo_stack, self.store, self._typed()),
                           "Added")

    def change_rate(self) -> bool:
        chosen = self.selected()
        if not chosen:
            return False
        return self._write(lambda: rates_commands.change_rate(self._context.undo_stack, self.store, chosen[0],
                                                              self._typed()), "Changed")

    def remove_rate(self) -> bool:
        chosen = self.selected()
        if not chosen:
            return False
        rate = chosen[0]
        return self._write(lambda: rates_commands.remove_rate(self._context.undo_stack, self.store, rate),
                           "Removed", rate)

    def _write(self, action, verb: str, named: RateData | None = None) -> bool:
        try:
            written = action() or named
        except StaleRecord as error:
            self._show_problem(f"{error} The table now shows the rates as they are.")
            self.reload()
            return False
        except MhdeskError as error:
            self._show_problem(str(error))
            return False
        self.ui.rateProblemLabel.clear()
        self._context.show_status(f"{verb} the {written.currency} rate from {day(written.valid_from)}.")
        return True

    def _written(self, focus_id: int | None) -> None:
        """A step was done, undone or redone: read the table again and let the other views know."""
        self._focus_id = focus_id
        self._context.bus.announce("rates")
        if not self.isVisible():
            self._stale = True

    def _show_problem(self, text: str) -> None:
        self.ui.rateProblemLabel.setText(text)
        self._context.show_status(text)
