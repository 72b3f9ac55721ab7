"""Two processes saving the same project at the same moment, on SQLite and on PostgreSQL: one save wins, the other
is told the project changed elsewhere; nothing is overwritten silently and only the winner's change is on record.
Two clients opening a database of an older schema at once migrate it once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from mhdesk.bench.concurrency import run_concurrency_bench, save_at_once
from mhdesk.core.connect import open_database
from mhdesk.core.models import Country
from mhdesk.core.services import Services
from mhdesk.core.services.project_records import ProjectData

ROUNDS = 3


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path, database_server):
    """A new database of each backend; the PostgreSQL one only with a test server."""
    if request.param == "sqlite":
        yield str(tmp_path / "shared.sqlite")
        return
    if database_server is None:
        pytest.skip("no PostgreSQL server: set MHDESK_TEST_DATABASE_URL (see .ci/with-postgres)")
    url = database_server.new_database()
    yield url
    database_server.drop(url)


def edit_at_once(location: str, code: str, titles: tuple[str, ...], folder: Path) -> list[dict]:
    outcomes = save_at_once(location, code, titles, folder)
    assert all("error" not in o for o in outcomes), outcomes
    return outcomes


def test_one_save_wins_and_the_other_is_told(location, tmp_path):
    db = open_database(location)
    services = Services(db)
    try:
        for round_ in range(ROUNDS):
            code = f"MA.{round_ + 1:04d}"
            services.projects.create(ProjectData(code=code, title="As it was", countries=["Serbia"]))
            outcomes = edit_at_once(location, code, ("Alice's title", "Bob's title"), tmp_path / f"round{round_}")
            saved = [title for title, o in zip(("Alice's title", "Bob's title"), outcomes) if o["saved"]]
            refused = [o["message"] for o in outcomes if not o["saved"]]
            assert len(saved) == 1, outcomes
            assert refused == [f"Project {code} was changed elsewhere; reload it and try again."]
            project = services.projects.find(code)
            assert (project.title, project.version) == (saved[0], 2)
            changes = [e.changes for e in services.project_history.of(code) if e.action == "change"]
            assert changes == [[("Title", "As it was", saved[0])]]
    finally:
        db.dispose()


OPEN = "import sys; from mhdesk.core.connect import open_database; open_database(sys.argv[1]).dispose()"


def test_two_clients_opening_an_empty_server_database_at_once_migrate_it_once(database_server):
    if database_server is None:
        pytest.skip("no PostgreSQL server: set MHDESK_TEST_DATABASE_URL (see .ci/with-postgres)")
    url = database_server.new_database()
    try:
        clients = [subprocess.Popen([sys.executable, "-c", OPEN, url], stderr=subprocess.PIPE, text=True)
                   for _ in range(3)]
        for client in clients:
            assert client.wait(timeout=300) == 0, client.stderr.read()
        db = open_database(url)
        try:
            with db.engine.connect() as connection:
                assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
                assert connection.scalar(select(func.count()).select_from(Country)) == \
                    connection.scalar(select(func.count(func.distinct(Country.name))))
        finally:
            db.dispose()
    finally:
        database_server.drop(url)


def test_the_bench_reports_no_edit_lost_on_each_backend(database_server, capsys):
    url = database_server.url.render_as_string(hide_password=False) if database_server else None
    figures = run_concurrency_bench(url, rounds=2)
    assert [f["backend"] for f in figures] == ["sqlite"] + (["postgresql"] if url else [])
    for f in figures:
        assert (f["attempted"], f["saved"], f["told"], f["failed"], f["lost"]) == (4, 2, 2, 0, 0)
    assert "lost: 0" in capsys.readouterr().out
