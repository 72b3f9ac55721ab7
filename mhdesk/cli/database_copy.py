"""`mhdesk db copy --to URL`: the whole database into another, every row checked to have arrived."""

from __future__ import annotations

import sys

from .common import EXIT_FILE, EXIT_OK, open_db


def register(db_commands) -> None:
    """Add `copy` to the `mhdesk db` actions."""
    copy = db_commands.add_parser("copy", help="copy the whole database into another and check every row arrived")
    copy.add_argument("--to", required=True, metavar="URL",
                      help="an empty database: a PostgreSQL URL (postgresql+psycopg://user@host/db) or a file path")
    copy.set_defaults(handler=cmd_db_copy)


def cmd_db_copy(args) -> int:
    from ..core.database_copy import copy_database

    source = open_db(args)
    report = copy_database(source, args.to)
    if not report.complete:
        print(f"mhdesk: {report}", file=sys.stderr)
        return EXIT_FILE
    print(report)
    return EXIT_OK
