"""The key to the wires' colours, in the graph view's bottom-left corner.

A widget over the view (not a scene item: it stays put while the graph zooms and scrolls, and a
fit leaves its corner free).  It draws what a wire looks like: the value above it in the value's
colour, the gradient below it in the gradient's, in the theme's widget font (larger on a projector).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QWidget

from gdgui.controllers.shell.theme import BACKWARD_COLOUR, FORWARD_COLOUR
from gdgui.views.backprop.graph_labels import MUTED

__all__ = ["GraphLegend", "LEGEND_GAP"]

VALUE_TEXT, GRADIENT_TEXT = "value (forward)", "gradient (backward)"
CORNER_GAP = 8  # px between the legend and the view's edges
LEGEND_GAP = 8  # px between the legend and the graph when fitted, or a step brought out from under it


class GraphLegend(QWidget):
    """"value (forward)" in the values' colour above a wire, "gradient (backward)" in the gradients' below."""

    def __init__(self, theme, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("graphLegend")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks reach the graph
        self.theme = theme
        self._font = QFont()
        self.restyle()

    def lines(self) -> tuple[str, str]:
        """What the legend says, top to bottom."""
        return VALUE_TEXT, GRADIENT_TEXT

    def text_font(self) -> QFont:
        return QFont(self._font)

    def restyle(self) -> None:
        """The theme's widget font (the app's style sheet does not reach a painted font)."""
        self._font = QFont()
        self._font.setPointSizeF(self.theme.sizes.font_pt)
        self.setFixedSize(self.sizeHint())
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = QFontMetricsF(self._font)
        width = max(metrics.horizontalAdvance(text) for text in self.lines()) + 2 * self._pad()
        height = 2 * metrics.height() + self._glyph_height() + 2 * self._pad()
        return QSize(int(width) + 1, int(height) + 1)

    def place(self, room: QRect) -> None:
        """Sit in the bottom-left corner of ``room`` (the view's viewport, in the view's coordinates)."""
        self.move(room.left() + CORNER_GAP, room.bottom() + 1 - CORNER_GAP - self.height())
        self.raise_()

    def _pad(self) -> float:
        return QFontMetricsF(self._font).height() * 0.3

    def _glyph_height(self) -> float:
        return QFontMetricsF(self._font).height() * 0.5

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        plate = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(MUTED, 1))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(plate, 6, 6)
        pad, line = self._pad(), QFontMetricsF(self._font).height()
        painter.setFont(self._font)
        painter.setPen(QColor(FORWARD_COLOUR))
        painter.drawText(QRectF(pad, pad, plate.width() - 2 * pad, line), Qt.AlignmentFlag.AlignCenter, VALUE_TEXT)
        self._paint_wire(painter, pad + line + self._glyph_height() / 2, pad)
        painter.setPen(QColor(BACKWARD_COLOUR))
        painter.drawText(QRectF(pad, pad + line + self._glyph_height(), plate.width() - 2 * pad, line),
                         Qt.AlignmentFlag.AlignCenter, GRADIENT_TEXT)

    def _paint_wire(self, painter: QPainter, y: float, pad: float) -> None:
        """A wire with an arrow head, as the graph draws one, between the two texts."""
        sizes = self.theme.sizes
        painter.setPen(QPen(MUTED, sizes.line_px, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        left, right = QPointF(pad, y), QPointF(self.width() - pad, y)
        head = self._glyph_height() / 2
        painter.drawLine(left, right)
        painter.drawLine(right, right + QPointF(-head, -head * 0.7))
        painter.drawLine(right, right + QPointF(-head, head * 0.7))
