"""The figures the Dashboard charts for a year: main indicator totals, projects by area, budgets by donor.

Projects count in a year when they were active in it (the register's own year filter). A project with
several thematic areas counts once in each; a budget funded jointly by several donors goes to the
donors together (the register does not say who paid which share).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..collation import sorted_by_name
from .exchange_rates import DEFAULT_REPORTING_CURRENCY, Budget, ExchangeRates, MissingRate, budgets_of
from .indicators import IndicatorService, percent_change
from .project_records import ProjectQuery
from .projects import ProjectService

MAIN_INDICATORS = 12  # the first of the catalogue: the annual report's key figures
JOINT_DONORS = ", "


@dataclass(frozen=True)
class Tile:
    """A main indicator's regional total for the year beside the year before."""

    indicator_code: str
    indicator: str
    unit: str
    value: Decimal | None
    previous: Decimal | None

    @property
    def change(self) -> Decimal | None:
        return percent_change(self.value, self.previous)


@dataclass(frozen=True)
class ProjectGroup:
    """Projects of a year that share a programme area, a thematic area or a donor."""

    label: str
    key: str | None  # the programme area code, thematic area or donors; None for those without one
    codes: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.codes)


@dataclass(frozen=True)
class DonorBudget:
    donors: str  # one donor, or several joined by ", "
    amount: Decimal  # in the reporting currency, what could be converted
    codes: tuple[str, ...]  # the projects counted


@dataclass
class BudgetsByDonor:
    year: int
    currency: str
    donors: list[DonorBudget] = field(default_factory=list)  # largest first
    missing: list[MissingRate] = field(default_factory=list)  # budgets left out: no rate, never counted as 0

    @property
    def complete(self) -> bool:
        return not self.missing


class DashboardService:
    def __init__(self, indicators: IndicatorService, projects: ProjectService, rates: ExchangeRates, catalog):
        self._indicators = indicators
        self._projects = projects
        self._rates = rates
        self._catalog = catalog

    def tiles(self, year: int) -> list[Tile]:
        """The main indicators' totals of `year` and of the year before, in catalogue order."""
        now = self._indicators.totals(year)[:MAIN_INDICATORS]
        before = {t.indicator_code: t.value for t in self._indicators.totals(year - 1)}
        units = {i.code: i.unit for i in self._catalog.indicators}
        return [Tile(t.indicator_code, t.indicator, units.get(t.indicator_code, ""), t.value,
                     before.get(t.indicator_code)) for t in now]

    def by_programme_area(self, year: int) -> list[ProjectGroup]:
        """Every programme area in H-number order (empty ones too), then the projects of other divisions."""
        rows = self._rows(year)
        groups = [ProjectGroup(f"{h_code} · {code}", code, tuple(r.code for r in rows if r.programme_area == code))
                  for code, h_code, _ in self._catalog.programme_areas]
        others = tuple(r.code for r in rows if not r.programme_area)
        if others:
            groups.append(ProjectGroup("Other divisions", None, others))
        return groups

    def by_thematic_area(self, year: int) -> list[ProjectGroup]:
        """The thematic areas with projects in `year`, most projects first, then by name."""
        codes: dict[str | None, list[str]] = {}
        for row in self._rows(year):
            for area in row.thematic_areas or (None,):
                codes.setdefault(area, []).append(row.code)
        groups = [ProjectGroup(area or "No thematic area", area, tuple(found)) for area, found in codes.items()]
        named = sorted_by_name(groups, key=lambda g: g.label)
        return sorted(named, key=lambda g: (-g.count, g.key is None))

    def budgets_by_donor(self, year: int, currency: str = DEFAULT_REPORTING_CURRENCY) -> BudgetsByDonor:
        """The budgets (health share where given) of the projects active in `year`, converted at the rate valid
        at each project's start; a budget without a rate is named in `missing`, not added."""
        by_donors: dict[str, list[Budget]] = {}
        for row in self._rows(year):
            for budget in budgets_of([row]):
                by_donors.setdefault(JOINT_DONORS.join(row.donors) or "No donor recorded", []).append(budget)
        result = BudgetsByDonor(year, currency)
        missing: dict[tuple, list[str]] = {}
        for donors, budgets in by_donors.items():
            total = self._rates.total(budgets, currency)
            if total.counted:
                result.donors.append(DonorBudget(donors, total.amount, tuple(total.counted)))
            for gap in total.missing:
                missing.setdefault((gap.currency, gap.on), []).extend(gap.projects)
        result.donors.sort(key=lambda d: (-d.amount, d.donors))
        result.missing = [MissingRate(c, on, tuple(sorted(codes))) for (c, on), codes in
                          sorted(missing.items(), key=lambda item: (item[0][0], item[0][1] is None, item[0][1]))]
        return result

    def _rows(self, year: int):
        return self._projects.rows(ProjectQuery(year=year))
