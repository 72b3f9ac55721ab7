"""The printed directory of a year (A4 landscape): the regional roles in a band, then the country grid.

One row per country in the reader's alphabet, a head-of-mission column and one column per programme area,
several people per cell. The header rows repeat on every page and a country's row is never split (a table
row is laid out whole). Countries printed with a footnote (Kosovo's) carry its number.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..directory_roles import HEAD_COLUMN
from ..services.directory import HEAD, DirectoryGrid, DirectoryRow
from .pdf_style import BAND_FILL, build_document, data_table, register_fonts, styles, text

TITLE = "Directory of migration health focal points"
COUNTRY_WIDTH = 38 * mm
HEAD_WIDTH = 52 * mm


def directory_title(year: int) -> str:
    return f"{TITLE} {year}"


def person_cell(roles: list[DirectoryRow], *, contacts: bool, show_role: bool = False) -> list[Paragraph]:
    """Each person of a cell: the printed name in bold (with the role for a head of mission), then contacts."""
    parts: list[Paragraph] = []
    for role in roles:
        name = escape(role.printed_name)
        label = f"<b>{name}</b>" + (f", {escape(role.role_text)}" if show_role else "")
        parts.append(Paragraph(label, styles()["cell"]))
        if contacts:
            details = [d for d in (role.email, role.phone) if d]
            if details:
                parts.append(Paragraph(escape(" · ".join(details)), styles()["cell_small"]))
    return parts


def _country_cell(country: str, marker: int | None) -> Paragraph:
    mark = f"<super>{marker}</super>" if marker else ""
    return Paragraph(f"<b>{escape(country)}</b>{mark}", styles()["cell"])


LANDSCAPE_WIDTH = 297 * mm - 24 * mm


def story(grid: DirectoryGrid, *, contacts: bool = True, page_width: float = LANDSCAPE_WIDTH) -> list:
    """The flowables of the printout, for a document of its own or inside a larger publication (whose frame is
    `page_width` wide: the country and head columns shrink with it)."""
    scale = min(1.0, page_width / LANDSCAPE_WIDTH)
    country_width, head_width = COUNTRY_WIDTH * scale, HEAD_WIDTH * scale
    area_width = (page_width - country_width - head_width) / max(len(grid.areas), 1)
    flow: list = [Paragraph(escape(TITLE), styles()["title"]),
                  Paragraph(f"{grid.year} · {grid.people_count()} roles", styles()["subtitle"])]
    if grid.regional:
        band = [[text("Regional roles", "cell_bold"), text("", "cell")]]
        band += [[text(role.role_text, "cell"), person_cell([role], contacts=contacts)] for role in grid.regional]
        flow += [data_table(band, header_rows=0, col_widths=[country_width + head_width, page_width - country_width
                                                            - head_width],
                            extra_style=[("BACKGROUND", (0, 0), (-1, -1), BAND_FILL),
                                         ("SPAN", (0, 0), (-1, 0))]),
                 Spacer(1, 4 * mm)]
    header = [text("Country", "header_cell"), text(HEAD_COLUMN, "header_cell")]
    header += [Paragraph(f"{escape(h)}<br/><font size=6.5>{escape(name)}</font>", styles()["header_cell"])
               for h, name in grid.areas]
    markers: dict[str, int] = {}
    body = []
    for row in grid.rows:
        if row.footnote:
            markers[row.country] = len(markers) + 1
        cells = [_country_cell(row.country, markers.get(row.country)),
                 person_cell(row.cells.get(HEAD, []), contacts=contacts, show_role=True)]
        cells += [person_cell(row.cells.get(h, []), contacts=contacts) for h, _ in grid.areas]
        body.append(cells)
    flow.append(data_table([header, *body], header_rows=1,
                           col_widths=[country_width, head_width] + [area_width] * len(grid.areas)))
    if markers:
        flow.append(Spacer(1, 3 * mm))
        flow += [Paragraph(f"<super>{number}</super> {escape(footnote)}", styles()["footnote"])
                 for number, (_, footnote) in enumerate(grid.footnotes(), start=1)]
    return flow


def write_directory_pdf(grid: DirectoryGrid, path: str | os.PathLike, *, fonts: str | os.PathLike,
                        contacts: bool = True, printed_on: date | None = None) -> Path:
    """Write the year's directory to `path`; `fonts` is the folder of the embedded font family."""
    register_fonts(fonts)
    return build_document(path, directory_title(grid.year), story(grid, contacts=contacts), landscape=True,
                          printed_on=printed_on)
