"""Column headers compared the forgiving way the workbook contract asks."""

from __future__ import annotations

import re
from typing import Any

from .text import clean_text

__all__ = ["normalize_header"]

_IGNORED = re.compile(r"[\s_*\-]+")
_OPTIONAL_MARK = re.compile(r"\(optional\)$")


def normalize_header(value: Any) -> str:
    """Reduce a header to a comparison key: lower case, without spaces,
    underscores, hyphens, asterisks and a trailing ``(optional)``, so that
    ``Programme area``, ``programme_area``, ``PROGRAMME AREA *`` and
    ``Programme area (optional)`` all give ``programmearea``."""
    key = _IGNORED.sub("", clean_text(value).casefold())
    return _OPTIONAL_MARK.sub("", key)
