"""Publications: reports, studies and leaflets the programme issued or took part in."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..database import Database
from ..errors import Issue, ValidationFailed
from ..models import Publication
from .record_store import RecordStore

ISBN_CHARACTERS = re.compile(r"^[0-9Xx -]{10,20}$")


@dataclass
class PublicationData:
    title: str
    publisher: str | None = None
    place: str | None = None
    year: int | None = None
    pages: int | None = None
    format: str | None = None
    languages: str | None = None
    isbn: str | None = None
    link: str | None = None
    id: int | None = None
    version: int | None = None


TEXT_FIELDS = ("title", "publisher", "place", "format", "languages", "isbn", "link")


def check_publication(data: PublicationData) -> None:
    issues = []
    if not (data.title or "").strip():
        issues.append(Issue("Title", "a publication needs a title"))
    if data.year is not None and not 1900 <= data.year <= 2200:
        issues.append(Issue("Year", f"{data.year} is not a year"))
    if data.pages is not None and data.pages <= 0:
        issues.append(Issue("Pages", f"{data.pages} is not a number of pages"))
    if data.isbn and not ISBN_CHARACTERS.match(data.isbn):
        issues.append(Issue("ISBN", f'"{data.isbn}" is not an ISBN such as 978-92-9068-755-9'))
    if data.link and not data.link.lower().startswith(("http://", "https://")):
        issues.append(Issue("Link", f'"{data.link}" is not a web address starting with https://'))
    for name in TEXT_FIELDS:
        value, limit = getattr(data, name), Publication.__table__.c[name].type.length
        if value and len(value) > limit:
            issues.append(Issue(name.capitalize(), f"is longer than {limit} characters"))
    if issues:
        raise ValidationFailed(issues)


def _to_data(publication: Publication) -> PublicationData:
    return PublicationData(**{f.name: getattr(publication, f.name) for f in fields(PublicationData)})


def _apply(_session: Session, publication: Publication, data: PublicationData) -> None:
    for name in TEXT_FIELDS:
        setattr(publication, name, (getattr(data, name) or "").strip() or None)
    publication.year, publication.pages = data.year, data.pages


class PublicationService(RecordStore[PublicationData]):
    def __init__(self, db: Database):
        super().__init__(db, Publication, "publication", to_data=_to_data, apply=_apply, check=check_publication)

    def list(self, year: int | None = None) -> list[PublicationData]:
        """The publications, newest year first (of `year` only when given)."""
        statement = select(Publication).order_by(Publication.year.desc().nulls_last(), Publication.title)
        if year is not None:
            statement = statement.where(Publication.year == year)
        with self._db.session() as session:
            return [_to_data(p) for p in session.scalars(statement)]
