"""A key-figure tile: a main indicator's regional total for the year and its change from the year before."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ...core.indicators.exact import shown
from ...core.services.dashboard import Tile as TileFigures

UP, DOWN = "#1a7f37", "#b42318"


class Tile(QFrame):
    clicked = Signal(str)  # the indicator code: chart it

    def __init__(self, figures: TileFigures, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.figures = figures
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.name_label = QLabel(figures.indicator, self)
        self.name_label.setWordWrap(True)
        self.value_label = QLabel(shown(figures.value) or "–", self)
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value_label.setFont(font)
        self.change_label = QLabel(self.change_text(year), self)
        self.change_label.setWordWrap(True)  # six tiles a row must fit a laptop's width
        change = figures.change
        if change:
            self.change_label.setStyleSheet(f"color: {UP if change > 0 else DOWN};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        for label in (self.name_label, self.value_label, self.change_label):
            layout.addWidget(label)
        self.setToolTip(f"{figures.indicator} ({figures.unit}), regional total {year}; click to chart it")
        self.setAccessibleName(f"{figures.indicator}: {self.value_label.text()}, {self.change_label.text()}")

    def change_text(self, year: int) -> str:
        change = self.figures.change
        if self.figures.value is None:
            return f"no figures for {year}"
        if change is None:
            return f"no {year - 1} figure to compare"
        arrow = "▲" if change > 0 else "▼" if change < 0 else "="
        return f"{arrow} {change:+}% on {year - 1} ({shown(self.figures.previous)})"

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.figures.indicator_code)
