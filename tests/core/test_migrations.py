"""A database made by an older mhdesk opens in this one with all its data, after a backup."""

from __future__ import annotations

import sqlite3

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from mhdesk.core.connect import open_database
from mhdesk.core.migrate import MIGRATIONS, current_revision, head_revision
from mhdesk.core.services import Services


def make_database_at(path, revision: str) -> None:
    """What an older mhdesk left behind: the schema of `revision` with records in it."""
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.execute(text(
            "INSERT INTO country (id, name, iso2, subregion) VALUES (1, 'Tajikistan', 'TJ', 'Central Asia')"))
        connection.execute(text(
            "INSERT INTO project (id, code, title, budget, currency, status, version) "
            "VALUES (1, 'MA.0375', 'Cross-border TB control', 20000000, 'USD', 'completed', 3)"))
        connection.execute(text("INSERT INTO project_country (project_id, country_id) VALUES (1, 1)"))
        connection.execute(text(
            "INSERT INTO import_record (id, file_name, sha256, mission_id, year, imported_at, added, changed, "
            "removed, warnings, plan_json, state) VALUES (1, 'TJ-2017.xlsx', 'ab', 1, 2017, '2018-01-15 10:00:00', "
            "1, 0, 0, 0, '{}', 'applied')"))
        connection.execute(text(
            "INSERT INTO import_change (import_id, entity, entity_id, action, after_version) "
            "VALUES (1, 'project', 1, 'add', 1)"))
    engine.dispose()


def test_a_first_version_database_is_upgraded_with_its_data(tmp_path):
    path = tmp_path / "office.sqlite"
    make_database_at(path, "0001")

    db = open_database(path)

    assert current_revision(db) == head_revision() != "0001"
    project = Services(db).projects.find("MA.0375")
    assert (project.title, str(project.budget), project.countries, project.version) == (
        "Cross-border TB control", "200000.00", ["Tajikistan"], 3)
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT entity_id, through_id FROM import_change")).one() == (1, None)
    backups = list((tmp_path / "backups").glob("office.before-upgrade.*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT code FROM project").fetchall() == [("MA.0375",)]


def test_an_up_to_date_database_is_not_copied_again(tmp_path):
    path = tmp_path / "office.sqlite"
    open_database(path).dispose()
    open_database(path).dispose()
    assert not (tmp_path / "backups").exists()


def test_every_revision_downgrades_and_upgrades_again(tmp_path):
    db = open_database(tmp_path / "cycle.sqlite")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
        command.upgrade(config, "head")
    assert current_revision(db) == head_revision()


def test_indicator_values_of_a_0002_database_become_exact(tmp_path):
    """Hundredths become whole numbers for counts; an indicator with a fraction keeps just the decimals it needs,
    in the values and in the state an import kept for rolling back."""
    path = tmp_path / "office.sqlite"
    make_database_at(path, "0002")
    with sqlite3.connect(path) as old:
        old.executescript("""
            INSERT INTO indicator (id, code, name, unit, aggregation, position)
                VALUES (1, 'PHC_CONSULT', 'Primary health-care consultations', 'consultations', 'sum', 0),
                       (2, 'FACILITIES', 'IOM supported health facilities', 'facilities', 'stock', 1),
                       (3, 'HW_DAYS', 'Training days', 'days', 'sum', 2);
            INSERT INTO indicator_value (id, indicator_id, country_id, year, sex, age_group, value, version)
                VALUES (1, 1, 1, 2017, '', '', 8321900, 2), (2, 1, 1, 2017, 'male', '', 2417500, 1),
                       (3, 2, 1, 2017, '', '', 21800, 1), (4, 3, 1, 2017, '', '', 1250, 1);
            INSERT INTO import_change (import_id, entity, entity_id, action, before_json, after_version)
                VALUES (1, 'indicator_value', 4, 'change',
                        '[4,3,1,2017,null,"","",1075,null,1,"Indicators!2:2",null]', 2);
        """)
    db = open_database(path)
    services = Services(db)
    rows = {(r.indicator_code, r.sex): str(r.value) for r in services.indicators.rows(2017)}
    assert rows == {("PHC_CONSULT", ""): "83219", ("PHC_CONSULT", "male"): "24175", ("FACILITIES", ""): "218",
                    ("HW_DAYS", ""): "12.50"}
    rules = {i.code: (i.decimals, i.over_years) for i in services.catalog.indicators}
    assert rules["PHC_CONSULT"] == (0, "sum") and rules["FACILITIES"] == (0, "latest")
    assert rules["HW_DAYS"] == (2, "sum")  # a kept state of 10.75 needs two places
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT value, version FROM indicator_value WHERE id = 1")).one() == (83219, 2)
        kept = connection.execute(text("SELECT before_json FROM import_change WHERE entity_id = 4")).scalar()
    assert kept.split(",")[7] == "1075"
    db.dispose()
