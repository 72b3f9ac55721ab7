"""The dry run of the Indicators sheet, beside each value the same key's value a year before.

Built for a hundred thousand rows: one query loads every stored value the
return could match, supersede or compare with; matching is by dictionary.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import and_, or_, select

from ...indicators.exact import NotExact, from_stored, to_stored
from ...models import Indicator
from ..bulk import TABLES, stored_columns
from .context import NewRef, PlanContext
from .model import ADD, CHANGE, REMOVE, UNCHANGED, Entry, FieldChange

SHEET = "Indicators"


class ValueKey(NamedTuple):
    """What identifies an indicator value: one per key in the database and in a return."""

    indicator_id: int
    country_id: int
    year: int
    project: int | NewRef | None
    sex: str
    age_group: str


class IncomingFigure(NamedTuple):
    """What _resolved makes of a row, as a plain tuple in this order (a hundred thousand are made)."""

    value: object  # the return's IncomingValue, for its row and note
    key: ValueKey
    stored: int  # the value as the database stores it (scaled by the indicator's decimals)


class StoredValue(NamedTuple):
    id: int
    key: ValueKey
    stored: int
    note: str | None
    version: int
    source_import_id: int | None


def plan_values(ctx: PlanContext) -> None:
    decimals = dict(ctx.session.execute(select(Indicator.id, Indicator.decimals)).all())
    incoming, incoming_by_key = _resolved(ctx, decimals)
    if not ctx.parsed.values:
        return  # no Indicators rows: nothing reported there, nothing superseded
    stored = _stored_rows(ctx, incoming)
    by_key = {row.key: row for row in stored}
    stored_groups = {row.key[:4] for row in stored}  # (indicator, country, year, project)
    incoming_years = {key[2] for key in incoming_by_key}

    def shown_stored(key: tuple, amount: int) -> str:
        places = decimals[key[0]]
        return str(amount) if places == 0 else f"{from_stored(amount, places):f}"

    names, countries, codes = ctx.indicator_names, ctx.country_names, {i: c for c, i in ctx.project_ids.items()}
    adds, changes = ctx.writes.tables["indicator_value"].adds, ctx.writes.tables["indicator_value"].changes
    entries, matched, threshold = ctx.plan.entries, set(), ctx.threshold
    # (indicator, country, year, project) -> the start of its values' labels, whether the return and the database
    # may hold its values of the year before, and the indicator's decimals: found once per group, not per row
    groups: dict[tuple, tuple] = {}
    added_values: dict[tuple[int, int], tuple[FieldChange]] = {}  # (stored amount, decimals) -> an add's change
    for value, key, figure in incoming:
        indicator_id, country_id, year, project, sex, age = key
        group = key[:4]
        known = groups.get(group)
        if known is None:
            known = groups[group] = (_label(names, countries, codes, (*group, "", "")), year - 1 in incoming_years,
                                     (indicator_id, country_id, year - 1, project) in stored_groups,
                                     decimals[indicator_id])
        label, before_in_return, before_stored, places = known
        previous = None
        if before_in_return or before_stored:  # the return's own value of the year before wins over the stored one
            # a plain tuple finds the ValueKey it equals: no named tuple made per row
            before = (indicator_id, country_id, year - 1, project, sex, age)
            if before_in_return:
                before_figure = incoming_by_key.get(before)
                previous = None if before_figure is None else before_figure[2]
            if previous is None and before_stored:
                before_row = by_key.get(before)
                previous = None if before_row is None else before_row.stored
        pct = None
        if previous:
            pct = round((figure - previous) * 100 / previous, 1)
            if figure > previous * threshold or figure * threshold < previous:
                ctx.problem("warning", _jump(from_stored(figure, places), from_stored(previous, places), year - 1,
                                             threshold), SHEET, value.row, "Value")
        if sex:
            label = f"{label}, {sex}, {age}" if age else f"{label}, {sex}"
        elif age:
            label = f"{label}, {age}"
        row_number = value.row
        cell = f"{SHEET}!{row_number}:{row_number}"  # source_cell(), inlined: this loop runs per row
        shown_previous = None if previous is None else str(previous) if places == 0 else shown_stored(key, previous)
        row = by_key.get(key) if by_key else None
        if row is None:
            adds.append(((*key, figure, value.note), cell))
            # the same amount reads the same for every indicator with the same decimals: one change each
            added = added_values.get((figure, places))
            if added is None:
                added = added_values[figure, places] = (FieldChange("Value", "", shown_stored(key, figure)),)
            entries.append(Entry(SHEET, ADD, label, row_number, added, shown_previous, pct))
            continue
        matched.add(row.id)
        note = row.note if value.note is None else value.note
        diff = ()
        if figure != row.stored:
            diff = (FieldChange("Value", shown_stored(key, row.stored), shown_stored(key, figure)),)
        if note != row.note:
            diff += (FieldChange("Note", row.note or "", note or ""),)
        if diff:
            changes.append((row.id, row.version, (*key, figure, note), cell))
        entries.append(Entry(SHEET, CHANGE if diff else UNCHANGED, label, value.row, diff, shown_previous, pct))
    removes = ctx.writes.tables["indicator_value"].removes
    for row in stored:
        if row.id not in matched and _superseded(ctx, row):
            removes.append((row.id, row.version))
            entries.append(Entry(SHEET, REMOVE, _label(names, countries, codes, row.key), None,
                                 (FieldChange("Value", shown_stored(row.key, row.stored), ""),)))


def _resolved(ctx: PlanContext, decimals: dict[int, int]) -> tuple[list[IncomingFigure], dict[tuple, IncomingFigure]]:
    """Each row that names known things and can be stored exactly (a count with a fractional part cannot), in
    row order and by key."""
    out, seen = [], {}
    country_ids, indicator_ids, project_ids = ctx.country_ids, ctx.indicator_ids, ctx.project_ids
    mission = next(n for n, i in country_ids.items() if i == ctx.mission_id)
    # the projects this return adds, one reference each for all their rows
    new_projects = {code: NewRef("project", code) for code in ctx.new_project_codes}
    for value in ctx.parsed.values:
        indicator_id = indicator_ids.get(value.indicator_code)
        country_id = country_ids.get(value.country or mission)
        project = None
        if value.project_code:
            project = project_ids.get(value.project_code)
            if project is None:
                project = new_projects.get(value.project_code)
        problem = None
        if indicator_id is None:
            problem = ("Indicator", f'"{value.indicator_code}" is not an indicator of the catalogue')
        elif country_id is None:
            problem = ("Country", f'"{value.country}" is not a known country')
        elif value.project_code and project is None:
            problem = ("Project code", f"{value.project_code} is neither in this return nor already known")
        elif value.value < 0:
            problem = ("Value", f"{value.value} is negative")
        else:
            places = decimals[indicator_id]
            number = value.value
            # a count given as a whole number, the common case, without the general conversion
            stored = int(number) if places == 0 and number.__class__ is Decimal and number.is_finite() else None
            if stored is None or stored != number:
                try:
                    stored = to_stored(number, places)
                except NotExact as error:
                    problem = ("Value", str(error))
        if problem:
            ctx.problem("error", problem[1], SHEET, value.row, problem[0])
            continue
        # A ValueKey and an IncomingFigure as the plain tuples they equal: no named tuple made per row.
        key = (indicator_id, country_id, value.year, project, value.sex or "", value.age_group or "")
        if key in seen:
            ctx.problem("error", f"the same indicator, country, year, project, sex and age group as row "
                                 f"{seen[key][0].row}",
                        SHEET, value.row, "Indicator")
            continue
        figure = seen[key] = (value, key, stored)
        out.append(figure)
    return out, seen


def _stored_rows(ctx: PlanContext, incoming: list[IncomingFigure]) -> list[StoredValue]:
    """Stored values the return may match, supersede or compare with."""
    table = TABLES["indicator_value"]
    countries = {key[1] for _, key, _ in incoming} | {ctx.mission_id}  # (indicator, country, year, ...)
    years = {key[2] for _, key, _ in incoming} | {ctx.year}
    years |= {y - 1 for y in years}
    wanted = and_(table.c.country_id.in_(sorted(countries)), table.c.year.in_(sorted(years)))
    if ctx.prior_imports:
        wanted = or_(wanted, table.c.source_import_id.in_(ctx.prior_imports))
    value = next(c for c in stored_columns("indicator_value") if c.name == "value")
    columns = (table.c.id, table.c.indicator_id, table.c.country_id, table.c.year, table.c.project_id, table.c.sex,
               table.c.age_group, value, table.c.note, table.c.version, table.c.source_import_id)
    return [StoredValue(r[0], ValueKey(*r[1:7]), *r[7:]) for r in ctx.session.execute(select(*columns).where(wanted))]


def _superseded(ctx: PlanContext, row: StoredValue) -> bool:
    """Written by an earlier return of this mission and year, or the mission's own value of that year."""
    return row.source_import_id in ctx.prior_imports or (row.key.country_id == ctx.mission_id
                                                         and row.key.year == ctx.year)


def _label(names: dict, countries: dict, codes: dict, key: tuple) -> str:
    indicator_id, country_id, year, project, sex, age = key
    parts = [names[indicator_id], f"{countries[country_id]} {year}"]
    if project is not None:
        parts.append(project.key if isinstance(project, NewRef) else codes.get(project, f"project #{project}"))
    parts += [p for p in (sex, age) if p]
    return ", ".join(parts)


def _jump(value, previous, year: int, threshold: float) -> str:
    new, old = f"{value:f}", f"{previous:f}"
    if value > previous:
        return f"{new} is {value / previous:.1f} times the {year} value {old} (more than x{threshold:g}); please check"
    return f"{new} is under 1/{threshold:g} of the {year} value {old}; please check"
