"""The `mhdesk` command line (see the CLI contract): one parser, each command group in its own module."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from .. import __version__
from ..core.errors import DatabaseError, MhdeskError

# Each group's module imports the database library only inside its handlers, so --version and --help stay fast.
from . import bench, database, export, history, importing, listing, rates, template
from .common import EXIT_DECLINED, EXIT_FILE, EXIT_INPUT, EXIT_OK, Parser, UsageError

COMMAND_GROUPS = (database, listing, rates, history, template, importing, export, bench)


def build_parser() -> Parser:
    parser = Parser(prog="mhdesk", description="Records of a regional migration-health programme.")
    parser.add_argument("--database", metavar="PATH_OR_URL", help="SQLite file or SQLAlchemy URL")
    parser.add_argument("--version", action="version", version=f"mhdesk {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the window on a fresh demo database")
    parser.add_argument("--selftest", action="store_true",
                        help="exercise the app headless on a temporary database and print each check")
    commands = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.register(commands)
    return parser


def run_window(args) -> int:
    from ..ui.app import run_app

    return run_app(database=args.database, demo=args.demo)


def main(argv: Sequence[str] | None = None) -> int:
    args = None
    try:
        args = build_parser().parse_args(argv)
        args.opened = []
        handler = getattr(args, "handler", None)
        if args.selftest and not handler:
            from ..selftest import run_selftest

            return run_selftest()
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
