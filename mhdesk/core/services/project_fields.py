"""A project field by field, as text a person reads: what the audit trail records and a conflict shows.

`FIELDS` names every field of `ProjectData` a person edits, in the editor's order. `differences` compares two
versions of a project; `merged` builds the version to save from two, field by field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .project_records import ProjectData


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def _achievements(data: ProjectData) -> str:
    return "\n".join(f"{year}: {text}" for year, texts in sorted(data.achievements.items()) for text in texts)


def _photos(data: ProjectData) -> str:
    return "\n".join(" - ".join(part for part in (p.caption or p.file_name or "photo", p.credit) if part)
                     for p in data.photos)


def _testimonies(data: ProjectData) -> str:
    return "\n".join(f'"{t.quote}"' + "".join(f" - {part}" for part in (t.author, t.place) if part)
                     for t in data.testimonies)


@dataclass(frozen=True)
class Field:
    name: str  # the attribute of ProjectData
    label: str
    text: Callable[[ProjectData], str]


def _plain(name: str, label: str) -> Field:
    return Field(name, label, lambda data: _text(getattr(data, name)))


FIELDS: tuple[Field, ...] = (
    _plain("code", "Code"),
    _plain("title", "Title"),
    _plain("programme_area", "Programme area"),
    _plain("status", "Status"),
    _plain("donors", "Donors"),
    _plain("budget", "Budget"),
    _plain("currency", "Currency"),
    _plain("health_budget", "Health budget"),
    _plain("start", "Start"),
    _plain("end", "End"),
    _plain("extended_to", "Extended to"),
    _plain("countries", "Countries"),
    _plain("managing_mission", "Managing mission"),
    _plain("thematic_areas", "Thematic areas"),
    _plain("summary", "Summary"),
    Field("achievements", "Achievements", _achievements),
    Field("photos", "Photos", _photos),
    Field("testimonies", "Testimonies", _testimonies),
)


@dataclass(frozen=True)
class FieldDifference:
    field: Field
    before: str
    after: str


def differences(before: ProjectData | None, after: ProjectData | None) -> list[FieldDifference]:
    """The fields whose text differs, in the editor's order; a missing side counts as every field empty."""
    found = []
    for field in FIELDS:
        old = field.text(before) if before is not None else ""
        new = field.text(after) if after is not None else ""
        if old != new:
            found.append(FieldDifference(field, old, new))
    return found


def merged(base: ProjectData, other: ProjectData, taken_from_other: set[str]) -> ProjectData:
    """`base` with the fields named in `taken_from_other` (by `Field.name`) copied from `other`."""
    other = other.copy()
    return base.copy(**{name: getattr(other, name) for name in taken_from_other})
