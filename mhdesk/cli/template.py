"""The `mhdesk template` sub-command."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import EXIT_FILE, EXIT_OK, open_db


def register(commands) -> None:
    """Add the sub-command to the `mhdesk` parser."""
    template = commands.add_parser("template", help="write a mission return template")
    template.add_argument("--mission", required=True, help="country name, alias or ISO code")
    template.add_argument("--year", required=True, type=int, help="the reporting year")
    template.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="the workbook to write")
    template.add_argument("--prefill", action="store_true",
                          help="fill in the mission's current projects, focal points and indicator rows")
    template.set_defaults(handler=cmd_template)


def cmd_template(args) -> int:
    from ..core.returns.template.writer import resolve_mission, write_template
    from ..core.services import Services

    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        print(f"mhdesk: The template must be written to an .xlsx file, not {output.name}.", file=sys.stderr)
        return EXIT_FILE
    services = Services(open_db(args))
    mission = resolve_mission(services, args.mission)  # UnknownMission -> exit 1 in cli.main
    try:
        written = write_template(services, mission, args.year, output, prefill=args.prefill)
    except OSError as exc:
        print(f"mhdesk: {output} could not be written ({exc.strerror or exc}).", file=sys.stderr)
        return EXIT_FILE
    kind = "Pre-filled return template" if args.prefill else "Return template"
    print(f"{kind} for {mission}, {args.year} written to {written}.")
    return EXIT_OK
