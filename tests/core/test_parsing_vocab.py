import json
from pathlib import Path

import pytest

from mhdesk.core.parsing import (
    PROGRAMME_AREAS,
    ParseError,
    h_code,
    parse_age_group,
    parse_email,
    parse_programme_area,
    parse_role,
    parse_sex,
    parse_status,
    programme_area_name,
)

REFERENCE = Path(__file__).resolve().parents[2] / "mhdesk" / "core" / "data" / "reference.json"


def test_programme_areas_match_the_reference_data():
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))["programme_areas"]
    assert [(a["code"], a["h_code"], a["name"]) for a in reference] == [tuple(area) for area in PROGRAMME_AREAS]


@pytest.mark.parametrize(
    ("cell", "area"),
    [
        ("MA", "MA"),
        ("H2", "MA"),
        ("ma/h2", "MA"),
        ("MA (H2)", "MA"),
        ("mh", "MH"),
        ("H1", "MH"),
        ("MP", "MP"),
        ("h3", "MP"),
        ("Health Promotion & Assistance for Migrants", "MA"),
        ("health promotion and assistance for migrants", "MA"),
        ("Migration Health Assessment and Travel Health Assistance", "MH"),
        ("MIGRATION HEALTH ASSISTANCE FOR CRISIS AFFECTED POPULATIONS", "MP"),
        ("H3 – Migration Health Assistance for Crisis Affected Populations", "MP"),
    ],
)
def test_programme_areas(cell, area):
    assert parse_programme_area(cell) == area


@pytest.mark.parametrize("cell", ["H4", "MA/H3", "Health", "CS", "", None])
def test_rejected_programme_areas(cell):
    with pytest.raises(ParseError, match="is not a programme area"):
        parse_programme_area(cell)


def test_h_codes_and_names():
    assert [h_code(code) for code in ("MH", "MA", "MP")] == ["H1", "H2", "H3"]
    assert h_code("H2") == "H2"
    assert programme_area_name("H2") == "Health Promotion & Assistance for Migrants"


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("COM", "COM"),
        ("CoM", "COM"),
        ("Chief of Mission", "COM"),
        ("HOO", "HOO"),
        ("Head of Office", "HOO"),
        ("OIC", "OIC"),
        ("Officer in charge", "OIC"),
        ("Officer-in-Charge", "OIC"),
        ("Focal point", "FP"),
        ("focal person", "FP"),
        ("FP", "FP"),
        ("Health focal point", "FP"),
        ("RTS", "RTS"),
        ("Regional thematic specialist", "RTS"),
        ("Regional Migration Health Coordinator", "RC"),
        ("RC for UA & MD", "RC"),
    ],
)
def test_roles(cell, role):
    assert parse_role(cell) == role


@pytest.mark.parametrize("cell", ["Director", "Chief", "", None])
def test_rejected_roles(cell):
    with pytest.raises(ParseError, match="is not a role"):
        parse_role(cell)


@pytest.mark.parametrize(
    ("cell", "sex"),
    [
        ("female", "female"),
        ("F", "female"),
        ("Women", "female"),
        ("male", "male"),
        ("m", "male"),
        ("MEN", "male"),
        ("", ""),
        (None, ""),
        ("  ", ""),
        ("all", ""),
    ],
)
def test_sexes(cell, sex):
    assert parse_sex(cell) == sex


@pytest.mark.parametrize(
    ("cell", "group"),
    [("children", "children"), ("Child", "children"), ("adults", "adults"), ("ADULT", "adults"), ("", ""), (None, "")],
)
def test_age_groups(cell, group):
    assert parse_age_group(cell) == group


@pytest.mark.parametrize(
    ("function", "cell", "message"),
    [
        (parse_sex, "girls", '"girls" is not a sex (expected female, male, F, M or empty)'),
        (parse_age_group, "elderly", '"elderly" is not an age group (expected children, adults or empty)'),
        (parse_status, "paused", '"paused" is not a status (expected pipeline, active or completed)'),
    ],
)
def test_rejected_vocabulary_quotes_the_cell(function, cell, message):
    with pytest.raises(ParseError) as caught:
        function(cell)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("pipeline", "pipeline"),
        ("Planned", "pipeline"),
        ("active", "active"),
        ("On-going", "active"),
        ("Completed", "completed"),
        ("closed", "completed"),
    ],
)
def test_statuses(cell, status):
    assert parse_status(cell) == status


@pytest.mark.parametrize(
    ("cell", "address"),
    [
        ("rqurbonova@example.org", "rqurbonova@example.org"),
        (" RQurbonova@Example.ORG ", "rqurbonova@example.org"),
        ("mailto:jcalderon@iom.int", "jcalderon@iom.int"),
        ("<a.b+news@mail.example.tj>", "a.b+news@mail.example.tj"),
    ],
)
def test_emails(cell, address):
    assert parse_email(cell) == address


@pytest.mark.parametrize(
    "cell",
    [
        "rqurbonova",
        "a@b",
        "a b@example.org",
        "a..b@example.org",
        "a@example..org",
        "a@-example.org",
        "@example.org",
        "a@@example.org",
        "",
        None,
    ],
)
def test_rejected_emails(cell):
    with pytest.raises(ParseError, match="is not a valid e-mail address"):
        parse_email(cell)
