"""`mhdesk export directory`: PDF or xlsx by the file name, one-sentence refusals with the contract's exit codes."""

from __future__ import annotations

from pypdf import PdfReader

from mhdesk.cli.common import EXIT_FILE, EXIT_INPUT, EXIT_OK
from mhdesk.cli.main import main
from mhdesk.core.connect import open_database
from mhdesk.core.services import Services


def export(db_path, *args) -> int:
    return main(["--database", str(db_path), "export", "directory", *args])


def test_pdf_and_workbook_by_the_file_name(demo_db_path, tmp_path, capsys):
    assert export(demo_db_path, "--year", "2018", "-o", str(tmp_path / "d.pdf"), "--no-contacts") == EXIT_OK
    db = open_database(demo_db_path)
    roles = len(Services(db).directory.rows(2018))
    db.dispose()
    assert f"Wrote the 2018 directory ({roles} roles)" in capsys.readouterr().out
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "d.pdf").pages)
    assert "QURBONOVA Rukhshona" in text and "@example.org" not in text
    assert export(demo_db_path, "--year", "2018", "-o", str(tmp_path / "d.xlsx")) == EXIT_OK
    assert (tmp_path / "d.xlsx").stat().st_size > 0


def test_refusals_name_the_problem_in_one_sentence(demo_db_path, tmp_path, capsys):
    assert export(demo_db_path, "--year", "2018", "-o", str(tmp_path / "d.docx")) == EXIT_FILE
    assert "is neither a .pdf nor an .xlsx file name" in capsys.readouterr().err
    assert export(demo_db_path, "--year", "1990", "-o", str(tmp_path / "d.pdf")) == EXIT_INPUT
    assert capsys.readouterr().err.strip() == "mhdesk: Nobody is in the directory of 1990; nothing was written."
    assert not (tmp_path / "d.pdf").exists()
    assert export(tmp_path / "missing.sqlite", "--year", "2018", "-o", str(tmp_path / "d.pdf")) == EXIT_FILE
    assert not (tmp_path / "missing.sqlite").exists()
