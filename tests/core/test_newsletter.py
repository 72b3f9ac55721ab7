"""The newsletter PDF, read back with pypdf: what it prints, where, and that hostile text cannot break it."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from workbooks import return_workbook

from mhdesk.bundled import fonts_folder
from mhdesk.cli.main import main
from mhdesk.core.exports import newsletter_blocks
from mhdesk.core.exports.newsletter_data import newsletter_data, project_budget, project_duration
from mhdesk.core.exports.newsletter_pdf import write_newsletter_pdf
from mhdesk.core.services import Services
from mhdesk.core.services.project_records import PhotoData, ProjectData

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def pages_of(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


RETURNS_2019 = {
    "Tajikistan": [
        {"Code": "MA.0433", "Title": "Cross-border TB care for labour migrants", "Donor": "IOM Development Fund",
         "Budget": 170000, "Currency": "USD", "Start": "1.3.2019", "End": "29.2.2020",
         "Countries": "Tajikistan; Russian Federation", "Managing mission": "Tajikistan", "Status": "active",
         "Summary": "Screening of departing migrants in Dushanbe and Kulob.",
         "Achievements": "1,200 migrants screened"},
    ],
    "Türkiye": [
        {"Code": "MP.0321", "Title": "Mental health support in Şanlıurfa", "Donor": "European Union",
         "Budget": "3,000,000", "Currency": "EUR", "Health budget": "290,500", "Start": "1.1.2018",
         "End": "31.12.2019", "Extended to": "30.6.2020", "Countries": "Türkiye", "Managing mission": "Türkiye",
         "Status": "active", "Summary": "Psychosocial care for refugees and host communities."},
    ],
    "Republic of Moldova": [
        {"Code": "MA.0440", "Title": "Health of returning migrants in Ștefan cel Mare", "Donor": "UNAIDS",
         "Budget": 45500, "Currency": "USD", "Start": "1.6.2017", "End": "31.5.2019",
         "Countries": "Republic of Moldova", "Managing mission": "Republic of Moldova", "Status": "completed"},
    ],
}


@pytest.fixture
def returns_2019(db, tmp_path):
    """Three missions' 2019 returns imported through the command line, as a coordinator would."""
    for mission, projects in RETURNS_2019.items():
        path = return_workbook(tmp_path / f"{mission}.xlsx", mission=mission, year=2019, projects=projects)
        assert main(["--database", db.location, "import", str(path), "--yes"]) == 0
    return db


def test_a_2019_edition_from_imported_returns_prints_every_active_project(returns_2019, tmp_path, capsys):
    out = tmp_path / "newsletter-2019.pdf"
    assert main(["--database", returns_2019.location, "export", "newsletter", "--year", "2019", "-o", str(out)]) == 0
    assert "Wrote the 2019 newsletter (3 projects)" in capsys.readouterr().out
    text = flat(" ".join(pages_of(out)))
    services = Services(returns_2019)
    for code in ("MA.0433", "MP.0321", "MA.0440"):
        project = services.projects.find(code)
        assert project.code in text and project.donors[0] in text
        assert project_duration(project) in text
        assert project_budget(project) in text
    assert "USD 170,000" in text
    assert "EUR 3,000,000 (health: EUR 290,500)" in text
    assert "no-cost extension to 30 June 2020" in text
    for name in ("Türkiye", "Şanlıurfa", "Ștefan cel Mare"):
        assert name in text


def test_the_contents_list_each_section_at_the_page_it_starts_on(demo, tmp_path):
    out = tmp_path / "n.pdf"
    data = newsletter_data(Services(demo), 2023)
    write_newsletter_pdf(data, out, fonts=fonts_folder())
    pages = pages_of(out)
    contents_page = next(i for i, p in enumerate(pages) if p.split("\n")[2:3] == ["Contents"])
    # each entry's leader dots and page number are drawn (and extracted) just before its label
    listed = re.findall(r"^[ .]+ (\d+)\n(.+)$", pages[contents_page], re.M)
    labels = {label.strip(): int(number) for number, label in listed}
    for label in ("Welcome", "Key figures 2023", "Highlights of 2023", "Spotlight", "Projects in 2023",
                  "Publications", "Directory of migration health focal points", "Contact"):
        number = labels[label]
        assert label in flat(pages[number - 1]), f"{label} is not on page {number}"
    assert len(listed) >= 10  # the programme areas under Projects too


def test_hostile_text_prints_literally_and_allowed_markup_prints_bold(db, tmp_path):
    services = Services(db)
    hostile = "<b>not bold</b> & <script>alert(1)</script> <para> <i>open <font"
    services.projects.create(ProjectData(
        code="MA.0500", title=f"Title {hostile}", programme_area="MA", start=date(2019, 1, 1),
        end=date(2020, 1, 1), summary=f"**Really bold** then <b>plain words</b> {hostile} and *unbalanced **",
        achievements={2019: [f"Achieved {hostile}"]}))
    edition = services.editions.draft(2019).copy(welcome_text=f"Hello {hostile}\n\n- item **one**\n- item <two>",
                                                 signature="A & B <team>")
    services.editions.save(edition)
    out = tmp_path / "n.pdf"
    write_newsletter_pdf(newsletter_data(services, 2019), out, fonts=fonts_folder())
    reader = PdfReader(out)
    text = flat(" ".join(p.extract_text() for p in reader.pages))
    assert f"Title {hostile}" in text
    assert f"then <b>plain words</b> {hostile} and *unbalanced **" in text
    assert "A & B <team>" in text and "item <two>" in text

    bold_runs = []
    for page in reader.pages:
        page.extract_text(visitor_text=lambda t, cm, tm, font, size: bold_runs.append((t, font and font.get(
            "/BaseFont"))))
    bold_text = "".join(t for t, font in bold_runs if font and "Bold" in str(font))
    assert "Really bold" in bold_text
    assert "plain words" not in bold_text  # typed tags are text, never markup


def test_sixty_projects_with_long_texts_each_fact_box_on_one_page(db, tmp_path, monkeypatch):
    services = Services(db)
    long_text = " ".join(["Health workers trained in the districts, with referrals followed up."] * 30)
    for number in range(60):
        services.projects.create(ProjectData(
            code=f"MA.{number + 600:04d}", title=f"Project {number} " + "with a long title " * 6,
            programme_area="MA", donors=["European Union"], budget=Decimal("100000") + number, currency="EUR",
            health_budget=Decimal("5000"), start=date(2018, 1, 1), end=date(2020, 12, 31),
            countries=["Georgia", "Armenia"], summary=f"{long_text}\n\n{long_text}",
            achievements={2019: [long_text[:300]] * 4}))
    boxes: dict[str, set[int]] = {}
    original = newsletter_blocks.fact_box

    def tracked(project, **kwargs):
        table = original(project, **kwargs)
        draw = table.drawOn

        def draw_on(canvas, *args, **kw):
            boxes.setdefault(project.code, set()).add(canvas.getPageNumber())
            return draw(canvas, *args, **kw)
        table.drawOn = draw_on
        return table
    monkeypatch.setattr(newsletter_blocks, "fact_box", tracked)
    out = tmp_path / "n.pdf"
    write_newsletter_pdf(newsletter_data(services, 2019), out, fonts=fonts_folder())
    assert len(boxes) == 60
    assert all(len(pages) == 1 for pages in boxes.values())  # a split box would be drawn on two pages
    text = flat(" ".join(pages_of(out)))
    for code in boxes:
        assert code in text


def test_an_image_that_cannot_be_decoded_is_a_note_not_a_crash(db, tmp_path):
    services = Services(db)
    broken = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    services.projects.create(ProjectData(
        code="MA.0501", title="Clinic", start=date(2018, 1, 1), end=date(2019, 12, 31),
        photos=[PhotoData("clinic.png", "The clinic", "© IOM 2019", image=broken, media_type="image/png")]))
    data = newsletter_data(services, 2019)
    write_newsletter_pdf(data, tmp_path / "n.pdf", fonts=fonts_folder())
    assert any("MA.0501" in note and "could not be decoded" in note for note in data.notes)
    assert "MA.0501" in flat(" ".join(pages_of(tmp_path / "n.pdf")))


def test_photos_are_scaled_to_fit_with_their_proportions(tmp_path):
    from PIL import Image

    picture = tmp_path / "wide.png"
    Image.new("RGB", (2000, 500), "teal").save(picture)
    flowable = newsletter_blocks.photo(picture.read_bytes(), 150, 100, "wide", [])
    assert flowable.drawWidth == pytest.approx(150)
    assert flowable.drawWidth / flowable.drawHeight == pytest.approx(4)


def test_sections_left_out_are_not_printed(demo, tmp_path):
    services = Services(demo)
    edition = services.editions.get(2023).copy(sections_left_out=["publications", "directory", "calendar"])
    data = newsletter_data(services, 2023, edition)
    write_newsletter_pdf(data, tmp_path / "n.pdf", fonts=fonts_folder())
    text = flat(" ".join(pages_of(tmp_path / "n.pdf")))
    assert "Publications" not in text and "Directory of migration health focal points" not in text
    assert "Highlights of 2023" not in text and "Key figures 2023" in text


def test_an_edition_refuses_a_file_name_that_is_not_a_pdf(demo, tmp_path, capsys):
    assert main(["--database", demo.location, "export", "newsletter", "--year", "2023",
                 "-o", str(tmp_path / "n.docx")]) != 0
    assert "not a .pdf" in capsys.readouterr().err
    assert not (tmp_path / "n.docx").exists()


def test_page_one_and_a_project_page_rendered_to_png(demo, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed, so the pages cannot be rendered to PNG")
    out = tmp_path / "n.pdf"
    services = Services(demo)
    data = newsletter_data(services, 2023)
    write_newsletter_pdf(data, out, fonts=fonts_folder())
    pages = pages_of(out)
    code = data.contents.groups[0].rows[0].code
    project_page = next(i for i, text in enumerate(pages) if i > 2 and code in text) + 1
    ARTIFACTS.mkdir(exist_ok=True)
    for number, name in ((1, "newsletter-page-1"), (project_page, "newsletter-project-page")):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(number), "-l", str(number), "-singlefile",
                        str(out), str(ARTIFACTS / name)], check=True)
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 1000
