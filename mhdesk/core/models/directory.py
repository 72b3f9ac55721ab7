"""People and the roles they hold in the focal-point directory."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Sourced, Versioned
from .reference import Country, ProgrammeArea

ROLES = ("COM", "HOO", "OIC", "FP", "REGIONAL")


class Person(Versioned, Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_name: Mapped[str] = mapped_column(String(120), index=True)
    given_name: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(200), index=True)
    phone: Mapped[str | None] = mapped_column(String(60))

    roles: Mapped[list[DirectoryRole]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def printed_name(self) -> str:
        """`FAMILY NAME Given name`, as the directory prints it."""
        return " ".join(p for p in (self.family_name.upper(), self.given_name) if p)


class DirectoryRole(Versioned, Sourced, Base):
    __tablename__ = "directory_role"
    __table_args__ = (
        CheckConstraint("role IN ('COM', 'HOO', 'OIC', 'FP', 'REGIONAL')", name="role"),
        CheckConstraint("role <> 'FP' OR programme_area_id IS NOT NULL", name="focal_point_has_area"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    # Regional roles (regional coordinator, thematic specialist) have no country.
    country_id: Mapped[int | None] = mapped_column(ForeignKey("country.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    role: Mapped[str] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(String(120))
    programme_area_id: Mapped[int | None] = mapped_column(ForeignKey("programme_area.id", ondelete="RESTRICT"))

    person: Mapped[Person] = relationship(back_populates="roles")
    country: Mapped[Country | None] = relationship()
    programme_area: Mapped[ProgrammeArea | None] = relationship()
