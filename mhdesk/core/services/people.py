"""The people of the directory: their contact details, their roles over the years, namesakes to tell apart."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from ..collation import collation_key
from ..database import Database
from ..errors import Issue, MhdeskError, NotFound, StaleRecord, ValidationFailed
from ..mail import mail_address
from ..models import DirectoryRole, Person
from ..models.directory import printed_name
from ..parsing import ParseError, clean_text, parse_email
from .row_audit import record_rows, row_of

FIELDS = ("family_name", "given_name", "title", "email", "phone", "notes")


@dataclass(frozen=True)
class PersonData:
    family_name: str
    given_name: str | None = None
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    notes: str | None = None
    id: int | None = None
    version: int | None = None
    role_count: int = 0  # as read; not written

    @property
    def printed_name(self) -> str:
        return printed_name(self.family_name, self.given_name)

    @property
    def name_key(self) -> tuple[str, str]:
        return (self.family_name.casefold().strip(), (self.given_name or "").casefold().strip())

    def mail_address(self) -> str | None:
        """`QURBONOVA Rukhshona <rq@example.org>`, ready for a mail client's To line."""
        return mail_address(self.family_name, self.given_name, self.email) if self.email else None

    def copy(self, **changes) -> PersonData:
        return replace(self, **changes)


def _data(person: Person, role_count: int = 0) -> PersonData:
    return PersonData(person.family_name, person.given_name, person.title, person.email, person.phone,
                      person.notes, person.id, person.version, role_count)


def checked(data: PersonData) -> PersonData:
    """The details cleaned (spaces trimmed, the e-mail in lower case), or every problem at once."""
    issues = []
    family = clean_text(data.family_name or "")
    if not family:
        issues.append(Issue("Family name", "the family name is required"))
    email = None
    if data.email and clean_text(data.email):
        try:
            email = parse_email(data.email)
        except ParseError as exc:
            issues.append(Issue("E-mail", str(exc)))
    if issues:
        raise ValidationFailed(issues)
    # Names are kept as typed (only spaces trimmed); printing puts the family name in capitals.
    return data.copy(family_name=family, given_name=clean_text(data.given_name or "") or None,
                     title=clean_text(data.title or "") or None, email=email,
                     phone=clean_text(data.phone or "") or None, notes=(data.notes or "").strip() or None)


class PeopleService:
    def __init__(self, db: Database):
        self._db = db

    def all(self) -> list[PersonData]:
        """Everyone, in the reader's alphabet of family then given name, with how many roles each holds."""
        with self._db.session() as session:
            counts = dict(session.execute(select(DirectoryRole.person_id, func.count()).group_by(
                DirectoryRole.person_id)).all())
            people = [_data(p, counts.get(p.id, 0)) for p in session.scalars(select(Person))]
        return sorted(people, key=lambda p: (collation_key(p.family_name), collation_key(p.given_name), p.id))

    def get(self, person_id: int) -> PersonData:
        with self._db.session() as session:
            person = session.get(Person, person_id)
            if person is None:
                raise NotFound(f"Person #{person_id} no longer exists.")
            count = session.scalar(select(func.count()).where(DirectoryRole.person_id == person_id))
            return _data(person, count)

    def namesakes(self, people: list[PersonData] | None = None) -> dict[int, list[int]]:
        """Person id -> ids of others with the same name where an e-mail does not tell them apart.

        They are shown flagged and never merged: only the coordinator knows whether they are one person.
        """
        people = self.all() if people is None else people
        by_name: dict[tuple, list[PersonData]] = {}
        for person in people:
            by_name.setdefault(person.name_key, []).append(person)
        flagged: dict[int, list[int]] = {}
        for group in by_name.values():
            for person in group:
                others = [o.id for o in group if o.id != person.id and not (person.email and o.email
                                                                           and person.email != o.email)]
                if others:
                    flagged[person.id] = others
        return flagged

    def create(self, data: PersonData) -> PersonData:
        data = checked(data)
        with self._db.session() as session, session.begin():
            person = Person(**{name: getattr(data, name) for name in FIELDS})
            if data.id is not None and session.get(Person, data.id) is None:
                person.id = data.id  # an undone delete comes back under its old id
            session.add(person)
            session.flush()
            record_rows(session, "person", [(None, row_of(person))])
            return _data(person)

    def update(self, data: PersonData) -> PersonData:
        """Save the details over the person, if nobody changed them since `data.version`."""
        data = checked(data)
        stale = f"{data.printed_name} was changed elsewhere; reload and try again."
        with self._db.session() as session:
            try:
                with session.begin():
                    person = session.get(Person, data.id)
                    if person is None:
                        raise NotFound(f"{data.printed_name} no longer exists.")
                    if data.version is not None and person.version != data.version:
                        raise StaleRecord(stale)
                    before = row_of(person)
                    for name in FIELDS:
                        setattr(person, name, getattr(data, name))
                    session.flush()
                    record_rows(session, "person", [(before, row_of(person))])
                    count = session.scalar(select(func.count()).where(DirectoryRole.person_id == person.id))
                    return _data(person, count)
            except StaleDataError as exc:
                raise StaleRecord(stale) from exc

    def delete(self, person_id: int) -> PersonData:
        """Delete someone who holds no role; returns what they were, so that it can be undone."""
        from .directory import DirectoryService

        held = DirectoryService(self._db).rows(person_id=person_id)
        with self._db.session() as session, session.begin():
            person = session.get(Person, person_id)
            if person is None:
                raise NotFound(f"Person #{person_id} no longer exists.")
            if held:
                listed = "; ".join(r.describe() for r in held[:5]) + ("; ..." if len(held) > 5 else "")
                raise MhdeskError(f"{person.printed_name} still holds {len(held)} role"
                                  f"{'s' if len(held) != 1 else ''} ({listed}); remove them from the directory "
                                  "first.")
            snapshot = _data(person)
            record_rows(session, "person", [(row_of(person), None)])
            session.delete(person)
            return snapshot
