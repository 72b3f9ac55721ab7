"""Events: the meetings, trainings and launches of the year's calendar (typed here or brought by returns)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ..database import Database
from ..errors import Issue, ValidationFailed
from ..models import Country, Event
from .record_store import RecordStore

PRECISIONS = ("day", "month")


@dataclass
class EventData:
    date: date
    title: str
    date_precision: str = "day"  # "month": only the month is known, `date` is its first day
    place: str | None = None
    country: str | None = None
    participants: int | None = None
    description: str | None = None
    id: int | None = None
    version: int | None = None

    @property
    def when(self) -> str:
        return self.date.strftime("%B %Y") if self.date_precision == "month" else self.date.strftime("%d %B %Y")


def check_event(data: EventData) -> None:
    issues = []
    if not (data.title or "").strip():
        issues.append(Issue("Title", "an event needs a title"))
    if not isinstance(data.date, date):
        issues.append(Issue("Date", "an event needs a date or a month"))
    if data.date_precision not in PRECISIONS:
        issues.append(Issue("Date", f'"{data.date_precision}" is neither a day nor a month'))
    if data.participants is not None and data.participants < 0:
        issues.append(Issue("Participants", f"{data.participants} is negative"))
    if issues:
        raise ValidationFailed(issues)


def _to_data(event: Event) -> EventData:
    return EventData(event.date, event.title, event.date_precision, event.place,
                     event.country.name if event.country else None, event.participants, event.description,
                     event.id, event.version)


def _apply(session: Session, event: Event, data: EventData) -> None:
    country = None
    if data.country:
        country = session.scalar(select(Country).where(Country.name == data.country))
        if country is None:
            raise ValidationFailed([Issue("Country", f'"{data.country}" is not known')])
    when = data.date.replace(day=1) if data.date_precision == "month" else data.date
    event.date, event.date_precision, event.title = when, data.date_precision, data.title.strip()
    event.place, event.country = (data.place or "").strip() or None, country
    event.participants, event.description = data.participants, (data.description or "").strip() or None


class EventService(RecordStore[EventData]):
    def __init__(self, db: Database):
        super().__init__(db, Event, "event", to_data=_to_data, apply=_apply, check=check_event)

    def list(self, year: int | None = None) -> list[EventData]:
        """The events in date order (of `year` only when given)."""
        statement = select(Event).options(joinedload(Event.country)).order_by(Event.date, Event.id)
        if year is not None:
            statement = statement.where(Event.date >= date(year, 1, 1), Event.date <= date(year, 12, 31))
        with self._db.session() as session:
            return [_to_data(e) for e in session.scalars(statement)]
