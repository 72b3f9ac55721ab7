"""An import plan: what a mission return would add, change, leave alone and remove.

The plan is what the dry run shows and what the import record keeps, so it
goes to and from JSON. The rows to write (`writes`) ride along in memory only:
a plan read back from an import record can be shown, not applied.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from json.encoder import encode_basestring as _json_text  # a str as json.dumps writes it (ensure_ascii=False)
from math import isfinite
from typing import Any

from ..problems import Problem, SortsProblems

ADD, CHANGE, UNCHANGED, REMOVE = "add", "change", "unchanged", "remove"
ACTIONS = (ADD, CHANGE, UNCHANGED, REMOVE)
SHEET_ORDER = ("Return", "Projects", "Indicators", "Focal points", "Events")
PLAN_FORMAT = 1


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str  # the contract's column header, e.g. "Budget"
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.field}: {self.old or '(empty)'} -> {self.new or '(empty)'}"


@dataclass(slots=True)
class Entry:
    """One record of the return (or one it supersedes) and what the import does to it."""

    sheet: str
    action: str
    label: str
    row: int | None = None
    changes: tuple[FieldChange, ...] = ()
    # indicator values only: the same key's value a year before, and the change in per cent
    previous: str | None = None
    change_pct: float | None = None

    def change_texts(self) -> list[str]:
        """`Value: 42` for what an added record holds, `Value: 40 -> 42` for what a change does."""
        if self.action == ADD:
            return [f"{c.field}: {c.new}" for c in self.changes]
        return [str(c) for c in self.changes]

    def to_json(self) -> list:
        """[sheet, action, label, row, changes, previous, change_pct], without trailing empties."""
        out = [self.sheet, self.action, self.label, self.row,
               [[c.field, c.old, c.new] for c in self.changes] if self.changes else None,
               self.previous, self.change_pct]
        while out[-1] is None:
            out.pop()
        return out

    @classmethod
    def from_json(cls, data: list) -> Entry:
        sheet, action, label, row, changes, previous, pct = (*data, *[None] * (7 - len(data)))
        return cls(sheet, action, label, row, tuple(FieldChange(*c) for c in changes or ()), previous, pct)


@dataclass
class Plan(SortsProblems):
    file_name: str
    sha256: str
    mission: str | None
    year: int | None
    submitted_by: str | None = None
    email: str | None = None
    date_submitted: date | None = None
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    writes: Any = None  # planner.PlannedWrites while the plan can still be applied

    # ---- what the review dialog and the command line show ----------------------------

    @property
    def can_apply(self) -> bool:
        return not self.errors and self.writes is not None

    def count(self, action: str) -> int:
        return sum(1 for e in self.entries if e.action == action)

    @property
    def has_changes(self) -> bool:
        return any(e.action != UNCHANGED for e in self.entries)

    def counts_by_sheet(self) -> dict[str, Counter]:
        """{sheet: Counter(action -> n)} in the workbook's sheet order."""
        counts: dict[str, Counter] = {}
        for entry in self.entries:
            counts.setdefault(entry.sheet, Counter())[entry.action] += 1
        return dict(sorted(counts.items(), key=lambda kv: _sheet_rank(kv[0])))

    def by_sheet(self) -> dict[str, list[Entry]]:
        """Entries grouped by sheet (workbook order), each group in row order."""
        grouped: dict[str, list[Entry]] = {}
        for entry in self.entries:
            grouped.setdefault(entry.sheet, []).append(entry)
        return {sheet: sorted(grouped[sheet], key=lambda e: (e.row is None, e.row or 0))
                for sheet in sorted(grouped, key=_sheet_rank)}

    def problems_by_sheet(self) -> dict[str, list[Problem]]:
        grouped: dict[str, list[Problem]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.sheet or "Return", []).append(problem)
        return {sheet: grouped[sheet] for sheet in sorted(grouped, key=_sheet_rank)}

    # ---- storage in the import record -------------------------------------------------

    def to_json(self) -> str:
        head = json.dumps({
            "format": PLAN_FORMAT,
            "file_name": self.file_name, "sha256": self.sha256, "mission": self.mission, "year": self.year,
            "submitted_by": self.submitted_by, "email": self.email,
            "date_submitted": self.date_submitted.isoformat() if self.date_submitted else None,
            "problems": [[p.severity, p.message, p.sheet, p.row, p.column] for p in self.problems],
        }, ensure_ascii=False, separators=(",", ":"))
        changes_texts: dict[int, str] = {}  # id of a changes tuple (shared by the adds of one amount) -> its JSON
        parts = [_entry_text(e, changes_texts) for e in self.entries]
        return f'{head[:-1]},"entries":[{",".join(parts)}]}}'

    @classmethod
    def from_json(cls, text: str) -> Plan:
        data = json.loads(text or "{}")
        submitted = data.get("date_submitted")
        return cls(
            file_name=data.get("file_name", ""), sha256=data.get("sha256", ""),
            mission=data.get("mission"), year=data.get("year"),
            submitted_by=data.get("submitted_by"), email=data.get("email"),
            date_submitted=date.fromisoformat(submitted) if submitted else None,
            entries=[Entry.from_json(e) for e in data.get("entries", ())],
            problems=[Problem(*p) for p in data.get("problems", ())],
        )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _entry_text(entry: Entry, changes_texts: dict[int, str]) -> str:
    """What _dumps(_entry_json(entry)) writes, put together from its strings' JSON for the common entries of a
    large plan: the encoder's walk over a hundred thousand lists cost as much as making them."""
    row, previous, pct, changes = entry.row, entry.previous, entry.change_pct, entry.changes
    if (row.__class__ is not int or entry.label.__class__ is not str
            or (previous is not None and previous.__class__ is not str)
            or (pct is not None and (pct.__class__ is not float or not isfinite(pct)))):
        return _dumps(_entry_json(entry))
    start = f"[{_json_text(entry.sheet)},{_json_text(entry.action)},{_json_text(entry.label)},{row}"
    if not changes and previous is None and pct is None:
        return start + "]"
    changed = changes_texts.get(id(changes))
    if changed is None:
        changed = changes_texts[id(changes)] = _dumps([[c.field, c.old, c.new] for c in changes] if changes else None)
    if pct is not None:
        return f"{start},{changed},{'null' if previous is None else _json_text(previous)},{pct!r}]"
    if previous is not None:
        return f"{start},{changed},{_json_text(previous)}]"
    return f"{start},{changed}]"


def _entry_json(entry: Entry) -> list:
    """Entry.to_json, written out for the hundred thousand entries of a large plan."""
    changes = entry.changes
    if len(changes) == 1:  # an indicator value's one change, without a comprehension per entry
        change = changes[0]
        changes = [[change.field, change.old, change.new]]
    else:
        changes = [[c.field, c.old, c.new] for c in changes] if changes else None
    if entry.change_pct is not None:
        return [entry.sheet, entry.action, entry.label, entry.row, changes, entry.previous, entry.change_pct]
    if entry.previous is not None:
        return [entry.sheet, entry.action, entry.label, entry.row, changes, entry.previous]
    if changes is not None:
        return [entry.sheet, entry.action, entry.label, entry.row, changes]
    if entry.row is not None:
        return [entry.sheet, entry.action, entry.label, entry.row]
    return entry.to_json()


def _sheet_rank(sheet: str) -> tuple[int, str]:
    return (SHEET_ORDER.index(sheet) if sheet in SHEET_ORDER else len(SHEET_ORDER), sheet)
