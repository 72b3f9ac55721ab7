"""The `Indicators` sheet: one value per row, possibly a hundred thousand rows.

The loop does as little as it can per row: repeated texts (indicator names,
countries, sex, age group, year, project codes) are resolved once through
dictionaries, and whole numbers skip the general number parser.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from ...indicators.exact import shown
from ...parsing import (
    ParseError,
    clean_text,
    normalize_project_code,
    parse_age_group,
    parse_number,
    parse_sex,
    parse_year,
)
from ..layout import INDICATORS
from ..parsed import IncomingValue
from .context import ReadContext
from .sheet_rows import EMPTY, Table, blank

SHEET = INDICATORS.name
_INFINITY = float("inf")
_MISSING = object()


def _resolve(cache: dict, parse, value: Any, log, row: int, column: str, missing: str | None = None) -> Any:
    """The slow path of a look-up: parse (once per distinct value), remember the
    answer or the refusal, and log the refusal at the cell. Returns _MISSING
    when the value cannot be read."""
    found = cache.get(value, _MISSING)
    if found is _MISSING:
        try:
            found = parse(value)
        except ParseError as error:
            found = error
        cache[value] = found
    if found.__class__ is ParseError:
        log.error(missing if missing and blank(value) else str(found), SHEET, row, column)
        return _MISSING
    return found


def read_indicators(table: Table, context: ReadContext, project_codes: set[str]) -> list[IncomingValue]:
    """The values of the sheet; `project_codes` are the codes of this return's projects."""
    log = context.log
    mission = context.mission or ""
    return_year = context.year
    known_codes = project_codes | set(context.known_project_codes)
    parse_indicator, parse_country = context.lookups.indicator, context.lookups.country
    parse_year_far = _year_checker(return_year)
    parse_project = lambda value: _project_code(value, known_codes)  # noqa: E731
    # cell value -> what it reads as (or the ParseError it gives); empty cells pre-answered
    indicators: dict[Any, Any] = {}
    countries: dict[Any, Any] = {EMPTY: mission}
    projects: dict[Any, Any] = {EMPTY: None}
    sexes: dict[Any, Any] = {EMPTY: EMPTY}
    ages: dict[Any, Any] = {EMPTY: EMPTY}
    years: dict[Any, Any] = {EMPTY: (return_year, None)}
    values: list[IncomingValue] = []
    groups: dict[tuple, dict[tuple[str, str], IncomingValue]] = {}  # (indicator, country, year, project) -> parts
    # (Indicator, Country, Project code, Year cells) -> (indicator, country, project, year, warning, its group),
    # once all four read: the rows of one group share them, so a row costs one look-up instead of four
    described: dict[tuple, tuple] = {}
    parts: dict[tuple, tuple[str, str]] = {}  # (Sex, Age group cells) -> what they read as, once both read

    for row, (name, value, country_cell, project, sex, age, year, note) in table.rows():
        if (value == EMPTY and project == EMPTY and sex == EMPTY and age == EMPTY and year == EMPTY
                and note == EMPTY):
            continue  # "not reported": a row the template pre-filled with Indicator and Country only
        if value.__class__ is float and 0 <= value < _INFINITY:  # the common case, quickly
            number = Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
        else:
            number = _number(value)
        if number is None:
            if blank(value):
                if blank(project) and blank(sex) and blank(age) and blank(year) and blank(note):
                    continue  # only spaces besides the pre-filled cells: still "not reported"
                log.error("a value is required (leave the row's other cells empty if there is nothing to report)",
                          SHEET, row, "Value")
            else:
                try:
                    number = parse_number(value)
                except ParseError as error:
                    log.error(str(error), SHEET, row, "Value")
        ok = number is not None
        cells = (name, country_cell, project, year)
        known = described.get(cells)
        if known is not None:  # the common case: only sex and age group left to read
            code, where, project_code, year_value, far, group = known
            pair = parts.get((sex, age))
            if pair is None:
                sex_value = _resolve(sexes, parse_sex, sex, log, row, "Sex")
                age_value = _resolve(ages, parse_age_group, age, log, row, "Age group")
                if sex_value is _MISSING or age_value is _MISSING:
                    ok = False
                else:
                    parts[sex, age] = pair = (sex_value, age_value)
            if far:
                log.warning(far, SHEET, row, "Year")
            if not ok:
                continue
            sex_value, age_value = pair
        else:  # each cell on its own, its problems logged in column order
            # once per group of rows, so each cell goes through the look-up (and its log) whole
            code = _resolve(indicators, parse_indicator, name, log, row, "Indicator", "the indicator is missing")
            where = _resolve(countries, parse_country, country_cell, log, row, "Country")
            project_code = _resolve(projects, parse_project, project, log, row, "Project code")
            sex_value = _resolve(sexes, parse_sex, sex, log, row, "Sex")
            age_value = _resolve(ages, parse_age_group, age, log, row, "Age group")
            year_read = _resolve(years, parse_year_far, year, log, row, "Year")
            if year_read is _MISSING:
                continue
            year_value, far = year_read
            if far:
                log.warning(far, SHEET, row, "Year")
            if code is _MISSING or where is _MISSING or project_code is _MISSING or year_value is None:
                continue
            group_key = (code, where, year_value, project_code)
            group = groups.get(group_key)
            if group is None:
                group = groups[group_key] = {}
            described[cells] = (code, where, project_code, year_value, far, group)
            if not ok or sex_value is _MISSING or age_value is _MISSING:
                continue
            parts[sex, age] = pair = (sex_value, age_value)
        earlier = group.get(pair)
        if earlier is not None:
            log.error(
                f"this value (same indicator, country, year, project, sex and age group) is already given "
                f"on row {earlier.row}", SHEET, row, "Value",
            )
            continue
        incoming = IncomingValue(code, where, year_value, number, row, project_code, sex_value, age_value,
                                 None if note == EMPTY else (clean_text(note) or None))
        values.append(incoming)
        group[pair] = incoming  # the one tuple of these parts: no pair kept per row
    _check_totals(groups.values(), context)
    return values


def _number(value: Any) -> Decimal | None:
    """The common case quickly: a numeric cell holding a non-negative finite number."""
    if value.__class__ is float:
        if 0 <= value < _INFINITY:
            return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
        return None
    if value.__class__ is int and value >= 0:
        return Decimal(value)
    return None


def _year_checker(return_year: int | None):
    def check(value: Any) -> tuple[int, str | None]:
        """(year, warning if it is far from the return's year)."""
        year = parse_year(value)
        far = None
        if return_year is not None and abs(year - return_year) > 1:
            far = (f'"{clean_text(value)}" is more than a year away from the reporting year {return_year}; '
                   "check that it is meant")
        return year, far
    return check


def _project_code(value: Any, known: set[str]) -> str:
    code = normalize_project_code(value)
    if code not in known:
        raise ParseError(value, "is not a project of this return's Projects sheet nor a known project")
    return code


def _check_totals(groups: Iterable[dict[tuple[str, str], IncomingValue]], context: ReadContext) -> None:
    """Where a total and all its parts (female + male, or children + adults)
    are given, the parts must add up to the total. Each group holds the values of one indicator, country, year
    and project by (sex, age group)."""
    for group in groups:
        if len(group) < 3:
            continue
        for (sex, age), total in group.items():
            if sex == EMPTY:
                female, male = group.get(("female", age)), group.get(("male", age))
                if female is not None and male is not None and female.value + male.value != total.value:
                    _report_sum(context, total, [female, male])
            if age == EMPTY:
                children, adults = group.get((sex, "children")), group.get((sex, "adults"))
                if children is not None and adults is not None and children.value + adults.value != total.value:
                    _report_sum(context, total, [children, adults])


def _report_sum(context: ReadContext, total: IncomingValue, parts: list[IncomingValue]) -> None:
    added = sum(part.value for part in parts)
    described = " + ".join(f"{_label(part)} {shown(part.value)} (row {part.row})" for part in parts)
    context.log.error(
        f'"{shown(total.value)}" is not the sum of its parts: {described} = {shown(added)}',
        SHEET, total.row, "Value",
    )


def _label(value: IncomingValue) -> str:
    return " ".join(p for p in (value.sex, value.age_group) if p)
