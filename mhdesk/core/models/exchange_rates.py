"""Dated exchange rates into a reporting currency, for totals of budgets in several currencies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from .base import Base, Versioned

RATE_PLACES = 8


class Rate(TypeDecorator):
    """A rate with up to eight decimals stored as a whole number of 10^-8: exact on every backend.

    A rate with more decimals is refused rather than rounded.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        scaled = Decimal(value).scaleb(RATE_PLACES)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"a rate has at most {RATE_PLACES} decimals: {value}")
        return int(scaled)

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(int(value)).scaleb(-RATE_PLACES).normalize()


class ExchangeRate(Versioned, Base):
    """From `valid_from` on (until a later rate of the pair), one `currency` is worth `rate` `reporting_currency`."""

    __tablename__ = "exchange_rate"
    __table_args__ = (
        UniqueConstraint("currency", "reporting_currency", "valid_from"),
        CheckConstraint("rate > 0", name="rate_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    reporting_currency: Mapped[str] = mapped_column(String(3), default="USD")
    valid_from: Mapped[date]
    rate: Mapped[Decimal] = mapped_column(Rate)
