"""A command that only reads refuses a database path that names no file; commands that write create it."""

from __future__ import annotations

import pytest
from workbooks import return_workbook

from mhdesk.cli.common import EXIT_FILE, EXIT_OK
from mhdesk.cli.main import main
from mhdesk.core.connect import open_database
from mhdesk.core.database import DatabaseError
from mhdesk.core.services import Services


@pytest.fixture
def tj_return(tmp_path):
    return return_workbook(tmp_path / "TJ-2019.xlsx", projects=[
        {"Code": "MA.0467", "Title": "TB care for migrants", "Budget": "USD 85,000"}])


READ_ONLY = {
    "projects list": ["projects", "list"],
    "indicators list": ["indicators", "list", "--year", "2023"],
    "directory list": ["directory", "list", "--format", "csv"],
    "import --dry-run": ["import", "{return}", "--dry-run"],
    "export projects": ["export", "projects", "-o", "{out}/register.xlsx"],
    "template": ["template", "--mission", "Tajikistan", "--year", "2024", "-o", "{out}/TJ.xlsx"],
}


@pytest.mark.parametrize("command", READ_ONLY, ids=list(READ_ONLY))
def test_a_read_only_command_on_a_missing_database_says_so_and_creates_nothing(
        command, tmp_path, tj_return, capsys):
    missing = tmp_path / "typo" / "ofice.sqlite"
    argv = [a.format(**{"return": tj_return, "out": tmp_path}) for a in READ_ONLY[command]]
    if argv[0] == "export" and "export" not in _commands():
        pytest.skip("no export command yet")
    before = sorted(tmp_path.rglob("*"))

    code = main(["--database", str(missing), *argv])

    out, err = capsys.readouterr()
    assert code == EXIT_FILE
    assert err.strip() == f"mhdesk: There is no database at {missing}; nothing was created."
    assert "rows)" not in out
    assert sorted(tmp_path.rglob("*")) == before  # no folder, no database, no output file


def _commands() -> set[str]:
    from mhdesk.cli.main import build_parser

    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    return set(subparsers.choices)


def test_db_upgrade_creates_a_missing_database(tmp_path, capsys):
    target = tmp_path / "new" / "office.sqlite"
    assert main(["--database", str(target), "db", "upgrade"]) == EXIT_OK
    assert target.is_file() and "revision" in capsys.readouterr().out


def test_import_that_writes_creates_a_missing_database(tmp_path, tj_return, capsys):
    target = tmp_path / "office.sqlite"
    assert main(["--database", str(target), "import", str(tj_return), "--yes"]) == EXIT_OK
    db = open_database(target, create=False)
    try:
        assert Services(db).projects.find("MA.0467").title == "TB care for migrants"
    finally:
        db.dispose()


def test_open_database_refuses_a_missing_file_only_when_asked(tmp_path):
    missing = tmp_path / "office.sqlite"
    with pytest.raises(DatabaseError, match="There is no database at"):
        open_database(missing, create=False)
    assert not missing.exists()
    open_database(missing).dispose()  # the default (the window's New database, tests) creates
    open_database(missing, create=False).dispose()


@pytest.mark.parametrize("command", ["projects list", "directory list", "import --dry-run"])
def test_a_home_folder_of_no_such_user_is_one_sentence(command, tmp_path, tj_return, capsys):
    argv = [a.format(**{"return": tj_return, "out": tmp_path}) for a in READ_ONLY[command]]
    target = "~mhdesk-no-such-user/office/mhdesk.sqlite"

    code = main(["--database", target, *argv])

    assert code == EXIT_FILE
    err = capsys.readouterr().err
    assert err == f"mhdesk: The database path {target} starts with a home folder this computer does not have.\n"
