"""Indicator values as listed (the window's list, `mhdesk indicators list`), read with the database driver alone.

Plain SQL, the subset SQLite and PostgreSQL share, on a DB-API connection: the service passes its own, and a
command that only lists passes a `sqlite3` one and need not import SQLAlchemy. Only integers the program chose go
into the SQL; a country is found by its name among the stored ones, never written into the statement.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from ..indicators.exact import from_stored
from ..plain_rows import driver_rows
from ..reference import stored_country_id


class IndicatorRow(NamedTuple):
    id: int
    indicator_code: str
    indicator: str
    country: str
    year: int
    project_code: str | None
    sex: str
    age_group: str
    value: Decimal  # exact: a count has no decimals, other values as many as their indicator allows
    source_cell: str | None
    source_import_id: int | None

    @property
    def is_total(self) -> bool:
        return not (self.sex or self.age_group)


_SELECT = (
    "SELECT v.id, i.code, i.name, c.name, v.year, p.code, v.sex, v.age_group, v.value, v.source_cell, "
    "v.source_import_id, i.decimals "
    "FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id JOIN country c ON c.id = v.country_id "
    "LEFT OUTER JOIN project p ON p.id = v.project_id"
)
_ORDER = ' ORDER BY v.year, i."position", c.name, p.code, v.sex, v.age_group'


def read_indicator_values(connection, year: int | None = None, country: str | None = None) -> list[IndicatorRow]:
    """The values (of `year`, of the country named `country`) in year, catalogue, country, project, sex and age
    order, through a DB-API `connection`; none for a country the database does not hold."""
    where = []
    if year is not None:
        where.append(f"v.year = {int(year)}")
    if country is not None:
        country_id = stored_country_id(connection, country)
        if country_id is None:
            return []
        where.append(f"v.country_id = {country_id}")
    sql = _SELECT + (f" WHERE {' AND '.join(where)}" if where else "") + _ORDER
    make = IndicatorRow._make
    return [make((*row[:8], from_stored(row[8], row[11]), row[9], row[10])) for row in driver_rows(connection, sql)]
