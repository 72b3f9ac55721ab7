"""The dry run of the Projects and Events sheets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ...collation import sorted_by_name
from ...models import Project
from ...services.project_records import ProjectData
from ...services.project_rules import check_project
from ...services.projects import to_data
from ..bulk import DATA_COLUMNS, TABLES
from .context import PlanContext, ProjectWrite, field_changes, shown, source_cell
from .model import ADD, CHANGE, UNCHANGED, Entry, FieldChange

PROJECT_LABELS = {
    "title": "Title", "programme_area": "Programme area", "donors": "Donor", "budget": "Budget",
    "currency": "Currency", "health_budget": "Health budget", "start": "Start", "end": "End",
    "extended_to": "Extended to", "countries": "Countries", "managing_mission": "Managing mission",
    "thematic_areas": "Thematic areas", "status": "Status", "summary": "Summary", "achievements": "Achievements",
}
EVENT_LABELS = {"date_precision": "Date", "title": "Title", "place": "Place", "country_id": "Country",
                "participants": "Participants", "description": "Description"}

# What the review lists for a project the return adds, in this order.
ADDED_FIELDS = ("programme_area", "donors", "budget", "health_budget", "start", "end", "extended_to", "countries",
                "managing_mission", "status")
FROM_DATES = "from its dates"

FULL_LOAD = (selectinload(Project.donor_links), selectinload(Project.countries), selectinload(Project.thematic_areas),
              selectinload(Project.achievements), selectinload(Project.photos), selectinload(Project.testimonies),
              selectinload(Project.programme_area), selectinload(Project.managing_mission))


def plan_projects(ctx: PlanContext) -> None:
    session = ctx.session
    ctx.project_ids.update(session.execute(select(Project.code, Project.id)).all())
    incoming = ctx.parsed.projects
    codes = [p.data.code for p in incoming]
    existing = {p.code: to_data(p) for p in session.scalars(
        select(Project).where(Project.code.in_(codes)).options(*FULL_LOAD))} if codes else {}
    seen: dict[str, int] = {}
    for item in incoming:
        code = item.data.code
        if code in seen:
            ctx.problem("error", f"{code} is already on row {seen[code]}", "Projects", item.row, "Code")
            continue
        seen[code] = item.row
        before = existing.get(code)
        after = _merged(before, item.data, item.given) if before else item.data.copy(id=None, version=None)
        if not _valid(ctx, after, item.row):
            continue
        label = f"{code} {after.title}".strip()
        if before is None:
            end = after.extended_to or after.end
            derived = bool(item.given) and "status" not in item.given and (after.start or end) is not None
            if derived:  # a new project needs a status; the return left it to its dates
                after.status = status_from_dates(after.start, end, ctx.today)
                ctx.problem("warning", f"no status given; {after.status} is taken {FROM_DATES}", "Projects",
                            item.row, "Status")
            ctx.new_project_codes.add(code)
            ctx.writes.projects.append(ProjectWrite(ADD, after, None, item.row))
            ctx.entry(Entry("Projects", ADD, label, item.row, added_fields(after, derived)))
            continue
        changes = field_changes(PROJECT_LABELS, _comparable(before), _comparable(after))
        if changes:
            ctx.writes.projects.append(ProjectWrite(CHANGE, after, before.version, item.row))
        ctx.entry(Entry("Projects", CHANGE if changes else UNCHANGED, label, item.row, changes))


def status_from_dates(start: date | None, end: date | None, today: date) -> str:
    """Completed when it ended before today, pipeline when it starts after today, else active."""
    if end is not None and end < today:
        return "completed"
    if start is not None and start > today:
        return "pipeline"
    return "active"


def added_fields(data: ProjectData, status_derived: bool = False) -> tuple[FieldChange, ...]:
    """What a new project will hold, field by field, for the review: budgets with their currency."""
    out = []
    for name in ADDED_FIELDS:
        value = getattr(data, name)
        if value in (None, "", [], ()):
            continue
        if name == "countries":
            value = sorted_by_name(value)
        text = shown_money(value, data.currency) if isinstance(value, Decimal) else shown(value)
        if name == "status" and status_derived:
            text = f"{text} ({FROM_DATES})"
        out.append(FieldChange(PROJECT_LABELS[name], "", text))
    return tuple(out)


def shown_money(amount: Decimal, currency: str | None) -> str:
    """`170,000 USD`, `290,500.50 EUR`: cents only when there are some."""
    digits = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{digits} {currency}" if currency else digits


def _merged(before: ProjectData, incoming: ProjectData, given: frozenset[str]) -> ProjectData:
    """The existing project with only the fields the return gave a value for replaced."""
    given = given or frozenset(name for name in PROJECT_LABELS if getattr(incoming, name) not in (None, "", [], {}))
    after = before.copy()
    for name in given:
        if name == "achievements":  # a return reports its own year's achievements; other years stay
            after.achievements = {**before.achievements, **incoming.achievements}
        elif name in PROJECT_LABELS:
            value = getattr(incoming, name)
            setattr(after, name, list(value) if isinstance(value, list) else value)
    return after


def _comparable(data: ProjectData) -> dict:
    """The fields as compared: countries and thematic areas are sets (the database lists them by name)."""
    fields = dict(vars(data))
    for name in ("countries", "thematic_areas"):
        fields[name] = sorted(fields[name])
    return fields


def _valid(ctx: PlanContext, data: ProjectData, row: int) -> bool:
    problems = [(issue.field, issue.message) for issue in check_project(data)]
    for name in [*data.countries, *([data.managing_mission] if data.managing_mission else [])]:
        if name not in ctx.country_ids:
            problems.append(("Countries", f'"{name}" is not a known country'))
    problems += [("Thematic areas", f'"{t}" is not a known thematic area')
                 for t in data.thematic_areas if t not in ctx.thematic_areas]
    if data.programme_area and data.programme_area not in ctx.area_ids:
        problems.append(("Programme area", f'"{data.programme_area}" is not a programme area'))
    for column, message in problems:
        ctx.problem("error", message, "Projects", row, column)
    return not problems


def plan_events(ctx: PlanContext) -> None:
    incoming = ctx.parsed.events
    if not incoming:
        return
    table = TABLES["event"]
    columns = DATA_COLUMNS["event"]
    dates = sorted({e.date for e in incoming})
    existing = {}
    for row in ctx.session.execute(select(table.c.id, table.c.version, *(table.c[c] for c in columns))
                                   .where(table.c.date.in_(dates))):
        existing.setdefault((row.date, _title_key(row.title)), row)
    names = ctx.country_names
    seen: dict[tuple, int] = {}
    for event in incoming:
        key = (event.date, _title_key(event.title))
        if key in seen:
            ctx.problem("error", f"the same date and title as row {seen[key]}", "Events", event.row, "Title")
            continue
        seen[key] = event.row
        country_id = ctx.country_ids.get(event.country) if event.country else None
        if event.country and country_id is None:
            ctx.problem("error", f'"{event.country}" is not a known country', "Events", event.row, "Country")
            continue
        given = dict(date=event.date, date_precision=event.date_precision, title=event.title.strip(),
                     place=event.place, country_id=country_id, participants=event.participants,
                     description=event.description)
        label = f"{event.date.isoformat()} {event.title}"
        cell = source_cell("Events", event.row)
        old = existing.get(key)
        if old is None:
            ctx.writes.tables["event"].adds.append((tuple(given[c] for c in columns), cell))
            ctx.entry(Entry("Events", ADD, label, event.row))
            continue
        before = {c: getattr(old, c) for c in columns}
        after = {c: before[c] if given[c] is None else given[c] for c in columns}  # empty cells leave values alone
        changes = field_changes(EVENT_LABELS, _named(before, names), _named(after, names))
        if changes:
            ctx.writes.tables["event"].changes.append((old.id, old.version, tuple(after[c] for c in columns), cell))
        ctx.entry(Entry("Events", CHANGE if changes else UNCHANGED, label, event.row, changes))


def _title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def _named(values: dict, country_names: dict[int, str]) -> dict:
    return {**values, "country_id": country_names.get(values["country_id"])}
