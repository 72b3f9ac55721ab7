"""Countries named by their name, a former name, an alias or an ISO code."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .catalogues import ReferenceSource, load_reference
from .errors import ParseError
from .lookup import NameLookup
from .text import clean_text

__all__ = ["CountryResolver"]

# Where a list of countries may be cut: semicolons and line breaks always;
# commas and the word "and" only between pieces that are names themselves.
_ITEM_SEPARATOR = re.compile(r"[;\n]")
_PIECE_SEPARATOR = re.compile(r"(\s*,\s*|\s+and\s+)", re.IGNORECASE)


class CountryResolver:
    """Turns whatever a mission typed for a country into its canonical name.

    Built from ``(name, iso2, aliases)`` triples; matching ignores case,
    diacritics, punctuation, spacing and a trailing ``*`` (see
    :func:`lookup.match_key`).
    """

    def __init__(self, countries: Iterable[tuple[str, str, Iterable[str]]]) -> None:
        countries = [(name, iso2, tuple(aliases)) for name, iso2, aliases in countries]
        self._lookup = NameLookup("country", ((name, (iso2, *aliases)) for name, iso2, aliases in countries))
        self._iso2_by_name = {name: iso2.upper() for name, iso2, _ in countries}

    @classmethod
    def from_reference(cls, source: ReferenceSource) -> CountryResolver:
        """Build from ``reference.json`` (a path, or its parsed contents)."""
        reference = load_reference(source)
        return cls((country["name"], country["iso2"], country.get("aliases", ())) for country in reference["countries"])

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical country names, in reference order."""
        return self._lookup.names

    def iso2(self, text: Any) -> str:
        """The ISO 3166 alpha-2 code of a country (``Turkey`` -> ``TR``)."""
        return self._iso2_by_name[self.resolve(text)]

    def resolve(self, text: Any) -> str:
        """The canonical name (``Turkiye`` -> ``Türkiye``); ``ParseError``
        such as ``"Narnia" is not a known country`` otherwise."""
        return self._lookup.resolve(text)

    def resolve_many(self, text: Any) -> list[str]:
        """Resolve a list of countries separated by ``;``, ``,`` or ``and``.

        The whole text is tried first, then each ``;`` item, and within an
        item the longest run of comma/``and`` pieces that is a known name
        wins, so a name that holds a comma or ``and`` (``Bosnia and
        Herzegovina``) is never cut. Order is kept and repeats dropped.
        """
        whole = self._lookup.find(text)
        if whole is not None:
            return [whole]
        names: list[str] = []
        for item in _ITEM_SEPARATOR.split("" if text is None else str(text)):
            names.extend(self._resolve_item(item))
        return list(dict.fromkeys(names))

    def _resolve_item(self, item: str) -> list[str]:
        # parts alternate piece, separator, piece, ...; pieces i..j-1 with the
        # separators between them are parts[2 * i : 2 * j - 1].
        parts = _PIECE_SEPARATOR.split(clean_text(item))
        piece_count = (len(parts) + 1) // 2
        names = []
        start = 0
        while start < piece_count:
            if not parts[2 * start]:
                start += 1
                continue
            start, name = self._longest_name_from(parts, start, piece_count)
            names.append(name)
        return names

    def _longest_name_from(self, parts: list[str], start: int, piece_count: int) -> tuple[int, str]:
        """The longest run of pieces from *start* that names a country, and
        the index of the piece after it."""
        for end in range(piece_count, start, -1):
            name = self._lookup.find("".join(parts[2 * start : 2 * end - 1]))
            if name is not None:
                return end, name
        raise ParseError(parts[2 * start], f"is not a known {self._lookup.kind}")
