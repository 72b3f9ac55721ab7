"""The filter bar above the projects table: search text and four choices, read as one ProjectFilter; and,
after a Dashboard bar was clicked, the projects that bar counts, named in a line with a way back to all."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from ...core.models import STATUSES
from ..shared.editor_fields import fill_combo
from .table_model import ProjectFilter


class ProjectFilterBar(QObject):
    changed = Signal(object)  # the new ProjectFilter

    def __init__(self, search: QLineEdit, year: QComboBox, country: QComboBox, area: QComboBox,
                 status: QComboBox, catalog, parent: QObject | None = None, only_label: QLabel | None = None):
        super().__init__(parent)
        self.search, self.year, self.country, self.area, self.status = search, year, country, area, status
        self.codes: frozenset[str] | None = None
        self.only_label = only_label
        if only_label is not None:
            only_label.linkActivated.connect(lambda _link: self.show_only(None))
        fill_combo(country, [("All countries", None)] + [(c.name, c.name) for c in catalog.countries])
        fill_combo(area, [("All areas", None)] + [
            (f"{code} / {h_code}", code) for code, h_code, _ in catalog.programme_areas])
        for i, (_, _, name) in enumerate(catalog.programme_areas, start=1):
            area.setItemData(i, name, Qt.ItemDataRole.ToolTipRole)
        fill_combo(status, [("All statuses", None)] + [(s.capitalize(), s) for s in STATUSES])
        self.set_years([])
        search.textChanged.connect(self._emit)
        for combo in (year, country, area, status):
            combo.currentIndexChanged.connect(self._emit)

    def set_years(self, years: list[int]) -> None:
        """Offer the years the projects run in, newest first, keeping the chosen one."""
        chosen = self.year.currentData()
        self.year.blockSignals(True)
        fill_combo(self.year, [("All years", None)] + [(str(y), y) for y in sorted(years, reverse=True)])
        index = self.year.findData(chosen) if chosen is not None else 0
        if index < 0:  # the chosen year no longer has projects; keep it offered rather than jump
            self.year.addItem(str(chosen), chosen)
            index = self.year.count() - 1
        self.year.setCurrentIndex(index)
        self.year.blockSignals(False)

    def clear(self) -> None:
        """Back to every project, announcing the change once."""
        widgets = (self.search, self.year, self.country, self.area, self.status)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo in widgets[1:]:
            combo.setCurrentIndex(0)
        for widget in widgets:
            widget.blockSignals(False)
        self._set_only(None, "")
        self._emit()

    def show_only(self, codes, what: str = "") -> None:
        """Only the projects of `codes` (None: every project again), named as `what` counts them."""
        self._set_only(codes, what)
        self._emit()

    def _set_only(self, codes, what: str) -> None:
        self.codes = None if codes is None else frozenset(codes)
        if self.only_label is None:
            return
        if self.codes is not None:
            count, what = len(self.codes), escape(what, quote=False)
            self.only_label.setText(f"Only the {count:,} project{'s' if count != 1 else ''} {what}. "
                                    "<a href='all'>Show every project</a>")
        self.only_label.setVisible(self.codes is not None)

    def current(self) -> ProjectFilter:
        return ProjectFilter(
            text=self.search.text(),
            year=self.year.currentData(),
            country=self.country.currentData(),
            programme_area=self.area.currentData(),
            status=self.status.currentData(),
            codes=self.codes,
        )

    def _emit(self, *_args) -> None:
        self.changed.emit(self.current())
