"""Workbooks built to hurt are refused before any parser sees them: one sentence, nothing written, memory bounded.

The imports run in a subprocess through the command line, which reports its own peak resident memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from openpyxl import Workbook
from test_plan_helpers import snapshot

from mhdesk.bench.hostile_files import HOSTILE, padded_return, write_plain_return
from mhdesk.core.returns import layout
from mhdesk.core.returns.problems import ReturnFileError
from mhdesk.core.returns.read.reader import read_return
from mhdesk.core.returns.read.zip_guard import MAX_COLUMNS, column_name

ROOT = Path(__file__).resolve().parents[2]
MEMORY_BOUND_MB = 500

IMPORT_EACH = textwrap.dedent("""
    import json, resource, sys
    sys.path.insert(0, {root!r})
    from mhdesk.cli.main import main
    database, files = sys.argv[1], sys.argv[2:]
    codes = [main(["--database", database, "import", name, "--yes"]) for name in files]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({{"codes": codes, "peak_mb": peak_mb}}))
""")


def run_imports(database: Path, files: list[Path], env: dict | None = None) -> tuple[dict, str]:
    process = subprocess.run([sys.executable, "-c", IMPORT_EACH.format(root=str(ROOT)), str(database),
                              *map(str, files)], capture_output=True, text=True, timeout=600,
                             env={**os.environ, **(env or {})})
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout.strip().splitlines()[-1]), process.stderr


def test_every_hostile_workbook_is_refused_in_one_sentence_with_nothing_written_and_memory_bounded(db, tmp_path):
    files = [writer(tmp_path / f"{name}.xlsx") for name, (_, writer) in HOSTILE.items()]
    before = snapshot(db)
    database = db.location
    db.dispose()
    result, errors = run_imports(database, files)
    assert result["codes"] == [2] * len(files)
    lines = errors.strip().splitlines()
    assert "Traceback" not in errors
    assert len(lines) == len(files)
    for line, file in zip(lines, files):
        assert line.startswith(f'mhdesk: "{file.name}" was refused: it ') and line.endswith("."), line
    assert "DTD or entities" in lines[0] and "sharedStrings.xml" in lines[0]  # the billion laughs
    print(f"\nhostile files refused: {len(files)}, peak memory {result['peak_mb']:.0f} MB")
    assert result["peak_mb"] < MEMORY_BOUND_MB
    assert snapshot(db) == before


def test_the_same_return_without_its_hostile_part_imports(db, tmp_path):
    """The hostile files are real returns: only the part that hurts stops them."""
    database = db.location
    db.dispose()
    result, errors = run_imports(database, [write_plain_return(tmp_path / "plain.xlsx")])
    assert result["codes"] == [0], errors
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM indicator_value").scalar() == 1


def test_a_million_empty_formatted_rows_are_skipped_and_memory_stays_bounded(db, tmp_path):
    path = padded_return(tmp_path / "padded.xlsx", rows=1_000_000)
    database = db.location
    db.dispose()
    result, errors = run_imports(database, [path])
    assert result["codes"] == [0], errors
    print(f"\n1,000,000 formatted empty rows read, peak memory {result['peak_mb']:.0f} MB")
    assert result["peak_mb"] < MEMORY_BOUND_MB
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM indicator_value").scalar() == 1


def test_without_defusedxml_no_return_is_read(db, tmp_path):
    database = db.location
    db.dispose()
    result, errors = run_imports(database, [write_plain_return(tmp_path / "plain.xlsx")],
                                 env={"OPENPYXL_DEFUSEDXML": "False"})
    assert result["codes"] == [2]
    assert "defusedxml" in errors and "Traceback" not in errors


def test_a_value_beyond_the_last_column_a_return_can_have_is_refused_naming_the_sheet(tmp_path, services):
    book = Workbook()
    book.active.title = layout.RETURN.name
    book.active.append(["Mission", "Tajikistan"])
    sheet = book.create_sheet(layout.INDICATORS.name)
    sheet.append(["Indicator", "Value"])
    sheet.cell(row=2, column=MAX_COLUMNS + 1, value="stray")
    book.save(tmp_path / "wide.xlsx")
    with pytest.raises(ReturnFileError) as refused:
        read_return(tmp_path / "wide.xlsx", services.catalog)
    message = str(refused.value)
    assert f'on its sheet "Indicators" across to column {column_name(MAX_COLUMNS + 1)}' in message
    assert "\n" not in message


def test_cells_holding_only_a_format_do_not_count(tmp_path, services):
    book = Workbook()
    book.active.title = layout.RETURN.name
    book.active.append(["Mission", "Tajikistan"])
    book.active.append(["Year", 2019])
    book.active.cell(row=400_000, column=MAX_COLUMNS + 50).number_format = "0.00"  # a format, no value
    book.save(tmp_path / "formatted.xlsx")
    parsed = read_return(tmp_path / "formatted.xlsx", services.catalog)
    assert (parsed.header.mission, parsed.header.year) == ("Tajikistan", 2019)


def test_a_formula_without_a_saved_value_is_still_found(tmp_path, services):
    book = Workbook()
    book.active.title = layout.RETURN.name
    book.active.append(["Mission", "Tajikistan"])
    book.active.append(["Year", 2019])
    sheet = book.create_sheet(layout.INDICATORS.name)
    sheet.append(["Indicator", "Value"])
    sheet.append(["PHC_CONSULT", "=1+1"])
    book.save(tmp_path / "formula.xlsx")
    parsed = read_return(tmp_path / "formula.xlsx", services.catalog)
    assert any("no saved value" in p.message and p.sheet == "Indicators" and p.row == 2 for p in parsed.problems)


@pytest.mark.parametrize(("number", "name"), [(1, "A"), (26, "Z"), (27, "AA"), (200, "GR"), (16384, "XFD")])
def test_column_names(number, name):
    assert column_name(number) == name
