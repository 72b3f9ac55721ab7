"""What each cell of the plan tree shows for one record (an Entry) or one problem, per column and role."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ...core.returns.plan.model import ADD, CHANGE, REMOVE, UNCHANGED, Entry
from ...core.returns.problems import Problem
from ..shared.formatting import figure
from .plan_icons import status_icon


class PlanColumn(IntEnum):
    STATUS = 0
    ROW = 1
    RECORD = 2
    PREVIOUS = 3
    CHANGE = 4
    FIELDS = 5


HEADERS = {
    PlanColumn.STATUS: "Sheet, then action", PlanColumn.ROW: "Row", PlanColumn.RECORD: "Record or problem",
    PlanColumn.PREVIOUS: "Last year's value", PlanColumn.CHANGE: "Change on last year",
    PlanColumn.FIELDS: "Values, changes or column",
}
HEADER_TIPS = {
    PlanColumn.STATUS: "The workbook's sheet; under it what the import does to each record, or the kind of problem",
    PlanColumn.ROW: "The row of the sheet the record or problem is on",
    PlanColumn.RECORD: "The record (project, value, person, event) or what is wrong",
    PlanColumn.PREVIOUS: "An indicator value: the same figure a year before, as the database holds it",
    PlanColumn.CHANGE: "An indicator value: how far it moved from last year's",
    PlanColumn.FIELDS: "What an added record holds, what a change does (old -> new), or the column of a problem",
}

KindRole = Qt.ItemDataRole.UserRole + 1  # "sheet", "entry" or "problem"
StatusRole = Qt.ItemDataRole.UserRole + 2  # an entry's action, a problem's severity, a sheet's name
ItemRole = Qt.ItemDataRole.UserRole + 3  # the Entry or Problem itself

ACTION_WORDS = {ADD: "Added", CHANGE: "Changed", UNCHANGED: "Unchanged", REMOVE: "Removed"}
SEVERITY_WORDS = {"error": "Error", "warning": "Warning"}
STATUS_COLOURS = {"error": QColor("#b42318"), "warning": QColor("#8a5a00"), UNCHANGED: QColor("#8a919c")}
SUMMARY_COLOUR = QColor("#6b7280")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def entry_data(entry: Entry, column: int, role: int):
    if role == Qt.ItemDataRole.DisplayRole:
        if column == PlanColumn.STATUS:
            return ACTION_WORDS.get(entry.action, entry.action)
        if column == PlanColumn.ROW:
            return str(entry.row) if entry.row else ""
        if column == PlanColumn.RECORD:
            return entry.label
        if column == PlanColumn.PREVIOUS:
            return figure(entry.previous)
        if column == PlanColumn.CHANGE:
            return format_change(entry.change_pct)
        if column == PlanColumn.FIELDS:
            return "; ".join(entry.change_texts())
        return None
    if role == Qt.ItemDataRole.ToolTipRole:
        if column == PlanColumn.FIELDS and entry.changes:
            return "\n".join(entry.change_texts())
        if column == PlanColumn.RECORD:
            return entry.label
        if column == PlanColumn.CHANGE and entry.change_pct is not None:
            return f"{format_change(entry.change_pct)} on the previous year's {figure(entry.previous)}"
        return None
    if role == Qt.ItemDataRole.DecorationRole and column == PlanColumn.STATUS:
        return status_icon(entry.action)
    if role == Qt.ItemDataRole.ForegroundRole and entry.action == UNCHANGED:
        return STATUS_COLOURS[UNCHANGED]
    if role == Qt.ItemDataRole.TextAlignmentRole and column in (PlanColumn.ROW, PlanColumn.PREVIOUS, PlanColumn.CHANGE):
        return RIGHT
    return _common(entry, entry.action, role)


def problem_data(problem: Problem, column: int, role: int):
    if role == Qt.ItemDataRole.DisplayRole:
        if column == PlanColumn.STATUS:
            return SEVERITY_WORDS.get(problem.severity, problem.severity)
        if column == PlanColumn.ROW:
            return str(problem.row) if problem.row else ""
        if column == PlanColumn.RECORD:
            return problem.message
        if column == PlanColumn.FIELDS:
            return problem.column or ""
        return None
    if role == Qt.ItemDataRole.ToolTipRole:
        return str(problem)
    if role == Qt.ItemDataRole.DecorationRole and column == PlanColumn.STATUS:
        return status_icon(problem.severity)
    if role == Qt.ItemDataRole.ForegroundRole and column in (PlanColumn.STATUS, PlanColumn.RECORD):
        return STATUS_COLOURS.get(problem.severity)
    if role == Qt.ItemDataRole.TextAlignmentRole and column == PlanColumn.ROW:
        return RIGHT
    return _common(problem, problem.severity, role)


def _common(item, status: str, role: int):
    if role == KindRole:
        return "problem" if isinstance(item, Problem) else "entry"
    if role == StatusRole:
        return status
    if role == ItemRole:
        return item
    return None


def format_change(pct: float | None) -> str:
    """+300 %, -12.5 %, 0 %: whole numbers unless the change is small."""
    if pct is None:
        return ""
    text = f"{pct:+,.0f}" if abs(pct) >= 10 or pct == int(pct) else f"{pct:+.1f}"
    return f"{'0' if text in ('+0', '-0') else text} %"


def haystack(item: Entry | Problem) -> str:
    if isinstance(item, Problem):
        return f"{item.message} {item.column or ''} {item.severity}".casefold()
    changes = " ".join(item.change_texts())
    return f"{item.label} {changes} {item.previous or ''} {ACTION_WORDS.get(item.action, '')}".casefold()


