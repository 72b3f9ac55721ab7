"""Write the mission-return template (contract: mission-return.md, template version 1).

The workbook: an `Instructions` sheet, the `Return` key/value sheet, the four
table sheets laid out from `layout`, and a hidden, protected META_SHEET that
holds the mission, year and template version (column A key, column B value)
plus the long lists the drop-downs draw on (columns D onwards).
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ...directory_roles import RETURN_ROLES, role_short
from ...errors import MhdeskError
from ...exports.cell_number import set_decimal
from ...exports.cell_text import set_text, write_text
from ...files import save_workbook
from ...parsing.errors import ParseError
from ...services import Services
from .. import layout
from .instructions import write_instructions
from .prefill import Row, event_rows, focal_point_rows, indicator_rows, project_rows
from .style import HEADER_FONT, OPTIONAL_FILL, REQUIRED_FILL, note_comment, style_header, style_value

# Drop-down rows past the last pre-filled row: room for what the mission adds.
SPARE_ROWS = 500
MIN_VALIDATED_ROWS = 1000

# Short lists are written into the validation itself; long ones (over Excel's
# 255-character limit for inline lists) live in META_SHEET and are referenced.
SHORT_LISTS = {
    "project areas": ("MH", "MA", "MP"),
    "focal point areas": ("H1", "H2", "H3"),
    "roles": tuple(role_short(code) for code in RETURN_ROLES),
    "sexes": ("female", "male"),
    "age groups": ("children", "adults"),
    "statuses": ("pipeline", "active", "completed"),
}

# (sheet, column header) -> the list its drop-down offers.
DROP_DOWNS = {
    ("Projects", "Programme area"): "project areas",
    ("Projects", "Managing mission"): "countries",
    ("Projects", "Status"): "statuses",
    ("Indicators", "Indicator"): "indicators",
    ("Indicators", "Country"): "countries",
    ("Indicators", "Sex"): "sexes",
    ("Indicators", "Age group"): "age groups",
    ("Focal points", "Country"): "countries",
    ("Focal points", "Role"): "roles",
    ("Focal points", "Programme area"): "focal point areas",
}

META_KEYS = ("Mission", "Year", "Template version")
META_LIST_FIRST_COLUMN = 4  # D: leaves A/B to the key/value pairs


class UnknownMission(MhdeskError):
    """The mission named is not a country of the catalogue."""


def resolve_mission(services: Services, text: str) -> str:
    """The canonical country name of a mission typed as a name, alias or ISO code."""
    try:
        return services.catalog.country_resolver().resolve(text)
    except ParseError as exc:
        raise UnknownMission(f'"{text}" is not a known mission; give a country name, alias or ISO code.') from exc


def write_template(services: Services, mission: str, year: int, path: str | os.PathLike, *,
                   prefill: bool = False) -> Path:
    """Write the return template of `mission` for `year` to `path`; returns the path written.

    With `prefill`, the sheets carry the mission's projects active in the year,
    its latest focal points, its recorded indicator values (and an empty row for
    every other catalogue indicator) and its events of the year.
    """
    name = resolve_mission(services, mission)
    rows = _prefilled_rows(services, name, year) if prefill else {}
    book = Workbook()
    instructions = book.active
    instructions.title = layout.INSTRUCTIONS_SHEET
    write_instructions(instructions, name, year)
    _write_return_sheet(book.create_sheet(layout.RETURN.name), name, year)
    tables = {}
    for sheet_layout in layout.TABLE_SHEETS:
        tables[sheet_layout.name] = sheet = book.create_sheet(sheet_layout.name)
        _write_table(sheet, sheet_layout, rows.get(sheet_layout.name, []))
    lists = _write_meta_sheet(book.create_sheet(layout.META_SHEET), services, name, year)
    for sheet_layout in layout.TABLE_SHEETS:
        sheet = tables[sheet_layout.name]
        last_row = max(MIN_VALIDATED_ROWS, sheet.max_row + SPARE_ROWS)
        _add_drop_downs(sheet, sheet_layout, lists, last_row)
    target = Path(path)
    save_workbook(book, target)
    return target


def _prefilled_rows(services: Services, mission: str, year: int) -> dict[str, list[Row]]:
    return {
        layout.PROJECTS.name: project_rows(services, mission, year),
        layout.INDICATORS.name: indicator_rows(services, mission, year),
        layout.FOCAL_POINTS.name: focal_point_rows(services, mission, year),
        layout.EVENTS.name: event_rows(services, mission, year),
    }


def _write_return_sheet(sheet: Worksheet, mission: str, year: int) -> None:
    values = {"Mission": mission, "Year": year, "Template version": layout.TEMPLATE_VERSION}
    for row, key in enumerate(layout.RETURN_KEYS, start=1):
        label = write_text(sheet, row, 1, key.header)
        label.font = HEADER_FONT
        label.fill = REQUIRED_FILL if key.required else OPTIONAL_FILL
        if key.note:
            label.comment = note_comment(f"{key.note[:1].upper()}{key.note[1:]}.")
        style_value(write_text(sheet, row, 2, values.get(key.header)), key.header)
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 36


def _write_table(sheet: Worksheet, sheet_layout: layout.SheetLayout, rows: list[Row]) -> None:
    for index, column in enumerate(sheet_layout.columns, start=1):
        style_header(write_text(sheet, 1, index, column.header), column)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    for row_number, row in enumerate(rows, start=2):
        for index, column in enumerate(sheet_layout.columns, start=1):
            value = row.get(column.header)
            if value is not None and value != "":
                cell = sheet.cell(row=row_number, column=index)
                if isinstance(value, Decimal):
                    set_decimal(cell, value)
                else:
                    set_text(cell, value)
                style_value(cell, column.header)


def _write_meta_sheet(sheet: Worksheet, services: Services, mission: str, year: int) -> dict[str, str]:
    """Fill the hidden sheet; returns each list's validation formula, by list name."""
    for row, (key, value) in enumerate(zip(META_KEYS, (mission, year, layout.TEMPLATE_VERSION)), start=1):
        write_text(sheet, row, 1, key)
        write_text(sheet, row, 2, value)
    long_lists = {
        "countries": [c.name for c in services.catalog.countries],
        "indicators": [i.name for i in services.catalog.indicators],
    }
    formulas = {name: '"' + ",".join(items) + '"' for name, items in SHORT_LISTS.items()}
    for offset, (name, items) in enumerate(long_lists.items()):
        column = META_LIST_FIRST_COLUMN + offset
        letter = get_column_letter(column)
        write_text(sheet, 1, column, name)
        for row, item in enumerate(items, start=2):
            write_text(sheet, row, column, item)
        last = max(2, len(items) + 1)
        formulas[name] = f"{quote_sheetname(sheet.title)}!${letter}$2:${letter}${last}"
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True  # no password: it guards against slips, not people
    return formulas


def _add_drop_downs(sheet: Worksheet, sheet_layout: layout.SheetLayout, lists: dict[str, str],
                    last_row: int) -> None:
    headers = [c.header for c in sheet_layout.columns]
    for (sheet_name, header), list_name in DROP_DOWNS.items():
        if sheet_name != sheet_layout.name:
            continue
        letter = get_column_letter(headers.index(header) + 1)
        # A warning, not a stop: the importer also reads forms the list does not
        # show (aliases, ISO codes, F/M, long role names).
        validation = DataValidation(
            type="list", formula1=lists[list_name], allow_blank=True, showErrorMessage=True,
            errorStyle="warning", errorTitle=header,
            error="This is not one of the listed values. Keep it anyway?",
        )
        validation.add(f"{letter}2:{letter}{last_row}")
        sheet.add_data_validation(validation)
    if sheet_layout.name == layout.INDICATORS.name:
        letter = get_column_letter(headers.index("Value") + 1)
        validation = DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
            showErrorMessage=True, errorStyle="warning", errorTitle="Value",
            error="A value is a number of zero or more. Keep it anyway?",
        )
        validation.add(f"{letter}2:{letter}{last_row}")
        sheet.add_data_validation(validation)
