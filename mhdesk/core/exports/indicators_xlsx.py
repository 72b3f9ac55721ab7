"""The indicator report as a workbook: the year's grid with totals as formulas, totals beside the year
before, the breakdowns and the findings.

Figures are numbers with their exact digits (`set_decimal`); the regional totals and the changes are
formulas, so that Excel recalculates them when a figure is corrected in the workbook. Every text goes
through `set_text`: a name that arrived as `=HYPERLINK(...)` stays a name.
"""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..files import save_workbook
from .cell_number import set_decimal
from .cell_text import set_text
from .indicator_report import IndicatorReport

GRID_SHEET, TOTALS_SHEET, BREAKDOWN_SHEET, FINDINGS_SHEET = "Grid", "Totals", "Breakdowns", "Findings"
HEADER_ROW = 3
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DCE8F4")
_WRAP = Alignment(wrap_text=True, vertical="top")
_COUNT_FORMAT = "#,##0"
_CHANGE_FORMAT = "0.0%"


def write_indicators_xlsx(report: IndicatorReport, path: str | os.PathLike) -> Path:
    book = Workbook()
    grid_sheet = book.active
    grid_sheet.title = GRID_SHEET
    total_cells = _write_grid(grid_sheet, report)
    _write_totals(book.create_sheet(TOTALS_SHEET), report, total_cells)
    _write_breakdowns(book.create_sheet(BREAKDOWN_SHEET), report)
    _write_findings(book.create_sheet(FINDINGS_SHEET), report)
    return save_workbook(book, path)


def _header(sheet: Worksheet, row: int, titles: list[str]) -> None:
    for column, title in enumerate(titles, start=1):
        cell = sheet.cell(row, column)
        set_text(cell, title)
        cell.font, cell.fill, cell.alignment = _BOLD, _HEADER_FILL, _WRAP


def _number(sheet: Worksheet, row: int, column: int, value, decimals: int) -> None:
    if value is None:
        return
    cell = sheet.cell(row, column)
    set_decimal(cell, value)
    cell.number_format = _COUNT_FORMAT if decimals == 0 else "#,##0." + "0" * decimals


def _write_grid(sheet: Worksheet, report: IndicatorReport) -> dict[str, str]:
    """Countries x indicators with a totals row of formulas; returns {indicator code: its total's cell}."""
    grid = report.grid
    set_text(sheet.cell(1, 1), f"{report.title}: figures by country")
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    _header(sheet, HEADER_ROW, ["Country", "Sub-region", *(i.name for i in grid.indicators)])
    first = HEADER_ROW + 1
    for row, country in enumerate(grid.countries, start=first):
        set_text(sheet.cell(row, 1), country)
        set_text(sheet.cell(row, 2), grid.subregions.get(country, ""))
        for column, indicator in enumerate(grid.indicators, start=3):
            _number(sheet, row, column, grid.cell(indicator.code, country).value, indicator.decimals)
    last = first + len(grid.countries) - 1
    total_row = last + 1
    set_text(sheet.cell(total_row, 1), "Regional total")
    sheet.cell(total_row, 1).font = _BOLD
    cells = {}
    for column, indicator in enumerate(grid.indicators, start=3):
        letter = get_column_letter(column)
        function = "MAX" if indicator.over_countries == "max" else "SUM"
        cell = sheet.cell(total_row, column, f"={function}({letter}{first}:{letter}{max(last, first)})")
        cell.font = _BOLD
        cell.number_format = _COUNT_FORMAT if indicator.decimals == 0 else "#,##0." + "0" * indicator.decimals
        cells[indicator.code] = f"'{GRID_SHEET}'!{letter}{total_row}"
        sheet.column_dimensions[letter].width = 14
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 20
    sheet.freeze_panes = sheet.cell(first, 3)
    return cells


def _write_totals(sheet: Worksheet, report: IndicatorReport, total_cells: dict[str, str]) -> None:
    year = report.year
    set_text(sheet.cell(1, 1), f"{report.title}: regional totals")
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    _header(sheet, HEADER_ROW, ["Code", "Indicator", "Unit", str(year), str(year - 1), "Change",
                                "Countries reporting", f"Countries reporting {year - 1}"])
    for row, indicator in enumerate(report.grid.indicators, start=HEADER_ROW + 1):
        totals = report.grid.totals[indicator.code]
        set_text(sheet.cell(row, 1), indicator.code)
        set_text(sheet.cell(row, 2), indicator.name)
        set_text(sheet.cell(row, 3), indicator.unit)
        now = sheet.cell(row, 4, f"={total_cells[indicator.code]}")
        now.number_format = _COUNT_FORMAT
        _number(sheet, row, 5, totals.previous.value, indicator.decimals)
        change = sheet.cell(row, 6, f'=IF(OR(D{row}="",E{row}="",E{row}=0),"",D{row}/E{row}-1)')
        change.number_format = _CHANGE_FORMAT
        sheet.cell(row, 7, totals.total.countries_reporting)
        sheet.cell(row, 8, totals.previous.countries_reporting)
    for letter, width in zip("ABCDEFGH", (16, 44, 16, 12, 12, 10, 12, 12)):
        sheet.column_dimensions[letter].width = width


def _write_breakdowns(sheet: Worksheet, report: IndicatorReport) -> None:
    _header(sheet, 1, ["Indicator", "Country", "Project", "Sex", "Age group", "Value"])
    decimals = {i.code: i.decimals for i in report.grid.indicators}
    for row, value in enumerate(report.breakdowns, start=2):
        for column, text in enumerate((value.indicator, value.country, value.project_code, value.sex,
                                       value.age_group), start=1):
            set_text(sheet.cell(row, column), text or None)
        _number(sheet, row, 6, value.value, decimals.get(value.indicator_code, 0))
    for letter, width in zip("ABCDEF", (40, 24, 10, 8, 10, 12)):
        sheet.column_dimensions[letter].width = width


def _write_findings(sheet: Worksheet, report: IndicatorReport) -> None:
    _header(sheet, 1, ["Severity", "Indicator", "Country", "Year", "Check", "Message"])
    for row, finding in enumerate(report.grid.findings, start=2):
        for column, value in enumerate((finding.severity, finding.indicator, finding.country, finding.year,
                                        finding.rule, finding.message), start=1):
            set_text(sheet.cell(row, column), value)
    for letter, width in zip("ABCDEF", (9, 40, 24, 6, 11, 80)):
        sheet.column_dimensions[letter].width = width
