"""A client older than the database's schema reads it but refuses to write, naming the mhdesk it needs."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from mhdesk.cli.common import EXIT_FILE
from mhdesk.cli.main import main
from mhdesk.core.connect import open_database
from mhdesk.core.database import WriteRefused
from mhdesk.core.migrate import app_version, current_revision, head_revision
from mhdesk.core.services import Services
from mhdesk.core.services.project_records import ProjectData

NEEDED = ("This database was brought to a newer schema (0099) than mhdesk {} knows: it can be read, but writing "
          "needs mhdesk 9.1.0 or newer.")


def test_the_revision_records_the_mhdesk_that_brought_the_database_to_it(db):
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT revision, app_version FROM mhdesk_schema")).all() == [
            (head_revision(), app_version())]


def test_a_newer_schema_is_read_but_never_written(db, services, capsys):
    services.projects.create(ProjectData(code="MA.0467", title="Written before", countries=["Serbia"]))
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        connection.execute(text("INSERT INTO mhdesk_schema (revision, app_version) VALUES ('0099', '9.1.0')"))
    db.dispose()
    newer = open_database(db.location)
    try:
        assert newer.write_refusal == NEEDED.format(app_version())
        services = Services(newer)
        assert services.projects.find("MA.0467").title == "Written before"
        with pytest.raises(WriteRefused) as refused:
            services.projects.create(ProjectData(code="MA.0998", title="Not written", countries=["Serbia"]))
        assert str(refused.value) == NEEDED.format(app_version())
        assert services.projects.find("MA.0998") is None and current_revision(newer) == "0099"
    finally:
        newer.dispose()
    assert main(["--database", db.location, "demo"]) == EXIT_FILE
    assert capsys.readouterr().err.strip() == "mhdesk: " + NEEDED.format(app_version())
