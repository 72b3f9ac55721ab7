"""`mhdesk history`: who changed a record, when, and what, by edits, imports and rollbacks.

A project by its code (`mhdesk history MA.0467`); a person, an event, a publication, an indicator of the
catalogue, the values of an indicator cell, a newsletter edition or a currency's exchange rates by an option
(`--person "Qurbonova, Rukhshona"`, `--event 12`, `--publication 3`, `--indicator PHC_CONSULT`,
`--indicator PHC_CONSULT --country Serbia --year 2023`, `--edition 2023`, `--rates EUR`).
"""

from __future__ import annotations

from .common import EXIT_OK, UsageError, open_db

CELL_OPTIONS = ("indicator", "country", "year")


def register(commands) -> None:
    """Add the sub-command to the `mhdesk` parser."""
    history = commands.add_parser("history", help="who changed a record, when, and what (edits, imports, rollbacks)")
    history.add_argument("code", metavar="CODE", nargs="?", help="a project code, e.g. MA.0467")
    history.add_argument("--person", metavar="NAME", help='a person by "Family, Given" (or the family name alone)')
    history.add_argument("--event", metavar="ID", type=int, help="an event by its number")
    history.add_argument("--publication", metavar="ID", type=int, help="a publication by its number")
    history.add_argument("--edition", metavar="YEAR", type=int, help="the newsletter edition of a year")
    history.add_argument("--rates", metavar="CURRENCY", help="the exchange rates of a currency, e.g. EUR")
    history.add_argument("--indicator", metavar="CODE", help="an indicator of the catalogue by its code; with "
                                                             "--country and --year, the values of that cell")
    history.add_argument("--country", metavar="C", help="the indicator cell's country")
    history.add_argument("--year", metavar="Y", type=int, help="the indicator cell's year")
    history.set_defaults(handler=cmd_history)


def cmd_history(args) -> int:
    from ..core.services import Services

    asked = [name for name in ("code", "person", "event", "publication", "edition", "rates", "indicator")
             if getattr(args, name) is not None]
    cell = [name for name in CELL_OPTIONS if getattr(args, name) is not None]
    if cell not in ([], ["indicator"], list(CELL_OPTIONS)):
        raise UsageError("An indicator cell is named by --indicator, --country and --year together.")
    if len(asked) != 1:
        raise UsageError("Name one record: a project CODE, or --person, --event, --publication, --edition, --rates "
                         "or --indicator (with --country and --year for the values of a cell).")
    services = Services(open_db(args))
    history = services.record_history
    if args.code is not None:
        code = args.code.strip()
        entries, name = services.project_history.of(code), code
    elif args.person is not None:
        entries, name = history.of_person_named(args.person), args.person.strip()
    elif args.event is not None:
        entries, name = history.of_event(args.event), f"event #{args.event}"
    elif args.publication is not None:
        entries, name = history.of_publication(args.publication), f"publication #{args.publication}"
    elif args.edition is not None:
        entries, name = history.of_edition(args.edition), f"the {args.edition} edition"
    elif args.rates is not None:
        entries, name = history.of_exchange_rates(args.rates), f"the {args.rates.strip().upper()} rates"
    elif args.country is None:
        entries, name = history.of_indicator(args.indicator.strip()), args.indicator.strip()
    else:
        entries = history.of_indicator_cell(args.indicator.strip(), args.country.strip(), args.year)
        name = f"{args.indicator.strip()} in {args.country.strip()} {args.year}"
    if not entries:
        print(f"Nothing is on record about changes to {name}.")
    for entry in entries:
        print(f"{entry.at:%Y-%m-%d %H:%M:%S} UTC  {entry.who}  {entry.label} {entry.describe()}")
        for field, before, after in entry.changes:
            print(f"    {field}: {_shown(before)} -> {_shown(after)}")
    return EXIT_OK


def _shown(text: str) -> str:
    return f'"{text}"'.replace("\n", " / ") if text else "(empty)"
