"""The printed directory: PDF read back with pypdf, the workbook read back with openpyxl."""

from __future__ import annotations

import zipfile
from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader
from workbooks import return_workbook

from mhdesk.bundled import fonts_folder
from mhdesk.cli.main import main
from mhdesk.core.exports.directory_pdf import directory_title, write_directory_pdf
from mhdesk.core.exports.directory_xlsx import write_directory_xlsx
from mhdesk.core.models import Country
from mhdesk.core.services import Services
from mhdesk.core.services.directory import HEAD, CellEntry, CellKey
from mhdesk.core.services.directory_rows import LIST_FIELDS
from mhdesk.core.services.people import PersonData

DIACRITICS = [("Ștefănescu", "Ștefan"), ("Ćosić", "Đorđe"), ("Yıldırım", "İlkay Doğan"), ("Müller", "Jürgen"),
              ("Иванова", "Ольга")]


def pages_text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    """Extracted text with line breaks as spaces (a long name may wrap inside its cell)."""
    return " ".join(text.split())


@pytest.fixture
def demo_2018(demo):
    """The demo's 2018 directory, with a few people whose names carry diacritics and Cyrillic."""
    services = Services(demo)
    key = CellKey(2018, "Türkiye", "H3")
    cell = services.directory.cell(key)
    added = [services.people.create(PersonData(family, given, email=f"p{n}@example.org"))
             for n, (family, given) in enumerate(DIACRITICS)]
    services.directory.set_cell(cell, list(cell.entries) + [CellEntry(p.id, "FP") for p in added])
    return services


def test_the_2018_directory_prints_every_country_and_person_with_the_header_on_every_page(demo_2018, tmp_path):
    grid = demo_2018.directory.grid(2018)
    path = write_directory_pdf(grid, tmp_path / "directory.pdf", fonts=fonts_folder(), printed_on=date(2024, 3, 1))

    pages = pages_text(path)
    everything = flat(" ".join(pages))
    assert len(pages) >= 2
    for page_number, page in enumerate(pages, start=1):
        assert directory_title(2018) in page and "Printed 2024-03-01" in page
        assert f"page {page_number} of {len(pages)}" in page
        if page_number > 1:  # the grid's header row repeats
            assert "Chief of Mission / Head of Office" in page and "H2" in page
    for row in grid.rows:
        assert row.country in everything
    for role in demo_2018.directory.rows(2018):
        assert role.printed_name in everything, role.printed_name
    for family, given in DIACRITICS:
        assert f"{family.upper()} {given}" in everything
    assert "Türkiye" in everything and "Kosovo (UNSCR 1244)1" in everything
    assert "1 References to Kosovo shall be understood" in everything
    assert "ajani@example.org" in everything


def test_without_contacts_no_address_is_printed(demo_2018, tmp_path):
    path = write_directory_pdf(demo_2018.directory.grid(2018), tmp_path / "d.pdf", fonts=fonts_folder(),
                               contacts=False)
    text = " ".join(pages_text(path))
    assert "JANI Alma" in text and "@" not in text


def test_the_workbook_is_set_up_for_printing_and_lists_every_role(demo_2018, tmp_path):
    path = write_directory_xlsx(demo_2018.directory.grid(2018), tmp_path / "directory.xlsx")

    book = openpyxl.load_workbook(path)
    grid = book["Directory"]
    assert grid.page_setup.orientation == "landscape" and int(grid.page_setup.paperSize) == int(grid.PAPERSIZE_A4)
    assert grid.sheet_properties.pageSetUpPr.fitToPage and grid.page_setup.fitToWidth == 1
    assert grid.page_setup.fitToHeight == 0
    header_row = next(r for r in range(1, grid.max_row + 1) if grid.cell(r, 1).value == "Country")
    assert grid.print_title_rows == f"${header_row}:${header_row}"
    assert grid.print_area == f"'Directory'!$A$1:$E${grid.max_row}"
    assert grid.cell(header_row + 1, 2).alignment.wrap_text
    countries = [grid.cell(r, 1).value for r in range(header_row + 1, grid.max_row + 1)]
    assert "Kosovo (UNSCR 1244) (1)" in countries and "Türkiye" in countries
    turkiye = grid.cell(header_row + 1 + countries.index("Türkiye"), 5).value
    assert "ȘTEFĂNESCU Ștefan" in turkiye and "ИВАНОВА Ольга" in turkiye

    roles = [list(row) for row in book["Roles"].iter_rows(values_only=True)]
    expected = [r.listed() for r in demo_2018.directory.rows(2018)]
    assert roles[0] == list(LIST_FIELDS)
    assert sorted(map(repr, roles[1:])) == sorted(map(repr, expected))


def test_sixty_countries_of_five_people_per_cell_never_split_a_country(services, db, tmp_path):
    with db.session() as session, session.begin():
        session.add_all(Country(name=f"Country {n:02d}", subregion="Central Asia") for n in range(60))
    services.catalog.refresh()
    for n in range(60):
        country = f"Country {n:02d}"
        for slot in (HEAD, "H1", "H2", "H3"):
            count = 1 if slot == HEAD else 5
            people = [services.people.create(PersonData(f"P{n:02d}{slot}{k}", "Given", f"p{n}{slot}{k}@example.org",
                                                        phone="+43 1 581 22 22"))
                      for k in range(count)]
            cell = services.directory.cell(CellKey(2030, country, slot))
            services.directory.set_cell(cell, [CellEntry(p.id, "COM" if slot == HEAD else "FP") for p in people])

    path = write_directory_pdf(services.directory.grid(2030), tmp_path / "big.pdf", fonts=fonts_folder())

    pages = [flat(text) for text in pages_text(path)]
    assert len(pages) > 5
    for n in range(60):
        names = [f"P{n:02d}{slot}{k}" for slot in ("head", "H1", "H2", "H3") for k in range(1 if slot == "head" else 5)]
        holding = {i for i, page in enumerate(pages) for name in names if name.upper() in page}
        assert len(holding) == 1, f"Country {n:02d} is printed on pages {sorted(holding)}"
        assert f"Country {n:02d}" in pages[holding.pop()]


def test_an_imported_formula_like_name_comes_back_as_literal_text(db, tmp_path):
    formula = '=HYPERLINK("http://x","y")'
    path = return_workbook(tmp_path / "TJ-2019.xlsx", focal_points=[
        {"Role": "Focal point", "Programme area": "H2", "Family name": "placeholder", "Given name": "Aziz"}])
    book = openpyxl.load_workbook(path)
    sheet = book["Focal points"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "placeholder")
    cell.value, cell.data_type = formula, "s"  # typed as text by the mission, not as a formula
    book.save(path)
    assert main(["--database", db.location, "import", str(path), "--yes"]) == 0
    assert Services(db).directory.rows(2019)[0].family_name == formula

    out = tmp_path / "directory.xlsx"
    assert main(["--database", db.location, "export", "directory", "--year", "2019", "-o", str(out)]) == 0

    exported = openpyxl.load_workbook(out)
    roles = exported["Roles"]
    assert (roles["E2"].value, roles["E2"].data_type) == (formula, "s")
    grid_cells = [c for row in exported["Directory"].iter_rows() for c in row if c.value and "HYPERLINK" in c.value]
    assert grid_cells and all(c.data_type == "s" for c in grid_cells)
    with zipfile.ZipFile(out) as archive:
        assert not any("<f>" in archive.read(name).decode("utf-8") for name in archive.namelist()
                       if name.startswith("xl/worksheets/"))
