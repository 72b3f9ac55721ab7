"""The problem report: the mission's workbook with each problem marked on its cell."""

from __future__ import annotations

import hashlib
import zipfile

import openpyxl
import pytest
from openpyxl.comments import Comment

from mhdesk.core.returns import layout
from mhdesk.core.returns.problems import Problem, ReturnFileError
from mhdesk.core.returns.report.annotate import ERROR_FILL, PROBLEMS_SHEET, WARNING_FILL, write_problem_report
from mhdesk.core.returns.template.writer import write_template

RED, AMBER = ERROR_FILL.fgColor.rgb, WARNING_FILL.fgColor.rgb


@pytest.fixture
def filled(services, tmp_path):
    """A template as a mission returns it: typed values, a renamed sheet, odd headers, a merge."""
    path = write_template(services, "TJ", 2019, tmp_path / "TJ-2019.xlsx")
    book = openpyxl.load_workbook(path)
    projects = book["Projects"]
    projects.title = " projects "  # the reader trims and ignores case
    projects["E1"] = "BUDGET (optional)"
    projects.append(["MA.0467", "TB care", "MA", "Global Fund", "about 50k", "USD"])
    projects.append(["MA.0468", "Second", "MA", "UNAIDS", 1000, "USD"])
    projects.append(["MA.0469", "Third", "MA", None, 2000, "USD"])
    projects.merge_cells("D3:D4")  # a donor merged over two project rows
    projects["Z1"] = "Remarks"
    book["Return"]["B3"] = "Someone"
    book["Indicators"].append(["Health assessments", -5, "Tajikistan"])
    book.save(path)
    return path


def problems() -> list[Problem]:
    return [
        Problem("error", '"about 50k" is not an amount', "Projects", 2, "Budget"),
        Problem("warning", "UNAIDS is not a known donor", "Projects", 4, "Donor"),  # inside the D3:D4 merge
        Problem("error", "the same project twice", "Projects", 4, None),
        Problem("warning", 'unknown column "Remarks" is ignored', "Projects", None, "Remarks"),
        Problem("error", "the year is missing", "Return", None, "Year"),
        Problem("warning", "no e-mail given", "Return", 4, "E-mail"),
        Problem("error", "-5 is negative", "Indicators", 2, "Value"),
        Problem("warning", "values are low", "Indicators", 2, "Value"),
        Problem("error", "not a real sheet", "Budget plan", 3, "Total"),
        Problem("warning", "the mission sent two files"),
    ]


@pytest.fixture
def report(filled, tmp_path):
    return openpyxl.load_workbook(write_problem_report(filled, problems(), tmp_path / "report.xlsx"))


def mark(sheet, ref):
    cell = sheet[ref]
    return cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None, cell.comment.text if cell.comment else None


def test_cells_are_filled_by_severity_and_commented_with_the_message(report):
    projects = report[" projects "]
    assert mark(projects, "E2") == (RED, 'Error: "about 50k" is not an amount')
    assert mark(projects, "D3") == (AMBER, "Warning: UNAIDS is not a known donor")  # the merge's top-left
    indicators = report["Indicators"]
    assert mark(indicators, "B2") == (RED, "Error: -5 is negative\nWarning: values are low")
    assert mark(projects, "F2") == (None, None)  # neighbours untouched


def test_return_sheet_problems_mark_the_value_beside_the_key(report):
    sheet = report["Return"]
    assert mark(sheet, "B2") == (RED, "Error: the year is missing")
    assert mark(sheet, "B4") == (AMBER, "Warning: no e-mail given")
    assert sheet["B3"].value == "Someone"


def test_a_row_problem_fills_the_row_and_a_column_problem_its_header(report):
    projects = report[" projects "]
    fill, comment = mark(projects, "A4")
    assert fill == RED and comment == "Error: the same project twice"
    assert mark(projects, "B4")[0] == RED and mark(projects, "Q4")[0] == RED
    assert mark(projects, "A3") == (None, None)
    fill, comment = mark(projects, "Z1")
    assert fill == AMBER and comment.endswith('Warning: unknown column "Remarks" is ignored')


def test_a_header_keeps_its_template_note_above_the_problem(services, tmp_path):
    path = write_template(services, "TJ", 2019, tmp_path / "t.xlsx")
    problem = Problem("warning", "Title column is empty", "Projects", None, "Title")
    book = openpyxl.load_workbook(write_problem_report(path, [problem], tmp_path / "r.xlsx"))
    comment = book["Projects"]["B1"].comment.text
    assert comment.startswith("Required.") and comment.endswith("Warning: Title column is empty")


def test_problems_sheet_lists_every_problem_first_frozen_and_filtered(report):
    assert report.sheetnames[0] == PROBLEMS_SHEET and report.active.title == PROBLEMS_SHEET
    sheet = report[PROBLEMS_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Severity", "Sheet", "Row", "Column", "Message")
    assert rows[1:] == [(p.severity, p.sheet, p.row, p.column, p.message) for p in problems()]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:E{len(problems()) + 1}"
    assert sheet.column_dimensions["E"].width >= 60
    assert sheet["A2"].fill.fgColor.rgb == RED and sheet["A3"].fill.fgColor.rgb == AMBER
    assert sheet["B2"].hyperlink.location == "' projects '!E2"
    assert sheet["B10"].hyperlink is None  # the sheet it names is not in the file


def test_the_rest_of_the_workbook_is_kept(report, filled):
    original = openpyxl.load_workbook(filled)
    assert report.sheetnames[1:] == original.sheetnames
    for name in original.sheetnames:
        kept = [list(r) for r in report[name].iter_rows(values_only=True)]
        assert kept == [list(r) for r in original[name].iter_rows(values_only=True)]
    meta = report[layout.META_SHEET]
    assert meta.sheet_state == "hidden" and meta.protection.sheet
    assert report[" projects "].data_validations.dataValidation
    assert "D3:D4" in {str(r) for r in report[" projects "].merged_cells.ranges}


def test_the_source_file_is_not_touched(filled, tmp_path):
    before = hashlib.sha256(filled.read_bytes()).hexdigest()
    write_problem_report(filled, problems(), tmp_path / "report.xlsx")
    assert hashlib.sha256(filled.read_bytes()).hexdigest() == before
    with pytest.raises(ValueError, match="another file"):
        write_problem_report(filled, problems(), filled)


def test_a_report_of_a_report_replaces_its_problems_sheet(filled, tmp_path):
    first = write_problem_report(filled, problems(), tmp_path / "first.xlsx")
    second = openpyxl.load_workbook(write_problem_report(first, problems()[:2], tmp_path / "second.xlsx"))
    assert second.sheetnames.count(PROBLEMS_SHEET) == 1
    assert second[PROBLEMS_SHEET].max_row == 3


def test_no_problems_gives_an_empty_problems_sheet(filled, tmp_path):
    book = openpyxl.load_workbook(write_problem_report(filled, [], tmp_path / "clean.xlsx"))
    assert [list(r) for r in book[PROBLEMS_SHEET].iter_rows(values_only=True)] == [
        ["Severity", "Sheet", "Row", "Column", "Message"]]


def test_an_existing_cell_comment_is_kept(filled, tmp_path):
    book = openpyxl.load_workbook(filled)
    book["Indicators"]["B2"].comment = Comment("from the mission: estimate", "M")
    book.save(filled)
    report = openpyxl.load_workbook(write_problem_report(filled, problems(), tmp_path / "r.xlsx"))
    text = report["Indicators"]["B2"].comment.text
    assert text.startswith("from the mission: estimate") and "Error: -5 is negative" in text


def _csv(path):
    path.write_text("Code,Title\nMA.0467,TB\n", encoding="utf-8")


def _empty(path):
    path.write_bytes(b"")


def _damaged(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")


def _ole(path):
    # What a password-protected .xlsx is: an OLE compound file, not a zip.
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504)


@pytest.mark.parametrize("name, make", [
    ("renamed.xlsx", _csv), ("empty.xlsx", _empty), ("damaged.xlsx", _damaged), ("locked.xlsx", _ole),
    ("old.xls", _ole), ("missing.xlsx", None),
])
def test_unreadable_sources_are_refused_in_one_sentence(tmp_path, name, make):
    source = tmp_path / name
    if make:
        make(source)
    out = tmp_path / "report.xlsx"
    with pytest.raises(ReturnFileError) as caught:
        write_problem_report(source, problems(), out)
    message = str(caught.value)
    assert name in message and message.endswith(".") and "\n" not in message
    assert not out.exists()
