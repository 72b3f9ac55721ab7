"""Reading a current SQLite file with the driver alone, and leaving every other database to the full open."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from mhdesk.core.connect import open_database
from mhdesk.core.errors import DatabaseError
from mhdesk.core.migrate import current_revision, head_revision
from mhdesk.core.quick_read import reader_if_current
from mhdesk.core.reference import reference_missing, stored_country_resolver
from mhdesk.core.services import Services
from mhdesk.core.services.register_rows import read_register

from tests.core.test_migrations import make_database_at

pytestmark = pytest.mark.sqlite_only("reads a SQLite file with sqlite3")


def test_a_current_demo_file_is_read_as_the_service_reads_it(demo):
    expected = Services(demo).projects.rows()
    demo.dispose()
    with closing(reader_if_current(demo.file)) as reader:
        assert reader is not None
        rows = read_register(reader, dates_as_text=True)
        assert rows == expected
        assert len(rows) == 40
        some = [rows[3].id, rows[17].id, rows[-1].id]
        assert read_register(reader, dates_as_text=True, ids=some) == [r for r in rows if r.id in some]
        assert read_register(reader, dates_as_text=True, ids=[]) == []


def test_the_reader_resolves_countries_as_the_catalogue_does(demo):
    catalog = Services(demo).catalog.country_resolver()
    with closing(reader_if_current(demo.file)) as reader:
        stored = stored_country_resolver(reader)
    for typed in ("turkiye", "Turkey", "TR", "kyrgyz republic", "UZ", "Tajikistan"):
        assert stored.resolve(typed) == catalog.resolve(typed)


def test_urls_and_missing_files_are_left_to_the_full_open(tmp_path, demo):
    assert reader_if_current(f"sqlite:///{demo.file}") is None
    missing = tmp_path / "no-such.sqlite"
    assert reader_if_current(missing) is None
    assert not missing.exists()  # never created by asking


def test_an_older_schema_is_left_to_the_full_open_which_upgrades_it(tmp_path):
    path = tmp_path / "old.sqlite"
    make_database_at(path, "0001")
    assert reader_if_current(path) is None
    db = open_database(path, create=False)
    try:
        assert current_revision(db) == head_revision()
    finally:
        db.dispose()
    with closing(reader_if_current(path)) as reader:
        assert [r.code for r in read_register(reader, dates_as_text=True)] == ["MA.0375"]


def test_missing_reference_data_is_left_to_the_full_open_which_seeds_it(db):
    db.dispose()
    with closing(sqlite3.connect(db.file)) as raw, raw:
        raw.execute("DELETE FROM country_alias WHERE id = (SELECT min(id) FROM country_alias)")
        assert reference_missing(raw)
    assert reader_if_current(db.file) is None
    open_database(db.file, create=False).dispose()
    with closing(reader_if_current(db.file)) as reader:
        assert reader is not None and not reference_missing(reader)


def test_a_damaged_file_is_left_to_the_full_open_which_names_the_damage(tmp_path):
    path = tmp_path / "damaged.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4096)
    assert reader_if_current(path) is None
    with pytest.raises(DatabaseError, match="could not be opened"):
        open_database(path, create=False)


def test_a_newer_schema_is_left_to_the_full_open(db):
    db.dispose()
    with closing(sqlite3.connect(db.file)) as raw, raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    assert reader_if_current(db.file) is None
