"""The schema Alembic builds, its constraints, and the reference seed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import IntegrityError

from mhdesk.core.connect import open_database
from mhdesk.core.migrate import current_revision, head_revision
from mhdesk.core.models import (
    Achievement,
    Base,
    Country,
    Indicator,
    IndicatorValue,
    ProgrammeArea,
    Project,
    ThematicArea,
)
from mhdesk.core.services.project_records import ProjectData


def test_alembic_schema_equals_the_models(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    assert current_revision(db) == head_revision()


@pytest.mark.sqlite_only("SQLite's own settings")
def test_sqlite_is_opened_with_foreign_keys_wal_and_busy_timeout(db):
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_reference_data_is_seeded_once(tmp_path):
    path = tmp_path / "seeded.sqlite"
    for _ in range(2):
        db = open_database(path)
        with db.session() as session:
            assert session.scalar(select(func.count()).select_from(Country)) >= 25
            assert session.scalar(select(func.count()).select_from(Indicator)) == 12
            assert session.scalar(select(func.count()).select_from(ProgrammeArea)) == 3
            assert session.scalar(select(func.count()).select_from(ThematicArea)) >= 15
        db.dispose()


def test_reopening_keeps_the_data(tmp_path, services):
    path = tmp_path / "kept.sqlite"
    first = open_database(path)
    from mhdesk.core.services import Services

    Services(first).projects.create(ProjectData(code="MA.0400", title="Kept", budget=Decimal("170000.00"),
                                                currency="USD"))
    first.dispose()
    again = open_database(path)
    assert Services(again).projects.find("MA.0400").budget == Decimal("170000.00")


def test_project_code_is_unique(db):
    with db.session() as session, session.begin():
        session.add(Project(code="MA.0467", title="One"))
    with pytest.raises(IntegrityError), db.session() as session, session.begin():
        session.add(Project(code="MA.0467", title="Two"))


@pytest.mark.parametrize("amount", ["1315000.00", "0.10", "98316.00", "999999999999.99"])
def test_money_is_exact(db, amount):
    with db.session() as session, session.begin():
        session.add(Project(code="MA.0001", title="Money", budget=Decimal(amount), currency="CHF"))
    with db.session() as session:
        assert session.scalar(select(Project.budget)) == Decimal(amount)
        # stored as whole hundredths, never as a float
        kind = "typeof(budget)" if db.is_sqlite else "pg_typeof(budget)::text"
        assert session.execute(text(f"SELECT {kind} FROM project")).scalar() in ("integer", "bigint")


def test_negative_budget_and_end_before_start_are_refused_by_the_database(db):
    from datetime import date

    for bad in (dict(budget=Decimal("-1")), dict(start=date(2020, 1, 1), end=date(2019, 1, 1))):
        with pytest.raises(IntegrityError), db.session() as session, session.begin():
            session.add(Project(code="MA.0002", title="Bad", **bad))


def test_deleting_a_project_cascades_to_what_hangs_off_it(db, services):
    created = services.projects.create(ProjectData(
        code="MP.0280", title="Cascade", countries=["Bosnia and Herzegovina"], donors=["UNAIDS"],
        achievements={2017: ["trained 40 doctors"]}))
    with db.session() as session, session.begin():
        indicator = session.scalar(select(Indicator).where(Indicator.code == "PHC_CONSULT"))
        country = session.scalar(select(Country).where(Country.name == "Bosnia and Herzegovina"))
        session.add(IndicatorValue(indicator=indicator, country=country, year=2017, project_id=created.id,
                                   value=Decimal(5)))
    services.projects.delete(created.id)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Achievement)) == 0
        assert session.scalar(select(func.count()).select_from(IndicatorValue)) == 0
        assert session.execute(text("SELECT count(*) FROM project_country")).scalar() == 0


def test_a_country_in_use_cannot_be_deleted(db, services):
    services.projects.create(ProjectData(code="MA.0398", title="Belarus HIV", countries=["Belarus"]))
    with pytest.raises(IntegrityError), db.session() as session, session.begin():
        session.execute(delete(Country).where(Country.name == "Belarus"))


@pytest.mark.parametrize("alias, canonical", [
    ("Turkey", "Türkiye"), ("turkiye", "Türkiye"), ("TR", "Türkiye"), ("FYROM", "North Macedonia"),
    ("Former Yugoslav Republic of Macedonia", "North Macedonia"), ("BiH", "Bosnia and Herzegovina"),
    ("ba", "Bosnia and Herzegovina"), ("Moldova", "Republic of Moldova"), ("Kosovo", "Kosovo (UNSCR 1244)"),
    ("Kyrgyz Republic", "Kyrgyzstan"), (" tajikistan ", "Tajikistan"), ("Russia", "Russian Federation"),
])
def test_aliases_resolve_to_one_country(services, alias, canonical):
    assert services.catalog.country_resolver().resolve(alias) == canonical


def test_kosovo_carries_its_printed_footnote(services):
    kosovo = next(c for c in services.catalog.countries if c.name == "Kosovo (UNSCR 1244)")
    assert "1244" in kosovo.footnote
