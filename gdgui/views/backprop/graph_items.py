"""Scene items of the graph editor, drawn in CS231n circuit style.

Gates are circles with the op symbol, inputs labelled boxes, constants small grey
boxes; every wire carries its forward value above (blue) and its gradient below
(vermillion): theme.py's colour roles, which deuteranopes tell apart.  Items are created
once per node or edge and afterwards only get new text, pens and positions (setters call
``prepareGeometryChange`` before the size changes).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyle, QStyleOptionGraphicsItem

from gdgui.controllers.shell.theme import BACKWARD_COLOUR, CURRENT_COLOUR, FORWARD_COLOUR, SELECTION_COLOUR
from gdgui.views.backprop.graph_labels import INK, MUTED, TextItem, min_text_px, too_small

HIGHLIGHT = QColor(CURRENT_COLOUR)   # the gate and wires of the current step
SELECTED = QColor(SELECTION_COLOUR)
WARNING = INK                        # a gate that misses an argument: dashed outline, ⚠ badge, in ink
LOOSE_ALPHA = 110                    # a node on no wire lets the wires under it show through its body
GATE_FILL = QColor("#eef4fb")
INPUT_FILL = QColor("#fff7e0")
CONST_FILL = QColor("#f0f0f0")
CURRENT_FILL = QColor("#fff1cc")   # the gate of the current step, inside its orange outline


@dataclass(frozen=True)
class Style:
    """Sizes in scene units for the current theme (``scale`` turns model positions into scene ones)."""
    scale: float
    label_pt: float
    symbol_pt: float
    caption_pt: float
    line_px: float

    @property
    def radius(self) -> float:
        return 27.0 * self.scale

    def font(self, points: float, bold: bool = False) -> QFont:
        font = QFont()
        font.setPointSizeF(points)
        font.setBold(bold)
        return font


class NodeItem(QGraphicsItem):
    """One node: a gate circle, an input box or a constant box, plus its caption and badges."""

    def __init__(self, node_id: str, kind: str, on_moved):
        super().__init__()
        self.node_id, self.kind = node_id, kind
        self._on_moved = on_moved
        self._label, self._style = "", None
        self._shape_rect = QRectF()
        self.current = self.warning = self.loose = False
        self.slots = 0
        self.caption = TextItem(self, MUTED)   # the gate's name (q, r, …) above the circle
        self.badge = TextItem(self, INK)       # Σ of a branching gradient, or what is missing
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setZValue(2)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def label(self) -> str:
        return self._label

    def configure(self, label: str, slots: int, style: Style) -> None:
        """New symbol or name, argument count and sizes (only when one of them changed)."""
        if (label, slots, style) == (self._label, self.slots, self._style):
            return
        self.prepareGeometryChange()
        self._label, self.slots, self._style = label, slots, style
        self._shape_rect = self._body_rect()
        self.caption.set_style(style.font(style.caption_pt), MUTED)
        self.badge.set_style(style.font(style.label_pt, bold=True))
        halo = 3 * style.line_px  # the selection and highlight outline drawn around the body
        self.caption.setPos(0, self._shape_rect.top() - halo - self.caption.boundingRect().height() / 2)
        self.badge.setPos(0, self._shape_rect.bottom() + halo + self.badge.boundingRect().height() / 2)
        self.update()

    def _body_rect(self) -> QRectF:
        style = self._style
        if self.kind == "op":
            r = style.radius
            return QRectF(-r, -r, 2 * r, 2 * r)
        font = style.font(style.symbol_pt, bold=self.kind == "input")
        width = max(QFontMetricsF(font).horizontalAdvance(self._label) + 24 * style.scale, 2 * style.radius)
        height = 1.6 * style.radius
        return QRectF(-width / 2, -height / 2, width, height)

    def set_badge(self, text: str, colour: QColor) -> None:
        self.badge.set_style(self._style.font(self._style.label_pt, bold=True), colour)
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
        return self.mapToScene(QPointF(self._shape_rect.right(), 0))

    def in_port(self, slot: int) -> QPointF:
        """Where wire ``slot`` enters: spread over the left side of the circle."""
        if self.kind != "op" or self.slots <= 1:
            return self.mapToScene(QPointF(self._shape_rect.left(), 0))
        r = self._style.radius
        offset = (slot - (self.slots - 1) / 2) * r * 0.9
        return self.mapToScene(QPointF(-((r * r - offset * offset) ** 0.5), offset))

    def slot_at(self, scene_pos: QPointF) -> int:
        """The argument slot nearest to a point (for dropping a new wire on the gate)."""
        y = self.mapFromScene(scene_pos).y()
        return min(range(max(self.slots, 1)), key=lambda s: abs(self.mapFromScene(self.in_port(s)).y() - y))

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        grow = 3 * self._style.line_px if self._style else 0
        return self._shape_rect.adjusted(-grow, -grow, grow, grow)

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
        return self._style.font(self._style.symbol_pt, bold=self.kind != "const")

    def paint(self, painter: QPainter, option, widget=None) -> None:
        font = self.symbol_font()
        if too_small(painter, font, min_text_px(self)):  # zoomed out past legible text: draw a speck
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
        size = 4 * self._style.scale
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(MUTED)
        ports = [self.mapFromScene(self.out_port())]
        if self.kind == "op":
            ports += [self.mapFromScene(self.in_port(slot)) for slot in range(self.slots)]
        for port in ports:
            painter.drawEllipse(port, size, size)

    def itemChange(self, change, value):  # noqa: N802 - Qt override
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self._on_moved(self)
        return super().itemChange(change, value)


class WireItem(QGraphicsPathItem):
    """A straight wire with its value above (blue) and its gradient below (vermillion)."""

    def __init__(self, key):
        super().__init__()
        self.key = key
        self.value_label = TextItem(None, QColor(FORWARD_COLOUR))
        self.grad_label = TextItem(None, QColor(BACKWARD_COLOUR))
        self._style: Style | None = None
        self._ends = (QPointF(), QPointF())
        self.along = 0.5
        self._look = None
        self.setZValue(0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        for label in (self.value_label, self.grad_label):
            label.setZValue(1)

    def labels(self):
        return self.value_label, self.grad_label

    def restyle(self) -> None:
        """Apply the last style again (after the selection changed)."""
        if self._look is not None:
            self.set_style(*self._look[:2])

    def set_style(self, style: Style, current: bool = False) -> None:
        """Pens and fonts for the theme, bold and orange while the current step writes this wire
        (purple while selected)."""
        if (style, current, self.isSelected()) == self._look:
            return
        self._look = (style, current, self.isSelected())
        self._style = style
        colour = SELECTED if self.isSelected() else (HIGHLIGHT if current else MUTED)
        width = style.line_px * (1.8 if current or self.isSelected() else 1.0)
        self.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        self.value_label.set_style(style.font(style.label_pt, bold=current), QColor(FORWARD_COLOUR))
        self.grad_label.set_style(style.font(style.label_pt, bold=current), QColor(BACKWARD_COLOUR))
        self.set_ends(*self._ends)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        """The pen alone says the wire is selected: no dotted box around it (Qt's default)."""
        plain = QStyleOptionGraphicsItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, widget)

    def set_ends(self, start: QPointF, end: QPointF) -> None:
        """Redraw between two points, labels at ``along`` of the way, above and below."""
        self._ends = (QPointF(start), QPointF(end))
        path = QPainterPath(start)
        path.lineTo(end)
        if self.key is None:  # the output wire gets an arrow head
            size = 10 * (self._style.scale if self._style else 1)
            path.moveTo(end + QPointF(-size, -size * 0.6))
            path.lineTo(end)
            path.lineTo(end + QPointF(-size, size * 0.6))
        self.setPath(path)
        if self._style is not None:
            self.place_labels(self.along)

    def place_labels(self, along: float) -> None:
        """Put both labels ``along`` of the way from start to end (0.5 is the middle)."""
        self.along = along
        start, end = self._ends
        point = start + (end - start) * along
        half = self.value_label.boundingRect().height() / 2 + self._style.line_px
        self.value_label.setPos(point.x(), point.y() - half)
        self.grad_label.setPos(point.x(), point.y() + half)

    def label_rect(self, min_width: float = 0.0) -> QRectF:
        """Scene area both labels cover, at least ``min_width`` wide (room for numbers still to come)."""
        height = self.value_label.boundingRect().height()
        width = max(self.value_label.boundingRect().width(), self.grad_label.boundingRect().width(), min_width)
        centre = (self.value_label.pos() + self.grad_label.pos()) / 2
        return QRectF(centre.x() - width / 2, centre.y() - height - self._style.line_px, width,
                      2 * (height + self._style.line_px))

    def set_texts(self, value: str, grad: str, tooltip: str | None) -> None:
        """New numbers, and a new tooltip unless ``tooltip`` is None (it changes with the graph only)."""
        self.value_label.set_text(value)
        self.grad_label.set_text(grad)
        if tooltip is not None:
            self.set_tooltip(tooltip)

    def set_tooltip(self, tooltip: str) -> None:
        for item in (self, self.value_label, self.grad_label):
            item.setToolTip(tooltip)
