"""A record's version covers everything it owns: a change to any of its lists bumps it, by hand or by an import,
so that a save over a stale copy and a rollback over a later edit are refused; on real SQLite files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import delete, select, text
from test_plan_helpers import parsed_return, project, role, snapshot

from mhdesk.core.errors import StaleRecord
from mhdesk.core.models import Achievement, Country, DirectoryRole, Person, Photo, Project, ProjectDonor
from mhdesk.core.models import projects as project_model
from mhdesk.core.returns.apply.applier import apply_plan
from mhdesk.core.returns.apply.rollback import RollbackRefused, rollback_import
from mhdesk.core.returns.plan.planner import plan_return
from mhdesk.core.services import project_records
from mhdesk.core.services.project_records import PhotoData, ProjectData

CODE = "MA.0400"
NAMED = ("countries", "thematic_areas")  # kept in name order

# Each list of a project, and an edit of it alone.
LIST_EDITS = {
    "countries": lambda p: p.copy(countries=[*p.countries, "Albania"]),
    "donors": lambda p: p.copy(donors=[*p.donors, "European Union"]),
    "thematic_areas": lambda p: p.copy(thematic_areas=[*p.thematic_areas, "HIV/AIDS"]),
    "achievements": lambda p: p.copy(achievements={**p.achievements, 2019: ["1,200 migrants screened"]}),
    "photos": lambda p: p.copy(photos=[*p.photos, PhotoData("clinic.jpg", "The mobile clinic", "IOM")]),
    "testimonies": lambda p: p.copy(testimonies=[*p.testimonies, project_records.TestimonyData("Seen the same day.")]),
}


def ma0400(**changes) -> ProjectData:
    return ProjectData(
        code=CODE, title="Health promotion for labour migrants", countries=["Republic of Moldova"],
        donors=["IOM Development Fund"], thematic_areas=["Tuberculosis"], budget=Decimal("170000.00"),
        currency="USD", start=date(2017, 9, 1), end=date(2019, 8, 31), achievements={2018: ["40 doctors trained"]},
        photos=[PhotoData("training.jpg", "Training in Chisinau", "IOM")],
        testimonies=[project_records.TestimonyData("The training changed how we work.", "A nurse")]).copy(**changes)


def project_rows(db) -> dict[str, list[tuple]]:
    """Every row of the project and of everything it owns."""
    tables = ("project", "project_country", "project_donor", "project_thematic_area", "achievement", "photo",
              "testimony")
    with db.engine.connect() as conn:
        return {t: sorted(tuple(r) for r in conn.execute(text(f"SELECT * FROM {t}"))) for t in tables}


def stored_version(db, table: str, row_id: int) -> int:
    with db.engine.connect() as conn:
        return conn.execute(text(f"SELECT version FROM {table} WHERE id = :id"), {"id": row_id}).scalar_one()


# ---- by hand, through the service ------------------------------------------------------


@pytest.mark.parametrize("listed", LIST_EDITS)
def test_a_save_over_a_copy_read_before_a_list_changed_is_refused_and_writes_nothing(services, db, listed):
    projects = services.projects
    projects.create(ma0400())
    mine, theirs = projects.find(CODE), projects.find(CODE)
    saved = projects.update(LIST_EDITS[listed](mine))
    assert saved.version == mine.version + 1
    wanted = getattr(LIST_EDITS[listed](mine), listed)
    edited = projects.find(CODE)
    assert getattr(edited, listed) == (sorted(wanted) if listed in NAMED else wanted)
    before = project_rows(db)
    with pytest.raises(StaleRecord, match=f"Project {CODE} was changed elsewhere"):
        projects.update(theirs.copy(title="A title change over a stale copy"))
    assert project_rows(db) == before
    assert projects.find(CODE) == edited


def test_the_reported_case_albania_is_kept(services):
    """Two copies of MA.0400 are read; one adds Albania and saves; the other's title change is refused."""
    projects = services.projects
    projects.create(ma0400())
    first, second = projects.find(CODE), projects.find(CODE)
    projects.update(first.copy(countries=[*first.countries, "Albania"]))
    with pytest.raises(StaleRecord):
        projects.update(second.copy(title="Renamed"))
    again = projects.find(CODE)
    assert again.countries == ["Albania", "Republic of Moldova"] and again.title == first.title
    # read again, the title change goes through, and Albania stays
    renamed = projects.update(again.copy(title="Renamed"))
    assert renamed.countries == ["Albania", "Republic of Moldova"] and renamed.title == "Renamed"


def test_one_save_bumps_the_version_once_and_a_save_without_change_not_at_all(services):
    projects = services.projects
    created = projects.create(ma0400())
    assert created.version == 1
    # the title and every list at once: one save, one step, though the save flushes several times
    everything = created.copy(title="All of it")
    for edit in LIST_EDITS.values():
        everything = edit(everything)
    saved = projects.update(everything)
    assert saved.version == 2
    assert projects.update(saved.copy()).version == 2
    assert projects.find(CODE).version == 2


def test_reordering_the_donors_is_a_change(services):
    projects = services.projects
    created = projects.create(ma0400(donors=["UNAIDS", "European Union"]))
    saved = projects.update(created.copy(donors=["European Union", "UNAIDS"]))
    assert saved.version == created.version + 1 and projects.find(CODE).donors == ["European Union", "UNAIDS"]


# ---- any write through the ORM, wherever it comes from ----------------------------------------


def edit_in_a_session(db, edit) -> None:
    with db.session() as session, session.begin():
        edit(session, session.scalar(select(Project).where(Project.code == CODE)))


ROW_EDITS = {
    "an achievement's text": lambda s, p: setattr(s.scalar(select(Achievement).where(Achievement.project_id == p.id)),
                                                  "text", "41 doctors trained"),
    "a photo deleted": lambda s, p: s.delete(s.scalar(select(Photo).where(Photo.project_id == p.id))),
    "a testimony added by its key": lambda s, p: s.add(project_model.Testimony(project_id=p.id, quote="Thank you.")),
    "a donor's place": lambda s, p: setattr(s.scalar(select(ProjectDonor).where(ProjectDonor.project_id == p.id)),
                                            "position", 5),
    "achievements deleted in one statement": lambda s, p: s.execute(delete(Achievement).where(
        Achievement.project_id == p.id)),
}


@pytest.mark.parametrize("edit", ROW_EDITS)
def test_a_write_to_an_owned_row_bumps_its_project(services, db, edit):
    created = services.projects.create(ma0400())
    stale = services.projects.find(CODE)
    edit_in_a_session(db, ROW_EDITS[edit])
    assert stored_version(db, "project", created.id) == created.version + 1
    with pytest.raises(StaleRecord):
        services.projects.update(stale.copy(title="Over a stale copy"))


def test_deleting_a_project_with_its_lists_is_not_a_stale_write(services, db):
    created = services.projects.create(ma0400())
    services.projects.delete(created.id)
    assert project_rows(db)["achievement"] == [] and services.projects.find(CODE) is None


def tajikistan(session) -> Country:
    return session.scalar(select(Country).where(Country.name == "Tajikistan"))


def test_a_persons_roles_are_theirs(db):
    with db.session() as session, session.begin():
        person = Person(family_name="Qurbonova", given_name="Rukhshona")
        session.add(person)
        session.flush()
        person_id = person.id
    assert stored_version(db, "person", person_id) == 1
    with db.session() as session, session.begin():
        session.add(DirectoryRole(person=session.get(Person, person_id), country=tajikistan(session), year=2019,
                                  role="COM"))
    assert stored_version(db, "person", person_id) == 2
    with db.session() as session, session.begin():
        session.scalar(select(DirectoryRole).where(DirectoryRole.person_id == person_id)).year = 2020
    assert stored_version(db, "person", person_id) == 3


# ---- imports ---------------------------------------------------------------------------------


def test_an_import_that_changes_only_a_list_bumps_the_version(services, db):
    created = services.projects.create(ma0400())
    stale = services.projects.find(CODE)
    summary = apply_plan(db, plan_return(db, parsed_return(projects=[
        project(CODE, created.title, 2, countries=["Republic of Moldova", "Tajikistan"])])))
    assert summary.changed == 1
    after = services.projects.find(CODE)
    assert after.countries == ["Republic of Moldova", "Tajikistan"] and after.version == created.version + 1
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT after_version FROM import_change WHERE entity = 'project'")).scalar_one() \
            == after.version
    with pytest.raises(StaleRecord):
        services.projects.update(stale.copy(title="Over a copy read before the import"))
    rollback_import(db, summary.import_id)
    assert services.projects.find(CODE) == created


def test_an_import_that_gives_a_person_a_role_bumps_the_person_and_a_rollback_restores_them(db):
    apply_plan(db, plan_return(db, parsed_return(roles=[role("COM", "Qurbonova", 2, given="Rukhshona",
                                                             email="rq@example.org")])))
    before = snapshot(db)
    person_id, version = before["person"][0][0], before["person"][0][5]
    second = apply_plan(db, plan_return(db, parsed_return(year=2020, file_name="TJ-2020.xlsx", roles=[
        role("COM", "Qurbonova", 2, given="Rukhshona", email="rq@example.org", year=2020)])))
    assert len(snapshot(db)["person"]) == 1 and stored_version(db, "person", person_id) == version + 1
    rollback_import(db, second.import_id)
    after = snapshot(db)
    assert (after["person"], after["directory_role"]) == (before["person"], before["directory_role"])


def test_a_hand_edit_of_a_persons_roles_after_an_import_refuses_its_rollback(db):
    imported = apply_plan(db, plan_return(db, parsed_return(roles=[role("COM", "Qurbonova", 2, given="Rukhshona")])))
    with db.session() as session, session.begin():
        person = session.scalar(select(Person))
        session.add(DirectoryRole(person=person, country=tajikistan(session), year=2018, role="COM"))
        person_id = person.id
    before = snapshot(db)
    with pytest.raises(RollbackRefused, match=f"person #{person_id} was edited"):
        rollback_import(db, imported.import_id)
    assert snapshot(db) == before


@pytest.mark.parametrize("listed", LIST_EDITS)
def test_a_hand_edit_of_any_list_after_an_import_refuses_its_rollback_naming_the_project(services, db, listed):
    services.projects.create(ma0400())
    imported = apply_plan(db, plan_return(db, parsed_return(projects=[
        project(CODE, "Health promotion for labour migrants and their families", 2,
                countries=["Republic of Moldova"])])))
    services.projects.update(LIST_EDITS[listed](services.projects.find(CODE)))
    before, lists_before = snapshot(db), project_rows(db)
    with pytest.raises(RollbackRefused) as refused:
        rollback_import(db, imported.import_id)
    assert refused.value.conflicts == [f"project {CODE} was edited"]
    assert f"Import #{imported.import_id} was not rolled back" in str(refused.value)
    assert snapshot(db) == before and project_rows(db) == lists_before


@pytest.mark.parametrize("listed", LIST_EDITS)
def test_a_hand_edit_of_any_list_of_a_project_the_import_added_refuses_its_rollback(services, db, listed):
    imported = apply_plan(db, plan_return(db, parsed_return(projects=[
        project("MA.0467", "TB care for migrants", 2, donors=["IOM Development Fund"])])))
    services.projects.update(LIST_EDITS[listed](services.projects.find("MA.0467")))
    before = snapshot(db)
    with pytest.raises(RollbackRefused, match="project MA.0467 was edited"):
        rollback_import(db, imported.import_id)
    assert snapshot(db) == before
