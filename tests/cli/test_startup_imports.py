"""What a start imports: `--version` and `--help` no database library, an up-to-date database no Alembic.

Each check runs in a fresh interpreter, since this test process has long imported everything."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "alembic", "openpyxl", "reportlab", "pyqtgraph", "PySide6", "python_calamine")


def _modules_after(code: str) -> set[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def _top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_import_no_database_library(option):
    code = ("import contextlib, io\nfrom mhdesk.cli.main import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    try:\n        main([{option!r}])\n    except SystemExit:\n        pass")
    loaded = _top_level(_modules_after(code))
    assert not loaded & set(HEAVY), f"{option} imported {sorted(loaded & set(HEAVY))}"


def test_help_of_every_command_group_imports_no_database_library():
    code = ("import contextlib, io\nfrom mhdesk.cli.main import COMMAND_GROUPS, build_parser\n"
            "parser = build_parser()\n"
            "for argv in (['projects', 'list', '--help'], ['export', '--help'], ['db', '--help'], ['bench', '--help']):\n"
            "    with contextlib.redirect_stdout(io.StringIO()):\n"
            "        try:\n            parser.parse_args(argv)\n        except SystemExit:\n            pass")
    loaded = _top_level(_modules_after(code))
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_opening_an_up_to_date_database_imports_no_alembic(demo_db_path):
    code = (f"from mhdesk.core.connect import open_database\n"
            f"db = open_database({str(demo_db_path)!r}, create=False)\n"
            f"db.dispose()")
    loaded = _top_level(_modules_after(code))
    assert "alembic" not in loaded
    assert "openpyxl" not in loaded


def test_opening_an_empty_file_still_migrates_it(tmp_path):
    file = tmp_path / "new.sqlite"
    code = (f"from mhdesk.core.connect import open_database\nfrom mhdesk.core.migrate import current_revision\n"
            f"db = open_database({str(file)!r})\nprint(current_revision(db))\ndb.dispose()")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    from mhdesk.core.migrate import head_revision

    assert result.stdout.strip() == head_revision()


def test_the_head_read_from_the_revision_files_is_alembics():
    from alembic.script import ScriptDirectory

    from mhdesk.core.migrate import _script_config, head_revision

    assert head_revision() == ScriptDirectory.from_config(_script_config()).get_current_head()


@pytest.mark.sqlite_only("a server's database is always opened through SQLAlchemy")
def test_projects_list_imports_only_what_it_needs(demo_db_path):
    code = ("import contextlib, io\nfrom mhdesk.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            f"    assert main(['--database', {str(demo_db_path)!r}, 'projects', 'list']) == 0\n"
            "assert 'MA.' in out.getvalue()")
    loaded = _top_level(_modules_after(code))
    # a current SQLite file is read with the driver alone: no database library, migrations, workbooks,
    # printouts, window, nor the ISO currency table (read when a currency is checked)
    unneeded = {"sqlalchemy", "alembic", "openpyxl", "reportlab", "pyqtgraph", "PySide6", "python_calamine", "iso4217"}
    assert not loaded & unneeded, sorted(loaded & unneeded)



@pytest.mark.sqlite_only("a server's database is always opened through SQLAlchemy")
@pytest.mark.parametrize(("argv", "seen"), [
    (["indicators", "list", "--year", "2023", "--country", "TJ"], "HW_TRAINED"),
    (["directory", "list", "--year", "2018"], "CALDERON"),
])
def test_indicators_and_directory_lists_import_only_what_they_need(demo_db_path, argv, seen):
    code = ("import contextlib, io\nfrom mhdesk.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            f"    assert main(['--database', {str(demo_db_path)!r}, *{argv!r}]) == 0\n"
            f"assert {seen!r} in out.getvalue()")
    loaded = _top_level(_modules_after(code))
    unneeded = {"sqlalchemy", "alembic", "openpyxl", "reportlab", "pyqtgraph", "PySide6", "python_calamine", "iso4217"}
    assert not loaded & unneeded, sorted(loaded & unneeded)

def test_projects_list_of_an_older_database_opens_it_whole(tmp_path):
    from tests.core.test_migrations import make_database_at

    path = tmp_path / "old.sqlite"
    make_database_at(path, "0001")
    code = ("import contextlib, io\nfrom mhdesk.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            f"    assert main(['--database', {str(path)!r}, 'projects', 'list', '--country', 'TJ']) == 0\n"
            "assert 'MA.0375' in out.getvalue()")
    assert {"sqlalchemy", "alembic"} <= _top_level(_modules_after(code))  # upgraded on the way
