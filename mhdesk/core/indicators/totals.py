"""Regional totals by each indicator's rules, from each country's figure (a *cell*, see `models.indicator_cells`).

Across countries a total adds the cells up (`over_countries` 'sum') or takes the largest ('max');
across years it adds the yearly totals ('sum', consultations) or takes the latest year that has
figures ('latest', facilities, which are not new each year).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models.cell_upkeep import EVERY_CELL, inserted_cells
from ..models.indicator_cells import VALUES, cell_figures, figures_of, indicator_cell, indicator_cell_stale
from .exact import from_stored

CELLS, STALE = indicator_cell, indicator_cell_stale


@dataclass(frozen=True)
class Rule:
    """What a total needs to know of an indicator."""

    id: int
    code: str
    name: str
    decimals: int
    over_countries: str
    over_years: str


@dataclass(frozen=True)
class Total:
    """A regional total of one indicator for a year (`year_to` is None) or a period."""

    indicator_code: str
    indicator: str
    year: int
    value: Decimal | None  # None: nobody reported
    countries_reporting: int
    year_to: int | None = None
    counted_year: int | None = None  # for a period total by the latest year: the year counted

    @property
    def period(self) -> str:
        return str(self.year) if self.year_to is None else f"{self.year}-{self.year_to}"


def cell_values(session: Session, years: Collection[int]) -> dict[tuple[int, int, int], int]:
    """{(year, indicator id, country id): the country's figure as stored}, for the given years.

    Read from the cells kept beside the values; a cell this transaction wrote, or still named stale by
    a writer that bypassed the upkeep, is added up from its values instead."""
    years = sorted(years)
    cells, stale = CELLS.c, STALE.c
    found = {(year, indicator_id, country_id): figure for year, indicator_id, country_id, figure in session.execute(
        select(cells.year, cells.indicator_id, cells.country_id, cells.figure).where(cells.year.in_(years)))}
    inserted = inserted_cells(session.connection())
    if inserted is EVERY_CELL:
        return {tuple(row[:3]): int(row[3]) for row in session.execute(cell_figures(VALUES.c.year.in_(years)))}
    outdated = set(session.execute(select(stale.year, stale.indicator_id, stale.country_id).distinct()
                                   .where(stale.year.in_(years))).all())
    outdated |= {key for key in inserted if key[0] in years}
    if outdated:
        for key in outdated:
            found.pop(tuple(key), None)
        found.update((row[:3], row[3]) for row in figures_of(session.connection(), outdated))
    return found


def yearly_totals(cells: dict[tuple[int, int, int], int], rules: Iterable[Rule], year: int) -> list[Total]:
    """Each indicator's regional total for `year` from the cells (see `cell_values`), in `rules` order."""
    by_indicator: dict[int, list[int]] = {}
    for (cell_year, indicator_id, _), figure in cells.items():
        if cell_year == year:
            by_indicator.setdefault(indicator_id, []).append(figure)
    totals = []
    for rule in rules:
        figures = by_indicator.get(rule.id, [])
        stored = None
        if figures:
            stored = max(figures) if rule.over_countries == "max" else sum(figures)
        totals.append(Total(rule.code, rule.name, year,
                            None if stored is None else from_stored(stored, rule.decimals), len(figures)))
    return totals


def period_totals(cells: dict[tuple[int, int, int], int], rules: Iterable[Rule], first: int,
                  last: int) -> list[Total]:
    """Each indicator's total over the years `first` to `last` by its rule across years."""
    rules = list(rules)
    yearly = {year: {t.indicator_code: t for t in yearly_totals(cells, rules, year)}
              for year in range(first, last + 1)}
    totals = []
    for rule in rules:
        reported = [(year, yearly[year][rule.code]) for year in range(first, last + 1)
                    if yearly[year][rule.code].value is not None]
        if not reported:
            totals.append(Total(rule.code, rule.name, first, None, 0, last))
            continue
        if rule.over_years == "latest":
            year, latest = reported[-1]
            totals.append(Total(rule.code, rule.name, first, latest.value, latest.countries_reporting, last, year))
            continue
        countries = {c for (y, i, c) in cells if i == rule.id and first <= y <= last}
        totals.append(Total(rule.code, rule.name, first, sum(t.value for _, t in reported), len(countries), last))
    return totals
