"""Property-based tests of the value parsers: whatever a cell holds, they return a value or raise ParseError,
never anything else; an amount or a date written out as mhdesk writes it reads back as the same value."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from mhdesk.core.parsing import (
    ParseError,
    format_amount,
    normalize_project_code,
    parse_age_group,
    parse_amount,
    parse_count,
    parse_date,
    parse_duration,
    parse_email,
    parse_number,
    parse_programme_area,
    parse_role,
    parse_sex,
    parse_status,
    parse_year,
    round_amount,
)

PARSERS = (parse_amount, parse_count, parse_number, parse_date, parse_year, parse_duration, parse_email,
           normalize_project_code, parse_programme_area, parse_role, parse_sex, parse_age_group, parse_status)

# What a cell can hand over: text (typed, pasted, with odd characters), numbers, dates, booleans, nothing.
typed_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
lookalike_text = st.from_regex(r"[ \-+€$£.,'’0-9kKmMbn()A-Za-z/:@–—]{0,30}", fullmatch=True)
cell_values = st.one_of(
    typed_text, lookalike_text, st.none(), st.booleans(),
    st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.dates(), st.datetimes(),
)


@settings(max_examples=300, deadline=None)
@given(value=cell_values, parser=st.sampled_from(PARSERS))
def test_a_parser_returns_a_value_or_raises_its_own_error(value, parser):
    try:
        parser(value)
    except ParseError as error:
        assert str(error)  # a sentence to show, quoting the cell


amounts = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False,
                      allow_infinity=False)


@given(amount=amounts, currency=st.sampled_from([None, "USD", "EUR", "CHF"]))
def test_an_amount_written_out_reads_back_the_same(amount, currency):
    parsed = parse_amount(format_amount(amount, currency))
    assert parsed.value == round_amount(amount)
    assert parsed.currency == currency


@given(amount=st.decimals(min_value=0, max_value=Decimal("1e12"), allow_nan=False, allow_infinity=False))
def test_any_amount_written_out_reads_back_rounded_to_hundredths(amount):
    assert parse_amount(format_amount(amount)).value == round_amount(amount)


days = st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31))


@given(day=days, form=st.sampled_from(["iso", "long", "datetime"]))
def test_a_date_written_out_reads_back_the_same(day, form):
    written = {"iso": day.isoformat(), "long": f"{day.day} {day:%B %Y}",
               "datetime": datetime(day.year, day.month, day.day)}[form]
    assert parse_date(written) == day
