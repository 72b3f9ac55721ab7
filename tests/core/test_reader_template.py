"""A template written by mhdesk, pre-filled with a mission's records, reads back
as exactly those records, without a single problem."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from mhdesk.core.models import Country, DirectoryRole, Event, Indicator, IndicatorValue, Person, ProgrammeArea
from mhdesk.core.returns.read.reader import read_return
from mhdesk.core.returns.template.writer import write_template
from mhdesk.core.services.project_records import ProjectData

PROJECT = ProjectData(
    code="MA.0467", title="Tuberculosis care for labour migrants", programme_area="MA",
    donors=["Global Fund", "USAID"], budget=Decimal("1315000.00"), currency="CHF",
    health_budget=Decimal("290500.50"), start=date(2018, 6, 1), end=date(2019, 5, 31),
    extended_to=date(2020, 3, 31), countries=["Tajikistan", "Kyrgyzstan"], managing_mission="Tajikistan",
    thematic_areas=["Tuberculosis", "HIV/AIDS"], status="active", summary="Screening.\nReferral.",
    achievements={2019: ["1,200 migrants screened", "40 referred"]},
)


def _records(services, db) -> None:
    services.projects.create(PROJECT)
    services.projects.create(ProjectData(code="CS.0887", title="Border health", countries=["Tajikistan"],
                                         start=date(2019, 1, 1)))
    with db.session() as session, session.begin():
        country = {c.name: c.id for c in session.scalars(select(Country))}
        area = {a.h_code: a.id for a in session.scalars(select(ProgrammeArea))}
        com = Person(family_name="QURBONOVA", given_name="Rukhshona", email="rq@example.org", phone="+992 1")
        focal = Person(family_name="Calderon", given_name="Jaime", email="jc@example.org")
        session.add_all([com, focal])
        session.flush()
        session.add_all([
            DirectoryRole(person_id=com.id, country_id=country["Tajikistan"], year=2019, role="COM"),
            DirectoryRole(person_id=focal.id, country_id=country["Tajikistan"], year=2019, role="FP",
                          programme_area_id=area["H2"]),
        ])
        assessments = session.scalar(select(Indicator.id).where(Indicator.code == "HEALTH_ASSESS"))
        session.add_all([
            IndicatorValue(indicator_id=assessments, country_id=country["Tajikistan"], year=2019,
                           value=Decimal("100")),
            IndicatorValue(indicator_id=assessments, country_id=country["Tajikistan"], year=2019,
                           sex="female", value=Decimal("60")),
            IndicatorValue(indicator_id=assessments, country_id=country["Tajikistan"], year=2019,
                           sex="male", value=Decimal("40")),
        ])
        session.add_all([
            Event(date=date(2019, 11, 1), date_precision="month", title="TB week", country_id=country["Tajikistan"]),
            Event(date=date(2019, 3, 5), title="Training", place="Dushanbe", participants=25,
                  country_id=country["Tajikistan"]),
        ])


def test_a_prefilled_template_reads_back_as_the_records_it_holds(tmp_path, services, db):
    _records(services, db)
    path = write_template(services, "Tajikistan", 2019, tmp_path / "prefilled.xlsx", prefill=True)

    parsed = read_return(path, services.catalog, known_project_codes=services.projects.codes())

    assert parsed.problems == []
    assert (parsed.header.mission, parsed.header.year, parsed.header.template_version) == ("Tajikistan", 2019, 1)
    projects = {p.data.code: p for p in parsed.projects}
    assert sorted(projects) == ["CS.0887", "MA.0467"]
    read, stored = projects["MA.0467"], services.projects.find("MA.0467")
    for name in read.given:
        assert getattr(read.data, name) == getattr(stored, name), name
    assert read.given >= {"donors", "budget", "currency", "health_budget", "start", "end", "extended_to",
                          "countries", "managing_mission", "thematic_areas", "status", "summary", "achievements"}
    assert sorted((v.indicator_code, v.sex, v.value) for v in parsed.values) == [
        ("HEALTH_ASSESS", "", Decimal("100")), ("HEALTH_ASSESS", "female", Decimal("60")),
        ("HEALTH_ASSESS", "male", Decimal("40"))]
    assert [(r.role, r.programme_area, r.family_name, r.given_name, r.email, r.phone) for r in parsed.roles] == [
        ("COM", None, "QURBONOVA", "Rukhshona", "rq@example.org", "+992 1"),
        ("FP", "MA", "Calderon", "Jaime", "jc@example.org", None)]
    assert [(e.date, e.date_precision, e.title, e.place, e.participants) for e in parsed.events] == [
        (date(2019, 3, 5), "day", "Training", "Dushanbe", 25), (date(2019, 11, 1), "month", "TB week", None, None)]
