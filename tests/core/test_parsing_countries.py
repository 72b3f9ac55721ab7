from pathlib import Path

import pytest

from mhdesk.core.parsing import CountryResolver, ParseError, indicator_lookup, match_key, thematic_area_lookup

REFERENCE = Path(__file__).resolve().parents[2] / "mhdesk" / "core" / "data" / "reference.json"


@pytest.fixture(scope="module")
def countries():
    return CountryResolver.from_reference(REFERENCE)


@pytest.mark.parametrize(
    ("cell", "name"),
    [
        # the contract's Mission examples
        ("Tajikistan", "Tajikistan"),
        ("TJ", "Tajikistan"),
        ("Kosovo (UNSCR 1244)", "Kosovo (UNSCR 1244)"),
        # aliases from the domain description
        ("Turkey", "Türkiye"),
        ("Turkiye", "Türkiye"),
        ("TR", "Türkiye"),
        ("BiH", "Bosnia and Herzegovina"),
        ("BA", "Bosnia and Herzegovina"),
        ("FYROM", "North Macedonia"),
        ("Former Yugoslav Republic of Macedonia", "North Macedonia"),
        ("Moldova", "Republic of Moldova"),
        # spellings seen in the publications
        ("Kosovo/UNSC 1244", "Kosovo (UNSCR 1244)"),
        ("Bosnia-Herzegovina", "Bosnia and Herzegovina"),
        ("Bosnia & Herzegovina", "Bosnia and Herzegovina"),
        # case, spacing, diacritics, a trailing *, ISO3 codes, a bracketed note
        ("  tajikistan ", "Tajikistan"),
        ("tj", "Tajikistan"),
        ("TJK", "Tajikistan"),
        ("bosnia   and  herzegovina", "Bosnia and Herzegovina"),
        ("TÜRKIYE", "Türkiye"),
        ("Kosovo*", "Kosovo (UNSCR 1244)"),
        ("Serbia*", "Serbia"),
        ("Kyrgyzstan (managing mission)", "Kyrgyzstan"),
    ],
)
def test_resolve(countries, cell, name):
    assert countries.resolve(cell) == name


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("Narnia", '"Narnia" is not a known country'),
        ("", "an empty cell is not a known country"),
        (None, "an empty cell is not a known country"),
        ("Serbia and Albania", '"Serbia and Albania" is not a known country'),
    ],
)
def test_unknown_country(countries, cell, message):
    with pytest.raises(ParseError) as caught:
        countries.resolve(cell)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Kosovo (UNSCR 1244)", ["Kosovo (UNSCR 1244)"]),
        ("Tajikistan, Russian Federation", ["Tajikistan", "Russian Federation"]),
        ("TJ; AF", ["Tajikistan", "Afghanistan"]),
        ("Armenia, Azerbaijan, Georgia (implementing  mission)", ["Armenia", "Azerbaijan", "Georgia"]),
        (
            "Kazakhstan, Kyrgyzstan (managing mission), Turkmenistan",
            ["Kazakhstan", "Kyrgyzstan", "Turkmenistan"],
        ),
        ("Bosnia-Herzegovina, Kosovo/UNSC 1244", ["Bosnia and Herzegovina", "Kosovo (UNSCR 1244)"]),
        ("Bosnia and Herzegovina, Serbia", ["Bosnia and Herzegovina", "Serbia"]),
        ("Armenia, Azerbaijan and Georgia", ["Armenia", "Azerbaijan", "Georgia"]),
        ("Serbia and Kosovo (UNSCR 1244); Montenegro", ["Serbia", "Kosovo (UNSCR 1244)", "Montenegro"]),
        ("Turkey; TR, Türkiye", ["Türkiye"]),
        ("Serbia,, Albania;", ["Serbia", "Albania"]),
        ("Serbia\nAlbania", ["Serbia", "Albania"]),
        ("", []),
        (None, []),
    ],
)
def test_resolve_many(countries, cell, names):
    assert countries.resolve_many(cell) == names


def test_resolve_many_names_the_unknown_piece(countries):
    with pytest.raises(ParseError) as caught:
        countries.resolve_many("Serbia, Narnia; Albania")
    assert str(caught.value) == '"Narnia" is not a known country'


def test_a_name_holding_a_comma_is_not_cut():
    resolver = CountryResolver([("Korea, Republic of", "KR", ["South Korea"]), ("Serbia", "RS", [])])
    assert resolver.resolve_many("Korea, Republic of, Serbia") == ["Korea, Republic of", "Serbia"]
    assert resolver.resolve_many("Serbia; Korea, Republic of") == ["Serbia", "Korea, Republic of"]


def test_built_from_triples_and_from_a_loaded_dict():
    resolver = CountryResolver([("Türkiye", "TR", ["Turkey"])])
    assert resolver.resolve("turkiye") == "Türkiye"
    assert resolver.iso2("Turkey") == "TR"
    loaded = CountryResolver.from_reference({"countries": [{"name": "Serbia", "iso2": "RS"}]})
    assert loaded.names == ("Serbia",)


def test_reference_aliases_are_unambiguous(countries):
    assert "Türkiye" in countries.names
    assert countries.iso2("Kosovo") == "XK"


def test_an_alias_claimed_by_two_countries_is_refused():
    with pytest.raises(ValueError, match="names both"):
        CountryResolver([("Georgia", "GE", ["GE"]), ("Germany", "DE", ["Georgia"])])


def test_match_key():
    assert match_key(" Türkiye* ") == match_key("turkiye") == "turkiye"
    assert match_key("Bosnia & Herzegovina") == match_key("bosnia-herzegovina")


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("PHC_CONSULT", "PHC_CONSULT"),
        ("phc_consult", "PHC_CONSULT"),
        ("Primary health-care consultations", "PHC_CONSULT"),
        ("primary health care consultations", "PHC_CONSULT"),
        ("IOM supported health facilities", "FACILITIES"),
    ],
)
def test_indicators(cell, code):
    assert indicator_lookup(REFERENCE).resolve(cell) == code


def test_unknown_indicator():
    with pytest.raises(ParseError) as caught:
        indicator_lookup(REFERENCE).resolve("Smiles")
    assert str(caught.value) == '"Smiles" is not a known indicator'


def test_thematic_areas():
    lookup = thematic_area_lookup(REFERENCE)
    assert lookup.resolve_many("TB; MHPSS; hiv/aids; Covid-19; tb") == [
        "Tuberculosis",
        "Mental health and psychosocial support",
        "HIV/AIDS",
        "COVID-19",
    ]
    with pytest.raises(ParseError, match='"Astrology" is not a known thematic area'):
        lookup.resolve_many("TB; Astrology")
