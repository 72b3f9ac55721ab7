"""Reading filled mission returns: the reading rules of the workbook contract."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

import pytest
from workbooks import return_workbook, set_cached_values, write_workbook

from mhdesk.core.returns.read.reader import read_return


@pytest.fixture
def catalog(services):
    return services.catalog


def located(parsed, severity=None):
    """Problems as (sheet, row, column) -> message, for asserting."""
    return {(p.sheet, p.row, p.column): p.message for p in parsed.problems
            if severity is None or p.severity == severity}


SHUFFLED_PROJECT_HEADERS = [
    "Title *", "CODE*", "Colour", "Donor (optional)", "Budget", "currency", "Health_budget",
    "Duration (optional)", "Start", "End", "Countries", "Thematic areas", "Status", "Achievements",
    "programme area",
]


def happy_workbook(path):
    projects = [
        ["Health for migrants in Central Asia", "ma 467", "red", "European Union; UNAIDS", "USD 85,000", None,
         "40.000 USD", "1 June 2019—31 May 2020 (no cost extension to March 2021)", None, None,
         "TJ, Kyrgyzstan", "TB; mhpss", "ongoing", "- 120 health workers trained\n- 3 clinics equipped", None],
        ["Mental health for returnees", "MP.0280", None, None, "151,232 EUR", None, None,
         "September 2017 – August 2019", None, None, None, None, "completed", None, "H3"],
        ["Border health", "CS.0887", None, None, "18 Million USD", None, "1,315,000.00 USD", None,
         date(2019, 3, 1), "June 2020", "Tajikistan; Afghanistan", "Border health and points of entry", None, None, None],
        None,  # a blank row in the middle
        ["Vaccine confidence", "MA.0500", None, "IOM Development Fund", "=1000*85", "CHF", None,
         "12 months (1 June 2019—31 May 2020)", None, None, None, None, None, None, "MA"],
    ]
    indicators = [
        {"Indicator": "Primary health-care consultations", "Value": 83219, "Country": "Tajikistan"},
        {"Indicator": "PHC_CONSULT", "Value": "59,044", "Sex": "F"},
        {"Indicator": "primary health-care consultations", "Value": "24 175", "Sex": "male"},
        None,
        {"Indicator": "Health assessments", "Country": "Tajikistan"},  # not reported
        {"Indicator": "Referrals for care", "Value": 12.0, "Country": "KG", "Project code": "ma 0467",
         "Age group": "children", "Year": 2018, "Note": "  first  year "},
    ]
    focal_points = [
        {"Role": "Chief of Mission", "Family name": "QURBONOVA", "Given name": "Rukhshona",
         "E-mail": "RQurbonova@example.org", "Phone": 992372212345},
        {"Role": "Focal point", "Programme area": "H2", "Family name": "Calderon", "Given name": "Jaime",
         "Country": "Tajikistan"},
    ]
    events = [
        {"Date": "November 2019", "Title": "World TB Day round table", "Place": "Dushanbe", "Participants": "45"},
        {"Date": date(2019, 3, 24), "Title": "Screening campaign", "Participants": 120.0},
    ]
    path = return_workbook(
        path,
        return_rows=[("Mission", "TJ"), ("Year", 2019), ("Submitted by", "Rukhshona Qurbonova"),
                     ("E-mail", "rqurbonova@example.org"), ("Date submitted", "15 January 2020"),
                     ("Template version", 1)],
        projects=projects, indicators=indicators, focal_points=focal_points, events=events,
        headers={"Projects": SHUFFLED_PROJECT_HEADERS},
        hidden=["Indicators"],
        merged={"Projects": ["D2:D4"]},
        formatted_empty_rows={"Indicators": 5000},
        extra_sheets={"Instructions": [["How to fill this workbook"]], "_lists": [["a"]]},
    )
    set_cached_values(path, "Projects", {"E6": 85000})
    return path


def test_happy_path_reads_every_sheet(tmp_path, catalog):
    parsed = read_return(happy_workbook(tmp_path / "return.xlsx"), catalog)

    assert parsed.errors == []
    assert located(parsed, "warning") == {
        ("Projects", 1, "Colour"): '"Colour" is not a column of the return; it is ignored',
        ("Projects", 2, "Code"): '"ma 467" is read as MA.0467',  # padded: worth a look, never silent
    }
    header = parsed.header
    assert (header.mission, header.year, header.submitted_by, header.email) == (
        "Tajikistan", 2019, "Rukhshona Qurbonova", "rqurbonova@example.org")
    assert header.date_submitted == date(2020, 1, 15)
    assert header.template_version == 1

    projects = {p.data.code: p for p in parsed.projects}
    assert list(projects) == ["MA.0467", "MP.0280", "CS.0887", "MA.0500"]
    first = projects["MA.0467"]
    assert first.row == 2
    assert first.data.title == "Health for migrants in Central Asia"
    assert first.data.programme_area == "MA"
    assert first.data.donors == ["European Union", "UNAIDS"]
    assert (first.data.budget, first.data.currency, first.data.health_budget) == (
        Decimal("85000.00"), "USD", Decimal("40000.00"))
    assert (first.data.start, first.data.end, first.data.extended_to) == (
        date(2019, 6, 1), date(2020, 5, 31), date(2021, 3, 31))
    assert first.data.countries == ["Tajikistan", "Kyrgyzstan"]
    assert first.data.thematic_areas == ["Tuberculosis", "Mental health and psychosocial support"]
    assert first.data.status == "active"
    assert first.data.achievements == {2019: ["120 health workers trained", "3 clinics equipped"]}
    assert first.given == frozenset({
        "code", "title", "donors", "budget", "currency", "health_budget", "start", "end", "extended_to",
        "countries", "thematic_areas", "status", "achievements"})

    # the donor merged over rows 2-4 is the donor of all three
    assert projects["MP.0280"].data.donors == ["European Union", "UNAIDS"]
    assert projects["CS.0887"].data.donors == ["European Union", "UNAIDS"]
    second = projects["MP.0280"].data
    assert (second.programme_area, second.budget, second.currency) == ("MP", Decimal("151232.00"), "EUR")
    assert (second.start, second.end, second.status) == (date(2017, 9, 1), date(2019, 8, 31), "completed")
    assert second.countries == ["Tajikistan"]  # defaults to the mission
    assert "countries" not in projects["MP.0280"].given
    third = projects["CS.0887"].data
    assert third.programme_area is None
    assert (third.budget, third.health_budget) == (Decimal("18000000.00"), Decimal("1315000.00"))
    assert (third.start, third.end) == (date(2019, 3, 1), date(2020, 6, 30))
    assert third.countries == ["Tajikistan", "Afghanistan"]
    assert third.thematic_areas == ["Border health and points of entry"]
    fourth = projects["MA.0500"]
    assert fourth.row == 6  # the blank row 5 is skipped, numbering follows Excel
    assert (fourth.data.budget, fourth.data.currency) == (Decimal("85000.00"), "CHF")  # formula's saved value
    assert (fourth.data.start, fourth.data.end) == (date(2019, 6, 1), date(2020, 5, 31))
    assert fourth.data.donors == ["IOM Development Fund"]

    values = [(v.indicator_code, v.country, v.year, v.value, v.row, v.project_code, v.sex, v.age_group, v.note)
              for v in parsed.values]
    assert values == [
        ("PHC_CONSULT", "Tajikistan", 2019, Decimal(83219), 2, None, "", "", None),
        ("PHC_CONSULT", "Tajikistan", 2019, Decimal(59044), 3, None, "female", "", None),
        ("PHC_CONSULT", "Tajikistan", 2019, Decimal(24175), 4, None, "male", "", None),
        ("REFERRALS", "Kyrgyzstan", 2018, Decimal(12), 7, "MA.0467", "", "children", "first year"),
    ]

    roles = [(r.country, r.year, r.role, r.programme_area, r.family_name, r.given_name, r.email, r.phone, r.row)
             for r in parsed.roles]
    assert roles == [
        ("Tajikistan", 2019, "COM", None, "QURBONOVA", "Rukhshona", "rqurbonova@example.org", "992372212345", 2),
        ("Tajikistan", 2019, "FP", "MA", "Calderon", "Jaime", None, None, 3),
    ]
    events = [(e.date, e.date_precision, e.title, e.place, e.participants, e.country) for e in parsed.events]
    assert events == [
        (date(2019, 11, 1), "month", "World TB Day round table", "Dushanbe", 45, "Tajikistan"),
        (date(2019, 3, 24), "day", "Screening campaign", None, 120, "Tajikistan"),
    ]
    assert parsed.file_name == "return.xlsx"


def test_reading_writes_nothing(tmp_path, catalog):
    path = happy_workbook(tmp_path / "return.xlsx")
    before = sorted(p.name for p in tmp_path.iterdir())
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    parsed = read_return(path, catalog)
    assert parsed.sha256 == digest
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_sheet_names_match_ignoring_case_and_spaces(tmp_path, catalog):
    path = return_workbook(
        tmp_path / "r.xlsx", projects=[{"Code": "MA.0467", "Title": "T"}],
        sheet_names={"Return": "  RETURN ", "Projects": "projects "},
    )
    parsed = read_return(path, catalog)
    assert parsed.problems == []
    assert [p.data.code for p in parsed.projects] == ["MA.0467"]


def test_unknown_sheet_is_a_warning_and_template_sheets_are_silent(tmp_path, catalog):
    path = return_workbook(
        tmp_path / "r.xlsx",
        extra_sheets={"Notes": [["anything"]], "Instructions": [["read me"]], "_mhdesk_lists": [["x"]],
                      "Hidden helper": [["y"]]},
        hidden=["Hidden helper"],
    )
    parsed = read_return(path, catalog)
    assert [(p.severity, p.sheet, p.message) for p in parsed.problems] == [
        ("warning", "Notes", 'the sheet "Notes" is not part of the return; it is ignored'),
    ]


def test_template_metadata_wins_over_the_return_sheet(tmp_path, catalog):
    path = return_workbook(tmp_path / "r.xlsx", mission="Albania", year=2018,
                           meta={"Mission": "Tajikistan", "Year": 2019, "Template version": 1})
    parsed = read_return(path, catalog)
    assert (parsed.header.mission, parsed.header.year, parsed.header.template_version) == ("Tajikistan", 2019, 1)
    assert parsed.errors == []
    assert located(parsed, "warning") == {
        ("Return", 1, "Mission"): '"Albania" is not the mission this template was made for (Tajikistan); '
                                  "Tajikistan is used",
        ("Return", 2, "Year"): '"2018" is not the year this template was made for (2019); 2019 is used',
    }


def test_template_metadata_fills_an_empty_return_sheet(tmp_path, catalog):
    path = return_workbook(tmp_path / "r.xlsx", return_rows=[("Mission", None), ("Year", None)],
                           meta={"Mission": "Tajikistan", "Year": 2019, "Template version": 1})
    parsed = read_return(path, catalog)
    assert parsed.problems == []
    assert (parsed.header.mission, parsed.header.year) == ("Tajikistan", 2019)


def test_a_template_written_by_mhdesk_reads_without_problems(tmp_path, services, catalog):
    from mhdesk.core.returns.template.writer import write_template

    path = write_template(services, "Kosovo", 2019, tmp_path / "template.xlsx")
    parsed = read_return(path, catalog)
    assert parsed.problems == []
    assert (parsed.header.mission, parsed.header.year) == ("Kosovo (UNSCR 1244)", 2019)
    assert (parsed.projects, parsed.values, parsed.roles, parsed.events) == ([], [], [], [])


def test_not_reported_indicator_rows_are_skipped_silently(tmp_path, catalog):
    path = return_workbook(tmp_path / "r.xlsx", indicators=[
        {"Indicator": name, "Country": "Tajikistan"} for name in
        ("IOM supported health facilities", "Points of entry supported", "Health workers trained")
    ] + [{"Indicator": "Referrals for care", "Country": "Tajikistan", "Value": " "}])
    parsed = read_return(path, catalog)
    assert parsed.problems == [] and parsed.values == []


def test_indicator_row_with_details_but_no_value_is_an_error(tmp_path, catalog):
    path = return_workbook(tmp_path / "r.xlsx", indicators=[
        {"Indicator": "Referrals for care", "Country": "Tajikistan", "Sex": "female"}])
    parsed = read_return(path, catalog)
    assert list(located(parsed)) == [("Indicators", 2, "Value")]


def test_known_project_codes_are_accepted_in_indicators(tmp_path, catalog):
    path = return_workbook(tmp_path / "r.xlsx", indicators=[
        {"Indicator": "Referrals for care", "Value": 3, "Project code": "MP.0280"}])
    assert list(located(read_return(path, catalog))) == [("Indicators", 2, "Project code")]
    parsed = read_return(path, catalog, known_project_codes={"MP.0280"})
    assert parsed.problems == []
    assert parsed.values[0].project_code == "MP.0280"


def test_age_parts_must_add_up_to_their_total(tmp_path, catalog):
    path = return_workbook(tmp_path / "r.xlsx", indicators=[
        {"Indicator": "Health assessments", "Value": 100},
        {"Indicator": "Health assessments", "Value": 30, "Age group": "children"},
        {"Indicator": "Health assessments", "Value": 70, "Age group": "adults"},
        {"Indicator": "Health assessments", "Value": 60, "Sex": "female"},  # male part missing: not checked
    ])
    assert read_return(path, catalog).problems == []


def test_year_far_from_the_return_year_is_a_warning(tmp_path, catalog):
    path = return_workbook(tmp_path / "r.xlsx", indicators=[
        {"Indicator": "Health assessments", "Value": 5, "Year": 2016},
        {"Indicator": "Health assessments", "Value": 5, "Year": "2020"},
    ])
    parsed = read_return(path, catalog)
    assert parsed.errors == []
    assert located(parsed, "warning") == {
        ("Indicators", 2, "Year"): '"2016" is more than a year away from the reporting year 2019; check that it is meant'}
    assert [v.year for v in parsed.values] == [2016, 2020]


def test_duration_disagreeing_with_start_is_a_warning_and_start_wins(tmp_path, catalog):
    path = return_workbook(tmp_path / "r.xlsx", projects=[
        {"Code": "MA.0467", "Title": "T", "Start": "1 July 2019", "Duration": "June 2019 – May 2020"}])
    parsed = read_return(path, catalog)
    assert parsed.errors == []
    assert located(parsed, "warning") == {
        ("Projects", 2, "Duration"): '"June 2019 – May 2020" gives 1 June 2019 but Start says 1 July 2019; Start is used'}
    data = parsed.projects[0].data
    assert (data.start, data.end) == (date(2019, 7, 1), date(2020, 5, 31))


def test_currency_column_and_amount_currency_must_agree(tmp_path, catalog):
    path = return_workbook(tmp_path / "r.xlsx", projects=[
        {"Code": "MA.0467", "Title": "T", "Budget": "EUR 1,000", "Currency": "EUR"},
        {"Code": "MA.0468", "Title": "T", "Budget": "USD 1,000", "Currency": "EUR"},
    ])
    parsed = read_return(path, catalog)
    assert located(parsed) == {
        ("Projects", 3, "Budget"): '"USD 1,000" is in USD but the Currency column says EUR; '
                                   "give one currency per project"}
    assert parsed.projects[0].data.currency == "EUR"


def test_focal_point_rules(tmp_path, catalog):
    path = return_workbook(tmp_path / "r.xlsx", focal_points=[
        {"Role": "Focal point", "Family name": "Calderon"},
        {"Role": "HOO", "Family name": "Smith", "Programme area": "H1"},
        {"Role": "RC for UA & MD", "Family name": "Ivanova"},
        {"Role": "COM", "Family name": "Qurbonova", "Given name": "Rukhshona"},
        {"Role": "Chief of Mission", "Family name": "QURBONOVA", "Given name": "Rukhshona"},
    ])
    parsed = read_return(path, catalog)
    problems = {(p.severity, p.row, p.column) for p in parsed.problems}
    assert problems == {("error", 2, "Programme area"), ("warning", 3, "Programme area"),
                        ("warning", 6, "Family name")}
    assert [(r.role, r.programme_area, r.title) for r in parsed.roles] == [
        ("HOO", None, None), ("RC", None, "RC for UA & MD"), ("COM", None, None)]


def test_rows_of_spaces_and_formatted_rows_are_skipped(tmp_path, catalog):
    path = return_workbook(
        tmp_path / "r.xlsx",
        projects=[{"Code": "MA.0467", "Title": "T"}, [" ", "  "], None, {"Code": "MA.0468", "Title": "U"}],
        formatted_empty_rows={"Projects": 5000},
    )
    parsed = read_return(path, catalog)
    assert parsed.problems == []
    assert [(p.data.code, p.row) for p in parsed.projects] == [("MA.0467", 2), ("MA.0468", 5)]


def test_merged_key_value_and_header_cells(tmp_path, catalog):
    path = write_workbook(tmp_path / "r.xlsx", {
        "Return": [["Mission", "Tajikistan", None], ["Year", 2019]],
        "Events": [["Date", "Title", "Place"], ["May 2019", "Training", "Khujand"],
                   ["June 2019", "Training", None]],
    }, merged={"Return": ["B1:C1"], "Events": ["B2:B3"]})
    parsed = read_return(path, catalog)
    assert parsed.problems == []
    assert [(e.date, e.title, e.place) for e in parsed.events] == [
        (date(2019, 5, 1), "Training", "Khujand"), (date(2019, 6, 1), "Training", None)]


def test_a_large_indicator_sheet_reads_every_row(tmp_path, catalog):
    names = [i.name for i in catalog.indicators]
    countries = [c.name for c in catalog.countries]
    per_year = len(names) * len(countries)
    rows = [{"Indicator": names[n % len(names)], "Value": n, "Year": 2019 - n // per_year,
             "Country": countries[n // len(names) % len(countries)]} for n in range(20_000)]
    path = return_workbook(tmp_path / "r.xlsx", year=2019, indicators=rows)
    parsed = read_return(path, catalog)
    assert parsed.errors == []
    assert len(parsed.values) == 20_000
    assert parsed.values[-1].row == 20_001


def test_rows_of_one_group_are_each_read_and_reported(tmp_path, catalog):
    """Rows sharing indicator, country, project and year are read once for those cells: each row still gets
    its own warning, its own bad sex or age group, and a repeat of an earlier row is still found."""
    path = return_workbook(tmp_path / "r.xlsx", indicators=[
        {"Indicator": "Health assessments", "Value": 100, "Year": 2016},
        {"Indicator": "Health assessments", "Value": 60, "Sex": "F", "Year": 2016},
        {"Indicator": "Health assessments", "Value": 40, "Sex": "robot", "Year": 2016},
        {"Indicator": "Health assessments", "Value": 40, "Sex": "male", "Age group": "elderly", "Year": 2016},
        {"Indicator": "Health assessments", "Value": 40, "Sex": "m", "Year": 2016},
        {"Indicator": "Health assessments", "Value": 41, "Sex": "Male", "Year": 2016},
    ])
    parsed = read_return(path, catalog)
    assert [(v.row, v.sex, v.age_group, v.value) for v in parsed.values] == [
        (2, "", "", Decimal(100)), (3, "female", "", Decimal(60)), (6, "male", "", Decimal(40))]
    warnings = located(parsed, "warning")
    assert sorted(row for _, row, _ in warnings) == [2, 3, 4, 5, 6, 7]
    assert set(located(parsed, "error")) == {("Indicators", 4, "Sex"), ("Indicators", 5, "Age group"),
                                             ("Indicators", 7, "Value")}
    assert "already given on row 6" in located(parsed, "error")[("Indicators", 7, "Value")]
