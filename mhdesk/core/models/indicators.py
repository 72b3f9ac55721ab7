"""Indicator values per country and year, optionally per project and disaggregated."""

from __future__ import annotations

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from .base import Base, Sourced, Versioned
from .reference import Country, Indicator

SEXES = ("", "female", "male")
AGE_GROUPS = ("", "children", "adults")


class WholeNumber(TypeDecorator):
    """A whole number; a number with a fractional part is refused, never rounded."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None or value.__class__ is int:
            return value
        if value != int(value):
            raise ValueError(f"{value} is not a whole number")
        return int(value)


class IndicatorValue(Versioned, Sourced, Base):
    __tablename__ = "indicator_value"
    __table_args__ = (
        # '' rather than NULL for "all", so that the natural key can be matched and indexed.
        CheckConstraint("sex IN ('', 'female', 'male')", name="sex"),
        CheckConstraint("age_group IN ('', 'children', 'adults')", name="age_group"),
        CheckConstraint("value >= 0", name="value_not_negative"),
        Index("ix_indicator_value_key", "indicator_id", "country_id", "year", "project_id", "sex", "age_group"),
        Index("ix_indicator_value_year_country", "year", "country_id"),
        # covers the regional totals of a year: read from the index alone, already in group order
        Index("ix_indicator_value_totals", "year", "indicator_id", "country_id", "project_id", "sex", "age_group",
              "value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="RESTRICT"))
    country_id: Mapped[int] = mapped_column(ForeignKey("country.id", ondelete="RESTRICT"))
    year: Mapped[int]
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    sex: Mapped[str] = mapped_column(String(6), default="")
    age_group: Mapped[str] = mapped_column(String(8), default="")
    # Exact: the value times 10**indicator.decimals, so a count is stored as the whole number it is.
    value: Mapped[int] = mapped_column(WholeNumber)
    note: Mapped[str | None] = mapped_column(Text)

    indicator: Mapped[Indicator] = relationship()
    country: Mapped[Country] = relationship()
