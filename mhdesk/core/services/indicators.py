"""Indicator values, read for listings, reports and the dashboard."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select

from ..database import Database
from ..models import Country, Indicator, IndicatorValue, Project

SEX_ORDER = {"": 0, "female": 1, "male": 2}


class IndicatorRow(NamedTuple):
    id: int
    indicator_code: str
    indicator: str
    country: str
    year: int
    project_code: str | None
    sex: str
    age_group: str
    value: Decimal
    source_cell: str | None
    source_import_id: int | None

    @property
    def is_total(self) -> bool:
        return not (self.sex or self.age_group)


class IndicatorService:
    def __init__(self, db: Database):
        self._db = db

    def rows(self, year: int | None = None, country: str | None = None) -> list[IndicatorRow]:
        statement = (
            select(IndicatorValue.id, Indicator.code, Indicator.name, Country.name, IndicatorValue.year,
                   Project.code, IndicatorValue.sex, IndicatorValue.age_group, IndicatorValue.value,
                   IndicatorValue.source_cell, IndicatorValue.source_import_id)
            .join(Indicator, IndicatorValue.indicator)
            .join(Country, IndicatorValue.country)
            .outerjoin(Project, Project.id == IndicatorValue.project_id)
            .order_by(IndicatorValue.year, Indicator.position, Country.name, Project.code,
                      IndicatorValue.sex, IndicatorValue.age_group)
        )
        if year is not None:
            statement = statement.where(IndicatorValue.year == year)
        if country is not None:
            statement = statement.where(Country.name == country)
        with self._db.session() as session:
            return [IndicatorRow(*row) for row in session.execute(statement)]

    def totals(self, year: int) -> dict[str, Decimal]:
        """Regional totals per indicator code: country totals without project or breakdown."""
        totals: dict[str, Decimal] = {}
        for row in self.rows(year):
            if row.is_total and row.project_code is None:
                totals[row.indicator_code] = totals.get(row.indicator_code, Decimal(0)) + row.value
        return totals
