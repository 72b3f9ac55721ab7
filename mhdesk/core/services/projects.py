"""The projects register: list, read, create, update, delete."""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ..collector import collector_paused
from ..database import Database
from ..errors import Issue, NotFound, StaleRecord, ValidationFailed
from ..models import (
    Achievement,
    Country,
    Donor,
    Photo,
    ProgrammeArea,
    Project,
    Testimony,
    ThematicArea,
)
from .project_history import record_project_change
from .project_records import PhotoData, ProjectData, ProjectQuery, ProjectRow, TestimonyData
from .project_rules import check_project
from .register_rows import read_register


class ProjectService:
    def __init__(self, db: Database):
        self._db = db

    # ---- reading -----------------------------------------------------------------

    def rows(self, query: ProjectQuery | None = None, *, ids: Collection[int] | None = None) -> list[ProjectRow]:
        """Every project (or those of `ids`) as a light row, in code order, filtered by `query`."""
        with collector_paused():
            with self._db.session() as session:
                connection = session.connection()
                rows = read_register(connection.connection, dates_as_text=connection.dialect.name == "sqlite",
                                     ids=ids)
        return (query or ProjectQuery()).select(rows)

    def get(self, project_id: int) -> ProjectData:
        with self._db.session() as session:
            project = session.get(Project, project_id, options=_full_load())
            if project is None:
                raise NotFound(f"Project #{project_id} no longer exists.")
            return to_data(project)

    def find(self, code: str) -> ProjectData | None:
        with self._db.session() as session:
            project = session.scalar(select(Project).where(Project.code == code).options(*_full_load()))
            return to_data(project) if project else None

    def codes(self) -> set[str]:
        with self._db.session() as session:
            return set(session.scalars(select(Project.code)))

    def count(self) -> int:
        with self._db.session() as session:
            return session.scalar(select(func.count()).select_from(Project))

    def free_code_like(self, code: str) -> str:
        """The next unused code with the same prefix, for duplicating a project."""
        prefix = code[:2]
        taken = {int(c[3:]) for c in self.codes() if c.startswith(prefix + ".")}
        number = max(taken, default=0) + 1
        return f"{prefix}.{number:04d}"

    # ---- writing -----------------------------------------------------------------

    def create(self, data: ProjectData) -> ProjectData:
        self._check(data)
        with self._db.session() as session, session.begin():
            if session.scalar(select(Project.id).where(Project.code == data.code)) is not None:
                raise ValidationFailed([Issue("Code", f"{data.code} is already used by another project")])
            project = Project(code=data.code)
            if data.id is not None and session.get(Project, data.id) is None:
                project.id = data.id  # an undone delete comes back under its old id
            apply_data(session, project, data)
            session.add(project)
            session.flush()
            saved = to_data(project)
            record_project_change(session, project.id, None, saved, source="edit")
            return saved

    def update(self, data: ProjectData) -> ProjectData:
        """Save `data` over the project with its id, if nobody changed it since `data.version`."""
        self._check(data)
        with self._db.session() as session:
            try:
                with session.begin():
                    project = session.get(Project, data.id, options=_full_load())
                    if project is None:
                        raise NotFound(f"Project {data.code} no longer exists.")
                    if data.version is not None and project.version != data.version:
                        raise StaleRecord(f"Project {project.code} was changed elsewhere; reload it and try again.")
                    clash = session.scalar(select(Project.id).where(Project.code == data.code, Project.id != data.id))
                    if clash is not None:
                        raise ValidationFailed([Issue("Code", f"{data.code} is already used by another project")])
                    before = to_data(project)
                    apply_data(session, project, data)
                    project.code = data.code
                    session.flush()
                    saved = to_data(project)
                    record_project_change(session, project.id, before, saved, source="edit")
                    return saved
            except StaleDataError as exc:
                raise StaleRecord(f"Project {data.code} was changed elsewhere; reload it and try again.") from exc

    def delete(self, project_id: int) -> ProjectData:
        """Delete the project; returns what it was, so that the deletion can be undone."""
        with self._db.session() as session, session.begin():
            project = session.get(Project, project_id, options=_full_load())
            if project is None:
                raise NotFound(f"Project #{project_id} no longer exists.")
            snapshot = to_data(project)
            session.execute(delete(Project).where(Project.id == project_id))
            record_project_change(session, project_id, snapshot, None, source="edit")
            return snapshot

    @staticmethod
    def _check(data: ProjectData) -> None:
        issues = check_project(data)
        if issues:
            raise ValidationFailed(issues)


@cache
def _full_load() -> tuple:
    """Made on first use: an option naming a relationship configures every mapper, which a command that
    only lists rows need not wait for."""
    return (selectinload(Project.donor_links), selectinload(Project.countries), selectinload(Project.thematic_areas),
    selectinload(Project.achievements), selectinload(Project.photos), selectinload(Project.testimonies),)


def to_data(project: Project) -> ProjectData:
    achievements: dict[int, list[str]] = {}
    for item in project.achievements:
        achievements.setdefault(item.year, []).append(item.text)
    return ProjectData(
        id=project.id,
        version=project.version,
        code=project.code,
        title=project.title,
        programme_area=project.programme_area.code if project.programme_area else None,
        donors=[d.name for d in project.donors],
        budget=project.budget,
        currency=project.currency,
        health_budget=project.health_budget,
        start=project.start,
        end=project.end,
        extended_to=project.extended_to,
        countries=[c.name for c in project.countries],
        managing_mission=project.managing_mission.name if project.managing_mission else None,
        thematic_areas=[t.name for t in project.thematic_areas],
        status=project.status,
        summary=project.summary,
        achievements=achievements,
        photos=[_photo_data(p) for p in project.photos],
        testimonies=[TestimonyData(t.quote, t.author, t.place) for t in project.testimonies],
    )


class NamedRecords:
    """The programme areas, countries, thematic areas and donors projects name, each kind read once and kept:
    for an import that writes many projects in one transaction (a save of one project asks for its own names)."""

    def __init__(self, session: Session):
        self._session = session
        self._by_kind: dict[type, dict[str, object]] = {}

    def of(self, model) -> dict[str, object]:
        """Name (a programme area's code) -> record, donors added in this transaction included."""
        found = self._by_kind.get(model)
        if found is None:
            key = "code" if model is ProgrammeArea else "name"
            found = self._by_kind[model] = {getattr(o, key): o for o in self._session.scalars(select(model))}
        return found


def apply_data(session: Session, project: Project, data: ProjectData, named: NamedRecords | None = None) -> None:
    """Copy `data` onto the ORM project, creating donors on first use."""
    project.title = data.title.strip()
    if not data.programme_area:
        project.programme_area = None
    elif named is not None:
        project.programme_area = named.of(ProgrammeArea).get(data.programme_area)
    else:
        project.programme_area = session.scalar(select(ProgrammeArea).where(ProgrammeArea.code == data.programme_area))
    project.budget = data.budget
    project.currency = data.currency
    project.health_budget = data.health_budget
    project.start, project.end, project.extended_to = data.start, data.end, data.extended_to
    project.status = data.status
    project.summary = data.summary
    # Lists are rewritten only when they differ: rewriting an equal list would bump the version for nothing.
    donors = list(dict.fromkeys(data.donors))
    if [d.name for d in project.donors] != donors:
        project.donors = [_donor(session, name, named) for name in donors]
    project.countries = _by_name(session, Country, data.countries, "Countries", named)
    project.managing_mission = (
        _by_name(session, Country, [data.managing_mission], "Managing mission", named)[0]
        if data.managing_mission else None
    )
    project.thematic_areas = _by_name(session, ThematicArea, data.thematic_areas, "Thematic areas", named)
    achievements = [(year, text) for year, texts in sorted(data.achievements.items()) for text in texts]
    if [(a.year, a.text) for a in project.achievements] != achievements:
        project.achievements = [
            Achievement(year=year, position=i, text=text)
            for year, texts in sorted(data.achievements.items())
            for i, text in enumerate(texts)
        ]
    if [_photo_data(p) for p in project.photos] != data.photos:
        project.photos = [Photo(caption=p.caption, credit=p.credit, image=p.image, media_type=p.media_type,
                                width=p.width, height=p.height, thumbnail=p.thumbnail, file_name=p.file_name)
                          for p in data.photos]
    if [TestimonyData(t.quote, t.author, t.place) for t in project.testimonies] != data.testimonies:
        project.testimonies = [Testimony(quote=t.quote, author=t.author, place=t.place) for t in data.testimonies]


def _photo_data(photo: Photo) -> PhotoData:
    return PhotoData(photo.file_name, photo.caption, photo.credit, photo.image, photo.media_type, photo.width,
                     photo.height, photo.thumbnail)


def _donor(session: Session, name: str, named: NamedRecords | None = None) -> Donor:
    donor = (named.of(Donor).get(name) if named is not None
             else session.scalar(select(Donor).where(Donor.name == name)))
    if donor is None:
        donor = Donor(name=name)
        session.add(donor)
        if named is not None:
            named.of(Donor)[name] = donor
    return donor


def _by_name(session: Session, model, names: list[str], label: str, named: NamedRecords | None = None) -> list:
    wanted = list(dict.fromkeys(names))
    found = (named.of(model) if named is not None
             else {o.name: o for o in session.scalars(select(model).where(model.name.in_(wanted)))})
    missing = [n for n in wanted if n not in found]
    if missing:
        raise ValidationFailed([Issue(label, f'"{n}" is not known') for n in missing])
    return [found[n] for n in wanted]
