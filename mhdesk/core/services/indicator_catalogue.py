"""Editing the indicator catalogue: names, units, descriptions, aggregation rules, breakdowns, decimals."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm.exc import StaleDataError

from ..database import Database
from ..errors import Issue, NotFound, StaleRecord, ValidationFailed
from ..models import Indicator, IndicatorValue
from .row_audit import record_rows, row_of

OVER_COUNTRIES = ("sum", "max")
OVER_YEARS = ("sum", "latest")
MAX_DECIMALS = 6


@dataclass
class IndicatorData:
    code: str
    name: str
    unit: str
    description: str | None = None
    decimals: int = 0
    over_countries: str = "sum"
    over_years: str = "sum"
    by_sex: bool = False
    by_age: bool = False
    version: int | None = None  # the version it was read with; None for a new indicator


class IndicatorCatalogue:
    def __init__(self, db: Database):
        self._db = db

    def list(self) -> list[IndicatorData]:
        with self._db.session() as session:
            return [_data(i) for i in session.scalars(select(Indicator).order_by(Indicator.position, Indicator.code))]

    def get(self, code: str) -> IndicatorData:
        with self._db.session() as session:
            return _data(self._find(session, code))

    def create(self, data: IndicatorData) -> IndicatorData:
        _check(data)
        with self._db.session() as session, session.begin():
            if session.scalar(select(Indicator.id).where(Indicator.code == data.code.strip())):
                raise ValidationFailed([Issue("Code", f"{data.code} is already an indicator")])
            position = (session.scalar(select(func.max(Indicator.position))) or 0) + 1
            indicator = Indicator(position=position)
            _apply(indicator, data)
            session.add(indicator)
            session.flush()
            record_rows(session, "indicator", [(None, row_of(indicator))])
            return _data(indicator)

    def update(self, code: str, data: IndicatorData) -> IndicatorData:
        """Change the indicator now known by `code`, against the version `data` was read with. More decimals
        rescale its stored values; fewer are refused while a value would lose digits."""
        _check(data)
        try:
            with self._db.session() as session, session.begin():
                indicator = self._find(session, code)
                if indicator.version != data.version:
                    raise StaleRecord(f"The indicator {code} was changed elsewhere since it was read.")
                before = row_of(indicator)
                if data.decimals != indicator.decimals:
                    _rescale(session, indicator, data.decimals)
                _apply(indicator, data)
                session.flush()
                record_rows(session, "indicator", [(before, row_of(indicator))])
                return _data(indicator)
        except StaleDataError:
            raise StaleRecord(f"The indicator {code} was changed elsewhere since it was read.") from None

    def delete(self, code: str) -> None:
        with self._db.session() as session, session.begin():
            indicator = self._find(session, code)
            count = session.scalar(select(func.count()).where(IndicatorValue.indicator_id == indicator.id))
            if count:
                raise ValidationFailed([Issue(indicator.name, f"{count:,} values are recorded for it; "
                                                              "it cannot be removed while they are")])
            record_rows(session, "indicator", [(row_of(indicator), None)])
            session.delete(indicator)

    @staticmethod
    def _find(session, code: str) -> Indicator:
        indicator = session.scalar(select(Indicator).where(Indicator.code == code))
        if indicator is None:
            raise NotFound(f'"{code}" is not an indicator of the catalogue.')
        return indicator


def _rescale(session, indicator: Indicator, decimals: int) -> None:
    values = IndicatorValue.__table__
    ours = values.c.indicator_id == indicator.id
    if decimals > indicator.decimals:
        factor = 10 ** (decimals - indicator.decimals)
        session.execute(update(values).where(ours).values(value=values.c.value * factor,
                                                          version=values.c.version + 1))
        return
    divisor = 10 ** (indicator.decimals - decimals)
    losing = session.scalar(select(func.count()).where(ours, values.c.value % divisor != 0))
    if losing:
        raise ValidationFailed([Issue("Decimals", f"{losing:,} values of {indicator.name} have more than "
                                                  f"{decimals} decimals; nothing is rounded")])
    session.execute(update(values).where(ours).values(value=values.c.value // divisor, version=values.c.version + 1))


def _check(data: IndicatorData) -> None:
    issues = []
    for name in ("code", "name", "unit"):
        if not (getattr(data, name) or "").strip():
            issues.append(Issue(name.capitalize(), "is required"))
    if data.over_countries not in OVER_COUNTRIES:
        issues.append(Issue("Across countries", f"is one of {', '.join(OVER_COUNTRIES)}"))
    if data.over_years not in OVER_YEARS:
        issues.append(Issue("Across years", f"is one of {', '.join(OVER_YEARS)}"))
    if not 0 <= data.decimals <= MAX_DECIMALS:
        issues.append(Issue("Decimals", f"are from 0 (a count) to {MAX_DECIMALS}"))
    if issues:
        raise ValidationFailed(issues)


def _apply(indicator: Indicator, data: IndicatorData) -> None:
    indicator.code, indicator.name, indicator.unit = data.code.strip(), data.name.strip(), data.unit.strip()
    indicator.description = (data.description or "").strip() or None
    indicator.decimals, indicator.over_countries, indicator.over_years = (data.decimals, data.over_countries,
                                                                         data.over_years)
    indicator.by_sex, indicator.by_age = bool(data.by_sex), bool(data.by_age)


def _data(indicator: Indicator) -> IndicatorData:
    return IndicatorData(indicator.code, indicator.name, indicator.unit, indicator.description, indicator.decimals,
                         indicator.over_countries, indicator.over_years, indicator.by_sex, indicator.by_age,
                         indicator.version)
