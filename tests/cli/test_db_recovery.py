"""mhdesk db check, db backup, db backups and db restore."""

from __future__ import annotations

import io
import sys

import pytest
from recovery_helpers import add_thematic_area, damage_pages, thematic_areas

from mhdesk.cli.common import EXIT_DECLINED, EXIT_FILE, EXIT_OK
from mhdesk.cli.main import main
from mhdesk.core.recovery import list_backups, take_backup

pytestmark = pytest.mark.sqlite_only("checks, backs up and restores a SQLite file")


def test_check_says_a_sound_database_passes(db, capsys):
    assert main(["--database", str(db.file), "db", "check"]) == EXIT_OK
    assert "passes SQLite's integrity check" in capsys.readouterr().out


def test_check_of_a_damaged_database_names_the_backup_and_exits_2(db, capsys):
    backup = take_backup(db)
    file = db.file
    db.dispose()
    damage_pages(file)
    assert main(["--database", str(file), "db", "check"]) == EXIT_FILE
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "is damaged" in err and f"db restore {backup}" in err


def test_backup_writes_a_copy_that_backups_lists(db, capsys):
    assert main(["--database", str(db.file), "db", "backup"]) == EXIT_OK
    out = capsys.readouterr().out
    (copy,) = list_backups(db.file)
    assert f"Backup written to {copy.path}" in out
    assert main(["--database", str(db.file), "db", "backups"]) == EXIT_OK
    listed = capsys.readouterr().out
    assert str(copy.path) in listed and "made by hand" in listed


def test_restore_asks_first_and_a_no_changes_nothing(db, capsys, monkeypatch):
    backup = take_backup(db)
    add_thematic_area(db, "Added after the backup")
    monkeypatch.setattr(sys, "stdin", io.StringIO("n\n"))
    assert main(["--database", str(db.file), "db", "restore", str(backup)]) == EXIT_DECLINED
    assert "Added after the backup" in thematic_areas(db.file)
    assert len(list_backups(db.file)) == 1


def test_restore_puts_the_backup_back_and_says_where_the_replaced_state_is(db, capsys):
    backup = take_backup(db)
    add_thematic_area(db, "Added after the backup")
    assert main(["--database", str(db.file), "db", "restore", str(backup), "--yes"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Added after the backup" not in thematic_areas(db.file)
    (before_restore,) = [c for c in list_backups(db.file) if c.reason == "before-restore"]
    assert f"the state it replaced is kept in {before_restore.path}" in out
    assert "Added after the backup" in thematic_areas(before_restore.path)


def test_restore_of_a_file_that_is_not_there_exits_2(db, tmp_path, capsys):
    assert main(["--database", str(db.file), "db", "restore", str(tmp_path / "nope.sqlite"), "--yes"]) == EXIT_FILE
    assert "There is no backup at" in capsys.readouterr().err


def test_backups_of_a_postgresql_database_are_its_server_s(capsys):
    code = main(["--database", "postgresql+psycopg://nobody@localhost/none", "db", "backups"])
    assert code == EXIT_FILE
    assert "SQLite files only" in capsys.readouterr().err
