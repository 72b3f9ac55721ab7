"""`mhdesk demo` and `mhdesk db upgrade`: the commands that create or upgrade a database."""

from __future__ import annotations

from .common import EXIT_OK, Parser, open_db


def register(commands) -> None:
    """Add the sub-commands to the `mhdesk` parser."""
    commands.add_parser("demo", help="write the demo records into the database").set_defaults(handler=cmd_demo)
    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", parser_class=Parser, required=True, metavar="ACTION")
    db_commands.add_parser("upgrade", help="bring the schema up to date").set_defaults(handler=cmd_db_upgrade)


def cmd_demo(args) -> int:
    from ..bundled import demo_file
    from ..core.demo import load_demo

    db = open_db(args, create=True)
    counts = load_demo(db, demo_file())
    print(f"Demo records written to {db.describe()}: {counts.projects} projects, {counts.roles} directory roles, "
          f"{counts.values} indicator values, {counts.events} events.")
    return EXIT_OK


def cmd_db_upgrade(args) -> int:
    from ..core.migrate import current_revision

    db = open_db(args, create=True)
    print(f"{db.describe()} is at schema revision {current_revision(db)}.")
    return EXIT_OK
