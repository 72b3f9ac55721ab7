"""Shared fixtures: a fresh migrated database per test; Qt offscreen.

The database is a SQLite file, or, when MHDESK_TEST_DATABASE_URL names a PostgreSQL server, a database of its
own on that server (`postgres_server.py`). There, tests that use no database are not run again, and tests marked
`sqlite_only("why")` are skipped with their reason.
"""

from __future__ import annotations

import os
import shutil

# Forced, not defaulted: a test run must never open windows on a developer's desktop.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest
from postgres_server import SERVER_URL_VAR, PostgresServer

from mhdesk.core.connect import open_database
from mhdesk.core.services import Services

# The fixtures that give a test the database under test; on PostgreSQL only tests using one run.
DATABASE_FIXTURES = {"db", "services", "demo", "demo_db_path", "database_server"}


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only(reason): the test needs a SQLite file; skipped on PostgreSQL")


def pytest_collection_modifyitems(config, items):
    if not os.environ.get(SERVER_URL_VAR):
        return
    kept, left_out = [], []
    for item in items:
        if DATABASE_FIXTURES.isdisjoint(getattr(item, "fixturenames", ())):
            left_out.append(item)
            continue
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else marker.kwargs.get("reason", "needs SQLite")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
        kept.append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(scope="session")
def database_server():
    """The PostgreSQL server the tests run against, or None for SQLite files."""
    url = os.environ.get(SERVER_URL_VAR)
    if not url:
        yield None
        return
    server = PostgresServer(url)
    yield server
    server.close()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory, database_server):
    """One migrated, seeded database; each test gets a copy (migrating each time is slow)."""
    if database_server is not None:
        return database_server.template("migrated", lambda location: open_database(location).dispose())
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_database(path).dispose()
    return path


@pytest.fixture
def db(tmp_path, migrated_template, database_server):
    if database_server is not None:
        location = database_server.copy_of(migrated_template)
    else:
        location = tmp_path / "test.sqlite"
        shutil.copyfile(migrated_template, location)
    database = open_database(location)
    yield database
    database.dispose()
    if database_server is not None:
        database_server.drop(location)


@pytest.fixture
def services(db):
    return Services(db)


def _load_demo(location) -> None:
    from mhdesk.bundled import demo_file
    from mhdesk.core.demo import load_demo

    database = open_database(location)
    load_demo(database, demo_file())
    database.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory, database_server):
    """The demo records loaded once into a database that tests copy."""
    if database_server is not None:
        return database_server.template("demo", _load_demo)
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    _load_demo(path)
    return path


@pytest.fixture
def demo_db_path(tmp_path, demo_template, database_server):
    """Where a copy of the demo database is: a SQLite file's path, or on PostgreSQL the URL of a fresh database."""
    if database_server is not None:
        location = database_server.copy_of(demo_template)
        yield location
        database_server.drop(location)
        return
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    yield path


@pytest.fixture
def demo(db, demo_template, database_server):
    """`db` holding the demo records: a copy of the database they were loaded into once."""
    db.dispose()  # no connection may hold the file while it is replaced
    if database_server is not None:
        database_server.replace(db.location, demo_template)
        return db
    for leftover in (db.file.with_name(db.file.name + "-wal"), db.file.with_name(db.file.name + "-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(demo_template, db.file)
    return db
