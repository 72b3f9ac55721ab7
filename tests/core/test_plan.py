"""The dry run: added, changed (field: old -> new), unchanged, removed; errors and warnings; nothing written."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from test_plan_helpers import MISSION, YEAR, event, parsed_return, project, role, snapshot, value

from mhdesk.core.returns.apply.applier import apply_plan
from mhdesk.core.returns.plan.model import ADD, CHANGE, REMOVE, UNCHANGED, Entry, FieldChange, Plan
from mhdesk.core.returns.plan.planner import plan_return
from mhdesk.core.returns.problems import Problem


def actions(plan: Plan, sheet: str) -> dict[str, str]:
    return {e.label: e.action for e in plan.by_sheet().get(sheet, [])}


def first_return():
    return parsed_return(
        projects=[project("MA.0467", "TB care for migrants", 2, budget=Decimal("85000"), currency="USD",
                          donors=["IOM Development Fund"])],
        values=[value("PHC_CONSULT", 83219, 2), value("PHC_CONSULT", 24175, 3, sex="male"),
                value("REFERRALS", 120, 4, project="MA.0467")],
        roles=[role("COM", "Qurbonova", 2, given="Rukhshona", email="rq@example.org"),
               role("FP", "Karimov", 3, given="Aziz", area="MA")],
        events=[event(date(2019, 11, 5), "TB awareness day", 2, place="Dushanbe")],
    )


def test_a_first_return_adds_everything_and_writes_nothing(db):
    before = snapshot(db)
    plan = plan_return(db, first_return())
    assert snapshot(db) == before
    assert plan.can_apply and not plan.problems
    assert {sheet: dict(c) for sheet, c in plan.counts_by_sheet().items()} == {
        "Projects": {ADD: 1}, "Indicators": {ADD: 3}, "Focal points": {ADD: 2}, "Events": {ADD: 1}}
    assert actions(plan, "Indicators") == {
        "Primary health-care consultations, Tajikistan 2019": ADD,
        "Primary health-care consultations, Tajikistan 2019, male": ADD,
        "Referrals for care, Tajikistan 2019, MA.0467": ADD}
    referrals = next(e for e in plan.entries if e.label == "Referrals for care, Tajikistan 2019, MA.0467")
    assert [(c.field, c.old, c.new) for c in referrals.changes] == [("Value", "", "120")]
    assert "Chief of Mission, Tajikistan 2019: QURBONOVA Rukhshona" in actions(plan, "Focal points")


def test_a_resubmitted_return_changes_leaves_alone_and_removes(db):
    apply_plan(db, plan_return(db, first_return()))
    second = parsed_return(
        projects=[project("MA.0467", "TB care for migrants", 2, budget=Decimal("90000"))],
        values=[value("PHC_CONSULT", 83219, 2), value("REFERRALS", 150, 3, project="MA.0467")],
        roles=[role("COM", "QURBONOVA", 2, given="rukhshona", email="r.qurbonova@example.org")],
        events=[event(date(2019, 11, 5), "TB Awareness Day", 2, place="Khujand")],
    )
    plan = plan_return(db, second)
    assert actions(plan, "Indicators") == {
        "Primary health-care consultations, Tajikistan 2019": UNCHANGED,
        "Referrals for care, Tajikistan 2019, MA.0467": CHANGE,
        "Primary health-care consultations, Tajikistan 2019, male": REMOVE}
    referrals = next(e for e in plan.entries if e.label.startswith("Referrals"))
    assert [str(c) for c in referrals.changes] == ["Value: 120 -> 150"]
    projects = plan.by_sheet()["Projects"]
    assert [(e.action, [str(c) for c in e.changes]) for e in projects] == [(CHANGE, ["Budget: 85000.00 -> 90000"])]
    # the person is matched by name in any case; their new e-mail is a change, the role stays
    focal = {e.label: (e.action, [str(c) for c in e.changes]) for e in plan.by_sheet()["Focal points"]}
    assert focal == {
        "Chief of Mission, Tajikistan 2019: QURBONOVA Rukhshona": (UNCHANGED, []),
        "QURBONOVA Rukhshona": (CHANGE, ["E-mail: rq@example.org -> r.qurbonova@example.org"]),
        "Focal point MA, Tajikistan 2019: KARIMOV Aziz": (REMOVE, []),
    }
    (change,) = plan.by_sheet()["Events"]
    # matched by date and title in any case; the new spelling of the title is itself a change
    assert change.action == CHANGE and [str(c) for c in change.changes] == [
        "Title: TB awareness day -> TB Awareness Day", "Place: Dushanbe -> Khujand"]


def test_projects_are_never_removed_and_only_given_fields_change(db):
    apply_plan(db, plan_return(db, first_return()))
    plan = plan_return(db, parsed_return(values=[value("PHC_CONSULT", 83219, 2)]))
    assert "Projects" not in plan.by_sheet()
    title_only = parsed_return(projects=[project("MA.0467", "TB care for migrants", 2)])
    (entry,) = plan_return(db, title_only).entries
    assert entry.action == UNCHANGED  # budget, donors, currency not given: left alone


def test_a_return_without_indicator_rows_supersedes_no_values(db):
    apply_plan(db, plan_return(db, first_return()))
    plan = plan_return(db, parsed_return(events=[event(date(2019, 11, 5), "TB awareness day", 2)]))
    assert plan.count(REMOVE) == 0 and not plan.has_changes


def test_other_countries_values_are_not_superseded(db):
    apply_plan(db, plan_return(db, parsed_return(mission="Kyrgyzstan", values=[
        value("PHC_CONSULT", 500, 2, country="Kyrgyzstan")])))
    plan = plan_return(db, first_return())
    assert plan.count(REMOVE) == 0


def test_previous_year_and_the_times_three_warning(db):
    apply_plan(db, plan_return(db, parsed_return(year=2018, values=[
        value("PHC_CONSULT", 1000, 2, year=2018), value("REFERRALS", 900, 3, year=2018),
        value("FACILITIES", 10, 4, year=2018)])))
    plan = plan_return(db, parsed_return(values=[
        value("PHC_CONSULT", 1200, 2), value("REFERRALS", 3000, 3), value("FACILITIES", 3, 4)]))
    shown = {e.label.split(",")[0]: (e.previous, e.change_pct) for e in plan.entries}
    assert shown == {"Primary health-care consultations": ("1000", 20.0),
                     "Referrals for care": ("900", 233.3),
                     "IOM supported health facilities": ("10", -70.0)}
    assert plan.warnings == [
        Problem("warning", "3000 is 3.3 times the 2018 value 900 (more than x3); please check", "Indicators", 3,
                "Value"),
        Problem("warning", "3 is under 1/3 of the 2018 value 10; please check", "Indicators", 4, "Value")]
    assert plan.can_apply  # warnings do not block
    lenient = plan_return(db, parsed_return(values=[value("REFERRALS", 3000, 3)]), threshold=4)
    assert not lenient.warnings


def test_errors_block_applying(db):
    plan = plan_return(db, parsed_return(
        values=[value("NOT_AN_INDICATOR", 5, 2), value("PHC_CONSULT", 5, 3, project="MA.9999"),
                value("PHC_CONSULT", 5, 4), value("PHC_CONSULT", 6, 5)],
        problems=[Problem("error", '"about 50k" is not an amount', "Projects", 7, "Budget")]))
    assert not plan.can_apply
    assert [str(p) for p in plan.errors] == [
        'Projects row 7, Budget: "about 50k" is not an amount',
        'Indicators row 2, Indicator: "NOT_AN_INDICATOR" is not an indicator of the catalogue',
        "Indicators row 3, Project code: MA.9999 is neither in this return nor already known",
        "Indicators row 5, Indicator: the same indicator, country, year, project, sex and age group as row 4"]


def test_a_project_breaking_the_rules_is_an_error_on_its_row(db):
    plan = plan_return(db, parsed_return(projects=[
        project("MA.0468", "Shelter", 5, budget=Decimal("100"), thematic_areas=["Astrology"])]))
    assert sorted(str(p) for p in plan.errors) == [
        "Projects row 5, Currency: an amount needs a currency",
        'Projects row 5, Thematic areas: "Astrology" is not a known thematic area']
    assert not plan.entries


def test_the_plan_goes_to_json_and_back(db):
    plan = plan_return(db, first_return())
    again = Plan.from_json(plan.to_json())
    assert again.entries == plan.entries and again.problems == plan.problems
    assert (again.mission, again.year, again.date_submitted) == (MISSION, YEAR, date(2020, 1, 15))
    assert again.writes is None and not again.can_apply


def test_the_stored_plan_writes_each_entry_as_the_entry_says(db):
    """The import record keeps each entry as Entry.to_json gives it: trailing empties left out, nothing else."""
    apply_plan(db, plan_return(db, first_return()))
    plan = plan_return(db, parsed_return(values=[value("PHC_CONSULT", 90000, 2), value("REFERRALS", 120, 4),
                                                 value("PHC_CONSULT", 91000, 5, year=YEAR + 1)]))
    assert {e.action for e in plan.entries} >= {ADD, CHANGE, REMOVE}
    assert any(e.change_pct is not None for e in plan.entries) and any(e.row is None for e in plan.entries)
    assert json.loads(plan.to_json())["entries"] == [entry.to_json() for entry in plan.entries]


def test_the_stored_plan_is_the_json_of_its_entries_whatever_they_hold():
    """Entries are written as text piece by piece: the same text as the JSON encoder's, for every shape."""
    shared = (FieldChange("Value", "", "12"),)
    entries = [
        Entry("Indicators", ADD, 'Consultations, "Albania" 2023, MA.0001, female', 2, shared),
        Entry("Indicators", ADD, "Consultations, Türkiye 2023\nback\\slash\ttab\x01", 3, shared, "10", 20.0),
        Entry("Indicators", CHANGE, "Référence ✓", 4, (FieldChange("Value", "1.5", "2.25"),
                                                      FieldChange("Note", "", 'a "note"')), None, -33.3),
        Entry("Indicators", UNCHANGED, "Unchanged", 5, (), "7"),
        Entry("Indicators", UNCHANGED, "Unchanged, nothing before", 6),
        Entry("Indicators", REMOVE, "Removed", None, (FieldChange("Value", "3", ""),)),
        Entry("Projects", ADD, "MA.0002 Shelter", 7, (FieldChange("Title", "", "Shelter\u2028health"),)),
    ]
    plan = Plan("return.xlsx", "0" * 64, MISSION, YEAR, entries=entries)
    text = plan.to_json()
    expected = json.dumps([e.to_json() for e in entries], ensure_ascii=False, separators=(",", ":"))
    assert text.endswith(f',"entries":{expected}}}')
    assert Plan.from_json(text).entries == entries
