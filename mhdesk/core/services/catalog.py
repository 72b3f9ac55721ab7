"""Reference lookups the rest of the application needs: names, codes, resolvers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import select

from ..collation import sorted_by_name
from ..database import Database
from ..models import Country, CountryAlias, Indicator, ProgrammeArea, ThematicArea
from ..models.reference import is_mission


@dataclass(frozen=True)
class CountryInfo:
    id: int
    name: str
    iso2: str | None
    subregion: str
    footnote: str | None

    @property
    def is_mission(self) -> bool:
        return is_mission(self.subregion)


@dataclass(frozen=True)
class IndicatorInfo:
    id: int
    code: str
    name: str
    unit: str
    description: str | None
    decimals: int  # 0 for counts
    over_countries: str  # 'sum' or 'max'
    over_years: str  # 'sum' or 'latest'
    by_sex: bool
    by_age: bool
    version: int


class Catalog:
    """Read-only reference data, loaded once per database (it rarely changes)."""

    def __init__(self, db: Database):
        self._db = db

    @cached_property
    def countries(self) -> list[CountryInfo]:
        with self._db.session() as session:
            return sorted_by_name((CountryInfo(c.id, c.name, c.iso2, c.subregion, c.footnote)
                                   for c in session.scalars(select(Country))), key=lambda c: c.name)

    @cached_property
    def missions(self) -> list[str]:
        """The names of the countries with a mission of the region, in the reader's alphabet."""
        return [c.name for c in self.countries if c.is_mission]

    @cached_property
    def country_aliases(self) -> dict[str, list[str]]:
        with self._db.session() as session:
            rows = session.execute(
                select(Country.name, CountryAlias.alias).join(CountryAlias.country).order_by(CountryAlias.id)
            )
            aliases: dict[str, list[str]] = {c.name: [] for c in self.countries}
            for name, alias in rows:
                aliases[name].append(alias)
            return aliases

    @cached_property
    def country_ids(self) -> dict[str, int]:
        return {c.name: c.id for c in self.countries}

    @cached_property
    def programme_areas(self) -> list[tuple[str, str, str]]:
        """(code, h_code, name) in H-number order."""
        with self._db.session() as session:
            rows = session.execute(
                select(ProgrammeArea.code, ProgrammeArea.h_code, ProgrammeArea.name).order_by(ProgrammeArea.h_code)
            )
            return [tuple(r) for r in rows]

    @cached_property
    def programme_area_ids(self) -> dict[str, int]:
        with self._db.session() as session:
            return dict(session.execute(select(ProgrammeArea.code, ProgrammeArea.id)).all())

    @cached_property
    def thematic_areas(self) -> list[str]:
        with self._db.session() as session:
            return list(session.scalars(select(ThematicArea.name).order_by(ThematicArea.name)))

    @cached_property
    def indicators(self) -> list[IndicatorInfo]:
        with self._db.session() as session:
            return [
                IndicatorInfo(i.id, i.code, i.name, i.unit, i.description, i.decimals, i.over_countries, i.over_years,
                              i.by_sex, i.by_age, i.version)
                for i in session.scalars(select(Indicator).order_by(Indicator.position, Indicator.code))
            ]

    def country_resolver(self):
        """A resolver of names, aliases and ISO codes to canonical country names."""
        from ..parsing.countries import CountryResolver

        return CountryResolver((c.name, c.iso2, self.country_aliases.get(c.name, [])) for c in self.countries)

    def refresh(self) -> None:
        for name in ("countries", "country_aliases", "country_ids", "programme_areas",
                     "programme_area_ids", "thematic_areas", "indicators"):
            self.__dict__.pop(name, None)
