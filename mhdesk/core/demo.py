"""Write the demo records (resources/demo/demo.json, found by the caller) into a database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from .database import Database, DatabaseError, first_line
from .indicators.exact import to_stored
from .models import DirectoryRole, Event, Indicator, IndicatorValue, Person, Project, Publication
from .services import Services
from .services.editions import EditionData, SpotlightData
from .services.project_records import PhotoData, ProjectData, TestimonyData


@dataclass
class DemoCounts:
    projects: int = 0
    roles: int = 0
    values: int = 0
    events: int = 0
    publications: int = 0
    editions: int = 0


def load_demo(db: Database, path: Path) -> DemoCounts:
    """Add the demo records that are not there yet; running it twice adds nothing. A database that refuses
    them (a full disk, say) is a DatabaseError as plain as a failed open."""
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        return _load(db, data)
    except SQLAlchemyError as exc:
        raise DatabaseError(f"The demo records could not be written to {db.describe()}: {first_line(exc)}") from exc


def _load(db: Database, data: dict) -> DemoCounts:
    services = Services(db)
    counts = DemoCounts()
    known = services.projects.codes()
    for entry in data["projects"]:
        if entry["code"] not in known:
            services.projects.create(_project(entry))
            counts.projects += 1
    with db.session() as session, session.begin():
        countries = services.catalog.country_ids
        areas = services.catalog.programme_area_ids
        h_to_code = {h: code for code, h, _ in services.catalog.programme_areas}
        counts.roles = _add_directory(session, data.get("directory", []), countries, areas, h_to_code)
        counts.values = _add_indicator_values(session, data.get("indicator_values", []), countries)
        counts.events = _add_events(session, data.get("events", []), countries)
        counts.publications = _add_new(session, Publication, "title", data.get("publications", []))
    known_editions = set(services.editions.years())
    for entry in data.get("editions", []):
        if entry["year"] not in known_editions:
            spotlights = [SpotlightData(**s) for s in entry.get("spotlights", [])]
            services.editions.save(EditionData(**{**entry, "spotlights": spotlights}))
            counts.editions += 1
    return counts


def _project(entry: dict) -> ProjectData:
    def day(key):
        return date.fromisoformat(entry[key]) if entry.get(key) else None

    def money(key):
        return Decimal(entry[key]) if entry.get(key) is not None else None

    return ProjectData(
        code=entry["code"],
        title=entry["title"],
        programme_area=entry.get("programme_area"),
        donors=entry.get("donors", []),
        budget=money("budget"),
        currency=entry.get("currency"),
        health_budget=money("health_budget"),
        start=day("start"),
        end=day("end"),
        extended_to=day("extended_to"),
        countries=entry.get("countries", []),
        managing_mission=entry.get("managing_mission"),
        thematic_areas=entry.get("thematic_areas", []),
        status=entry.get("status", "active"),
        summary=entry.get("summary"),
        achievements={int(y): list(t) for y, t in entry.get("achievements", {}).items()},
        photos=[PhotoData(caption=p.get("caption"), credit=p.get("credit")) for p in entry.get("photos", [])],
        testimonies=[TestimonyData(**t) for t in entry.get("testimonies", [])],
    )


def _add_directory(session, rows, countries, areas, h_to_code) -> int:
    people: dict[tuple[str, str | None], Person] = {
        (p.family_name, p.given_name): p for p in session.scalars(select(Person))
    }
    existing = {
        (r.person_id, r.country_id, r.year, r.role, r.programme_area_id)
        for r in session.scalars(select(DirectoryRole))
    }
    added = 0
    for row in rows:
        person = people.get((row["family_name"], row.get("given_name")))
        if person is None:
            person = Person(family_name=row["family_name"], given_name=row.get("given_name"),
                            email=row.get("email"), phone=row.get("phone"))
            session.add(person)
            session.flush()
            people[(person.family_name, person.given_name)] = person
        area = row.get("programme_area")
        key = (person.id, countries.get(row.get("country")), row["year"], row["role"],
               areas.get(h_to_code.get(area, area)) if area else None)
        if key in existing:
            continue
        existing.add(key)
        session.add(DirectoryRole(person_id=key[0], country_id=key[1], year=key[2], role=key[3],
                                  programme_area_id=key[4], title=row.get("title")))
        added += 1
    return added


def _add_indicator_values(session, rows, countries) -> int:
    indicators = {code: (indicator_id, decimals) for code, indicator_id, decimals in
                  session.execute(select(Indicator.code, Indicator.id, Indicator.decimals))}
    projects = dict(session.execute(select(Project.code, Project.id)).all())
    existing = set(session.execute(select(
        IndicatorValue.indicator_id, IndicatorValue.country_id, IndicatorValue.year,
        IndicatorValue.project_id, IndicatorValue.sex, IndicatorValue.age_group)).all())
    added = 0
    for row in rows:
        indicator_id, decimals = indicators[row["indicator"]]
        key = (indicator_id, countries[row["country"]], row["year"],
               projects.get(row.get("project_code")), row.get("sex", ""), row.get("age_group", ""))
        if key in existing:
            continue
        existing.add(key)
        session.add(IndicatorValue(indicator_id=key[0], country_id=key[1], year=key[2], project_id=key[3],
                                   sex=key[4], age_group=key[5], value=to_stored(Decimal(str(row["value"])), decimals)))
        added += 1
    return added


def _add_events(session, rows, countries) -> int:
    existing = set(session.execute(select(Event.date, Event.title)).all())
    added = 0
    for row in rows:
        when = date.fromisoformat(row["date"])
        if (when, row["title"]) in existing:
            continue
        session.add(Event(date=when, date_precision=row.get("date_precision", "day"), title=row["title"],
                          place=row.get("place"), country_id=countries.get(row.get("country")),
                          participants=row.get("participants"), description=row.get("description")))
        added += 1
    return added


def _add_new(session, model, key: str, rows) -> int:
    existing = set(session.scalars(select(getattr(model, key))))
    fresh = [row for row in rows if row[key] not in existing]
    session.add_all(model(**row) for row in fresh)
    return len(fresh)
