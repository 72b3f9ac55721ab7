"""Template and problem report against the real reader and planner."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
from sqlalchemy import select

from mhdesk.core.models import Country, DirectoryRole, Indicator, IndicatorValue, Person, ProgrammeArea
from mhdesk.core.returns.plan.planner import plan_return
from mhdesk.core.returns.read.reader import read_return
from mhdesk.core.returns.report.annotate import ERROR_FILL, write_problem_report
from mhdesk.core.returns.template.writer import write_template
from mhdesk.core.services.project_records import ProjectData


def _records(services, db) -> None:
    services.projects.create(ProjectData(
        code="MA.0467", title="TB care", programme_area="MA", donors=["Global Fund"],
        budget=Decimal("85000"), currency="USD", start=date(2019, 6, 1), end=date(2020, 5, 31),
        countries=["Tajikistan"], thematic_areas=["Tuberculosis"], achievements={2019: ["screened 1,200"]},
    ))
    with db.session() as session, session.begin():
        tajikistan = session.scalar(select(Country.id).where(Country.name == "Tajikistan"))
        h2 = session.scalar(select(ProgrammeArea.id).where(ProgrammeArea.h_code == "H2"))
        person = Person(family_name="QURBONOVA", given_name="Rukhshona", email="rq@example.org")
        session.add(person)
        session.flush()
        session.add_all([
            DirectoryRole(person_id=person.id, country_id=tajikistan, year=2019, role="COM"),
            DirectoryRole(person_id=person.id, country_id=tajikistan, year=2019, role="FP", programme_area_id=h2),
        ])
        indicator = session.scalar(select(Indicator.id).where(Indicator.code == "PHC_CONSULT"))
        session.add(IndicatorValue(indicator_id=indicator, country_id=tajikistan, year=2019, value=Decimal(83219)))


def test_a_prefilled_template_sent_back_unchanged_changes_nothing(services, db, tmp_path):
    _records(services, db)
    path = write_template(services, "TJ", 2019, tmp_path / "TJ.xlsx", prefill=True)
    parsed = read_return(path, services.catalog, services.projects.codes())
    assert parsed.problems == []
    plan = plan_return(db, parsed)
    assert not plan.has_changes
    assert {e.action for e in plan.entries} == {"unchanged"}


def test_the_readers_problems_are_marked_where_the_mission_made_them(services, db, tmp_path):
    _records(services, db)
    path = write_template(services, "TJ", 2019, tmp_path / "TJ.xlsx", prefill=True)
    book = openpyxl.load_workbook(path)
    book["Projects"]["E2"] = "about 50k"  # Budget
    book["Indicators"]["B2"] = -5  # Value of the first catalogue indicator
    book.save(path)
    problems = read_return(path, services.catalog, services.projects.codes()).problems
    assert {(p.sheet, p.row, p.column) for p in problems if p.is_error} >= {
        ("Projects", 2, "Budget"), ("Indicators", 2, "Value")}
    report = openpyxl.load_workbook(write_problem_report(path, problems, tmp_path / "report.xlsx"))
    for sheet, ref in (("Projects", "E2"), ("Indicators", "B2")):
        cell = report[sheet][ref]
        assert cell.fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
        assert cell.comment is not None and cell.comment.text.startswith("Error: ")
