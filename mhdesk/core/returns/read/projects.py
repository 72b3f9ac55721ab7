"""The `Projects` sheet: one project per row, checked cell by cell and then
by the project rules the editor form also applies."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ...parsing import (
    clean_text,
    normalize_project_code,
    parse_amount,
    parse_currency,
    parse_date,
    parse_duration,
    parse_programme_area,
    parse_status,
    programme_area_from_code,
    split_lines,
    split_list,
)
from ...parsing.errors import ParseError
from ...services.project_records import ProjectData
from ...services.project_rules import check_project
from ..layout import PROJECTS
from ..parsed import IncomingProject
from .context import ReadContext, RowReader
from .sheet_rows import Table, blank

SHEET = PROJECTS.name


def read_projects(table: Table, context: ReadContext) -> list[IncomingProject]:
    projects: list[IncomingProject] = []
    first_row: dict[str, int] = {}
    for row, cells in table.rows():
        project = _read_row(RowReader(context.log, SHEET, row), cells, context)
        if project is None:
            continue
        code = project.data.code
        if code in first_row:
            context.log.error(f'"{code}" is already given on row {first_row[code]}', SHEET, row, "Code")
            continue
        first_row[code] = row
        projects.append(project)
    return projects


def _read_row(cells_of: RowReader, cells: tuple[Any, ...], context: ReadContext) -> IncomingProject | None:
    (code_cell, title, area, donor, budget, currency, health, start, end, duration, extended,
     countries, managing, thematic, status, summary, achievements) = cells
    read = cells_of.parse
    given: set[str] = {"code", "title"}
    code = None
    if blank(code_cell):
        cells_of.error("Code", "a project code is required (e.g. MA.0467)")
    else:
        code = read("Code", normalize_project_code, code_cell)
        if code and _retyped(code_cell, code):
            cells_of.warning("Code", f'"{clean_text(code_cell)}" is read as {code}')
    data = ProjectData(code=code or "", title=clean_text(title))

    if not blank(area):
        data.programme_area = read("Programme area", parse_programme_area, area)
        if data.programme_area is not None:
            given.add("programme_area")
            code_area = programme_area_from_code(code) if code else None
            if code_area and code_area != data.programme_area:
                cells_of.error(
                    "Programme area",
                    f'"{clean_text(area)}" ({data.programme_area}) does not match the code {code}, '
                    f"whose prefix says {code_area}",
                )
    elif code:
        data.programme_area = programme_area_from_code(code)

    if not blank(donor):
        data.donors = split_list(donor, ";")
        given.add("donors")

    _read_money(cells_of, data, given, budget, currency, health)
    end_column, extended_column = _read_dates(cells_of, data, given, start, end, duration, extended)

    if not blank(countries):
        found = read("Countries", context.lookups.countries, countries)
        if found:
            data.countries = found
            given.add("countries")
    elif context.mission:
        data.countries = [context.mission]
    if not blank(managing):
        data.managing_mission = read("Managing mission", context.lookups.country, managing)
        given.add("managing_mission")
    if not blank(thematic):
        areas = _thematic_areas(cells_of, thematic, context)
        if areas is not None:
            data.thematic_areas = areas
            given.add("thematic_areas")
    if not blank(status):
        found_status = read("Status", parse_status, status)
        if found_status is not None:
            data.status = found_status
            given.add("status")
    if not blank(summary):
        data.summary = _multiline(summary)
        given.add("summary")
    if not blank(achievements) and context.year is not None:
        data.achievements = {context.year: split_lines(achievements)}
        given.add("achievements")

    columns = {"End": end_column, "Extended to": extended_column}
    for issue in check_project(data):
        if issue.field == "Code" and code is None:
            continue  # already said, quoting the cell
        cells_of.error(columns.get(issue.field, issue.field), issue.message)
    if code is None:
        return None
    return IncomingProject(data, cells_of.row, frozenset(given))


def _read_money(cells_of: RowReader, data: ProjectData, given: set[str], budget: Any, currency: Any,
                health: Any) -> None:
    read = cells_of.parse
    column_currency = None if blank(currency) else read("Currency", parse_currency, currency)
    currencies: list[tuple[str, str, Any]] = []  # (column, code, cell)
    if column_currency:
        currencies.append(("Currency", column_currency, currency))
    for column, cell, field in (("Budget", budget, "budget"), ("Health budget", health, "health_budget")):
        if blank(cell):
            continue
        amount = read(column, parse_amount, cell)
        if amount is None:
            continue
        setattr(data, field, amount.value)
        given.add(field)
        if amount.currency:
            currencies.append((column, amount.currency, cell))
    if not currencies:
        return
    first_column, first_code, first_cell = currencies[0]
    data.currency = first_code
    given.add("currency")
    for column, code, cell in currencies[1:]:
        if code != first_code:
            other = (f"the Currency column says {first_code}" if first_column == "Currency"
                     else f'{first_column} "{clean_text(first_cell)}" is in {first_code}')
            cells_of.error(column, f'"{clean_text(cell)}" is in {code} but {other}; give one currency per project')
            return


def _read_dates(cells_of: RowReader, data: ProjectData, given: set[str], start: Any, end: Any,
                duration: Any, extended: Any) -> tuple[str, str]:
    """Fill start, end and extended_to; returns the columns the end and the
    extension were read from (for locating the project rules' findings)."""
    read = cells_of.parse
    typed_start = None if blank(start) else read("Start", parse_date, start)
    typed_end = None if blank(end) else read("End", parse_date, end, end=True)
    typed_extended = None if blank(extended) else read("Extended to", parse_date, extended, end=True)
    span = None if blank(duration) else read("Duration", parse_duration, duration)
    end_column, extended_column = "End", "Extended to"
    if span is not None:
        text = clean_text(duration)
        for column, typed, from_span in (("Start", typed_start, span.start), ("End", typed_end, span.end),
                                         ("Extended to", typed_extended, span.extended_to)):
            if typed is not None and from_span is not None and typed != from_span:
                cells_of.warning(
                    "Duration",
                    f'"{text}" gives {_day(from_span)} but {column} says {_day(typed)}; {column} is used',
                )
        if typed_start is None and blank(start):
            typed_start = span.start
        if typed_end is None and blank(end) and span.end is not None:
            typed_end, end_column = span.end, "Duration"
        if typed_extended is None and blank(extended) and span.extended_to is not None:
            typed_extended, extended_column = span.extended_to, "Duration"
    cells = {"Start": start, "End": end, "Duration": duration, "Extended to": extended}
    if typed_start and typed_end and typed_end < typed_start:
        cells_of.error(end_column, f'"{_shown(cells[end_column])}" is before the start {_day(typed_start)}')
    if typed_end and typed_extended and typed_extended < typed_end:
        cells_of.error(extended_column,
                       f'"{_shown(cells[extended_column])}" is before the end of the project {_day(typed_end)}')
    for field, value in (("start", typed_start), ("end", typed_end), ("extended_to", typed_extended)):
        if value is not None:
            setattr(data, field, value)
            given.add(field)
    return end_column, extended_column


def _thematic_areas(cells_of: RowReader, cell: Any, context: ReadContext) -> list[str] | None:
    names, unknown = [], []
    for item in split_list(cell, ";"):
        try:
            name = context.lookups.thematic_area(item)
        except ParseError as error:
            unknown.append(str(error))
            continue
        if name not in names:
            names.append(name)
    if unknown:
        cells_of.error("Thematic areas", "; ".join(unknown) + " (separate several with ;)")
        return None
    return names


def _retyped(cell: Any, code: str) -> bool:
    """Whether reading the code changed more than its case, spacing or dot (`MA.99` -> `MA.0099`)."""
    typed = "".join(clean_text(cell).upper().split()).replace(".", "")
    return typed != code.replace(".", "")


def _multiline(value: Any) -> str:
    text = value if isinstance(value, str) else clean_text(value)
    lines = [clean_text(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def _shown(value: Any) -> str:
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, date) else clean_text(value)


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"
