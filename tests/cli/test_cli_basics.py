"""The command line on real database files: version, demo, upgrade, listings, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from mhdesk import __version__
from mhdesk.cli.listing import PROJECT_FIELDS
from mhdesk.cli.main import main


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"mhdesk {__version__}"


def test_python_dash_m_works():
    result = subprocess.run([sys.executable, "-m", "mhdesk", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"mhdesk {__version__}"


def test_projects_csv_for_2018_matches_the_reports(capsys, demo_db_path):
    code, out, err = run(capsys, "--database", str(demo_db_path), "projects", "list", "--year", "2018",
                         "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0].keys()) == PROJECT_FIELDS
    by_code = {r["code"]: r for r in rows}
    spins = by_code["MA.0400"]
    assert (spins["budget"], spins["currency"]) == ("170000.00", "USD")
    assert (spins["start"], spins["end"]) == ("2017-09-01", "2019-08-31")
    assert spins["countries"] == "Republic of Moldova"
    assert spins["donors"] == "IOM Development Fund"
    # a no-cost extension keeps a 2017 project active in 2018
    assert by_code["MA.0398"]["extended_to"] == "2018-03-31"
    # finished before 2018, so not listed
    assert "MP.0156" not in by_code
    assert all(r["start"] <= "2018-12-31" for r in rows if r["start"])


def test_projects_json_by_country_alias(capsys, demo_db_path):
    code, out, _ = run(capsys, "--database", str(demo_db_path), "projects", "list", "--country", "BiH",
                       "--format", "json")
    assert code == 0
    projects = json.loads(out)
    assert projects and all("Bosnia and Herzegovina" in p["countries"] or
                            p["managing_mission"] == "Bosnia and Herzegovina" for p in projects)
    assert {"MP.0280", "MP.0156"} <= {p["code"] for p in projects}


def test_table_format_is_readable(capsys, demo_db_path):
    code, out, _ = run(capsys, "--database", str(demo_db_path), "projects", "list", "--year", "2017")
    assert code == 0
    header = out.splitlines()[0].split()
    assert header[:3] == ["code", "title", "programme_area"]
    assert out.rstrip().endswith("rows)")


def test_demo_command_is_idempotent(capsys, tmp_path):
    target = tmp_path / "fresh.sqlite"
    code, out, _ = run(capsys, "--database", str(target), "demo")
    assert code == 0 and "projects" in out
    first = run(capsys, "--database", str(target), "projects", "list", "--format", "csv")[1]
    run(capsys, "--database", str(target), "demo")
    assert run(capsys, "--database", str(target), "projects", "list", "--format", "csv")[1] == first
    assert len(first.splitlines()) > 25


def test_directory_and_indicators_lists(capsys, demo_db_path):
    code, out, _ = run(capsys, "--database", str(demo_db_path), "directory", "list", "--year", "2018",
                       "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["year", "country", "role", "programme_area", "family_name", "given_name", "email",
                             "phone"]
    assert any(r["family_name"] == "CALDERON" for r in rows)
    code, out, _ = run(capsys, "--database", str(demo_db_path), "indicators", "list", "--year", "2023",
                       "--format", "json")
    values = json.loads(out)
    totals: dict[str, float] = {}
    for v in values:
        if not v["sex"] and not v["age_group"] and not v["project_code"]:
            totals[v["indicator_code"]] = totals.get(v["indicator_code"], 0) + float(v["value"])
    assert totals["PHC_CONSULT"] == 273284
    assert totals["FACILITIES"] == 429


def test_db_upgrade_reports_the_revision(capsys, tmp_path):
    code, out, _ = run(capsys, "--database", str(tmp_path / "new.sqlite"), "db", "upgrade")
    assert code == 0 and "revision" in out


@pytest.mark.parametrize("argv", [
    ["projects", "list", "--year", "soon"],
    ["projects", "list", "--format", "xml"],
    ["nonsense"],
    ["projects"],
])
def test_bad_arguments_give_one_sentence_and_exit_2(capsys, tmp_path, argv):
    code, out, err = run(capsys, "--database", str(tmp_path / "x.sqlite"), *argv)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_unopenable_database_gives_one_sentence_and_exit_2(capsys, tmp_path):
    not_a_db = tmp_path / "notes.sqlite"
    not_a_db.write_text("these are not the records you are looking for " * 50)
    code, _, err = run(capsys, "--database", str(not_a_db), "projects", "list")
    assert code == 2
    assert err.startswith("mhdesk: ") and len(err.strip().splitlines()) == 1


def test_unknown_country_filter_is_an_input_problem(capsys, demo_db_path):
    code, _, err = run(capsys, "--database", str(demo_db_path), "projects", "list", "--country", "Narnia")
    assert code == 1 and "Narnia" in err


def test_environment_variable_names_the_default_database(capsys, tmp_path, monkeypatch, demo_db_path):
    monkeypatch.setenv("MHDESK_DATABASE_URL", str(demo_db_path))
    code, out, _ = run(capsys, "projects", "list", "--format", "csv")
    assert code == 0 and "MA.0400" in out
