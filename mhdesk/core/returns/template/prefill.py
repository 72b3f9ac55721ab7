"""The rows a pre-filled return template carries: a mission's current records.

Each row is a dict keyed by the layout's column headers, holding values in the
contract's plain forms (dates as dates, amounts as exact decimals, lists joined
with `; `), so that a template re-imported unchanged changes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import extract, select

from ...directory_roles import RETURN_ROLES, role_short
from ...models import Country, Event
from ...services import Services
from ...services.project_records import ProjectQuery

LIST_JOIN = "; "

Row = dict[str, object]


def plain_number(value: Decimal | None) -> int | Decimal | None:
    """A stored decimal as the exact number a spreadsheet shows (never a float): whole ones as ints."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def project_rows(services: Services, mission: str, year: int) -> list[Row]:
    """The mission's projects active in `year`, in code order."""
    rows = []
    for listed in services.projects.rows(ProjectQuery(year=year, country=mission)):
        project = services.projects.find(listed.code)
        if project is None:  # deleted between the two reads
            continue
        rows.append({
            "Code": project.code,
            "Title": project.title,
            "Programme area": project.programme_area,
            "Donor": LIST_JOIN.join(project.donors) or None,
            "Budget": project.budget,
            "Currency": project.currency,
            "Health budget": project.health_budget,
            "Start": project.start,
            "End": project.end,
            "Extended to": project.extended_to,
            "Countries": LIST_JOIN.join(project.countries) or None,
            "Managing mission": project.managing_mission,
            "Thematic areas": LIST_JOIN.join(project.thematic_areas) or None,
            "Status": project.status,
            "Summary": project.summary,
            "Achievements": "\n".join(project.achievements.get(year, ())) or None,
        })
    return rows


def focal_point_rows(services: Services, mission: str, year: int) -> list[Row]:
    """The mission's directory as it stood in the latest year up to `year`.

    People move between years; the latest known directory is the best guess of
    who holds each role now, and the mission corrects what changed.
    """
    roles = [r for r in services.directory.rows(country=mission) if r.year <= year and r.role in RETURN_ROLES]
    if not roles:
        return []
    latest = max(r.year for r in roles)
    return [
        {
            "Country": mission,
            "Role": role_short(r.role),
            "Programme area": r.programme_area,
            "Family name": r.family_name,
            "Given name": r.given_name,
            "E-mail": r.email,
            "Phone": r.phone,
        }
        for r in roles if r.year == latest
    ]


def indicator_rows(services: Services, mission: str, year: int) -> list[Row]:
    """Rows for every catalogue indicator, in catalogue order.

    Values already recorded for the mission and year are written out (so that
    a re-submitted return does not drop them). An indicator without a recorded
    country total also gets a row with an empty Value, ready to fill; left
    empty, it means "not reported".
    """
    recorded: dict[str, list] = {}
    for value in services.indicators.rows(year, mission):
        recorded.setdefault(value.indicator_code, []).append(value)
    rows: list[Row] = []
    for indicator in services.catalog.indicators:
        values = recorded.get(indicator.code, [])
        if not any(v.is_total and v.project_code is None for v in values):
            rows.append({"Indicator": indicator.name, "Country": mission})
        rows.extend(
            {
                "Indicator": indicator.name,
                "Value": plain_number(v.value),
                "Country": mission,
                "Project code": v.project_code,
                "Sex": v.sex or None,
                "Age group": v.age_group or None,
            }
            for v in values
        )
    return rows


def event_rows(services: Services, mission: str, year: int) -> list[Row]:
    """The mission's events of the year; a month-only date is written as `November 2019`."""
    statement = (
        select(Event).join(Country, Event.country)
        .where(Country.name == mission, extract("year", Event.date) == year)
        .order_by(Event.date, Event.title)
    )
    with services.db.session() as session:
        return [
            {
                "Date": _event_date(e.date, e.date_precision),
                "Title": e.title,
                "Place": e.place,
                "Participants": e.participants,
                "Description": e.description,
            }
            for e in session.scalars(statement)
        ]


def _event_date(day: date, precision: str) -> date | str:
    return day.strftime("%B %Y") if precision == "month" else day
