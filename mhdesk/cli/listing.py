"""`mhdesk projects|indicators|directory list` and `mhdesk indicators totals`: records as a table, CSV or JSON
(fields of the CLI contract)."""

from __future__ import annotations

from contextlib import closing

from .common import EXIT_OK, FORMATS, Parser, UsageError, open_db, resolve_country

PROJECT_FIELDS = ("code", "title", "programme_area", "donors", "budget", "currency", "health_budget", "start",
                  "end", "extended_to", "countries", "managing_mission", "thematic_areas", "status")

INDICATOR_FIELDS = ("indicator_code", "indicator", "country", "year", "project_code", "sex", "age_group", "value")
TOTAL_FIELDS = ("indicator_code", "indicator", "year", "value", "countries_reporting")


def register(commands) -> None:
    """Add the sub-commands to the `mhdesk` parser."""
    _add_listing(commands, "projects", "the projects register", cmd_projects_list, country=True)
    indicators = _add_listing(commands, "indicators", "indicator values", cmd_indicators_list, country=True)
    totals = indicators.add_parser("totals", help="regional totals by each indicator's rules")
    totals.add_argument("--year", type=int, help="the totals of one year")
    totals.add_argument("--from", dest="first", type=int, metavar="Y1", help="with --to: the totals of a period")
    totals.add_argument("--to", dest="last", type=int, metavar="Y2")
    totals.add_argument("--format", choices=FORMATS, default="table")
    totals.set_defaults(handler=cmd_indicators_totals)
    _add_listing(commands, "directory", "the focal-point directory", cmd_directory_list, country=False)


def _add_listing(commands, name: str, help_text: str, handler, *, country: bool):
    """`mhdesk NAME list [--year Y] [--country C] [--format F]`; returns the group's actions for more."""
    group = commands.add_parser(name, help=help_text)
    actions = group.add_subparsers(dest=f"{name}_command", parser_class=Parser, required=True, metavar="ACTION")
    listing = actions.add_parser("list", help=f"list {help_text}")
    listing.add_argument("--year", type=int)
    if country:
        listing.add_argument("--country")
    listing.add_argument("--format", choices=FORMATS, default="table")
    listing.set_defaults(handler=handler)
    return actions


def _read(args, quickly, whole):
    """What `quickly(reader, country)` reads from a current SQLite file with the driver alone (core/quick_read.py),
    or else `whole(services, country)` from the database opened whole; `country` is `--country` (if the command
    has one) resolved against the same database."""
    from ..core.quick_read import reader_if_current

    typed = getattr(args, "country", None)
    reader = reader_if_current(args.database)
    if reader is not None:
        from ..core.reference import stored_country_resolver

        with closing(reader):
            return quickly(reader, stored_country_resolver(reader).resolve(typed) if typed else None)
    from ..core.services import Services

    db = open_db(args)
    return whole(Services(db), resolve_country(db, typed))


def cmd_projects_list(args) -> int:
    from ..core.services.project_records import ProjectQuery
    from ..core.services.register_rows import read_register
    from .output import write_records

    rows = _read(args,
                 lambda reader, country: ProjectQuery(year=args.year, country=country).select(
                     read_register(reader, dates_as_text=True)),
                 lambda services, country: services.projects.rows(ProjectQuery(year=args.year, country=country)))
    write_records(PROJECT_FIELDS, ([getattr(r, f) for f in PROJECT_FIELDS] for r in rows), args.format)
    return EXIT_OK


def cmd_indicators_list(args) -> int:
    from ..core.services.indicator_rows import read_indicator_values
    from .output import write_records

    rows = _read(args, lambda reader, country: read_indicator_values(reader, args.year, country),
                 lambda services, country: services.indicators.rows(args.year, country))
    write_records(INDICATOR_FIELDS, ([getattr(r, f) for f in INDICATOR_FIELDS] for r in rows), args.format)
    return EXIT_OK


def cmd_indicators_totals(args) -> int:
    """One year's totals (`--year`), or a period's by each indicator's rule across years (`--from`, `--to`;
    the year prints as `Y1-Y2`)."""
    from ..core.services import Services
    from .output import write_records

    period = args.first is not None or args.last is not None
    if period == (args.year is not None) or (period and None in (args.first, args.last)):
        raise UsageError("Give either --year Y, or --from Y1 and --to Y2.")
    if period and args.last < args.first:
        raise UsageError(f"The period ends ({args.last}) before it starts ({args.first}).")
    service = Services(open_db(args)).indicators
    totals = service.period_totals(args.first, args.last) if period else service.totals(args.year)
    write_records(TOTAL_FIELDS, ([t.indicator_code, t.indicator, t.period, t.value, t.countries_reporting]
                                 for t in totals), args.format)
    return EXIT_OK


def cmd_directory_list(args) -> int:
    from ..core.services.directory_rows import LIST_FIELDS, read_directory
    from .output import write_records

    rows = _read(args, lambda reader, _country: read_directory(reader, args.year),
                 lambda services, _country: services.directory.rows(args.year))
    write_records(LIST_FIELDS, (r.listed() for r in rows), args.format)
    return EXIT_OK

