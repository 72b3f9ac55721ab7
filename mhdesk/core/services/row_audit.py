"""The audit trail of the records kept row by row: people and the roles they hold, events, publications, the
indicator catalogue, exchange rates and indicator values. Written beside each change, in its transaction: by the
services' saves, and in bulk by an import and its rollback (from the import's own record of what it changed; the
values an import adds are recorded by the database itself, a statement per run of ids).

A row is given as {column: value as stored}. Each kind of row becomes one entry per record changed:
- a person: entity "person", their fields;
- a directory role: entity "person_role" under the id and name of the person who holds (or held) it, so
  that a person's history lists the roles they took up and left ("Focal point H2, Tajikistan 2018");
- an event, a publication, an indicator of the catalogue, an exchange rate: their fields;
- an indicator value: one entry per value, labelled by its cell ("HIV.1, Tajikistan, 2019"), the field naming
  the part ("Total", "Female, adults", "MA.0467 total").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import Connection, DateTime, String, case, cast, func, insert, literal, select, type_coerce
from sqlalchemy.orm import Session

from .. import audit
from ..directory_roles import REGIONAL_ROLES, role_label
from ..indicators.exact import from_stored
from ..models import (
    AGE_GROUPS,
    SEXES,
    AuditEntry,
    Country,
    ImportChange,
    Indicator,
    IndicatorValue,
    Person,
    ProgrammeArea,
    Project,
)

Row = Mapping[str, object]
CHUNK = 5000

ROLE_ENTITY = "person_role"
FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "person": (("family_name", "Family name"), ("given_name", "Given name"), ("title", "Title"),
               ("email", "E-mail"), ("phone", "Phone"), ("notes", "Notes")),
    "event": (("date", "Date"), ("date_precision", "Date known to the"), ("title", "Title"), ("place", "Place"),
              ("country_id", "Country"), ("participants", "Participants"), ("description", "Description")),
    "indicator": (("code", "Code"), ("name", "Name"), ("unit", "Unit"), ("description", "Description"),
                  ("decimals", "Decimals"), ("over_countries", "Across countries"), ("over_years", "Across years"),
                  ("by_sex", "By sex"), ("by_age", "By age group")),
    "exchange_rate": (("currency", "Currency"), ("reporting_currency", "Into"), ("valid_from", "Valid from"),
                      ("rate", "Rate")),
    "publication": (("title", "Title"), ("publisher", "Publisher"), ("place", "Place"), ("year", "Year"),
                    ("pages", "Pages"), ("format", "Format"), ("languages", "Languages"), ("isbn", "ISBN"),
                    ("link", "Link")),
}


def person_label(family_name: str, given_name: str | None) -> str:
    """What `mhdesk history --person` looks a person up by: `Qurbonova, Rukhshona`."""
    return f"{family_name}, {given_name}" if given_name else family_name


def indicator_cell_label(indicator_code: str, country: str, year: int) -> str:
    return f"{indicator_code}, {country}, {year}"


def rate_label(currency: str, valid_from: date) -> str:
    """`EUR from 2023-01-01`: the rates of a currency are found by their label's start."""
    return f"{currency} from {valid_from.isoformat()}"


def row_of(record) -> dict[str, object]:
    """An ORM record as a row: its columns as stored."""
    return {c.key: getattr(record, c.key) for c in record.__mapper__.column_attrs}


class Names:
    """What people call the ids a row holds, read once per transaction."""

    def __init__(self, conn: Connection | Session):
        self._conn = conn
        self._countries: dict[int, str] | None = None
        self._indicators: dict[int, tuple[str, int]] | None = None
        self._areas: dict[int, str] | None = None
        self._projects: dict[int, str] = {}
        self._people: dict[int, str] = {}

    def country(self, country_id) -> str:
        if self._countries is None:
            self._countries = dict(self._conn.execute(select(Country.id, Country.name)).all())
        return self._countries.get(country_id, "") if country_id is not None else ""

    def indicator(self, indicator_id) -> tuple[str, int]:
        """(code, decimals)."""
        if self._indicators is None:
            self._indicators = {i: (code, decimals) for i, code, decimals in self._conn.execute(
                select(Indicator.id, Indicator.code, Indicator.decimals))}
        return self._indicators.get(indicator_id, (f"#{indicator_id}", 0))

    def area(self, area_id) -> str:
        if self._areas is None:
            self._areas = dict(self._conn.execute(select(ProgrammeArea.id, ProgrammeArea.h_code)).all())
        return self._areas.get(area_id, "") if area_id is not None else ""

    def project(self, project_id) -> str:
        return self._projects.get(project_id, f"project #{project_id}")

    def person(self, person_id) -> str:
        return self._people.get(person_id, f"person #{person_id}")

    def learn(self, rows: Iterable[Row]) -> None:
        """Read at once the projects and people these rows name."""
        projects, people = set(), set()
        for row in rows:
            if row.get("project_id") is not None:
                projects.add(row["project_id"])
            if "person_id" in row:
                people.add(row["person_id"])
        for ids, known, query in ((projects - self._projects.keys(), self._projects,
                                   lambda part: select(Project.id, Project.code).where(Project.id.in_(part))),
                                  (people - self._people.keys(), self._people,
                                   lambda part: select(Person.id, Person.family_name, Person.given_name)
                                   .where(Person.id.in_(part)))):
            ids = sorted(ids)
            for start in range(0, len(ids), CHUNK):
                for record_id, *name in self._conn.execute(query(ids[start:start + CHUNK])):
                    known[record_id] = name[0] if len(name) == 1 else person_label(*name)

    def remember_person(self, person_id: int, label: str) -> None:
        self._people[person_id] = label


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):  # a rate as typed and as read back (to more places) reads the same
        return f"{value.normalize():f}"
    return str(value)


def _fields(table: str, row: Row | None, names: Names) -> dict[str, str]:
    if row is None:
        return {}
    return {label: names.country(row[name]) if name == "country_id" else _text(row[name])
            for name, label in FIELDS[table]}


def _label(table: str, row: Row) -> str:
    if table == "person":
        return person_label(row["family_name"], row["given_name"])
    if table == "event":
        return f"{_text(row['date'])} {row['title']}"
    if table == "indicator":
        return str(row["code"])
    if table == "exchange_rate":
        return rate_label(row["currency"], row["valid_from"])
    return str(row["title"])


def role_text(row: Row, names: Names) -> str:
    """`Focal point H2, Tajikistan 2018`; a regional role by its title too."""
    what = role_label(row["role"])
    if row["role"] in REGIONAL_ROLES and row.get("title"):
        what += f" ({row['title']})"
    area = names.area(row.get("programme_area_id"))
    return f"{what}{' ' + area if area else ''}, {names.country(row['country_id']) or 'regional'} {row['year']}"


def part_label(sex: str, age_group: str) -> str:
    """`Total`, `Female`, `Female, adults`: which part of a cell a value is."""
    return ", ".join(p for p in (sex, age_group) if p).capitalize() or "Total"


def _part(row: Row, names: Names) -> str:
    part = part_label(row["sex"], row["age_group"])
    return f"{names.project(row['project_id'])} {part.lower()}" if row.get("project_id") is not None else part


def _value_text(row: Row | None, names: Names) -> str:
    if row is None:
        return ""
    value: Decimal = from_stored(row["value"], names.indicator(row["indicator_id"])[1])
    return f"{value:f}"


def entries(table: str, before: Row | None, after: Row | None, names: Names) -> list[tuple]:
    """(entity, entity_id, label, action, changes) for one row added (no `before`), removed (no `after`) or
    changed; nothing when no field a person reads changed."""
    action = "add" if before is None else "remove" if after is None else "change"
    row = after if after is not None else before
    if table == "directory_role":
        return _role_entries(before, after, names)
    if table == "indicator_value":
        code, _ = names.indicator(row["indicator_id"])
        label = indicator_cell_label(code, names.country(row["country_id"]), row["year"])
        part = _part(row, names)
        changes = []
        old, new = _value_text(before, names), _value_text(after, names)
        if old != new:
            changes.append((part, old, new))
        old_note, new_note = _text((before or {}).get("note")), _text((after or {}).get("note"))
        if old_note != new_note:
            changes.append((f"{part} note", old_note, new_note))
        return [("indicator_value", row["id"], label, action, changes)] if changes else []
    old, new = _fields(table, before, names), _fields(table, after, names)
    changes = [(label, old.get(label, ""), new.get(label, "")) for _, label in FIELDS[table]
               if old.get(label, "") != new.get(label, "")]
    if not changes:
        return []
    return [(table, row["id"], _label(table, row), action, changes)]


def _role_entries(before: Row | None, after: Row | None, names: Names) -> list[tuple]:
    old = role_text(before, names) if before is not None else ""
    new = role_text(after, names) if after is not None else ""
    if before is not None and after is not None and before["person_id"] == after["person_id"]:
        changes = [("Role", old, new)] if old != new else []
        if before.get("position") != after.get("position"):
            changes.append((f"Place in the cell ({new})", str((before.get("position") or 0) + 1),
                            str((after.get("position") or 0) + 1)))
        person = after["person_id"]
        return [(ROLE_ENTITY, person, names.person(person), "change", changes)] if changes else []
    found = []
    if before is not None:
        found.append((ROLE_ENTITY, before["person_id"], names.person(before["person_id"]), "remove",
                      [("Role", old, "")]))
    if after is not None:
        found.append((ROLE_ENTITY, after["person_id"], names.person(after["person_id"]), "add", [("Role", "", new)]))
    return found


def record_rows(session_or_conn: Session | Connection, table: str, pairs: Iterable[tuple[Row | None, Row | None]],
                *, source: str = "edit", import_id: int | None = None, names: Names | None = None) -> int:
    """Audit entries for these (before, after) rows of `table`, written in the caller's transaction, in bulk;
    how many were written."""
    pairs = list(pairs)
    if not pairs:
        return 0
    conn = session_or_conn.connection() if isinstance(session_or_conn, Session) else session_or_conn
    names = names or Names(conn)
    names.learn(row for pair in pairs for row in pair if row is not None)
    at = datetime.now(timezone.utc).replace(tzinfo=None)
    who = audit.who(conn)
    written = 0
    batch: list[dict] = []
    for before, after in pairs:
        for entity, entity_id, label, action, changes in entries(table, before, after, names):
            batch.append(dict(at=at, who=who, entity=entity, entity_id=entity_id, label=label[:200], action=action,
                              source=source, import_id=import_id, changes_json=audit.changes_json(changes)))
        if len(batch) >= CHUNK:
            conn.execute(insert(AuditEntry.__table__), batch)
            written, batch = written + len(batch), []
    if batch:
        conn.execute(insert(AuditEntry.__table__), batch)
    return written + len(batch)


# ---- imports and rollbacks: from the import's own record of what it changed ----------------------------------

IMPORTED = ("person", "directory_role", "indicator_value", "event")  # the row tables an import writes in bulk


def record_import(conn: Connection, import_id: int) -> None:
    """After an import wrote its rows: one entry per row it added, changed or removed."""
    _record_import_changes(conn, import_id, rollback=False)


def record_rollback(conn: Connection, import_id: int) -> None:
    """Before a rollback puts the rows back: one entry per row it will delete, restore or put back."""
    _record_import_changes(conn, import_id, rollback=True)


def _record_import_changes(conn: Connection, import_id: int, *, rollback: bool) -> None:
    from ..returns.bulk import column_names, row_from_json, select_rows  # the import's own row format

    names = Names(conn)
    source = "rollback" if rollback else "import"
    for table in IMPORTED:
        changed: list[tuple[int, str | None]] = []
        for entity_id, through_id, action, before_json in conn.execute(
                select(ImportChange.entity_id, ImportChange.through_id, ImportChange.action, ImportChange.before_json)
                .where(ImportChange.import_id == import_id, ImportChange.entity == table).order_by(ImportChange.id)):
            if table == "indicator_value" and action == "add":  # the bulk of a large import: one statement a run
                record_added_values(conn, entity_id, through_id or entity_id, import_id, rollback=rollback)
                continue
            changed += [(row_id, before_json) for row_id in range(entity_id, (through_id or entity_id) + 1)]
        if not changed:
            continue
        columns = column_names(table)
        current = {row_id: dict(zip(columns, row))
                   for row_id, row in select_rows(conn, table, [row_id for row_id, _ in changed]).items()}
        pairs = []
        for row_id, before_json in changed:
            kept = dict(zip(columns, row_from_json(table, before_json))) if before_json else None
            now = current.get(row_id)
            pairs.append((now, kept) if rollback else (kept, now))
        record_rows(conn, table, pairs, source=source, import_id=import_id, names=names)


def text_of(expression):
    """An SQL expression typed as text, so that `+` joins it to text (`||`) rather than adding numbers."""
    return type_coerce(expression, String)


def record_added_values(conn: Connection, first: int, last: int, import_id: int, *, rollback: bool) -> None:
    """The entries of the values an import added (ids first..last), or that its rollback deletes, written by the
    database itself: as `entries` writes them, without reading 100,000 values into Python and back."""
    values, table = IndicatorValue.__table__, AuditEntry.__table__
    scale = case(*((Indicator.decimals == d, 10 ** d) for d in range(1, 7)), else_=1)
    value_text = text_of(case((Indicator.decimals == 0, cast(values.c.value, String)), else_=(
        cast(values.c.value // scale, String) + "." + func.substr(cast(scale + values.c.value % scale, String), 2))))
    # The part's label picked from the few the schema allows (its CHECK constraints), not put together per row.
    def part(lower: bool):
        return case({sex: case({age: part_label(sex, age).lower() if lower else part_label(sex, age)
                                for age in AGE_GROUPS}, value=values.c.age_group) for sex in SEXES},
                    value=values.c.sex)

    project_part = text_of(case((Project.code.is_(None), part(lower=False)), else_=(
        text_of(func.replace(func.replace(Project.code, "\\", "\\\\"), '"', '\\"')) + " "
        + text_of(part(lower=True)))))
    change = (literal('[["') + project_part + literal('","') + (value_text if rollback else literal(""))
              + literal('","') + (literal("") if rollback else value_text) + literal('"]]'))
    label = Indicator.code + ", " + Country.name + ", " + cast(values.c.year, String)
    rows = (select(literal(datetime.now(timezone.utc).replace(tzinfo=None), DateTime), literal(audit.who(conn)),
                   literal("indicator_value"), values.c.id, func.substr(label, 1, 200),
                   literal("remove" if rollback else "add"), literal("rollback" if rollback else "import"),
                   literal(import_id), change)
            .join_from(values, Indicator, Indicator.id == values.c.indicator_id)
            .join(Country, Country.id == values.c.country_id)
            .outerjoin(Project, Project.id == values.c.project_id)
            .where(values.c.id.between(first, last)))
    conn.execute(insert(table).from_select(
        ["at", "who", "entity", "entity_id", "label", "action", "source", "import_id", "changes_json"], rows))
