"""The directory as records: people, their roles over the years, cells of the grid, copying a year."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, select, text

from mhdesk.core.connect import open_database
from mhdesk.core.errors import MhdeskError, StaleRecord, ValidationFailed
from mhdesk.core.migrate import MIGRATIONS
from mhdesk.core.models import DirectoryRole
from mhdesk.core.services import Services
from mhdesk.core.services.directory import HEAD, REGIONAL, CellEntry, CellKey
from mhdesk.core.services.people import PersonData


def person(services, family, given=None, email=None, **more) -> PersonData:
    return services.people.create(PersonData(family, given, email=email, **more))


def names(state) -> list[str]:
    return [e.name for e in state.entries]


def fill(services, key: CellKey, *entries: CellEntry):
    return services.directory.set_cell(services.directory.cell(key), list(entries))


def test_names_are_kept_as_typed_and_printed_family_name_first(services):
    typed = person(services, "  Qurbonova ", "Rukhshona", " RQurbonova@Example.org ", title="Dr", phone="+992 1")

    stored = services.people.get(typed.id)
    assert (stored.family_name, stored.given_name, stored.email, stored.title) == (
        "Qurbonova", "Rukhshona", "rqurbonova@example.org", "Dr")
    assert stored.printed_name == "QURBONOVA Rukhshona"
    assert stored.mail_address() == "QURBONOVA Rukhshona <rqurbonova@example.org>"


def test_a_bad_email_or_missing_family_name_is_refused_naming_the_field(services):
    with pytest.raises(ValidationFailed) as problem:
        services.people.create(PersonData("", "Jaime", email="jaime@"))
    assert [(i.field, i.message) for i in problem.value.issues] == [
        ("Family name", "the family name is required"), ("E-mail", '"jaime@" is not a valid e-mail address')]
    assert services.people.all() == []


def test_namesakes_without_an_email_to_tell_them_apart_are_flagged_not_merged(services):
    first = person(services, "Jani", "Alma")
    second = person(services, "JANI", "alma")
    other = person(services, "Jani", "Alma", "ajani@example.org")
    told_apart = [person(services, "Pjetri", "Genci", "g1@example.org"), person(services, "Pjetri", "Genci",
                                                                                  "g2@example.org")]

    flagged = services.people.namesakes()

    assert len(services.people.all()) == 5
    assert sorted(flagged) == sorted([first.id, second.id, other.id])
    assert sorted(flagged[first.id]) == sorted([second.id, other.id])
    assert not any(p.id in flagged for p in told_apart)


def test_a_person_holding_roles_cannot_be_deleted_and_is_told_which(services):
    alma = person(services, "Jani", "Alma")
    fill(services, CellKey(2018, "Albania", HEAD), CellEntry(alma.id, "HOO"))
    fill(services, CellKey(2018, "Albania", "H2"), CellEntry(alma.id, "FP"))

    with pytest.raises(MhdeskError, match=r"JANI Alma still holds 2 roles \(Head of Office, Albania 2018; "
                                          r"Focal point H2, Albania 2018\)"):
        services.people.delete(alma.id)
    assert services.people.get(alma.id).role_count == 2

    fill(services, CellKey(2018, "Albania", HEAD))
    fill(services, CellKey(2018, "Albania", "H2"))
    services.people.delete(alma.id)
    assert services.people.all() == []


def test_a_stale_person_edit_is_refused_and_nothing_is_written(services):
    read = person(services, "Froes", "Ivan")
    services.people.update(read.copy(phone="+380 1"))

    with pytest.raises(StaleRecord):
        services.people.update(read.copy(email="ifroes@example.org"))
    now = services.people.get(read.id)
    assert (now.phone, now.email, now.version) == ("+380 1", None, 2)


def test_a_cell_keeps_its_order_and_a_reorder_bumps_the_versions(services, db):
    a, b, c = (person(services, n) for n in ("Zeco", "Torbica", "Asatryan"))
    key = CellKey(2018, "Bosnia and Herzegovina", "H1")
    state = fill(services, key, CellEntry(a.id, "FP"), CellEntry(b.id, "FP"), CellEntry(c.id, "FP"))
    assert names(state) == ["ZECO", "TORBICA", "ASATRYAN"]

    reordered = services.directory.set_cell(state, [CellEntry(c.id, "FP"), CellEntry(a.id, "FP")])

    assert names(reordered) == ["ASATRYAN", "ZECO"]
    with db.session() as session:
        rows = {r.person_id: (r.position, r.version) for r in session.scalars(select(DirectoryRole))}
    assert rows == {c.id: (0, 2), a.id: (1, 2)}  # both moved
    with pytest.raises(StaleRecord, match="Bosnia and Herzegovina H1 focal points in 2018 was changed elsewhere"):
        services.directory.set_cell(state, [CellEntry(b.id, "FP")])
    assert names(services.directory.cell(key)) == ["ASATRYAN", "ZECO"]


def test_a_cell_refuses_roles_that_do_not_belong_there(services):
    someone = person(services, "Weiss", "Thomas")
    with pytest.raises(MhdeskError, match="Focal point is not a role of Ukraine head of mission"):
        fill(services, CellKey(2018, "Ukraine", HEAD), CellEntry(someone.id, "FP"))
    with pytest.raises(MhdeskError, match="needs a title"):
        fill(services, CellKey(2018, None, REGIONAL), CellEntry(someone.id, "RC", name="WEISS Thomas"))
    assert services.directory.rows() == []


def test_copy_a_year_change_one_focal_point_both_years_list_and_undo_restores(services):
    com, fp, newcomer, rts = (person(services, n) for n in ("Weiss", "Morozova", "Froes", "Calderon"))
    fill(services, CellKey(2018, "Ukraine", HEAD), CellEntry(com.id, "COM"))
    fill(services, CellKey(2018, "Ukraine", "H1"), CellEntry(fp.id, "FP"))
    fill(services, CellKey(2018, None, REGIONAL), CellEntry(rts.id, "RTS", "RTS"))

    copied = services.directory.copy_year(2018, 2019)
    h1_2019 = services.directory.cell(CellKey(2019, "Ukraine", "H1"))
    changed = services.directory.set_cell(h1_2019, [CellEntry(newcomer.id, "FP")])

    def listed(year):
        return [(r.country, r.role_text, r.programme_area, r.family_name) for r in services.directory.rows(year)]
    assert listed(2018) == [("Ukraine", "COM", None, "Weiss"), ("Ukraine", "Focal point", "H1", "Morozova"),
                            (None, "RTS", None, "Calderon")]
    assert listed(2019) == [("Ukraine", "COM", None, "Weiss"), ("Ukraine", "Focal point", "H1", "Froes"),
                            (None, "RTS", None, "Calderon")]
    assert [r.year for r in services.directory.rows(person_id=com.id)] == [2018, 2019]
    with pytest.raises(MhdeskError, match="The directory of 2019 already has 3 roles; nothing was copied"):
        services.directory.copy_year(2018, 2019)

    # undo, last step first: the cell as it was (the same record comes back), then the copy
    services.directory.set_cell(changed, list(h1_2019.entries))
    assert listed(2019)[1] == ("Ukraine", "Focal point", "H1", "Morozova")
    services.directory.remove_roles(copied)
    assert listed(2019) == []
    assert len(listed(2018)) == 3


def test_undoing_a_copy_is_refused_once_a_copied_role_was_edited(services):
    com, other = person(services, "Weiss"), person(services, "Kesrovic")
    fill(services, CellKey(2018, "Ukraine", HEAD), CellEntry(com.id, "COM"), CellEntry(other.id, "OIC"))
    copied = services.directory.copy_year(2018, 2019)
    cell = services.directory.cell(CellKey(2019, "Ukraine", HEAD))
    services.directory.set_cell(cell, list(reversed(cell.entries)))

    with pytest.raises(StaleRecord):
        services.directory.remove_roles(copied)
    assert len(services.directory.rows(2019)) == 2


def test_an_older_database_keeps_its_regional_roles_as_coordinators_and_specialists(tmp_path):
    path = tmp_path / "office.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        connection.execute(text("INSERT INTO person (id, family_name, given_name, version) VALUES "
                                "(1, 'Islam', 'Risatul', 1), (2, 'Calderon', 'Jaime', 1)"))
        connection.execute(text("INSERT INTO directory_role (person_id, year, role, title, version) VALUES "
                                "(1, 2018, 'REGIONAL', 'RC for UA & MD', 1), (2, 2018, 'REGIONAL', 'RTS', 1)"))
    engine.dispose()

    db = open_database(path)
    try:
        rows = Services(db).directory.rows(2018)
        assert [(r.role, r.role_text, r.printed_name, r.position) for r in rows] == [
            ("RC", "RC for UA & MD", "ISLAM Risatul", 0), ("RTS", "RTS", "CALDERON Jaime", 0)]
    finally:
        db.dispose()
