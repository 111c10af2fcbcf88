"""Text plates of the graph scene: edge values, gradients, gate names and badges."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from gdgui.controllers.backprop.metrics import font_key, plate_rect
from gdgui.controllers.shell.theme import NORMAL

INK = QColor("#1d2330")
MUTED = QColor("#5b6472")
LABEL_BACKGROUND = QColor(255, 255, 255)
_PIXELS: dict[str, int] = {}  # font key → its pixel size at zoom 1 (QFontInfo is costly in a paint)
CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache  # read once: a Qt enum's attribute costs a call each time
_NO_PEN, _CENTRED = Qt.PenStyle.NoPen, Qt.AlignmentFlag.AlignCenter  # (and a paint reads them for every plate)


def font_px(font: QFont) -> int:
    """How many pixels tall ``font`` is drawn at zoom 1, as Qt resolves it (not from a guessed dpi)."""
    key = font.key()
    if key not in _PIXELS:
        _PIXELS[key] = QFontInfo(font).pixelSize()
    return _PIXELS[key]


@cache
def _no_pen() -> QPen:
    """A plate has no outline: its bounding rectangle is its plate."""
    return QPen(Qt.PenStyle.NoPen)


@cache
def _unstyled() -> QFont:
    """A plate's font until it is styled (made once the application exists)."""
    return QFont()


def min_text_px(item: QGraphicsItem) -> float:
    """The theme's smallest text on screen, from the item's scene (a scene of its own: laptop's)."""
    return getattr(item.scene(), "min_text_px", NORMAL.min_text_px)


def too_small(painter: QPainter, px: int, min_px: float) -> bool:
    """Text of ``px`` pixels at zoom 1 (``font_px``) would be drawn under ``min_px`` pixels tall by
    ``painter``: skip it."""
    return px * abs(painter.worldTransform().m11()) < min_px


def set_detailed(items, detailed: bool) -> None:
    """Cache the items' drawings as pixmaps and let text plates paint, or not: zoomed out so far that
    no text can be read, thousands of speck-sized pixmaps cost more to keep than drawing the specks
    afresh, and a plate that would draw nothing is not even asked to paint."""
    mode = CACHED if detailed else QGraphicsItem.CacheMode.NoCache
    for item in items:
        item.setCacheMode(mode)
        if isinstance(item, TextItem):
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, not detailed)


class TextItem(QGraphicsRectItem):
    """Text on a white rounded plate, centred on its position (so it never hides in a wire).

    A rectangle item with no pen, so that Qt reads its bounding rectangle, the plate's, in C++: the
    scene asks for it thousands of times as a graph is drawn, and a Python ``boundingRect`` answered
    each time through the binding."""

    def __init__(self, parent: QGraphicsItem | None = None, colour: QColor = INK):
        super().__init__(parent)
        self.setPen(_no_pen())
        # The font and colour are shared with other plates (the style's, the module's): never changed here.
        self._text, self._font, self._colour = "", _unstyled(), colour
        self._font_key = None  # font_key(self._font), once styled
        self._px_of = (None, 0)  # (the font last painted in, its font_px): looked up once per font, not per paint
        self._rect = QRectF()
        # Text is the costliest thing to draw: cache it as a pixmap until it changes.
        self.setCacheMode(CACHED)

    def text(self) -> str:
        return self._text

    def font(self) -> QFont:
        return QFont(self._font)

    def drawn_font(self) -> QFont:
        """The font the text is drawn in, shared with other plates: read it, do not change it."""
        return self._font

    def set_style(self, font: QFont, colour: QColor | None = None) -> None:
        colour = colour if colour is not None else self._colour
        if (self._font_key is not None and (font is self._font or font == self._font)
                and (colour is self._colour or colour == self._colour)):
            return  # (a plate never styled is laid out whatever it is given)
        if font is not self._font:
            self._font_key = font_key(font)
        self._font, self._colour = font, colour
        self._relayout()

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._relayout()

    def _relayout(self) -> None:
        self._rect = plate_rect(self._font, self._text, self._font_key)
        self.setRect(self._rect)  # the bounding rectangle (no pen): Qt prepares the geometry change and repaints

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self._text:
            return
        if self._px_of[0] is not self._font:
            self._px_of = (self._font, font_px(self._font))
        if too_small(painter, self._px_of[1], min_text_px(self)):
            return
        painter.setPen(_NO_PEN)
        painter.setBrush(LABEL_BACKGROUND)
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setFont(self._font)
        painter.setPen(self._colour)
        painter.drawText(self._rect, _CENTRED, self._text)
