"""The mission-return template, written to a real file and read back."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from mhdesk.core.models import Country, DirectoryRole, Event, Indicator, IndicatorValue, Person, ProgrammeArea
from mhdesk.core.returns import layout
from mhdesk.core.returns.template.writer import UnknownMission, write_template
from mhdesk.core.services.project_records import ProjectData

TABLE_NAMES = [s.name for s in layout.TABLE_SHEETS]


@pytest.fixture
def tajikistan(services, db):
    """Demo-like records of one mission, plus records that must stay out of its template."""
    create = services.projects.create
    create(ProjectData(
        code="MA.0467", title="Tuberculosis care for labour migrants", programme_area="MA",
        donors=["Global Fund", "USAID"], budget=Decimal("1315000.00"), currency="CHF",
        health_budget=Decimal("290500.50"), start=date(2018, 6, 1), end=date(2019, 5, 31),
        extended_to=date(2020, 3, 31), countries=["Tajikistan", "Kyrgyzstan"], managing_mission="Tajikistan",
        thematic_areas=["Tuberculosis", "HIV/AIDS"], status="active", summary="Screening and referral.",
        achievements={2019: ["1,200 migrants screened", "40 referred"], 2018: ["earlier"]},
    ))
    create(ProjectData(code="CS.0887", title="Border health", countries=["Tajikistan"], start=date(2019, 1, 1)))
    create(ProjectData(code="MA.0100", title="Finished long ago", countries=["Tajikistan"],
                       start=date(2015, 1, 1), end=date(2016, 12, 31), status="completed"))
    create(ProjectData(code="MP.0280", title="Elsewhere", countries=["Ukraine"], start=date(2019, 1, 1)))
    with db.session() as session, session.begin():
        country = {c.name: c.id for c in session.scalars(select(Country))}
        area = {a.h_code: a.id for a in session.scalars(select(ProgrammeArea))}
        com = Person(family_name="QURBONOVA", given_name="Rukhshona", email="rq@example.org", phone="+992 1")
        focal = Person(family_name="Calderon", given_name="Jaime", email="jc@example.org")
        later = Person(family_name="LATER", given_name="Not yet")
        session.add_all([com, focal, later])
        session.flush()
        session.add_all([
            DirectoryRole(person_id=com.id, country_id=country["Tajikistan"], year=2018, role="COM"),
            DirectoryRole(person_id=focal.id, country_id=country["Tajikistan"], year=2018, role="FP",
                          programme_area_id=area["H2"]),
            DirectoryRole(person_id=focal.id, country_id=country["Tajikistan"], year=2017, role="HOO"),
            DirectoryRole(person_id=later.id, country_id=country["Tajikistan"], year=2020, role="COM"),
            DirectoryRole(person_id=later.id, country_id=country["Ukraine"], year=2019, role="COM"),
            DirectoryRole(person_id=later.id, country_id=None, year=2019, role="RTS", title="RTS"),
        ])
        screenings = session.scalar(select(Indicator.id).where(Indicator.code == "HEALTH_ASSESS"))
        session.add(IndicatorValue(indicator_id=screenings, country_id=country["Tajikistan"], year=2019,
                                   sex="female", value=Decimal("83219")))
        session.add_all([
            Event(date=date(2019, 11, 1), date_precision="month", title="TB week", country_id=country["Tajikistan"]),
            Event(date=date(2019, 3, 5), title="Training", place="Dushanbe", participants=25,
                  country_id=country["Tajikistan"]),
            Event(date=date(2018, 3, 5), title="Last year", country_id=country["Tajikistan"]),
        ])
    return services


def table(book, name) -> list[dict]:
    """Data rows of a table sheet as dicts by header."""
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:] if any(v is not None for v in r)]


def validations(sheet) -> dict[str, tuple[str, str]]:
    """Column letter -> (type, formula1) of each data validation."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            found[cell_range.coord.split(":")[0].rstrip("0123456789")] = (validation.type, validation.formula1)
    return found


def list_items(book, formula: str) -> list[str]:
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet_name, cells = formula.rsplit("!", 1)
    return [c.value for (c,) in book[sheet_name.strip("'")][cells.replace("$", "")]]


@pytest.fixture
def blank(services, tmp_path):
    return openpyxl.load_workbook(write_template(services, "tj", 2019, tmp_path / "TJ-2019.xlsx"))


def test_sheets_are_named_and_ordered_per_contract(blank):
    assert blank.sheetnames == [layout.INSTRUCTIONS_SHEET, "Return", *TABLE_NAMES, layout.META_SHEET]
    assert [ws.sheet_state for ws in blank.worksheets][:-1] == ["visible"] * 6
    assert blank.active.title == layout.INSTRUCTIONS_SHEET


def test_table_headers_are_exactly_the_layouts_styled_frozen_and_noted(blank):
    for sheet_layout in layout.TABLE_SHEETS:
        sheet = blank[sheet_layout.name]
        header = next(sheet.iter_rows(max_row=1))
        assert [c.value for c in header] == [c.header for c in sheet_layout.columns]
        assert sheet.freeze_panes == "A2"
        for cell, column in zip(header, sheet_layout.columns):
            assert cell.font.bold and cell.fill.fill_type == "solid"
            assert sheet.column_dimensions[cell.column_letter].width == column.width
            assert cell.comment is not None
            assert ("Required." if column.required else "Optional.") in cell.comment.text
            if column.note:
                assert column.note.lower() in cell.comment.text.lower()
        assert sheet.max_row == 1  # nothing pre-filled without --prefill


def test_return_sheet_holds_keys_in_a_and_mission_year_version_in_b(blank):
    sheet = blank["Return"]
    assert [sheet.cell(r, 1).value for r in range(1, 7)] == [k.header for k in layout.RETURN_KEYS]
    values = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(1, 7)}
    assert values == {"Mission": "Tajikistan", "Year": 2019, "Submitted by": None, "E-mail": None,
                      "Date submitted": None, "Template version": layout.TEMPLATE_VERSION}


def test_meta_sheet_is_hidden_protected_and_names_mission_year_version(blank):
    meta = blank[layout.META_SHEET]
    assert meta.sheet_state == "hidden"
    assert meta.protection.sheet
    assert [(meta.cell(r, 1).value, meta.cell(r, 2).value) for r in range(1, 4)] == [
        ("Mission", "Tajikistan"), ("Year", 2019), ("Template version", layout.TEMPLATE_VERSION)]


def test_drop_downs_offer_the_catalogue_lists(blank, services):
    countries = [c.name for c in services.catalog.countries]
    indicators = [i.name for i in services.catalog.indicators]
    assert len(",".join(countries)) > 255  # why the long lists must be ranges
    expected = {
        "Projects": {"Programme area": ["MH", "MA", "MP"], "Managing mission": countries,
                     "Status": ["pipeline", "active", "completed"]},
        "Indicators": {"Indicator": indicators, "Country": countries, "Sex": ["female", "male"],
                       "Age group": ["children", "adults"]},
        "Focal points": {"Country": countries, "Role": ["COM", "HOO", "OIC", "Focal point"],
                         "Programme area": ["H1", "H2", "H3"]},
    }
    for sheet_name, columns in expected.items():
        sheet = blank[sheet_name]
        found = validations(sheet)
        headers = {c.value: c.column_letter for c in sheet[1]}
        for header, items in columns.items():
            kind, formula = found[headers[header]]
            assert kind == "list"
            assert list_items(blank, formula) == items, (sheet_name, header)
            assert len(formula) <= 255
    value_check = validations(blank["Indicators"])["B"]
    assert value_check == ("decimal", "0")


def test_unknown_mission_is_refused_in_one_sentence(services, tmp_path):
    target = tmp_path / "x.xlsx"
    with pytest.raises(UnknownMission, match='"Narnia" is not a known mission'):
        write_template(services, "Narnia", 2019, target)
    assert not target.exists()


def test_mission_resolves_through_aliases_and_iso_codes(services, tmp_path):
    for typed in ("Turkey", "TR", "türkiye"):
        book = openpyxl.load_workbook(write_template(services, typed, 2023, tmp_path / "t.xlsx"))
        assert book["Return"]["B1"].value == "Türkiye"


def test_prefill_lists_the_missions_projects_of_the_year_in_plain_forms(tajikistan, tmp_path):
    book = openpyxl.load_workbook(write_template(tajikistan, "Tajikistan", 2019, tmp_path / "t.xlsx", prefill=True))
    projects = table(book, "Projects")
    assert [p["Code"] for p in projects] == ["CS.0887", "MA.0467"]
    ma = projects[1]
    assert ma == {
        "Code": "MA.0467", "Title": "Tuberculosis care for labour migrants", "Programme area": "MA",
        "Donor": "Global Fund; USAID", "Budget": 1315000, "Currency": "CHF", "Health budget": 290500.5,
        "Start": datetime(2018, 6, 1), "End": datetime(2019, 5, 31), "Duration": None,
        "Extended to": datetime(2020, 3, 31), "Countries": "Kyrgyzstan; Tajikistan",
        "Managing mission": "Tajikistan", "Thematic areas": "HIV/AIDS; Tuberculosis", "Status": "active",
        "Summary": "Screening and referral.", "Achievements": "1,200 migrants screened\n40 referred",
    }
    start = book["Projects"]["H3"]
    assert start.number_format == "yyyy-mm-dd"
    assert projects[0]["Programme area"] is None and projects[0]["Budget"] is None


def test_prefill_takes_the_latest_directory_up_to_the_year(tajikistan, tmp_path):
    book = openpyxl.load_workbook(write_template(tajikistan, "TJ", 2019, tmp_path / "t.xlsx", prefill=True))
    assert table(book, "Focal points") == [
        {"Country": "Tajikistan", "Role": "COM", "Programme area": None, "Family name": "QURBONOVA",
         "Given name": "Rukhshona", "E-mail": "rq@example.org", "Phone": "+992 1"},
        {"Country": "Tajikistan", "Role": "Focal point", "Programme area": "H2", "Family name": "Calderon",
         "Given name": "Jaime", "E-mail": "jc@example.org", "Phone": None},
    ]


def test_prefill_has_a_row_per_catalogue_indicator_and_keeps_recorded_values(tajikistan, tmp_path):
    book = openpyxl.load_workbook(write_template(tajikistan, "TJ", 2019, tmp_path / "t.xlsx", prefill=True))
    rows = table(book, "Indicators")
    catalogue = [i.name for i in tajikistan.catalog.indicators]
    totals = [r for r in rows if r["Sex"] is None]
    assert [r["Indicator"] for r in totals] == catalogue
    assert all(r["Value"] is None for r in totals)  # empty Value: "not reported" until the mission types it
    assert {r["Country"] for r in rows} == {"Tajikistan"}
    recorded = [r for r in rows if r["Value"] is not None]
    assert recorded == [{"Indicator": "Health assessments", "Value": 83219, "Country": "Tajikistan",
                         "Project code": None, "Sex": "female", "Age group": None, "Year": None, "Note": None}]
    assert rows.index(recorded[0]) == catalogue.index("Health assessments") + 1  # right after its total row


def test_prefill_lists_the_events_of_the_year(tajikistan, tmp_path):
    book = openpyxl.load_workbook(write_template(tajikistan, "TJ", 2019, tmp_path / "t.xlsx", prefill=True))
    assert [(e["Date"], e["Title"], e["Place"], e["Participants"]) for e in table(book, "Events")] == [
        (datetime(2019, 3, 5), "Training", "Dushanbe", 25), ("November 2019", "TB week", None, None)]


def test_prefilled_template_reads_back_as_the_importer_sees_it(tajikistan, tmp_path):
    """python-calamine (the import's reader) sees real dates and numbers, and the hidden sheet."""
    path = write_template(tajikistan, "TJ", 2019, tmp_path / "t.xlsx", prefill=True)
    workbook = CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names[-1] == layout.META_SHEET
    rows = workbook.get_sheet_by_name("Projects").to_python()
    header = rows[0]
    ma = dict(zip(header, rows[2]))
    assert ma["Start"] == date(2018, 6, 1) or ma["Start"] == datetime(2018, 6, 1)
    assert ma["Budget"] == 1315000


def test_instructions_explain_every_sheet_and_empty_rows(blank):
    text = "\n".join(str(c.value) for (c,) in blank[layout.INSTRUCTIONS_SHEET].iter_rows(max_col=1) if c.value)
    assert "Tajikistan" in text and "2019" in text
    for sheet_layout in layout.ALL_SHEETS:
        assert f"“{sheet_layout.name}”" in text
        for column in sheet_layout.columns:
            assert column.header in text
    assert "Empty rows are fine" in text
    assert "Leave Value empty" in text
