"""`mhdesk db copy --to URL`: every table into an empty database in one transaction, every row checked."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mhdesk.cli.common import EXIT_FILE, EXIT_OK
from mhdesk.cli.main import main
from mhdesk.core.connect import open_database
from mhdesk.core.database_copy import CopyRefused, CopyReport, TableCheck, copy_database
from mhdesk.core.models import Base
from mhdesk.core.services import Services
from mhdesk.core.services.project_records import ProjectData


@pytest.fixture
def empty_target(tmp_path, database_server):
    """Where to copy to: a new database on the test server, or a new SQLite file."""
    if database_server is None:
        yield str(tmp_path / "copy.sqlite")
        return
    location = database_server.new_database()
    yield location
    database_server.drop(location)


def counts(location) -> dict[str, int]:
    db = open_database(location)
    try:
        with db.engine.connect() as connection:
            return {t.name: connection.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}
    finally:
        db.dispose()


def test_every_row_of_every_table_arrives_and_the_copy_is_used_as_it_was(demo, empty_target, capsys):
    assert main(["--database", demo.location, "db", "copy", "--to", empty_target]) == EXIT_OK
    said = capsys.readouterr().out.strip()
    assert said.startswith("Copied ") and said.endswith("every row arrived (the row counts and checksums of every "
                                                       "table match).")
    assert counts(empty_target) == counts(demo.location)
    copy = open_database(empty_target)
    try:
        services = Services(copy)
        assert services.projects.find("MA.0467") == Services(demo).projects.find("MA.0467")
        # new ids continue after the copied ones
        services.projects.create(ProjectData(code="MA.0999", title="After the move", countries=["Serbia"]))
        assert len(services.projects.rows()) == len(Services(demo).projects.rows()) + 1
    finally:
        copy.dispose()


def test_a_file_moves_to_the_server_and_back(demo, tmp_path, database_server):
    """SQLite to PostgreSQL and PostgreSQL to SQLite (on a SQLite run: file to file)."""
    as_file = str(tmp_path / "from-server.sqlite")
    report = copy_database(demo, as_file)
    assert report.complete and report.rows == sum(counts(demo.location).values())
    target = database_server.new_database() if database_server else str(tmp_path / "again.sqlite")
    source = open_database(as_file)
    try:
        assert copy_database(source, target).complete
    finally:
        source.dispose()
    assert counts(target) == counts(demo.location)


def test_a_database_holding_records_is_not_copied_into(demo, empty_target, capsys):
    assert copy_database(demo, empty_target).complete
    with pytest.raises(CopyRefused, match="already holds records .* copy into an empty database"):
        copy_database(demo, empty_target)
    assert main(["--database", demo.location, "db", "copy", "--to", demo.location]) == EXIT_FILE
    assert capsys.readouterr().err.strip() == "mhdesk: The source and the target are the same database."


def test_a_table_that_did_not_arrive_whole_is_named():
    report = CopyReport("office", [TableCheck("project", 40, 40, "a", "a"), TableCheck("photo", 3, 2, "b", "c"),
                                   TableCheck("event", 5, 5, "d", "e")])
    assert not report.complete
    assert str(report) == ("The copy into office does not match the source in 2 table(s): photo: 3 rows here, "
                           "2 there; event: 5 rows here, 5 there, values differ.")
