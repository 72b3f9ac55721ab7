"""Indicator figures for listings, the year's grid, totals, checks, completeness and the dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from ..database import Database
from ..indicators.exact import from_stored
from ..indicators.findings import (
    DEFAULT_FACTOR,
    Finding,
    change_findings,
    no_project_findings,
    ordered,
    parts_findings,
)
from ..indicators.totals import Rule, Total, cell_values, period_totals, yearly_totals
from ..models import Country, Indicator, IndicatorValue, Project
from .catalog import Catalog, IndicatorInfo
from .indicator_rows import IndicatorRow, read_indicator_values

SEX_ORDER = {"": 0, "female": 1, "male": 2}


@dataclass(frozen=True)
class GridCell:
    """A country's figure for an indicator and year, as the grid shows it."""

    value: Decimal | None
    previous: Decimal | None  # the year before
    has_parts: bool  # given by sex and/or age group: the cell opens its breakdown
    findings: tuple[Finding, ...] = ()

    @property
    def change(self) -> Decimal | None:
        """Change from the year before in per cent, one decimal; None without both figures."""
        return percent_change(self.value, self.previous)


@dataclass(frozen=True)
class GridTotal:
    total: Total
    previous: Total

    @property
    def change(self) -> Decimal | None:
        return percent_change(self.total.value, self.previous.value)


@dataclass
class IndicatorGrid:
    """A year's countries x indicators, with regional totals, the year before and the findings."""

    year: int
    indicators: list[IndicatorInfo]
    countries: list[str]  # in the reader's alphabet, narrowed to a sub-region when asked
    subregions: dict[str, str]  # country -> sub-region
    cells: dict[tuple[str, str], GridCell] = field(default_factory=dict)  # (indicator code, country) -> cell
    totals: dict[str, GridTotal] = field(default_factory=dict)  # indicator code -> totals of all countries
    findings: list[Finding] = field(default_factory=list)

    def cell(self, indicator_code: str, country: str) -> GridCell:
        return self.cells.get((indicator_code, country), GridCell(None, None, False))


@dataclass(frozen=True)
class Completeness:
    """Which missions reported which indicators for a year."""

    year: int
    missions: list[str]
    indicators: list[IndicatorInfo]
    reported: frozenset[tuple[str, str]]  # (mission, indicator code)

    def missing_missions(self) -> list[str]:
        """Missions that reported nothing at all for the year: the ones to send a template to."""
        return [m for m in self.missions if not any((m, i.code) in self.reported for i in self.indicators)]


def percent_change(value: Decimal | None, previous: Decimal | None) -> Decimal | None:
    if value is None or not previous:
        return None
    return ((value - previous) * 100 / previous).quantize(Decimal("0.1"))


class IndicatorService:
    def __init__(self, db: Database, catalog: Catalog | None = None):
        self._db = db
        self._catalog = catalog or Catalog(db)

    # ---- values --------------------------------------------------------------------------

    def rows(self, year: int | None = None, country: str | None = None) -> list[IndicatorRow]:
        with self._db.session() as session:
            return read_indicator_values(session.connection().connection, year, country)

    def years(self) -> list[int]:
        with self._db.session() as session:
            return list(session.scalars(select(IndicatorValue.year).distinct().order_by(IndicatorValue.year)))

    # ---- totals ----------------------------------------------------------------------------

    def rules(self) -> list[Rule]:
        return [Rule(i.id, i.code, i.name, i.decimals, i.over_countries, i.over_years)
                for i in self._catalog_now().indicators]

    def totals(self, year: int) -> list[Total]:
        """The regional total of each indicator for `year`, in catalogue order."""
        with self._db.session() as session:
            return yearly_totals(cell_values(session, [year]), self.rules(), year)

    def period_totals(self, first: int, last: int) -> list[Total]:
        """Each indicator's total over `first`..`last` by its rule across years."""
        if last < first:
            raise ValueError(f"the period ends ({last}) before it starts ({first})")
        with self._db.session() as session:
            return period_totals(cell_values(session, range(first, last + 1)), self.rules(), first, last)

    def series(self, indicator_code: str, first: int, last: int) -> list[Total]:
        """One indicator's regional total for each year of a period (the dashboard's line)."""
        rules = [r for r in self.rules() if r.code == indicator_code]
        with self._db.session() as session:
            cells = cell_values(session, range(first, last + 1))
        return [yearly_totals(cells, rules, year)[0] for year in range(first, last + 1)]

    def by_country(self, indicator_code: str, year: int) -> list[tuple[str, Decimal]]:
        """One indicator's figure per reporting country for a year, largest first (the dashboard's bars)."""
        rule = next(r for r in self.rules() if r.code == indicator_code)
        names = {c.id: c.name for c in self._catalog_now().countries}
        with self._db.session() as session:
            cells = cell_values(session, [year])
        figures = [(names[c], from_stored(v, rule.decimals)) for (_, i, c), v in cells.items() if i == rule.id]
        return sorted(figures, key=lambda item: (-item[1], item[0]))

    # ---- checks ----------------------------------------------------------------------------

    def findings(self, year: int, factor: float = DEFAULT_FACTOR) -> list[Finding]:
        """Every rule of `indicators.findings` over the figures of `year`."""
        with self._db.session() as session:
            return self._findings(session, year, cell_values(session, [year - 1, year]), factor)

    def _findings(self, session, year: int, cells, factor: float) -> list[Finding]:
        catalog = self._catalog_now()
        rules = {r.id: r for r in self.rules()}
        countries = {c.id: c.name for c in catalog.countries}
        projects = dict(session.execute(select(Project.id, Project.code)).all())
        found = parts_findings(session, year, rules, countries, projects)
        found += change_findings(cells, year, rules, countries, factor)
        found += no_project_findings(session, cells, year, rules, countries)
        return ordered(found, {r.code: n for n, r in enumerate(rules.values())})

    # ---- the year's grid -----------------------------------------------------------------------

    def grid(self, year: int, subregion: str | None = None, factor: float = DEFAULT_FACTOR) -> IndicatorGrid:
        """Countries x indicators for `year`: every mission and every country with a figure, the totals
        row (of all countries, whatever the sub-region shown), the year before, and the findings."""
        catalog = self._catalog_now()
        names = {c.id: c.name for c in catalog.countries}
        subregions = {c.name: c.subregion for c in catalog.countries}
        rules = self.rules()
        with self._db.session() as session:
            cells = cell_values(session, [year - 1, year])
            with_parts = set(session.execute(
                select(IndicatorValue.indicator_id, IndicatorValue.country_id).distinct()
                .where(IndicatorValue.year == year, IndicatorValue.project_id.is_(None),
                       (IndicatorValue.sex != "") | (IndicatorValue.age_group != ""))).all())
            findings = self._findings(session, year, cells, factor)
        shown = {names[c] for (y, _, c) in cells if y == year} | set(catalog.missions)
        countries = [c.name for c in catalog.countries if c.name in shown
                     and (subregion is None or c.subregion == subregion)]
        grid = IndicatorGrid(year, catalog.indicators, countries, subregions, findings=findings)
        by_cell: dict[tuple[str, str], list[Finding]] = {}
        for finding in findings:
            by_cell.setdefault((finding.indicator_code, finding.country), []).append(finding)
        for rule in rules:
            for country_id, country in names.items():
                now, before = cells.get((year, rule.id, country_id)), cells.get((year - 1, rule.id, country_id))
                if now is None and before is None:
                    continue
                grid.cells[(rule.code, country)] = GridCell(
                    None if now is None else from_stored(now, rule.decimals),
                    None if before is None else from_stored(before, rule.decimals),
                    (rule.id, country_id) in with_parts, tuple(by_cell.get((rule.code, country), ())))
        previous = {t.indicator_code: t for t in yearly_totals(cells, rules, year - 1)}
        grid.totals = {t.indicator_code: GridTotal(t, previous[t.indicator_code])
                       for t in yearly_totals(cells, rules, year)}
        return grid

    def completeness(self, year: int) -> Completeness:
        catalog = self._catalog_now()
        statement = (select(Country.name, Indicator.code).distinct()
                     .join(Country, IndicatorValue.country).join(Indicator, IndicatorValue.indicator)
                     .where(IndicatorValue.year == year))
        with self._db.session() as session:
            reported = frozenset(tuple(r) for r in session.execute(statement))
        return Completeness(year, list(catalog.missions), catalog.indicators, reported)

    def _catalog_now(self) -> Catalog:
        """The catalogue as it is now: it can be edited while the application runs."""
        self._catalog.refresh()
        return self._catalog
