"""The exchange rates as a table that sorts and filters itself: currency, first day, rate."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from ...core.services.exchange_rates import RateData
from ..shared import formatting
from ..shared.record_table import RecordTableModel


class Column(IntEnum):
    CURRENCY = 0
    VALID_FROM = 1
    RATE = 2


@dataclass(frozen=True)
class RateFilter:
    text: str = ""


def rate_text(rate: RateData) -> str:
    return f"{rate.rate:f}"


class RatesTableModel(RecordTableModel):
    HEADERS = ("Currency", "Valid from", "Rate")
    SORT_KEYS = {Column.CURRENCY: lambda r: r.currency, Column.VALID_FROM: lambda r: r.valid_from.toordinal(),
                 Column.RATE: lambda r: r.rate}
    RIGHT_ALIGNED = frozenset({Column.RATE})
    TSV_COLUMNS = (("Currency", lambda r: r.currency), ("Valid from", lambda r: formatting.iso(r.valid_from)),
                   ("Rate", rate_text), ("Reporting currency", lambda r: r.reporting_currency))
    FILTER_TYPE = RateFilter

    def display(self, row: RateData, column: int) -> str:
        if column == Column.CURRENCY:
            return row.currency
        if column == Column.VALID_FROM:
            return formatting.day(row.valid_from)
        return f"{rate_text(row)} {row.reporting_currency}"

    def haystack(self, row: RateData) -> str:
        # both spellings of the day, so that "2023-01" and "jan 2023" find it
        return "\x1f".join((row.currency, formatting.iso(row.valid_from), formatting.day(row.valid_from),
                            rate_text(row))).lower()
