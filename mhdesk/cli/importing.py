"""The `mhdesk import` sub-command: dry-run, show, ask, apply, one file after another.

Exit codes (cli.md): 0 done (or nothing to change, or a clean dry run); 1 a
file had errors and nothing of it was written; 2 a file could not be read or
the report not written; 3 the user declined. With several files each is
planned and applied in turn, and the exit code is the most serious one met
(2, then 1, then 3).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from .common import EXIT_DECLINED, EXIT_FILE, EXIT_INPUT, EXIT_OK, confirmed, open_db

SEVERITY = (EXIT_FILE, EXIT_INPUT, EXIT_DECLINED, EXIT_OK)


def register(commands) -> None:
    """Add the sub-commands to the `mhdesk` parser."""
    parser = commands.add_parser("import", help="dry-run and then apply mission returns")
    parser.add_argument("files", nargs="+", metavar="FILE", help="filled mission-return workbooks (.xlsx)")
    parser.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    parser.add_argument("--yes", action="store_true", help="apply without asking")
    parser.add_argument("--report", metavar="OUT.xlsx",
                        help="write a copy of the workbook with each problem marked on its cell")
    parser.set_defaults(handler=cmd_import)


def cmd_import(args) -> int:
    from ..core.returns.importer import ReturnImporter

    db = open_db(args, create=not args.dry_run)
    importer = ReturnImporter(db)
    codes = [_import_file(importer, Path(name), args, len(args.files) > 1) for name in args.files]
    return min(codes, key=SEVERITY.index)


def _import_file(importer, path: Path, args, several: bool) -> int:
    from ..core.returns.problems import ReturnFileError

    try:
        preview = importer.dry_run(path)
    except ReturnFileError as exc:
        print(f"mhdesk: {exc}", file=sys.stderr)
        return EXIT_FILE
    plan = preview.plan
    print_plan(plan)
    if args.report:
        target = _report_path(Path(args.report), path, several)
        if not _write_report(path, plan.problems, target):
            return EXIT_FILE
    if plan.errors:
        print(f"{path.name}: {len(plan.errors)} error(s); nothing was written.")
        return EXIT_INPUT
    if args.dry_run:
        print(f"{path.name}: dry run; nothing was written.")
        return EXIT_OK
    if not plan.has_changes:
        print(f"{path.name}: nothing to change.")
        return EXIT_OK
    if not args.yes and not confirmed(f"Apply these changes to {importer.db.describe()}? [y/N] "):
        print(f"{path.name}: nothing was written.")
        return EXIT_DECLINED
    summary = importer.apply(preview)
    print(str(summary) + (f" Backup: {summary.backup}." if summary.backup else ""))
    print_findings(importer.db, summary.mission, summary.year)
    return EXIT_OK


def print_findings(db, mission: str, year: int, out: TextIO | None = None) -> None:
    """The indicator checks of the mission's figures for the year, as they stand after the import."""
    from ..core.services import Services

    findings = [f for f in Services(db).indicators.findings(year) if f.country == mission]
    if findings:
        print(f"Checks of {mission}'s {year} figures:", file=out or sys.stdout)
        for finding in findings:
            print(f"  {finding.severity}: {finding.indicator}: {finding.message}", file=out or sys.stdout)


def print_plan(plan, out: TextIO | None = None) -> None:
    """Counts per sheet, each change field by field, each removal, then every problem, one a line."""
    out = out or sys.stdout
    who = f", submitted by {plan.submitted_by}" if plan.submitted_by else ""
    print(f"{plan.file_name}: {plan.mission or 'unknown mission'} {plan.year or ''}{who}".rstrip(), file=out)
    for sheet, counts in plan.counts_by_sheet().items():
        parts = [f"{counts[a]} {word}" for a, word in (("add", "to add"), ("change", "to change"),
                                                       ("remove", "to remove"), ("unchanged", "unchanged"))
                 if counts[a]]
        print(f"  {sheet}: {', '.join(parts)}", file=out)
    for sheet, entries in plan.by_sheet().items():
        for entry in entries:
            if entry.action in ("change", "remove"):
                where = f"{sheet} row {entry.row}" if entry.row else sheet
                print(f"  {entry.action} {where}: {entry.label}", file=out)
                for change in entry.changes:
                    print(f"    {change}", file=out)
    for heading, problems in (("Errors:", plan.errors), ("Warnings:", plan.warnings)):
        if problems:
            print(heading, file=out)
            for problem in problems:
                print(str(problem), file=out)


def _report_path(report: Path, source: Path, several: bool) -> Path:
    return report.with_name(f"{report.stem}-{source.stem}{report.suffix}") if several else report


def _write_report(source: Path, problems, target: Path) -> bool:
    from ..core.returns.problems import ReturnFileError
    from ..core.returns.report.annotate import write_problem_report

    try:
        write_problem_report(source, problems, target)
    except (ReturnFileError, ValueError) as exc:
        print(f"mhdesk: {exc}", file=sys.stderr)
        return False
    except OSError as exc:
        print(f"mhdesk: the report {target} could not be written: {exc.strerror or exc}.", file=sys.stderr)
        return False
    print(f"Problem report written to {target}.")
    return True
