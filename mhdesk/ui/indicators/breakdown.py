"""A cell's figure by sex and age group (forms/indicators/breakdown.ui): both sexes / female / male across,
all ages / children / adults down, the stated total in the corner. Parts the indicator is not broken down
by cannot be typed in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTableWidgetItem, QWidget

from ...core.errors import ValidationFailed
from ...core.indicators.exact import shown
from ...core.indicators.findings import AGE_PARTS, SEX_PARTS
from ...core.services.catalog import IndicatorInfo
from ...core.services.indicator_cells import CellValues, Part
from ...core.services.indicator_entry import IndicatorEntry
from ..shared.form_loader import load_form
from .table_model import plain_value

SEXES = ("", *SEX_PARTS)  # the columns
AGES = ("", *AGE_PARTS)  # the rows


class BreakdownDialog(QDialog):
    def __init__(self, cell: CellValues, indicator: IndicatorInfo, entry: IndicatorEntry,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = load_form(self, "indicators/breakdown.ui")
        self.cell = cell
        self.wanted: CellValues | None = None
        self._entry = entry
        self.setWindowTitle(f"{indicator.name}, {cell.country} {cell.year}")
        self.ui.headingLabel.setText(f"<b>{indicator.name}</b> in {cell.country}, {cell.year} ({indicator.unit}). "
                                     "Leave a part empty when it is not known.")
        table = self.ui.partsTable
        for row, age in enumerate(AGES):
            for column, sex in enumerate(SEXES):
                value = cell.values.get((sex, age))
                item = QTableWidgetItem("" if value is None else plain_value(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                allowed = (not sex or indicator.by_sex) and (not age or indicator.by_age)
                if not allowed:
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                    item.setToolTip(f"{indicator.name} is not broken down by {'sex' if sex else 'age group'}")
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        table.setCurrentCell(0, 0)
        table.itemChanged.connect(lambda _item: self._show_sums())
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self._show_sums()

    def part(self, sex: str, age: str) -> QTableWidgetItem:
        return self.ui.partsTable.item(AGES.index(age), SEXES.index(sex))

    def texts(self) -> dict[Part, str]:
        return {(sex, age): self.part(sex, age).text() for age in AGES for sex in SEXES
                if self.part(sex, age).flags() & Qt.ItemFlag.ItemIsEnabled}

    def _show_sums(self) -> None:
        """The parts added up as typed so far, so that a total and its parts can be compared at a glance."""
        sums = []
        for name, parts in (("female + male", [(s, "") for s in SEX_PARTS]),
                            ("children + adults", [("", a) for a in AGE_PARTS])):
            try:
                values = [self._entry.with_parts(self.cell, {p: self.part(*p).text()}).values.get(p) for p in parts]
            except ValidationFailed:
                continue
            if all(v is not None for v in values):
                sums.append(f"{name} = {shown(sum(values))}")
        self.ui.sumLabel.setText("; ".join(sums))

    def accept(self) -> None:
        try:
            self.wanted = self._entry.with_parts(self.cell, self.texts())
        except ValidationFailed as failed:
            self.ui.problemLabel.setText("\n".join(str(i) for i in failed.issues))
            return
        super().accept()
