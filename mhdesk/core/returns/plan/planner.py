"""The dry run: compare a read return with the database and say what importing it would do.

Nothing is written. Matching follows the contract: a project by its code, an
indicator value by (indicator, country, year, project, sex, age group), a
focal point by (country, year, role, programme area, person), an event by
(date, title). A return supersedes what an earlier return of the same
mission and year wrote: values and focal points it no longer contains are
planned as removals. Projects are never removed by a return.
"""

from __future__ import annotations

from sqlalchemy import select

from ...database import Database
from ...models import ImportRecord
from ...services.catalog import Catalog
from ..parsed import ParsedReturn
from ..problems import Problem
from .context import DEFAULT_THRESHOLD, PlanContext, PlannedWrites
from .directory import plan_focal_points
from .model import Plan
from .projects import plan_events, plan_projects
from .values import plan_values


def plan_return(db: Database, parsed: ParsedReturn, *, catalog: Catalog | None = None,
                threshold: float = DEFAULT_THRESHOLD) -> Plan:
    """The plan of importing `parsed` into `db`; writes nothing."""
    catalog = catalog or Catalog(db)
    header = parsed.header
    plan = Plan(parsed.file_name, parsed.sha256, header.mission if header else None, header.year if header else None,
                header.submitted_by if header else None, header.email if header else None,
                header.date_submitted if header else None, problems=list(parsed.problems))
    mission_id = catalog.country_ids.get(header.mission) if header else None
    if header is None or mission_id is None:
        if not plan.errors:
            what = f'"{header.mission}" is not a known mission' if header else "the mission and year are missing"
            plan.problems.append(Problem("error", what, "Return", None, "Mission"))
        return plan

    with db.session() as session:
        ctx = PlanContext(
            parsed=parsed, session=session, mission_id=mission_id, year=header.year,
            country_ids=dict(catalog.country_ids),
            indicator_ids={i.code: i.id for i in catalog.indicators},
            indicator_names={i.id: i.name for i in catalog.indicators},
            area_ids=dict(catalog.programme_area_ids),
            thematic_areas=frozenset(catalog.thematic_areas),
            prior_imports=list(session.scalars(select(ImportRecord.id).where(
                ImportRecord.mission_id == mission_id, ImportRecord.year == header.year,
                ImportRecord.state == "applied"))),
            project_ids={},
            new_project_codes=set(),
            plan=plan,
            writes=PlannedWrites(mission_id),
            threshold=threshold,
        )
        plan_projects(ctx)
        plan_values(ctx)
        plan_focal_points(ctx)
        plan_events(ctx)
    plan.writes = ctx.writes
    return plan
