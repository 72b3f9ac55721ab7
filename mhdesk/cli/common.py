"""What every command shares: exit codes, plain-sentence usage errors, opening the database."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.database import Database

EXIT_OK, EXIT_INPUT, EXIT_FILE, EXIT_DECLINED = 0, 1, 2, 3
FORMATS = ("table", "csv", "json")  # of every listing (written by cli/output.py, imported when one is listed)


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """Bad arguments give one plain sentence (exit 2), not a usage dump."""

    def error(self, message: str):
        raise UsageError(message[:1].upper() + message[1:] + ".")


def open_db(args, create: bool = False) -> Database:
    """Open the database of `--database`; `main` closes it when the command is done.

    Only a command that writes records passes `create=True`: any other refuses a missing
    SQLite file (DatabaseError, exit 2) instead of creating an empty one.
    """
    from ..core.connect import open_database

    db = open_database(args.database, create=create)
    args.opened.append(db)
    return db


def confirmed(question: str) -> bool:
    """Ask on the terminal; no input, end of input or anything but yes is a no."""
    if sys.stdin is None:
        return False
    print(question, end="", flush=True)
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError):
        answer = ""
    if not answer:
        print()
    return answer.strip().lower() in ("y", "yes")


def resolve_country(db: Database, text: str | None) -> str | None:
    if not text:
        return None
    from ..core.services import Services

    return Services(db).catalog.country_resolver().resolve(text)
