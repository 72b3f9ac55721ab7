"""The dry run of the Focal points sheet: people matched by name or e-mail, then their roles."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import or_, select

from ...directory_roles import role_label
from ..bulk import DATA_COLUMNS, TABLES
from .context import NewRef, PlanContext, source_cell
from .model import ADD, CHANGE, REMOVE, UNCHANGED, Entry, FieldChange

SHEET = "Focal points"


class PersonFields(NamedTuple):
    """A person's columns as the import writes them (bulk.DATA_COLUMNS["person"] order)."""

    family_name: str
    given_name: str | None
    email: str | None
    phone: str | None

    def with_contacts(self, email: str | None, phone: str | None) -> PersonFields:
        """The contacts a return gives replace the stored ones; a blank leaves them as they are."""
        return self._replace(email=email or self.email, phone=phone or self.phone)


class People:
    """Everyone in the directory, findable by family + given name (any case) or by e-mail."""

    def __init__(self, ctx: PlanContext):
        table = TABLES["person"]
        self.rows = {r.id: r for r in ctx.session.execute(select(*table.columns))}
        self.by_name: dict[tuple, object] = {}
        self.by_email: dict[str, object] = {}
        for row in sorted(self.rows.values(), key=lambda r: r.id, reverse=True):  # the oldest wins a tie
            self._remember(row.id, row.family_name, row.given_name, row.email)
        self.ctx = ctx
        self.changed: dict[int, list] = {}  # person id -> [version, data, first row]

    def _remember(self, ref, family, given, email) -> None:
        self.by_name[(family.casefold().strip(), (given or "").casefold().strip())] = ref
        if email:
            self.by_email[email.casefold().strip()] = ref

    def find_or_add(self, family: str, given: str | None, email: str | None, phone: str | None, row: int):
        """The person's id (or a NewRef to a person this import adds), their details updated."""
        ref = self.by_name.get((family.casefold().strip(), (given or "").casefold().strip()))
        if ref is None and email:
            ref = self.by_email.get(email.casefold().strip())
        adds = self.ctx.writes.tables["person"].adds
        if ref is None:
            ref = NewRef("person", len(adds))
            adds.append((PersonFields(family, given, email, phone), None))
        elif isinstance(ref, NewRef):
            data, cell = adds[ref.key]
            adds[ref.key] = (data.with_contacts(email, phone), cell)
        else:
            stored = self.rows[ref]
            version, data, first_row = self.changed.get(ref, [stored.version, PersonFields(
                *(getattr(stored, c) for c in DATA_COLUMNS["person"])), row])
            self.changed[ref] = [version, data.with_contacts(email, phone), first_row]
        self._remember(ref, family, given, email)
        return ref

    def printed_name(self, ref) -> str:
        if isinstance(ref, NewRef):
            fields = self.ctx.writes.tables["person"].adds[ref.key][0]
            family, given = fields.family_name, fields.given_name
        else:
            family, given = self.rows[ref].family_name, self.rows[ref].given_name
        return " ".join(p for p in (family.upper(), given) if p)

    def plan_changes(self) -> None:
        for person_id, (version, data, row) in self.changed.items():
            stored = self.rows[person_id]
            changes = tuple(FieldChange(label, getattr(stored, column) or "", new or "")
                            for label, column, new in (("E-mail", "email", data.email), ("Phone", "phone", data.phone))
                            if (getattr(stored, column) or "") != (new or ""))
            if changes:
                self.ctx.writes.tables["person"].changes.append((person_id, version, data, None))
                self.ctx.entry(Entry(SHEET, CHANGE, self.printed_name(person_id), row, changes))


def plan_focal_points(ctx: PlanContext) -> None:
    if not ctx.parsed.roles:
        return  # no Focal points rows: nothing reported there, nothing superseded
    people = People(ctx)
    stored = _stored_roles(ctx)
    by_key = {(r.country_id, r.year, r.role, r.programme_area_id, r.person_id): r for r in stored}
    areas = {i: c for c, i in ctx.area_ids.items()}
    countries = ctx.country_names
    writes = ctx.writes.tables["directory_role"]
    matched, seen = set(), {}
    for item in ctx.parsed.roles:
        country_id = ctx.country_ids.get(item.country) if item.country else None
        area_id = ctx.area_ids.get(item.programme_area) if item.programme_area else None
        problem = None
        if item.country and country_id is None:
            problem = ("Country", f'"{item.country}" is not a known country')
        elif item.programme_area and area_id is None:
            problem = ("Programme area", f'"{item.programme_area}" is not a programme area')
        elif item.role == "FP" and area_id is None:
            problem = ("Programme area", "a focal point needs a programme area")
        if problem:
            ctx.problem("error", problem[1], SHEET, item.row, problem[0])
            continue
        person = people.find_or_add(item.family_name, item.given_name, item.email, item.phone, item.row)
        key = (country_id, item.year, item.role, area_id, person)
        if key in seen:
            ctx.problem("error", f"the same role and person as row {seen[key]}", SHEET, item.row, "Role")
            continue
        seen[key] = item.row
        label = _label(key, countries, areas, people)
        cell = source_cell(SHEET, item.row)
        old = by_key.get(key)
        if old is None:
            writes.adds.append(((person, country_id, item.year, item.role, item.title, area_id), cell))
            ctx.entry(Entry(SHEET, ADD, label, item.row))
            continue
        matched.add(old.id)
        title = old.title if item.title is None else item.title
        if title != old.title:
            data = (person, country_id, item.year, item.role, title, area_id)
            writes.changes.append((old.id, old.version, data, cell))
            ctx.entry(Entry(SHEET, CHANGE, label, item.row, (FieldChange("Title", old.title or "", title or ""),)))
        else:
            ctx.entry(Entry(SHEET, UNCHANGED, label, item.row))
    people.plan_changes()
    for old in stored:
        if old.id not in matched and (old.source_import_id in ctx.prior_imports
                                      or (old.country_id == ctx.mission_id and old.year == ctx.year)):
            writes.removes.append((old.id, old.version))
            key = (old.country_id, old.year, old.role, old.programme_area_id, old.person_id)
            ctx.entry(Entry(SHEET, REMOVE, _label(key, countries, areas, people)))


def _stored_roles(ctx: PlanContext) -> list:
    table = TABLES["directory_role"]
    countries = {ctx.country_ids[r.country] for r in ctx.parsed.roles if r.country in ctx.country_ids}
    countries.add(ctx.mission_id)
    years = {r.year for r in ctx.parsed.roles} | {ctx.year}
    place = table.c.country_id.in_(sorted(countries))
    if any(not r.country for r in ctx.parsed.roles):
        place = or_(place, table.c.country_id.is_(None))
    wanted = place & table.c.year.in_(sorted(years))
    if ctx.prior_imports:
        wanted = or_(wanted, table.c.source_import_id.in_(ctx.prior_imports))
    return list(ctx.session.execute(select(*table.columns).where(wanted)))


def _label(key: tuple, countries: dict, areas: dict, people: People) -> str:
    country_id, year, role, area_id, person = key
    what = role_label(role) + (f" {areas[area_id]}" if area_id else "")
    where = f"{countries[country_id]} {year}" if country_id else f"regional {year}"
    return f"{what}, {where}: {people.printed_name(person)}"
