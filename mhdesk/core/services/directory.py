"""The focal-point directory: who holds which role, where, in which year; the year's grid and its cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import delete, func, select
from sqlalchemy.orm.exc import StaleDataError

from ..collation import collation_key
from ..database import Database
from ..directory_roles import AREA_ROLES, HEAD_ROLES, REGIONAL_ROLES, role_label
from ..errors import MhdeskError, NotFound, StaleRecord
from ..models import Country, DirectoryRole, Person, ProgrammeArea
from ..models.reference import is_mission
from .directory_rows import HEAD, REGIONAL, DirectoryRow, read_directory
from .row_audit import record_rows, row_of


class CellKey(NamedTuple):
    year: int
    country: str | None  # None: the regional band
    slot: str  # HEAD, REGIONAL or H1/H2/H3

    def describe(self) -> str:
        if self.slot == REGIONAL:
            return f"the regional roles of {self.year}"
        what = "head of mission" if self.slot == HEAD else f"{self.slot} focal points"
        return f"{self.country} {what} in {self.year}"


@dataclass(frozen=True)
class CellEntry:
    """One person in a cell, with the role they hold there (and a regional role's title)."""

    person_id: int
    role: str
    title: str | None = None
    name: str = ""  # printed name, for showing; not written
    email: str | None = None
    phone: str | None = None
    role_id: int | None = None  # the record it was read from: undoing a removal brings back that same record

    def same_role(self, other: CellEntry) -> bool:
        return (self.person_id, self.role, self.title or None) == (other.person_id, other.role, other.title or None)


@dataclass(frozen=True)
class CellState:
    """A cell as read: its people in order, and the versions an edit must find unchanged."""

    key: CellKey
    entries: tuple[CellEntry, ...]
    versions: tuple[tuple[int, int], ...]  # (role id, version), in id order


@dataclass
class GridRow:
    country: str
    footnote: str | None
    cells: dict[str, list[DirectoryRow]] = field(default_factory=dict)  # slot -> people in order


@dataclass
class DirectoryGrid:
    """A year's directory as printed: the regional band, then one row per country in the reader's alphabet."""

    year: int
    areas: list[tuple[str, str]]  # (H-number, name)
    regional: list[DirectoryRow]
    rows: list[GridRow]

    @property
    def slots(self) -> list[str]:
        return [HEAD] + [h for h, _ in self.areas]

    def footnotes(self) -> list[tuple[str, str]]:
        """(country, footnote) for the countries printed with one."""
        return [(row.country, row.footnote) for row in self.rows if row.footnote]

    def people_count(self) -> int:
        return len(self.regional) + sum(len(cell) for row in self.rows for cell in row.cells.values())


class DirectoryService:
    def __init__(self, db: Database):
        self._db = db

    # ---- reading ---------------------------------------------------------------------

    def rows(self, year: int | None = None, country: str | None = None, *,
             person_id: int | None = None) -> list[DirectoryRow]:
        """Roles in year, country (reader's alphabet), role, area, cell order; regional roles (no country) last."""
        with self._db.session() as session:
            return read_directory(session.connection().connection, year, country, person_id=person_id)

    def years(self) -> list[int]:
        with self._db.session() as session:
            return list(session.scalars(select(DirectoryRole.year).distinct().order_by(DirectoryRole.year)))

    def latest_year(self, up_to: int | None = None) -> int | None:
        statement = select(func.max(DirectoryRole.year))
        if up_to is not None:
            statement = statement.where(DirectoryRole.year <= up_to)
        with self._db.session() as session:
            return session.scalar(statement)

    def grid(self, year: int) -> DirectoryGrid:
        """Every mission and every other country holding a role that year, even those with empty cells."""
        with self._db.session() as session:
            countries = {c.name: c for c in session.scalars(select(Country))}
            areas = [tuple(a) for a in session.execute(
                select(ProgrammeArea.h_code, ProgrammeArea.name).order_by(ProgrammeArea.h_code))]
        roles = self.rows(year)
        shown = {name for name, c in countries.items() if is_mission(c.subregion)}
        shown |= {r.country for r in roles if r.country}
        grid_rows = {name: GridRow(name, countries[name].footnote, {slot: [] for slot in [HEAD, *(h for h, _ in areas)]})
                     for name in sorted(shown, key=collation_key)}
        regional = []
        for role in roles:
            if role.country is None:
                regional.append(role)
            else:
                grid_rows[role.country].cells.setdefault(role.slot, []).append(role)
        return DirectoryGrid(year, areas, regional, list(grid_rows.values()))

    def focal_points_of(self, countries: list[str], year: int) -> list[DirectoryRow]:
        """Each country's focal points in its latest directory up to the year after `year` (when returns for
        `year` are due); its head of mission where it has no focal point."""
        wanted = set(countries)
        latest: dict[str, int] = {}
        by_country: dict[tuple[str, int], list[DirectoryRow]] = {}
        for row in self.rows():
            if row.country in wanted and row.year <= year + 1:
                latest[row.country] = max(latest.get(row.country, row.year), row.year)
                by_country.setdefault((row.country, row.year), []).append(row)
        found = []
        for country in countries:
            roles = by_country.get((country, latest.get(country, -1)), [])
            found += [r for r in roles if r.role in AREA_ROLES] or [r for r in roles if r.role in HEAD_ROLES]
        return found

    def cell(self, key: CellKey) -> CellState:
        roles = [r for r in self.rows(key.year, key.country) if r.slot == key.slot and (r.country == key.country)]
        entries = tuple(CellEntry(r.person_id, r.role, r.title, r.printed_name, r.email, r.phone, r.id)
                        for r in roles)
        return CellState(key, entries, tuple(sorted((r.id, r.version) for r in roles)))

    # ---- writing ---------------------------------------------------------------------

    def set_cell(self, state: CellState, entries: list[CellEntry]) -> CellState:
        """Put `entries` in the cell, in that order, if it still holds what `state` read.

        A person who keeps their role keeps its record (and where it came from); only the order changes.
        """
        key = state.key
        self._check_entries(key, entries)
        with self._db.session() as session:
            try:
                with session.begin():
                    country_id, area_id = self._place(session, key)
                    current = [r for r in self._cell_roles(session, key, country_id, area_id)]
                    if tuple(sorted((r.id, r.version) for r in current)) != state.versions:
                        raise StaleRecord(f"The cell {key.describe()} was changed elsewhere; it is shown again as it "
                                          "is now.")
                    self._write_cell(session, key, country_id, area_id, current, entries)
            except StaleDataError as exc:
                raise StaleRecord(f"The cell {key.describe()} was changed elsewhere; it is shown again as it "
                                  "is now.") from exc
        return self.cell(key)

    def copy_year(self, source: int, target: int) -> list[int]:
        """Every role of `source` again in `target`, in the same cells and order; the new roles' ids.

        Refused when `target` already has a directory (copying would mix two years' people).
        """
        with self._db.session() as session, session.begin():
            already = session.scalar(select(func.count()).where(DirectoryRole.year == target))
            if already:
                raise MhdeskError(f"The directory of {target} already has {already} role"
                                  f"{'s' if already != 1 else ''}; nothing was copied.")
            roles = list(session.scalars(select(DirectoryRole).where(DirectoryRole.year == source)))
            if not roles:
                raise MhdeskError(f"There is no directory of {source} to copy.")
            copies = [DirectoryRole(person_id=r.person_id, country_id=r.country_id, year=target, role=r.role,
                                    title=r.title, programme_area_id=r.programme_area_id, position=r.position)
                      for r in roles]
            session.add_all(copies)
            session.flush()
            record_rows(session, "directory_role", [(None, row_of(c)) for c in copies])
            return [c.id for c in copies]

    def remove_roles(self, ids: list[int], *, untouched: bool = True) -> None:
        """Delete these roles (undoing a copy); with `untouched`, only if none was edited since it was written."""
        with self._db.session() as session, session.begin():
            found = list(session.scalars(select(DirectoryRole).where(DirectoryRole.id.in_(ids))))
            edited = [r for r in found if untouched and r.version != 1]
            if edited or len(found) != len(set(ids)):
                raise StaleRecord("Some of these roles were changed since; nothing was removed.")
            record_rows(session, "directory_role", [(row_of(r), None) for r in found])
            session.execute(delete(DirectoryRole).where(DirectoryRole.id.in_(ids)))

    # ---- internals -------------------------------------------------------------------

    @staticmethod
    def _check_entries(key: CellKey, entries: list[CellEntry]) -> None:
        allowed = REGIONAL_ROLES if key.slot == REGIONAL else HEAD_ROLES if key.slot == HEAD else tuple(AREA_ROLES)
        seen = []
        for entry in entries:
            if entry.role not in allowed:
                raise MhdeskError(f"{role_label(entry.role)} is not a role of {key.describe()} "
                                  f"(expected {', '.join(allowed)}).")
            if entry.role in REGIONAL_ROLES and not (entry.title or "").strip():
                raise MhdeskError(f"{entry.name or 'A regional role'} needs a title (RTS, RC for UA & MD).")
            if any(entry.same_role(other) for other in seen):
                raise MhdeskError(f"{entry.name or 'A person'} is twice in {key.describe()}.")
            seen.append(entry)
        if (key.country is None) != (key.slot == REGIONAL):
            raise MhdeskError("Regional roles sit above the countries; a country's cells hold its own roles.")

    @staticmethod
    def _place(session, key: CellKey) -> tuple[int | None, int | None]:
        country_id = area_id = None
        if key.country is not None:
            country_id = session.scalar(select(Country.id).where(Country.name == key.country))
            if country_id is None:
                raise NotFound(f"{key.country} is not a known country.")
        if key.slot not in (HEAD, REGIONAL):
            area_id = session.scalar(select(ProgrammeArea.id).where(ProgrammeArea.h_code == key.slot))
            if area_id is None:
                raise NotFound(f"{key.slot} is not a programme area.")
        return country_id, area_id

    @staticmethod
    def _cell_roles(session, key: CellKey, country_id, area_id) -> list[DirectoryRole]:
        statement = select(DirectoryRole).where(DirectoryRole.year == key.year)
        statement = statement.where(DirectoryRole.country_id.is_(None) if country_id is None
                                    else DirectoryRole.country_id == country_id)
        if key.slot == REGIONAL:
            statement = statement.where(DirectoryRole.role.in_(REGIONAL_ROLES))
        elif key.slot == HEAD:
            statement = statement.where(DirectoryRole.role.in_(HEAD_ROLES))
        else:
            statement = statement.where(DirectoryRole.role.in_(AREA_ROLES), DirectoryRole.programme_area_id == area_id)
        return list(session.scalars(statement))

    @staticmethod
    def _write_cell(session, key: CellKey, country_id, area_id, current: list[DirectoryRole],
                    entries: list[CellEntry]) -> None:
        missing = {e.person_id for e in entries} - set(
            session.scalars(select(Person.id).where(Person.id.in_({e.person_id for e in entries}))))
        if missing:
            raise NotFound("A person of this cell no longer exists; the cell is shown again as it is now.")
        left = list(current)
        audited = []  # (before, role): what the audit trail records once the cell is written
        for position, entry in enumerate(entries):
            kept = next((r for r in left if r.id == entry.role_id), None) or next(
                (r for r in left if r.person_id == entry.person_id and r.role == entry.role
                 and (r.title or None) == (entry.title or None)), None)
            if kept is not None:
                left.remove(kept)
                if kept.position != position:
                    audited.append((row_of(kept), kept))
                    kept.position = position
                continue
            role = DirectoryRole(person_id=entry.person_id, country_id=country_id, year=key.year, role=entry.role,
                                 title=(entry.title or None) if entry.role in REGIONAL_ROLES else None,
                                 programme_area_id=area_id, position=position)
            if entry.role_id is not None and session.get(DirectoryRole, entry.role_id) is None:
                role.id = entry.role_id
            session.add(role)
            audited.append((None, role))
        removed = [row_of(role) for role in left]
        for role in left:
            session.delete(role)
        session.flush()
        record_rows(session, "directory_role", [*((before, row_of(role)) for before, role in audited),
                                                *((before, None) for before in removed)])
