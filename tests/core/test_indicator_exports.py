"""`mhdesk export indicators`: the workbook (numbers, formulas for totals, escaped text) and the PDF, read back."""

from __future__ import annotations

import re
from decimal import Decimal

from openpyxl import load_workbook
from pypdf import PdfReader

from mhdesk.cli.main import main
from mhdesk.core.exports.indicators_xlsx import BREAKDOWN_SHEET, FINDINGS_SHEET, GRID_SHEET, TOTALS_SHEET
from mhdesk.core.services import Services
from mhdesk.core.services.indicator_catalogue import IndicatorData
from mhdesk.core.services.indicator_cells import CellValues


def test_the_workbook_holds_numbers_totals_as_formulas_the_year_before_and_findings(demo, tmp_path, capsys):
    services = Services(demo)
    services.indicator_catalogue.create(IndicatorData("INJECTED", "=HYPERLINK(\"http://x\",\"y\")", "things"))
    services.indicator_cells.save([CellValues("INJECTED", "Armenia", 2023, {("", ""): Decimal(3)}),
                                   CellValues("SPEC_CONSULT", "Armenia", 2022, {("", ""): Decimal(100)})])
    path = tmp_path / "indicators.xlsx"
    assert main(["--database", demo.location, "export", "indicators", "--year", "2023", "-o", str(path)]) == 0
    assert "Wrote the 2023 indicator report" in capsys.readouterr().out

    book = load_workbook(path)
    grid = book[GRID_SHEET]
    header = [c.value for c in grid[3]]
    column = header.index("Primary health-care consultations") + 1
    countries = [grid.cell(r, 1).value for r in range(4, grid.max_row + 1)]
    total_row = 4 + countries.index("Regional total")
    figures = [grid.cell(r, column).value for r in range(4, total_row)]
    assert all(f is None or isinstance(f, int) for f in figures)
    assert grid.cell(4 + countries.index("Ukraine"), column).value == 83219
    formula = grid.cell(total_row, column).value
    assert formula.startswith("=SUM(") and sum(f or 0 for f in figures) == 273284  # what Excel will compute
    injected = grid.cell(3, header.index('=HYPERLINK("http://x","y")') + 1)
    assert injected.data_type == "s"  # a name, not a formula

    totals = book[TOTALS_SHEET]
    by_code = {totals.cell(r, 1).value: r for r in range(4, totals.max_row + 1)}
    row = by_code["PHC_CONSULT"]
    assert totals.cell(row, 4).value == f"='{GRID_SHEET}'!{grid.cell(total_row, column).coordinate}"
    assert totals.cell(row, 5).value == 100585  # the 2022 total, a number
    assert totals.cell(row, 6).value.startswith("=IF(")

    breakdowns = [[c.value for c in r] for r in book[BREAKDOWN_SHEET].iter_rows(min_row=2)]
    assert ["Primary health-care consultations", "Ukraine", None, "male", None, 24175] in breakdowns
    findings = [[c.value for c in r] for r in book[FINDINGS_SHEET].iter_rows(min_row=2)]
    assert any(f[0] == "warning" and f[2] == "Armenia" and f[4] == "change" for f in findings)


def test_the_pdf_has_the_totals_a_vector_chart_per_indicator_and_the_grid(demo, tmp_path, capsys):
    path = tmp_path / "indicators.pdf"
    assert main(["--database", demo.location, "export", "indicators", "--year", "2023", "-o", str(path)]) == 0
    reader = PdfReader(path)
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Indicator report 2023" in text and "273,284" in text and "Türkiye" in text
    assert "133,927" in text  # Türkiye's bar label in the consultations chart, drawn as text
    assert text.count("Health workers trained") >= 3  # totals table, its chart, the grid
    assert all(not page.images for page in reader.pages)  # charts are vector drawings, not pictures


def test_a_year_without_figures_writes_nothing(demo, tmp_path, capsys):
    path = tmp_path / "empty.xlsx"
    assert main(["--database", demo.location, "export", "indicators", "--year", "1999", "-o", str(path)]) == 1
    assert "No indicator figures are recorded for 1999" in capsys.readouterr().err and not path.exists()
