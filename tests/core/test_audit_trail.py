"""The audit trail: every edit, import and rollback of a project is on record with who, when and what."""

from __future__ import annotations

import getpass
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import text
from test_plan_helpers import parsed_return, project

from mhdesk.cli.common import EXIT_INPUT, EXIT_OK
from mhdesk.cli.main import main
from mhdesk.core.errors import NotFound, StaleRecord
from mhdesk.core.returns.apply.applier import apply_plan
from mhdesk.core.returns.apply.rollback import rollback_import
from mhdesk.core.returns.plan.planner import plan_return
from mhdesk.core.services.project_records import ProjectData


def expected_who(db) -> str:
    if db.is_sqlite:
        return getpass.getuser()
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT session_user")).scalar()


def new_project(services, code="MA.0467") -> ProjectData:
    return services.projects.create(ProjectData(code=code, title="TB care for migrants", countries=["Tajikistan"],
                                                budget=Decimal("85000"), currency="USD"))


def test_an_edit_is_recorded_field_by_field_with_who_and_when(db, services):
    created = new_project(services)
    before = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(seconds=5)
    services.projects.update(created.copy(title="TB care for labour migrants", budget=Decimal("90000"),
                                          countries=["Tajikistan", "Kyrgyzstan"]))
    added, changed = services.project_history.of("MA.0467")
    assert (added.action, added.source) == ("add", "edit")
    assert ("Title", "", "TB care for migrants") in added.changes
    assert changed.describe() == "changed by an edit"
    assert changed.who == expected_who(db)
    assert before <= changed.at <= datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(seconds=5)
    assert changed.changes == [("Title", "TB care for migrants", "TB care for labour migrants"),
                               ("Budget", "85000.00", "90000.00"),
                               ("Countries", "Tajikistan", "Tajikistan; Kyrgyzstan")]


def test_a_save_that_changes_nothing_and_a_refused_save_record_nothing(db, services):
    created = new_project(services)
    services.projects.update(created.copy())
    services.projects.update(created.copy(title="Renamed"))
    with pytest.raises(StaleRecord):
        services.projects.update(created.copy(title="From a stale copy"))
    assert [e.action for e in services.project_history.of("MA.0467")] == ["add", "change"]


def test_a_deleted_project_keeps_its_history_under_its_code(db, services):
    created = new_project(services)
    services.projects.delete(created.id)
    entries = services.project_history.of("MA.0467")
    assert [e.action for e in entries] == ["add", "remove"]
    assert ("Budget", "85000.00", "") in entries[-1].changes
    with pytest.raises(NotFound):
        services.project_history.of("MA.9999")


def test_imports_and_rollbacks_are_on_record_with_their_import(db, services):
    new_project(services)
    changed = apply_plan(db, plan_return(db, parsed_return(projects=[
        project("MA.0467", "TB care for migrants and families", 2, budget=Decimal("95000"), currency="USD",
                countries=["Tajikistan"])])))
    rollback_import(db, changed.import_id)
    *_, imported, rolled_back = services.project_history.of("MA.0467")
    assert imported.describe() == f"changed by an import (import #{changed.import_id})"
    assert ("Title", "TB care for migrants", "TB care for migrants and families") in imported.changes
    assert ("Budget", "85000.00", "95000.00") in imported.changes
    assert rolled_back.source == "rollback" and rolled_back.import_id == changed.import_id
    assert ("Budget", "95000.00", "85000.00") in rolled_back.changes
    assert services.projects.find("MA.0467").budget == Decimal("85000.00")


def test_a_project_an_import_added_and_its_rollback_removed(db, services):
    added = apply_plan(db, plan_return(db, parsed_return(projects=[
        project("MP.0280", "Mobile clinics", 2),
        project("MA.0300", "Migrant health desks", 3, donors=["EU", "SDC"], achievements={2019: ["Two desks open"]}),
    ])))
    assert services.projects.find("MA.0300").donors == ["EU", "SDC"]
    (new_with_lists,) = services.project_history.of("MA.0300")
    assert ("Donors", "", "EU; SDC") in new_with_lists.changes
    assert ("Achievements", "", "2019: Two desks open") in new_with_lists.changes
    rollback_import(db, added.import_id)
    entries = services.project_history.of("MP.0280")
    assert [(e.action, e.source) for e in entries] == [("add", "import"), ("remove", "rollback")]


def test_history_on_the_command_line(db, services, capsys):
    created = new_project(services)
    services.projects.update(created.copy(title="TB care for labour migrants"))
    assert main(["--database", db.location, "history", "MA.0467"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(f"UTC  {expected_who(db)}  MA.0467 added by an edit")
    assert lines[-2].endswith("MA.0467 changed by an edit")
    assert lines[-1] == '    Title: "TB care for migrants" -> "TB care for labour migrants"'
    assert main(["--database", db.location, "history", "XX.0000"]) == EXIT_INPUT
    assert capsys.readouterr().err.strip() == "mhdesk: No project XX.0000 is on record, nor any change of one."
