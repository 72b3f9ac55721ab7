"""The `mhdesk` command line (see the CLI contract): one parser, one handler per command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import __version__
from .cli_output import FORMATS, whole_or_decimal, write_records
from .core.database import Database, DatabaseError, open_database
from .core.errors import MhdeskError

EXIT_OK, EXIT_INPUT, EXIT_FILE, EXIT_DECLINED = 0, 1, 2, 3

PROJECT_FIELDS = ("code", "title", "programme_area", "donors", "budget", "currency", "health_budget", "start",
                  "end", "extended_to", "countries", "managing_mission", "thematic_areas", "status")

INDICATOR_FIELDS = ("indicator_code", "indicator", "country", "year", "project_code", "sex", "age_group", "value")
ROLE_NAMES = {"FP": "Focal point", "REGIONAL": "Regional"}
DIRECTORY_FIELDS = ("year", "country", "role", "programme_area", "family_name", "given_name", "email", "phone")


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """Bad arguments give one plain sentence (exit 2), not a usage dump."""

    def error(self, message: str):
        raise UsageError(message[:1].upper() + message[1:] + ".")


def build_parser() -> Parser:
    parser = Parser(prog="mhdesk", description="Records of a regional migration-health programme.")
    parser.add_argument("--database", metavar="PATH_OR_URL", help="SQLite file or SQLAlchemy URL")
    parser.add_argument("--version", action="version", version=f"mhdesk {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the window on a fresh demo database")
    commands = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")

    commands.add_parser("demo", help="write the demo records into the database").set_defaults(handler=cmd_demo)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", parser_class=Parser, required=True, metavar="ACTION")
    db_commands.add_parser("upgrade", help="bring the schema up to date").set_defaults(handler=cmd_db_upgrade)

    _add_listing(commands, "projects", "the projects register", cmd_projects_list, country=True)
    _add_listing(commands, "indicators", "indicator values", cmd_indicators_list, country=True)
    _add_listing(commands, "directory", "the focal-point directory", cmd_directory_list, country=False)

    from . import cli_import, cli_template

    for module in (cli_template, cli_import):
        module.register(commands)
    return parser


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


def open_db(args) -> Database:
    """Open the database of `--database`; `main` closes it when the command is done."""
    db = open_database(args.database)
    args.opened.append(db)
    return db


def resolve_country(db: Database, text: str | None) -> str | None:
    if not text:
        return None
    from .core.services import Services

    return Services(db).catalog.country_resolver().resolve(text)


def cmd_demo(args) -> int:
    from .core.demo import load_demo

    db = open_db(args)
    counts = load_demo(db)
    print(f"Demo records written to {db.describe()}: {counts.projects} projects, {counts.roles} directory roles, "
          f"{counts.values} indicator values, {counts.events} events.")
    return EXIT_OK


def cmd_db_upgrade(args) -> int:
    from .core.migrate import current_revision

    db = open_db(args)
    print(f"{db.describe()} is at schema revision {current_revision(db)}.")
    return EXIT_OK


def cmd_projects_list(args) -> int:
    from .core.services import Services
    from .core.services.projects import ProjectQuery

    db = open_db(args)
    query = ProjectQuery(year=args.year, country=resolve_country(db, args.country))
    rows = Services(db).projects.rows(query)
    write_records(PROJECT_FIELDS, ([getattr(r, f) for f in PROJECT_FIELDS] for r in rows), args.format)
    return EXIT_OK


def cmd_indicators_list(args) -> int:
    from .core.services import Services

    db = open_db(args)
    rows = Services(db).indicators.rows(args.year, resolve_country(db, args.country))
    # counts print as whole numbers (83219), other values keep their decimals
    records = (r._replace(value=whole_or_decimal(r.value)) for r in rows)
    write_records(INDICATOR_FIELDS, ([getattr(r, f) for f in INDICATOR_FIELDS] for r in records), args.format)
    return EXIT_OK


def cmd_directory_list(args) -> int:
    from .core.services import Services

    db = open_db(args)
    areas = {h: code for code, h, _ in Services(db).catalog.programme_areas}
    rows = Services(db).directory.rows(args.year)
    write_records(DIRECTORY_FIELDS, (_directory_record(r, areas) for r in rows), args.format)
    return EXIT_OK


def _directory_record(row, areas) -> list:
    # Roles print as the return workbook names them; a regional role prints its title (RTS, RC for UA & MD).
    role = row.title if row.role == "REGIONAL" and row.title else ROLE_NAMES.get(row.role, row.role)
    return [row.year, row.country, role, row.programme_area, row.family_name, row.given_name, row.email, row.phone]


def run_window(args) -> int:
    from .ui.app import run_app

    return run_app(database=args.database, demo=args.demo)


def main(argv: Sequence[str] | None = None) -> int:
    args = None
    try:
        args = build_parser().parse_args(argv)
        args.opened = []
        handler = getattr(args, "handler", None)
        return handler(args) if handler else run_window(args)
    except BrokenPipeError:
        # the reader of our output went away (`| head`); not an error of ours
        sys.stdout = open(os.devnull, "w")
        return EXIT_OK
    except UsageError as exc:
        print(f"mhdesk: {exc}", file=sys.stderr)
        return EXIT_FILE
    except DatabaseError as exc:
        print(f"mhdesk: {exc}", file=sys.stderr)
        return EXIT_FILE
    except (MhdeskError, ValueError) as exc:
        print(f"mhdesk: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        print(f"mhdesk: {exc.strerror or exc}: {exc.filename}." if exc.filename else f"mhdesk: {exc}.",
              file=sys.stderr)
        return EXIT_FILE
    except KeyboardInterrupt:
        print("mhdesk: interrupted.", file=sys.stderr)
        return EXIT_DECLINED
    finally:
        # closing checkpoints the write-ahead log, leaving one tidy file behind
        for db in getattr(args, "opened", ()):
            db.dispose()
