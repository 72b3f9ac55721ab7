"""The indicator report of a year as a PDF (A4 landscape): regional totals beside the year before, a bar chart
of each indicator by country, the countries x indicators grid, the breakdowns and the findings.

The charts are reportlab drawings, vector graphics in the PDF (they stay sharp when zoomed and their
labels are text), not pictures.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Table

from ..indicators.exact import shown
from .indicator_report import IndicatorReport
from .pdf_style import ACCENT, FAMILY, HEADER_FILL, INK, MUTED, build_document, data_table, register_fonts, styles, text

CHART_WIDTH, BAR_HEIGHT = 120 * mm, 4.2 * mm
MAX_BARS = 12  # the largest countries; the rest are in the grid


def write_indicators_pdf(report: IndicatorReport, path: str | os.PathLike, *, fonts: str | os.PathLike) -> Path:
    register_fonts(fonts)
    story = [Paragraph(report.title, styles()["title"]),
             Paragraph(f"Regional totals by each indicator's rules, {report.year} beside {report.year - 1}",
                       styles()["subtitle"]),
             _totals_table(report), Paragraph("Each indicator by country", styles()["heading"])]
    charts = [_chart(report, indicator) for indicator in report.grid.indicators]
    charts = [c for c in charts if c is not None]
    for pair in range(0, len(charts), 2):
        story.append(Table([charts[pair:pair + 2]], colWidths=[CHART_WIDTH + 8 * mm] * 2, hAlign="LEFT",
                           style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm)]))
    story.append(KeepTogether([Paragraph("Figures by country", styles()["heading"]), *_grid_table(report)]))
    if report.breakdowns:
        story += [Paragraph("Breakdowns by sex, age group and project", styles()["heading"]),
                  _breakdown_table(report)]
    story += [Paragraph("Findings", styles()["heading"]), _findings_table(report)]
    return build_document(path, report.title, story, landscape=True)


def _totals_table(report: IndicatorReport) -> Table:
    year = report.year
    rows = [[text(h, "header_cell") for h in ("Indicator", "Unit", str(year), str(year - 1), "Change",
                                               "Countries reporting")]]
    for indicator in report.grid.indicators:
        totals = report.grid.totals[indicator.code]
        change = totals.change
        rows.append([text(indicator.name), text(indicator.unit), shown(totals.total.value),
                     shown(totals.previous.value), "" if change is None else f"{change:+}%",
                     str(totals.total.countries_reporting)])
    return data_table(rows, col_widths=[95 * mm, 35 * mm, 28 * mm, 28 * mm, 22 * mm, 30 * mm],
                      extra_style=[("ALIGN", (2, 1), (-1, -1), "RIGHT")])


def _chart(report: IndicatorReport, indicator) -> Drawing | None:
    figures = sorted(((cell.value, country) for (code, country), cell in report.grid.cells.items()
                      if code == indicator.code and cell.value is not None), reverse=True)[:MAX_BARS]
    if not figures:
        return None
    figures.reverse()  # the chart draws its first bar at the bottom
    height = len(figures) * BAR_HEIGHT + 14 * mm
    drawing = Drawing(CHART_WIDTH, height)
    drawing.add(String(0, height - 4 * mm, indicator.name, fontName=FAMILY, fontSize=8, fillColor=INK))
    chart = HorizontalBarChart()
    chart.x, chart.y = 38 * mm, 6 * mm
    chart.width, chart.height = CHART_WIDTH - 40 * mm, len(figures) * BAR_HEIGHT
    chart.data = [[float(value) for value, _ in figures]]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.categoryAxis.categoryNames = [country for _, country in figures]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FAMILY, 6.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FAMILY, 6
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.labelTextFormat = lambda v: shown(Decimal(str(v)).normalize())
    chart.barLabels.fontName, chart.barLabels.fontSize = FAMILY, 6
    chart.barLabelFormat = lambda v: shown(Decimal(str(v)).normalize())
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    drawing.add(chart)
    return drawing


def _grid_table(report: IndicatorReport) -> list:
    grid = report.grid
    header = [text("Country", "header_cell")] + [text(i.name, "cell_small") for i in grid.indicators]
    rows = [header]
    for country in grid.countries:
        cells = [grid.cell(i.code, country) for i in grid.indicators]
        if all(c.value is None for c in cells):
            continue
        rows.append([text(country)] + [shown(c.value) + ("*" if c.has_parts else "") for c in cells])
    rows.append([text("Regional total", "cell_bold")] + [shown(grid.totals[i.code].total.value)
                                                         for i in grid.indicators])
    width = (273 * mm - 36 * mm) / max(len(grid.indicators), 1)
    table = data_table(rows, col_widths=[36 * mm] + [width] * len(grid.indicators),
                       extra_style=[("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                                    ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), HEADER_FILL)])
    return [table, Paragraph("* given by sex and/or age group (see the breakdowns)", styles()["footnote"])]


def _breakdown_table(report: IndicatorReport) -> Table:
    rows = [[text(h, "header_cell") for h in ("Indicator", "Country", "Project", "Sex", "Age group", "Value")]]
    rows += [[text(v.indicator), text(v.country), text(v.project_code), text(v.sex), text(v.age_group),
              shown(v.value)] for v in report.breakdowns]
    return data_table(rows, col_widths=[90 * mm, 50 * mm, 25 * mm, 25 * mm, 25 * mm, 28 * mm],
                      extra_style=[("ALIGN", (5, 1), (5, -1), "RIGHT")])


def _findings_table(report: IndicatorReport):
    if not report.grid.findings:
        return Paragraph("No finding: the figures pass every check.", styles()["body"])
    rows = [[text(h, "header_cell") for h in ("", "Indicator", "Country", "Finding")]]
    rows += [[text(f.severity), text(f.indicator), text(f.country), text(f.message)] for f in report.grid.findings]
    return data_table(rows, col_widths=[16 * mm, 70 * mm, 40 * mm, 147 * mm])
