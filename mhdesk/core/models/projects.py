"""Projects and what hangs off them: the lists a project owns (`owned_by`) go with it and bump its version."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, LargeBinary, String, Table, Text
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Money, Sourced, Versioned, owned_by
from .reference import Country, Donor, ProgrammeArea, ThematicArea

STATUSES = ("pipeline", "active", "completed")

project_donor = Table(
    "project_donor",
    Base.metadata,
    Column("project_id", owned_by("project.id"), primary_key=True),
    Column("donor_id", ForeignKey("donor.id", ondelete="RESTRICT"), primary_key=True, index=True),
    Column("position", Integer, nullable=False, default=0),
)

project_country = Table(
    "project_country",
    Base.metadata,
    Column("project_id", owned_by("project.id"), primary_key=True),
    Column("country_id", ForeignKey("country.id", ondelete="RESTRICT"), primary_key=True, index=True),
)

project_thematic_area = Table(
    "project_thematic_area",
    Base.metadata,
    Column("project_id", owned_by("project.id"), primary_key=True),
    Column("thematic_area_id", ForeignKey("thematic_area.id", ondelete="RESTRICT"), primary_key=True),
)


class Project(Versioned, Sourced, Base):
    __tablename__ = "project"
    __table_args__ = (
        CheckConstraint("status IN ('pipeline', 'active', 'completed')", name="status"),
        CheckConstraint("budget IS NULL OR budget >= 0", name="budget_not_negative"),
        CheckConstraint("health_budget IS NULL OR health_budget >= 0", name="health_budget_not_negative"),
        CheckConstraint('start IS NULL OR "end" IS NULL OR "end" >= start', name="end_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(7), unique=True)
    title: Mapped[str] = mapped_column(String(400))
    programme_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme_area.id", ondelete="RESTRICT"), index=True
    )
    budget: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(String(3))
    health_budget: Mapped[Decimal | None] = mapped_column(Money)
    start: Mapped[date | None]
    end: Mapped[date | None]
    extended_to: Mapped[date | None]
    managing_mission_id: Mapped[int | None] = mapped_column(
        ForeignKey("country.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(10), default="active")
    summary: Mapped[str | None] = mapped_column(Text)
    background: Mapped[str | None] = mapped_column(Text)
    objectives: Mapped[str | None] = mapped_column(Text)

    programme_area: Mapped[ProgrammeArea | None] = relationship()
    managing_mission: Mapped[Country | None] = relationship()
    # Donors keep the order they were given in ("UNAIDS; European Union").
    donor_links: Mapped[list[ProjectDonor]] = relationship(
        order_by=project_donor.c.position,
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    donors: AssociationProxy[list[Donor]] = association_proxy(
        "donor_links", "donor", creator=lambda donor: ProjectDonor(donor=donor)
    )
    countries: Mapped[list[Country]] = relationship(secondary=project_country, order_by=Country.name)
    thematic_areas: Mapped[list[ThematicArea]] = relationship(
        secondary=project_thematic_area, order_by=ThematicArea.name
    )
    achievements: Mapped[list[Achievement]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(Achievement.year, Achievement.position)",
    )
    photos: Mapped[list[Photo]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Photo.position",
        collection_class=ordering_list("position"),
    )
    testimonies: Mapped[list[Testimony]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Testimony.position",
        collection_class=ordering_list("position"),
    )

    def __repr__(self) -> str:
        return f"Project({self.code!r})"


class ProjectDonor(Base):
    __table__ = project_donor

    donor: Mapped[Donor] = relationship(lazy="joined")


class Achievement(Base):
    __tablename__ = "achievement"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(owned_by("project.id"), index=True)
    year: Mapped[int]
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)


class Photo(Base):
    """A project's photo, its bytes in the database so that a copied or shared database keeps it.

    `image` is None only for a photo an older database named by a path that could not be read when it was
    converted; its caption and credit are kept and `file_name` says what was missing."""

    __tablename__ = "photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(owned_by("project.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    file_name: Mapped[str | None] = mapped_column(String(400))
    media_type: Mapped[str | None] = mapped_column(String(20))
    width: Mapped[int | None]
    height: Mapped[int | None]
    image: Mapped[bytes | None] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary)
    caption: Mapped[str | None] = mapped_column(Text)
    credit: Mapped[str | None] = mapped_column(String(200))


class Testimony(Base):
    __tablename__ = "testimony"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(owned_by("project.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    quote: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(200))
    place: Mapped[str | None] = mapped_column(String(200))
