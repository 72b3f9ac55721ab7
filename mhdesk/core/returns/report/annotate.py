"""The problem report: a copy of a mission's workbook with each problem marked on its cell.

This is the file the coordinator sends back to the mission: every located
problem fills its cell (red for errors, amber for warnings) and leaves its
message in the cell's comment; a `Problems` sheet in front lists them all,
including those that no cell holds.
"""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from ...exports.cell_text import write_text
from ...files import save_workbook
from ..problems import Problem, ReturnFileError
from .locate import CellSpan, locate

PROBLEMS_SHEET = "Problems"
COMMENT_AUTHOR = "mhdesk"
ERROR_FILL = PatternFill("solid", fgColor="FF8080")
WARNING_FILL = PatternFill("solid", fgColor="FFC000")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
LINK_FONT = Font(color="0563C1", underline="single")
PROBLEM_COLUMNS = (("Severity", 10), ("Sheet", 16), ("Row", 7), ("Column", 20), ("Message", 90))


def write_problem_report(source_path: str | os.PathLike, problems: list[Problem],
                         out_path: str | os.PathLike) -> Path:
    """Write a marked-up copy of the workbook at `source_path` to `out_path`; returns `out_path`."""
    source, target = Path(source_path), Path(out_path)
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        raise ValueError("The problem report must be written to another file than the mission's workbook.")
    book = _load(source)
    _drop_earlier_report(book)
    spans = [locate(book, problem) for problem in problems]
    _mark_cells(book, problems, spans)
    _write_problems_sheet(book, problems, spans)
    save_workbook(book, target)
    return target


def _load(source: Path) -> Workbook:
    if not source.is_file():
        raise ReturnFileError(f"{source.name} was not found.")
    if source.suffix.lower() == ".xls":
        raise ReturnFileError(f"{source.name} is an old-style .xls workbook; save it as .xlsx and try again.")
    try:
        return load_workbook(source)
    except Exception as exc:  # a damaged file can fail anywhere in openpyxl's parsing
        raise ReturnFileError(f"{source.name} is not a readable .xlsx workbook.") from exc


def _drop_earlier_report(book: Workbook) -> None:
    """A report of a report replaces the old Problems sheet instead of stacking a second one."""
    for sheet in list(book.worksheets):
        if sheet.title.strip().casefold() == PROBLEMS_SHEET.casefold():
            book.remove(sheet)


def _mark_cells(book: Workbook, problems: list[Problem], spans: list[CellSpan | None]) -> None:
    fills: dict[tuple[str, int, int], bool] = {}  # cell -> holds an error
    notes: dict[tuple[str, int, int], list[Problem]] = {}
    for problem, span in zip(problems, spans):
        if span is None:
            continue
        for column in range(span.first_column, span.last_column + 1):
            key = (span.sheet, span.row, column)
            fills[key] = fills.get(key, False) or problem.is_error
        notes.setdefault((span.sheet, span.row, span.first_column), []).append(problem)
    for (title, row, column), has_error in fills.items():
        book[title].cell(row=row, column=column).fill = ERROR_FILL if has_error else WARNING_FILL
    for (title, row, column), cell_problems in notes.items():
        cell = book[title].cell(row=row, column=column)
        lines = [f"{p.severity.capitalize()}: {p.message}" for p in cell_problems]
        if cell.comment is not None and cell.comment.text.strip():
            lines.insert(0, cell.comment.text.strip() + "\n")
        text = "\n".join(lines)
        comment = Comment(text, COMMENT_AUTHOR)
        comment.width = 300
        comment.height = min(400, 40 + 18 * (len(text) // 45 + text.count("\n") + 1))
        cell.comment = comment


def _write_problems_sheet(book: Workbook, problems: list[Problem], spans: list[CellSpan | None]) -> None:
    sheet: Worksheet = book.create_sheet(PROBLEMS_SHEET, 0)
    for index, (header, width) in enumerate(PROBLEM_COLUMNS, start=1):
        cell = write_text(sheet, 1, index, header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row, (problem, span) in enumerate(zip(problems, spans), start=2):
        severity = write_text(sheet, row, 1, problem.severity)
        severity.fill = ERROR_FILL if problem.is_error else WARNING_FILL
        where = write_text(sheet, row, 2, problem.sheet)
        if span is not None:
            # Excel and LibreOffice jump to the marked cell on a click.
            target = f"{quote_sheetname(span.sheet)}!{get_column_letter(span.first_column)}{span.row}"
            where.hyperlink = Hyperlink(ref=where.coordinate, location=target)
            where.font = LINK_FONT
        write_text(sheet, row, 3, problem.row)
        write_text(sheet, row, 4, problem.column)
        write_text(sheet, row, 5, problem.message)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(PROBLEM_COLUMNS))}{len(problems) + 1}"
    for other in book.worksheets:
        other.sheet_view.tabSelected = False
    book.active = sheet
    sheet.sheet_view.tabSelected = True
