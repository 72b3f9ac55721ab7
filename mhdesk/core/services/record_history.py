"""The history of a person, an event, a publication or an indicator cell: read by their History panels and
`mhdesk history` (a project's is `ProjectHistory`)."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from .. import audit
from ..database import Database
from ..directory_roles import AREA_ROLES, HEAD_ROLES, role_label
from ..errors import NotFound
from ..models import AuditEntry, Country, Edition, Event, Indicator, Person, Publication
from .directory import HEAD, REGIONAL
from .editions import edition_label
from .row_audit import ROLE_ENTITY, indicator_cell_label, person_label

PERSON = ("person", ROLE_ENTITY)  # a person's own fields and the roles they held


class RecordHistory:
    def __init__(self, db: Database):
        self._db = db

    def of_person(self, person_id: int) -> list[audit.HistoryEntry]:
        """Their details and the roles they took up and left, oldest first."""
        with self._db.session() as session:
            return audit.history(session, PERSON, entity_id=person_id)

    def of_person_named(self, name: str) -> list[audit.HistoryEntry]:
        """By `Family, Given` (or the family name alone), in any case: everyone of that name, deleted since or not."""
        family, _, given = (part.strip() for part in name.partition(","))
        wanted = person_label(family, given or None).casefold()
        with self._db.session() as session:
            ids = [person_id for person_id, *names in session.execute(
                select(Person.id, Person.family_name, Person.given_name)
                .where(func.lower(Person.family_name) == family.lower()))
                if person_label(*names).casefold() == wanted]
            entries = audit.entries_where(session, AuditEntry.entity.in_(PERSON), or_(
                AuditEntry.entity_id.in_(ids), func.lower(AuditEntry.label) == wanted))
        if not entries and not ids:
            raise NotFound(f'Nobody called "{name.strip()}" is on record, nor any change of someone so called.')
        return entries

    def of_directory_cell(self, year: int, country: str | None, slot: str) -> list[audit.HistoryEntry]:
        """The roles taken up, moved and left in one cell of a year's directory (`slot` as in `CellKey`), whoever
        held them."""
        place = f", {country or 'regional'} {year}"
        with self._db.session() as session:
            found = audit.entries_where(session, AuditEntry.entity == ROLE_ENTITY,
                                        AuditEntry.changes_json.contains(place, autoescape=True))
        return [entry for entry in found if any(_in_cell(text, place, slot) for change in entry.changes
                                                for text in change)]

    def of_event(self, event_id: int) -> list[audit.HistoryEntry]:
        return self._of("event", Event, event_id)

    def of_publication(self, publication_id: int) -> list[audit.HistoryEntry]:
        return self._of("publication", Publication, publication_id)

    def of_indicator_cell(self, indicator_code: str, country: str, year: int) -> list[audit.HistoryEntry]:
        """Every value of the cell: its total, its parts and those of single projects."""
        with self._db.session() as session:
            code = session.scalar(select(Indicator.code).where(func.lower(Indicator.code) == indicator_code.lower()))
            name = session.scalar(select(Country.name).where(func.lower(Country.name) == country.lower()))
            if code is None:
                raise NotFound(f'"{indicator_code}" is not an indicator of the catalogue.')
            if name is None:
                raise NotFound(f'"{country}" is not a known country.')
            return audit.history(session, "indicator_value", label=indicator_cell_label(code, name, year))

    def of_edition(self, year: int) -> list[audit.HistoryEntry]:
        """The newsletter edition of that year: its texts, projects, sections, spotlights and cover."""
        with self._db.session() as session:
            edition_id = session.scalar(select(Edition.id).where(Edition.year == year))
            return audit.history(session, "edition", entity_id=edition_id, label=edition_label(year))

    def of_exchange_rates(self, currency: str) -> list[audit.HistoryEntry]:
        """Every rate of a currency (by its ISO 4217 code) added, changed or removed."""
        code = currency.strip().upper()
        with self._db.session() as session:
            return audit.entries_where(session, AuditEntry.entity == "exchange_rate",
                                       AuditEntry.label.startswith(f"{code} from ", autoescape=True))

    def of_indicator(self, code: str) -> list[audit.HistoryEntry]:
        """The catalogue's entry of the indicator with this code, or that had it (not its values)."""
        with self._db.session() as session:
            indicator_id = session.scalar(select(Indicator.id).where(Indicator.code == code))
            entries = audit.history(session, "indicator", entity_id=indicator_id, label=code)
        if not entries and indicator_id is None:
            raise NotFound(f'"{code}" is not an indicator of the catalogue, nor was it.')
        return entries

    def _of(self, entity: str, model, record_id: int) -> list[audit.HistoryEntry]:
        with self._db.session() as session:
            entries = audit.history(session, entity, entity_id=record_id)
            if not entries and session.get(model, record_id) is None:
                raise NotFound(f"No {entity} #{record_id} is on record, nor any change of one.")
            return entries



HEAD_LABELS = frozenset(role_label(code) for code in HEAD_ROLES)
AREA_LABELS = tuple(role_label(code) for code in AREA_ROLES)


def _in_cell(text: str, place: str, slot: str) -> bool:
    """Whether a role as the trail words it (`Focal point H2, Tajikistan 2018`, also inside `Place in the cell
    (...)`) belongs to the cell at `place` and `slot`."""
    text = text.removeprefix("Place in the cell (").removesuffix(")")
    if not text.endswith(place):
        return False
    role = text[:-len(place)]
    if slot == HEAD:
        return role in HEAD_LABELS
    if slot == REGIONAL:
        return True
    return role.endswith(f" {slot}") and role.startswith(AREA_LABELS)
