"""The one look of every printout: an embedded Unicode font family, paragraph styles, pages and tables.

    register_fonts(folder)                   once per process; the folder holds the DejaVu Sans TTFs
    styles()                                 the paragraph styles by name (title, subtitle, body, cell, ...)
    data_table(rows, header_rows=1, ...)     a table whose header rows repeat on every page
    build_document(path, title, story, ...)  A4 (or A4 landscape) with the title and date in the header and
                                             "page N of M" in the footer, written whole or not at all
    contents_entry(flowable, level)          marks a heading for the table of contents and the PDF outline
    build_document(..., cover=paint, toc=True)  a bare cover page first; a `table_of_contents()` in the
                                             story lists the marked headings with their page numbers

Embedding the font makes names such as Ș, Ć, ğ, İ, ü and Cyrillic print (and read back) as the same
characters; the built-in PDF fonts know only Latin-1.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as landscape_of
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from ..files import atomic_output

FAMILY = "DejaVuSans"
FONT_FILES = {
    FAMILY: "DejaVuSans.ttf",
    f"{FAMILY}-Bold": "DejaVuSans-Bold.ttf",
    f"{FAMILY}-Oblique": "DejaVuSans-Oblique.ttf",
    f"{FAMILY}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Oblique"

INK = colors.HexColor("#1f2a37")
MUTED = colors.HexColor("#5b6675")
ACCENT = colors.HexColor("#0b4f8a")
HEADER_FILL = colors.HexColor("#dce8f4")
BAND_FILL = colors.HexColor("#f2f5f8")
RULE = colors.HexColor("#9aa8b8")
MARGIN = 12 * mm


class FontsMissing(OSError):
    pass


def register_fonts(folder: str | os.PathLike) -> str:
    """Register the font family from `folder` (once; later calls do nothing) and return its name."""
    if FAMILY in pdfmetrics.getRegisteredFontNames():
        return FAMILY
    folder = Path(folder)
    missing = [name for name in FONT_FILES.values() if not (folder / name).is_file()]
    if missing:
        raise FontsMissing(f"The fonts for printing are missing from {folder}: {', '.join(missing)}.")
    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    # ties <b> and <i> in paragraphs to the embedded faces
    pdfmetrics.registerFontFamily(FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC,
                                  boldItalic=f"{FAMILY}-BoldOblique")
    return FAMILY


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles every printout shares, by name."""
    body = ParagraphStyle("body", fontName=FAMILY, fontSize=9, leading=11.5, textColor=INK)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=18, leading=22, textColor=ACCENT,
                                spaceAfter=2 * mm),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=11, leading=14, textColor=MUTED,
                                   spaceAfter=4 * mm),
        "heading": ParagraphStyle("heading", parent=body, fontName=BOLD, fontSize=12, leading=15, textColor=ACCENT,
                                  spaceBefore=4 * mm, spaceAfter=2 * mm),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=BOLD, fontSize=7.5, leading=9),
        "cell_small": ParagraphStyle("cell_small", parent=body, fontSize=6.5, leading=7.8, textColor=MUTED),
        "header_cell": ParagraphStyle("header_cell", parent=body, fontName=BOLD, fontSize=7.5, leading=9,
                                      alignment=TA_CENTER),
        "footnote": ParagraphStyle("footnote", parent=body, fontSize=7, leading=9, textColor=MUTED),
        "page": ParagraphStyle("page", parent=body, fontSize=7, leading=9, textColor=MUTED, alignment=TA_RIGHT),
    }


def text(value: str | None, style: str = "cell") -> Paragraph:
    """Plain text as a paragraph: markup characters in names (`&`, `<`) print as themselves."""
    return Paragraph(escape(value or ""), styles()[style])


def data_table(rows: Sequence[Sequence], header_rows: int = 1, col_widths: Sequence[float] | None = None,
               extra_style: Sequence[tuple] = ()) -> Table:
    """A table in the common style; its first `header_rows` rows repeat at the top of every page."""
    table = Table(list(rows), colWidths=col_widths, repeatRows=header_rows)
    commands = [
        ("FONT", (0, 0), (-1, -1), FAMILY, 7.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands += [("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
                     ("FONT", (0, 0), (-1, header_rows - 1), BOLD, 7.5)]
    table.setStyle(TableStyle(commands + list(extra_style)))
    return table


class _NumberedCanvas(Canvas):
    """Holds each page back until the end, so that every footer can say how many pages there are."""

    bare_first_page = False  # a cover carries no page number

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if not (self.bare_first_page and self._pageNumber == 1):
                self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width = self._pagesize[0]
        self.setFont(FAMILY, 7)
        self.setFillColor(MUTED)
        self.drawRightString(width - MARGIN, 7 * mm, f"page {self._pageNumber} of {total}")


class DocTemplate(BaseDocTemplate):
    """A4 pages with a running header (title, date) and footer; the page count is drawn by the canvas."""

    def __init__(self, filename, title: str, *, landscape: bool = False, printed_on: date | None = None,
                 footer: str | None = None, header_right: str | None = None, cover=None, **kwargs):
        size = landscape_of(A4) if landscape else A4
        super().__init__(filename, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 5 * mm,
                         bottomMargin=MARGIN + 2 * mm, title=title, author="mhdesk", **kwargs)
        self.heading = title
        self.printed_on = printed_on or date.today()
        self.footer = footer
        self.header_right = header_right
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [PageTemplate(id="page", frames=[frame], onPage=self._decorate)]
        if cover is not None:  # the first template is the first page's; a NextPageTemplate("page") leaves it
            cover_frame = Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN, id="cover",
                                leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            templates.insert(0, PageTemplate(id="cover", frames=[cover_frame], onPage=cover))
        self.addPageTemplates(templates)

    def afterFlowable(self, flowable) -> None:  # noqa: N802 (reportlab's name)
        """A heading marked by `contents_entry` goes into the table of contents and the PDF outline."""
        entry = getattr(flowable, CONTENTS_ENTRY, None)
        if entry is None:
            return
        level, label = entry
        key = f"section-{self.seq.nextf('contents')}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(label, key, level=level, closed=level > 0)
        if level < CONTENTS_LEVELS:
            self.notify("TOCEntry", (level, escape(label), self.page, key))

    def _decorate(self, canvas: Canvas, doc) -> None:
        width, height = self.pagesize
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, height - MARGIN, width - MARGIN, height - MARGIN)
        canvas.setFont(FAMILY, 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, height - MARGIN + 2 * mm, self.heading)
        canvas.drawRightString(width - MARGIN, height - MARGIN + 2 * mm,
                               self.header_right or f"Printed {self.printed_on.isoformat()}")
        canvas.line(MARGIN, 10 * mm, width - MARGIN, 10 * mm)
        if self.footer:
            canvas.drawString(MARGIN, 7 * mm, self.footer)
        canvas.restoreState()


CONTENTS_ENTRY = "contents_entry"  # attribute of a flowable: (level, label) for the table of contents
CONTENTS_LEVELS = 2  # deeper headings go into the PDF outline only


def contents_entry(flowable: Flowable, level: int = 0, label: str | None = None) -> Flowable:
    """Mark a heading for the table of contents and the outline; `label` is plain text (the paragraph's own
    text by default)."""
    setattr(flowable, CONTENTS_ENTRY, (level, label if label is not None else flowable.getPlainText()))
    return flowable


def table_of_contents() -> TableOfContents:
    """The table of contents: the marked headings with their page numbers (filled by a second pass)."""
    contents = TableOfContents(dotsMinLevel=0)
    body = styles()["body"]
    contents.levelStyles = [
        ParagraphStyle("contents0", parent=body, fontName=BOLD, fontSize=10, leading=14, leftIndent=0,
                       firstLineIndent=0, spaceBefore=3),
        ParagraphStyle("contents1", parent=body, fontSize=8.5, leading=11, leftIndent=8 * mm, firstLineIndent=0),
        ParagraphStyle("contents2", parent=body, fontSize=8, leading=10, leftIndent=14 * mm, firstLineIndent=0,
                       textColor=MUTED),
    ]
    return contents


class _CoverNumberedCanvas(_NumberedCanvas):
    bare_first_page = True


def build_document(path: str | os.PathLike, title: str, story: list, *, landscape: bool = False,
                   printed_on: date | None = None, footer: str | None = None, header_right: str | None = None,
                   cover=None, toc: bool = False, on_progress=None) -> Path:
    """Lay `story` out on pages and write the PDF in one step (a failure leaves no half-written file).

    `cover(canvas, doc)` paints a first page without header or footer (the story then starts with its own
    flowables and a `NextPageTemplate("page")`); with `toc` the story is laid out until the table of
    contents it holds has settled (reportlab's multiBuild). `on_progress(kind, value)` is reportlab's progress
    callback; whatever it raises stops the build and no file is written."""
    with atomic_output(path) as temporary:
        document = DocTemplate(str(temporary), title, landscape=landscape, printed_on=printed_on, footer=footer,
                               header_right=header_right, cover=cover)
        canvas = _CoverNumberedCanvas if cover is not None else _NumberedCanvas
        if on_progress is not None:
            document.setProgressCallBack(on_progress)
        if toc:
            document.multiBuild(story, canvasmaker=canvas)
        else:
            document.build(story, canvasmaker=canvas)
    return Path(path)
