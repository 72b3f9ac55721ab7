"""The events and publications as tables that sort and filter themselves (see shared/record_table.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.services.events import EventData
from ...core.services.publications import PublicationData
from ..shared.record_table import RecordTableModel, name_key


@dataclass(frozen=True)
class RecordFilter:
    text: str = ""
    year: int | None = None


class EventsModel(RecordTableModel):
    HEADERS = ("Date", "Title", "Place", "Country", "Participants", "Description")
    SORT_KEYS = {
        0: lambda e: e.date,
        1: lambda e: name_key(e.title),
        2: lambda e: name_key(e.place),
        3: lambda e: name_key(e.country),
        4: lambda e: e.participants,
        5: lambda e: name_key(e.description),
    }
    RIGHT_ALIGNED = frozenset({4})
    TSV_COLUMNS = (("date", lambda e: e.date.isoformat()), ("title", lambda e: e.title),
                   ("place", lambda e: e.place), ("country", lambda e: e.country),
                   ("participants", lambda e: e.participants), ("description", lambda e: e.description))
    FILTER_TYPE = RecordFilter

    def display(self, row: EventData, column: int) -> str:
        if column == 0:
            return row.when
        if column == 4:
            return f"{row.participants:,}" if row.participants is not None else ""
        value = (None, row.title, row.place, row.country, None, row.description)[column]
        return (value or "").replace("\n", " ")

    def haystack(self, row: EventData) -> str:
        return " ".join(p for p in (row.title, row.place, row.country, row.description) if p).lower()

    def narrow(self, rows, kept, wanted: RecordFilter):
        return kept if wanted.year is None else [i for i in kept if rows[i].date.year == wanted.year]


class PublicationsModel(RecordTableModel):
    HEADERS = ("Year", "Title", "Publisher", "Place", "Pages", "Format", "Languages", "ISBN", "Link")
    SORT_KEYS = {
        0: lambda p: p.year,
        1: lambda p: name_key(p.title),
        2: lambda p: name_key(p.publisher),
        3: lambda p: name_key(p.place),
        4: lambda p: p.pages,
        5: lambda p: name_key(p.format),
        6: lambda p: name_key(p.languages),
        7: lambda p: p.isbn or None,
        8: lambda p: p.link or None,
    }
    RIGHT_ALIGNED = frozenset({0, 4})
    TSV_COLUMNS = tuple((name, (lambda n: lambda p: getattr(p, n))(name)) for name in (
        "year", "title", "publisher", "place", "pages", "format", "languages", "isbn", "link"))
    FILTER_TYPE = RecordFilter

    def display(self, row: PublicationData, column: int) -> str:
        value = (row.year, row.title, row.publisher, row.place, row.pages, row.format, row.languages, row.isbn,
                 row.link)[column]
        return "" if value is None else str(value)

    def haystack(self, row: PublicationData) -> str:
        return " ".join(str(p) for p in (row.title, row.publisher, row.place, row.languages, row.isbn) if p).lower()

    def narrow(self, rows, kept, wanted: RecordFilter):
        return kept if wanted.year is None else [i for i in kept if rows[i].year == wanted.year]
