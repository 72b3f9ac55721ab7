"""The `Indicators` sheet: one value per row, possibly a hundred thousand rows.

The loop does as little as it can per row: repeated texts (indicator names,
countries, sex, age group, year, project codes) are resolved once through
dictionaries, and whole numbers skip the general number parser.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..parsing import (
    ParseError,
    clean_text,
    normalize_project_code,
    parse_age_group,
    parse_number,
    parse_sex,
    parse_year,
)
from .layout import INDICATORS
from .parsed import IncomingValue
from .read_context import ReadContext
from .sheet_rows import EMPTY, Table, blank

SHEET = INDICATORS.name
SEX_PARTS = ("female", "male")
AGE_PARTS = ("children", "adults")
_INFINITY = float("inf")


class _Memo:
    """A parser whose answers (and refusals) are remembered by cell value."""

    __slots__ = ("parse", "known")

    def __init__(self, parse) -> None:
        self.parse = parse
        self.known: dict[Any, Any] = {}

    def __call__(self, value: Any) -> Any:
        try:
            found = self.known[value]
        except KeyError:
            try:
                found = self.parse(value)
            except ParseError as error:
                found = error
            self.known[value] = found
        if found.__class__ is ParseError:
            raise found
        return found


def read_indicators(table: Table, context: ReadContext, project_codes: set[str]) -> list[IncomingValue]:
    """The values of the sheet; `project_codes` are the codes of this return's projects."""
    log = context.log
    mission = context.mission or ""
    return_year = context.year
    indicator = _Memo(context.lookups.indicator)
    country = _Memo(context.lookups.country)
    sex_of = _Memo(parse_sex)
    age_of = _Memo(parse_age_group)
    year_of = _Memo(_year_checker(return_year))
    known_codes = project_codes | set(context.known_project_codes)
    project_of = _Memo(lambda value: _project_code(value, known_codes))
    values: list[IncomingValue] = []
    first_row: dict[tuple, int] = {}

    for row, (name, value, country_cell, project, sex, age, year, note) in table.rows():
        if (value == EMPTY and project == EMPTY and sex == EMPTY and age == EMPTY and year == EMPTY
                and note == EMPTY):
            continue  # "not reported": a row the template pre-filled with Indicator and Country only
        ok = True
        code = sex_value = age_value = year_value = None
        try:
            code = indicator(name)
        except ParseError as error:
            ok = False
            _missing_or_wrong(log, row, "Indicator", name, error, "the indicator is missing")
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
        if country_cell == EMPTY:
            where = mission
        else:
            try:
                where = country(country_cell)
            except ParseError as error:
                ok = False
                _missing_or_wrong(log, row, "Country", country_cell, error, None)
                where = mission
        project_code = None
        if project != EMPTY:
            try:
                project_code = project_of(project)
            except ParseError as error:
                ok = False
                log.error(str(error), SHEET, row, "Project code")
        try:
            sex_value = sex_of(sex) if sex != EMPTY else EMPTY
        except ParseError as error:
            log.error(str(error), SHEET, row, "Sex")
        try:
            age_value = age_of(age) if age != EMPTY else EMPTY
        except ParseError as error:
            log.error(str(error), SHEET, row, "Age group")
        if year == EMPTY:
            year_value = return_year
        else:
            try:
                year_value, far = year_of(year)
            except ParseError as error:
                log.error(str(error), SHEET, row, "Year")
            else:
                if far:
                    log.warning(far, SHEET, row, "Year")
        if not ok or number is None or year_value is None or sex_value is None or age_value is None:
            continue
        record = IncomingValue(code, where, year_value, number, row, project_code, sex_value, age_value,
                               None if note == EMPTY else (clean_text(note) or None))
        key = (code, where, year_value, project_code, sex_value, age_value)
        if key in first_row:
            log.error(
                f"this value (same indicator, country, year, project, sex and age group) is already given "
                f"on row {first_row[key]}", SHEET, row, "Value",
            )
            continue
        first_row[key] = row
        values.append(record)
    _check_totals(values, context)
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


def _missing_or_wrong(log, row: int, column: str, value: Any, error: ParseError, missing: str | None) -> None:
    if missing and blank(value):
        log.error(missing, SHEET, row, column)
    else:
        log.error(str(error), SHEET, row, column)


def _year_checker(return_year: int | None):
    def check(value: Any) -> tuple[int, str | None]:
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


def _check_totals(values: list[IncomingValue], context: ReadContext) -> None:
    """Where a total and all its parts (female + male, or children + adults)
    are given, the parts must add up to the total."""
    groups: dict[tuple, dict[tuple[str, str], IncomingValue]] = {}
    for value in values:
        groups.setdefault((value.indicator_code, value.country, value.year, value.project_code), {})[
            (value.sex, value.age_group)] = value
    for group in groups.values():
        if len(group) < 3:
            continue
        for (sex, age), total in group.items():
            if sex == EMPTY:
                _check_parts(context, total, [group.get((part, age)) for part in SEX_PARTS])
            if age == EMPTY:
                _check_parts(context, total, [group.get((sex, part)) for part in AGE_PARTS])


def _check_parts(context: ReadContext, total: IncomingValue, parts: list[IncomingValue | None]) -> None:
    if any(part is None for part in parts):
        return
    added = sum(part.value for part in parts)
    if added == total.value:
        return
    described = " + ".join(f"{_label(part)} {_figure(part.value)} (row {part.row})" for part in parts)
    context.log.error(
        f'"{_figure(total.value)}" is not the sum of its parts: {described} = {_figure(added)}',
        SHEET, total.row, "Value",
    )


def _label(value: IncomingValue) -> str:
    return " ".join(p for p in (value.sex, value.age_group) if p)


def _figure(number: Decimal) -> str:
    return f"{number:,f}" if number != number.to_integral_value() else f"{int(number):,}"
