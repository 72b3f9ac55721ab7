"""What the Events and Publications views show and edit: their columns, fields and names."""

from __future__ import annotations

from datetime import date

from ...core.parsing.dates import parse_date_with_precision
from ...core.services.events import EventData
from ...core.services.publications import PublicationData
from .record_dialog import FieldSpec
from .records_view import RecordKind
from .table_models import EventsModel, PublicationsModel


def _event_when(text: str, _record) -> dict:
    if not text:
        return {"date": None}
    when, precision = parse_date_with_precision(text)
    return {"date": when, "date_precision": precision}


def _event_specs(services) -> list[FieldSpec]:
    return [
        FieldSpec("date", "Date", placeholder="e.g. 24 March 2019, or March 2019 for the month only",
                  show=lambda e: "" if e.date is None else e.when, read=_event_when),
        FieldSpec("title", "Title", placeholder="e.g. World TB Day round table"),
        FieldSpec("place", "Place", placeholder="e.g. Dushanbe"),
        FieldSpec("country", "Country", kind="choice", choices=tuple(c.name for c in services.catalog.countries)),
        FieldSpec("participants", "Participants", kind="number", placeholder="e.g. 40"),
        FieldSpec("description", "Description", kind="long"),
    ]


def _publication_specs(_services) -> list[FieldSpec]:
    return [
        FieldSpec("title", "Title"),
        FieldSpec("publisher", "Publisher", placeholder="e.g. International Organization for Migration (IOM)"),
        FieldSpec("place", "Place", placeholder="e.g. Geneva"),
        FieldSpec("year", "Year", kind="number", placeholder="e.g. 2019"),
        FieldSpec("pages", "Pages", kind="number", placeholder="e.g. 164"),
        FieldSpec("format", "Format", kind="choice", choices=("PDF", "Print", "PDF and print", "Web")),
        FieldSpec("languages", "Languages", placeholder="e.g. English, Russian"),
        FieldSpec("isbn", "ISBN", placeholder="e.g. 978-92-9068-755-9"),
        FieldSpec("link", "Link", placeholder="e.g. https://publications.iom.int/…"),
    ]


EVENTS = RecordKind(
    topic="events", singular="event", plural="events", service=lambda s: s.events, model=EventsModel,
    specs=_event_specs, new_record=lambda: EventData(date=None, title=""), label=lambda e: f'"{e.title}"',
    year_of=lambda e: e.date.year if isinstance(e.date, date) else None,
    samples={0: "30 September 2000", 2: "Ashgabat and Mary", 3: "Kyrgyzstan", 4: "Participants"}, stretch=1,
    history=lambda s: s.record_history.of_event)

PUBLICATIONS = RecordKind(
    topic="publications", singular="publication", plural="publications", service=lambda s: s.publications,
    model=PublicationsModel, specs=_publication_specs, new_record=lambda: PublicationData(title=""),
    label=lambda p: f'"{p.title}"', year_of=lambda p: p.year,
    samples={0: "2000", 2: "International Organization", 3: "Bishkek", 4: "Pages", 5: "PDF", 6: "English, Russian",
             7: "978-92-9068-755-9", 8: "https://"}, stretch=1, history=lambda s: s.record_history.of_publication)
