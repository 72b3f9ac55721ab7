"""Forgiving look-up of canonical names (countries, indicators, thematic
areas) by their name or any alias."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from .errors import ParseError
from .text import clean_text, split_list

__all__ = ["NameLookup", "match_key"]

_FILLER_WORDS = frozenset({"and", "the"})
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def match_key(text: Any) -> str:
    """The key two spellings of a name share when they mean the same thing.

    Case, diacritics (``Türkiye`` = ``Turkiye``), punctuation, ``&`` versus
    ``and``, the words ``and``/``the``, repeated spaces and a trailing ``*``
    do not count: ``Bosnia-Herzegovina`` = ``Bosnia & Herzegovina``.
    """
    decomposed = unicodedata.normalize("NFKD", clean_text(text))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = plain.casefold().rstrip("* ").replace("&", " and ")
    words = re.findall(r"[^\W_]+", plain)
    return " ".join(word for word in words if word not in _FILLER_WORDS)


class NameLookup:
    """Maps names and aliases to canonical names.

    *kind* names what is looked up, for messages (``"indicator"`` gives
    ``"Foo" is not a known indicator``). *entries* are ``(canonical,
    aliases)`` pairs; the canonical name is always an alias of itself. Two
    entries claiming the same alias is a mistake in the reference data and
    raises ``ValueError``.
    """

    def __init__(self, kind: str, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        self.kind = kind
        self._canonical_by_key: dict[str, str] = {}
        self._names: list[str] = []
        for canonical, aliases in entries:
            self._names.append(canonical)
            for alias in (canonical, *aliases):
                self._add(match_key(alias), canonical)

    def _add(self, key: str, canonical: str) -> None:
        known = self._canonical_by_key.setdefault(key, canonical)
        if known != canonical:
            raise ValueError(f"{self.kind} alias {key!r} names both {known!r} and {canonical!r}")

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical names, in the order given."""
        return tuple(self._names)

    def find(self, text: Any) -> str | None:
        """The canonical name for *text*, or ``None``. A trailing note in
        brackets is ignored if the name with it is unknown (``Kyrgyzstan
        (managing mission)``, while ``Kosovo (UNSCR 1244)`` is a name)."""
        found = self._canonical_by_key.get(match_key(text))
        if found is None and isinstance(text, str) and _TRAILING_NOTE.search(text):
            found = self._canonical_by_key.get(match_key(_TRAILING_NOTE.sub("", text)))
        return found

    def resolve(self, text: Any) -> str:
        """The canonical name for *text*; ``ParseError`` if unknown."""
        found = self.find(text)
        if found is None:
            raise ParseError(text, f"is not a known {self.kind}")
        return found

    def resolve_many(self, text: Any, seps: str = ";") -> list[str]:
        """Resolve a list separated by *seps*, keeping order, dropping repeats."""
        found = self.find(text)
        if found is not None:
            return [found]
        return list(dict.fromkeys(self.resolve(item) for item in split_list(text, seps)))
