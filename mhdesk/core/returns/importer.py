"""Importing mission returns, as the window and the command line use it.

    importer = ReturnImporter(db)
    preview = importer.dry_run(path)          # reads and plans; writes nothing
    if preview.can_apply:
        summary = importer.apply(preview)     # one transaction; summary.import_id is None if nothing changed
    importer.rollback(summary.import_id)

Both steps take an optional `progress(done, total) -> bool`; returning False
cancels (ImportCancelled), so the window can run them in a worker thread and
offer Cancel. A cancelled or failed step writes nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..collector import collector_paused
from ..database import Database
from ..services import Services
from .apply.applier import ImportCancelled, ImportSummary, Progress, apply_plan
from .apply.rollback import RollbackSummary, rollback_import
from .parsed import ParsedReturn
from .plan.context import DEFAULT_THRESHOLD
from .plan.model import Plan
from .plan.planner import plan_return
from .problems import Problem


@dataclass
class ImportPreview:
    """A read return and its plan, ready for review."""

    path: Path
    parsed: ParsedReturn
    plan: Plan

    @property
    def problems(self) -> list[Problem]:
        return self.plan.problems

    @property
    def can_apply(self) -> bool:
        return self.plan.can_apply


class ReturnImporter:
    def __init__(self, db: Database, *, threshold: float = DEFAULT_THRESHOLD):
        self.db = db
        self.services = Services(db)
        self.threshold = threshold  # last year's value x this (or / this) is a warning

    def dry_run(self, path: str | os.PathLike, progress: Progress | None = None) -> ImportPreview:
        """Read the workbook and plan its import. Raises ReturnFileError for an unreadable file."""
        from .read.reader import read_return

        _report(progress, 0, 3)
        with collector_paused():
            parsed = read_return(path, self.services.catalog, known_project_codes=self.services.projects.codes())
            _report(progress, 1, 3)
            plan = plan_return(self.db, parsed, catalog=self.services.catalog, threshold=self.threshold)
        _report(progress, 3, 3)
        return ImportPreview(Path(path), parsed, plan)

    def apply(self, preview: ImportPreview, progress: Progress | None = None) -> ImportSummary:
        """Write the previewed plan (see apply.apply_plan for what can refuse it)."""
        with collector_paused():
            return apply_plan(self.db, preview.plan, progress=progress)

    def rollback(self, import_id: int) -> RollbackSummary:
        return rollback_import(self.db, import_id)


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise ImportCancelled("The import was cancelled; nothing was written.")
