"""Events, publications, newsletter editions and the import log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Sourced, Versioned, owned_by
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


GROUPINGS = ("programme_area", "subregion", "theme")


class Edition(Versioned, Base):
    """A newsletter / annual report of one year: its own texts, the projects it prints and its sections.

    With `projects_chosen` false the edition prints every project active in its year, grouped by
    `grouping`; once projects are chosen, `projects` holds them in the order printed. `sections` lists
    the keys of the sections left out (see core/exports/newsletter_sections.py), so a section added
    later is printed by default."""

    __tablename__ = "edition"
    __table_args__ = (
        CheckConstraint("grouping IN ('programme_area', 'subregion', 'theme')", name="grouping"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    title: Mapped[str] = mapped_column(String(200))
    subtitle: Mapped[str | None] = mapped_column(String(300))
    region_line: Mapped[str | None] = mapped_column(String(300))
    welcome_text: Mapped[str | None] = mapped_column(Text)
    signature: Mapped[str | None] = mapped_column(String(300))
    contact_block: Mapped[str | None] = mapped_column(Text)
    grouping: Mapped[str] = mapped_column(String(20), default="programme_area")
    projects_chosen: Mapped[bool] = mapped_column(default=False)
    sections_left_out: Mapped[str] = mapped_column(String(400), default="")
    cover_image: Mapped[bytes | None] = mapped_column(LargeBinary)
    cover_media_type: Mapped[str | None] = mapped_column(String(20))

    spotlights: Mapped[list[SpotlightArticle]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="SpotlightArticle.position",
        collection_class=ordering_list("position"),
    )
    projects: Mapped[list[EditionProject]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EditionProject.position",
        collection_class=ordering_list("position"),
    )


class SpotlightArticle(Base):
    __tablename__ = "spotlight_article"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(owned_by("edition.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    image: Mapped[bytes | None] = mapped_column(LargeBinary)
    media_type: Mapped[str | None] = mapped_column(String(20))
    caption: Mapped[str | None] = mapped_column(Text)
    credit: Mapped[str | None] = mapped_column(String(200))


class EditionProject(Base):
    """A project an edition prints, in its place; deleting the project takes it out of the edition."""

    __tablename__ = "edition_project"

    edition_id: Mapped[int] = mapped_column(owned_by("edition.id"), primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)
    position: Mapped[int] = mapped_column(default=0)


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
