"""Reading the values people type into mission-return workbooks.

Every parser takes a raw cell value (text, number, date or ``None``) and
either returns a clean Python value or raises :class:`ParseError`, whose
message quotes the cell, e.g. ``"about 50k" is not an amount``. Nothing here
depends on Qt, the database or the workbook library.
"""

from .amounts import Amount, format_amount, parse_amount, round_amount
from .catalogues import THEMATIC_AREA_ALIASES, indicator_lookup, load_reference, thematic_area_lookup
from .codes import normalize_project_code, programme_area_from_code
from .countries import CountryResolver
from .currencies import COMMON_CURRENCIES, currency_code, currency_codes, parse_currency
from .dates import last_day_of_month, parse_date, parse_date_with_precision, parse_year
from .durations import Duration, parse_duration
from .errors import ParseError
from .headers import normalize_header
from .lookup import NameLookup, match_key
from .numbers import parse_count, parse_number
from .text import clean_text, is_blank, split_country_list, split_lines, split_list
from .vocab import (
    PROGRAMME_AREAS,
    ProgrammeArea,
    h_code,
    parse_age_group,
    parse_email,
    parse_programme_area,
    parse_role,
    parse_sex,
    parse_status,
    programme_area_name,
)

__all__ = [
    "COMMON_CURRENCIES",
    "CURRENCY_CODES",
    "currency_codes",
    "PROGRAMME_AREAS",
    "THEMATIC_AREA_ALIASES",
    "Amount",
    "CountryResolver",
    "Duration",
    "NameLookup",
    "ParseError",
    "ProgrammeArea",
    "clean_text",
    "currency_code",
    "format_amount",
    "h_code",
    "indicator_lookup",
    "is_blank",
    "last_day_of_month",
    "load_reference",
    "match_key",
    "normalize_header",
    "normalize_project_code",
    "parse_age_group",
    "parse_amount",
    "parse_count",
    "parse_currency",
    "parse_date",
    "parse_date_with_precision",
    "parse_duration",
    "parse_email",
    "parse_number",
    "parse_programme_area",
    "parse_role",
    "parse_sex",
    "parse_status",
    "parse_year",
    "programme_area_from_code",
    "programme_area_name",
    "round_amount",
    "split_country_list",
    "split_lines",
    "split_list",
    "thematic_area_lookup",
]


def __getattr__(name: str):
    if name == "CURRENCY_CODES":  # read from the ISO table when first asked for (parsing.currencies)
        return currency_codes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
