"""`mhdesk export WHAT ...`: printable and spreadsheet exports, one function per kind of export."""

from __future__ import annotations

from pathlib import Path

from .common import EXIT_OK, Parser, UsageError, open_db


def register(commands) -> None:
    """Add `mhdesk export` and its sub-commands to the `mhdesk` parser."""
    group = commands.add_parser("export", help="write the register, directory or reports to a file")
    kinds = group.add_subparsers(dest="export_command", parser_class=Parser, required=True, metavar="WHAT")
    _add_projects(kinds)
    _add_directory(kinds)
    _add_indicators(kinds)
    _add_newsletter(kinds)


def _add_projects(kinds) -> None:
    projects = kinds.add_parser("projects", help="the projects register as a formatted workbook")
    projects.add_argument("--year", type=int, help="only the projects running in that year")
    projects.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx")
    projects.set_defaults(handler=cmd_export_projects)


def cmd_export_projects(args) -> int:
    from ..core.exports.projects_xlsx import write_projects_xlsx
    from ..core.services import Services
    from ..core.services.project_records import ProjectQuery

    if args.output.suffix.lower() != ".xlsx":
        raise UsageError(f"{args.output} is not an .xlsx file name; the projects export writes a workbook.")
    rows = Services(open_db(args)).projects.rows(ProjectQuery(year=args.year))
    write_projects_xlsx(rows, args.output)
    print(f"Wrote {len(rows):,} project{'s' if len(rows) != 1 else ''} to {args.output}.")
    return EXIT_OK


def _add_directory(kinds) -> None:
    directory = kinds.add_parser("directory", help="the focal-point directory of a year, printable")
    directory.add_argument("--year", type=int, required=True)
    directory.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf|FILE.xlsx")
    directory.add_argument("--no-contacts", dest="contacts", action="store_false",
                           help="leave out e-mail addresses and phone numbers")
    directory.set_defaults(handler=cmd_export_directory)


def cmd_export_directory(args) -> int:
    from ..bundled import fonts_folder
    from ..core.errors import MhdeskError
    from ..core.exports.directory_pdf import write_directory_pdf
    from ..core.exports.directory_xlsx import write_directory_xlsx
    from ..core.services import Services

    kind = _pdf_or_xlsx(args.output)
    grid = Services(open_db(args)).directory.grid(args.year)
    if not grid.people_count():
        raise MhdeskError(f"Nobody is in the directory of {args.year}; nothing was written.")
    if kind == ".pdf":
        write_directory_pdf(grid, args.output, fonts=fonts_folder(), contacts=args.contacts)
    else:
        write_directory_xlsx(grid, args.output, contacts=args.contacts)
    count = grid.people_count()
    print(f"Wrote the {args.year} directory ({count:,} role{'s' if count != 1 else ''}) to {args.output}.")
    return EXIT_OK


def _add_indicators(kinds) -> None:
    indicators = kinds.add_parser("indicators", help="the indicator report of a year")
    indicators.add_argument("--year", type=int, required=True)
    indicators.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf|FILE.xlsx")
    indicators.set_defaults(handler=cmd_export_indicators)


def cmd_export_indicators(args) -> int:
    from ..bundled import fonts_folder
    from ..core.errors import MhdeskError
    from ..core.exports.indicator_report import has_figures, indicator_report
    from ..core.exports.indicators_pdf import write_indicators_pdf
    from ..core.exports.indicators_xlsx import write_indicators_xlsx
    from ..core.services import Services

    kind = _pdf_or_xlsx(args.output)
    report = indicator_report(Services(open_db(args)), args.year)
    if not has_figures(report):
        raise MhdeskError(f"No indicator figures are recorded for {args.year}; nothing was written.")
    if kind == ".pdf":
        write_indicators_pdf(report, args.output, fonts=fonts_folder())
    else:
        write_indicators_xlsx(report, args.output)
    found = len(report.grid.findings)
    print(f"Wrote the {args.year} indicator report ({found:,} finding{'s' if found != 1 else ''}) to {args.output}.")
    return EXIT_OK


def _add_newsletter(kinds) -> None:
    newsletter = kinds.add_parser("newsletter", help="the newsletter / annual report of a year")
    newsletter.add_argument("--year", type=int, required=True)
    newsletter.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    newsletter.set_defaults(handler=cmd_export_newsletter)


def cmd_export_newsletter(args) -> int:
    import sys

    from ..bundled import fonts_folder
    from ..core.errors import MhdeskError
    from ..core.exports.newsletter_data import newsletter_data
    from ..core.exports.newsletter_pdf import write_newsletter_pdf
    from ..core.services import Services

    if args.output.suffix.lower() != ".pdf":
        raise UsageError(f"{args.output} is not a .pdf file name; the newsletter is printed as a PDF.")
    data = newsletter_data(Services(open_db(args)), args.year)
    if not data.contents.rows and not data.events and not data.edition.welcome_text:
        raise MhdeskError(f"Nothing is recorded for {args.year}: no projects, events or edition texts; "
                          "nothing was written.")
    write_newsletter_pdf(data, args.output, fonts=fonts_folder())
    for note in data.notes:
        print(f"warning: {note}", file=sys.stderr)
    count = len(data.contents.rows)
    print(f"Wrote the {args.year} newsletter ({count:,} project{'s' if count != 1 else ''}) to {args.output}.")
    return EXIT_OK


def _pdf_or_xlsx(output: Path) -> str:
    """The suffix of a printout's file name: ".pdf" or ".xlsx", checked before the database is opened."""
    kind = output.suffix.lower()
    if kind not in (".pdf", ".xlsx"):
        raise UsageError(f"{output} is neither a .pdf nor an .xlsx file name.")
    return kind
