"""`mhdesk import`: exit codes 0/1/2/3, --dry-run, --yes, the question on stdin, --report."""

from __future__ import annotations

import io

import openpyxl
import pytest
from test_plan_helpers import snapshot
from workbooks import return_workbook

from mhdesk.cli.common import EXIT_DECLINED, EXIT_FILE, EXIT_INPUT, EXIT_OK
from mhdesk.cli.main import main


def run(db, *args) -> int:
    return main(["--database", db.location, "import", *args])


@pytest.fixture
def good(tmp_path):
    return return_workbook(
        tmp_path / "TJ-2019.xlsx",
        projects=[{"Code": "ma 0467", "Title": "TB care for migrants", "Budget": "USD 85,000"}],
        indicators=[{"Indicator": "Primary health-care consultations", "Value": "83,219"},
                    {"Indicator": "PHC_CONSULT", "Value": 24175, "Sex": "male"},
                    {"Indicator": "PHC_CONSULT", "Value": 59044, "Sex": "F"}])


@pytest.fixture
def bad(tmp_path):
    return return_workbook(tmp_path / "bad.xlsx", indicators=[
        {"Indicator": "PHC_CONSULT", "Value": 10}, {"Indicator": "PHC_CONSULT", "Value": "about 50k", "Sex": "male"}])


def answer(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_dry_run_prints_the_plan_and_writes_nothing(db, good, capsys):
    before = snapshot(db)
    assert run(db, str(good), "--dry-run") == EXIT_OK
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == ["TJ-2019.xlsx: Tajikistan 2019", "  Projects: 1 to add", "  Indicators: 3 to add"]
    assert "dry run; nothing was written" in out
    assert snapshot(db) == before


def test_yes_applies_and_a_second_import_changes_nothing(db, good, capsys):
    assert run(db, str(good), "--yes") == EXIT_OK
    assert "import #1 applied: 4 added, 0 changed, 0 removed." in capsys.readouterr().out
    after = snapshot(db)
    assert run(db, str(good), "--yes") == EXIT_OK
    assert capsys.readouterr().out.splitlines()[-1] == "TJ-2019.xlsx: nothing to change."
    assert snapshot(db) == after


def test_changes_are_printed_field_by_field(db, good, tmp_path, capsys):
    assert run(db, str(good), "--yes") == EXIT_OK
    changed = return_workbook(tmp_path / "TJ-2019-v2.xlsx",
                              projects=[{"Code": "MA.0467", "Title": "TB care for migrants", "Budget": "USD 90,000"}],
                              indicators=[{"Indicator": "PHC_CONSULT", "Value": 83219}])
    capsys.readouterr()
    assert run(db, str(changed), "--dry-run") == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert "  change Projects row 2: MA.0467 TB care for migrants" in out
    assert "    Budget: 85000.00 -> 90000.00" in out
    assert "  remove Indicators: Primary health-care consultations, Tajikistan 2019, male" in out


@pytest.mark.parametrize("reply", ["", "n\n", "no\n", "maybe\n"])
def test_without_yes_anything_but_yes_declines(db, good, monkeypatch, capsys, reply):
    answer(monkeypatch, reply)
    before = snapshot(db)
    assert run(db, str(good)) == EXIT_DECLINED
    assert f"Apply these changes to {db.describe()}? [y/N] " in capsys.readouterr().out
    assert snapshot(db) == before


def test_without_yes_a_yes_on_stdin_applies(db, good, monkeypatch, capsys):
    answer(monkeypatch, "y\n")
    assert run(db, str(good)) == EXIT_OK
    assert "import #1 applied" in capsys.readouterr().out


def test_no_stdin_at_all_declines(db, good, monkeypatch):
    monkeypatch.setattr("sys.stdin", None)
    assert run(db, str(good)) == EXIT_DECLINED


def test_errors_exit_1_print_located_problems_and_write_nothing(db, bad, capsys):
    before = snapshot(db)
    assert run(db, str(bad), "--yes") == EXIT_INPUT
    out = capsys.readouterr().out.splitlines()
    assert 'Indicators row 3, Value: "about 50k" is not a number' in out
    assert out[-1] == "bad.xlsx: 1 error(s); nothing was written."
    assert snapshot(db) == before


def test_an_unreadable_file_exits_2_with_one_sentence(db, tmp_path, capsys):
    renamed = tmp_path / "figures.xlsx"
    renamed.write_text("Indicator,Value\nPHC_CONSULT,5\n")
    before = snapshot(db)
    assert run(db, str(renamed), "--yes") == EXIT_FILE
    err = capsys.readouterr().err.strip()
    assert err.startswith('mhdesk: "figures.xlsx"') and "\n" not in err and "Traceback" not in err
    assert snapshot(db) == before


def test_report_writes_the_marked_copy_with_a_problems_sheet(db, bad, tmp_path):
    target = tmp_path / "bad-report.xlsx"
    assert run(db, str(bad), "--dry-run", "--report", str(target)) == EXIT_INPUT
    book = openpyxl.load_workbook(target)
    assert "Problems" in book.sheetnames


def test_several_files_each_in_turn_and_the_worst_exit_code(db, good, bad, tmp_path, capsys):
    report = tmp_path / "report.xlsx"
    assert run(db, str(bad), str(good), "--yes", "--report", str(report)) == EXIT_INPUT
    out = capsys.readouterr().out
    assert "TJ-2019.xlsx: import #1 applied" in out
    assert (tmp_path / "report-bad.xlsx").exists() and (tmp_path / "report-TJ-2019.xlsx").exists()



def test_after_applying_the_checks_of_the_imported_figures_are_printed(db, good, capsys):
    assert run(db, str(good), "--dry-run") == EXIT_OK
    assert "Checks of" not in capsys.readouterr().out  # a dry run writes nothing, so nothing is checked yet
    assert run(db, str(good), "--yes") == EXIT_OK
    checks = capsys.readouterr().out.split("Checks of Tajikistan's 2019 figures:\n", 1)[1].splitlines()
    # the return's project has no dates, so no project is known to run in Tajikistan in 2019
    assert checks == ["  warning: Primary health-care consultations: no project was active in Tajikistan in 2019"]
