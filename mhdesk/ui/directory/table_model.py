"""The focal-point directory as a table that sorts and filters itself, each role with its source."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ...core.collation import collation_key
from ...core.directory_roles import REGIONAL_ROLES, ROLE_ORDER, role_label
from ...core.services.directory import DirectoryRow
from ...core.services.imports_read import RecordSource
from ..shared.provenance import Provenance
from ..shared.record_table import RecordTableModel, name_key


class Column(IntEnum):
    YEAR = 0
    COUNTRY = 1
    ROLE = 2
    AREA = 3
    NAME = 4
    EMAIL = 5
    PHONE = 6


REGIONAL = "Regional"  # the country cell of a role above the countries
MUTED = QColor("#9ca3af")


@dataclass(frozen=True)
class DirectoryFilter:
    """What the filter bar asks for; empty fields match everything. `country` REGIONAL: regional roles."""

    text: str = ""
    year: int | None = None
    country: str | None = None


def role_name(row: DirectoryRow) -> str:
    """`Focal point`; a regional role by its own title (`RC for UA & MD`) when it has one."""
    if row.role in REGIONAL_ROLES and row.title:
        return row.title
    return role_label(row.role)


class DirectoryTableModel(RecordTableModel):
    HEADERS = ("Year", "Country", "Role", "Area", "Name", "E-mail", "Phone")
    FILTER_TYPE = DirectoryFilter
    SORT_KEYS = {
        Column.YEAR: lambda r: r.year,
        Column.COUNTRY: lambda r: name_key(r.country),  # regional roles (no country) last
        Column.ROLE: lambda r: (ROLE_ORDER.get(r.role, 9), collation_key(role_name(r))),
        Column.AREA: lambda r: r.programme_area or None,
        Column.NAME: lambda r: name_key(r.printed_name),
        Column.EMAIL: lambda r: (r.email or "").casefold() or None,
        Column.PHONE: lambda r: r.phone or None,
    }
    TSV_COLUMNS = (
        ("Year", lambda r: r.year),
        ("Country", lambda r: r.country or ""),
        ("Role", lambda r: r.role),
        ("Title", lambda r: r.title or ""),
        ("Programme area", lambda r: r.programme_area or ""),
        ("Name", lambda r: r.printed_name),
        ("E-mail", lambda r: r.email or ""),
        ("Phone", lambda r: r.phone or ""),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self._sources: dict[int, RecordSource] = {}
        self._provenance = Provenance()

    def set_roles(self, rows: list[DirectoryRow], sources: dict[int, RecordSource], provenance: Provenance) -> None:
        self._sources, self._provenance = sources, provenance
        self.set_rows(rows)

    def display(self, row: DirectoryRow, column: int) -> str:
        if column == Column.YEAR:
            return str(row.year)
        if column == Column.COUNTRY:
            return row.country or REGIONAL
        if column == Column.ROLE:
            return role_name(row)
        if column == Column.AREA:
            return row.programme_area or ""
        if column == Column.NAME:
            return row.printed_name
        if column == Column.EMAIL:
            return row.email or ""
        return row.phone or ""

    def haystack(self, row: DirectoryRow) -> str:
        return "\x1f".join((row.printed_name, row.email or "", row.phone or "", row.country or REGIONAL,
                            role_name(row), row.role, row.programme_area or "")).lower()

    def narrow(self, rows: list[DirectoryRow], kept, wanted: DirectoryFilter):
        if wanted.year is not None:
            kept = [i for i in kept if rows[i].year == wanted.year]
        if wanted.country == REGIONAL:
            kept = [i for i in kept if rows[i].country is None]
        elif wanted.country:
            kept = [i for i in kept if rows[i].country == wanted.country]
        return kept

    def source_of(self, row: DirectoryRow) -> str:
        source = self._sources.get(row.id, RecordSource(None, None))
        return self._provenance.describe(source.import_id, source.cell)

    def cell_data(self, row: DirectoryRow, column: int, role: int):
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.source_of(row)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.COUNTRY and row.country is None:
            return MUTED
        return None
