"""The catalogue as the reader needs it: names resolved once per distinct text.

A return repeats the same country or indicator name on thousands of rows, so
every resolution (and every failure) is remembered by the exact cell value.
"""

from __future__ import annotations

from typing import Any

from ...parsing import THEMATIC_AREA_ALIASES, CountryResolver, NameLookup, ParseError


class Lookups:
    """Countries, indicators and thematic areas of a catalogue (a
    ``services.catalog``, or anything with ``country_resolver()``,
    ``indicators`` (code, name) and ``thematic_areas``)."""

    def __init__(self, catalog: Any) -> None:
        self.country_resolver: CountryResolver = catalog.country_resolver()
        self.indicator_lookup = NameLookup(
            "indicator", ((i.code, (i.name,)) for i in catalog.indicators)
        )
        names = list(catalog.thematic_areas)
        self.thematic_lookup = NameLookup(
            "thematic area", ((name, THEMATIC_AREA_ALIASES.get(name, ())) for name in names)
        )
        self._countries: dict[Any, str | ParseError] = {}
        self._country_lists: dict[Any, tuple[str, ...] | ParseError] = {}
        self._indicators: dict[Any, str | ParseError] = {}
        self._thematic: dict[Any, str | ParseError] = {}

    def country(self, value: Any) -> str:
        """Canonical country name; ``ParseError`` if unknown."""
        return _cached(self._countries, value, self.country_resolver.resolve)

    def countries(self, value: Any) -> list[str]:
        """Canonical names of a list of countries separated by ``;`` or ``,``."""
        return list(_cached(self._country_lists, value, lambda v: tuple(self.country_resolver.resolve_many(v))))

    def indicator(self, value: Any) -> str:
        """The code of an indicator given by code or name (any case)."""
        return _cached(self._indicators, value, self.indicator_lookup.resolve)

    def thematic_area(self, value: Any) -> str:
        """The catalogue name of a thematic area (any case, or a short form such as TB)."""
        return _cached(self._thematic, value, self.thematic_lookup.resolve)


def _cached(cache: dict, value: Any, resolve) -> Any:
    try:
        found = cache[value]
    except KeyError:
        try:
            found = resolve(value)
        except ParseError as error:
            found = error
        cache[value] = found
    if isinstance(found, ParseError):
        raise found
    return found
