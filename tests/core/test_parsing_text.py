import pytest

from mhdesk.core.parsing import (
    ParseError,
    clean_text,
    is_blank,
    normalize_header,
    split_country_list,
    split_lines,
    split_list,
)


def test_parse_error_quotes_the_cell():
    error = ParseError("about 50k", "is not an amount")
    assert str(error) == '"about 50k" is not an amount'
    assert (error.value, error.text, error.reason) == ("about 50k", "about 50k", "is not an amount")
    assert isinstance(error, ValueError)


def test_parse_error_on_an_empty_cell_and_a_long_text():
    assert str(ParseError(None, "is not a date")) == "an empty cell is not a date"
    long_text = "x" * 200
    assert len(ParseError(long_text, "is wrong").text) == 80


def test_clean_text():
    assert clean_text("  Rukhshona\u00a0 Qurbonova\n") == "Rukhshona Qurbonova"
    assert clean_text(None) == ""
    assert clean_text(2019.0) == "2019"
    assert clean_text("\u200bMA") == "MA"
    assert is_blank(" \u00a0 ") and is_blank(None) and not is_blank(0)


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        ("IOM Development Fund; UNAIDS", ["IOM Development Fund", "UNAIDS"]),
        (" UNAIDS ;; ;European Union; unaids ", ["UNAIDS", "European Union"]),
        ("Project HOPE/USAID", ["Project HOPE/USAID"]),
        ("Kingdom of Norway, Kingdom of Denmark", ["Kingdom of Norway, Kingdom of Denmark"]),
        ("", []),
        (None, []),
    ],
)
def test_split_list(cell, items):
    assert split_list(cell) == items


def test_split_list_with_other_separators():
    assert split_list("a|b;c", seps="|;") == ["a", "b", "c"]
    assert split_country_list("Tajikistan, Russian Federation; tajikistan") == ["Tajikistan", "Russian Federation"]


def test_split_lines():
    cell = "- 120 health workers trained\n\n• 3 clinics supported\r\n  5,000 consultations  "
    assert split_lines(cell) == ["120 health workers trained", "3 clinics supported", "5,000 consultations"]
    assert split_lines(None) == []


@pytest.mark.parametrize(
    "header",
    [
        "Programme area",
        "programme_area",
        "PROGRAMME AREA *",
        "Programme area (optional)",
        " Programme  area* ",
        "Programme area (Optional) *",
        "programme-area",
    ],
)
def test_headers(header):
    assert normalize_header(header) == "programmearea"


def test_headers_keep_what_tells_columns_apart():
    assert normalize_header("E-mail") == normalize_header("Email") == "email"
    assert normalize_header("Health budget") != normalize_header("Budget")
    assert normalize_header(None) == ""
