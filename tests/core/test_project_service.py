"""The projects register through its service, on a real SQLite file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mhdesk.core.errors import StaleRecord, ValidationFailed
from mhdesk.core.services.project_records import ProjectData, ProjectQuery


def make(code, start, end, extended_to=None, **more) -> ProjectData:
    return ProjectData(code=code, title=more.pop("title", f"Project {code}"), start=start, end=end,
                       extended_to=extended_to, **more)


@pytest.fixture
def register(services):
    projects = services.projects
    projects.create(make("MA.0400", date(2017, 9, 1), date(2019, 8, 31), countries=["Republic of Moldova"],
                         donors=["IOM Development Fund"], budget=Decimal("170000.00"), currency="USD"))
    projects.create(make("MA.0398", date(2017, 3, 1), date(2017, 11, 30), extended_to=date(2018, 3, 31),
                         countries=["Belarus"], donors=["UNAIDS"], status="completed"))
    projects.create(make("MP.0156", date(2015, 10, 1), date(2017, 6, 30), countries=["Bosnia and Herzegovina"],
                         programme_area="MP", status="completed"))
    projects.create(make("MA.0500", None, None, status="pipeline", countries=["Türkiye"]))
    return projects


def codes(rows):
    return [r.code for r in rows]


def test_rows_come_in_code_order_with_their_lists(register):
    rows = register.rows()
    assert codes(rows) == ["MA.0398", "MA.0400", "MA.0500", "MP.0156"]
    ma0400 = rows[1]
    assert ma0400.donors == ("IOM Development Fund",)
    assert ma0400.countries == ("Republic of Moldova",)
    assert ma0400.budget == Decimal("170000.00") and ma0400.currency == "USD"


def test_year_active_counts_a_no_cost_extension_and_skips_undated(register):
    assert codes(register.rows(ProjectQuery(year=2018))) == ["MA.0398", "MA.0400"]
    assert codes(register.rows(ProjectQuery(year=2016))) == ["MP.0156"]
    assert codes(register.rows(ProjectQuery(year=2020))) == []


def test_one_missing_date_is_open_ended(register):
    register.create(make("MA.0600", date(2019, 1, 1), None))
    assert "MA.0600" in codes(register.rows(ProjectQuery(year=2030)))
    assert "MA.0600" not in codes(register.rows(ProjectQuery(year=2018)))


def test_filters_by_country_area_and_status(register):
    assert codes(register.rows(ProjectQuery(country="Belarus"))) == ["MA.0398"]
    assert codes(register.rows(ProjectQuery(programme_area="MP"))) == ["MP.0156"]
    assert codes(register.rows(ProjectQuery(status="pipeline"))) == ["MA.0500"]


def test_programme_area_follows_the_code_only_when_given(register):
    assert register.find("MP.0156").programme_area == "MP"


def test_update_checks_the_version(register):
    first = register.find("MA.0400")
    saved = register.update(first.copy(title="Renamed"))
    assert saved.version == first.version + 1
    assert register.find("MA.0400").title == "Renamed"
    with pytest.raises(StaleRecord):
        register.update(first.copy(title="From an old copy"))
    assert register.find("MA.0400").title == "Renamed"


def test_invalid_projects_are_refused_with_every_reason(register):
    with pytest.raises(ValidationFailed) as failure:
        register.create(ProjectData(code="M.1", title=" ", start=date(2020, 1, 1), end=date(2019, 1, 1),
                                    budget=Decimal("-5"), currency="USD"))
    fields = {issue.field for issue in failure.value.issues}
    assert fields == {"Code", "Title", "End", "Budget"}
    assert len(register.rows()) == 4


def test_duplicate_code_is_refused(register):
    with pytest.raises(ValidationFailed, match="already used"):
        register.create(ProjectData(code="MA.0400", title="Again"))


def test_unknown_country_is_refused_and_nothing_written(register):
    with pytest.raises(ValidationFailed, match="Narnia"):
        register.create(ProjectData(code="MA.0999", title="Nowhere", countries=["Narnia"]))
    assert register.find("MA.0999") is None


def test_delete_returns_a_snapshot_that_recreates_the_project_with_its_id(register):
    before = register.find("MA.0400")
    snapshot = register.delete(before.id)
    assert register.find("MA.0400") is None
    again = register.create(snapshot)
    assert again.id == before.id
    assert again.copy(version=None) == before.copy(version=None)


def test_free_code_like(register):
    assert register.free_code_like("MA.0400") == "MA.0501"


def test_donors_keep_their_order(services):
    for donors in (["UNAIDS", "European Union", "Kingdom of Norway"], ["Kingdom of Norway", "UNAIDS"]):
        saved = services.projects.find("MA.0777")
        if saved is None:
            saved = services.projects.create(ProjectData(code="MA.0777", title="Order", donors=donors))
        else:
            saved = services.projects.update(saved.copy(donors=donors))
        assert services.projects.find("MA.0777").donors == donors
        assert services.projects.rows()[0].donors == tuple(donors)


def test_rows_of_some_projects_only(register):
    wanted = {register.find("MA.0400").id, register.find("MP.0156").id}
    assert codes(register.rows(ids=wanted)) == ["MA.0400", "MP.0156"]
    assert register.rows(ids=[]) == []
