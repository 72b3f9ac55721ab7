"""A project's audit trail: written by every edit, import and rollback of it, read by the History panel and
`mhdesk history CODE`."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import audit
from ..database import Database
from ..errors import NotFound
from ..models import Project
from .project_fields import differences
from .project_records import ProjectData

ENTITY = "project"


def record_project_change(session: Session, project_id: int, before: ProjectData | None,
                          after: ProjectData | None, *, source: str, import_id: int | None = None) -> None:
    """One audit entry for a project added (no `before`), removed (no `after`) or changed, in `session`'s
    transaction; a change that leaves every field as it was records nothing."""
    action = "add" if before is None else "remove" if after is None else "change"
    label = (after or before).code
    changes = [(d.field.label, d.before, d.after) for d in differences(before, after)]
    audit.record(session, entity=ENTITY, entity_id=project_id, label=label, action=action, source=source,
                 changes=changes, import_id=import_id)


class ProjectHistory:
    def __init__(self, db: Database):
        self._db = db

    def of(self, code: str) -> list[audit.HistoryEntry]:
        """Everything on record about the project with this code, or that had it, oldest first."""
        with self._db.session() as session:
            project_id = session.scalar(select(Project.id).where(Project.code == code))
            entries = audit.history(session, ENTITY, entity_id=project_id, label=code)
        if not entries and project_id is None:
            raise NotFound(f"No project {code} is on record, nor any change of one.")
        return entries

    def of_id(self, project_id: int) -> list[audit.HistoryEntry]:
        with self._db.session() as session:
            return audit.history(session, ENTITY, entity_id=project_id)
