"""What the parts of the dry run share: the context they read, the writes they plan, how values show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from ...services.project_records import ProjectData
from ..parsed import ParsedReturn
from ..problems import Problem
from .model import Entry, FieldChange, Plan

DEFAULT_THRESHOLD = 3.0  # a value more than x3 or less than /3 of last year's is worth a second look


class NewRef(NamedTuple):
    """A record this import creates, referred to before it has an id."""

    entity: str  # "project" (key: its code) or "person" (key: its index among the person adds)
    key: Any


@dataclass
class ProjectWrite:
    action: str  # add or change
    data: ProjectData  # the project as the import leaves it
    version: int | None  # the version the dry run saw (changes)
    row: int


@dataclass
class TableWrites:
    """Rows of one table to write; data tuples follow bulk.DATA_COLUMNS."""

    adds: list[tuple[tuple, str | None]] = field(default_factory=list)  # (data, source cell)
    changes: list[tuple[int, int, tuple, str | None]] = field(default_factory=list)  # (id, version, data, cell)
    removes: list[tuple[int, int]] = field(default_factory=list)  # (id, version)

    def __len__(self) -> int:
        return len(self.adds) + len(self.changes) + len(self.removes)


WRITE_ORDER = ("person", "directory_role", "indicator_value", "event")


@dataclass
class PlannedWrites:
    mission_id: int
    projects: list[ProjectWrite] = field(default_factory=list)
    tables: dict[str, TableWrites] = field(default_factory=lambda: {e: TableWrites() for e in WRITE_ORDER})

    def total(self) -> int:
        return len(self.projects) + sum(len(t) for t in self.tables.values())


@dataclass
class PlanContext:
    """What every part of the dry run needs to know about the return and the catalogue."""

    parsed: ParsedReturn
    session: Session
    mission_id: int
    year: int
    country_ids: dict[str, int]
    indicator_ids: dict[str, int]
    indicator_names: dict[int, str]
    area_ids: dict[str, int]
    thematic_areas: frozenset[str]
    prior_imports: list[int]  # applied imports of the same mission and year: this return supersedes them
    project_ids: dict[str, int]  # every project code already in the database
    new_project_codes: set[str]
    plan: Plan
    writes: PlannedWrites
    threshold: float = DEFAULT_THRESHOLD
    today: date = field(default_factory=date.today)  # a new project's status may be derived from its dates

    @property
    def country_names(self) -> dict[int, str]:
        return {i: n for n, i in self.country_ids.items()}

    def problem(self, severity: str, message: str, sheet: str, row: int | None, column: str | None) -> None:
        self.plan.problems.append(Problem(severity, message, sheet, row, column))

    def entry(self, entry: Entry) -> None:
        self.plan.entries.append(entry)


def source_cell(sheet: str, row: int | None) -> str | None:
    """Where a record came from, as a row reference Excel understands: `Indicators!12:12`."""
    if row is None:
        return None
    name = f"'{sheet}'" if " " in sheet else sheet
    return f"{name}!{row}:{row}"


def shown(value: Any) -> str:
    """A field value as the plan shows it."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return "; ".join(f"{k}: {' | '.join(v)}" for k, v in sorted(value.items()))
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def shown_cents(cents: int | None) -> str:
    if cents is None:
        return ""
    whole, part = divmod(cents, 100)
    return str(whole) if part == 0 else f"{whole}.{part:02d}"


def field_changes(labels: dict[str, str], before: dict[str, Any], after: dict[str, Any]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(label, shown(before[name]), shown(after[name]))
                 for name, label in labels.items() if before[name] != after[name])
