"""Applying a plan: one transaction, provenance on every row, an import record, idempotent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from test_plan_helpers import MISSION, event, parsed_return, project, role, snapshot, value, values_by_key

from mhdesk.core.models import ImportChange, ImportRecord
from mhdesk.core.returns.apply.applier import ImportBlocked, ImportCancelled, StalePlan, apply_plan
from mhdesk.core.returns.bulk import row_from_json
from mhdesk.core.returns.plan.model import Plan
from mhdesk.core.returns.plan.planner import plan_return
from mhdesk.core.returns.problems import Problem


def a_return(**changes):
    fields = dict(
        projects=[project("MA.0467", "TB care for migrants", 2, budget=Decimal("85000"), currency="USD")],
        values=[value("PHC_CONSULT", 83219, 2), value("PHC_CONSULT", 24175, 3, sex="male"),
                value("REFERRALS", 120, 4, project="MA.0467")],
        roles=[role("FP", "Karimov", 2, given="Aziz", area="MA")],
        events=[event(date(2019, 11, 5), "TB awareness day", 2)],
    )
    return parsed_return(**{**fields, **changes})


def test_apply_writes_the_rows_with_their_source_and_records_the_import(db):
    summary = apply_plan(db, plan_return(db, a_return()))
    assert (summary.added, summary.changed, summary.removed) == (6, 0, 0)  # a new person comes with its role
    assert summary.backup.exists() if db.is_sqlite else summary.backup is None
    values = values_by_key(db)
    assert values[("PHC_CONSULT", MISSION, 2019, None, "male", "")] == (24175, 1, summary.import_id, "Indicators!3:3")
    assert values[("REFERRALS", MISSION, 2019, "MA.0467", "", "")][3] == "Indicators!4:4"
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT source_import_id, source_cell FROM project")).one() == (
            summary.import_id, "Projects!2:2")
        assert conn.execute(text("SELECT source_cell FROM directory_role")).scalar() == "'Focal points'!2:2"
    with db.session() as session:
        record = session.get(ImportRecord, summary.import_id)
        assert (record.file_name, record.sha256, record.mission.name, record.year, record.submitted_by) == (
            "TJ-2019.xlsx", "ab" * 32, MISSION, 2019, "Rukhshona Qurbonova")
        assert (record.added, record.changed, record.removed, record.warnings, record.state) == (6, 0, 0, 0, "applied")
        assert Plan.from_json(record.plan_json).count("add") == 6
        # added rows are recorded as runs of consecutive ids
        actions = sorted((c.entity, c.action) for c in record.changes
                         for _ in range(c.entity_id, (c.through_id or c.entity_id) + 1))
        value_runs = [(c.entity_id, c.through_id) for c in record.changes if c.entity == "indicator_value"]
    assert len(value_runs) == 1 and value_runs[0][1] == value_runs[0][0] + 2
    assert actions == sorted([("project", "add"), ("person", "add"), ("directory_role", "add"), ("event", "add"),
                              *[("indicator_value", "add")] * 3])


def test_the_same_return_twice_changes_nothing_the_second_time(db):
    apply_plan(db, plan_return(db, a_return()))
    before = snapshot(db)
    plan = plan_return(db, a_return())
    assert not plan.has_changes
    summary = apply_plan(db, plan)
    assert summary.nothing_to_change and summary.import_id is None and summary.backup is None
    assert str(summary) == "TJ-2019.xlsx: nothing to change."
    assert snapshot(db) == before


def test_a_change_keeps_the_state_before_and_bumps_the_version(db):
    first = apply_plan(db, plan_return(db, a_return()))
    second = apply_plan(db, plan_return(db, a_return(values=[
        value("PHC_CONSULT", 90000, 2), value("REFERRALS", 120, 4, project="MA.0467")])))
    assert (second.added, second.changed, second.removed) == (0, 1, 1)
    values = values_by_key(db)
    assert values[("PHC_CONSULT", MISSION, 2019, None, "", "")] == (90000, 2, second.import_id, "Indicators!2:2")
    assert ("PHC_CONSULT", MISSION, 2019, None, "male", "") not in values
    with db.session() as session:
        changes = {c.action: c for c in session.scalars(
            select(ImportChange).where(ImportChange.import_id == second.import_id))}
    before = row_from_json("indicator_value", changes["change"].before_json)
    assert (before[7], before[9], before[11]) == (83219, 1, first.import_id)  # value, version, source import
    assert changes["change"].after_version == 2
    assert row_from_json("indicator_value", changes["remove"].before_json)[5] == "male"


def test_all_or_nothing_when_a_write_fails_half_way(db):
    apply_plan(db, plan_return(db, a_return()))
    plan = plan_return(db, a_return(values=[value("PHC_CONSULT", 1, 2), value("HW_TRAINED", 40, 5)]))
    # a row the database refuses, written after the changes and removals of the same plan
    good_add, cell = plan.writes.tables["indicator_value"].adds[0]
    plan.writes.tables["indicator_value"].adds.append(((*good_add[:4], "nobody", *good_add[5:]), cell))
    before = snapshot(db)
    with pytest.raises(IntegrityError):
        apply_plan(db, plan)
    assert snapshot(db) == before


def test_a_plan_with_errors_is_refused(db):
    plan = plan_return(db, a_return(problems=[Problem("error", "is not a number", "Indicators", 9, "Value")]))
    before = snapshot(db)
    with pytest.raises(ImportBlocked, match="1 error"):
        apply_plan(db, plan)
    with pytest.raises(ImportBlocked, match="dry run again"):
        apply_plan(db, Plan.from_json(plan_return(db, a_return()).to_json()))
    assert snapshot(db) == before


def test_an_edit_after_the_dry_run_makes_the_plan_stale(db):
    apply_plan(db, plan_return(db, a_return()))
    plan = plan_return(db, a_return(values=[value("PHC_CONSULT", 1, 2)]))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE indicator_value SET value = 5, version = version + 1 WHERE sex = ''"))
    before = snapshot(db)
    with pytest.raises(StalePlan, match="run the dry run again"):
        apply_plan(db, plan)
    assert snapshot(db) == before


def test_cancelling_from_the_progress_callback_writes_nothing(db):
    before = snapshot(db)
    seen = []

    def progress(done, total):
        seen.append((done, total))
        return len(seen) < 3

    with pytest.raises(ImportCancelled):
        apply_plan(db, plan_return(db, a_return()), progress=progress)
    assert snapshot(db) == before and len(seen) == 3


def test_a_value_for_a_project_of_the_same_return_gets_its_new_id(db):
    apply_plan(db, plan_return(db, a_return()))
    assert values_by_key(db)[("REFERRALS", MISSION, 2019, "MA.0467", "", "")][0] == 120


def test_two_new_projects_naming_the_same_new_donor_share_it(db):
    summary = apply_plan(db, plan_return(db, parsed_return(projects=[
        project("MA.0468", "Shelter health", 2, donors=["Kingdom of Norway"]),
        project("MA.0469", "Shelter outreach", 3, donors=["Kingdom of Norway", "European Union"])])))
    assert summary.added == 2
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM donor WHERE name = 'Kingdom of Norway'")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM project_donor")).scalar() == 3


def test_id_runs():
    from mhdesk.core.returns.apply.applier import id_runs

    assert list(id_runs([3, 4, 5, 9, 11, 12])) == [(3, 5), (9, 9), (11, 12)]
    assert list(id_runs([])) == []
