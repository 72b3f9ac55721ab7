"""`mhdesk projects|indicators|directory list`: the records as a table, CSV or JSON (fields of the CLI contract)."""

from __future__ import annotations

from ..core.services.directory import LIST_FIELDS
from .common import EXIT_OK, Parser, open_db, resolve_country
from .output import FORMATS, whole_or_decimal, write_records

PROJECT_FIELDS = ("code", "title", "programme_area", "donors", "budget", "currency", "health_budget", "start",
                  "end", "extended_to", "countries", "managing_mission", "thematic_areas", "status")

INDICATOR_FIELDS = ("indicator_code", "indicator", "country", "year", "project_code", "sex", "age_group", "value")
DIRECTORY_FIELDS = LIST_FIELDS


def register(commands) -> None:
    """Add the sub-commands to the `mhdesk` parser."""
    _add_listing(commands, "projects", "the projects register", cmd_projects_list, country=True)
    _add_listing(commands, "indicators", "indicator values", cmd_indicators_list, country=True)
    _add_listing(commands, "directory", "the focal-point directory", cmd_directory_list, country=False)


def _add_listing(commands, name: str, help_text: str, handler, *, country: bool) -> None:
    """`mhdesk NAME list [--year Y] [--country C] [--format F]`."""
    group = commands.add_parser(name, help=help_text)
    actions = group.add_subparsers(dest=f"{name}_command", parser_class=Parser, required=True, metavar="ACTION")
    listing = actions.add_parser("list", help=f"list {help_text}")
    listing.add_argument("--year", type=int)
    if country:
        listing.add_argument("--country")
    listing.add_argument("--format", choices=FORMATS, default="table")
    listing.set_defaults(handler=handler)


def cmd_projects_list(args) -> int:
    from ..core.services import Services
    from ..core.services.projects import ProjectQuery

    db = open_db(args)
    query = ProjectQuery(year=args.year, country=resolve_country(db, args.country))
    rows = Services(db).projects.rows(query)
    write_records(PROJECT_FIELDS, ([getattr(r, f) for f in PROJECT_FIELDS] for r in rows), args.format)
    return EXIT_OK


def cmd_indicators_list(args) -> int:
    from ..core.services import Services

    db = open_db(args)
    rows = Services(db).indicators.rows(args.year, resolve_country(db, args.country))
    # counts print as whole numbers (83219), other values keep their decimals
    records = (r._replace(value=whole_or_decimal(r.value)) for r in rows)
    write_records(INDICATOR_FIELDS, ([getattr(r, f) for f in INDICATOR_FIELDS] for r in records), args.format)
    return EXIT_OK


def cmd_directory_list(args) -> int:
    from ..core.services import Services

    db = open_db(args)
    rows = Services(db).directory.rows(args.year)
    write_records(DIRECTORY_FIELDS, (r.listed() for r in rows), args.format)
    return EXIT_OK

