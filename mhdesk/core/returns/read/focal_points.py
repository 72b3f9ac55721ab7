"""The `Focal points` sheet: one role held by one person per row."""

from __future__ import annotations

from typing import Any

from ...directory_roles import AREA_ROLES, REGIONAL_ROLES
from ...parsing import clean_text, parse_email, parse_programme_area, parse_role
from ..layout import FOCAL_POINTS
from ..parsed import IncomingRole
from .context import ReadContext, RowReader
from .sheet_rows import Table, blank

SHEET = FOCAL_POINTS.name


def read_focal_points(table: Table, context: ReadContext) -> list[IncomingRole]:
    roles: list[IncomingRole] = []
    first_row: dict[tuple, int] = {}
    for row, cells in table.rows():
        role = _read_row(RowReader(context.log, SHEET, row), cells, context)
        if role is None:
            continue
        key = (role.country, role.role, role.programme_area, role.family_name.casefold(),
               (role.given_name or "").casefold())
        if key in first_row:
            context.log.warning(
                f"{_person(role)} is already listed with this role on row {first_row[key]}; this row is ignored",
                SHEET, row, "Family name",
            )
            continue
        first_row[key] = row
        roles.append(role)
    return roles


def _read_row(cells_of: RowReader, cells: tuple[Any, ...], context: ReadContext) -> IncomingRole | None:
    country_cell, role_cell, area_cell, family, given, email, phone = cells
    read = cells_of.parse
    ok = True
    country = context.mission
    if not blank(country_cell):
        country = read("Country", context.lookups.country, country_cell)
        ok = country is not None
    role = None
    if blank(role_cell):
        cells_of.error("Role", "a role is required (COM, HOO, OIC or Focal point)")
    else:
        role = read("Role", parse_role, role_cell)
    area = None
    if not blank(area_cell):
        area = read("Programme area", parse_programme_area, area_cell)
        ok = ok and area is not None
        if area is not None and role is not None and role not in AREA_ROLES:
            cells_of.warning(
                "Programme area",
                f'"{clean_text(area_cell)}" is ignored: a {role} is not tied to a programme area',
            )
            area = None
    elif role in AREA_ROLES:
        cells_of.error("Programme area", "a focal point needs a programme area (H1, H2 or H3)")
        ok = False
    family_name = clean_text(family)
    if not family_name:
        cells_of.error("Family name", "the family name is required")
    email_address = None if blank(email) else read("E-mail", parse_email, email)
    ok = ok and (blank(email) or email_address is not None)
    if not ok or role is None or not family_name or country is None or context.year is None:
        return None
    return IncomingRole(
        country=country,
        year=context.year,
        role=role,
        family_name=family_name,
        row=cells_of.row,
        programme_area=area,
        given_name=clean_text(given) or None,
        email=email_address,
        phone=clean_text(phone) or None,
        title=clean_text(role_cell) if role in REGIONAL_ROLES else None,
    )


def _person(role: IncomingRole) -> str:
    return " ".join(p for p in (role.family_name, role.given_name) if p)
