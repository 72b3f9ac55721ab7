"""Project codes of the form ``XX.NNNN`` (``MA.0467``, ``CS.0887``)."""

from __future__ import annotations

import re
from typing import Any

from .errors import ParseError
from .text import clean_text

__all__ = ["normalize_project_code", "programme_area_from_code"]

# Two letters, then an optional separator (dot, space, hyphen, underscore or
# slash), then one to four digits, padded to four: "ma.467" -> "MA.0467".
_PROJECT_CODE = re.compile(r"(?P<prefix>[A-Za-z]{2}) ?[._/ -]? ?(?P<number>\d{1,4})")
_CODE_DIGITS = 4
_PROGRAMME_AREA_PREFIXES = frozenset({"MH", "MA", "MP"})


def normalize_project_code(value: Any) -> str:
    """Return the canonical form of a project code (``ma 0467`` -> ``MA.0467``)."""
    match = _PROJECT_CODE.fullmatch(clean_text(value))
    if not match:
        raise ParseError(value, "is not a project code (expected two letters and four digits, e.g. MA.0467)")
    return f"{match['prefix'].upper()}.{match['number'].zfill(_CODE_DIGITS)}"


def programme_area_from_code(code: Any) -> str | None:
    """The programme area a code's prefix names (``MA.0467`` -> ``MA``), or
    ``None`` for projects of other divisions (``CS.0887``)."""
    prefix = normalize_project_code(code)[:2]
    return prefix if prefix in _PROGRAMME_AREA_PREFIXES else None
