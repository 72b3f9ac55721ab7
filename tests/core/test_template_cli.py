"""`mhdesk template`: exit codes and the file it writes."""

from __future__ import annotations

import openpyxl
import pytest

from mhdesk.cli.common import EXIT_FILE, EXIT_INPUT, EXIT_OK
from mhdesk.cli.main import main
from mhdesk.core.returns import layout


def run(db, *args) -> int:
    return main(["--database", db.location, "template", *args])


def test_writes_the_template_and_says_so(db, tmp_path, capsys):
    target = tmp_path / "TR-2023.xlsx"
    assert run(db, "--mission", "Turkey", "--year", "2023", "-o", str(target)) == EXIT_OK
    out = capsys.readouterr().out.strip()
    assert out == f"Return template for Türkiye, 2023 written to {target}."
    book = openpyxl.load_workbook(target)
    assert book[layout.META_SHEET]["B1"].value == "Türkiye" and book[layout.META_SHEET]["B2"].value == 2023
    assert book["Indicators"].max_row == 1


def test_prefill_fills_the_indicator_rows(db, services, tmp_path, capsys):
    target = tmp_path / "TJ.xlsx"
    assert run(db, "--mission", "TJ", "--year", "2019", "-o", str(target), "--prefill") == EXIT_OK
    assert capsys.readouterr().out.startswith("Pre-filled return template for Tajikistan, 2019")
    rows = openpyxl.load_workbook(target)["Indicators"].max_row
    assert rows == 1 + len(services.catalog.indicators)


def test_unknown_mission_exits_1_and_writes_nothing(db, tmp_path, capsys):
    target = tmp_path / "x.xlsx"
    assert run(db, "--mission", "Narnia", "--year", "2019", "-o", str(target)) == EXIT_INPUT
    err = capsys.readouterr().err.strip()
    assert err == 'mhdesk: "Narnia" is not a known mission; give a country name, alias or ISO code.'
    assert not target.exists()


@pytest.mark.parametrize("where", ["missing folder", "a folder"])
def test_unwritable_paths_exit_2_in_one_sentence(db, tmp_path, capsys, where):
    if where == "missing folder":
        path = tmp_path / "no such folder" / "x.xlsx"
    else:
        path = tmp_path / "folder.xlsx"
        path.mkdir()  # a folder where the file should go
    assert run(db, "--mission", "TJ", "--year", "2019", "-o", str(path)) == EXIT_FILE
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"mhdesk: {path} could not be written") and err.endswith(".")
    assert "\n" not in err and "Traceback" not in err


def test_a_file_that_is_not_xlsx_is_refused(db, tmp_path, capsys):
    target = tmp_path / "x.xls"
    assert run(db, "--mission", "TJ", "--year", "2019", "-o", str(target)) == EXIT_FILE
    assert "must be written to an .xlsx file" in capsys.readouterr().err
    assert not target.exists()


def test_missing_options_are_a_usage_error(db, tmp_path, capsys):
    assert run(db, "--mission", "TJ", "-o", str(tmp_path / "x.xlsx")) == EXIT_FILE
    assert "--year" in capsys.readouterr().err
