"""`mhdesk indicators list` and `mhdesk directory list` print the same bytes whether a current SQLite file is read
with the driver alone or the database is opened whole (as it is for a URL)."""

from __future__ import annotations

import csv
import io
from contextlib import closing

import pytest

from mhdesk.cli.listing import INDICATOR_FIELDS
from mhdesk.cli.main import main
from mhdesk.core.connect import open_database
from mhdesk.core.quick_read import reader_if_current
from mhdesk.core.services.directory_rows import LIST_FIELDS
from tests.core.test_listing_readers import add_what_the_demo_lacks

pytestmark = pytest.mark.sqlite_only("compares reading a SQLite file with sqlite3 to opening it whole")

FORMATS = ("table", "csv", "json")
INDICATOR_FILTERS = ([], ["--year", "2019"], ["--country", "TJ"], ["--year", "2023", "--country", "tajikistan"],
                     ["--country", "Turkey"], ["--year", "1990"])
DIRECTORY_FILTERS = ([], ["--year", "2018"], ["--year", "2019"], ["--year", "1990"])


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def listed_demo(demo_db_path):
    """The demo file, with values of projects and an indicator with decimals, current: the quick path reads it."""
    db = open_database(demo_db_path, create=False)
    try:
        add_what_the_demo_lacks(db)
    finally:
        db.dispose()
    with closing(reader_if_current(demo_db_path)) as reader:
        assert reader is not None
    return demo_db_path


def both_ways(capsys, path, *argv) -> tuple[tuple, tuple]:
    quick = run(capsys, "--database", str(path), *argv)
    whole = run(capsys, "--database", f"sqlite:///{path}", *argv)
    return quick, whole


def assert_the_same_both_ways(capsys, path, command: str, filters, output: str) -> None:
    """Each filter's exit code, output and messages, read quickly and opened whole: the same, and no error."""
    for chosen in filters:
        quick, whole = both_ways(capsys, path, command, "list", *chosen, "--format", output)
        assert quick == whole, chosen
        assert quick[0] == 0 and quick[2] == ""


@pytest.mark.parametrize("output", FORMATS)
def test_indicators_list_is_the_same_read_quickly_or_opened_whole(capsys, listed_demo, output):
    assert_the_same_both_ways(capsys, listed_demo, "indicators", INDICATOR_FILTERS, output)
    _, out, _ = run(capsys, "--database", str(listed_demo), "indicators", "list", "--country", "TJ", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(INDICATOR_FIELDS)
    assert {r["country"] for r in rows} == {"Tajikistan"}
    assert ("MA.9001", "female", "3.00") in {(r["project_code"], r["sex"], r["value"]) for r in rows}


@pytest.mark.parametrize("output", FORMATS)
def test_directory_list_is_the_same_read_quickly_or_opened_whole(capsys, listed_demo, output):
    assert_the_same_both_ways(capsys, listed_demo, "directory", DIRECTORY_FILTERS, output)
    _, out, _ = run(capsys, "--database", str(listed_demo), "directory", "list", "--year", "2018", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(LIST_FIELDS)
    assert {r["year"] for r in rows} == {"2018"} and any(not r["country"] for r in rows)


def test_an_unknown_country_is_named_the_same_way_on_both_paths(capsys, listed_demo):
    quick, whole = both_ways(capsys, listed_demo, "indicators", "list", "--country", "Narnia")
    assert quick == whole
    assert quick[0] != 0 and "Narnia" in quick[2] and "Traceback" not in quick[2]
