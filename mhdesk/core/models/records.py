"""Events, publications, newsletter editions and the import log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Sourced, Versioned
from .reference import Country


class Event(Versioned, Sourced, Base):
    __tablename__ = "event"
    __table_args__ = (CheckConstraint("date_precision IN ('day', 'month')", name="date_precision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[date] = mapped_column(index=True)
    date_precision: Mapped[str] = mapped_column(String(5), default="day")
    title: Mapped[str] = mapped_column(String(400))
    place: Mapped[str | None] = mapped_column(String(200))
    country_id: Mapped[int | None] = mapped_column(ForeignKey("country.id", ondelete="RESTRICT"), index=True)
    participants: Mapped[int | None]
    description: Mapped[str | None] = mapped_column(Text)

    country: Mapped[Country | None] = relationship()


class Publication(Versioned, Base):
    __tablename__ = "publication"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(400))
    publisher: Mapped[str | None] = mapped_column(String(200))
    place: Mapped[str | None] = mapped_column(String(120))
    year: Mapped[int | None] = mapped_column(index=True)
    pages: Mapped[int | None]
    format: Mapped[str | None] = mapped_column(String(40))
    languages: Mapped[str | None] = mapped_column(String(200))
    isbn: Mapped[str | None] = mapped_column(String(20))
    link: Mapped[str | None] = mapped_column(String(400))


class Edition(Versioned, Base):
    """A newsletter / annual report's own texts for one year."""

    __tablename__ = "edition"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    title: Mapped[str] = mapped_column(String(200))
    welcome_text: Mapped[str | None] = mapped_column(Text)
    spotlight: Mapped[str | None] = mapped_column(Text)
    contact_block: Mapped[str | None] = mapped_column(Text)


class ImportRecord(Base):
    """One applied mission return: what file, whose, and what it changed."""

    __tablename__ = "import_record"
    __table_args__ = (CheckConstraint("state IN ('applied', 'rolled_back')", name="state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(400))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("country.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    imported_at: Mapped[datetime]
    submitted_by: Mapped[str | None] = mapped_column(String(200))
    submitter_email: Mapped[str | None] = mapped_column(String(200))
    date_submitted: Mapped[date | None]
    added: Mapped[int] = mapped_column(default=0)
    changed: Mapped[int] = mapped_column(default=0)
    removed: Mapped[int] = mapped_column(default=0)
    warnings: Mapped[int] = mapped_column(default=0)
    plan_json: Mapped[str] = mapped_column(Text, default="{}")
    state: Mapped[str] = mapped_column(String(12), default="applied")

    mission: Mapped[Country] = relationship()
    changes: Mapped[list[ImportChange]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ImportChange.id"
    )


class ImportChange(Base):
    """A record an import touched, with its state before, so the import can be rolled back."""

    __tablename__ = "import_change"
    __table_args__ = (CheckConstraint("action IN ('add', 'change', 'remove')", name="action"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("import_record.id", ondelete="CASCADE"), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None]
    # An add may cover a run of ids, entity_id to through_id: a large import records a few runs, not every row.
    through_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(String(8))
    before_json: Mapped[str | None] = mapped_column(Text)
    after_version: Mapped[int | None]
