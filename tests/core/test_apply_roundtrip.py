"""Round trip: template -> filled by hand (as openpyxl stands in for Excel) -> dry run -> apply -> projects list."""

from __future__ import annotations

import openpyxl

from mhdesk.cli.common import EXIT_OK
from mhdesk.cli.main import main
from mhdesk.core.returns.template.writer import write_template

HEADERS = ["Title", "Code", "Duration", "Budget", "Donor", "Comments", "Countries", "Status", "Health budget",
           "Start", "End", "Thematic areas", "Currency"]
ROWS = [
    ["Health screening of labour migrants", "ma 0467", "1 June 2019—31 May 2020", "USD 85,000",
     "IOM Development Fund", "checked by the mission", "Tajikistan", "active", None, None, None, "Tuberculosis", None],
    None,  # a blank row in the middle
    ["Mobile clinics for returnees", "MP.0280", "September 2017 – August 2019", "151,232 EUR",
     "European Union; UNAIDS", None, "TJ; Kyrgyzstan", "completed", "40.000 EUR", None, None, None, None],
    # no status: it is taken from the dates (ended in 2020: completed), with a warning
    ["Cancer care for migrants", "CS 887", "12 months (1 June 2019—31 May 2020)", "1,315,000.00 CHF", None, None,
     None, None, None, None, None, None, None],
    ["Dialysis support", "MA.0501", None, 18_000_000, None, None, None, "pipeline", None, "June 2019", None, None,
     "usd"],
]
EXPECTED_CSV = """\
code,title,programme_area,donors,budget,currency,health_budget,start,end,extended_to,countries,managing_mission,thematic_areas,status
CS.0887,Cancer care for migrants,,,1315000.00,CHF,,2019-06-01,2020-05-31,,Tajikistan,,,completed
MA.0467,Health screening of labour migrants,MA,IOM Development Fund,85000.00,USD,,2019-06-01,2020-05-31,,Tajikistan,,Tuberculosis,active
MA.0501,Dialysis support,MA,,18000000.00,USD,,2019-06-01,,,Tajikistan,,,pipeline
MP.0280,Mobile clinics for returnees,MP,European Union; UNAIDS,151232.00,EUR,40000.00,2017-09-01,2019-08-31,,Kyrgyzstan; Tajikistan,,,completed
"""


def fill_by_hand(path) -> None:
    book = openpyxl.load_workbook(path)
    projects = book["Projects"]
    projects.delete_rows(1, projects.max_row)
    projects.append(HEADERS)  # shuffled, an extra column, no Currency column
    for row in ROWS:
        projects.append(row if row else [None] * len(HEADERS))
    projects.cell(row=len(ROWS) + 1, column=HEADERS.index("Budget") + 1).number_format = "#,##0"
    projects.append([None] * len(HEADERS))  # formatted-but-empty rows at the end
    projects.append([None] * len(HEADERS))
    indicators = book["Indicators"]
    header = [c.value for c in indicators[1]]
    for values in ({"Indicator": "Primary health-care consultations", "Value": "83,219"},
                   {"Indicator": "PHC_CONSULT", "Value": 24175, "Sex": "male", "Project code": "ma 0467"}):
        indicators.append([values.get(h) for h in header])
    book["Events"].sheet_state = "hidden"  # a hidden sheet is read like a visible one
    book["Events"].append(["November 2019", "TB awareness day", "Dushanbe", 40, None])
    book.save(path)


def test_a_filled_template_imports_to_exactly_the_expected_projects(db, services, tmp_path, capsys):
    path = tmp_path / "TJ-2019.xlsx"
    write_template(services, "Tajikistan", 2019, path)
    fill_by_hand(path)
    assert main(["--database", db.location, "import", str(path), "--dry-run"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Projects: 4 to add" in out and "Indicators: 2 to add" in out and "Events: 1 to add" in out
    assert "Projects row 1, Comments" in out  # the extra column is a warning, not an error
    assert main(["--database", db.location, "import", str(path), "--yes"]) == EXIT_OK
    capsys.readouterr()
    assert main(["--database", db.location, "projects", "list", "--format", "csv"]) == EXIT_OK
    assert capsys.readouterr().out == EXPECTED_CSV
    assert main(["--database", db.location, "import", str(path), "--yes"]) == EXIT_OK
    assert capsys.readouterr().out.splitlines()[-1] == "TJ-2019.xlsx: nothing to change."
