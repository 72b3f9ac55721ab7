"""The projects register as a workbook, written by core and by `mhdesk export projects`, read back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from mhdesk.cli.main import main
from mhdesk.core.exports.projects_xlsx import COLUMNS, write_projects_xlsx
from mhdesk.core.services import Services
from mhdesk.core.services.project_records import ProjectData


def _add(services, **fields):
    return services.projects.create(ProjectData(**fields))


def test_the_workbook_reads_like_a_prepared_spreadsheet(db, tmp_path):
    services = Services(db)
    _add(services, code="MP.0280", title="=HYPERLINK(\"http://x\")", donors=["European Union", "UNAIDS"],
         budget=Decimal("3000000"), currency="EUR", health_budget=Decimal("290500.50"), start=date(2020, 3, 1),
         end=date(2023, 2, 28), extended_to=date(2023, 12, 31), countries=["Türkiye", "Turkmenistan"],
         status="completed")
    _add(services, code="MA.0400", title="-1 day of care", budget=Decimal("170000"), currency="USD",
         start=date(2017, 1, 1), end=date(2019, 12, 31), countries=["Tajikistan"])
    target = write_projects_xlsx(services.projects.rows(), tmp_path / "projects.xlsx")

    sheet = load_workbook(target).active
    assert [c.value for c in sheet[1]] == [header for header, _, _ in COLUMNS]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:N{sheet.max_row}" and sheet.max_row == 3
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    rows = {sheet.cell(r, 1).value: {h: sheet.cell(r, c) for c, (h, _, _) in enumerate(COLUMNS, start=1)}
            for r in range(2, sheet.max_row + 1)}
    mp = rows["MP.0280"]
    assert mp["Budget"].value == 3000000 and mp["Budget"].number_format == '#,##0.00 "EUR"'
    assert mp["Health budget"].value == 290500.5
    assert rows["MA.0400"]["Budget"].number_format == '#,##0.00 "USD"'
    assert mp["Start"].value == datetime(2020, 3, 1) and mp["Start"].is_date
    assert mp["Extended to"].value == datetime(2023, 12, 31)
    assert mp["Donors"].value == "European Union; UNAIDS"
    assert mp["Countries"].value == "Türkiye; Turkmenistan"
    # text that a spreadsheet would run is kept as typed, as text
    assert mp["Title"].value == '=HYPERLINK("http://x")' and mp["Title"].data_type == "s"
    assert rows["MA.0400"]["Title"].value == "-1 day of care" and rows["MA.0400"]["Title"].data_type == "s"
    assert rows["MA.0400"]["Extended to"].value is None
    widths = {h: sheet.column_dimensions[chr(64 + c)].width for c, (h, _, _) in enumerate(COLUMNS, start=1)}
    assert widths["Code"] < widths["Title"] <= 60


def test_the_command_line_writes_the_projects_of_a_year(demo_db_path, tmp_path, capsys):
    target = tmp_path / "2018.xlsx"
    assert main(["--database", str(demo_db_path), "export", "projects", "--year", "2018", "-o", str(target)]) == 0
    assert "to" in capsys.readouterr().out
    sheet = load_workbook(target).active
    codes = [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)]
    from mhdesk.core.connect import open_database
    from mhdesk.core.services.project_records import ProjectQuery

    db = open_database(demo_db_path)
    try:
        expected = [r.code for r in Services(db).projects.rows(ProjectQuery(year=2018))]
    finally:
        db.dispose()
    assert codes == expected and codes


def test_the_command_line_refuses_another_kind_of_file(demo_db_path, tmp_path, capsys):
    assert main(["--database", str(demo_db_path), "export", "projects", "-o", str(tmp_path / "p.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err and not (tmp_path / "p.csv").exists()
