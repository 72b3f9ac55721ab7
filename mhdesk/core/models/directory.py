"""People and the roles they hold in the focal-point directory."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..directory_roles import ROLE_CODES
from ..person_names import printed_name
from .base import Base, Sourced, Versioned, owned_by
from .reference import Country, ProgrammeArea

ROLES = ROLE_CODES
ROLE_CHECK = "role IN (" + ", ".join(f"'{code}'" for code in ROLE_CODES) + ")"


class Person(Versioned, Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_name: Mapped[str] = mapped_column(String(120), index=True)
    given_name: Mapped[str | None] = mapped_column(String(120))
    title: Mapped[str | None] = mapped_column(String(60))  # Dr, Ms...
    email: Mapped[str | None] = mapped_column(String(200), index=True)
    phone: Mapped[str | None] = mapped_column(String(60))
    notes: Mapped[str | None] = mapped_column(Text)

    roles: Mapped[list[DirectoryRole]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def printed_name(self) -> str:
        return printed_name(self.family_name, self.given_name)


class DirectoryRole(Versioned, Sourced, Base):
    __tablename__ = "directory_role"
    __table_args__ = (
        CheckConstraint(ROLE_CHECK, name="role"),
        CheckConstraint("role <> 'FP' OR programme_area_id IS NOT NULL", name="focal_point_has_area"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # A person's roles are theirs: a change to one bumps the person's version too.
    person_id: Mapped[int] = mapped_column(owned_by("person.id"), index=True)
    # Regional roles (regional coordinator, thematic specialist) have no country.
    country_id: Mapped[int | None] = mapped_column(ForeignKey("country.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    role: Mapped[str] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(String(120))
    programme_area_id: Mapped[int | None] = mapped_column(ForeignKey("programme_area.id", ondelete="RESTRICT"))
    # the order of the people within a printed cell
    position: Mapped[int] = mapped_column(default=0, server_default=text("0"))

    person: Mapped[Person] = relationship(back_populates="roles")
    country: Mapped[Country | None] = relationship()
    programme_area: Mapped[ProgrammeArea | None] = relationship()
