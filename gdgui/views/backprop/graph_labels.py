"""Text plates of the graph scene: edge values, gradients, gate names and badges."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QGraphicsItem

from gdgui.controllers.backprop.metrics import plate_rect

INK = QColor("#1d2330")
MUTED = QColor("#5b6472")
LABEL_BACKGROUND = QColor(255, 255, 255)
MIN_LEGIBLE_PX = 4.0  # text smaller than this on screen is skipped: it would be a smudge anyway


def too_small(painter: QPainter, font: QFont) -> bool:
    return illegible(painter.worldTransform().m11(), font.pointSizeF())


def illegible(zoom: float, points: float) -> bool:
    """Text of ``points`` would be under ``MIN_LEGIBLE_PX`` tall on screen at ``zoom``."""
    return points * 1.33 * abs(zoom) < MIN_LEGIBLE_PX


def set_detailed(items, detailed: bool) -> None:
    """Cache the items' drawings as pixmaps and let text plates paint, or not: zoomed out so far that
    no text can be read, thousands of speck-sized pixmaps cost more to keep than drawing the specks
    afresh, and a plate that would draw nothing is not even asked to paint."""
    mode = QGraphicsItem.CacheMode.DeviceCoordinateCache if detailed else QGraphicsItem.CacheMode.NoCache
    for item in items:
        item.setCacheMode(mode)
        if isinstance(item, TextItem):
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, not detailed)


class TextItem(QGraphicsItem):
    """Text on a white rounded plate, anchored by ``align`` (so it never hides in a wire)."""

    def __init__(self, parent: QGraphicsItem | None = None, colour: QColor = INK):
        super().__init__(parent)
        self._text, self._font, self._colour = "", QFont(), QColor(colour)
        self._rect = QRectF()
        # Text is the costliest thing to draw: cache it as a pixmap until it changes.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def text(self) -> str:
        return self._text

    def set_style(self, font: QFont, colour: QColor | None = None) -> None:
        colour = QColor(colour) if colour is not None else self._colour
        if font == self._font and colour == self._colour and not self._rect.isNull():
            return
        self._font, self._colour = font, colour
        self._relayout()

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._relayout()

    def _relayout(self) -> None:
        self.prepareGeometryChange()
        self._rect = plate_rect(self._font, self._text)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self._text or too_small(painter, self._font):
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(LABEL_BACKGROUND)
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setFont(self._font)
        painter.setPen(self._colour)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self._text)
