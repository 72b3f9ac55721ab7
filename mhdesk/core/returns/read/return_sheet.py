"""The `Return` sheet (key in column A, value in B) and the template's hidden
META_SHEET, which says which mission and year the template was made for.

What META_SHEET says wins; a Return sheet that disagrees gets a warning.
"""

from __future__ import annotations

import re
from typing import Any

from ...parsing import ParseError, clean_text, normalize_header, parse_count, parse_date, parse_email
from .. import layout
from ..parsed import ReturnHeader
from .context import RowReader
from .lookups import Lookups
from .problem_log import ProblemLog
from .sheet_rows import Grid, blank

SHEET = layout.RETURN.name
FIRST_YEAR, LAST_YEAR = 1990, 2100

_KEYS = {normalize_header(c.header): c.header for c in layout.RETURN_KEYS}
# A heading row such as "Key | Value" above the pairs.
_HEADING_KEYS = frozenset({"key", "field", "item", "question"})


def read_header(return_grid: Grid | None, meta_grid: Grid | None, lookups: Lookups,
                log: ProblemLog) -> ReturnHeader | None:
    """The return's header, or None when its mission or year cannot be told
    (the reasons are in the log)."""
    key_rows: dict[str, int] = {}
    given = _return_sheet_values(return_grid, log, key_rows) if return_grid is not None else {}
    meta = _meta_values(meta_grid, lookups, log) if meta_grid is not None else {}
    has_sheet = return_grid is not None

    mission = _mission(given.get("Mission"), meta.get("Mission"), has_sheet, key_rows.get("Mission"), lookups, log)
    year = _year(given.get("Year"), meta.get("Year"), has_sheet, key_rows.get("Year"), log)

    submitted_by = email = date_submitted = version = None
    if "Submitted by" in given:
        submitted_by = clean_text(given["Submitted by"][1]) or None
    if "E-mail" in given:
        row, value = given["E-mail"]
        email = RowReader(log, SHEET, row).parse("E-mail", parse_email, value)
    if "Date submitted" in given:
        row, value = given["Date submitted"]
        date_submitted = RowReader(log, SHEET, row).parse("Date submitted", parse_date, value)
    if "Template version" in given:
        row, value = given["Template version"]
        version = RowReader(log, SHEET, row).parse("Template version", parse_count, value)
    version = meta.get("Template version", version)
    if version is not None and version > layout.TEMPLATE_VERSION:
        log.warning(
            f"the workbook was made for template version {version}; this program reads version "
            f"{layout.TEMPLATE_VERSION}, so some of it may not be understood", SHEET, None, "Template version",
        )
    if mission is None or year is None:
        return None
    return ReturnHeader(mission, year, submitted_by, email, date_submitted, version)


def _return_sheet_values(grid: Grid, log: ProblemLog, key_rows: dict[str, int]) -> dict[str, tuple[int, Any]]:
    """Contract key -> (row, value) of the keys that have a value; `key_rows`
    gets the row of every key found, with a value or not."""
    values: dict[str, tuple[int, Any]] = {}
    for row, key_text, value in grid.key_values(log, SHEET, _KEYS):
        key = _KEYS.get(normalize_header(key_text))
        if key is None:
            if normalize_header(key_text) in _HEADING_KEYS or blank(value):
                continue
            log.warning(f'"{key_text}" is not a key of the Return sheet; it is ignored', SHEET, row, key_text or None)
            continue
        key_rows.setdefault(key, row)
        if blank(value):
            continue
        if key in values:
            log.warning(f"{key} is given again; the value on row {values[key][0]} is used", SHEET, row, key)
            continue
        values[key] = (row, value)
    return values


def _meta_values(grid: Grid, lookups: Lookups, log: ProblemLog) -> dict[str, Any]:
    """What the template recorded; a value that cannot be read is set aside with a warning."""
    raw: dict[str, Any] = {}
    quiet = ProblemLog()  # META_SHEET cells the mission never sees: unreadable ones are only skipped
    for _row, key_text, value in grid.key_values(quiet, layout.META_SHEET, {}):
        key = _KEYS.get(normalize_header(key_text))
        if key in ("Mission", "Year", "Template version") and key not in raw and not blank(value):
            raw[key] = value
    meta: dict[str, Any] = {}
    note = "the template's hidden record of {what} is unreadable ({why}); the Return sheet is used"
    if "Mission" in raw:
        try:
            meta["Mission"] = lookups.country(raw["Mission"])
        except ParseError as error:
            log.warning(note.format(what="its mission", why=error), SHEET, None, "Mission")
    if "Year" in raw:
        try:
            meta["Year"] = _checked_year(raw["Year"])
        except ParseError as error:
            log.warning(note.format(what="its year", why=error), SHEET, None, "Year")
    if "Template version" in raw:
        try:
            meta["Template version"] = parse_count(raw["Template version"])
        except ParseError:
            pass
    return meta


def _mission(given: tuple[int, Any] | None, meta: str | None, has_sheet: bool, key_row: int | None,
             lookups: Lookups, log: ProblemLog) -> str | None:
    typed = None
    if given is not None:
        row, value = given
        typed = RowReader(log, SHEET, row).parse("Mission", lookups.country, value)
        if meta is not None and typed is not None and typed != meta:
            log.warning(
                f'"{clean_text(value)}" is not the mission this template was made for ({meta}); {meta} is used',
                SHEET, row, "Mission",
            )
        if meta is not None and typed is None:
            return None  # the error stands: the mission typed must be readable
    elif meta is None and has_sheet:
        log.error("the mission is missing; give the country's name or ISO code", SHEET, key_row, "Mission")
    return meta if meta is not None else typed


def _year(given: tuple[int, Any] | None, meta: int | None, has_sheet: bool, key_row: int | None,
          log: ProblemLog) -> int | None:
    typed = None
    if given is not None:
        row, value = given
        typed = RowReader(log, SHEET, row).parse("Year", _checked_year, value)
        if meta is not None and typed is not None and typed != meta:
            log.warning(
                f'"{clean_text(value)}" is not the year this template was made for ({meta}); {meta} is used',
                SHEET, row, "Year",
            )
        if meta is not None and typed is None:
            return None
    elif meta is None and has_sheet:
        log.error("the reporting year is missing", SHEET, key_row, "Year")
    return meta if meta is not None else typed


def _checked_year(value: Any) -> int:
    """A reporting year between 1990 and 2100 (``2019``, ``2019.0``, ``" 2019 "``)."""
    if isinstance(value, bool):
        raise ParseError(value, "is not a year")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(value)
    if not re.fullmatch(r"[0-9]{4}", text):
        raise ParseError(value, "is not a year")
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ParseError(value, f"is not a reporting year (expected {FIRST_YEAR} to {LAST_YEAR})")
    return year
