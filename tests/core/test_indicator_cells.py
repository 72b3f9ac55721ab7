"""The cells kept beside the values (each country's figure per indicator and year) stay exactly in step with
the values however they are written: typed, pasted, imported, rolled back, deleted, rescaled, cascaded, or
written behind the application's back; and the totals read from them are the published ones."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import delete, insert, select, text, update
from test_plan_helpers import parsed_return, project, value

from mhdesk.cli.main import main
from mhdesk.core.models import Country, Indicator, IndicatorValue
from mhdesk.core.models.indicator_cells import cell_figures, indicator_cell, indicator_cell_stale
from mhdesk.core.returns.apply.applier import apply_plan
from mhdesk.core.returns.apply.rollback import rollback_import
from mhdesk.core.returns.plan.planner import plan_return
from mhdesk.core.services.indicator_cells import TOTAL, CellValues
from mhdesk.core.services.project_records import ProjectData

# The 2023 regional totals of the annual report (the table in the domain notes).
PUBLISHED_2023 = {"FACILITIES": 429, "MOBILE_TEAMS": 56, "POE": 62, "PHC_CONSULT": 273284, "SPEC_CONSULT": 36126,
                  "REFERRALS": 9894, "HEALTH_ASSESS": 35218, "VACCINE_DOSES": 11469, "MED_ESCORTS": 461,
                  "HW_TRAINED": 5150, "AWARENESS": 1321, "COMMUNITY": 270}


def kept(db) -> dict:
    with db.engine.connect() as conn:
        c = indicator_cell.c
        return {tuple(r[:3]): tuple(r[3:]) for r in conn.execute(
            select(c.year, c.indicator_id, c.country_id, c.figure, c.value_count))}


def added_up(db) -> dict:
    """Every cell added up from the values as they are now."""
    with db.engine.connect() as conn:
        return {tuple(r[:3]): (int(r[3]), int(r[4])) for r in conn.execute(cell_figures())}


def stale_count(db) -> int:
    with db.engine.connect() as conn:
        return len(conn.execute(select(indicator_cell_stale)).all())


def assert_in_step(db) -> None:
    assert kept(db) == added_up(db)
    assert stale_count(db) == 0


def totals(services, year: int) -> dict[str, Decimal | None]:
    return {t.indicator_code: t.value for t in services.indicators.totals(year)}


def typed(services, code: str, country: str, year: int, values: dict) -> CellValues:
    """The cell as read now, with new values: what the grid saves after a typed or pasted figure."""
    return replace(services.indicator_cells.read(code, country, year), values=values)


def ids(db, code: str, country: str) -> tuple[int, int]:
    with db.session() as session:
        return (session.scalar(select(Indicator.id).where(Indicator.code == code)),
                session.scalar(select(Country.id).where(Country.name == country)))


def test_the_demo_cells_give_the_published_2023_totals_through_the_command_line(demo, db, capsys):
    assert_in_step(db)
    assert len(kept(db)) > 100
    assert main(["--database", str(db.url), "indicators", "totals", "--year", "2023", "--format", "json"]) == 0
    printed = {row["indicator_code"]: row["value"] for row in json.loads(capsys.readouterr().out)}
    assert {code: Decimal(str(printed[code])) for code in PUBLISHED_2023} == {
        code: Decimal(figure) for code, figure in PUBLISHED_2023.items()}


def test_the_upgrade_to_the_cells_adds_up_the_values_already_there(db, services):
    from alembic import command
    from alembic.config import Config

    from mhdesk.core.migrate import MIGRATIONS

    project_id = services.projects.create(ProjectData(code="MA.0467", title="TB care")).id
    with db.session() as session, session.begin():
        (phc, serbia), (referrals, armenia) = ids(db, "PHC_CONSULT", "Serbia"), ids(db, "REFERRALS", "Armenia")
        session.add_all([
            IndicatorValue(indicator_id=phc, country_id=serbia, year=2023, value=24175, sex="male"),
            IndicatorValue(indicator_id=phc, country_id=serbia, year=2023, value=59044, sex="female"),
            IndicatorValue(indicator_id=phc, country_id=serbia, year=2022, value=100),
            IndicatorValue(indicator_id=referrals, country_id=armenia, year=2023, value=4, project_id=project_id)])
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
        command.upgrade(config, "head")
    assert kept(db) == {(2023, phc, serbia): (83219, 2), (2022, phc, serbia): (100, 1),
                        (2023, referrals, armenia): (4, 1)}
    assert_in_step(db)


def test_a_typed_cell_a_pasted_block_and_a_cleared_cell_move_the_totals_and_the_cells_together(demo, db, services):
    before = totals(services, 2023)
    services.indicator_cells.save([typed(services, "PHC_CONSULT", "Serbia", 2023, {TOTAL: Decimal(1000)})])
    assert_in_step(db)
    assert totals(services, 2023)["PHC_CONSULT"] == before["PHC_CONSULT"] + 1000
    # a pasted 2 x 2 block is one save of several cells
    services.indicator_cells.save([
        typed(services, "REFERRALS", "Serbia", 2023, {TOTAL: Decimal(7)}),
        typed(services, "REFERRALS", "Montenegro", 2023, {("female", ""): Decimal(3), ("male", ""): Decimal(4)}),
        typed(services, "HW_TRAINED", "Serbia", 2023, {TOTAL: Decimal(20)}),
        typed(services, "HW_TRAINED", "Montenegro", 2023, {TOTAL: Decimal(30)})])
    assert_in_step(db)
    now = totals(services, 2023)
    assert now["REFERRALS"] == before["REFERRALS"] + 14 and now["HW_TRAINED"] == before["HW_TRAINED"] + 50
    services.indicator_cells.save([typed(services, "PHC_CONSULT", "Serbia", 2023, {})])  # cleared
    assert_in_step(db)
    assert totals(services, 2023)["PHC_CONSULT"] == before["PHC_CONSULT"]


def test_an_import_and_its_rollback_keep_the_cells_in_step(db, services):
    returned = parsed_return(
        projects=[project("MA.0467", "TB care for migrants", 2)],
        values=[value("PHC_CONSULT", 83219, 2), value("PHC_CONSULT", 24175, 3, sex="male"),
                value("PHC_CONSULT", 59044, 4, sex="female"), value("REFERRALS", 12, 5, project="MA.0467"),
                value("REFERRALS", 30, 6, country="Kyrgyzstan")])
    summary = apply_plan(db, plan_return(db, returned))
    assert_in_step(db)
    assert totals(services, 2019)["PHC_CONSULT"] == 83219 and totals(services, 2019)["REFERRALS"] == 42
    changed = parsed_return(file_name="TJ-2019-v2.xlsx", sha256="cd" * 32,
                            projects=[project("MA.0467", "TB care for migrants", 2)],
                            values=[value("PHC_CONSULT", 90000, 2), value("REFERRALS", 12, 5, project="MA.0467")])
    second = apply_plan(db, plan_return(db, changed))
    assert_in_step(db)
    # the mission's new return replaces its figures: the parts and Kyrgyzstan's referrals go
    assert totals(services, 2019)["PHC_CONSULT"] == 90000 and totals(services, 2019)["REFERRALS"] == 12
    rollback_import(db, second.import_id)
    assert_in_step(db)
    assert totals(services, 2019)["PHC_CONSULT"] == 83219
    rollback_import(db, summary.import_id)
    assert_in_step(db)
    assert kept(db) == {} and totals(services, 2019)["PHC_CONSULT"] is None


def test_deleting_a_project_takes_its_figures_out_of_the_cells(db, services):
    project_id = services.projects.create(ProjectData(code="MA.0467", title="TB care")).id
    indicator_id, country_id = ids(db, "REFERRALS", "Serbia")
    with db.session() as session, session.begin():
        session.add_all([IndicatorValue(indicator_id=indicator_id, country_id=country_id, year=2023, value=5,
                                        project_id=project_id),
                         IndicatorValue(indicator_id=indicator_id, country_id=country_id, year=2023, value=9)])
    assert kept(db) == {(2023, indicator_id, country_id): (9, 2)}  # the country's own figure wins
    with db.session() as session, session.begin():
        session.execute(delete(IndicatorValue).where(IndicatorValue.project_id.is_(None)))
    assert kept(db) == {(2023, indicator_id, country_id): (5, 1)}
    services.projects.delete(project_id)  # its values go by the database's cascade
    assert_in_step(db)
    assert kept(db) == {} and totals(services, 2023)["REFERRALS"] is None


def test_more_decimals_rescale_the_cells_with_the_values(db, services):
    indicator_id, country_id = ids(db, "HW_TRAINED", "Serbia")
    services.indicator_cells.save([typed(services, "HW_TRAINED", "Serbia", 2023, {TOTAL: Decimal(12)})])
    data = services.indicator_catalogue.get("HW_TRAINED")
    services.indicator_catalogue.update("HW_TRAINED", replace(data, decimals=2))
    assert_in_step(db)
    assert kept(db)[(2023, indicator_id, country_id)] == (1200, 1)
    assert totals(services, 2023)["HW_TRAINED"] == Decimal("12.00")


def test_a_transaction_rolled_back_leaves_the_cells_as_they_were(demo, db, services):
    before, cells = totals(services, 2023), kept(db)
    indicator_id, country_id = ids(db, "PHC_CONSULT", "Serbia")
    with pytest.raises(RuntimeError), db.session() as session, session.begin():
        session.add(IndicatorValue(indicator_id=indicator_id, country_id=country_id, year=2023, value=1000))
        session.flush()
        raise RuntimeError("given up")
    with db.session() as session, session.begin():
        with pytest.raises(RuntimeError), session.begin_nested():
            session.execute(update(IndicatorValue).values(value=IndicatorValue.value + 1))
            raise RuntimeError("given up")
    assert kept(db) == cells and totals(services, 2023) == before
    assert_in_step(db)


def test_a_transaction_reads_its_own_uncommitted_figures(db, services):
    from mhdesk.core.indicators.totals import cell_values

    indicator_id, country_id = ids(db, "PHC_CONSULT", "Serbia")
    with db.session() as session, session.begin():
        session.add(IndicatorValue(indicator_id=indicator_id, country_id=country_id, year=2023, value=70))
        session.flush()
        assert cell_values(session, [2023]) == {(2023, indicator_id, country_id): 70}
    assert kept(db) == {(2023, indicator_id, country_id): (70, 1)}


def test_a_write_that_bypasses_the_upkeep_is_still_counted_and_the_next_commit_catches_up(db, services):
    indicator_id, country_id = ids(db, "REFERRALS", "Serbia")
    services.indicator_cells.save([typed(services, "REFERRALS", "Serbia", 2023, {TOTAL: Decimal(40)})])
    raw = db.engine.raw_connection()  # straight to the driver: no SQLAlchemy event sees it
    try:
        raw.cursor().execute(text("UPDATE indicator_value SET value = 45").text)
        raw.commit()
    finally:
        raw.close()
    assert stale_count(db) >= 1 and kept(db)[(2023, indicator_id, country_id)] == (40, 1)
    assert totals(services, 2023)["REFERRALS"] == 45  # the stale cell is added up from its values
    services.indicator_cells.save([typed(services, "HW_TRAINED", "Serbia", 2023, {TOTAL: Decimal(1)})])
    assert_in_step(db)


def test_an_insert_whose_rows_cannot_be_read_adds_every_cell_up_again(db, services):
    services.indicator_cells.save([typed(services, "REFERRALS", "Serbia", 2023, {TOTAL: Decimal(40)})])
    with db.engine.begin() as conn:  # the year before, copied by the database itself
        conn.execute(text("INSERT INTO indicator_value (indicator_id, country_id, year, sex, age_group, value, "
                          "version) SELECT indicator_id, country_id, year - 1, sex, age_group, value + 1, 1 "
                          "FROM indicator_value"))
    assert_in_step(db)
    assert totals(services, 2022)["REFERRALS"] == 41


def test_core_statements_outside_a_session_keep_the_cells_in_step(db):
    indicator_id, country_id = ids(db, "REFERRALS", "Armenia")
    values = IndicatorValue.__table__
    with db.engine.begin() as conn:
        conn.execute(insert(values), [dict(indicator_id=indicator_id, country_id=country_id, year=year, value=3,
                                           sex=sex, age_group="", version=1)
                                      for year in (2021, 2022) for sex in ("female", "male")])
    assert kept(db) == {(2021, indicator_id, country_id): (6, 2), (2022, indicator_id, country_id): (6, 2)}
    with db.engine.begin() as conn:
        conn.execute(update(values).where(values.c.year == 2021).values(year=2020))
    assert_in_step(db)
    assert set(kept(db)) == {(2020, indicator_id, country_id), (2022, indicator_id, country_id)}


def test_two_writers_of_one_cell_each_count_what_the_other_committed(db, services):
    if db.is_sqlite:
        pytest.skip("SQLite lets one writer at a time: the second would wait for the first to commit")
    first_project = services.projects.create(ProjectData(code="MA.0467", title="TB care")).id
    second_project = services.projects.create(ProjectData(code="MP.0280", title="Mobile clinics")).id
    indicator_id, country_id = ids(db, "REFERRALS", "Serbia")
    with db.session() as first, db.session() as second:
        first.begin()
        first.add(IndicatorValue(indicator_id=indicator_id, country_id=country_id, year=2023, value=5,
                                 project_id=first_project))
        first.flush()
        with second.begin():  # commits while the first is still open
            second.add(IndicatorValue(indicator_id=indicator_id, country_id=country_id, year=2023, value=7,
                                      project_id=second_project))
        assert kept(db) == {(2023, indicator_id, country_id): (7, 1)}
        first.commit()
    assert kept(db) == {(2023, indicator_id, country_id): (12, 2)}
    assert_in_step(db)
