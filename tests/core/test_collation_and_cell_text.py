import openpyxl
from python_calamine import CalamineWorkbook

from mhdesk.core.collation import collation_key, sorted_by_name
from mhdesk.core.exports.cell_text import set_text


def test_names_sort_by_the_readers_alphabet():
    names = ["Turkmenistan", "Türkiye", "Tajikistan", "Ștefan", "Stefan", "Celik", "Çelik", "Zoran", "Ćirić"]
    assert sorted_by_name(names) == ["Celik", "Çelik", "Ćirić", "Stefan", "Ștefan", "Tajikistan", "Türkiye",
                                     "Turkmenistan", "Zoran"]
    assert collation_key("Türkiye") < collation_key("Turkmenistan")
    assert collation_key(None) < collation_key("A")


def test_plain_ascii_takes_a_short_path_to_the_same_key():
    import string
    import unicodedata

    def general(text: str) -> tuple[str, str]:
        lowered = text.casefold()
        base = "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))
        return (base, lowered)

    for text in (string.printable, "MA.0467", "Project HOPE/USAID", "IOM Development Fund", "x" * 300):
        assert collation_key(text) == general(text)
    assert collation_key("elan") < collation_key("Élan") < collation_key("Eland")  # ASCII and accented side by side


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row, value in enumerate(['=HYPERLINK("http://x","y")', "+1 555", "@SUM(A1)", "-5", "\tx", 42], start=1):
        set_text(sheet.cell(row=row, column=1), value)
    path = tmp_path / "cells.xlsx"
    book.save(path)
    reread = openpyxl.load_workbook(path).active
    assert [c.data_type for c in reread["A"]] == ["s", "s", "s", "s", "s", "n"]
    values = [row[0] for row in CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()]
    assert values[0] == '=HYPERLINK("http://x","y")' and values[5] == 42
