"""The newsletter / annual report of a year as an A4 PDF, in the shared printout style.

Cover, contents with page numbers, welcome, key figures, charts, the calendar of the year's events,
spotlight articles, a page part per project (its fact box never split), the newly started projects in
short form, publications, the focal-point directory and the contact block; the edition leaves out the
sections it does not want. User texts go through `markup` (a small safe markup, the rest literal).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, Paragraph, Spacer

from ..services.editions import SECTIONS
from . import directory_pdf
from .markup import flowables, plain
from .newsletter_blocks import (
    FRAME_WIDTH,
    calendar_story,
    contact_story,
    cover_painter,
    cover_story,
    figures_story,
    newsletter_styles,
    project_story,
    publications_story,
    short_project_story,
    spotlight_story,
)
from .newsletter_charts import count_chart, indicator_chart
from .newsletter_data import NewsletterData
from .pdf_style import build_document, contents_entry, register_fonts, styles, table_of_contents

Step = Callable[[int, int, str], None]  # done, total, what; whatever it raises stops the build


def write_newsletter_pdf(data: NewsletterData, path: str | os.PathLike, *, fonts: str | os.PathLike,
                         progress: Step | None = None) -> Path:
    """Write the edition to `path` (whole or not at all); returns the path. `data.notes` gains the warnings of
    the layout (an image that cannot be decoded is left out and named there)."""
    register_fonts(fonts)
    report = progress or (lambda done, total, text: None)
    flow = newsletter_story(data, report)
    passes = {"count": 0}

    def on_layout(kind: str, value: int) -> None:
        if kind == "STARTED":
            passes["count"] += 1
            report(0, 0, f"Laying out the pages (pass {passes['count']})…")
        elif kind == "PAGE":
            report(0, 0, f"Laying out page {value} (pass {passes['count']})…")

    edition = data.edition
    header = " · ".join(p for p in (edition.region_line, str(edition.year)) if p)
    return build_document(path, edition.title, flow, header_right=header, cover=cover_painter(data),
                          toc=data.edition.includes("contents"), on_progress=on_layout)


def newsletter_story(data: NewsletterData, report: Step) -> list:
    """The flowables of the whole edition, in order."""
    edition = data.edition
    sections = [key for key in SECTIONS if edition.includes(key)]
    total = len(sections) + len(data.contents.rows)
    done = 0
    flow = cover_story(data)
    flow.append(NextPageTemplate("page"))
    flow.append(PageBreak())
    heading = styles()["title"]

    def section_heading(key: str, label: str | None = None) -> Paragraph:
        return contents_entry(Paragraph(plain(label or SECTIONS[key]), heading), 0)

    for key in sections:
        report(done, total, f"Preparing {SECTIONS[key].lower()}…")
        done += 1
        if key == "contents":
            flow += [Paragraph("Contents", heading), table_of_contents(), PageBreak()]
        elif key == "foreword" and edition.welcome_text:
            flow += [section_heading(key), *flowables(edition.welcome_text, newsletter_styles()["body"])]
            if edition.signature:
                flow.append(Paragraph(plain(edition.signature), newsletter_styles()["signature"]))
            flow.append(PageBreak())
        elif key == "key_figures":
            flow += [section_heading(key, f"Key figures {edition.year}"), *figures_story(data)]
        elif key == "charts":
            flow += [CondPageBreak(90 * mm), section_heading(key), *charts_story(data), PageBreak()]
        elif key == "calendar" and data.events:
            flow += [section_heading(key, f"Highlights of {edition.year}"), *calendar_story(data.events),
                     PageBreak()]
        elif key == "spotlights" and edition.spotlights:
            flow.append(section_heading(key))
            for article in edition.spotlights:
                flow += spotlight_story(article, data.notes)
            flow.append(PageBreak())
        elif key == "projects" and data.contents.groups:
            flow.append(section_heading(key, f"Projects in {edition.year}"))
            for group in data.contents.groups:
                flow.append(contents_entry(Paragraph(plain(group.heading), newsletter_styles()["group"]), 1))
                for row in group.rows:
                    report(done, total, f"Preparing {row.code}…")
                    done += 1
                    flow += project_story(data.projects[row.code], edition.year, data.notes)
            flow.append(PageBreak())
        elif key == "new_projects" and data.contents.new_projects:
            flow.append(section_heading(key, f"Projects started in {edition.year}"))
            for row in data.contents.new_projects:
                done += 1
                flow += short_project_story(data.projects[row.code], edition.year)
            flow.append(PageBreak())
        elif key == "publications" and data.publications:
            flow += [section_heading(key), *publications_story(data.publications), PageBreak()]
        elif key == "directory" and data.directory is not None and data.directory.people_count():
            part = directory_pdf.story(data.directory, contacts=False, page_width=FRAME_WIDTH)
            contents_entry(part[0], 0)
            flow += [*part, PageBreak()]
        elif key == "contact" and edition.contact_block:
            flow += [section_heading(key), *contact_story(edition.contact_block)]
    while flow and isinstance(flow[-1], PageBreak):
        flow.pop()  # no blank last page
    return flow


def charts_story(data: NewsletterData) -> list:
    """Projects by programme area, thematic area and country; the main indicators beside the year before."""
    flow: list = []
    areas = [(g.label, g.count) for g in data.by_programme_area]
    if areas:
        flow += [count_chart("Projects by programme area", areas, FRAME_WIDTH), Spacer(1, 4 * mm)]
    themes = [(g.label, g.count) for g in data.by_thematic_area]
    if themes:
        flow += [count_chart("Projects by thematic area", themes, FRAME_WIDTH), Spacer(1, 4 * mm)]
    if data.by_country:
        flow += [count_chart("Projects by country", data.by_country, FRAME_WIDTH), Spacer(1, 4 * mm)]
    if data.tiles:
        flow.append(KeepTogether([indicator_chart("Main indicators, regional totals", data.tiles, data.year,
                                                  FRAME_WIDTH)]))
    return flow
