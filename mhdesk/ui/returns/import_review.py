"""The review of mission returns before import (forms/returns/import_review.ui): one page per workbook.

The dialog only shows: the workbooks in a list (hidden when there is one),
and for the chosen one a header (which return, who sent it, counts per
sheet), a notice (why it cannot be applied, or what happened) and its plan.
What the buttons ask for goes out as signals carrying the file's index; the
import flow does the work and calls `refresh(index)`.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget

from ...core.returns.plan.model import ACTIONS, SHEET_ORDER
from ..shared.empty_state import EmptyState
from ..shared.form_loader import load_form
from .plan_icons import status_icon
from .plan_view import PlanView
from .return_files import (
    APPLIED,
    APPLYING,
    NOT_READ,
    READY,
    SKIPPED,
    UNREADABLE,
    WAITING,
    ReturnFile,
    finding_line,
    findings_heading,
)
from .workbook_drops import WorkbookDropTarget

NOTICE_STYLE = """
QLabel#noticeLabel { padding: 7px 10px; border-radius: 4px; background: #eef3f9; color: #1f3b5c; }
QLabel#noticeLabel[tone="error"] { background: #fdecec; color: #8a1c13; }
QLabel#noticeLabel[tone="warning"] { background: #fff6e0; color: #6b4a00; }
QLabel#noticeLabel[tone="done"] { background: #e9f6ec; color: #1b5e2b; }
QLabel#detailLabel { color: #4b5563; }
QListWidget#fileList { border: 1px solid #e3e5e8; border-radius: 4px; background: #f7f8fa; padding: 4px; }
QListWidget#fileList::item { padding: 6px 4px; border-radius: 4px; color: #1f2937; }
QListWidget#fileList::item:selected { background: #dce8f6; color: #0b3d73; }
"""
# The list's mark for a file, by state (a file read with errors is marked as an error).
STATE_MARKS = {WAITING: "unchanged", NOT_READ: "unchanged", SKIPPED: "unchanged", APPLYING: "change",
               READY: "change", APPLIED: "applied", UNREADABLE: "error"}
ACTION_HEADERS = {"add": "Added", "change": "Changed", "unchanged": "Unchanged", "remove": "Removed"}
APPLY_TIP = "Write these changes to the database in one step; a backup copy of the database is made first"


class ImportReviewDialog(WorkbookDropTarget, QDialog):
    apply_requested = Signal(int)
    skip_requested = Signal(int)
    report_requested = Signal(int)
    read_again_requested = Signal(int)
    files_dropped = Signal(list)  # of Path: more workbooks dropped on the dialog
    finding_requested = Signal(object)  # a Finding of an applied return, to be shown at its cell

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = load_form(self, "returns/import_review.ui")
        self.setStyleSheet(NOTICE_STYLE)
        self.files: list[ReturnFile] = []
        self.plan_view = PlanView(self.ui.planPage)
        self.ui.planPageLayout.addWidget(self.plan_view)
        self.message = EmptyState("", "", self.ui.messagePage)
        self.ui.messagePageLayout.addWidget(self.message)
        self.read_again_button = self.message.add_button("Read again", lambda: self._ask(self.read_again_requested))
        self._shown_preview = None  # the preview whose plan the plan view holds
        self.ui.splitter.setSizes([270, 890])
        self.ui.fileList.currentRowChanged.connect(lambda _row: self._show_current())
        self.ui.applyButton.clicked.connect(lambda: self._ask(self.apply_requested))
        self.ui.skipButton.clicked.connect(lambda: self._ask(self.skip_requested))
        self.ui.reportButton.clicked.connect(lambda: self._ask(self.report_requested))
        self.ui.closeButton.clicked.connect(self.reject)
        self.ui.showFindingButton.clicked.connect(self._ask_finding)
        self.ui.findingsList.itemActivated.connect(lambda _item: self._ask_finding())
        self._shown_findings = None  # the findings list the panel holds
        QShortcut(QKeySequence.StandardKey.Find, self, self.plan_view.focus_search)
        self.setAcceptDrops(True)

    # ---- the list of workbooks ------------------------------------------------------

    def set_files(self, files: list[ReturnFile]) -> None:
        """Show `files` (the flow's own list, kept by reference); the chosen row stays chosen."""
        self.files = files
        file_list = self.ui.fileList
        while file_list.count() < len(files):
            QListWidgetItem(file_list)
        for index in range(len(files)):
            self._update_item(index)
        file_list.setVisible(len(files) > 1)
        self.setWindowTitle("Review mission return" if len(files) == 1 else f"Review {len(files)} mission returns")
        if file_list.currentRow() < 0 and files:
            file_list.setCurrentRow(0)
        self._show_current()

    def refresh(self, index: int) -> None:
        """The file at `index` changed."""
        self._update_item(index)
        if index == self.current_index():
            self._show_current()

    def current_index(self) -> int:
        return self.ui.fileList.currentRow()

    def select(self, index: int) -> None:
        self.ui.fileList.setCurrentRow(index)

    def _update_item(self, index: int) -> None:
        file, item = self.files[index], self.ui.fileList.item(index)
        item.setText(f"{file.title}\n{file.status_line()}")
        item.setToolTip(str(file.path))
        mark = "error" if file.state == READY and file.errors else STATE_MARKS.get(file.state, "unchanged")
        item.setIcon(status_icon(mark))

    def _ask(self, signal) -> None:
        if 0 <= self.current_index() < len(self.files):
            signal.emit(self.current_index())

    def workbooks_dropped(self, paths: list, others: int) -> None:
        self.files_dropped.emit(paths)

    # ---- the chosen workbook --------------------------------------------------------

    def _show_current(self) -> None:
        index = self.current_index()
        if not 0 <= index < len(self.files):
            return
        file = self.files[index]
        ui = self.ui
        ui.headingLabel.setText(file.title)
        ui.detailLabel.setText(_details(file))
        ui.countsLabel.setText(counts_table(file) if file.preview else "")
        ui.countsLabel.setVisible(file.preview is not None)
        self._show_notice(*_notice(file))
        self._show_findings(file)
        if file.preview is not None:
            if file.preview is not self._shown_preview:
                self.plan_view.set_plan(file.preview.plan)
                self._shown_preview = file.preview
            ui.pageStack.setCurrentWidget(ui.planPage)
        else:
            heading, text = _message(file)
            self.message.heading.setText(heading)
            self.message.text.setText(text)
            self.read_again_button.setVisible(file.state == NOT_READ)
            ui.pageStack.setCurrentWidget(ui.messagePage)
        blocker = file.apply_blocker()
        ui.applyButton.setEnabled(file.can_apply)
        ui.applyButton.setToolTip(blocker or APPLY_TIP)
        ui.reportButton.setEnabled(file.preview is not None and bool(file.preview.problems))
        ui.skipButton.setVisible(len(self.files) > 1)
        ui.skipButton.setEnabled(file.state in (READY, NOT_READ))

    def _show_notice(self, text: str, tone: str) -> None:
        label = self.ui.noticeLabel
        label.setText(text)
        label.setVisible(bool(text))
        label.setProperty("tone", tone)
        label.style().unpolish(label)
        label.style().polish(label)

    def _show_findings(self, file: ReturnFile) -> None:
        """Once a return is applied: the checks of the mission's figures, each one a way to its cell."""
        shown = file.state == APPLIED and file.summary is not None and file.findings is not None
        self.ui.findingsPanel.setVisible(shown)
        if not shown or file.findings is self._shown_findings:
            return
        self._shown_findings = file.findings
        self.ui.findingsHeading.setText(findings_heading(file.summary, file.findings))
        found = self.ui.findingsList
        found.clear()
        for finding in file.findings:
            item = QListWidgetItem(finding_line(finding), found)
            item.setData(Qt.ItemDataRole.UserRole, finding)
        found.setVisible(bool(file.findings))
        self.ui.showFindingButton.setVisible(bool(file.findings))
        if file.findings:
            found.setCurrentRow(0)

    def _ask_finding(self) -> None:
        item = self.ui.findingsList.currentItem()
        if item is not None:
            self.finding_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def findings_text(self) -> list[str]:
        """The heading and each finding as shown (empty while none are shown)."""
        if self.ui.findingsPanel.isHidden():
            return []
        found = self.ui.findingsList
        return [self.ui.findingsHeading.text(), *(found.item(i).text() for i in range(found.count()))]

    def notice_text(self) -> str:
        return self.ui.noticeLabel.text() if self.ui.noticeLabel.isVisible() else ""


def _details(file: ReturnFile) -> str:
    parts = [file.path.name]
    plan = file.preview.plan if file.preview else None
    if plan and plan.submitted_by:
        sender = f"{plan.submitted_by} ({plan.email})" if plan.email else plan.submitted_by
        parts.append(f"submitted by {sender}")
    elif plan and plan.email:
        parts.append(f"submitted by {plan.email}")
    if plan and plan.date_submitted:
        parts.append(f"on {plan.date_submitted.day} {plan.date_submitted:%B %Y}")
    return " · ".join(parts)


def counts_table(file: ReturnFile) -> str:
    """Per sheet: records added, changed, unchanged, removed; errors and warnings. Zeros stay quiet."""
    plan = file.preview.plan
    counts: dict[str, Counter] = {}
    for (sheet, action), n in Counter((e.sheet, e.action) for e in plan.entries).items():
        counts.setdefault(sheet, Counter())[action] = n
    problems = plan.problems_by_sheet()
    sheets = sorted(set(counts) | set(problems), key=lambda s: (SHEET_ORDER.index(s) if s in SHEET_ORDER else 99, s))
    head = "".join(f"<th align='right'>&nbsp;&nbsp;{h}</th>" for h in [*ACTION_HEADERS.values(), "Errors", "Warnings"])
    rows = [f"<tr><th align='left'>Sheet</th>{head}</tr>"]
    for sheet in sheets:
        found = problems.get(sheet, [])
        errors = sum(1 for p in found if p.is_error)
        values = [counts.get(sheet, {}).get(action, 0) for action in ACTIONS] + [errors, len(found) - errors]
        colours = [None] * len(ACTIONS) + ["#b42318", "#8a5a00"]
        cells = "".join(_count_cell(n, colour) for n, colour in zip(values, colours))
        rows.append(f"<tr><td>{escape(sheet)}</td>{cells}</tr>")
    return f"<table cellspacing='0' cellpadding='1'>{''.join(rows)}</table>"


def _count_cell(n: int, colour: str | None) -> str:
    if not n:
        return "<td align='right' style='color:#b0b6bf'>–</td>"
    style = f" style='color:{colour}; font-weight:600'" if colour else ""
    return f"<td align='right'{style}>{n:,}</td>"


def _notice(file: ReturnFile) -> tuple[str, str]:
    """(text, tone) of the band above the plan."""
    note = f" {file.note}" if file.note and file.state != UNREADABLE else ""
    if file.state == APPLIED and file.summary:
        summary = file.summary
        backup = (f" A copy of the database as it was is kept in {summary.backup.parent.name}/{summary.backup.name}."
                  if summary.backup else "")
        return f"Applied as import #{summary.import_id}.{backup}{note}", "done"
    if file.state == SKIPPED:
        return f"Skipped: nothing of this workbook was written.{note}", "info"
    if file.state == APPLYING:
        return "Importing…", "info"
    if file.state != READY or file.preview is None:
        return note.strip(), "info"
    plan = file.preview.plan
    blocker = file.apply_blocker()
    if blocker:
        return f"{blocker}{note}", "error" if plan.errors else "info"
    if plan.warnings:
        count = len(plan.warnings)
        return (f"{count:,} warning{'s' if count != 1 else ''} to look at; warnings do not stop the import.{note}",
                "warning")
    return note.strip() or "No problems found: ready to apply.", "info"


def _message(file: ReturnFile) -> tuple[str, str]:
    if file.state == UNREADABLE:
        return "This file cannot be read", file.note or "It is not a readable .xlsx workbook."
    if file.state == NOT_READ:
        return "Not read", file.note or "Reading was cancelled; nothing was written."
    if file.state == SKIPPED:
        return "Skipped", "Nothing of this workbook was written."
    return "Reading…", "The workbook is read and checked against the records; nothing is written yet."
