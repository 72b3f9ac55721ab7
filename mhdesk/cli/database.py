"""`mhdesk demo` and `mhdesk db ...`: creating, upgrading, checking, backing up and restoring a database."""

from __future__ import annotations

import sys
from pathlib import Path

from . import database_copy
from .common import EXIT_DECLINED, EXIT_FILE, EXIT_OK, Parser, confirmed, open_db


def register(commands) -> None:
    """Add the sub-commands to the `mhdesk` parser."""
    commands.add_parser("demo", help="write the demo records into the database").set_defaults(handler=cmd_demo)
    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", parser_class=Parser, required=True, metavar="ACTION")
    db_commands.add_parser("upgrade", help="bring the schema up to date").set_defaults(handler=cmd_db_upgrade)
    db_commands.add_parser("check", help="run SQLite's full integrity check").set_defaults(handler=cmd_db_check)
    db_commands.add_parser("backup", help="write a backup copy into backups/ now").set_defaults(handler=cmd_db_backup)
    db_commands.add_parser("backups", help="list the backup copies, newest first").set_defaults(
        handler=cmd_db_backups)
    restore = db_commands.add_parser("restore", help="put a backup back (the current state is backed up first)")
    restore.add_argument("backup", metavar="FILE", help="a backup copy, e.g. one listed by `mhdesk db backups`")
    restore.add_argument("--yes", action="store_true", help="restore without asking")
    restore.set_defaults(handler=cmd_db_restore)
    database_copy.register(db_commands)


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


def cmd_db_check(args) -> int:
    from ..core.recovery import check_database, damaged

    db = open_db(args)  # the quick check on opening refuses a damaged file, naming the latest good backup
    problems = check_database(db, thorough=True)
    if problems:
        print(f"mhdesk: {damaged(db.file, problems[0])}", file=sys.stderr)
        return EXIT_FILE
    print(f"{db.describe()} passes SQLite's integrity check.")
    return EXIT_OK


def cmd_db_backup(args) -> int:
    from ..core.recovery import describe_size, take_backup

    target = take_backup(open_db(args))
    print(f"Backup written to {target} ({describe_size(target.stat().st_size)}).")
    return EXIT_OK


def cmd_db_backups(args) -> int:
    from ..core.recovery import describe_size, list_backups

    file = _sqlite_file(args)
    copies = list_backups(file)
    if not copies:
        print(f"There are no backups of {file}.")
    for copy in copies:
        print(f"{copy.taken:%Y-%m-%d %H:%M:%S}  {describe_size(copy.size):>10}  {copy.reason_label:<26}  {copy.path}")
    return EXIT_OK


def cmd_db_restore(args) -> int:
    from ..core.connect import open_database
    from ..core.recovery import check_restorable, restore

    file, backup = _sqlite_file(args), Path(args.backup).expanduser().resolve()
    check_restorable(file, backup)  # before asking: a question about a file that cannot be restored misleads
    if not args.yes and not confirmed(f"Replace the records in {file} with the backup {backup.name}? "
                                      "(the current state is backed up first) [y/N] "):
        print("Nothing was changed.")
        return EXIT_DECLINED
    result = restore(file, backup)
    args.opened.append(open_database(file, create=False))  # brings an older backup's schema up to date
    kept = "the damaged file is kept as" if result.replaced_damaged else "the state it replaced is kept in"
    print(f"Restored {file} from {backup}; {kept} {result.previous_state}." if result.previous_state
          else f"Restored {file} from {backup}.")
    return EXIT_OK


def _sqlite_file(args) -> Path:
    from ..core.database import DatabaseError, resolve_url

    url = resolve_url(args.database)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise DatabaseError("Backups are kept for SQLite files only; a PostgreSQL server has its own backups.")
    return Path(url.database)
