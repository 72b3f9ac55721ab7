"""Whitespace clean-up and list splitting shared by the other parsers."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

__all__ = ["clean_text", "display_text", "is_blank", "split_list", "split_country_list", "split_lines"]

# Characters that spreadsheets and word processors use as (invisible) spaces.
_ODD_SPACES = re.compile("[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\t\r\n\f\v]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff]")
_SPACE_RUN = re.compile(" {2,}")
_MAX_DISPLAY = 80


def clean_text(value: Any) -> str:
    """Return a cell value as one line of text: odd spaces made plain, runs of
    spaces collapsed, ends stripped. ``None`` gives ``""`` and a whole float
    (``85000.0``) is written without its ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _ZERO_WIDTH.sub("", str(value))
    text = _ODD_SPACES.sub(" ", text)
    return _SPACE_RUN.sub(" ", text).strip()


def display_text(value: Any) -> str:
    """The cell text as quoted in error messages (shortened if very long)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    text = clean_text(value)
    if len(text) > _MAX_DISPLAY:
        return text[: _MAX_DISPLAY - 1] + "…"
    return text


def is_blank(value: Any) -> bool:
    """True for ``None`` and for text that is empty or only whitespace."""
    return clean_text(value) == ""


def split_list(value: Any, seps: str = ";") -> list[str]:
    """Split a cell on any of the characters in *seps*.

    Items are stripped, empty items dropped, the order kept, and repeats
    (compared case-insensitively) dropped, the first spelling winning.
    """
    text = clean_text(value) if not isinstance(value, str) else value
    if not seps:
        raise ValueError("seps must name at least one separator character")
    pieces = re.split(f"[{re.escape(seps)}]", text)
    return _unique(clean_text(piece) for piece in pieces)


def split_country_list(value: Any) -> list[str]:
    """Split a list of countries on ``;`` and ``,`` (see also
    ``CountryResolver.resolve_many``, which copes with names holding a comma)."""
    return split_list(value, seps=";,")


def split_lines(value: Any) -> list[str]:
    """Split a multi-line cell (e.g. achievements) into its non-empty lines,
    dropping a leading bullet (``-``, ``*``, ``•``) from each."""
    if value is None:
        return []
    lines = re.split(r"\r\n|\r|\n|\u2028", str(value))
    items = (re.sub(r"^\s*[-*•‣◦▪]\s+", "", clean_text(line)) for line in lines)
    return [item for item in items if item]


def _unique(items) -> list[str]:
    seen: set[str] = set()
    result = []
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            result.append(item)
    return result
