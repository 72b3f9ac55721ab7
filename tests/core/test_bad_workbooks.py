"""A corpus of bad workbooks: each is refused in one sentence or gives a
located problem that quotes the input; never another exception, and the
database is left untouched."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from workbooks import (
    ole2_bytes,
    replace_member,
    return_workbook,
    set_cached_values,
    write_bytes,
    write_workbook,
    zip_of,
)

from mhdesk.core.returns.problems import ReturnFileError
from mhdesk.core.returns.read.reader import read_return

GOOD_PROJECT = {"Code": "MA.0467", "Title": "Health for migrants"}


@dataclass(frozen=True)
class Refused:
    """The file is refused: ReturnFileError naming the file and saying `phrase`."""

    phrase: str


@dataclass(frozen=True)
class Located:
    """A problem at (sheet, row, column) whose message contains `phrase`."""

    sheet: str | None
    row: int | None
    column: str | None
    phrase: str
    severity: str = "error"


def _workbook(**options) -> Callable[[Path], Path]:
    return lambda path: return_workbook(path, **options)


def _project(**cells) -> Callable[[Path], Path]:
    return _workbook(projects=[{**GOOD_PROJECT, **cells}])


def _indicators(*rows) -> Callable[[Path], Path]:
    return _workbook(indicators=list(rows))


def _focal_point(**cells) -> Callable[[Path], Path]:
    return _workbook(focal_points=[{"Role": "Focal point", "Programme area": "H2", "Family name": "Calderon",
                                    **cells}])


def _event(**cells) -> Callable[[Path], Path]:
    return _workbook(events=[{"Date": "November 2019", "Title": "Round table", **cells}])


def _damaged_zip(path: Path) -> Path:
    data = return_workbook(path, projects=[GOOD_PROJECT]).read_bytes()
    return write_bytes(path, data[: len(data) // 2])


def _corrupt_member(path: Path) -> Path:
    return_workbook(path, projects=[GOOD_PROJECT])
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet2.xml")
        offset = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data = bytearray(path.read_bytes())
    for i in range(offset + 5, offset + 40):
        data[i] ^= 0x5A
    return write_bytes(path, bytes(data))


def _damaged_sheet_xml(path: Path) -> Path:
    return_workbook(path, projects=[GOOD_PROJECT])
    return replace_member(path, "xl/worksheets/sheet2.xml", b"<worksheet><sheetData><row r='1'><c")


def _formula(value_formula: str, cached=None) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        return_workbook(path, indicators=[{"Indicator": "Health assessments", "Value": value_formula}])
        if cached is not None:
            set_cached_values(path, "Indicators", {"B2": cached})
        return path
    return build


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


CASES = {
    # the file itself
    "missing file": (lambda path: path, Refused("does not exist")),
    "folder": (_folder, Refused("is a folder")),
    "empty file": (lambda path: write_bytes(path, b""), Refused("is empty")),
    "old xls": (lambda path: write_bytes(path, ole2_bytes("Workbook", "SummaryInformation")), Refused(".xls")),
    "encrypted": (lambda path: write_bytes(path, ole2_bytes("EncryptionInfo", "EncryptedPackage")),
                  Refused("encrypted or password protected")),
    "csv renamed": (lambda path: write_bytes(path, b"Code,Title,Budget\nMA.0467,Health,\"USD 85,000\"\n"),
                    Refused("CSV")),
    "csv in latin-1": (lambda path: write_bytes(path, "Code;Title\nMA.0467;Sant\xe9\n".encode("cp1252")),
                       Refused("CSV")),
    "html renamed": (lambda path: write_bytes(path, b"<html><body><table><tr><td>1</td></tr></table></body></html>"),
                     Refused("web page")),
    "random bytes": (lambda path: write_bytes(path, bytes(range(256)) * 8), Refused("not an Excel workbook")),
    "damaged zip": (_damaged_zip, Refused("damaged")),
    "corrupt member": (_corrupt_member, Refused("damaged")),
    "damaged sheet xml": (_damaged_sheet_xml, Refused("damaged")),
    "zip without workbook": (lambda path: zip_of(path, {"notes.txt": "hello"}), Refused("not an Excel workbook")),
    "opendocument": (lambda path: zip_of(path, {"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                                                "content.xml": "<office:document-content/>"}), Refused(".ods")),
    "word document": (lambda path: zip_of(path, {"word/document.xml": "<w:document/>"}), Refused("Word document")),
    # the Return sheet
    "missing Return sheet": (_workbook(sheet_names={"Return": None}, projects=[GOOD_PROJECT]),
                             Located("Return", None, None, 'no "Return" sheet')),
    "missing mission": (_workbook(mission=None), Located("Return", None, "Mission", "the mission is missing")),
    "unknown mission": (_workbook(mission="Narnia"), Located("Return", 1, "Mission", '"Narnia" is not a known country')),
    "bad year": (_workbook(year="2019/20"), Located("Return", 2, "Year", '"2019/20" is not a year')),
    "year out of range": (_workbook(year=1985), Located("Return", 2, "Year", '"1985" is not a reporting year')),
    "bad return e-mail": (_workbook(return_rows=[("Mission", "TJ"), ("Year", 2019), ("E-mail", "rq at example")]),
                          Located("Return", 3, "E-mail", '"rq at example" is not a valid e-mail address')),
    "bad date submitted": (_workbook(return_rows=[("Mission", "TJ"), ("Year", 2019), ("Date submitted", "soon")]),
                           Located("Return", 3, "Date submitted", '"soon" is not a date')),
    # Projects
    "bad budget": (_project(Budget="about 50k"), Located("Projects", 2, "Budget", '"about 50k" is not an amount')),
    "bad code": (_project(Code="MA-46x"), Located("Projects", 2, "Code", '"MA-46x" is not a project code')),
    "missing title": (_project(Title=None), Located("Projects", 2, "Title", "needs a title")),
    "end before start": (_project(Start=date(2020, 1, 1), End="2019-06-30"),
                         Located("Projects", 2, "End", '"2019-06-30" is before the start 1 January 2020')),
    "duration ends before it starts": (_project(Duration="June 2020 – May 2019"),
                                       Located("Projects", 2, "Duration", '"June 2020 – May 2019" ends before it starts')),
    "area inconsistent with code": (_project(**{"Programme area": "H3"}),
                                    Located("Projects", 2, "Programme area", '"H3" (MP) does not match the code MA.0467')),
    "unknown area": (_project(**{"Programme area": "H7"}),
                     Located("Projects", 2, "Programme area", '"H7" is not a programme area')),
    "unknown thematic area": (_project(**{"Thematic areas": "TB; Astrology"}),
                              Located("Projects", 2, "Thematic areas", '"Astrology" is not a known thematic area')),
    "unknown project country": (_project(Countries="Tajikistan; Narnia"),
                                Located("Projects", 2, "Countries", '"Narnia" is not a known country')),
    "unknown managing mission": (_project(**{"Managing mission": "Gondor"}),
                                 Located("Projects", 2, "Managing mission", '"Gondor" is not a known country')),
    "bad status": (_project(Status="paused"), Located("Projects", 2, "Status", '"paused" is not a status')),
    "bad duration": (_project(Duration="sometime soon"),
                     Located("Projects", 2, "Duration", '"sometime soon" is not a duration')),
    "currency conflict": (_project(Budget="USD 100", **{"Health budget": "EUR 5"}),
                          Located("Projects", 2, "Health budget", '"EUR 5" is in EUR but Budget "USD 100" is in USD')),
    "amount without currency": (_project(Budget=85000), Located("Projects", 2, "Currency", "needs a currency")),
    "duplicate project": (_workbook(projects=[GOOD_PROJECT, {"Code": "ma 467", "Title": "Again"}]),
                          Located("Projects", 3, "Code", '"MA.0467" is already given on row 2')),
    "missing required column": (_workbook(projects=[["MA.0467", "USD 5"]], headers={"Projects": ["Code", "Budget"]}),
                                Located("Projects", 1, "Title", 'the required column "Title" is missing')),
    "duplicate column": (_workbook(projects=[["MA.0467", "T", 5, 6]],
                                   headers={"Projects": ["Code", "Title", "Budget", "budget"]}),
                         Located("Projects", 1, "Budget", 'the column "Budget" appears twice (columns C and D)')),
    # Indicators
    "negative value": (_indicators({"Indicator": "Health assessments", "Value": -5}),
                       Located("Indicators", 2, "Value", '"-5" is negative')),
    "value not a number": (_indicators({"Indicator": "Health assessments", "Value": "many"}),
                           Located("Indicators", 2, "Value", '"many" is not a number')),
    "unknown indicator": (_indicators({"Indicator": "Happiness index", "Value": 3}),
                          Located("Indicators", 2, "Indicator", '"Happiness index" is not a known indicator')),
    "unknown indicator country": (_indicators({"Indicator": "Health assessments", "Value": 3, "Country": "Atlantis"}),
                                  Located("Indicators", 2, "Country", '"Atlantis" is not a known country')),
    "bad sex": (_indicators({"Indicator": "Health assessments", "Value": 3, "Sex": "x"}),
                Located("Indicators", 2, "Sex", '"x" is not a sex')),
    "bad age group": (_indicators({"Indicator": "Health assessments", "Value": 3, "Age group": "elderly"}),
                      Located("Indicators", 2, "Age group", '"elderly" is not an age group')),
    "bad indicator year": (_indicators({"Indicator": "Health assessments", "Value": 3, "Year": "20x9"}),
                           Located("Indicators", 2, "Year", '"20x9" is not a year')),
    "far year": (_indicators({"Indicator": "Health assessments", "Value": 3, "Year": 2012}),
                 Located("Indicators", 2, "Year", '"2012" is more than a year away', "warning")),
    "unknown project code": (_indicators({"Indicator": "Health assessments", "Value": 3, "Project code": "MA.9999"}),
                             Located("Indicators", 2, "Project code", '"MA.9999" is not a project')),
    "parts not summing to total": (_indicators(
        {"Indicator": "PHC_CONSULT", "Value": 83219},
        {"Indicator": "PHC_CONSULT", "Value": 59044, "Sex": "female"},
        {"Indicator": "PHC_CONSULT", "Value": 24100, "Sex": "male"}),
        Located("Indicators", 2, "Value", '"83,219" is not the sum of its parts: female 59,044 (row 3) + male 24,100')),
    "duplicate indicator rows": (_indicators({"Indicator": "Health assessments", "Value": 3},
                                             {"Indicator": "health assessments", "Value": 4, "Country": "TJ"}),
                                 Located("Indicators", 3, "Value", "already given on row 2")),
    "missing value column": (_workbook(indicators=[["Health assessments", 3]], headers={"Indicators": ["Indicator", "Amount"]}),
                             Located("Indicators", 1, "Value", 'the required column "Value" is missing')),
    "formula without cached value": (_formula("=SUM(1,2)"),
                                     Located("Indicators", 2, "Value", "the formula in this cell has no saved value")),
    "formula with an error value": (_formula("=1/0", cached="#DIV/0!"),
                                    Located("Indicators", 2, "Value", 'the error "#DIV/0!"')),
    # Focal points and Events
    "missing role": (_focal_point(Role=None), Located("Focal points", 2, "Role", "a role is required")),
    "bad role": (_focal_point(Role="Boss"), Located("Focal points", 2, "Role", '"Boss" is not a role')),
    "focal point without area": (_focal_point(**{"Programme area": None}),
                                 Located("Focal points", 2, "Programme area", "needs a programme area")),
    "missing family name": (_focal_point(**{"Family name": None, "Given name": "Jaime"}),
                            Located("Focal points", 2, "Family name", "the family name is required")),
    "bad focal point e-mail": (_focal_point(**{"E-mail": "jaime@"}),
                               Located("Focal points", 2, "E-mail", '"jaime@" is not a valid e-mail address')),
    "unknown focal point country": (_focal_point(Country="Mordor"),
                                    Located("Focal points", 2, "Country", '"Mordor" is not a known country')),
    "bad event date": (_event(Date="someday"), Located("Events", 2, "Date", '"someday" is not a date')),
    "missing event title": (_event(Title=None), Located("Events", 2, "Title", "the title is required")),
    "bad participants": (_event(Participants="many"), Located("Events", 2, "Participants", '"many" is not a number')),
}


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 25


@pytest.mark.sqlite_only("compares the database file's bytes")
@pytest.mark.parametrize("name", list(CASES))
def test_bad_workbook(name, tmp_path, db, services):
    build, expected = CASES[name]
    path = build(tmp_path / "return.xlsx")
    catalog = services.catalog
    database_before = hashlib.sha256(db.file.read_bytes()).hexdigest()

    if isinstance(expected, Refused):
        with pytest.raises(ReturnFileError) as refused:
            read_return(path, catalog)
        message = str(refused.value)
        assert '"return.xlsx"' in message and expected.phrase in message
        assert "\n" not in message and message.endswith(".")
    else:
        parsed = read_return(path, catalog)
        where = [(p.severity, p.sheet, p.row, p.column, p.message) for p in parsed.problems]
        assert any(
            (severity, sheet, row, column) == (expected.severity, expected.sheet, expected.row, expected.column)
            and expected.phrase in message
            for severity, sheet, row, column, message in where
        ), where

    assert hashlib.sha256(db.file.read_bytes()).hexdigest() == database_before


def test_every_problem_of_a_row_is_reported(tmp_path, services):
    """Errors on one row never stop the others: all of them come back at once."""
    path = return_workbook(tmp_path / "r.xlsx", indicators=[
        {"Indicator": "Nothing", "Value": -3, "Country": "Narnia", "Project code": "MA.9999", "Sex": "X",
         "Age group": "teen", "Year": "later"},
        {"Indicator": "Health assessments", "Value": 4},
    ], projects=[{"Code": "MA.0467", "Title": None, "Budget": "lots", "Start": "soon", "Status": "?"}])
    parsed = read_return(path, services.catalog)
    assert {(p.sheet, p.row, p.column) for p in parsed.errors} == {
        ("Projects", 2, "Title"), ("Projects", 2, "Budget"), ("Projects", 2, "Start"), ("Projects", 2, "Status"),
        ("Indicators", 2, "Indicator"), ("Indicators", 2, "Value"), ("Indicators", 2, "Country"),
        ("Indicators", 2, "Project code"), ("Indicators", 2, "Sex"), ("Indicators", 2, "Age group"),
        ("Indicators", 2, "Year"),
    }
    assert [(v.indicator_code, v.row) for v in parsed.values] == [("HEALTH_ASSESS", 3)]


def test_problems_read_as_plain_sentences(tmp_path, services):
    path = return_workbook(tmp_path / "r.xlsx", projects=[{**GOOD_PROJECT, "Budget": "about 50k"}])
    parsed = read_return(path, services.catalog)
    assert [str(p) for p in parsed.problems] == ['Projects row 2, Budget: "about 50k" is not an amount']


def test_cells_outside_the_contract_never_raise(tmp_path, services):
    """Booleans, times and durations where text or numbers are expected give problems, not exceptions."""
    from datetime import time, timedelta

    path = write_workbook(tmp_path / "r.xlsx", {
        "Return": [["Mission", True], ["Year", time(10, 30)], ["Date submitted", timedelta(days=3)]],
        "Projects": [["Code", "Title", "Budget", "Start", "Countries", "Status"],
                     [12.5, False, True, time(8, 0), 3.0, 1.0]],
        "Indicators": [["Indicator", "Value", "Sex", "Year"], [True, True, 1.0, 2019.5]],
        "Focal points": [["Role", "Family name", "E-mail"], [1.0, 2.0, 3.0]],
        "Events": [["Date", "Title", "Participants"], [True, 5.0, -1.0]],
    })
    parsed = read_return(path, services.catalog)
    assert parsed.errors
    assert all(p.sheet and p.message for p in parsed.problems)
