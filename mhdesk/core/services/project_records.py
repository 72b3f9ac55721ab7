"""Plain records of a project, passed between services, the window and imports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import NamedTuple


@dataclass
class PhotoData:
    """A photo with its bytes (`core.images` checked them and made the thumbnail); `image` is None only for a
    photo whose file could not be read when an older database was converted."""

    file_name: str | None = None  # the name of the file it came from, for the record
    caption: str | None = None
    credit: str | None = None
    image: bytes | None = field(default=None, repr=False)
    media_type: str | None = None
    width: int | None = None
    height: int | None = None
    thumbnail: bytes | None = field(default=None, repr=False)

    @classmethod
    def from_image(cls, image, *, caption: str | None = None, credit: str | None = None,
                   file_name: str | None = None) -> PhotoData:
        """From a checked `core.images.StoredImage`."""
        return cls(file_name, caption, credit, image.data, image.media_type, image.width, image.height,
                   image.thumbnail)


@dataclass
class TestimonyData:
    quote: str = ""
    author: str | None = None  # who said it
    place: str | None = None  # where


@dataclass
class ProjectData:
    """Everything about one project; names and codes, not database ids."""

    code: str
    title: str
    programme_area: str | None = None
    donors: list[str] = field(default_factory=list)
    budget: Decimal | None = None
    currency: str | None = None
    health_budget: Decimal | None = None
    start: date | None = None
    end: date | None = None
    extended_to: date | None = None
    countries: list[str] = field(default_factory=list)
    managing_mission: str | None = None
    thematic_areas: list[str] = field(default_factory=list)
    status: str = "active"
    summary: str | None = None
    achievements: dict[int, list[str]] = field(default_factory=dict)
    photos: list[PhotoData] = field(default_factory=list)
    testimonies: list[TestimonyData] = field(default_factory=list)
    id: int | None = None
    version: int | None = None

    def copy(self, **changes) -> ProjectData:
        # deep enough: lists and dicts are rebuilt so edits never leak between copies
        base = replace(
            self,
            donors=list(self.donors),
            countries=list(self.countries),
            thematic_areas=list(self.thematic_areas),
            achievements={y: list(a) for y, a in self.achievements.items()},
            photos=[replace(p) for p in self.photos],
            testimonies=[replace(t) for t in self.testimonies],
        )
        return replace(base, **changes)


class ProjectRow(NamedTuple):
    """One line of the projects register, cheap to hold by the hundred thousand."""

    id: int
    code: str
    title: str
    programme_area: str | None
    donors: tuple[str, ...]
    budget: Decimal | None
    currency: str | None
    health_budget: Decimal | None
    start: date | None
    end: date | None
    extended_to: date | None
    countries: tuple[str, ...]
    managing_mission: str | None
    thematic_areas: tuple[str, ...]
    status: str
    version: int

    def active_in(self, year: int) -> bool:
        return is_active_in(self.start, self.extended_to or self.end, year)


def is_active_in(start: date | None, end: date | None, year: int) -> bool:
    """A project runs in `year` if its dates overlap it.

    One missing date is open-ended; a project with no dates at all is in no year.
    """
    span = year_span(start, end)
    return span is not None and span[0] <= year <= span[1]


def year_span(start: date | None, end: date | None) -> tuple[int, int] | None:
    """The first and last year a project runs in (`is_active_in`): a missing date leaves its side open (year 1,
    year 9999); no dates at all, None. Filters over many rows compare these instead of dates."""
    if start is None and end is None:
        return None
    return (start.year if start else 1, end.year if end else 9999)


@dataclass(frozen=True)
class ProjectQuery:
    """Which projects to list; empty fields match everything. The one project filter of the CLI and the window."""

    year: int | None = None
    country: str | None = None
    programme_area: str | None = None
    status: str | None = None
    codes: frozenset[str] | None = None  # only these projects (those a Dashboard bar counts)

    def narrow(self, rows: Sequence[ProjectRow], kept: Iterable[int]) -> list[int]:
        """The indexes of `kept` whose rows match; one tight pass per criterion, for a hundred thousand rows."""
        kept = list(kept)
        if self.codes is not None:
            codes = self.codes
            kept = [i for i in kept if rows[i].code in codes]
        if self.status:
            kept = [i for i in kept if rows[i].status == self.status]
        if self.programme_area:
            kept = [i for i in kept if rows[i].programme_area == self.programme_area]
        if self.country:
            country = self.country
            kept = [i for i in kept if country in rows[i].countries or rows[i].managing_mission == country]
        if self.year is not None:
            kept = [i for i in kept if rows[i].active_in(self.year)]
        return kept

    def select(self, rows: Sequence[ProjectRow]) -> list[ProjectRow]:
        """The rows that match, in their order."""
        return list(rows) if self == ProjectQuery() else [rows[i] for i in self.narrow(rows, range(len(rows)))]
