from datetime import date

import pytest

from mhdesk.core.parsing import Duration, ParseError, parse_duration


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # every Duration example of the workbook contract
        ("1 June 2019—31 May 2020", Duration(date(2019, 6, 1), date(2020, 5, 31))),
        ("September 2017 – August 2019", Duration(date(2017, 9, 1), date(2019, 8, 31))),
        (
            "March-November 2017 (no cost extension to March 2018)",
            Duration(date(2017, 3, 1), date(2017, 11, 30), date(2018, 3, 31)),
        ),
        ("12 months (1 June 2019—31 May 2020)", Duration(date(2019, 6, 1), date(2020, 5, 31))),
        ("November 2018—May 2020", Duration(date(2018, 11, 1), date(2020, 5, 31))),
        # forms seen in the publications
        ("November 2016 – October 2018", Duration(date(2016, 11, 1), date(2018, 10, 31))),
        ("June 2016 – May 2020", Duration(date(2016, 6, 1), date(2020, 5, 31))),
        ("July 2015 – December 2017", Duration(date(2015, 7, 1), date(2017, 12, 31))),
        ("2017 – 2021", Duration(date(2017, 1, 1), date(2021, 12, 31))),
        ("28 February—1 March 2017", Duration(date(2017, 2, 28), date(2017, 3, 1))),
        (
            "March-November 2017 (no cost extension to\nMarch 2018)",
            Duration(date(2017, 3, 1), date(2017, 11, 30), date(2018, 3, 31)),
        ),
        # separators and spacing
        ("2017-2019", Duration(date(2017, 1, 1), date(2019, 12, 31))),
        ("1 June 2019 - 31 May 2020", Duration(date(2019, 6, 1), date(2020, 5, 31))),
        ("1 June 2019 – 31 May 2020", Duration(date(2019, 6, 1), date(2020, 5, 31))),
        ("June 2019 to May 2020", Duration(date(2019, 6, 1), date(2020, 5, 31))),
        ("from June 2019 until May 2020", Duration(date(2019, 6, 1), date(2020, 5, 31))),
        ("2019-06-01 - 2020-05-31", Duration(date(2019, 6, 1), date(2020, 5, 31))),
        ("2019-06-01–2020-05-31", Duration(date(2019, 6, 1), date(2020, 5, 31))),
        ("01.06.2019-31.05.2020", Duration(date(2019, 6, 1), date(2020, 5, 31))),
        ("1-6-2019 - 31-5-2020", Duration(date(2019, 6, 1), date(2020, 5, 31))),
        ("06/2019 - 05/2020", Duration(date(2019, 6, 1), date(2020, 5, 31))),
        # a start that borrows from the end
        ("1-15 June 2019", Duration(date(2019, 6, 1), date(2019, 6, 15))),
        ("November-March 2018", Duration(date(2017, 11, 1), date(2018, 3, 31))),
        ("June 2019 – 2020", Duration(date(2019, 6, 1), date(2020, 12, 31))),
        # notes and extensions
        ("June 2019 – May 2020 (12 months)", Duration(date(2019, 6, 1), date(2020, 5, 31))),
        (
            "March-November 2017, extended until 31 March 2018",
            Duration(date(2017, 3, 1), date(2017, 11, 30), date(2018, 3, 31)),
        ),
        (
            "June 2016 – May 2019 (no-cost extension until 31 December 2019)",
            Duration(date(2016, 6, 1), date(2019, 5, 31), date(2019, 12, 31)),
        ),
        # open ends
        ("June 2019 – ongoing", Duration(date(2019, 6, 1), None)),
        ("since 1 June 2019", Duration(date(2019, 6, 1), None)),
    ],
)
def test_durations(cell, expected):
    assert parse_duration(cell) == expected


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("12 months", "is not a duration"),
        ("June 2019", "is not a duration"),
        ("ongoing", "is not a duration"),
        ("March - 2018", "is not a duration"),
        ("15 - June 2019", "is not a duration"),
        ("", "is not a duration"),
        (None, "is not a duration"),
        ("2020-2019", "ends before it starts"),
        ("15-1 June 2019", "ends before it starts"),
        ("31 June 2019 - 2020", "is not a valid date"),
        ("June 2019 - May 2020 (no cost extension to May 2019)", "has an extension that ends before the project does"),
        ("June 2019 - May 2020 (extended to later)", "has an extension date that is not a date"),
    ],
)
def test_rejected_durations_quote_the_cell(cell, reason):
    with pytest.raises(ParseError) as caught:
        parse_duration(cell)
    message = str(caught.value)
    assert reason in message
    assert message.startswith(f'"{cell}"' if cell else "an empty cell")
