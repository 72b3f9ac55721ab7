"""Backups go into `backups/` beside the database, named by reason and time; the last 20 before-import kept."""

from __future__ import annotations

import re
import sqlite3

import pytest
from sqlalchemy import text

from mhdesk.core.connect import open_database

pytestmark = pytest.mark.sqlite_only("backups are copies of a SQLite file")

def names(folder, pattern="*") -> list[str]:
    return sorted(p.name for p in folder.glob(pattern))


def test_a_backup_is_a_consistent_copy_named_by_reason_and_time(db):
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO thematic_area (name) VALUES ('Backed up')"))
    backup = db.backup("before-import")
    assert re.fullmatch(r"test\.before-import\.\d{8}-\d{6}-\d{6}\.sqlite", backup.name)
    assert names(db.file.parent, "*.sqlite*") == ["test.sqlite", "test.sqlite-shm", "test.sqlite-wal"]
    with sqlite3.connect(backup) as copy:  # the change still in the write-ahead log is in the copy
        assert copy.execute("SELECT count(*) FROM thematic_area WHERE name = 'Backed up'").fetchone() == (1,)


def test_only_the_20_most_recent_before_import_backups_are_kept(db):
    made = [db.backup("before-import") for _ in range(25)]
    folder = db.file.parent / "backups"
    assert names(folder) == sorted(p.name for p in made[-20:])
    assert len(names(folder)) == 20


def test_retention_counts_each_reason_and_database_on_its_own(db, tmp_path):
    upgrade = db.backup("before-upgrade")
    other = open_database(tmp_path / "other.sqlite")
    try:
        others = [other.backup("before-import") for _ in range(3)]
        for _ in range(22):
            db.backup("before-import")
    finally:
        other.dispose()
    folder = tmp_path / "backups"
    assert upgrade.exists() and all(p.exists() for p in others)
    assert len(names(folder, "test.before-import.*.sqlite")) == 20


def test_a_kept_count_can_be_given(db):
    for _ in range(4):
        db.backup("before-import", keep=2)
    assert len(names(db.file.parent / "backups")) == 2


def test_an_import_leaves_no_copy_beside_the_database(db, tmp_path):
    from workbooks import return_workbook

    from mhdesk.core.returns.importer import ReturnImporter

    workbook = return_workbook(tmp_path / "TJ-2019.xlsx", projects=[{"Code": "MA.0467", "Title": "TB care"}])
    importer = ReturnImporter(db)
    summary = importer.apply(importer.dry_run(workbook))
    assert summary.backup.parent == tmp_path / "backups"
    assert names(tmp_path, "test.*") == ["test.sqlite", "test.sqlite-shm", "test.sqlite-wal"]
