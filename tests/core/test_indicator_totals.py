"""Regional totals by each indicator's rules, the checks on the figures, typed cells, the catalogue."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from test_plan_helpers import parsed_return, value

from mhdesk.cli.main import main
from mhdesk.core.errors import StaleRecord, ValidationFailed
from mhdesk.core.models import Country, Indicator, IndicatorValue
from mhdesk.core.returns.plan.planner import plan_return
from mhdesk.core.returns.problems import Problem
from mhdesk.core.services.indicator_catalogue import IndicatorData
from mhdesk.core.services.indicator_cells import CellValues
from mhdesk.core.services.project_records import ProjectData


def put(db, rows):
    """rows: (indicator code, country, year, value, sex, age group, project id) with defaults from the end."""
    with db.session() as session, session.begin():
        indicators = dict(session.execute(select(Indicator.code, Indicator.id)).all())
        countries = dict(session.execute(select(Country.name, Country.id)).all())
        for code, country, year, amount, *rest in rows:
            sex, age, project = (list(rest) + ["", "", None][len(rest):])[:3]
            session.add(IndicatorValue(indicator_id=indicators[code], country_id=countries[country], year=year,
                                       value=amount, sex=sex, age_group=age, project_id=project))


def totals_by_code(totals):
    return {t.indicator_code: (t.value, t.countries_reporting) for t in totals}


def test_a_year_sums_countries_and_a_period_sums_or_takes_the_latest_year(services, db):
    put(db, [("PHC_CONSULT", "Ukraine", 2022, 1000), ("PHC_CONSULT", "Armenia", 2022, 500),
             ("PHC_CONSULT", "Ukraine", 2023, 2000),
             ("FACILITIES", "Ukraine", 2022, 200), ("FACILITIES", "Armenia", 2022, 10),
             ("FACILITIES", "Ukraine", 2023, 218)])
    year = totals_by_code(services.indicators.totals(2022))
    assert year["PHC_CONSULT"] == (Decimal(1500), 2) and year["FACILITIES"] == (Decimal(210), 2)
    assert year["REFERRALS"] == (None, 0)
    period = {t.indicator_code: t for t in services.indicators.period_totals(2022, 2023)}
    assert (period["PHC_CONSULT"].value, period["PHC_CONSULT"].countries_reporting) == (Decimal(3500), 2)
    # facilities are not new each year: the latest year's total, not 210 + 218
    assert (period["FACILITIES"].value, period["FACILITIES"].counted_year) == (Decimal(218), 2023)
    assert period["FACILITIES"].period == "2022-2023"


def test_a_value_given_only_as_parts_totals_as_their_sum_and_a_stated_total_wins(services, db):
    put(db, [("PHC_CONSULT", "Ukraine", 2023, 24175, "male"), ("PHC_CONSULT", "Ukraine", 2023, 59044, "female"),
             ("PHC_CONSULT", "Turkmenistan", 2023, 250, "male", "adults"),
             ("PHC_CONSULT", "Turkmenistan", 2023, 400, "female", "adults"),
             ("PHC_CONSULT", "Turkmenistan", 2023, 102, "female", "children"),
             ("PHC_CONSULT", "Turkmenistan", 2023, 130, "male", "children"),
             ("REFERRALS", "Armenia", 2023, 40), ("REFERRALS", "Armenia", 2023, 25, "female")])
    totals = totals_by_code(services.indicators.totals(2023))
    assert totals["PHC_CONSULT"] == (Decimal(83219 + 882), 2)
    assert totals["REFERRALS"] == (Decimal(40), 1)


def test_a_country_figure_is_its_own_value_else_the_sum_of_its_projects(services, db):
    for code in ("MA.0467", "MA.0468"):
        services.projects.create(ProjectData(code=code, title="Care", countries=["Tajikistan"]))
    ids = {code: services.projects.find(code).id for code in ("MA.0467", "MA.0468")}
    put(db, [("HEALTH_ASSESS", "Tajikistan", 2023, 30, "", "", ids["MA.0467"]),
             ("HEALTH_ASSESS", "Tajikistan", 2023, 12, "", "", ids["MA.0468"]),
             ("REFERRALS", "Tajikistan", 2023, 7, "", "", ids["MA.0467"]), ("REFERRALS", "Tajikistan", 2023, 9)])
    totals = totals_by_code(services.indicators.totals(2023))
    assert totals["HEALTH_ASSESS"] == (Decimal(42), 1) and totals["REFERRALS"] == (Decimal(9), 1)


def test_an_indicator_may_take_the_largest_country_figure(services, db):
    catalogue = services.indicator_catalogue
    data = catalogue.get("POE")
    data.over_countries = "max"
    catalogue.update("POE", data)
    put(db, [("POE", "Tajikistan", 2023, 33), ("POE", "Kyrgyzstan", 2023, 12)])
    assert totals_by_code(services.indicators.totals(2023))["POE"] == (Decimal(33), 2)


def test_the_2023_demo_totals_are_the_published_ones(demo, capsys):
    published = {"IOM supported health facilities": 429, "Mobile medical teams in crisis contexts": 56,
                 "Points of entry supported": 62, "Primary health-care consultations": 273284,
                 "Specialised medical consultations": 36126, "Referrals for care": 9894,
                 "Health assessments": 35218, "Vaccine doses administered": 11469,
                 "Medical escorts assigned to refugees for travel": 461, "Health workers trained": 5150,
                 "Health awareness sessions": 1321, "Community engagement activities": 270}
    assert main(["--database", demo.location, "indicators", "totals", "--year", "2023", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == ["indicator_code", "indicator", "year", "value", "countries_reporting"]
    assert {r["indicator"]: int(r["value"]) for r in rows} == published
    assert {r["year"] for r in rows} == {"2023"}


def test_totals_of_a_period_and_bad_arguments_on_the_command_line(demo, capsys):
    assert main(["--database", demo.location, "indicators", "totals", "--from", "2022", "--to", "2023",
                 "--format", "json"]) == 0
    rows = {r["indicator_code"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["FACILITIES"]["year"] == "2022-2023" and rows["FACILITIES"]["value"] == "429"
    assert main(["--database", demo.location, "indicators", "totals", "--from", "2022"]) == 2
    assert "--from Y1 and --to Y2" in capsys.readouterr().err


def test_parts_that_add_up_pass_and_a_mismatch_is_a_finding(services, db):
    put(db, [("PHC_CONSULT", "Ukraine", 2023, 83219), ("PHC_CONSULT", "Ukraine", 2023, 24175, "male"),
             ("PHC_CONSULT", "Ukraine", 2023, 59044, "female")])
    assert [f for f in services.indicators.findings(2023) if f.rule == "parts"] == []
    put(db, [("SPEC_CONSULT", "Ukraine", 2023, 32086), ("SPEC_CONSULT", "Ukraine", 2023, 7572, "male"),
             ("SPEC_CONSULT", "Ukraine", 2023, 24000, "female")])
    [finding] = [f for f in services.indicators.findings(2023) if f.rule == "parts"]
    assert (finding.severity, finding.indicator_code, finding.country, finding.year) == (
        "error", "SPEC_CONSULT", "Ukraine", 2023)
    assert finding.message == ("the total 32,086 is not the sum of its parts by sex: female 24,000 + male 7,572 "
                               "= 31,572")


def test_a_jump_from_last_year_and_a_country_without_a_project_are_warnings(services, db):
    services.projects.create(ProjectData(code="MA.0467", title="TB care", countries=["Tajikistan"],
                                         start=date(2022, 1, 1), end=date(2023, 12, 31)))
    put(db, [("REFERRALS", "Tajikistan", 2022, 100), ("REFERRALS", "Tajikistan", 2023, 301),
             ("REFERRALS", "Armenia", 2023, 5)])
    found = {(f.rule, f.country): f for f in services.indicators.findings(2023)}
    assert found[("change", "Tajikistan")].message == "301 is 3.0 times the 2022 figure 100; please check"
    assert found[("no_project", "Armenia")].severity == "warning"
    assert ("no_project", "Tajikistan") not in found and ("change", "Armenia") not in found
    assert not any(f.rule == "change" for f in services.indicators.findings(2023, factor=4))


def test_a_cell_and_its_parts_are_written_as_one_versioned_change(services, db):
    cells = services.indicator_cells
    cell = cells.read("PHC_CONSULT", "Ukraine", 2023)
    assert cell.values == {} and cell.versions == {}
    cell.values = {("", ""): Decimal(83219), ("male", ""): Decimal(24175), ("female", ""): Decimal(59044)}
    assert [f for f in cells.save([cell]) if f.rule == "parts"] == []
    again = cells.read("PHC_CONSULT", "Ukraine", 2023)
    assert again.values[("male", "")] == 24175 and set(again.versions.values()) == {1}

    stale = cells.read("PHC_CONSULT", "Ukraine", 2023)
    again.values[("male", "")] = Decimal(24000)
    findings = cells.save([again])
    assert any(f.rule == "parts" and f.country == "Ukraine" for f in findings)  # checked after the edit
    assert cells.read("PHC_CONSULT", "Ukraine", 2023).versions[("male", "")] == 2
    stale.values = {("", ""): Decimal(1)}
    with pytest.raises(StaleRecord):
        cells.save([stale])
    assert cells.read("PHC_CONSULT", "Ukraine", 2023).values[("", "")] == 83219


def test_a_typed_count_with_a_fraction_or_a_negative_is_refused_and_nothing_is_written(services):
    cells = services.indicator_cells
    good = CellValues("REFERRALS", "Armenia", 2023, {("", ""): Decimal(5)})
    bad = CellValues("PHC_CONSULT", "Ukraine", 2023, {("", ""): Decimal("12.5"), ("male", ""): Decimal(-1)})
    with pytest.raises(ValidationFailed) as refused:
        cells.save([good, bad])
    assert [str(i) for i in refused.value.issues] == [
        "Primary health-care consultations, Ukraine 2023: 12.5 has a fractional part, but this indicator counts "
        "whole things",
        "Primary health-care consultations, Ukraine 2023, male: -1 is negative; a figure counts what happened, "
        "from 0 up"]
    assert services.indicators.rows(2023) == []


def test_an_import_with_a_fraction_for_a_count_names_its_cell(db):
    plan = plan_return(db, parsed_return(values=[value("PHC_CONSULT", "83219.5", 7), value("REFERRALS", 3, 8)]))
    assert Problem("error", "83219.5 has a fractional part, but this indicator counts whole things", "Indicators",
                   7, "Value") in plan.errors
    assert not plan.can_apply


def test_decimals_added_to_an_indicator_rescale_its_values_and_removing_them_is_refused_while_used(services, db):
    catalogue = services.indicator_catalogue
    put(db, [("HW_TRAINED", "Armenia", 2023, 48)])
    data = catalogue.get("HW_TRAINED")
    data.decimals, data.description = 2, "Trainee-days, to the quarter day"
    updated = catalogue.update("HW_TRAINED", data)
    assert updated.version == data.version + 1
    cell = services.indicator_cells.read("HW_TRAINED", "Armenia", 2023)
    cell.values[("", "")] = Decimal("48.25")
    services.indicator_cells.save([cell])
    assert [r.value for r in services.indicators.rows(2023)] == [Decimal("48.25")]
    updated.decimals = 0
    with pytest.raises(ValidationFailed, match="more than 0 decimals"):
        catalogue.update("HW_TRAINED", updated)
    with pytest.raises(StaleRecord):
        catalogue.update("HW_TRAINED", data)  # the version it was read with is gone
    with pytest.raises(ValidationFailed, match="values are recorded"):
        catalogue.delete("HW_TRAINED")
    catalogue.create(IndicatorData("TB_SCREEN", "People screened for tuberculosis", "people", by_sex=True))
    assert services.indicators.totals(2023)[-1].indicator_code == "TB_SCREEN"


def test_the_grid_holds_cells_totals_last_year_and_findings(services, db):
    put(db, [("PHC_CONSULT", "Ukraine", 2022, 40000), ("PHC_CONSULT", "Ukraine", 2023, 24175, "male"),
             ("PHC_CONSULT", "Ukraine", 2023, 59044, "female"), ("PHC_CONSULT", "Armenia", 2023, 100)])
    grid = services.indicators.grid(2023)
    cell = grid.cell("PHC_CONSULT", "Ukraine")
    assert (cell.value, cell.previous, cell.has_parts, cell.change) == (
        Decimal(83219), Decimal(40000), True, Decimal("108.0"))
    assert grid.totals["PHC_CONSULT"].total.value == 83319 and grid.totals["PHC_CONSULT"].previous.value == 40000
    assert "Ukraine" in grid.countries and "Tajikistan" in grid.countries  # every mission has a row
    assert any(f.rule == "no_project" for f in grid.cell("PHC_CONSULT", "Armenia").findings)
    caucasus = services.indicators.grid(2023, subregion="South Caucasus")
    assert "Ukraine" not in caucasus.countries and caucasus.totals["PHC_CONSULT"].total.value == 83319
    completeness = services.indicators.completeness(2023)
    assert ("Ukraine", "PHC_CONSULT") in completeness.reported and "Ukraine" not in completeness.missing_missions()
    assert "Tajikistan" in completeness.missing_missions()


def test_dashboard_series_by_country_and_across_years(services, db):
    put(db, [("PHC_CONSULT", "Ukraine", 2022, 40000), ("PHC_CONSULT", "Ukraine", 2023, 83219),
             ("PHC_CONSULT", "Armenia", 2023, 100)])
    assert services.indicators.by_country("PHC_CONSULT", 2023) == [("Ukraine", 83219), ("Armenia", 100)]
    line = services.indicators.series("PHC_CONSULT", 2021, 2023)
    assert [(t.year, t.value) for t in line] == [(2021, None), (2022, 40000), (2023, 83319)]
    assert re.fullmatch(r"\d{4}", line[0].period)
