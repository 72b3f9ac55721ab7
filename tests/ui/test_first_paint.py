"""The window reports its start to the start-up benchmark, timed from launch: it paints before anything slow is
imported, then opens the database and shows the records, and quits."""

from __future__ import annotations

from mhdesk.bench.startup import fill_projects_fast, window_start
from mhdesk.core.connect import open_database
from mhdesk.core.services import Services

# Only once the window shows: charts, workbooks, printouts, migrations, and the database library itself.
NOT_BEFORE_FIRST_PAINT = {"openpyxl", "reportlab", "pyqtgraph", "numpy", "alembic", "python_calamine", "pypdfium2",
                          "sqlalchemy"}


def test_the_window_paints_before_it_imports_anything_slow_then_shows_the_records(tmp_path):
    file = tmp_path / "many.sqlite"
    db = open_database(file)
    fill_projects_fast(db, 500)
    assert len(Services(db).projects.codes()) == 500
    db.dispose()
    start = window_start(file, tmp_path)
    assert 0 < start.first_paint < start.records_shown < 120
    assert "PySide6" in start.modules and "mhdesk" in start.modules
    assert not start.modules & NOT_BEFORE_FIRST_PAINT, sorted(start.modules & NOT_BEFORE_FIRST_PAINT)
