"""The reference data shipped with mhdesk (countries, areas, indicators), and what a database holds of it.

The database is asked through the driver's (DB-API) connection: every open asks whether anything is missing,
and neither the ORM's first query (it configures every mapper) nor, for a listing, SQLAlchemy itself is worth
waiting for to learn that nothing is.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .plain_rows import driver_rows

if TYPE_CHECKING:
    from .parsing.countries import CountryResolver

REFERENCE_FILE = Path(__file__).with_name("data") / "reference.json"


@cache
def reference_data() -> dict:
    return json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))


def reference_missing(connection) -> bool:
    """Whether any shipped reference entry is missing from the database of a DB-API `connection`."""
    data = reference_data()
    wanted = (
        ("SELECT name FROM country", {entry["name"] for entry in data["countries"]}),
        ("SELECT alias FROM country_alias", {alias for entry in data["countries"] for alias in entry.get("aliases", [])}),
        ("SELECT code FROM programme_area", {entry["code"] for entry in data["programme_areas"]}),
        ("SELECT name FROM thematic_area", set(data["thematic_areas"])),
        ("SELECT code FROM indicator", {entry["code"] for entry in data["indicators"]}),
    )
    return any(not names <= {name for (name,) in driver_rows(connection, sql)} for sql, names in wanted)


def stored_country_id(connection, name: str) -> int | None:
    """The id of the country stored under exactly `name`, found among the stored names (a name a person typed
    never goes into SQL text), or None."""
    return next((found for found, stored in driver_rows(connection, "SELECT id, name FROM country") if stored == name),
                None)


def stored_country_resolver(connection) -> CountryResolver:
    """A resolver of the names, aliases and ISO codes of the countries in the database of `connection`."""
    from .parsing.countries import CountryResolver

    aliases: dict[int, list[str]] = {}
    for country_id, alias in driver_rows(connection, "SELECT country_id, alias FROM country_alias ORDER BY id"):
        aliases.setdefault(country_id, []).append(alias)
    return CountryResolver((name, iso2, aliases.get(country_id, []))
                           for country_id, name, iso2 in driver_rows(connection, "SELECT id, name, iso2 FROM country"))
