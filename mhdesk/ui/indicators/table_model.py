"""Indicator values as a table that sorts and filters itself, each value with its source as a tooltip."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ...core.services.indicators import IndicatorRow
from ..shared.formatting import money
from ..shared.provenance import Provenance
from ..shared.record_table import RecordTableModel, name_key


class Column(IntEnum):
    INDICATOR = 0
    COUNTRY = 1
    YEAR = 2
    PROJECT = 3
    SEX = 4
    AGE = 5
    VALUE = 6


SEX_ORDER = {"": 0, "female": 1, "male": 2}
AGE_ORDER = {"": 0, "children": 1, "adults": 2}
ALL = "All"  # shown for a total over every sex or age group
MUTED = QColor("#9ca3af")


@dataclass(frozen=True)
class IndicatorFilter:
    """What the filter bar asks for; empty fields match everything."""

    text: str = ""
    year: int | None = None
    country: str | None = None
    indicator_code: str | None = None


def plain_value(value: Decimal) -> str:
    """As a spreadsheet reads it: `83219`, `12.5`."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class IndicatorsTableModel(RecordTableModel):
    HEADERS = ("Indicator", "Country", "Year", "Project", "Sex", "Age group", "Value")
    RIGHT_ALIGNED = frozenset({Column.VALUE})
    FILTER_TYPE = IndicatorFilter
    SORT_KEYS = {
        Column.INDICATOR: lambda r: name_key(r.indicator),
        Column.COUNTRY: lambda r: name_key(r.country),
        Column.YEAR: lambda r: r.year,
        Column.PROJECT: lambda r: r.project_code or None,
        Column.SEX: lambda r: SEX_ORDER.get(r.sex, 9),
        Column.AGE: lambda r: AGE_ORDER.get(r.age_group, 9),
        Column.VALUE: lambda r: int(r.value * 100),  # whole hundredths: exact, and faster than Decimal
    }
    TSV_COLUMNS = (
        ("Indicator code", lambda r: r.indicator_code),
        ("Indicator", lambda r: r.indicator),
        ("Country", lambda r: r.country),
        ("Year", lambda r: r.year),
        ("Project", lambda r: r.project_code or ""),
        ("Sex", lambda r: r.sex),
        ("Age group", lambda r: r.age_group),
        ("Value", lambda r: plain_value(r.value)),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self._provenance = Provenance()

    def set_values(self, rows: list[IndicatorRow], provenance: Provenance) -> None:
        self._provenance = provenance
        self.set_rows(rows)

    def years(self) -> list[int]:
        return sorted({r.year for r in self.all_rows()})

    def display(self, row: IndicatorRow, column: int) -> str:
        if column == Column.INDICATOR:
            return row.indicator
        if column == Column.COUNTRY:
            return row.country
        if column == Column.YEAR:
            return str(row.year)
        if column == Column.PROJECT:
            return row.project_code or ""
        if column == Column.SEX:
            return row.sex.capitalize() or ALL
        if column == Column.AGE:
            return row.age_group.capitalize() or ALL
        return money(row.value, None)

    def haystack(self, row: IndicatorRow) -> str:
        return "\x1f".join((row.indicator, row.indicator_code, row.country, row.project_code or "",
                            row.sex, row.age_group)).lower()

    def narrow(self, rows: list[IndicatorRow], kept, wanted: IndicatorFilter):
        if wanted.year is not None:
            kept = [i for i in kept if rows[i].year == wanted.year]
        if wanted.country:
            kept = [i for i in kept if rows[i].country == wanted.country]
        if wanted.indicator_code:
            kept = [i for i in kept if rows[i].indicator_code == wanted.indicator_code]
        return kept

    def cell_data(self, row: IndicatorRow, column: int, role: int):
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._provenance.describe(row.source_import_id, row.source_cell)
        if role == Qt.ItemDataRole.ForegroundRole and column in (Column.SEX, Column.AGE):
            return MUTED if not (row.sex if column == Column.SEX else row.age_group) else None
        return None
