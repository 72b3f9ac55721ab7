"""Rolling an import back: exactly the state before it, or nothing when records were edited since."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from test_plan_helpers import event, parsed_return, project, role, snapshot, value

from mhdesk.core.errors import MhdeskError
from mhdesk.core.returns.apply.applier import apply_plan
from mhdesk.core.returns.apply.rollback import RollbackRefused, rollback_import
from mhdesk.core.returns.plan.planner import plan_return

RECORDS = ("project", "project_country", "project_donor", "achievement", "person", "directory_role",
           "indicator_value", "event", "donor")


def records(db) -> dict:
    """The records, achievements without their row ids (a project's lists are rewritten whole)."""
    rows = {t: rows for t, rows in snapshot(db).items() if t in RECORDS}
    rows["achievement"] = sorted(r[1:] for r in rows["achievement"])
    return rows


def first():
    return parsed_return(
        projects=[project("MA.0467", "TB care for migrants", 2, budget=Decimal("85000"), currency="USD",
                          donors=["IOM Development Fund"], achievements={2019: ["400 migrants screened"]})],
        values=[value("PHC_CONSULT", 83219, 2), value("PHC_CONSULT", 24175, 3, sex="male")],
        roles=[role("COM", "Qurbonova", 2, given="Rukhshona", email="rq@example.org"),
               role("FP", "Karimov", 3, given="Aziz", area="MA")],
        events=[event(date(2019, 11, 5), "TB awareness day", 2, place="Dushanbe")])


def second():
    return parsed_return(
        file_name="TJ-2019-v2.xlsx",
        projects=[project("MA.0467", "TB care for migrants and families", 2, budget=Decimal("90000"),
                          donors=["European Union"]),
                  project("MP.0280", "Mobile clinics", 3, countries=["Tajikistan", "Kyrgyzstan"])],
        values=[value("PHC_CONSULT", 90000, 2), value("REFERRALS", 12, 3, project="MP.0280")],
        roles=[role("COM", "Qurbonova", 2, given="Rukhshona", email="new@example.org"),
               role("FP", "Saidova", 3, given="Malika", area="MP")],
        events=[event(date(2019, 11, 5), "TB awareness day", 2, place="Khujand", participants=40),
                event(date(2019, 12, 1), "World AIDS Day", 3)])


def test_rolling_back_returns_every_record_exactly_to_its_state_before(db):
    empty = records(db)
    one = apply_plan(db, plan_return(db, first()))
    after_first = records(db)
    two = apply_plan(db, plan_return(db, second()))
    assert (two.added, two.changed, two.removed) >= (4, 4, 2)
    summary = rollback_import(db, two.import_id)
    assert records(db) == after_first
    assert "rolled back" in str(summary) and summary.put_back == two.removed
    rollback_import(db, one.import_id)
    assert records(db) == empty
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT state FROM import_record ORDER BY id")).scalars().all() == [
            "rolled_back", "rolled_back"]


def test_a_rolled_back_import_is_not_rolled_back_twice(db):
    one = apply_plan(db, plan_return(db, first()))
    rollback_import(db, one.import_id)
    with pytest.raises(MhdeskError, match="already rolled back"):
        rollback_import(db, one.import_id)


def test_an_edit_since_the_import_refuses_the_rollback_and_says_which(db, services):
    apply_plan(db, plan_return(db, first()))
    two = apply_plan(db, plan_return(db, second()))
    edited = services.projects.find("MA.0467")
    services.projects.update(edited.copy(title="Edited by hand"))
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM event WHERE title = 'World AIDS Day'"))
    before = snapshot(db)
    with pytest.raises(RollbackRefused) as refused:
        rollback_import(db, two.import_id)
    assert refused.value.conflicts[0] == "project MA.0467 was edited"
    assert any(c.startswith("event #") and c.endswith("was deleted") for c in refused.value.conflicts)
    assert "was not rolled back: 2 record(s) changed since it" in str(refused.value)
    assert snapshot(db) == before


def test_a_later_import_over_the_same_records_blocks_rolling_back_the_earlier(db):
    one = apply_plan(db, plan_return(db, first()))
    apply_plan(db, plan_return(db, second()))
    with pytest.raises(RollbackRefused):
        rollback_import(db, one.import_id)


def test_a_record_added_by_the_import_and_used_since_is_not_deleted_by_a_rollback(db):
    one = apply_plan(db, plan_return(db, first()))
    # another mission's return names the project and the person the first import added
    apply_plan(db, plan_return(db, parsed_return(
        mission="Kyrgyzstan", file_name="KG-2019.xlsx",
        values=[value("REFERRALS", 4, 2, country="Kyrgyzstan", project="MA.0467")],
        roles=[role("COM", "Qurbonova", 2, given="Rukhshona", country="Kyrgyzstan")])))
    before = snapshot(db)
    with pytest.raises(RollbackRefused) as refused:
        rollback_import(db, one.import_id)
    # the person's new role is a change to her list of roles as well
    assert sorted(c.split(" #")[0] for c in refused.value.conflicts) == ["focal point", "indicator value", "person"]
    assert any("now refers to project #" in c for c in refused.value.conflicts)
    assert snapshot(db) == before
