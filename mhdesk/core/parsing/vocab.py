"""Small fixed vocabularies: programme areas, roles, sex, age group, status,
and e-mail addresses."""

from __future__ import annotations

import re
from typing import Any, Literal, NamedTuple

from ..directory_roles import regional_role_of
from .errors import ParseError
from .text import clean_text

__all__ = [
    "PROGRAMME_AREAS",
    "ProgrammeArea",
    "h_code",
    "parse_age_group",
    "parse_email",
    "parse_programme_area",
    "parse_role",
    "parse_sex",
    "parse_status",
    "programme_area_name",
]

Role = Literal["COM", "HOO", "OIC", "FP", "RC", "RTS"]
Sex = Literal["", "female", "male"]
AgeGroup = Literal["", "children", "adults"]
Status = Literal["pipeline", "active", "completed"]


class ProgrammeArea(NamedTuple):
    code: str
    h_code: str
    name: str


PROGRAMME_AREAS = (
    ProgrammeArea("MH", "H1", "Migration Health Assessment & Travel Health Assistance"),
    ProgrammeArea("MA", "H2", "Health Promotion & Assistance for Migrants"),
    ProgrammeArea("MP", "H3", "Migration Health Assistance for Crisis Affected Populations"),
)


def _words(text: str) -> str:
    """Lower-case words separated by single spaces, ``&`` read as ``and``."""
    text = clean_text(text).casefold().replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


_AREA_BY_TOKEN = {token.lower(): area for area in PROGRAMME_AREAS for token in (area.code, area.h_code)}
_AREA_BY_NAME = {_words(area.name): area for area in PROGRAMME_AREAS}


def _programme_area(value: Any) -> ProgrammeArea:
    """Find the area named by a code, an H-number, its name, or a mix of
    them that agree (``MA/H2``, ``H2 - Health Promotion & Assistance…``)."""
    words = f" {_words(value)} "
    found = set()
    for name, area in _AREA_BY_NAME.items():
        if f" {name} " in words:
            found.add(area)
            words = words.replace(f" {name} ", " ")
    for token in words.split():
        if token not in _AREA_BY_TOKEN:
            found.clear()
            break
        found.add(_AREA_BY_TOKEN[token])
    if len(found) != 1:
        raise ParseError(value, "is not a programme area (expected MH/H1, MA/H2 or MP/H3)")
    return found.pop()


def parse_programme_area(value: Any) -> str:
    """Read a programme area as its letter code: ``MH``, ``MA`` or ``MP``."""
    return _programme_area(value).code


def h_code(area: Any) -> str:
    """The H-number of a programme area (``MA`` -> ``H2``)."""
    return _programme_area(area).h_code


def programme_area_name(area: Any) -> str:
    """The full name of a programme area (``MA`` -> ``Health Promotion & …``)."""
    return _programme_area(area).name


_ROLES: dict[str, Role] = {
    "com": "COM",
    "chief of mission": "COM",
    "head of mission": "COM",
    "hoo": "HOO",
    "head of office": "HOO",
    "oic": "OIC",
    "officer in charge": "OIC",
    "fp": "FP",
    "rts": "RTS",
    "rc": "RC",
}


def parse_role(value: Any) -> Role:
    """Read a role: ``COM``, ``HOO``, ``OIC``, ``FP`` (any ``focal point`` or
    ``focal person``), ``RC`` (``RC for UA & MD``, any other ``Regional …``
    title) or ``RTS`` (``RTS``, ``Regional thematic specialist``)."""
    words = _words(value)
    if words in _ROLES:
        return _ROLES[words]
    split = words.split()
    if "focal" in split:
        return "FP"
    if "regional" in split or (split and split[0] in ("rc", "rts")):
        return regional_role_of(clean_text(value))
    raise ParseError(value, "is not a role (expected COM, HOO, OIC, Focal point or a regional role)")


def _lookup(table: dict[str, str], value: Any, reason: str) -> str:
    words = _words(value)
    if words not in table:
        raise ParseError(value, reason)
    return table[words]


_SEXES: dict[str, Sex] = {
    **dict.fromkeys(("", "all", "both", "total"), ""),
    **dict.fromkeys(("f", "female", "females", "woman", "women"), "female"),
    **dict.fromkeys(("m", "male", "males", "man", "men"), "male"),
}
_AGE_GROUPS: dict[str, AgeGroup] = {
    **dict.fromkeys(("", "all", "total"), ""),
    **dict.fromkeys(("child", "children", "minor", "minors"), "children"),
    **dict.fromkeys(("adult", "adults"), "adults"),
}
_STATUSES: dict[str, Status] = {
    **dict.fromkeys(("pipeline", "in pipeline", "planned", "proposed"), "pipeline"),
    **dict.fromkeys(("active", "ongoing", "on going", "running", "in progress"), "active"),
    **dict.fromkeys(("completed", "complete", "closed", "finished", "ended"), "completed"),
}


def parse_sex(value: Any) -> Sex:
    """``female``, ``male``, or ``""`` for an empty cell (all sexes)."""
    return _lookup(_SEXES, value, "is not a sex (expected female, male, F, M or empty)")


def parse_age_group(value: Any) -> AgeGroup:
    """``children``, ``adults``, or ``""`` for an empty cell (all ages)."""
    return _lookup(_AGE_GROUPS, value, "is not an age group (expected children, adults or empty)")


def parse_status(value: Any) -> Status:
    """``pipeline``, ``active`` or ``completed`` (``ongoing`` -> active,
    ``closed`` -> completed, ``planned`` -> pipeline)."""
    return _lookup(_STATUSES, value, "is not a status (expected pipeline, active or completed)")


_LOCAL_PART = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_DOMAIN = r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}"
_EMAIL = re.compile(f"{_LOCAL_PART}@{_DOMAIN}")


def parse_email(value: Any) -> str:
    """Check an e-mail address and return it in lower case (a ``mailto:``
    prefix and surrounding ``<>`` are dropped)."""
    text = clean_text(value).lower()
    text = re.sub(r"^mailto:", "", text).strip("<> ")
    if not _EMAIL.fullmatch(text):
        raise ParseError(value, "is not a valid e-mail address")
    return text
