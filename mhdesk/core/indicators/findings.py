"""The checks on a year's indicator figures, run after every edit and import and on demand.

Rules (`Finding.rule`):
- `parts`: a stated total and its parts disagree (complete parts that do not add up, or
  parts that add up to more than the total); also two complete breakdowns that disagree.
- `negative`: a value below zero (refused before it is stored).
- `fraction`: a count with a fractional part, or more decimals than the indicator allows
  (refused before it is stored).
- `change`: a country's figure more than `factor` times, or under 1/`factor` of, the year before.
- `no_project`: a figure for a country where no project was active that year (a warning).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from ..models import IndicatorValue, Project
from ..models.projects import project_country
from .exact import NotExact, from_stored, shown, to_stored
from .totals import Rule

DEFAULT_FACTOR = 3
SEX_PARTS = ("female", "male")
AGE_PARTS = ("children", "adults")


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" or "warning"
    rule: str
    indicator_code: str
    indicator: str
    country: str
    year: int
    message: str
    project_code: str | None = None


def value_problem(value: Decimal, decimals: int) -> tuple[str, str] | None:
    """(rule, message) when `value` cannot be stored for an indicator with `decimals`; None when it can."""
    if value < 0:
        return "negative", f"{shown(value)} is negative; a figure counts what happened, from 0 up"
    try:
        to_stored(value, decimals)
    except NotExact as error:
        return "fraction", str(error)
    return None


def parts_findings(session: Session, year: int, rules: dict[int, Rule], countries: dict[int, str],
                   projects: dict[int, str]) -> list[Finding]:
    """Totals and parts that disagree among the values of `year`: the database adds each group's parts up and
    only the groups that disagree are read value by value, to say which parts they are."""
    v = IndicatorValue.__table__.c
    kinds = {"total": and_(v.sex == "", v.age_group == ""), "sex": and_(v.sex != "", v.age_group == ""),
             "age": and_(v.sex == "", v.age_group != ""), "both": and_(v.sex != "", v.age_group != "")}
    columns = []
    for condition in kinds.values():
        columns += [func.sum(case((condition, v.value))), func.count(case((condition, 1)))]
    statement = (select(v.indicator_id, v.country_id, v.project_id, *columns)
                 .where(v.year == year).group_by(v.indicator_id, v.country_id, v.project_id)
                 .having(func.count(case((or_(v.sex != "", v.age_group != ""), 1))) > 0))
    suspect = [row[:3] for row in session.execute(statement) if _may_disagree(row[3:])]
    found = []
    for indicator_id, country_id, project_id in suspect:
        rule = rules.get(indicator_id)
        if rule is None:
            continue
        cells = {(sex, age): value for sex, age, value in session.execute(
            select(v.sex, v.age_group, v.value).where(
                v.year == year, v.indicator_id == indicator_id, v.country_id == country_id,
                v.project_id.is_(None) if project_id is None else v.project_id == project_id))}
        for message in _disagreements(cells, rule.decimals):
            found.append(Finding("error", "parts", rule.code, rule.name, countries.get(country_id, "?"), year,
                                 message, projects.get(project_id) if project_id is not None else None))
    return found


def _may_disagree(sums: tuple) -> bool:
    """From (sum, count) of the total, sex, age and sex x age parts: whether a rule of `_disagreements` can fail."""
    total, _, by_sex, sex_n, by_age, age_n, both, both_n = sums
    complete = [(added, n == need) for added, n, need in ((by_sex, sex_n, 2), (by_age, age_n, 2), (both, both_n, 4))
                if n]
    if total is not None:
        return any((is_complete and added != total) or added > total for added, is_complete in complete)
    return len({added for added, is_complete in complete if is_complete}) > 1


def _disagreements(cells: dict[tuple[str, str], int], decimals: int) -> list[str]:
    def figure(stored: int) -> str:
        return shown(from_stored(stored, decimals))

    breakdowns = {
        "by sex": [k for k in cells if k[0] and not k[1]],
        "by age group": [k for k in cells if k[1] and not k[0]],
        "by sex and age group": [k for k in cells if k[0] and k[1]],
    }
    complete = {
        "by sex": {k[0] for k in breakdowns["by sex"]} == set(SEX_PARTS),
        "by age group": {k[1] for k in breakdowns["by age group"]} == set(AGE_PARTS),
        "by sex and age group": len(breakdowns["by sex and age group"]) == len(SEX_PARTS) * len(AGE_PARTS),
    }
    total = cells.get(("", ""))
    messages = []
    sums = {}
    for name, keys in breakdowns.items():
        if not keys:
            continue
        added = sum(cells[k] for k in keys)
        listed = " + ".join(f"{' '.join(p for p in k if p)} {figure(cells[k])}" for k in sorted(keys))
        if complete[name]:
            sums[name] = (added, listed)
        if total is None:
            continue
        if complete[name] and added != total:
            messages.append(f"the total {figure(total)} is not the sum of its parts {name}: {listed} = {figure(added)}")
        elif not complete[name] and added > total:
            messages.append(f"the parts {name} add up to more than the total {figure(total)}: {listed} = "
                            f"{figure(added)}")
    if total is None and len({added for added, _ in sums.values()}) > 1:
        described = "; ".join(f"{name}: {listed} = {figure(added)}" for name, (added, listed) in sums.items())
        messages.append(f"the breakdowns disagree ({described})")
    return messages


def change_findings(cells: dict[tuple[int, int, int], int], year: int, rules: dict[int, Rule],
                    countries: dict[int, str], factor: float = DEFAULT_FACTOR) -> list[Finding]:
    """Country figures of `year` beyond x`factor` or under 1/`factor` of the year before (cells of both years)."""
    found = []
    for (cell_year, indicator_id, country_id), figure in cells.items():
        if cell_year != year or indicator_id not in rules:
            continue
        before = cells.get((year - 1, indicator_id, country_id))
        if not before or not figure:
            continue
        if figure > before * factor or figure * factor < before:
            rule = rules[indicator_id]
            now, then = shown(from_stored(figure, rule.decimals)), shown(from_stored(before, rule.decimals))
            how = (f"{figure / before:.1f} times" if figure > before else f"under 1/{factor:g} of")
            found.append(Finding("warning", "change", rule.code, rule.name, countries[country_id], year,
                                 f"{now} is {how} the {year - 1} figure {then}; please check"))
    return found


def no_project_findings(session: Session, cells: dict[tuple[int, int, int], int], year: int,
                        rules: dict[int, Rule], countries: dict[int, str]) -> list[Finding]:
    """Figures of `year` for countries where no project was active that year."""
    from ..services.project_records import is_active_in

    dated = or_(Project.start.is_not(None), Project.end.is_not(None))
    running = {project_id for project_id, start, end, extended_to in session.execute(
        select(Project.id, Project.start, Project.end, Project.extended_to).where(dated))
        if is_active_in(start, extended_to or end, year)}
    active = {country_id for project_id, country_id in session.execute(
        select(project_country.c.project_id, project_country.c.country_id)) if project_id in running}
    active |= {mission for project_id, mission in session.execute(
        select(Project.id, Project.managing_mission_id).where(Project.managing_mission_id.is_not(None)))
        if project_id in running}
    found = []
    for (cell_year, indicator_id, country_id), _ in cells.items():
        if cell_year == year and country_id not in active and indicator_id in rules:
            rule = rules[indicator_id]
            found.append(Finding("warning", "no_project", rule.code, rule.name, countries[country_id], year,
                                 f"no project was active in {countries[country_id]} in {year}"))
    return found


def ordered(findings: Iterable[Finding], positions: dict[str, int]) -> list[Finding]:
    """Errors first, then by indicator in catalogue order, country and message."""
    from ..collation import collation_key

    return sorted(findings, key=lambda f: (f.severity != "error", positions.get(f.indicator_code, 0),
                                           collation_key(f.country), f.message))

