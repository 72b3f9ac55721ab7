"""Indicator values per country and year, optionally per project and disaggregated."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Money, Sourced, Versioned
from .reference import Country, Indicator

SEXES = ("", "female", "male")
AGE_GROUPS = ("", "children", "adults")


class IndicatorValue(Versioned, Sourced, Base):
    __tablename__ = "indicator_value"
    __table_args__ = (
        # '' rather than NULL for "all", so that the natural key can be matched and indexed.
        CheckConstraint("sex IN ('', 'female', 'male')", name="sex"),
        CheckConstraint("age_group IN ('', 'children', 'adults')", name="age_group"),
        CheckConstraint("value >= 0", name="value_not_negative"),
        Index("ix_indicator_value_key", "indicator_id", "country_id", "year", "project_id", "sex", "age_group"),
        Index("ix_indicator_value_year_country", "year", "country_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="RESTRICT"))
    country_id: Mapped[int] = mapped_column(ForeignKey("country.id", ondelete="RESTRICT"))
    year: Mapped[int]
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    sex: Mapped[str] = mapped_column(String(6), default="")
    age_group: Mapped[str] = mapped_column(String(8), default="")
    value: Mapped[Decimal] = mapped_column(Money)
    note: Mapped[str | None] = mapped_column(Text)

    indicator: Mapped[Indicator] = relationship()
    country: Mapped[Country] = relationship()
