"""`mhdesk bench`: one registration point, every figure in one table, the same figures as JSON."""

from __future__ import annotations

import json

from mhdesk.bench.cases import CASES
from mhdesk.bench.registry import Figure
from mhdesk.bench.report import print_table, table_rows
from mhdesk.cli.main import main


def test_every_case_is_registered_once_under_its_name():
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    assert {"start-up", "import", "projects table", "directory", "indicator totals", "indicator views",
            "newsletter", "safety"} <= set(names)


def test_a_figure_passes_on_its_seconds_or_on_its_ratio_to_the_baseline():
    assert Figure("a", "", 0.1, 0.2).passed is True
    assert Figure("a", "", 0.3, 0.2).passed is False
    assert Figure("a", "", 0.3, None).passed is None
    ratio = Figure("b", "", 3.0, 2.0, baseline=1.0, ratio_target=True)
    assert ratio.ratio == 3.0 and ratio.passed is False
    assert Figure("b", "", 1.5, 2.0, baseline=1.0, ratio_target=True).passed is True


def test_the_table_shows_case_size_seconds_ratio_target_and_verdict(capsys):
    import sys

    figures = [Figure("import dry run + apply", "100,000 rows", 3.0, 2.0, 1.5, ratio_target=True),
               Figure("window first paint", "10,000 projects", 0.5, 0.8)]
    print_table(figures, sys.stdout)
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].split() == ["case", "size", "seconds", "ratio", "target", "pass"]
    assert table_rows(figures)[0] == ("import dry run + apply", "100,000 rows", "3.000", "2.00", "ratio <= 2", "pass")
    assert "window first paint" in lines[5] and lines[5].rstrip().endswith("pass")
    assert lines[-1] == "2 targets met, 0 missed, 0 figures without a target."


def test_quick_bench_of_one_case_prints_the_table_and_writes_json(tmp_path, capsys):
    target = tmp_path / "figures.json"
    assert main(["bench", "--quick", "--only", "projects table", "--json", str(target)]) == 0
    out = capsys.readouterr().out
    records = json.loads(target.read_text(encoding="utf-8"))
    cases = {r["case"] for r in records}
    assert {"projects table open: load and paint", "projects table sort by title", "projects table sort by budget",
            "projects table filter a keystroke (worst)", "projects table filter by year and country",
            "projects table peak memory"} <= cases
    for record in records:
        assert {"case", "size", "seconds", "target", "pass"} <= set(record)
        assert record["seconds"] > 0 and record["size"] == "10,000 projects"
        shown = f"{record['seconds']:.0f} MB" if record["unit"] == "MB" else f"{record['seconds']:.3f}"
        assert shown in out
    assert "Benchmark figures" in out


def test_an_unknown_case_is_named_with_the_known_ones(capsys):
    assert main(["bench", "--only", "teleport"]) == 1
    err = capsys.readouterr().err
    assert "teleport" in err and "start-up" in err
