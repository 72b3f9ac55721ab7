"""Read a filled mission-return workbook into a `ParsedReturn`.

`read_return(path, catalog)` is a pure function of the file and the
catalogue: it writes nothing and never opens a database. A file that is not
a readable .xlsx raises `ReturnFileError` (one plain sentence); everything
else wrong with the workbook becomes a located `Problem` in the result, and
reading goes on, so that one pass reports all of them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from python_calamine import SheetTypeEnum, SheetVisibleEnum

from ...parsing import clean_text
from .. import layout
from ..parsed import ParsedReturn
from .context import ReadContext
from .events import read_events
from .focal_points import read_focal_points
from .formula_cells import sheet_parts, unreadable_cells
from .indicators import read_indicators
from .lookups import Lookups
from .problem_log import ProblemLog
from .projects import read_projects
from .return_sheet import read_header
from .sheet_rows import Grid, Table
from .workbook_file import WorkbookFile, open_workbook_file, unreadable

__all__ = ["read_return"]

# Sheets the template (or the problem report) adds for people, skipped without a word.
QUIET_SHEETS = frozenset({"problems", "readme", "read me", "help"})


def read_return(path: str | os.PathLike, catalog: Any,
                known_project_codes: Iterable[str] = ()) -> ParsedReturn:
    """Read and check the return at `path`.

    `catalog` gives the countries, indicators and thematic areas (a
    ``Services(db).catalog``); `known_project_codes` are the codes of
    projects already on record, which the Indicators sheet may name besides
    the return's own projects.
    """
    file = open_workbook_file(path)
    try:
        return _read(file, catalog, frozenset(known_project_codes))
    finally:
        file.close()


def _read(file: WorkbookFile, catalog: Any, known_project_codes: frozenset[str]) -> ParsedReturn:
    log = ProblemLog()
    lookups = Lookups(catalog)
    found = _find_sheets(file, log)
    parts = sheet_parts(file.archive, file.main_part)

    def grid(contract_name: str) -> Grid | None:
        title = found.get(contract_name)
        return None if title is None else _load_grid(file, title, parts.get(title))

    if layout.RETURN.name not in found:
        log.error(f'the workbook has no "{layout.RETURN.name}" sheet, which says the mission and the year',
                  layout.RETURN.name)
    header = read_header(grid(layout.RETURN.name), grid(layout.META_SHEET), lookups, log)
    context = ReadContext(
        lookups, log,
        mission=header.mission if header else None,
        year=header.year if header else None,
        known_project_codes=known_project_codes,
    )
    result = ParsedReturn(file_name=file.name, sha256=file.sha256, header=header)

    projects_grid = grid(layout.PROJECTS.name)
    if projects_grid is not None:
        result.projects = read_projects(Table(layout.PROJECTS, projects_grid, log), context)
    indicators_grid = grid(layout.INDICATORS.name)
    if indicators_grid is not None:
        codes = {p.data.code for p in result.projects}
        result.values = read_indicators(Table(layout.INDICATORS, indicators_grid, log), context, codes)
    focal_grid = grid(layout.FOCAL_POINTS.name)
    if focal_grid is not None:
        result.roles = read_focal_points(Table(layout.FOCAL_POINTS, focal_grid, log), context)
    events_grid = grid(layout.EVENTS.name)
    if events_grid is not None:
        result.events = read_events(Table(layout.EVENTS, events_grid, log), context)
    result.problems = log.problems
    return result


def _find_sheets(file: WorkbookFile, log: ProblemLog) -> dict[str, str]:
    """Contract sheet name (or META_SHEET) -> the workbook's sheet title."""
    contract = {_sheet_key(sheet.name): sheet.name for sheet in layout.ALL_SHEETS}
    found: dict[str, str] = {}
    try:
        sheets = file.book.sheets_metadata
    except Exception as exc:
        raise unreadable(file.path, exc) from exc
    for sheet in sheets:
        key = _sheet_key(sheet.name)
        name = layout.META_SHEET if key == _sheet_key(layout.META_SHEET) else contract.get(key)
        if name is not None:
            if name in found:
                log.warning(
                    f'the sheet "{sheet.name}" has the same name as "{found[name]}"; only "{found[name]}" is read',
                    sheet.name,
                )
            else:
                found[name] = sheet.name
            continue
        if (key.startswith("_") or key in QUIET_SHEETS or key.startswith(_sheet_key(layout.INSTRUCTIONS_SHEET))
                or sheet.visible != SheetVisibleEnum.Visible or sheet.typ != SheetTypeEnum.WorkSheet):
            continue  # the template's own sheets, hidden helper lists, chart sheets
        log.warning(f'the sheet "{sheet.name}" is not part of the return; it is ignored', sheet.name)
    return found


def _sheet_key(name: str) -> str:
    """Sheet names match ignoring case and surrounding spaces."""
    return clean_text(name).casefold()


def _load_grid(file: WorkbookFile, title: str, part: str | None) -> Grid:
    try:
        sheet = file.book.get_sheet_by_name(title)
        rows = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges
    except Exception as exc:  # calamine's errors on a damaged sheet
        raise unreadable(file.path, exc) from exc
    bad_cells = unreadable_cells(file.archive, part) if part and file.may_hold_formulas(part) else {}
    return Grid.build(title, rows, merged, bad_cells)
