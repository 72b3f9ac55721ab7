"""Reference data: countries, programme areas, thematic areas, donors, indicators."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Versioned

SUBREGIONS = ("South-Eastern Europe", "Eastern Europe", "South Caucasus", "Central Asia", "Other")
OUTSIDE_REGION = "Other"  # countries records name (donors, destinations) that have no mission of the region


def is_mission(subregion: str | None) -> bool:
    """A country of one of the region's sub-regions has a mission that reports to the regional office."""
    return bool(subregion) and subregion != OUTSIDE_REGION


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


class Indicator(Versioned, Base):
    """A regional indicator and the rules its figures follow."""

    __tablename__ = "indicator"
    __table_args__ = (
        CheckConstraint("over_countries IN ('sum', 'max')", name="over_countries"),
        CheckConstraint("over_years IN ('sum', 'latest')", name="over_years"),
        CheckConstraint("decimals BETWEEN 0 AND 6", name="decimals"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    unit: Mapped[str] = mapped_column(String(40))
    description: Mapped[str | None] = mapped_column(Text)
    # Places after the decimal point a value may have; 0 for counts. Values are stored times 10**decimals.
    decimals: Mapped[int] = mapped_column(default=0)
    # How a regional total is formed: countries' values added ('sum') or the largest ('max') ...
    over_countries: Mapped[str] = mapped_column(String(8), default="sum")
    # ... and a period's from its years: added ('sum', consultations) or the latest year's ('latest', facilities).
    over_years: Mapped[str] = mapped_column(String(8), default="sum")
    by_sex: Mapped[bool] = mapped_column(default=False)
    by_age: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
