"""The directory's roles as listed (the window's list, `mhdesk directory list`), read with the database driver alone.

Plain SQL, the subset SQLite and PostgreSQL share, on a DB-API connection: the service passes its own, and a
command that only lists passes a `sqlite3` one and need not import SQLAlchemy. Only integers the program chose go
into the SQL; a country is found by its name among the stored ones, never written into the statement.
"""

from __future__ import annotations

from typing import NamedTuple

from ..collation import collation_key
from ..directory_roles import AREA_ROLES, REGIONAL_ROLES, ROLE_ORDER, role_label, role_short
from ..person_names import printed_name
from ..plain_rows import driver_rows
from ..reference import stored_country_id

HEAD = "head"  # the cell of a mission's COM, HOO or OIC
REGIONAL = "regional"  # the band of regional roles above the countries
# a role as `mhdesk directory list` and the exports list it
LIST_FIELDS = ("year", "country", "role", "programme_area", "family_name", "given_name", "email", "phone")


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
    position: int = 0
    version: int = 1

    @property
    def printed_name(self) -> str:
        return printed_name(self.family_name, self.given_name)

    @property
    def role_text(self) -> str:
        """As printed: `COM`, `Focal point`, `RC for UA & MD`."""
        return role_short(self.role, self.title)

    @property
    def slot(self) -> str:
        """The grid cell's column: HEAD, REGIONAL or the programme area's H-number."""
        if self.role in REGIONAL_ROLES:
            return REGIONAL
        return self.programme_area if self.role in AREA_ROLES else HEAD

    def listed(self) -> list:
        """The values of LIST_FIELDS; the role as the return workbook names it, a regional one by its title."""
        return [self.year, self.country, self.role_text, self.programme_area, self.family_name, self.given_name,
                self.email, self.phone]

    def describe(self) -> str:
        """`Focal point H2, Tajikistan 2018`."""
        what = role_label(self.role) + (f" {self.programme_area}" if self.programme_area else "")
        return f"{what}, {self.country or 'regional'} {self.year}"


_SELECT = (
    'SELECT r.id, r.year, c.name, r.role, r.title, a.h_code, p.family_name, p.given_name, p.email, p.phone, '
    'p.id, r."position", r.version '
    "FROM directory_role r JOIN person p ON p.id = r.person_id LEFT OUTER JOIN country c ON c.id = r.country_id "
    "LEFT OUTER JOIN programme_area a ON a.id = r.programme_area_id"
)


def read_directory(connection, year: int | None = None, country: str | None = None, *,
                   person_id: int | None = None) -> list[DirectoryRow]:
    """Roles (of `year`, of the country named `country`, of a person) through a DB-API `connection`, in year,
    country (reader's alphabet), role, area, cell order; regional roles (no country) last. None for a country
    the database does not hold."""
    where = []
    if year is not None:
        where.append(f"r.year = {int(year)}")
    if country is not None:
        country_id = stored_country_id(connection, country)
        if country_id is None:
            return []
        where.append(f"r.country_id = {country_id}")
    if person_id is not None:
        where.append(f"r.person_id = {int(person_id)}")
    sql = _SELECT + (f" WHERE {' AND '.join(where)}" if where else "")
    return sorted(map(DirectoryRow._make, driver_rows(connection, sql)), key=row_order)


def row_order(row: DirectoryRow):
    return (row.year, row.country is None, collation_key(row.country), ROLE_ORDER.get(row.role, 99),
            row.programme_area or "", row.position, collation_key(row.printed_name))
