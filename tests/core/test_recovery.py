"""A damaged SQLite file is refused on open, naming the latest good backup; backups are listed and put back."""

from __future__ import annotations

import stat
from datetime import date, timedelta

import pytest
from recovery_helpers import add_thematic_area, damage_header, damage_pages, thematic_areas

from mhdesk.core.connect import open_database
from mhdesk.core.database import DatabaseError
from mhdesk.core.recovery import (
    DamagedDatabase,
    backup_daily,
    check_database,
    check_file,
    latest_good_backup,
    list_backups,
    restore,
    take_backup,
)

pytestmark = pytest.mark.sqlite_only("checks, backs up and restores a SQLite file")


def test_a_sound_database_passes_both_checks(db):
    assert check_database(db, thorough=True) == []
    assert check_database(db, thorough=False) == []


@pytest.mark.parametrize("damage", [damage_pages, damage_header], ids=["pages", "header"])
def test_a_damaged_file_is_refused_in_one_sentence_naming_the_latest_good_backup(db, damage):
    add_thematic_area(db, "Kept in the backup")
    older = take_backup(db)
    good = take_backup(db)
    file = db.file
    db.dispose()
    damage(file)
    with pytest.raises(DamagedDatabase) as refused:
        open_database(file)
    message = str(refused.value)
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(f"The database {file} is damaged (")
    assert str(good) in message and f"db restore {good}" in message
    assert refused.value.backup.path == good != older


def test_without_a_backup_the_message_says_there_is_none(db):
    file = db.file
    db.dispose()
    damage_pages(file)
    with pytest.raises(DamagedDatabase, match="there is no sound backup of it") as refused:
        open_database(file)
    assert refused.value.backup is None


def test_a_damaged_backup_is_passed_over_for_the_one_before(db):
    sound = take_backup(db)
    broken = take_backup(db)
    damage_pages(broken)
    assert check_file(broken) and not check_file(sound)
    assert latest_good_backup(db.file).path == sound


def test_backups_are_listed_newest_first_with_reason_time_and_size_and_partial_copies_are_not(db):
    first = db.backup("before-import")
    second = take_backup(db)
    (second.parent / f".{second.name}.partial").write_bytes(b"cut short")
    copies = list_backups(db.file)
    assert [c.path for c in copies] == [second, first]
    assert [c.reason for c in copies] == ["by-hand", "before-import"]
    assert copies[0].taken >= copies[1].taken
    assert copies[0].size == second.stat().st_size > 0


def test_restore_puts_the_backup_back_and_keeps_the_state_it_replaced(db):
    add_thematic_area(db, "In the backup")
    backup = take_backup(db)
    add_thematic_area(db, "Added after the backup")
    result = restore(db.file, backup)
    assert not result.replaced_damaged
    assert "Added after the backup" not in thematic_areas(db.file)
    assert "In the backup" in thematic_areas(db.file)
    assert "Added after the backup" in thematic_areas(result.previous_state)
    assert result.previous_state.name.startswith("test.before-restore.")
    with db.engine.connect() as connection:  # the open engine sees the restored records
        names = {row[0] for row in connection.exec_driver_sql("SELECT name FROM thematic_area")}
    assert "Added after the backup" not in names
    assert check_database(db) == []


def test_a_damaged_database_is_moved_aside_and_the_backup_copied_in_its_place(db):
    add_thematic_area(db, "In the backup")
    backup = take_backup(db)
    file = db.file
    db.dispose()
    damage_header(file)
    result = restore(file, backup)
    assert result.replaced_damaged and result.previous_state.name.startswith("test.damaged.")
    assert result.previous_state.parent == file.parent / "backups"
    reopened = open_database(file)
    try:
        assert check_database(reopened) == []
    finally:
        reopened.dispose()
    assert "In the backup" in thematic_areas(file)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert latest_good_backup(file).path == backup  # the damaged file moved aside is never offered


def test_a_damaged_backup_is_not_restored_and_nothing_changes(db):
    add_thematic_area(db, "Current")
    backup = take_backup(db)
    damage_pages(backup)
    before = thematic_areas(db.file)
    with pytest.raises(DatabaseError, match="is itself damaged"):
        restore(db.file, backup)
    assert thematic_areas(db.file) == before
    assert [c.reason for c in list_backups(db.file)] == ["by-hand"]  # no before-restore copy either


def test_one_daily_backup_a_day(db):
    first = backup_daily(db)
    assert first is not None and first.name.startswith("test.daily.")
    assert backup_daily(db) is None
    assert backup_daily(db, today=date.today() + timedelta(days=1)) is not None
    assert [c.reason for c in list_backups(db.file)] == ["daily", "daily"]
