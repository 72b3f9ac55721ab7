"""The newsletter's charts as reportlab vector graphics: crisp at any zoom, and quick to build."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from ..services.dashboard import Tile
from .pdf_style import ACCENT, BOLD, FAMILY, HEADER_FILL, INK, MUTED, RULE

BAR_HEIGHT = 5.2 * mm
LABEL_WIDTH = 62 * mm
PREVIOUS = colors.HexColor("#9cb8d6")


def _short(label: str, limit: int = 44) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"


def count_chart(title: str, items: Sequence[tuple[str, int]], width: float) -> Drawing:
    """Horizontal bars of counts (projects by area or country), labelled with their values."""
    items = list(items) or [("(none)", 0)]
    height = len(items) * BAR_HEIGHT + 14 * mm
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 4 * mm, title, fontName=BOLD, fontSize=9, fillColor=ACCENT))
    chart = HorizontalBarChart()
    chart.x, chart.y = LABEL_WIDTH, 6 * mm
    chart.width, chart.height = width - LABEL_WIDTH - 10 * mm, len(items) * BAR_HEIGHT
    chart.data = [[value for _, value in reversed(items)]]
    chart.categoryAxis.categoryNames = [_short(label) for label, _ in reversed(items)]
    chart.categoryAxis.labels.fontName = FAMILY
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    top = max(value for _, value in items)
    chart.valueAxis.valueMax = max(top, 1) * 1.15
    chart.valueAxis.valueStep = max(1, round(top / 5)) if top else 1
    chart.valueAxis.labels.fontName = FAMILY
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = RULE
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FAMILY
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    drawing.add(chart)
    return drawing


def indicator_chart(title: str, tiles: Sequence[Tile], year: int, width: float) -> Drawing:
    """Each main indicator's total beside the year before; every row has its own scale (the totals range
    from dozens to hundreds of thousands), so the bars compare the two years, the figures say how much."""
    rows = [t for t in tiles if t.value is not None]
    row_height = 2 * BAR_HEIGHT + 1.5 * mm
    height = max(len(rows), 1) * row_height + 16 * mm
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 4 * mm, title, fontName=BOLD, fontSize=9, fillColor=ACCENT))
    legend_y = height - 9 * mm
    for offset, (colour, label) in enumerate(((ACCENT, str(year)), (PREVIOUS, str(year - 1)))):
        x = LABEL_WIDTH + offset * 22 * mm
        drawing.add(Rect(x, legend_y, 3 * mm, 3 * mm, fillColor=colour, strokeColor=None))
        drawing.add(String(x + 4.5 * mm, legend_y + 0.5 * mm, label, fontName=FAMILY, fontSize=7, fillColor=INK))
    bar_room = width - LABEL_WIDTH - 28 * mm
    y = legend_y - 3 * mm
    for tile in rows:
        y -= row_height
        scale = max(tile.value, tile.previous or Decimal(0)) or Decimal(1)
        drawing.add(String(LABEL_WIDTH - 3, y + BAR_HEIGHT, _short(tile.indicator), fontName=FAMILY, fontSize=7,
                           fillColor=INK, textAnchor="end"))
        for index, (value, colour) in enumerate(((tile.value, ACCENT), (tile.previous, PREVIOUS))):
            bar_y = y + (1 - index) * BAR_HEIGHT
            if value is None:
                drawing.add(String(LABEL_WIDTH + 2, bar_y + 1.3 * mm, "not reported", fontName=FAMILY,
                                   fontSize=6.5, fillColor=MUTED))
                continue
            length = float(value / scale) * bar_room
            drawing.add(Rect(LABEL_WIDTH, bar_y + 0.4 * mm, max(length, 0.5), BAR_HEIGHT - 0.8 * mm,
                             fillColor=colour, strokeColor=None))
            drawing.add(String(LABEL_WIDTH + length + 2, bar_y + 1.3 * mm, f"{value:,.0f}", fontName=FAMILY,
                               fontSize=6.5, fillColor=INK))
        drawing.add(Line(LABEL_WIDTH, y, LABEL_WIDTH + bar_room, y, strokeColor=HEADER_FILL, strokeWidth=0.4))
    return drawing
