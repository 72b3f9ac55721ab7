"""The audit trail: who changed which record when, field by field, by an edit, an import or a rollback."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

ACTIONS = ("add", "change", "remove")
SOURCES = ("edit", "import", "rollback")


class AuditEntry(Base):
    """One change of one record. `label` is what people call the record (a project's code) at the time, so the
    history of a record deleted since can still be found; `changes_json` lists [field, before, after] as text."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        CheckConstraint("action IN ('add', 'change', 'remove')", name="action"),
        CheckConstraint("source IN ('edit', 'import', 'rollback')", name="source"),
        Index("ix_audit_entry_record", "entity", "entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)  # UTC
    who: Mapped[str] = mapped_column(String(200))  # the OS login on SQLite, the database role on PostgreSQL
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int]
    label: Mapped[str] = mapped_column(String(200), index=True)
    action: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(10))
    import_id: Mapped[int | None] = mapped_column(ForeignKey("import_record.id", ondelete="SET NULL"), index=True)
    changes_json: Mapped[str] = mapped_column(Text, default="[]")


class SchemaRequirement(Base):
    """Which mhdesk first brought a database to each schema revision: what a client must be to write it."""

    __tablename__ = "mhdesk_schema"

    revision: Mapped[str] = mapped_column(String(32), primary_key=True)
    app_version: Mapped[str] = mapped_column(String(40))
