"""The workbooks of one import, each with where it stands: read, reviewed, applied or left out.

Plain Python (no widgets): the import flow changes these, the review dialog
shows them. Every text a person reads about a file is made here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData

if TYPE_CHECKING:  # the import machinery loads when a return is first read, not with the window
    from ...core.indicators.findings import Finding
    from ...core.returns.apply.applier import ImportSummary
    from ...core.returns.importer import ImportPreview

WAITING = "waiting"  # to be read
READING = "reading"
READY = "ready"  # read and planned: to be reviewed
UNREADABLE = "unreadable"  # not a readable .xlsx (or the reading failed)
NOT_READ = "not read"  # reading was cancelled
APPLYING = "applying"
APPLIED = "applied"
SKIPPED = "skipped"

WORKBOOK_SUFFIX = ".xlsx"


@dataclass
class ReturnFile:
    path: Path
    state: str = WAITING
    preview: ImportPreview | None = None
    summary: ImportSummary | None = None
    findings: list[Finding] | None = None  # once applied: the indicator checks of the mission's figures
    note: str = ""  # one sentence about the last thing that happened to it

    @property
    def title(self) -> str:
        """"Tajikistan 2019", or the file's name until the workbook says which return it is."""
        plan = self.preview.plan if self.preview else None
        if plan and plan.mission:
            return f"{plan.mission} {plan.year}" if plan.year else plan.mission
        return self.path.name

    @property
    def errors(self) -> int:
        return len(self.preview.plan.errors) if self.preview else 0

    @property
    def can_apply(self) -> bool:
        return (self.state == READY and self.preview is not None and self.preview.can_apply
                and self.preview.plan.has_changes)

    def status_line(self) -> str:
        """The short second line of the file in the list."""
        if self.state == READY and self.preview:
            plan = self.preview.plan
            if plan.errors:
                return f"{_plural(len(plan.errors), 'error')}: cannot be applied"
            if not plan.has_changes:
                return "Nothing to change"
            counts = changes_text(plan.count("add"), plan.count("change"), plan.count("remove"))
            return f"{counts}{', ' + _plural(len(plan.warnings), 'warning') if plan.warnings else ''}"
        if self.state == APPLIED and self.summary:
            return f"Applied: {changes_text(self.summary.added, self.summary.changed, self.summary.removed)}"
        return {WAITING: "Waiting to be read", READING: "Reading…", UNREADABLE: self.note or "Cannot be read",
                NOT_READ: "Not read", APPLYING: "Importing…", SKIPPED: "Skipped"}.get(self.state, self.state)

    def apply_blocker(self) -> str:
        """Why Apply is not offered, in one sentence ("" when it is)."""
        if self.state == APPLIED:
            return "This return has been applied."
        if self.state != READY or self.preview is None:
            return "The workbook has not been read."
        plan = self.preview.plan
        if plan.errors:
            return (f"{_plural(len(plan.errors), 'error')} must be corrected in the workbook before it can be "
                    "imported. Write a problem report to send back to the mission.")
        if not plan.has_changes:
            return "Every record of this return is already in the database: there is nothing to change."
        if not self.preview.can_apply:
            return "This plan cannot be applied."
        return ""


def applied_message(summary: ImportSummary) -> str:
    """The status bar's word after an import: "Tajikistan 2019: 12 added, 3 changed, 0 removed"."""
    title = f"{summary.mission} {summary.year}"
    if summary.nothing_to_change:
        return f"{title}: nothing to change"
    return f"{title}: {changes_text(summary.added, summary.changed, summary.removed)}"


def findings_heading(summary: ImportSummary, findings: list[Finding]) -> str:
    """What the checks of the imported figures found, as `mhdesk import` says it after applying."""
    figures = f"{summary.mission}'s {summary.year} figures"
    if not findings:
        return f"The checks of {figures} found nothing to look at."
    errors = sum(1 for f in findings if f.severity == "error")
    counts = ", ".join(part for part in (_plural(errors, "error") if errors else "",
                                         _plural(len(findings) - errors, "warning") if len(findings) > errors
                                         else "") if part)
    return f"The checks of {figures} found {counts}: choose one to see its cell in the Indicators grid."


def finding_line(finding: Finding) -> str:
    return f"{finding.severity}: {finding.indicator}: {finding.message}"


def changes_text(added: int, changed: int, removed: int) -> str:
    return f"{added:,} added, {changed:,} changed, {removed:,} removed"


def workbook_paths(mime: QMimeData) -> tuple[list[Path], int]:
    """The local .xlsx files a drag carries, and how many other things it carries."""
    paths, others = [], 0
    for url in mime.urls() if mime.hasUrls() else ():
        path = Path(url.toLocalFile()) if url.isLocalFile() else None
        if path is not None and path.suffix.lower() == WORKBOOK_SUFFIX and not path.is_dir():
            paths.append(path)
        else:
            others += 1
    return paths, others


def problem_report_path(path: Path) -> Path:
    """Where the problem report goes by default: "<stem>-problems.xlsx" beside the workbook."""
    return path.with_name(f"{path.stem}-problems.xlsx")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"
