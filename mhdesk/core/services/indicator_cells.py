"""Typing figures in: a country's cell for an indicator and year, its total and its sex / age parts.

A cell is written whole or not at all, against the versions it was read with: if any of
its values was changed, added or removed elsewhere since, nothing is written and
`StaleRecord` says so. Several cells (a pasted block, an undo) go in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from ..database import Database
from ..errors import Issue, NotFound, StaleRecord, ValidationFailed
from ..indicators.exact import from_stored, to_stored
from ..indicators.findings import DEFAULT_FACTOR, Finding, value_problem
from ..models import Country, Indicator, IndicatorValue
from .row_audit import record_rows, row_of

Part = tuple[str, str]  # (sex, age group); ("", "") is the total
TOTAL: Part = ("", "")


@dataclass
class CellValues:
    """What a cell holds (or should hold): values by part, and the versions they were read with."""

    indicator_code: str
    country: str
    year: int
    values: dict[Part, Decimal] = field(default_factory=dict)
    versions: dict[Part, int] = field(default_factory=dict)

    @property
    def total(self) -> Decimal | None:
        return self.values.get(TOTAL)


class IndicatorCells:
    def __init__(self, db: Database):
        self._db = db

    def read(self, indicator_code: str, country: str, year: int) -> CellValues:
        """The cell's country-level values (not those of single projects), ready to edit and save."""
        with self._db.session() as session:
            indicator, country_id = self._keys(session, indicator_code, country)
            cell = CellValues(indicator.code, country, year)
            for row in session.scalars(self._rows(indicator.id, country_id, year)):
                cell.values[(row.sex, row.age_group)] = from_stored(row.value, indicator.decimals)
                cell.versions[(row.sex, row.age_group)] = row.version
            return cell

    def save(self, cells: Sequence[CellValues], factor: float = DEFAULT_FACTOR) -> list[Finding]:
        """Write the cells as given (a part left out is removed), all or none; returns the findings of the
        years written, checked after the write."""
        from .indicators import IndicatorService

        with self._db.session() as session, session.begin():
            for cell in cells:
                self._save_one(session, cell)
        service = IndicatorService(self._db)
        return [f for year in sorted({c.year for c in cells}) for f in service.findings(year, factor)]

    def _save_one(self, session, cell: CellValues) -> None:
        indicator, country_id = self._keys(session, cell.indicator_code, cell.country)
        where = f"{indicator.name}, {cell.country} {cell.year}"
        issues = []
        stored: dict[Part, int] = {}
        for part, value in cell.values.items():
            label = f"{where}{''.join(f', {p}' for p in part if p)}"
            sex, age = part
            if (sex and not indicator.by_sex) or (age and not indicator.by_age):
                issues.append(Issue(label, f"{indicator.name} is not broken down by "
                                           f"{'sex' if sex and not indicator.by_sex else 'age group'}"))
                continue
            problem = value_problem(value, indicator.decimals)
            if problem:
                issues.append(Issue(label, problem[1]))
                continue
            stored[part] = to_stored(value, indicator.decimals)
        if issues:
            raise ValidationFailed(issues)
        rows = {(r.sex, r.age_group): r for r in session.scalars(
            self._rows(indicator.id, country_id, cell.year).with_for_update())}
        if {part: row.version for part, row in rows.items()} != cell.versions:
            raise StaleRecord(f"{where} was changed elsewhere since it was read; reload it and try again.")
        audited = []  # (before, row) for the audit trail, once written
        for part, value in stored.items():
            row = rows.get(part)
            if row is None:
                row = IndicatorValue(indicator_id=indicator.id, country_id=country_id, year=cell.year,
                                     project_id=None, sex=part[0], age_group=part[1], value=value)
                session.add(row)
                audited.append((None, row))
            elif row.value != value:
                audited.append((row_of(row), row))
                row.value = value  # the version goes up with the UPDATE
                row.source_import_id, row.source_cell = None, None
        removed = [row_of(row) for part, row in rows.items() if part not in stored]
        for part, row in rows.items():
            if part not in stored:
                session.delete(row)
        session.flush()
        record_rows(session, "indicator_value", [*((before, row_of(row)) for before, row in audited),
                                                 *((before, None) for before in removed)])

    @staticmethod
    def _rows(indicator_id: int, country_id: int, year: int):
        return select(IndicatorValue).where(
            IndicatorValue.indicator_id == indicator_id, IndicatorValue.country_id == country_id,
            IndicatorValue.year == year, IndicatorValue.project_id.is_(None))

    @staticmethod
    def _keys(session, indicator_code: str, country: str) -> tuple[Indicator, int]:
        indicator = session.scalar(select(Indicator).where(Indicator.code == indicator_code))
        if indicator is None:
            raise NotFound(f'"{indicator_code}" is not an indicator of the catalogue.')
        country_id = session.scalar(select(Country.id).where(Country.name == country))
        if country_id is None:
            raise NotFound(f'"{country}" is not a known country.')
        return indicator, country_id
