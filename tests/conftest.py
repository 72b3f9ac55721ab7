"""Shared fixtures: a fresh migrated SQLite file per test; Qt offscreen."""

from __future__ import annotations

import os
import shutil

# Forced, not defaulted: a test run must never open windows on a developer's desktop.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest

from mhdesk.core.connect import open_database
from mhdesk.core.services import Services


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory):
    """One migrated, seeded database; each test gets a copy (migrating each time is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_database(path).dispose()
    return path


@pytest.fixture
def db(tmp_path, migrated_template):
    path = tmp_path / "test.sqlite"
    shutil.copyfile(migrated_template, path)
    database = open_database(path)
    yield database
    database.dispose()


@pytest.fixture
def services(db):
    return Services(db)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo records loaded once into a database that tests copy."""
    from mhdesk.bundled import demo_file
    from mhdesk.core.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = open_database(path)
    load_demo(database, demo_file())
    database.dispose()
    return path


@pytest.fixture
def demo_db_path(tmp_path, demo_template):
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def demo(db, demo_template):
    """`db` holding the demo records: a copy of the database they were loaded into once."""
    db.dispose()  # no connection may hold the file while it is replaced
    for leftover in (db.file.with_name(db.file.name + "-wal"), db.file.with_name(db.file.name + "-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(demo_template, db.file)
    return db
