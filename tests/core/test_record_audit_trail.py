"""The audit trail of people, directory roles, events, publications and indicator values: every edit, undo,
import and rollback on record with who, when and what, written in the same transaction as the change."""

from __future__ import annotations

import getpass
import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text
from test_plan_helpers import event, parsed_return, role, value

from mhdesk.cli.common import EXIT_FILE, EXIT_INPUT, EXIT_OK
from mhdesk.cli.main import main
from mhdesk.core.errors import NotFound, StaleRecord, ValidationFailed
from mhdesk.core.models import AGE_GROUPS, SEXES, AuditEntry, Indicator, IndicatorValue, Project
from mhdesk.core.returns.apply.applier import apply_plan
from mhdesk.core.returns.apply.rollback import rollback_import
from mhdesk.core.returns.plan.planner import plan_return
from mhdesk.core.services.directory import HEAD, CellEntry, CellKey
from mhdesk.core.services.events import EventData
from mhdesk.core.services.exchange_rates import RateData
from mhdesk.core.services.indicator_catalogue import IndicatorData
from mhdesk.core.services.indicator_cells import TOTAL, CellValues
from mhdesk.core.services.people import PersonData
from mhdesk.core.services.publications import PublicationData
from mhdesk.core.services.row_audit import Names, entries, record_added_values, row_of


def expected_who(db) -> str:
    if db.is_sqlite:
        return getpass.getuser()
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT session_user")).scalar()


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def audit_count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


def test_a_person_edited_and_the_edit_undone_is_on_record_field_by_field(db, services):
    started = now() - timedelta(seconds=5)
    person = services.people.create(PersonData("Qurbonova", "Rukhshona", email="rq@example.org"))
    edited = services.people.update(person.copy(phone="+992 37 221 0000", email="r.qurbonova@example.org"))
    services.people.update(edited.copy(phone=None, email="rq@example.org"))  # what Undo saves
    added, changed, undone = services.record_history.of_person(person.id)
    assert (added.action, added.source, added.label) == ("add", "edit", "Qurbonova, Rukhshona")
    assert ("Family name", "", "Qurbonova") in added.changes
    assert changed.who == expected_who(db) and started <= changed.at <= now() + timedelta(seconds=5)
    assert changed.changes == [("E-mail", "rq@example.org", "r.qurbonova@example.org"),
                               ("Phone", "", "+992 37 221 0000")]
    assert undone.changes == [("E-mail", "r.qurbonova@example.org", "rq@example.org"),
                              ("Phone", "+992 37 221 0000", "")]
    services.people.delete(person.id)
    assert services.record_history.of_person_named("qurbonova, rukhshona")[-1].action == "remove"
    with pytest.raises(NotFound):
        services.record_history.of_person_named("Nobody, At All")


def test_a_refused_save_records_nothing(db, services):
    person = services.people.create(PersonData("Karimov", "Aziz"))
    services.people.update(person.copy(title="Dr"))
    before = audit_count(db)
    with pytest.raises(StaleRecord):
        services.people.update(person.copy(title="Prof"))  # read before the other edit
    with pytest.raises(ValidationFailed):
        services.people.update(person.copy(email="not an address", version=None))
    services.people.update(services.people.get(person.id))  # saved without a change
    assert audit_count(db) == before


def test_roles_taken_up_moved_and_left_are_in_the_holders_history(db, services):
    aziz = services.people.create(PersonData("Karimov", "Aziz"))
    dilnoza = services.people.create(PersonData("Saidova", "Dilnoza"))
    key = CellKey(2019, "Tajikistan", HEAD)
    state = services.directory.set_cell(services.directory.cell(key), [CellEntry(aziz.id, "COM")])
    state = services.directory.set_cell(state, [CellEntry(dilnoza.id, "OIC"), *state.entries])
    services.directory.set_cell(state, [e for e in state.entries if e.person_id == dilnoza.id])  # Aziz leaves
    aziz_roles = [e for e in services.record_history.of_person(aziz.id) if e.changes[0][0] != "Family name"]
    assert [(e.action, e.changes) for e in aziz_roles] == [
        ("add", [("Role", "", "Chief of Mission, Tajikistan 2019")]),
        ("change", [("Place in the cell (Chief of Mission, Tajikistan 2019)", "1", "2")]),
        ("remove", [("Role", "Chief of Mission, Tajikistan 2019", "")])]
    assert services.record_history.of_person(dilnoza.id)[-1].changes == [
        ("Role", "", "Officer in charge, Tajikistan 2019")]
    cell = services.record_history.of_directory_cell(2019, "Tajikistan", HEAD)
    assert [(e.label, e.action) for e in cell] == [("Karimov, Aziz", "add"), ("Saidova, Dilnoza", "add"),
                                                   ("Karimov, Aziz", "change"), ("Karimov, Aziz", "remove")]
    assert services.record_history.of_directory_cell(2019, "Tajikistan", "H2") == []
    copied = services.directory.copy_year(2019, 2020)
    services.directory.remove_roles(copied)  # the copy undone
    assert [e.action for e in services.record_history.of_person(dilnoza.id)][-2:] == ["add", "remove"]


def test_events_and_publications_edited_undone_and_deleted(db, services):
    created = services.events.create(EventData(date(2019, 5, 14), "Regional TB meeting", place="Dushanbe",
                                               country="Tajikistan", participants=40))
    edited = services.events.update(EventData(date(2019, 5, 15), "Regional TB meeting", place="Dushanbe",
                                              country="Tajikistan", participants=45, id=created.id,
                                              version=created.version))
    services.events.delete(edited.id, edited.version)
    services.events.create(edited)  # Undo of the deletion brings it back under its id
    entries = services.record_history.of_event(created.id)
    assert [e.action for e in entries] == ["add", "change", "remove", "add"]
    assert entries[1].changes == [("Date", "2019-05-14", "2019-05-15"), ("Participants", "40", "45")]
    assert ("Country", "Tajikistan", "") in entries[2].changes
    paper = services.publications.create(PublicationData("Migrants' health in Central Asia", year=2019))
    services.publications.update(PublicationData("Migrants' health in Central Asia", year=2019, pages=64,
                                                 isbn="978-92-9068-755-9", id=paper.id, version=paper.version))
    changed = services.record_history.of_publication(paper.id)[-1]
    assert changed.changes == [("Pages", "", "64"), ("ISBN", "", "978-92-9068-755-9")]
    with pytest.raises(NotFound):
        services.record_history.of_event(9999)


def test_an_indicator_of_the_catalogue_added_changed_and_removed(db, services, capsys):
    catalogue = services.indicator_catalogue
    added = catalogue.create(IndicatorData("TB_SCREENED", "Migrants screened for TB", "people"))
    catalogue.update("TB_SCREENED", IndicatorData("TB_SCREENED", "Migrants screened for TB", "people", by_sex=True,
                                                  over_years="latest", version=added.version))
    catalogue.delete("TB_SCREENED")
    entries = services.record_history.of_indicator("TB_SCREENED")
    assert [e.action for e in entries] == ["add", "change", "remove"]
    assert entries[1].changes == [("Across years", "sum", "latest"), ("By sex", "no", "yes")]
    assert main(["--database", db.location, "history", "--indicator", "TB_SCREENED"]) == EXIT_OK
    assert '    By sex: "no" -> "yes"' in capsys.readouterr().out.splitlines()
    assert main(["--database", db.location, "history", "--country", "Serbia"]) == EXIT_FILE
    assert "--indicator, --country and --year together" in capsys.readouterr().err


def test_a_cell_edit_a_breakdown_and_its_undo_record_one_entry_per_value(db, services):
    services.indicator_cells.save([CellValues("PHC_CONSULT", "Serbia", 2023, {TOTAL: Decimal(10)})])
    current = services.indicator_cells.read("PHC_CONSULT", "Serbia", 2023)
    services.indicator_cells.save([services.indicator_entry.with_parts(
        current, {TOTAL: "12", ("female", ""): "5", ("male", "adults"): "7"})])
    broken_down = services.indicator_cells.read("PHC_CONSULT", "Serbia", 2023)
    services.indicator_cells.save([CellValues("PHC_CONSULT", "Serbia", 2023, dict(current.values),
                                              dict(broken_down.versions))])  # what Undo saves
    entries = services.record_history.of_indicator_cell("phc_consult", "serbia", 2023)
    assert all(e.label == "PHC_CONSULT, Serbia, 2023" for e in entries)
    assert [(e.action, e.changes) for e in entries] == [
        ("add", [("Total", "", "10")]),
        ("change", [("Total", "10", "12")]),
        ("add", [("Female", "", "5")]),
        ("add", [("Male, adults", "", "7")]),
        ("change", [("Total", "12", "10")]),
        ("remove", [("Female", "5", "")]),
        ("remove", [("Male, adults", "7", "")])]
    with pytest.raises(NotFound):
        services.record_history.of_indicator_cell("NOPE", "Serbia", 2023)


def test_a_failed_paste_records_nothing(db, services):
    services.indicator_cells.save([CellValues("PHC_CONSULT", "Serbia", 2023, {TOTAL: Decimal(10)})])
    before = audit_count(db)
    stale = services.indicator_cells.read("PHC_CONSULT", "Serbia", 2023)
    services.indicator_cells.save([CellValues("PHC_CONSULT", "Serbia", 2023, {TOTAL: Decimal(11)},
                                              dict(stale.versions))])
    with pytest.raises(StaleRecord):  # the second cell is stale: neither is written, nor recorded
        services.indicator_cells.save([CellValues("PHC_CONSULT", "Ukraine", 2023, {TOTAL: Decimal(3)}),
                                       CellValues("PHC_CONSULT", "Serbia", 2023, {TOTAL: Decimal(12)},
                                                  dict(stale.versions))])
    assert audit_count(db) == before + 1


def test_an_import_and_its_rollback_record_every_value_role_and_event(db, services):
    services.indicator_cells.save([CellValues("PHC_CONSULT", "Tajikistan", 2019, {TOTAL: Decimal(80000)})])
    summary = apply_plan(db, plan_return(db, parsed_return(
        values=[value("PHC_CONSULT", 83219, 2), value("PHC_CONSULT", 24175, 3, sex="male")],
        roles=[role("FP", "Karimov", 2, given="Aziz", area="MA")],
        events=[event(date(2019, 5, 14), "Regional TB meeting", 2)])))
    history = services.record_history
    imported = history.of_indicator_cell("PHC_CONSULT", "Tajikistan", 2019)[1:]
    assert sorted((e.describe(), e.changes) for e in imported) == [
        (f"added by an import (import #{summary.import_id})", [("Male", "", "24175")]),
        (f"changed by an import (import #{summary.import_id})", [("Total", "80000", "83219")])]
    aziz = history.of_person_named("Karimov, Aziz")
    assert [(e.action, e.source) for e in aziz] == [("add", "import"), ("add", "import")]
    assert aziz[1].changes == [("Role", "", "Focal point H2, Tajikistan 2019")]
    event_id = services.events.list(2019)[0].id
    assert history.of_event(event_id)[0].source == "import"
    rollback_import(db, summary.import_id)
    rolled_back = history.of_indicator_cell("PHC_CONSULT", "Tajikistan", 2019)[3:]
    assert sorted((e.action, e.source, e.import_id, e.changes) for e in rolled_back) == [
        ("change", "rollback", summary.import_id, [("Total", "83219", "80000")]),
        ("remove", "rollback", summary.import_id, [("Male", "24175", "")])]
    assert [e.action for e in history.of_person_named("Karimov, Aziz")] == ["add", "add", "remove", "remove"]
    assert [e.action for e in history.of_event(event_id)] == ["add", "remove"]


def test_history_of_records_on_the_command_line(db, services, capsys):
    person = services.people.create(PersonData("Qurbonova", "Rukhshona"))
    services.people.update(person.copy(phone="+992 37 221 0000"))
    created = services.events.create(EventData(date(2019, 5, 14), "Regional TB meeting"))
    services.indicator_cells.save([CellValues("PHC_CONSULT", "Serbia", 2023, {TOTAL: Decimal(10)})])
    location = db.location
    assert main(["--database", location, "history", "--person", "Qurbonova, Rukhshona"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2].endswith(f"UTC  {expected_who(db)}  Qurbonova, Rukhshona changed by an edit")
    assert lines[-1] == '    Phone: (empty) -> "+992 37 221 0000"'
    assert main(["--database", location, "history", "--event", str(created.id)]) == EXIT_OK
    assert "2019-05-14 Regional TB meeting added by an edit" in capsys.readouterr().out
    assert main(["--database", location, "history", "--indicator", "PHC_CONSULT", "--country", "Serbia",
                 "--year", "2023"]) == EXIT_OK
    assert capsys.readouterr().out.splitlines()[-1] == '    Total: (empty) -> "10"'
    assert main(["--database", location, "history", "--publication", "77"]) == EXIT_INPUT
    assert capsys.readouterr().err.strip() == "mhdesk: No publication #77 is on record, nor any change of one."


def test_values_recorded_by_the_database_read_as_those_recorded_one_by_one(db):
    """An import's added values are recorded by one INSERT ... SELECT: the same entries as `entries` makes, for
    decimals, every part with and without a project, and a project code that needs escaping in JSON."""
    with db.session() as session, session.begin():
        indicator = session.scalar(select(Indicator).order_by(Indicator.id))
        indicator.decimals = 2
        project = Project(code='MA."7\\', title="Escaped in JSON")
        session.add(project)
        session.flush()
        every_part = [(sex, age, 7, project_id) for sex in SEXES for age in AGE_GROUPS
                      for project_id in (None, project.id) if (sex, age, project_id) != ("female", "adults", project.id)]
        rows = [IndicatorValue(indicator_id=indicator.id, country_id=1, year=2020 + index // 18,
                               project_id=project_id, sex=sex, age_group=age, value=stored)
                for index, (sex, age, stored, project_id) in enumerate(
                    [("", "", 5, None), ("female", "adults", 1250, project.id), ("male", "", 123456789, None),
                     ("", "children", 0, None), *every_part])]
        session.add_all(rows)
        session.flush()
        connection = session.connection()
        record_added_values(connection, rows[0].id, rows[-1].id, None, rollback=False)
        record_added_values(connection, rows[0].id, rows[-1].id, None, rollback=True)
        by_database = [(label, [tuple(c) for c in json.loads(changes)], action) for label, changes, action in
                       connection.execute(select(AuditEntry.label, AuditEntry.changes_json, AuditEntry.action)
                                          .order_by(AuditEntry.id))]
        names = Names(connection)
        names.learn(row_of(row) for row in rows)
        one_by_one = [(label, changes, action) for pair in [*((None, r) for r in rows), *((r, None) for r in rows)]
                      for _, _, label, action, changes in entries("indicator_value", *map(_row, pair), names)]
        session.rollback()
    assert by_database == one_by_one
    assert by_database[1][1] == [('MA."7\\ female, adults', "", "12.50")]


def _row(record):
    return None if record is None else row_of(record)


def test_an_edition_saved_changed_and_deleted(db, services, capsys):
    draft = services.editions.draft(2024)
    saved = services.editions.save(draft)
    services.editions.save(saved.copy(subtitle="Health on the move", sections_left_out=["charts"]))
    services.editions.delete(saved.id)
    added, changed, removed = services.record_history.of_edition(2024)
    assert (added.label, added.action) == ("the 2024 edition", "add") and ("Title", "", draft.title) in added.changes
    assert changed.changes == [("Subtitle", draft.subtitle or "", "Health on the move"),
                               ("Sections left out", "", "Charts")]
    assert removed.action == "remove"
    assert main(["--database", db.location, "history", "--edition", "2024"]) == EXIT_OK
    assert any(line.endswith("the 2024 edition removed by an edit") for line in capsys.readouterr().out.splitlines())


def test_exchange_rates_set_changed_removed_and_undone(db, services, capsys):
    rates = services.exchange_rates
    added = rates.add(RateData("EUR", date(2023, 1, 1), Decimal("1.085")))
    changed = rates.update(RateData("EUR", date(2023, 1, 1), Decimal("1.09"), id=added.id, version=added.version))
    rates.set(RateData("EUR", date(2023, 1, 1), Decimal("1.090")))  # the same rate: nothing to record
    rates.delete(changed.id, changed.version)
    rates.add(changed)  # Undo of the removal
    rates.add(RateData("GBP", date(2023, 1, 1), Decimal("1.25")))
    entries = services.record_history.of_exchange_rates("eur")
    assert [(e.label, e.action) for e in entries] == [("EUR from 2023-01-01", a) for a in
                                                      ("add", "change", "remove", "add")]
    assert entries[1].changes == [("Rate", "1.085", "1.09")]
    assert main(["--database", db.location, "history", "--rates", "EUR"]) == EXIT_OK
    assert '    Rate: "1.085" -> "1.09"' in capsys.readouterr().out.splitlines()
