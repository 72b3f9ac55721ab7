"""The import log as the Returns view shows it: missions x years, and each import with its plan."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from ..database import Database
from ..models import Country, ImportRecord
from ..models.reference import SUBREGIONS, is_mission
from ..reporting import reporting_year
from .plan.model import Plan

RETURNED, WITH_PROBLEMS, ROLLED_BACK, MISSING = "returned", "returned with problems", "rolled back", "missing"


@dataclass(frozen=True)
class ImportInfo:
    """One import record, without its plan."""

    id: int
    file_name: str
    sha256: str
    mission: str
    year: int
    imported_at: datetime
    submitted_by: str | None
    submitter_email: str | None
    date_submitted: date | None
    added: int
    changed: int
    removed: int
    warnings: int
    state: str  # applied, rolled_back

    @property
    def counts(self) -> str:
        return f"{self.added} added, {self.changed} changed, {self.removed} removed"


@dataclass(frozen=True)
class ReturnStatus:
    """One cell of the Returns view: where a mission's return for a year stands."""

    mission: str
    year: int
    status: str  # RETURNED, WITH_PROBLEMS, ROLLED_BACK or MISSING
    latest: ImportInfo | None = None  # the latest applied import, else the latest rolled back one

    def describe(self) -> str:
        if self.latest is None:
            return MISSING
        who = f" by {self.latest.submitted_by}" if self.latest.submitted_by else ""
        warned = f", {self.latest.warnings} warning(s)" if self.latest.warnings else ""
        return (f"{self.status} {self.latest.imported_at:%d %b %Y}{who}: {self.latest.counts}{warned}")


@dataclass(frozen=True)
class ReturnsOverview:
    missions: list[str]  # the region's countries, sub-region by sub-region
    years: list[int]
    cells: dict[tuple[str, int], ReturnStatus]

    def status(self, mission: str, year: int) -> ReturnStatus:
        return self.cells[(mission, year)]

    def missing(self, year: int) -> list[str]:
        return [m for m in self.missions if self.cells[(m, year)].status in (MISSING, ROLLED_BACK)]


@dataclass(frozen=True)
class ImportDetails:
    info: ImportInfo
    plan: Plan


def returns_overview(db: Database, years: Iterable[int] | None = None) -> ReturnsOverview:
    """Missions (countries of the region's sub-regions, not 'Other') x years. Without `years`: every
    year an import was made for, and last year (the one being reported on now)."""
    imports = list_imports(db)
    wanted = sorted(set(years) if years is not None else {i.year for i in imports} | {reporting_year()})
    with db.session() as session:
        countries = [c for c in session.execute(select(Country.name, Country.subregion)) if is_mission(c[1])]
        missions = [name for name, region in sorted(countries, key=lambda c: (_region_rank(c[1]), c[0]))]
    latest: dict[tuple[str, int], ImportInfo] = {}
    for info in imports:  # oldest first: an applied import outranks a rolled back one, a later one an earlier
        key = (info.mission, info.year)
        if key not in latest or info.state == "applied" or latest[key].state == "rolled_back":
            latest[key] = info
    cells = {}
    for mission in missions:
        for year in wanted:
            info = latest.get((mission, year))
            cells[(mission, year)] = ReturnStatus(mission, year, _status(info), info)
    return ReturnsOverview(missions, wanted, cells)


def list_imports(db: Database, mission: str | None = None, year: int | None = None) -> list[ImportInfo]:
    """Import records, oldest first, optionally of one mission and/or year."""
    statement = select(*_INFO_COLUMNS).join(ImportRecord.mission).order_by(ImportRecord.imported_at, ImportRecord.id)
    if mission is not None:
        statement = statement.where(Country.name == mission)
    if year is not None:
        statement = statement.where(ImportRecord.year == year)
    with db.session() as session:
        return [ImportInfo(*row) for row in session.execute(statement)]


def import_details(db: Database, import_id: int) -> ImportDetails | None:
    """The import record and its plan, for the review dialog opened from the Returns view."""
    with db.session() as session:
        row = session.execute(select(*_INFO_COLUMNS, ImportRecord.plan_json).join(ImportRecord.mission)
                              .where(ImportRecord.id == import_id)).one_or_none()
    if row is None:
        return None
    return ImportDetails(ImportInfo(*row[:-1]), Plan.from_json(row[-1]))


_INFO_COLUMNS = (ImportRecord.id, ImportRecord.file_name, ImportRecord.sha256, Country.name, ImportRecord.year,
                 ImportRecord.imported_at, ImportRecord.submitted_by, ImportRecord.submitter_email,
                 ImportRecord.date_submitted, ImportRecord.added, ImportRecord.changed, ImportRecord.removed,
                 ImportRecord.warnings, ImportRecord.state)


def _status(info: ImportInfo | None) -> str:
    if info is None:
        return MISSING
    if info.state == "rolled_back":
        return ROLLED_BACK
    return WITH_PROBLEMS if info.warnings else RETURNED


def _region_rank(subregion: str) -> int:
    return SUBREGIONS.index(subregion) if subregion in SUBREGIONS else len(SUBREGIONS)
