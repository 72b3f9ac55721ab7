"""Reference data: countries, programme areas, thematic areas, donors, indicators."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base

SUBREGIONS = ("South-Eastern Europe", "Eastern Europe", "South Caucasus", "Central Asia", "Other")


class Country(Base):
    __tablename__ = "country"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    iso2: Mapped[str | None] = mapped_column(String(2), unique=True)
    subregion: Mapped[str] = mapped_column(String(40))
    footnote: Mapped[str | None] = mapped_column(Text)

    aliases: Mapped[list[CountryAlias]] = relationship(
        back_populates="country", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"Country({self.name!r})"


class CountryAlias(Base):
    __tablename__ = "country_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    country_id: Mapped[int] = mapped_column(ForeignKey("country.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(120), unique=True)

    country: Mapped[Country] = relationship(back_populates="aliases")


class ProgrammeArea(Base):
    __tablename__ = "programme_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(2), unique=True)
    h_code: Mapped[str] = mapped_column(String(2), unique=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)


class ThematicArea(Base):
    __tablename__ = "thematic_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)


class Donor(Base):
    __tablename__ = "donor"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Indicator(Base):
    __tablename__ = "indicator"
    __table_args__ = (CheckConstraint("aggregation IN ('sum', 'stock')", name="aggregation"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    unit: Mapped[str] = mapped_column(String(40))
    # 'sum': adds up across years (consultations); 'stock': counts of things that do not.
    aggregation: Mapped[str] = mapped_column(String(8))
    position: Mapped[int] = mapped_column(default=0)
