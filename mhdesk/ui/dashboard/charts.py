"""The Dashboard's charts, drawn with pyqtgraph (imported with this module, so only once the Dashboard shows).

A chart keeps what it draws as plain data (`bars`, `points`), so that tests read the chart as a person
reads it, not its pixels. A click on a bar says which record group it counts (`bar_clicked` with the
bar, whose key names the records); each chart saves itself as PNG or SVG and copies itself to the clipboard as an image.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape
from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...core.indicators.exact import shown

BAR_COLOUR = "#2563eb"
LINE_COLOUR = "#0f766e"
BAR_THICKNESS = 0.7
LABEL_LENGTH = 34  # longer labels are cut on the axis; the tooltip gives them whole
TITLE_LINES = 2  # a longer title is cut at the end of its second line
TITLE_MARGIN = 12  # pixels kept free on each side of a title

pg.setConfigOptions(antialias=True, background="w", foreground="#374151")


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    key: object  # what the bar counts, handed to whoever opens its records


class Chart(QWidget):
    """A titled pyqtgraph plot that can be saved and copied."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(self)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot_item = self.plot.getPlotItem()
        self._title_lines: list[str] = []
        self.set_title(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def set_title(self, title: str) -> None:
        self.title = title
        self._fit_title()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_title()

    def _fit_title(self) -> None:
        """pyqtgraph keeps a title on one line as wide as its text, which widens the plot beyond a narrow chart
        and cuts off its right side, bars and axis included: the title is wrapped to the room above the plot."""
        label = self.plot_item.titleLabel
        font = QFont(label.item.font())
        font.setPointSizeF(float(str(label.opts.get("size", "11pt")).removesuffix("pt")))
        metrics = QFontMetrics(font)
        # the chart's own width: in its resizeEvent, the plot inside has not been resized yet
        room = max(self.width() - self.plot_item.getAxis("left").width() - 2 * TITLE_MARGIN, 80)
        lines = wrapped(self.title, metrics, room, TITLE_LINES)
        if lines == self._title_lines:
            return
        self._title_lines = lines
        self.plot_item.setTitle("<br>".join(escape(line) for line in lines))
        height = metrics.lineSpacing() * len(lines) + TITLE_MARGIN
        label.setMaximumHeight(height)
        self.plot_item.layout.setRowFixedHeight(0, height)
        # The plot was fitted to the view while the older, wider title held it wide: fit it again once the
        # new title's size has reached the layout.
        QTimer.singleShot(0, self, self._fill_view)

    def _fill_view(self) -> None:
        self.plot_item.setGeometry(QRectF(0, 0, self.plot.width(), self.plot.height()))

    @property
    def title_lines(self) -> list[str]:
        """The title as drawn, one line each."""
        return list(self._title_lines)

    def save(self, path: str | Path) -> Path:
        """As PNG or SVG, by the file's suffix."""
        path = Path(path)
        if path.suffix.lower() == ".svg":
            self._save_svg(path)
        elif path.suffix.lower() == ".png":
            exporter = ImageExporter(self.plot_item)
            exporter.parameters()["width"] = max(int(self.plot_item.width()), 800)
            exporter.export(str(path))
        else:
            raise ValueError(f"{path.name} is neither a .png nor an .svg file name")
        return path

    def _save_svg(self, path: Path) -> None:
        # pyqtgraph's SVGExporter cannot read the path data of the Qt 6 SVG writer; Qt's own generator, fed by
        # the plot's own painting, gives the same vector drawing.
        size = self.plot.size()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(size)
        generator.setViewBox(QRect(0, 0, size.width(), size.height()))
        generator.setTitle(self.title)
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(f"{path} could not be written")
        try:
            self.plot.render(painter)
        finally:
            painter.end()

    def copy(self) -> None:
        QGuiApplication.clipboard().setPixmap(self.plot.grab())


class BarChart(Chart):
    """Horizontal bars, one per label, the first at the top; clicking a bar emits its key."""

    bar_clicked = Signal(object)  # the Bar: its label names it, its key says what it counts

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.bars: list[Bar] = []
        self._item: pg.BarGraphItem | None = None
        self.plot_item.showGrid(x=True, alpha=0.2)
        self.plot.scene().sigMouseClicked.connect(self._scene_clicked)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = list(bars)
        if self._item is not None:
            self.plot_item.removeItem(self._item)
            self._item = None
        count = len(self.bars)
        if count:
            self._item = pg.BarGraphItem(x0=0, y=[self._row(i) for i in range(count)], height=BAR_THICKNESS,
                                         width=[float(b.value) for b in self.bars], brush=BAR_COLOUR, pen=None)
            self.plot_item.addItem(self._item)
        ticks = [(self._row(i), self._short(b.label)) for i, b in enumerate(self.bars)]
        axis = self.plot_item.getAxis("left")
        axis.setTicks([ticks])
        # The axis does not widen for its own labels when they are text: room for the longest, set by hand.
        metrics = QFontMetrics(axis.font() if hasattr(axis, "font") else self.font())
        axis.setWidth(max((metrics.horizontalAdvance(text) for _, text in ticks), default=20) + 16)
        self.plot_item.setYRange(-0.6, max(count, 1) - 0.4, padding=0)
        self.plot_item.setXRange(0, max((float(b.value) for b in self.bars), default=1) or 1, padding=0.05)
        self.plot.setToolTip("\n".join(f"{b.label}: {shown(b.value)}" for b in self.bars))
        self._fit_title()  # the axis took its labels' width from the title's room

    def _row(self, i: int) -> int:
        return len(self.bars) - 1 - i  # the first bar at the top

    @staticmethod
    def _short(label: str) -> str:
        return label if len(label) <= LABEL_LENGTH else label[:LABEL_LENGTH - 1] + "…"

    def bar_at(self, view_point: QPointF) -> int | None:
        """The bar under a point in the plot's coordinates, or None."""
        row = round(view_point.y())
        i = len(self.bars) - 1 - row
        if not 0 <= i < len(self.bars) or abs(view_point.y() - row) > BAR_THICKNESS / 2:
            return None
        return i if 0 <= view_point.x() <= float(self.bars[i].value) else None

    def bar_centre(self, i: int) -> QPointF:
        """Where bar `i` is, in the plot's viewport pixels (what a click there hits)."""
        scene = self.plot_item.vb.mapViewToScene(QPointF(float(self.bars[i].value) / 2, self._row(i)))
        return self.plot.mapFromScene(scene)

    def _scene_clicked(self, event) -> None:
        i = self.bar_at(self.plot_item.vb.mapSceneToView(event.scenePos()))
        if i is not None:
            self.click_bar(i)

    def click_bar(self, i: int) -> None:
        self.bar_clicked.emit(self.bars[i])


class LineChart(Chart):
    """One value per year, joined by a line; a year without figures is a gap, not a 0."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.points: list[tuple[int, Decimal | None]] = []
        self.plot_item.showGrid(y=True, alpha=0.2)

    def set_points(self, points: list[tuple[int, Decimal | None]]) -> None:
        self.points = list(points)
        self.plot_item.clear()
        years = [year for year, _ in self.points]
        values = [float("nan") if value is None else float(value) for _, value in self.points]
        if any(value is not None for _, value in self.points):
            self.plot_item.plot(years, values, pen=pg.mkPen(LINE_COLOUR, width=2), symbol="o", symbolSize=7,
                                symbolBrush=LINE_COLOUR, connect="finite")
        self.plot_item.getAxis("bottom").setTicks([[(year, str(year)) for year in years]])
        self.plot.setToolTip("\n".join(f"{year}: {shown(value) or 'no figures'}" for year, value in self.points))


def wrapped(text: str, metrics: QFontMetrics, room: int, most: int) -> list[str]:
    """`text` in lines no wider than `room`, broken between words; at most `most` lines, the last cut with '…'."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        longer = f"{line} {word}" if line else word
        if line and metrics.horizontalAdvance(longer) > room:
            lines.append(line)
            line = word
        else:
            line = longer
    lines.append(line)
    if len(lines) > most:
        lines[most - 1:] = [" ".join(lines[most - 1:])]
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in lines]
