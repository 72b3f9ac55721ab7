"""The indicator values and directory roles read with the driver alone: as the former ORM queries read them on
either database, and on a current SQLite file as the services read them."""

from __future__ import annotations

from contextlib import closing
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select

from mhdesk.core.indicators.exact import from_stored
from mhdesk.core.models import Country, DirectoryRole, Indicator, IndicatorValue, Person, ProgrammeArea, Project
from mhdesk.core.quick_read import reader_if_current
from mhdesk.core.services import Services
from mhdesk.core.services.directory_rows import DirectoryRow, read_directory, row_order
from mhdesk.core.services.indicator_rows import IndicatorRow, read_indicator_values
from mhdesk.core.services.project_records import ProjectData

INDICATOR_FILTERS = [(None, None), (2019, None), (None, "Tajikistan"), (2023, "Türkiye"), (2021, "Serbia"),
                     (None, "Narnia"), (1990, None)]


def add_what_the_demo_lacks(db) -> None:
    """Values given for projects and read from a return's cell, and an indicator with decimals."""
    services = Services(db)
    services.projects.create(ProjectData(code="MA.9001", title="Care", countries=["Tajikistan"]))
    services.projects.create(ProjectData(code="MA.9002", title="Outreach", countries=["Tajikistan"]))
    with db.session() as session, session.begin():
        indicator = session.scalar(select(Indicator).where(Indicator.code == "HW_TRAINED"))
        country_id = session.scalar(select(Country.id).where(Country.name == "Tajikistan"))
        projects = dict(session.execute(select(Project.code, Project.id)).all())
        for code, amount, sex in (("MA.9002", 7, ""), ("MA.9001", 5, ""), ("MA.9001", 3, "female")):
            session.add(IndicatorValue(indicator_id=indicator.id, country_id=country_id, year=2023, value=amount,
                                       sex=sex, project_id=projects[code], source_cell="Indicators!C7"))
    catalogue = services.indicator_catalogue
    catalogue.update("HW_TRAINED", replace(catalogue.get("HW_TRAINED"), decimals=2))


def _orm_indicator_rows(db, year, country) -> list[IndicatorRow]:
    """The listing as the ORM query read it before the reader took the driver's connection."""
    statement = (
        select(IndicatorValue.id, Indicator.code, Indicator.name, Country.name, IndicatorValue.year,
               Project.code, IndicatorValue.sex, IndicatorValue.age_group, IndicatorValue.value,
               IndicatorValue.source_cell, IndicatorValue.source_import_id, Indicator.decimals)
        .join(Indicator, IndicatorValue.indicator).join(Country, IndicatorValue.country)
        .outerjoin(Project, Project.id == IndicatorValue.project_id)
        .order_by(IndicatorValue.year, Indicator.position, Country.name, Project.code, IndicatorValue.sex,
                  IndicatorValue.age_group))
    if year is not None:
        statement = statement.where(IndicatorValue.year == year)
    if country is not None:
        statement = statement.where(Country.name == country)
    with db.session() as session:
        return [IndicatorRow(*row[:8], from_stored(row[8], row[11]), row[9], row[10])
                for row in session.execute(statement)]


def _orm_directory_rows(db, year=None, country=None, person_id=None) -> list[DirectoryRow]:
    statement = (
        select(DirectoryRole.id, DirectoryRole.year, Country.name, DirectoryRole.role, DirectoryRole.title,
               ProgrammeArea.h_code, Person.family_name, Person.given_name, Person.email, Person.phone,
               Person.id, DirectoryRole.position, DirectoryRole.version)
        .join(Person, DirectoryRole.person).outerjoin(Country, DirectoryRole.country)
        .outerjoin(ProgrammeArea, DirectoryRole.programme_area))
    if year is not None:
        statement = statement.where(DirectoryRole.year == year)
    if country is not None:
        statement = statement.where(Country.name == country)
    if person_id is not None:
        statement = statement.where(DirectoryRole.person_id == person_id)
    with db.session() as session:
        return sorted((DirectoryRow(*row) for row in session.execute(statement)), key=row_order)


def _directory_filters(db) -> list[tuple]:
    with db.session() as session:
        person_id = session.scalar(select(DirectoryRole.person_id).where(DirectoryRole.country_id.is_(None)))
    return [(None, None, None), (2018, None, None), (None, "Tajikistan", None), (2019, "Albania", None),
            (None, None, person_id), (None, "Narnia", None), (1990, None, None)]


def test_the_indicator_reader_reads_as_the_orm_query_did(demo):
    add_what_the_demo_lacks(demo)
    service = Services(demo).indicators
    for year, country in INDICATOR_FILTERS:
        expected = _orm_indicator_rows(demo, year, country)
        assert service.rows(year, country) == expected, (year, country)
    every = service.rows()
    assert len(every) == len(_orm_indicator_rows(demo, None, None)) > 100
    ours = [r for r in every if r.project_code]
    assert {(r.project_code, r.sex, r.value, r.source_cell) for r in ours} == {
        ("MA.9001", "", Decimal("5.00"), "Indicators!C7"), ("MA.9001", "female", Decimal("3.00"), "Indicators!C7"),
        ("MA.9002", "", Decimal("7.00"), "Indicators!C7")}
    assert all(str(r.value) == f"{r.value:.2f}" for r in every if r.indicator_code == "HW_TRAINED")


def test_the_directory_reader_reads_as_the_orm_query_did(demo):
    service = Services(demo).directory
    for year, country, person_id in _directory_filters(demo):
        expected = _orm_directory_rows(demo, year, country, person_id)
        assert service.rows(year, country, person_id=person_id) == expected, (year, country, person_id)
    every = service.rows()
    assert {r.country is None for r in every} == {False, True}
    for before, after in zip(every, every[1:]):  # regional roles (no country) last in their year
        assert before.year < after.year or not (before.country is None and after.country is not None)


@pytest.mark.sqlite_only("reads a SQLite file with sqlite3")
def test_a_current_file_read_with_sqlite3_gives_the_services_rows(demo):
    add_what_the_demo_lacks(demo)
    services = Services(demo)
    indicator_rows = {f: services.indicators.rows(*f) for f in INDICATOR_FILTERS}
    directory_filters = _directory_filters(demo)
    directory_rows = {f: services.directory.rows(*f[:2], person_id=f[2]) for f in directory_filters}
    demo.dispose()
    with closing(reader_if_current(demo.file)) as reader:
        assert reader is not None
        for (year, country), expected in indicator_rows.items():
            assert read_indicator_values(reader, year, country) == expected, (year, country)
        for (year, country, person_id), expected in directory_rows.items():
            assert read_directory(reader, year, country, person_id=person_id) == expected, (year, country)
    assert indicator_rows[(None, "Narnia")] == [] and directory_rows[directory_filters[5]] == []
    assert indicator_rows[(2019, None)] and directory_rows[(2018, None, None)]
