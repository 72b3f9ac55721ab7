"""`mhdesk history CODE`: who changed a project, when, and what, by edits, imports and rollbacks."""

from __future__ import annotations

from .common import EXIT_OK, open_db


def register(commands) -> None:
    """Add the sub-command to the `mhdesk` parser."""
    history = commands.add_parser("history", help="who changed a project, when, and what (imports and edits)")
    history.add_argument("code", metavar="CODE", help="a project code, e.g. MA.0467")
    history.set_defaults(handler=cmd_history)


def cmd_history(args) -> int:
    from ..core.services import Services

    entries = Services(open_db(args)).project_history.of(args.code.strip())
    if not entries:
        print(f"Nothing is on record about changes to {args.code.strip()}.")
    for entry in entries:
        print(f"{entry.at:%Y-%m-%d %H:%M:%S} UTC  {entry.who}  {entry.label} {entry.describe()}")
        for field, before, after in entry.changes:
            print(f"    {field}: {_shown(before)} -> {_shown(after)}")
    return EXIT_OK


def _shown(text: str) -> str:
    return f'"{text}"'.replace("\n", " / ") if text else "(empty)"
