"""The `Events` sheet: dated events of the year (a day, or a month)."""

from __future__ import annotations

from ...parsing import clean_text, parse_count, parse_date_with_precision
from ..layout import EVENTS
from ..parsed import IncomingEvent
from .context import ReadContext, RowReader
from .sheet_rows import Table, blank

SHEET = EVENTS.name


def read_events(table: Table, context: ReadContext) -> list[IncomingEvent]:
    events: list[IncomingEvent] = []
    for row, (day, title, place, participants, description) in table.rows():
        cells_of = RowReader(context.log, SHEET, row)
        when = None
        if blank(day):
            cells_of.error("Date", "the date is required (a date, or a month such as November 2019)")
        else:
            when = cells_of.parse("Date", parse_date_with_precision, day)
        title_text = clean_text(title)
        if not title_text:
            cells_of.error("Title", "the title is required")
        count = None
        if not blank(participants):
            count = cells_of.parse("Participants", parse_count, participants)
            if count is None:
                continue
        if when is None or not title_text:
            continue
        events.append(IncomingEvent(
            date=when[0],
            title=title_text,
            row=row,
            date_precision=when[1],
            place=clean_text(place) or None,
            country=context.mission,
            participants=count,
            description=_text(description),
        ))
    return events


def _text(value) -> str | None:
    if blank(value):
        return None
    text = value if isinstance(value, str) else clean_text(value)
    return "\n".join(clean_text(line) for line in text.splitlines()).strip() or None
