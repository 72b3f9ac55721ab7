"""The focal-point directory: who holds which role, where, in which year."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import case, func, select

from ..database import Database
from ..models import Country, DirectoryRole, Person, ProgrammeArea

ROLE_ORDER = {"COM": 0, "HOO": 1, "OIC": 2, "FP": 3, "REGIONAL": 4}


class DirectoryRow(NamedTuple):
    id: int
    year: int
    country: str | None
    role: str
    title: str | None
    programme_area: str | None  # H1, H2, H3
    family_name: str
    given_name: str | None
    email: str | None
    phone: str | None
    person_id: int

    @property
    def printed_name(self) -> str:
        return " ".join(p for p in (self.family_name.upper(), self.given_name) if p)


class DirectoryService:
    def __init__(self, db: Database):
        self._db = db

    def rows(self, year: int | None = None, country: str | None = None) -> list[DirectoryRow]:
        """Roles in country, role, area, name order; regional roles (no country) last."""
        statement = (
            select(DirectoryRole.id, DirectoryRole.year, Country.name, DirectoryRole.role, DirectoryRole.title,
                   ProgrammeArea.h_code, Person.family_name, Person.given_name, Person.email, Person.phone,
                   Person.id)
            .join(Person, DirectoryRole.person)
            .outerjoin(Country, DirectoryRole.country)
            .outerjoin(ProgrammeArea, DirectoryRole.programme_area)
            .order_by(DirectoryRole.year, case((Country.name.is_(None), 1), else_=0), Country.name,
                      case(ROLE_ORDER, value=DirectoryRole.role), ProgrammeArea.h_code, Person.family_name)
        )
        if year is not None:
            statement = statement.where(DirectoryRole.year == year)
        if country is not None:
            statement = statement.where(Country.name == country)
        with self._db.session() as session:
            return [DirectoryRow(*row) for row in session.execute(statement)]

    def latest_year(self, up_to: int | None = None) -> int | None:
        statement = select(func.max(DirectoryRole.year))
        if up_to is not None:
            statement = statement.where(DirectoryRole.year <= up_to)
        with self._db.session() as session:
            return session.scalar(statement)
