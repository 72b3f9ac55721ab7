import pytest

from mhdesk.core.parsing import ParseError, normalize_project_code, programme_area_from_code


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("MA.0467", "MA.0467"),
        ("ma 0467", "MA.0467"),
        ("MA0467", "MA.0467"),
        (" MA.0467 ", "MA.0467"),
        ("ma.467", "MA.0467"),
        ("MP-280", "MP.0280"),
        ("cs_0887", "CS.0887"),
        ("CS / 0887", "CS.0887"),
        ("MA\u00a00467", "MA.0467"),
    ],
)
def test_project_codes(cell, code):
    assert normalize_project_code(cell) == code


@pytest.mark.parametrize("cell", ["MA.04677", "M.0467", "MAP.0467", "0467", "MA.", "MA..0467", "", None, "MA.0467.TJ"])
def test_rejected_project_codes(cell):
    with pytest.raises(ParseError) as caught:
        normalize_project_code(cell)
    assert "is not a project code" in str(caught.value)
    if cell:
        assert str(caught.value).startswith(f'"{cell}"')


@pytest.mark.parametrize(
    ("code", "area"),
    [("MA.0467", "MA"), ("mp.0280", "MP"), ("MH.0123", "MH"), ("CS.0887", None), ("FM.0001", None)],
)
def test_programme_area_from_code(code, area):
    assert programme_area_from_code(code) == area
