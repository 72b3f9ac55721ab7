"""The window reports its first paint to the start-up benchmark, timed from launch, and quits."""

from __future__ import annotations

from mhdesk.bench.startup import fill_projects_fast, first_paint_seconds
from mhdesk.core.connect import open_database
from mhdesk.core.services import Services


def test_first_paint_is_reported_for_a_database_of_many_projects(tmp_path):
    file = tmp_path / "many.sqlite"
    db = open_database(file)
    fill_projects_fast(db, 500)
    assert len(Services(db).projects.codes()) == 500
    db.dispose()
    seconds = first_paint_seconds(file, tmp_path)
    assert 0 < seconds < 120
