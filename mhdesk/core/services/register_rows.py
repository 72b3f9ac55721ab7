"""The projects register read with the database driver alone: the window's list, `mhdesk projects list`.

Flat selects of only the columns the register shows, read as the driver's tuples, no ORM objects and no
SQLAlchemy (so a command that only lists need not import it): the lists come as pairs of ids, named from the
small reference tables and assembled in Python, which stays linear and portable at a hundred thousand projects.
The SQL is the plain subset SQLite and PostgreSQL share.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date
from decimal import Decimal
from operator import itemgetter

from ..collation import collation_key
from ..plain_rows import driver_rows
from .project_records import ProjectRow

_PROJECT_COLUMNS = ('id, code, title, programme_area_id, budget, currency, health_budget, start, "end", extended_to, '
                    "managing_mission_id, status, version")


def read_register(connection, *, dates_as_text: bool, ids: Collection[int] | None = None) -> list[ProjectRow]:
    """The rows of the register (or of the projects `ids`) in code order, through a DB-API `connection`.

    `dates_as_text`: the driver gives dates as ISO text (SQLite's does), to be made dates here.
    """
    if ids is not None and not ids:
        return []
    where = "" if ids is None else f" WHERE {{}} IN ({', '.join(str(int(i)) for i in ids)})"

    def select(columns: str, table: str, key: str = "project_id") -> list[tuple]:
        return driver_rows(connection, f"SELECT {columns} FROM {table}{where.format(key)}")

    areas = dict(driver_rows(connection, "SELECT id, code FROM programme_area"))
    countries = dict(driver_rows(connection, "SELECT id, name FROM country"))
    donor_names = dict(driver_rows(connection, "SELECT id, name FROM donor"))
    theme_names = dict(driver_rows(connection, "SELECT id, name FROM thematic_area"))
    donors = _by_position(select("project_id, donor_id, position", "project_donor"), donor_names)
    lands = _in_order(select("project_id, country_id", "project_country"),
                      dict(sorted(countries.items(), key=lambda item: collation_key(item[1]))))  # reader's alphabet
    themes = _in_order(select("project_id, thematic_area_id", "project_thematic_area"),
                       dict(sorted(theme_names.items(), key=itemgetter(1))))
    found = select(_PROJECT_COLUMNS, "project", key="id")
    found.sort(key=itemgetter(1))  # by code; cheaper in Python than through the code index in the database
    iso, empty, make = date.fromisoformat if dates_as_text else None, (), ProjectRow._make
    # Budgets come as the hundredths stored; scaleb makes the same Decimal as the Money type, without dividing.
    return [
        make((pid, code, title, areas.get(area), donors.get(pid, empty),
              None if budget is None else Decimal(budget).scaleb(-2), currency,
              None if health is None else Decimal(health).scaleb(-2), iso(start) if iso and start else start,
              iso(end) if iso and end else end, iso(ext) if iso and ext else ext,
              lands.get(pid, empty), countries.get(managing), themes.get(pid, empty), status, version))
        for (pid, code, title, area, budget, currency, health, start, end, ext, managing, status, version) in found
    ]


def _in_order(pairs, names: dict[int, str]) -> dict[int, tuple[str, ...]]:
    """(project id, name id) pairs as each project's names in the order of `names`: bucketed by name first,
    so that no project's list needs a sort of its own."""
    by_name: dict[int, list[int]] = defaultdict(list)
    for project_id, name_id in pairs:
        by_name[name_id].append(project_id)
    grouped: dict[int, list[str]] = defaultdict(list)
    for name_id, name in names.items():
        for project_id in by_name.get(name_id, ()):
            grouped[project_id].append(name)
    return {project_id: tuple(found) for project_id, found in grouped.items()}


def _by_position(triples, names: dict[int, str]) -> dict[int, tuple[str, ...]]:
    """(project id, name id, position) triples as each project's names in the order of their positions."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for project_id, name_id, _ in sorted(triples, key=itemgetter(2)):
        grouped[project_id].append(names[name_id])
    return {project_id: tuple(found) for project_id, found in grouped.items()}
