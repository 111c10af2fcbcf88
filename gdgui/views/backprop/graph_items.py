"""Node items of the graph editor, drawn in CS231n circuit style (wires: ``graph_wires.py``).

Gates are circles with the op symbol, inputs labelled boxes, constants small grey
boxes, each with its name above and a Σ badge or warning below; wires (``graph_wires.py``)
carry their forward value above (blue) and gradient below (vermillion): theme.py's colour roles,
which deuteranopes tell apart.  Items are created once per node and afterwards only get new text,
pens and positions (setters call ``prepareGeometryChange`` before the size changes).  Every size
comes from ``controllers/backprop/metrics.py``.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from gdgui.controllers.backprop import metrics
from gdgui.controllers.backprop.metrics import Style
from gdgui.controllers.shell.theme import CURRENT_COLOUR, SELECTION_COLOUR
from gdgui.views.backprop.graph_labels import (
    CACHED,
    INK,
    MUTED,
    TextItem,
    font_px,
    min_text_px,
    set_detailed,
    too_small,
)

HIGHLIGHT = QColor(CURRENT_COLOUR)   # the gate and wires of the current step
SELECTED = QColor(SELECTION_COLOUR)
WARNING = INK                        # a gate that misses an argument: dashed outline, ⚠ badge, in ink
LOOSE_ALPHA = 110                    # a node on no wire lets the wires under it show through its body
GATE_FILL = QColor("#eef4fb")
INPUT_FILL = QColor("#fff7e0")
CONST_FILL = QColor("#f0f0f0")
CURRENT_FILL = QColor("#fff1cc")   # the gate of the current step, inside its orange outline
_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable


@cache
def _open_hand() -> QCursor:
    """One cursor for every node (made once the application exists)."""
    return QCursor(Qt.CursorShape.OpenHandCursor)


@cache
def _text_reach(style: Style, body_top: float, body_bottom: float, family: str) -> tuple[float, float]:
    """The top of a caption plate above a body and the bottom of a badge plate below it (node coordinates),
    the same for every node of one style and body height (a fit asks for every node's); ``family``, the
    application font's, is a key: the plates' heights change with it."""
    body = QRectF(0.0, body_top, 1.0, body_bottom - body_top)
    caption = metrics.plate_rect(style.caption_font(), "")
    badge = metrics.plate_rect(style.label_font(bold=True), "")
    return (metrics.caption_offset(style, body, caption) + caption.top(),
            metrics.badge_offset(style, body, badge) + badge.bottom())


class NodeItem(QGraphicsItem):
    """One node: a gate circle, an input box or a constant box, plus its caption and badges."""

    def __init__(self, node_id: str, kind: str, on_moved):
        super().__init__()
        self.node_id, self.kind = node_id, kind
        self._on_moved = on_moved
        self._label, self._style = "", None
        self._symbol_font, self._symbol_px = None, 0  # the symbol's font as last painted, and its font_px
        self._shape_rect = self._bounds = QRectF()
        self.current = self.warning = self.loose = False
        self.slots = 0
        self._caption: TextItem | None = None  # the gate's name (q, r, …) above the circle
        self._badge: TextItem | None = None    # Σ of a branching gradient, or what is missing
        self.setFlags(_FLAGS)
        self.setZValue(2)
        self.setCursor(_open_hand())
        self.setCacheMode(CACHED)

    def label(self) -> str:
        return self._label

    def configure(self, label: str, slots: int, style: Style) -> None:
        """New symbol or name, argument count and sizes (only when one of them changed)."""
        if (label, slots, style) == (self._label, self.slots, self._style):
            return
        self.prepareGeometryChange()
        self._label, self.slots, self._style = label, slots, style
        self._shape_rect = metrics.body_rect(style, self.kind, label)
        grow = style.halo  # the scene asks for the bounds again and again, through Python: kept, not recomputed
        self._bounds = self._shape_rect.adjusted(-grow, -grow, grow, grow)
        self._style_texts()
        self.update()

    # The caption and the badge are made when first given a text (or asked for): most inputs have no
    # caption and most gates no badge, and a 200-node graph drew 180 empty plates.
    @property
    def caption(self) -> TextItem:
        if self._caption is None:
            self._caption = self._new_text(MUTED)
            self._style_texts()
        return self._caption

    @property
    def badge(self) -> TextItem:
        if self._badge is None:
            self._badge = self._new_text(INK)
            self._style_texts()
        return self._badge

    def texts(self) -> list[TextItem]:
        """The caption and badge made so far (one never made shows nothing)."""
        return [text for text in (self._caption, self._badge) if text is not None]

    def _new_text(self, colour: QColor) -> TextItem:
        text = TextItem(self, colour)
        if self.cacheMode() == QGraphicsItem.CacheMode.NoCache:  # zoomed out past legible text (set_detailed)
            set_detailed([text], False)
        return text

    def _style_texts(self) -> None:
        """Fonts and places of the caption above the body and the badge below it."""
        style, body = self._style, self._shape_rect
        if style is None:
            return
        if self._caption is not None:
            self._caption.set_style(style.caption_font(), MUTED)
            self._caption.setPos(0, metrics.caption_offset(style, body, self._caption.boundingRect()))
        if self._badge is not None:
            self._badge.set_style(style.label_font(bold=True))
            self._badge.setPos(0, metrics.badge_offset(style, body, self._badge.boundingRect()))

    def text_room(self) -> QRectF:
        """The scene's line from the top of the caption to the bottom of the badge, made or not: a view
        fitted to the graph keeps room for a badge the backward pass brings later."""
        if self._style is None:
            return QRectF()
        top, bottom = _text_reach(self._style, self._shape_rect.top(), self._shape_rect.bottom(), QFont().family())
        return QRectF(self.mapToScene(QPointF(0, top)), self.mapToScene(QPointF(0, bottom)))

    def set_caption(self, text: str) -> None:
        if text or self._caption is not None:
            self.caption.set_text(text)

    def set_badge(self, text: str, colour: QColor) -> None:
        if text or self._badge is not None:
            self.badge.set_style(self._style.label_font(bold=True), colour)
            self.badge.set_text(text)

    def set_warning(self, warning: bool) -> None:
        """Outline a gate that still misses an argument."""
        if warning != self.warning:
            self.warning = warning
            self.update()

    def set_loose(self, loose: bool) -> None:
        """See-through body and dotted outline for a node on no wire: it does not look wired to
        the wires it happens to lie on."""
        if loose != self.loose:
            self.loose = loose
            self.update()

    def set_current(self, current: bool) -> None:
        if current != self.current:
            self.current = current
            self.update()

    def out_port(self) -> QPointF:
        """Where this node's wires leave it (scene coordinates)."""
        return self.mapToScene(self._out_local())

    def in_port(self, slot: int) -> QPointF:
        """Where wire ``slot`` enters: spread over the left side of the circle."""
        return self.mapToScene(self._in_local(slot))

    def _out_local(self) -> QPointF:
        return QPointF(self._shape_rect.right(), 0)

    def _in_local(self, slot: int) -> QPointF:
        if self.kind != "op" or self.slots <= 1:
            return QPointF(self._shape_rect.left(), 0)
        r = self._shape_rect.width() / 2
        offset = (slot - (self.slots - 1) / 2) * r * 0.9
        return QPointF(-((r * r - offset * offset) ** 0.5), offset)

    def slot_at(self, scene_pos: QPointF) -> int:
        """The argument slot nearest to a point (for dropping a new wire on the gate)."""
        y = self.mapFromScene(scene_pos).y()
        return min(range(max(self.slots, 1)), key=lambda s: abs(self.mapFromScene(self.in_port(s)).y() - y))

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        if self.kind == "op":
            path.addEllipse(self._shape_rect)
        else:
            path.addRect(self._shape_rect)
        return path

    def _outline_colour(self) -> QColor:
        if self.isSelected():
            return SELECTED
        if self.current:
            return HIGHLIGHT
        return MUTED if self.loose else INK

    def _outline(self) -> QPen:
        """Selected: thick purple; current step: thick orange; missing an argument: thick dashed ink;
        on no wire: dotted grey; a constant: dashed."""
        emphasis = self.current or self.isSelected() or self.warning
        pen = QPen(self._outline_colour(), self._style.line_px * (2.0 if emphasis else 1.0))
        if self.loose:
            pen.setStyle(Qt.PenStyle.DotLine)
        elif self.warning or self.kind == "const":
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def _fill(self) -> QColor:
        fills = {"op": GATE_FILL, "input": INPUT_FILL, "const": CONST_FILL}
        fill = QColor(CURRENT_FILL if self.current else fills[self.kind])
        if self.loose:
            fill.setAlpha(LOOSE_ALPHA)
        return fill

    def symbol_font(self) -> QFont:
        return self._style.symbol_font(self.kind)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        font = self.symbol_font()  # one shared font per size: its pixel size is looked up once, not at every paint
        if font is not self._symbol_font:
            self._symbol_font, self._symbol_px = font, font_px(font)
        if too_small(painter, self._symbol_px, min_text_px(self)):  # zoomed out past legible text: draw a speck
            self._paint_speck(painter)
            return
        style = self._style
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._outline())
        painter.setBrush(QBrush(self._fill()))
        if self.kind == "op":
            painter.drawEllipse(self._shape_rect)
        else:
            painter.drawRoundedRect(self._shape_rect, 6 * style.scale, 6 * style.scale)
        self._paint_ports(painter)
        painter.setFont(font)
        painter.setPen(INK)
        painter.drawText(self._shape_rect, Qt.AlignmentFlag.AlignCenter, self._label)

    def _paint_speck(self, painter: QPainter) -> None:
        """The body as one filled rectangle in the outline's colour: no ports, no text, no pen
        (a 5,000-node graph fitted to the window paints in a fraction of the time)."""
        painter.fillRect(self._shape_rect, self._outline_colour())

    def _paint_ports(self, painter: QPainter) -> None:
        """Small dots where wires leave (right) and enter (left): where to drag a new wire."""
        size = metrics.PORT_RADIUS * self._style.scale
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(MUTED)
        ports = [self._out_local()]
        if self.kind == "op":
            ports += [self._in_local(slot) for slot in range(self.slots)]
        for port in ports:
            painter.drawEllipse(port, size, size)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Qt moves this node and every selected one; then their wires follow.

        Not ``itemChange``: Qt calls it from C++ for every change of every kind, about 16 times per
        node as a graph is drawn, and each call into Python cost more than the node's own drawing."""
        before = self.pos()
        super().mouseMoveEvent(event)
        if self.pos() != before:  # Qt moves nodes for the left button only
            self._on_moved(self)
