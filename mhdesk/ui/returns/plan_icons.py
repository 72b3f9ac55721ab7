"""Small drawn marks for an import plan: a dot per record action, a sign per problem severity."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

# (fill, outline): quiet colours that still tell the kinds apart at a glance
DOTS = {
    "add": ("#2da44e", None),
    "change": ("#2f6fb5", None),
    "unchanged": (None, "#a3aab5"),
    "remove": ("#8c959f", None),
}
SIGNS = {"error": "#d1242f", "warning": "#d4a72c"}
SIZE = 16


@cache
def status_icon(status: str) -> QIcon:
    """The mark of a record action ("add", ...), a problem severity ("error", "warning"), or "applied"."""
    pixmap = QPixmap(SIZE * 2, SIZE * 2)  # drawn at twice the size: crisp on high-density screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if status in SIGNS:
        _sign(painter, QColor(SIGNS[status]), dark_text=status == "warning")
    elif status == "applied":
        _check(painter, QColor(DOTS["add"][0]))
    elif status == "remove":
        _minus(painter, QColor(DOTS[status][0]))
    else:
        fill, outline = DOTS.get(status, (None, "#a3aab5"))
        _dot(painter, fill, outline)
    painter.end()
    return QIcon(pixmap)


def _dot(painter: QPainter, fill: str | None, outline: str | None) -> None:
    painter.setPen(QPen(QColor(outline), 1.4) if outline else Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill) if fill else Qt.BrushStyle.NoBrush)
    painter.drawEllipse(QRectF(4.5, 4.5, 7, 7))


def _minus(painter: QPainter, colour: QColor) -> None:
    painter.setPen(QPen(colour, 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(4.5, 8, 11.5, 8)


def _check(painter: QPainter, colour: QColor) -> None:
    painter.setPen(QPen(colour, 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.drawPolyline([QPointF(3.5, 8.5), QPointF(6.5, 11.5), QPointF(12.5, 4.5)])


def _sign(painter: QPainter, colour: QColor, *, dark_text: bool) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(QRectF(1.5, 1.5, 13, 13))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(11)
    painter.setFont(font)
    painter.setPen(QColor("#3d2e00") if dark_text else QColor("white"))
    painter.drawText(QRectF(1.5, 1.5, 13, 13), Qt.AlignmentFlag.AlignCenter, "!")
