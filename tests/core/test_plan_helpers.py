"""Builders of read returns (as the reader would hand them over) and snapshots of the database.

No tests here: the dry-run, apply and rollback tests share these.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import text

from mhdesk.core.returns.parsed import (
    IncomingEvent,
    IncomingProject,
    IncomingRole,
    IncomingValue,
    ParsedReturn,
    ReturnHeader,
)
from mhdesk.core.services.project_records import ProjectData

MISSION, YEAR = "Tajikistan", 2019
TABLES = ("project", "project_country", "project_donor", "achievement", "person", "directory_role",
          "indicator_value", "event", "import_record", "import_change", "donor")


def parsed_return(*, mission: str = MISSION, year: int = YEAR, projects=(), values=(), roles=(), events=(),
                  problems=(), file_name: str = "TJ-2019.xlsx", sha256: str = "ab" * 32) -> ParsedReturn:
    return ParsedReturn(file_name, sha256,
                        ReturnHeader(mission, year, "Rukhshona Qurbonova", "rq@example.org", date(2020, 1, 15), 1),
                        list(projects), list(values), list(roles), list(events), list(problems))


def value(indicator: str, amount, row: int, *, country: str = MISSION, year: int = YEAR, project: str | None = None,
          sex: str = "", age: str = "", note: str | None = None) -> IncomingValue:
    return IncomingValue(indicator, country, year, Decimal(str(amount)), row, project, sex, age, note)


def project(code: str, title: str, row: int, **fields) -> IncomingProject:
    fields.setdefault("countries", [MISSION])
    data = ProjectData(code=code, title=title, **fields)
    return IncomingProject(data, row, frozenset({"title", *fields}))


def role(role_code: str, family: str, row: int, *, given: str | None = None, area: str | None = None,
         email: str | None = None, country: str = MISSION, year: int = YEAR) -> IncomingRole:
    return IncomingRole(country, year, role_code, family, row, area, given, email)


def event(day: date, title: str, row: int, **fields) -> IncomingEvent:
    return IncomingEvent(day, title, row, **fields)


def snapshot(db) -> dict[str, list[tuple]]:
    """Every row of the tables an import may touch, for before/after comparisons."""
    with db.engine.connect() as conn:
        return {t: sorted(tuple(r) for r in conn.execute(text(f"SELECT * FROM {t}"))) for t in TABLES}


def values_by_key(db) -> dict[tuple, tuple]:
    """{(indicator code, country, year, project code, sex, age group): (value in hundredths, version, source)}."""
    query = text("""SELECT i.code, c.name, v.year, p.code, v.sex, v.age_group, v.value, v.version,
                           v.source_import_id, v.source_cell
                    FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id
                    JOIN country c ON c.id = v.country_id LEFT JOIN project p ON p.id = v.project_id""")
    with db.engine.connect() as conn:
        return {tuple(r[:6]): tuple(r[6:]) for r in conn.execute(query)}
