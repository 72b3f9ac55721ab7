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


def cmd_projects_list(args) -> int:
    """A current SQLite file is read with the driver alone (core/quick_read.py); anything else is opened whole."""
    from ..core.quick_read import reader_if_current
    from ..core.reference import stored_country_resolver
    from ..core.services.project_records import ProjectQuery
    from ..core.services.register_rows import read_register
    from .output import write_records

    reader = reader_if_current(args.database)
    if reader is not None:
        with closing(reader):
            country = stored_country_resolver(reader).resolve(args.country) if args.country else None
            rows = read_register(reader, dates_as_text=True)
    else:
        from ..core.services import Services

        db = open_db(args)
        country = resolve_country(db, args.country)
        rows = Services(db).projects.rows()
    rows = ProjectQuery(year=args.year, country=country).select(rows)
    write_records(PROJECT_FIELDS, ([getattr(r, f) for f in PROJECT_FIELDS] for r in rows), args.format)
    return EXIT_OK


def cmd_indicators_list(args) -> int:
    """Read as `cmd_projects_list` reads: with the driver alone when the SQLite file is current."""
    from ..core.quick_read import reader_if_current
    from ..core.reference import stored_country_resolver
    from ..core.services.indicator_rows import read_indicator_values
    from .output import write_records

    reader = reader_if_current(args.database)
    if reader is not None:
        with closing(reader):
            country = stored_country_resolver(reader).resolve(args.country) if args.country else None
            rows = read_indicator_values(reader, args.year, country)
    else:
        from ..core.services import Services

        db = open_db(args)
        rows = Services(db).indicators.rows(args.year, resolve_country(db, args.country))
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
    """Read as `cmd_projects_list` reads: with the driver alone when the SQLite file is current."""
    from ..core.quick_read import reader_if_current
    from ..core.services.directory_rows import LIST_FIELDS, read_directory
    from .output import write_records

    reader = reader_if_current(args.database)
    if reader is not None:
        with closing(reader):
            rows = read_directory(reader, args.year)
    else:
        from ..core.services import Services

        rows = Services(open_db(args)).directory.rows(args.year)
    write_records(LIST_FIELDS, (r.listed() for r in rows), args.format)
    return EXIT_OK

