"""What mhdesk creates (database, -wal/-shm, backups, templates, reports) is readable by its owner only."""

from __future__ import annotations

import os
import stat

import openpyxl
import pytest
from workbooks import return_workbook

from mhdesk.cli.main import main
from mhdesk.core.connect import open_database
from mhdesk.core.files import atomic_output, save_bytes, save_workbook
from mhdesk.core.returns.problems import Problem
from mhdesk.core.returns.report.annotate import write_problem_report

pytestmark = pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")


pytestmark = pytest.mark.sqlite_only("the modes of a SQLite file, its copies and its neighbours")

def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def permissive_umask():
    """The usual desktop umask, under which a plain new file would be readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_database_and_its_wal_and_shm_are_owner_only(tmp_path):
    path = tmp_path / "office.sqlite"
    db = open_database(path)
    try:
        wal, shm = path.with_name("office.sqlite-wal"), path.with_name("office.sqlite-shm")
        assert wal.exists() and shm.exists()  # the database is open in WAL mode
        assert (mode(path), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)
    finally:
        db.dispose()


def test_an_existing_database_keeps_the_mode_its_owner_gave_it(tmp_path):
    path = tmp_path / "shared.sqlite"
    open_database(path).dispose()
    os.chmod(path, 0o640)  # the coordinator shares it with a group on purpose
    open_database(path).dispose()
    assert mode(path) == 0o640


def test_the_demo_command_creates_an_owner_only_file(tmp_path, capsys):
    path = tmp_path / "demo.sqlite"
    assert main(["--database", str(path), "demo"]) == 0
    assert mode(path) == 0o600


def test_backups_and_their_folder_are_owner_only(db):
    backup = db.backup("before-import")
    assert backup.parent == db.file.parent / "backups"
    assert (mode(backup.parent), mode(backup)) == (0o700, 0o600)


def test_a_template_written_by_the_command_line_is_owner_only(db, tmp_path, capsys):
    target = tmp_path / "TJ-2024.xlsx"
    assert main(["--database", str(db.file), "template", "--mission", "Tajikistan", "--year", "2024",
                 "-o", str(target)]) == 0
    assert mode(target) == 0o600
    assert openpyxl.load_workbook(target).sheetnames  # and a real workbook


def test_a_problem_report_is_owner_only(tmp_path):
    source = return_workbook(tmp_path / "TJ-2019.xlsx", indicators=[{"Indicator": "PHC_CONSULT", "Value": "lots"}])
    target = tmp_path / "TJ-2019 problems.xlsx"
    write_problem_report(source, [Problem("error", "not a number", "Indicators", 2, "Value")], target)
    assert mode(target) == 0o600


def test_save_bytes_and_save_workbook_are_owner_only_even_over_an_open_file(tmp_path):
    existing = tmp_path / "report.pdf"
    existing.write_bytes(b"old")
    os.chmod(existing, 0o644)
    save_bytes(b"%PDF-1.4 new", existing)
    assert (existing.read_bytes(), mode(existing)) == (b"%PDF-1.4 new", 0o600)
    book = tmp_path / "list.xlsx"
    save_workbook(openpyxl.Workbook(), book)
    assert mode(book) == 0o600


def test_atomic_output_makes_a_file_its_writer_recreated_owner_only(tmp_path):
    target = tmp_path / "directory.pdf"
    with atomic_output(target) as temporary:
        temporary.unlink()  # a writer that creates its file afresh, under the umask
        temporary.write_bytes(b"%PDF-1.4")
        assert mode(temporary) == 0o644
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["directory.pdf"]


def test_atomic_output_leaves_the_old_file_and_no_debris_when_the_writer_fails(tmp_path):
    target = tmp_path / "directory.pdf"
    target.write_bytes(b"the old one")
    with pytest.raises(RuntimeError, match="font missing"), atomic_output(target) as temporary:
        temporary.write_bytes(b"half a PDF")
        raise RuntimeError("font missing")
    assert target.read_bytes() == b"the old one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["directory.pdf"]
