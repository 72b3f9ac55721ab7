"""Text from a mission's workbook that a spreadsheet would run comes back as text in the problem report."""

from __future__ import annotations

import zipfile

from openpyxl import Workbook, load_workbook
from workbooks import return_workbook

from mhdesk.core.exports.cell_text import write_text
from mhdesk.core.returns.read.reader import read_return
from mhdesk.core.returns.report.annotate import PROBLEMS_SHEET, write_problem_report

HOSTILE_TITLE = "=HYPERLINK(\"http://example.org\",\"x\")"


def test_a_sheet_named_like_a_formula_is_text_in_the_problems_sheet(tmp_path, services):
    workbook = return_workbook(tmp_path / "TJ-2019.xlsx", projects=[{"Code": "MA.0467", "Title": "TB care"}],
                               extra_sheets={"=cmd": [["anything"]]})
    parsed = read_return(workbook, services.catalog)
    assert any(p.sheet == "=cmd" for p in parsed.problems)
    report = write_problem_report(workbook, parsed.problems, tmp_path / "report.xlsx")
    book = load_workbook(report or tmp_path / "report.xlsx")
    cells = [c for row in book[PROBLEMS_SHEET].iter_rows() for c in row if c.value == "=cmd"]
    assert cells and all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(tmp_path / "report.xlsx") as archive:
        problems_part = next(n for n in archive.namelist() if n.startswith("xl/worksheets/"))
        assert b"<f>" not in archive.read(problems_part)


def test_write_text_keeps_formula_like_text_as_text(tmp_path):
    book = Workbook()
    cell = write_text(book.active, 2, 3, HOSTILE_TITLE)
    assert (cell.row, cell.column, cell.data_type, cell.value) == (2, 3, "s", HOSTILE_TITLE)
    book.save(tmp_path / "out.xlsx")
    assert load_workbook(tmp_path / "out.xlsx").active.cell(2, 3).value == HOSTILE_TITLE
