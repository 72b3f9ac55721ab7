"""The roles of the focal-point directory and their labels, written once for every module that names them.

A role is stored by its code. The head of a mission is its Chief of Mission (COM), Head of Office (HOO) or
officer in charge (OIC); focal points (FP) are held per programme area; regional coordinators (RC, for the
countries their title lists: `RC for UA & MD`) and the regional thematic specialist (RTS) sit above the
countries and hold no country.
"""

from __future__ import annotations

from typing import NamedTuple


class RoleKind(NamedTuple):
    code: str
    label: str  # as a sentence names it: "Chief of Mission"
    short: str  # as the printed directory and the return workbook write it: "COM", "Focal point"


ROLE_KINDS = (
    RoleKind("COM", "Chief of Mission", "COM"),
    RoleKind("HOO", "Head of Office", "HOO"),
    RoleKind("OIC", "Officer in charge", "OIC"),
    RoleKind("FP", "Focal point", "Focal point"),
    RoleKind("RC", "Regional coordinator", "RC"),
    RoleKind("RTS", "Regional thematic specialist", "RTS"),
)
ROLE_CODES = tuple(kind.code for kind in ROLE_KINDS)
HEAD_ROLES = ("COM", "HOO", "OIC")  # one of them heads a mission's row in the printed grid
HEAD_COLUMN = "Chief of Mission / Head of Office"  # the printed grid's column of HEAD_ROLES
AREA_ROLES = frozenset({"FP"})  # held per programme area
REGIONAL_ROLES = ("RC", "RTS")  # above the countries, without one
RETURN_ROLES = ("COM", "HOO", "OIC", "FP")  # what a mission reports on its return
ROLE_ORDER = {code: position for position, code in enumerate(ROLE_CODES)}

_KINDS = {kind.code: kind for kind in ROLE_KINDS}


def role_label(code: str) -> str:
    """`Chief of Mission`, `Focal point`, `Regional coordinator`..."""
    kind = _KINDS.get(code)
    return kind.label if kind else code


def role_short(code: str, title: str | None = None) -> str:
    """The role as printed: `COM`, `Focal point`; a regional role by its own title (`RC for UA & MD`)."""
    if code in REGIONAL_ROLES and title:
        return title
    kind = _KINDS.get(code)
    return kind.short if kind else code


def regional_role_of(title: str) -> str:
    """RC or RTS for a regional title: a coordinator's names the countries (`RC for UA & MD`)."""
    words = title.replace(".", " ").split()
    first = words[0].casefold() if words else ""
    if first == "rts" or "specialist" in title.casefold():
        return "RTS"
    return "RC"
