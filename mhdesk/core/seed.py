"""Idempotent seeding of reference data: adds what is missing, never overwrites edits."""

from __future__ import annotations

from sqlalchemy import select

from .database import Database
from .models import Country, CountryAlias, Indicator, ProgrammeArea, ThematicArea
from .reference import reference_data, reference_missing


def seed_reference_data(db: Database) -> None:
    with db.engine.connect() as connection:
        if not reference_missing(connection.connection):
            return
    data = reference_data()
    with db.session() as session, session.begin():
        countries = {c.name: c for c in session.scalars(select(Country))}
        known_aliases = set(session.scalars(select(CountryAlias.alias)))
        for entry in data["countries"]:
            country = countries.get(entry["name"])
            if country is None:
                country = Country(
                    name=entry["name"],
                    iso2=entry.get("iso2"),
                    subregion=entry["subregion"],
                    footnote=entry.get("footnote"),
                )
                session.add(country)
            for alias in entry.get("aliases", []):
                if alias not in known_aliases:
                    country.aliases.append(CountryAlias(alias=alias))
                    known_aliases.add(alias)

        areas = set(session.scalars(select(ProgrammeArea.code)))
        for entry in data["programme_areas"]:
            if entry["code"] not in areas:
                session.add(ProgrammeArea(**entry))

        themes = set(session.scalars(select(ThematicArea.name)))
        session.add_all(ThematicArea(name=name) for name in data["thematic_areas"] if name not in themes)

        indicators = set(session.scalars(select(Indicator.code)))
        for position, entry in enumerate(data["indicators"]):
            if entry["code"] not in indicators:
                session.add(Indicator(position=position, **entry))
