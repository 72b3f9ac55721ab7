"""The parts of a newsletter page: cover, figure tiles, calendar, articles, project parts, photos, quotes."""

from __future__ import annotations

import io
from functools import cache
from itertools import groupby

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..services.editions import SpotlightData
from ..services.events import EventData
from ..services.project_records import PhotoData, ProjectData
from ..services.publications import PublicationData
from .markup import flowables, inline, plain
from .newsletter_data import NewsletterData, budget_text, project_budget, project_duration
from .pdf_style import (
    ACCENT,
    BAND_FILL,
    FAMILY,
    HEADER_FILL,
    INK,
    ITALIC,
    MARGIN,
    MUTED,
    RULE,
    contents_entry,
    styles,
)

FRAME_WIDTH = A4[0] - 2 * MARGIN
PHOTO_HEIGHT = 70 * mm
COVER_PHOTO_HEIGHT = 120 * mm
FACT_LABEL_WIDTH = 36 * mm


@cache
def newsletter_styles() -> dict[str, ParagraphStyle]:
    """The shared styles with the few the newsletter adds (cover, tiles, quotes), all on the shared ones."""
    base = styles()
    return {
        "body": ParagraphStyle("news_body", parent=base["body"], fontSize=9.5, leading=13, spaceAfter=2.5 * mm),
        "signature": ParagraphStyle("signature", parent=base["body"], fontName=ITALIC, spaceBefore=3 * mm),
        "cover_title": ParagraphStyle("cover_title", parent=base["title"], fontSize=30, leading=36,
                                      textColor=colors.white, spaceAfter=4 * mm),
        "cover_line": ParagraphStyle("cover_line", parent=base["subtitle"], fontSize=14, leading=18,
                                     textColor=colors.white),
        "project": ParagraphStyle("project", parent=base["heading"], fontSize=11.5, leading=14,
                                  spaceBefore=5 * mm),
        "fact_label": ParagraphStyle("fact_label", parent=base["cell_bold"], fontSize=8, leading=10),
        "fact": ParagraphStyle("fact", parent=base["cell"], fontSize=8, leading=10),
        "caption": ParagraphStyle("caption", parent=base["footnote"], fontName=ITALIC, spaceBefore=1 * mm,
                                  spaceAfter=3 * mm),
        "quote": ParagraphStyle("quote", parent=base["body"], fontName=ITALIC, fontSize=11, leading=15,
                                textColor=ACCENT, leftIndent=8 * mm, rightIndent=8 * mm, spaceBefore=3 * mm),
        "quote_by": ParagraphStyle("quote_by", parent=base["body"], leftIndent=8 * mm, textColor=MUTED,
                                   spaceAfter=4 * mm),
        "tile_value": ParagraphStyle("tile_value", parent=base["title"], fontSize=17, leading=20,
                                     alignment=TA_CENTER, spaceAfter=0),
        "tile_label": ParagraphStyle("tile_label", parent=base["cell"], alignment=TA_CENTER, textColor=MUTED),
        "group": ParagraphStyle("group", parent=base["heading"], keepWithNext=True),
        "month": ParagraphStyle("month", parent=base["heading"], fontSize=10.5, leading=13),
        "event": ParagraphStyle("event", parent=base["body"], leftIndent=4 * mm, spaceAfter=1.5 * mm),
    }


# ---- cover -----------------------------------------------------------------------------------------------

def cover_painter(data: NewsletterData):
    """`onPage` of the cover: a band of the accent colour behind the title; the texts are flowables."""
    def paint(canvas, _doc) -> None:
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, height - 110 * mm, width, 110 * mm, stroke=0, fill=1)
        canvas.setFillColor(HEADER_FILL)
        canvas.rect(0, 0, width, 14 * mm, stroke=0, fill=1)
        canvas.setFont(FAMILY, 8)
        canvas.setFillColor(INK)
        canvas.drawString(MARGIN, 6 * mm, data.edition.region_line or "")
        canvas.restoreState()
    return paint


def cover_story(data: NewsletterData) -> list:
    edition, look = data.edition, newsletter_styles()
    flow: list = [Spacer(1, 22 * mm), Paragraph(plain(edition.title), look["cover_title"])]
    if edition.subtitle:
        flow.append(Paragraph(plain(edition.subtitle), look["cover_line"]))
    flow.append(Paragraph(plain(str(edition.year)), look["cover_line"]))
    flow.append(Spacer(1, 42 * mm))
    if edition.cover_image:
        picture = photo(edition.cover_image, FRAME_WIDTH, COVER_PHOTO_HEIGHT, "The cover photo", data.notes)
        if picture is not None:
            flow.append(picture)
    return flow


# ---- photos ---------------------------------------------------------------------------------------------

def photo(data: bytes | None, max_width: float, max_height: float, name: str, notes: list[str]) -> Image | None:
    """The image scaled to fit the box with its own proportions; one that cannot be decoded is left out and
    named in `notes`."""
    if not data:
        return None
    from PIL import Image as Picture

    try:
        with Picture.open(io.BytesIO(data)) as picture:
            picture.load()
            width, height = picture.size
    except Exception as exc:  # noqa: BLE001 - any decoding failure of a stored image is a note, never a crash
        notes.append(f"{name} could not be decoded and is left out ({exc.__class__.__name__}).")
        return None
    scale = min(max_width / width, max_height / height)
    image = Image(io.BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image


def photo_story(item: PhotoData | SpotlightData, image: bytes | None, name: str, notes: list[str]) -> list:
    picture = photo(image, FRAME_WIDTH * 0.75, PHOTO_HEIGHT, name, notes)
    if picture is None:
        return []
    words = " ".join(p for p in (item.caption, item.credit) if p)
    caption = [Paragraph(plain(words), newsletter_styles()["caption"])] if words else []
    return [KeepTogether([Spacer(1, 2 * mm), picture, *caption])]


# ---- figures --------------------------------------------------------------------------------------------

def figures_story(data: NewsletterData) -> list:
    """Tiles: projects and countries, the budget (when every rate is known), then the main indicators."""
    look = newsletter_styles()
    rows = data.contents.rows
    tiles = [(f"{len(rows):,}", f"project{'s' if len(rows) != 1 else ''} in {len(data.countries):,} "
                                f"countr{'ies' if len(data.countries) != 1 else 'y'}")]
    if data.budget is not None:
        tiles.append((budget_text(data.budget.amount.quantize(1), data.budget.currency),
                      "budgets of these projects (health share where given)"))
    tiles += [(f"{tile.value:,.0f}", tile.indicator) for tile in data.tiles]
    cells = [[Paragraph(plain(value), look["tile_value"]), Paragraph(plain(label), look["tile_label"])]
             for value, label in tiles]
    columns = 3
    grid = [cells[i:i + columns] for i in range(0, len(cells), columns)]
    grid[-1] += [""] * (columns - len(grid[-1]))
    table = Table(grid, colWidths=[FRAME_WIDTH / columns] * columns)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), BAND_FILL),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 3, colors.white),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]))
    return [table, Spacer(1, 6 * mm)]


# ---- calendar, articles, publications, contact ----------------------------------------------------------

def calendar_story(events: list[EventData]) -> list:
    look = newsletter_styles()
    flow: list = []
    for month, items in groupby(events, key=lambda e: e.date.replace(day=1)):
        entries = [Paragraph(plain(f"{month:%B}"), look["month"])]
        for event in items:
            day = "" if event.date_precision == "month" else f"{event.date.day} {event.date:%B} · "
            where = ", ".join(p for p in (event.place, event.country) if p)
            who = f" · {event.participants:,} participants" if event.participants else ""
            text = f"<b>{plain(day + event.title)}</b>" + (f" — {plain(where)}" if where else "") + plain(who)
            entries.append(Paragraph(text, look["event"]))
            if event.description:
                entries += flowables(event.description, look["event"])
        flow.append(KeepTogether(entries[:2]))
        flow += entries[2:]
    return flow


def spotlight_story(article: SpotlightData, notes: list[str]) -> list:
    look = newsletter_styles()
    flow = [contents_heading(article.title, 1, styles()["heading"])]
    flow += flowables(article.body, look["body"])
    flow += photo_story(article, article.image, f"The photo of the spotlight \"{article.title}\"", notes)
    return flow


def publications_story(publications: list[PublicationData]) -> list:
    look = newsletter_styles()
    flow: list = []
    for item in publications:
        details = [item.publisher, item.place, str(item.year) if item.year else None,
                   f"{item.pages} pages" if item.pages else None, item.format, item.languages,
                   f"ISBN {item.isbn}" if item.isbn else None]
        text = f"<b>{plain(item.title)}</b><br/>{plain(', '.join(d for d in details if d))}"
        if item.link:
            text += "<br/>" + inline(item.link)
        flow.append(Paragraph(text, look["body"]))
    return flow


def contact_story(block: str) -> list:
    return flowables(block, newsletter_styles()["body"])


def contents_heading(label: str, level: int, style: ParagraphStyle) -> Paragraph:
    return contents_entry(Paragraph(plain(label), style), level, label)


# ---- projects -------------------------------------------------------------------------------------------

def fact_box(project: ProjectData, *, managing: bool = True) -> Table:
    """Donor, budget, duration, countries and managing mission, as one table (a table row never splits, and the
    caller keeps the box with its title)."""
    look = newsletter_styles()
    facts = [("Donor" if len(project.donors) <= 1 else "Donors", ", ".join(project.donors)),
             ("Budget", project_budget(project)),
             ("Duration", project_duration(project)),
             ("Countries" if len(project.countries) != 1 else "Country", ", ".join(project.countries))]
    if managing:
        facts.append(("Managing mission", project.managing_mission or ""))
    rows = [[Paragraph(plain(f"{label}:"), look["fact_label"]), Paragraph(plain(value), look["fact"])]
            for label, value in facts if value]
    table = Table(rows or [["", ""]], colWidths=[FACT_LABEL_WIDTH, FRAME_WIDTH - FACT_LABEL_WIDTH])
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), BAND_FILL),
        ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    table.fact_box_of = project.code  # found by the layout tests
    return table


def project_title(project: ProjectData, level: int = 2) -> Paragraph:
    label = f"{project.code} · {project.title}"
    paragraph = Paragraph(f"<font color=\"#5b6675\">{plain(project.code)}</font> · {plain(project.title)}",
                          newsletter_styles()["project"])
    return contents_entry(paragraph, level, label)


def project_story(project: ProjectData, year: int, notes: list[str]) -> list:
    """Title with code and the fact box together, then summary, the year's key achievements, a photo and a
    testimony as a pull quote."""
    look = newsletter_styles()
    flow: list = [KeepTogether([project_title(project), fact_box(project), Spacer(1, 2 * mm)])]
    flow += flowables(project.summary, look["body"])
    achievements = project.achievements.get(year, [])
    if achievements:
        flow.append(Paragraph(f"Key achievements in {year}", styles()["cell_bold"]))
        flow += flowables("\n".join(f"- {text}" for text in achievements), look["body"])
    shown = next((p for p in project.photos if p.image), None)
    if shown is not None:
        flow += photo_story(shown, shown.image, f"A photo of {project.code}", notes)
    if project.testimonies:
        testimony = project.testimonies[0]
        by = ", ".join(p for p in (testimony.author, testimony.place) if p)
        quote = [Paragraph(f"“{inline(testimony.quote)}”", look["quote"])]
        if by:
            quote.append(Paragraph(f"— {plain(by)}", look["quote_by"]))
        flow.append(KeepTogether(quote))
    return flow


def short_project_story(project: ProjectData, year: int) -> list:
    """A newly started project: title, fact box and the first paragraph of its summary."""
    look = newsletter_styles()
    summary = (project.summary or "").strip().split("\n\n")[0]
    return [KeepTogether([project_title(project, level=1), fact_box(project, managing=False), Spacer(1, 1.5 * mm)]),
            *flowables(summary, look["body"])]

