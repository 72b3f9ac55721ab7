"""Loading the demo records: all of them, once; a database that refuses them is one plain sentence."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from mhdesk.bundled import demo_file
from mhdesk.core.connect import open_database
from mhdesk.core.demo import load_demo
from mhdesk.core.errors import DatabaseError
from mhdesk.core.services import Services


def test_the_demo_loads_once(db):
    first = load_demo(db, demo_file())
    again = load_demo(db, demo_file())

    assert first.projects == Services(db).projects.count() == 40
    assert (again.projects, again.roles, again.values, again.events, again.publications, again.editions) == (
        0, 0, 0, 0, 0, 0)


@pytest.mark.sqlite_only("the refusal is a trigger of SQLite")
def test_a_database_that_refuses_the_records_is_a_database_error(db):
    db.dispose()
    with closing(sqlite3.connect(db.file)) as raw, raw:
        raw.execute("CREATE TRIGGER refuse BEFORE INSERT ON project BEGIN SELECT RAISE(ABORT, 'disk is full'); END")
    refusing = open_database(db.file, create=False)
    try:
        with pytest.raises(DatabaseError) as refused:
            load_demo(refusing, demo_file())
    finally:
        refusing.dispose()

    assert str(refused.value) == f"The demo records could not be written to {db.file}: disk is full"
