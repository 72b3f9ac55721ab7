"""Editions of the newsletter / annual report: their texts, chosen projects and sections, as versioned records.

An edition not yet saved for a year is a draft with the usual texts (`draft`). `contents` resolves what an
edition prints: its projects in order under group headings, and the projects newly started in the year in
a section of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from .. import audit
from ..collation import collation_key
from ..database import Database
from ..errors import Issue, NotFound, StaleRecord, ValidationFailed
from ..models import GROUPINGS, Edition, EditionProject, Project, SpotlightArticle
from ..models.reference import SUBREGIONS
from .catalog import Catalog
from .project_records import ProjectQuery, ProjectRow
from .projects import ProjectService

# The sections of the document in print order, with the names the window shows; the cover is always printed.
SECTIONS: dict[str, str] = {
    "contents": "Contents",
    "foreword": "Welcome",
    "key_figures": "Key figures",
    "charts": "Charts",
    "calendar": "Highlights calendar",
    "spotlights": "Spotlight",
    "projects": "Projects",
    "new_projects": "New projects",
    "publications": "Publications",
    "directory": "Focal points",
    "contact": "Contact",
}
GROUPING_NAMES = {"programme_area": "programme area", "subregion": "sub-region", "theme": "thematic area"}
OTHER_DIVISIONS = "Other divisions with a health component"


@dataclass
class SpotlightData:
    title: str
    body: str = ""
    image: bytes | None = field(default=None, repr=False)
    media_type: str | None = None
    caption: str | None = None
    credit: str | None = None


@dataclass
class EditionData:
    year: int
    title: str
    subtitle: str | None = None
    region_line: str | None = None
    welcome_text: str | None = None
    signature: str | None = None
    contact_block: str | None = None
    grouping: str = "programme_area"
    projects_chosen: bool = False  # False: every project active in the year
    project_codes: list[str] = field(default_factory=list)  # the chosen projects, in print order
    sections_left_out: list[str] = field(default_factory=list)
    spotlights: list[SpotlightData] = field(default_factory=list)
    cover_image: bytes | None = field(default=None, repr=False)
    cover_media_type: str | None = None
    id: int | None = None
    version: int | None = None

    def includes(self, section: str) -> bool:
        return section not in self.sections_left_out

    def copy(self, **changes) -> EditionData:
        base = replace(self, project_codes=list(self.project_codes), sections_left_out=list(self.sections_left_out),
                       spotlights=[replace(s) for s in self.spotlights])
        return replace(base, **changes)


@dataclass(frozen=True)
class ProjectSection:
    """Projects printed under one heading (a programme area, a sub-region or a thematic area)."""

    heading: str
    rows: tuple[ProjectRow, ...]


@dataclass(frozen=True)
class EditionContents:
    groups: tuple[ProjectSection, ...]  # the project pages
    new_projects: tuple[ProjectRow, ...]  # started in the edition's year, in short form
    missing_codes: tuple[str, ...] = ()  # chosen projects no longer in the register

    @property
    def rows(self) -> list[ProjectRow]:
        return [row for group in self.groups for row in group.rows] + list(self.new_projects)


def check_edition(data: EditionData) -> None:
    issues = []
    if not 1900 <= data.year <= 2200:
        issues.append(Issue("Year", f"{data.year} is not a year"))
    if not (data.title or "").strip():
        issues.append(Issue("Title", "an edition needs a title"))
    if data.grouping not in GROUPINGS:
        issues.append(Issue("Grouping", f'"{data.grouping}" is not one of {", ".join(GROUPINGS)}'))
    unknown = [s for s in data.sections_left_out if s not in SECTIONS]
    if unknown:
        issues.append(Issue("Sections", f"{', '.join(unknown)} are not sections of the document"))
    for number, spotlight in enumerate(data.spotlights, start=1):
        if not (spotlight.title or "").strip():
            issues.append(Issue(f"Spotlight {number}", "an article needs a title"))
    if len(set(data.project_codes)) != len(data.project_codes):
        issues.append(Issue("Projects", "a project is chosen twice"))
    if issues:
        raise ValidationFailed(issues)


class EditionService:
    def __init__(self, db: Database, projects: ProjectService, catalog: Catalog):
        self._db = db
        self._projects = projects
        self._catalog = catalog

    def years(self) -> list[int]:
        with self._db.session() as session:
            return list(session.scalars(select(Edition.year).order_by(Edition.year)))

    def get(self, year: int) -> EditionData | None:
        with self._db.session() as session:
            edition = session.scalar(select(Edition).where(Edition.year == year).options(*_full_load()))
            return _to_data(session, edition) if edition else None

    def draft(self, year: int) -> EditionData:
        """What a new edition of `year` starts from."""
        return EditionData(year=year, title=f"Migration Health Annual Report {year}",
                           region_line="South-Eastern Europe, Eastern Europe and Central Asia")

    def get_or_draft(self, year: int) -> EditionData:
        return self.get(year) or self.draft(year)

    def save(self, data: EditionData) -> EditionData:
        """Create the edition, or save it over the one of its id if nobody changed it since `data.version`."""
        check_edition(data)
        stale = f"The {data.year} edition was changed elsewhere; reload it and try again."
        with self._db.session() as session:
            try:
                with session.begin():
                    edition = None
                    if data.id is not None:
                        edition = session.get(Edition, data.id, options=_full_load())
                        if edition is None:
                            raise NotFound(f"The {data.year} edition is no longer recorded.")
                        if data.version is not None and edition.version != data.version:
                            raise StaleRecord(stale)
                    clash = session.scalar(select(Edition.id).where(Edition.year == data.year))
                    if clash is not None and (edition is None or clash != edition.id):
                        raise ValidationFailed([Issue("Year", f"there is already an edition of {data.year}")])
                    before = None if edition is None else _to_data(session, edition)
                    if edition is None:
                        edition = Edition()
                        session.add(edition)
                    _apply(session, edition, data)
                    session.flush()
                    saved = _to_data(session, edition)
                    _record(session, edition.id, before, saved)
                    return saved
            except StaleDataError as exc:
                raise StaleRecord(stale) from exc

    def delete(self, edition_id: int) -> EditionData:
        with self._db.session() as session, session.begin():
            edition = session.get(Edition, edition_id, options=_full_load())
            if edition is None:
                raise NotFound("The edition is no longer recorded.")
            snapshot = _to_data(session, edition)
            _record(session, edition.id, snapshot, None)
            session.delete(edition)
            return snapshot

    # ---- what an edition prints ------------------------------------------------------

    def contents(self, data: EditionData) -> EditionContents:
        """The projects `data` prints: chosen ones in their order, else every project active in the year in
        groups; those started in the year go to the new projects."""
        active = self._projects.rows(ProjectQuery(year=data.year))
        if data.projects_chosen:
            by_code = {row.code: row for row in self._projects.rows()}
            chosen = [by_code[c] for c in data.project_codes if c in by_code]
            missing = tuple(c for c in data.project_codes if c not in by_code)
        else:
            chosen, missing = self.default_order(active, data.grouping), ()
        new = tuple(row for row in chosen if row.start is not None and row.start.year == data.year)
        pages = [row for row in chosen if row not in new]
        groups: list[ProjectSection] = []
        for row in pages:
            heading = self.group_of(row, data.grouping)
            if groups and groups[-1].heading == heading:
                groups[-1] = ProjectSection(heading, groups[-1].rows + (row,))
            else:
                groups.append(ProjectSection(heading, (row,)))
        return EditionContents(tuple(groups), new, missing)

    def default_order(self, rows: list[ProjectRow], grouping: str) -> list[ProjectRow]:
        """Projects by group (in the group order of `grouping`), then by code."""
        return sorted(rows, key=lambda row: (self._group_rank(row, grouping), row.code))

    def group_of(self, row: ProjectRow, grouping: str) -> str:
        if grouping == "subregion":
            return self._subregion_of(row) or "Other places"
        if grouping == "theme":
            return row.thematic_areas[0] if row.thematic_areas else "Other themes"
        names = {code: f"{h} · {name}" for code, h, name in self._catalog.programme_areas}
        return names.get(row.programme_area, OTHER_DIVISIONS)

    def _group_rank(self, row: ProjectRow, grouping: str):
        if grouping == "subregion":
            subregion = self._subregion_of(row)
            return SUBREGIONS.index(subregion) if subregion in SUBREGIONS else len(SUBREGIONS)
        if grouping == "theme":
            return (not row.thematic_areas, collation_key(row.thematic_areas[0] if row.thematic_areas else ""))
        order = [code for code, _, _ in self._catalog.programme_areas]
        return order.index(row.programme_area) if row.programme_area in order else len(order)

    def _subregion_of(self, row: ProjectRow) -> str | None:
        subregions = {c.name: c.subregion for c in self._catalog.countries if c.is_mission}
        for name in (row.managing_mission, *row.countries):
            if name in subregions:
                return subregions[name]
        return None


@cache
def _full_load() -> tuple:
    """Made on first use: an option naming a relationship configures every mapper, which a command that
    only lists rows need not wait for."""
    return (selectinload(Edition.spotlights), selectinload(Edition.projects))


def edition_label(year: int) -> str:
    """What the audit trail calls an edition: `the 2023 edition`."""
    return f"the {year} edition"


def _record(session: Session, edition_id: int, before: EditionData | None, after: EditionData | None) -> None:
    """The audit trail's entry of an edition added, changed or removed, in the save's transaction."""
    action = "add" if before is None else "remove" if after is None else "change"
    audit.record(session, entity="edition", entity_id=edition_id, label=edition_label((after or before).year),
                 action=action, source="edit", changes=audit.field_changes(
                     before and edition_fields(before), after and edition_fields(after)))


def edition_fields(data: EditionData) -> dict[str, str]:
    """The edition field by field, as text a person reads (a photo by its kind and size)."""
    def photo(image: bytes | None, media_type: str | None) -> str:
        return f"{media_type or 'picture'}, {len(image):,} bytes" if image else ""

    def spotlight(article: SpotlightData) -> str:
        shown = photo(article.image, article.media_type)
        extra = " - ".join(p for p in (article.caption, article.credit, shown) if p)
        return f"{article.title}: {article.body}" + (f" [{extra}]" if extra else "")

    return {
        "Year": str(data.year), "Title": data.title or "", "Subtitle": data.subtitle or "",
        "Region line": data.region_line or "", "Welcome text": data.welcome_text or "",
        "Signature": data.signature or "", "Contact block": data.contact_block or "",
        "Grouping": GROUPING_NAMES.get(data.grouping, data.grouping),
        "Projects": "; ".join(data.project_codes) if data.projects_chosen else "every project active in the year",
        "Sections left out": "; ".join(SECTIONS.get(s, s) for s in data.sections_left_out),
        "Spotlights": "\n".join(spotlight(s) for s in data.spotlights),
        "Cover photo": photo(data.cover_image, data.cover_media_type),
    }


def _to_data(session: Session, edition: Edition) -> EditionData:
    ids = [link.project_id for link in edition.projects]
    codes = dict(session.execute(select(Project.id, Project.code).where(Project.id.in_(ids))).all()) if ids else {}
    return EditionData(
        year=edition.year, title=edition.title, subtitle=edition.subtitle, region_line=edition.region_line,
        welcome_text=edition.welcome_text, signature=edition.signature, contact_block=edition.contact_block,
        grouping=edition.grouping, projects_chosen=edition.projects_chosen,
        project_codes=[codes[i] for i in ids if i in codes],
        sections_left_out=[s for s in (edition.sections_left_out or "").split(",") if s],
        spotlights=[SpotlightData(s.title, s.body, s.image, s.media_type, s.caption, s.credit)
                    for s in edition.spotlights],
        cover_image=edition.cover_image, cover_media_type=edition.cover_media_type,
        id=edition.id, version=edition.version,
    )


def _apply(session: Session, edition: Edition, data: EditionData) -> None:
    def clean(value: str | None) -> str | None:
        return (value or "").strip() or None

    edition.year, edition.title = data.year, data.title.strip()
    edition.subtitle, edition.region_line = clean(data.subtitle), clean(data.region_line)
    edition.welcome_text, edition.signature = clean(data.welcome_text), clean(data.signature)
    edition.contact_block, edition.grouping = clean(data.contact_block), data.grouping
    edition.projects_chosen = data.projects_chosen
    edition.sections_left_out = ",".join(s for s in SECTIONS if s in data.sections_left_out)
    edition.cover_image, edition.cover_media_type = data.cover_image, data.cover_media_type
    spotlights = [SpotlightData(s.title, s.body, s.image, s.media_type, s.caption, s.credit)
                  for s in edition.spotlights]
    if spotlights != data.spotlights:  # an equal list rewritten would bump the version for nothing
        edition.spotlights = [SpotlightArticle(title=s.title.strip(), body=s.body or "", image=s.image,
                                               media_type=s.media_type, caption=s.caption, credit=s.credit)
                              for s in data.spotlights]
    codes = data.project_codes if data.projects_chosen else []
    ids = dict(session.execute(select(Project.code, Project.id).where(Project.code.in_(codes))).all()) if codes \
        else {}
    unknown = [c for c in codes if c not in ids]
    if unknown:
        raise ValidationFailed([Issue("Projects", f"{', '.join(unknown)} are not in the register")])
    wanted = [ids[c] for c in codes]
    if [link.project_id for link in edition.projects] != wanted:
        edition.projects = [EditionProject(project_id=i) for i in wanted]
