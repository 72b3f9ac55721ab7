"""What a mission return says, once read and checked: the reader's output, the planner's input."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..services.project_records import ProjectData
from .problems import Problem, SortsProblems


@dataclass
class ReturnHeader:
    mission: str  # canonical country name
    year: int
    submitted_by: str | None = None
    email: str | None = None
    date_submitted: date | None = None
    template_version: int | None = None


@dataclass
class IncomingProject:
    data: ProjectData
    row: int
    # ProjectData field names the return gave a value for; the others are left alone on import.
    given: frozenset[str] = frozenset()


@dataclass(slots=True)
class IncomingValue:
    indicator_code: str
    country: str
    year: int
    value: Decimal
    row: int
    project_code: str | None = None
    sex: str = ""
    age_group: str = ""
    note: str | None = None

    @property
    def key(self) -> tuple:
        return (self.indicator_code, self.country, self.year, self.project_code, self.sex, self.age_group)


@dataclass
class IncomingRole:
    country: str
    year: int
    role: str  # a code of core.directory_roles
    family_name: str
    row: int
    programme_area: str | None = None  # MH, MA, MP
    given_name: str | None = None
    email: str | None = None
    phone: str | None = None
    title: str | None = None


@dataclass
class IncomingEvent:
    date: date
    title: str
    row: int
    date_precision: str = "day"
    place: str | None = None
    country: str | None = None
    participants: int | None = None
    description: str | None = None


@dataclass
class ParsedReturn(SortsProblems):
    file_name: str
    sha256: str
    header: ReturnHeader | None = None
    projects: list[IncomingProject] = field(default_factory=list)
    values: list[IncomingValue] = field(default_factory=list)
    roles: list[IncomingRole] = field(default_factory=list)
    events: list[IncomingEvent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

