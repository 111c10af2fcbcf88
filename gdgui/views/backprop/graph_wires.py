"""Wire items of the graph editor: a wire along its layout's route, its value above and gradient below.

A route is the layout's cubic Bézier path (first point, then (control, control, end) triples) in
scene coordinates, joined to the nodes' ports (``route_path``).  A wire with no route (a node
dragged since the layout, a graph built by hand, the straight-wire fallback) is a straight line
between its ports.  The output wire ends in a filled arrow head, inside its bounding rectangle.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyle, QStyleOptionGraphicsItem

from gdgui.controllers.backprop.metrics import ARROW_HEAD, Style, label_half_gap
from gdgui.controllers.shell.theme import BACKWARD_COLOUR, FORWARD_COLOUR
from gdgui.views.backprop.graph_items import HIGHLIGHT, SELECTED
from gdgui.views.backprop.graph_labels import MUTED, TextItem

FORWARD = QColor(FORWARD_COLOUR)    # a wire's value, above it
BACKWARD = QColor(BACKWARD_COLOUR)  # and its gradient, below it
_SOLID, _ROUND = Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap  # read once: a Qt enum's attribute costs a call
_NO_PATH = QPainterPath()  # a wire's head (only the output wire has one), and its line until drawn: never changed


def _points(route) -> list[QPointF]:
    """The route's points as a new list (its points themselves are never changed, only replaced)."""
    return [QPointF(*p) if isinstance(p, tuple) else p for p in route] if route and len(route) >= 4 else []


def route_path(start: QPointF, end: QPointF, route=None) -> QPainterPath:
    """From ``start`` to ``end`` (ports): along ``route`` (scene points), or straight.

    A route runs between the nodes' whole boxes (captions and badges included), from the right
    side of one to the left side of the other.  Each end is lifted level with its port (with its
    neighbouring control point, so the curve keeps its shape and a gate's slots do not cross) and
    joined to it by a straight piece, level with the port, which stays clear of a caption above
    or a badge below.  An end that already lies past its port is moved onto it instead.

    Worked in plain (x, y) pairs, drawn with the path's number overloads: every wire of a graph comes
    through here when it opens, and a QPointF per point and per sum cost more than the path itself.
    """
    path = QPainterPath(start)
    if not route or len(route) < 4:
        path.lineTo(end)
        return path
    points = [(p.x(), p.y()) if isinstance(p, QPointF) else p for p in route]
    _meet(points, 0, start.x(), start.y(), joined=points[0][0] > start.x())
    _meet(points, -1, end.x(), end.y(), joined=points[-1][0] < end.x())
    path.lineTo(*points[0])
    for i in range(1, len(points) - 2, 3):
        path.cubicTo(*points[i], *points[i + 1], *points[i + 2])
    path.lineTo(end)
    return path


def _meet(points: list, index: int, x: float, y: float, joined: bool) -> None:
    """Move the route's end ``index`` (0 or −1) and its control point level with the port at (``x``, ``y``)
    (``joined``: a straight piece will reach the port) or onto it."""
    end_x, end_y = points[index]
    dx, dy = (0.0 if joined else x - end_x), y - end_y
    neighbour = 1 if index == 0 else -2
    near_x, near_y = points[neighbour]
    points[index], points[neighbour] = (end_x + dx, end_y + dy), (near_x + dx, near_y + dy)


def arrow(start: QPointF, end: QPointF, route, length: float) -> tuple[QPainterPath, QPainterPath]:
    """The output wire: its line, which stops where the head begins, and a closed head whose tip
    is ``end``, pointing the way the route arrives there."""
    points = _points(route)
    shift = end - points[-1] if points else QPointF()
    towards = [p + shift for p in reversed(points[1:-1])] + [start]
    before = next((p for p in towards if (end - p).manhattanLength() > 1e-6), start)
    dx, dy = end.x() - before.x(), end.y() - before.y()
    norm = math.hypot(dx, dy) or 1.0
    along, across = QPointF(dx / norm, dy / norm) * length, QPointF(-dy / norm, dx / norm) * (length / 2)
    base = end - along
    head = QPainterPath()
    head.addPolygon(QPolygonF([end, base + across, base - across]))
    head.closeSubpath()
    return route_path(start, base, route), head


class WireItem(QGraphicsPathItem):
    """A wire with its value above (green) and its gradient below (red), centred on the spot its
    layout chose, or slid ``along`` it (``label_spots.free_spot``) when it has none."""

    def __init__(self, key):
        super().__init__()
        self.key = key
        self.value_label = TextItem(None, FORWARD)
        self.grad_label = TextItem(None, BACKWARD)
        self._style: Style | None = None
        self._ends, self._drawn = None, False  # no ends until the scene gives them
        self._route, self.spot = None, None
        self._line = self._head = _NO_PATH
        self.along = 0.5
        self._look = None
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
        selected = self.isSelected()
        if (style, current, selected) == self._look:
            return
        self._look = (style, current, selected)
        self._style = style
        colour = SELECTED if selected else (HIGHLIGHT if current else MUTED)
        width = style.line_px * (1.8 if current or selected else 1.0)
        self.setPen(QPen(colour, width, _SOLID, _ROUND))
        font = style.label_font(bold=current)
        self.value_label.set_style(font, FORWARD)
        self.grad_label.set_style(font, BACKWARD)
        if self._drawn:
            self.set_ends(*self._ends, self._route, self.spot)

    @property
    def routed(self) -> bool:
        """Drawn along its layout's route, labels at the layout's spot."""
        return self._route is not None

    def set_ends(self, start: QPointF, end: QPointF, route=None, spot: QPointF | None = None) -> None:
        """Redraw from ``start`` to ``end`` (ports, scene coordinates): along ``route`` (scene points)
        or straight; labels centred on ``spot``, or ``along`` of the way."""
        self._ends, self._drawn = (start, end), True  # points are never changed, only replaced: kept as given
        self._route, self.spot = route, spot
        if self.key is None:  # the output wire: a whole, filled arrow head
            self._line, self._head = arrow(start, end, route, ARROW_HEAD * (self._style.scale if self._style else 1))
            path = QPainterPath(self._line)
            path.addPath(self._head)
            self.setPath(path)
        else:
            self._line, self._head = route_path(start, end, route), _NO_PATH
            self.setPath(self._line)
        if self._style is not None:
            self._place()

    def place_labels(self, along: float) -> None:
        """Put both labels ``along`` of the way from start to end (0.5 is the middle)."""
        self.along, self.spot = along, None
        self._place()

    def _place(self) -> None:
        point = self.spot if self.spot is not None else self._line.pointAtPercent(self.along)
        half = label_half_gap(self._style, self.value_label.boundingRect().height())
        self.value_label.setPos(point.x(), point.y() - half)
        self.grad_label.setPos(point.x(), point.y() + half)

    def label_rect(self, min_width: float = 0.0) -> QRectF:
        """Scene area both labels cover, at least ``min_width`` wide (room for numbers still to come)."""
        height = self.value_label.boundingRect().height()
        width = max(self.value_label.boundingRect().width(), self.grad_label.boundingRect().width(), min_width)
        centre = (self.value_label.pos() + self.grad_label.pos()) / 2
        half = label_half_gap(self._style, height)
        return QRectF(centre.x() - width / 2, centre.y() - half - height / 2, width, 2 * half + height)

    def set_texts(self, value: str, grad: str, tooltip: str | None) -> None:
        """New numbers, and a new tooltip unless ``tooltip`` is None (it changes with the graph only)."""
        self.value_label.set_text(value)
        self.grad_label.set_text(grad)
        if tooltip is not None:
            self.set_tooltip(tooltip)

    def set_tooltip(self, tooltip: str) -> None:
        for item in (self, self.value_label, self.grad_label):
            item.setToolTip(tooltip)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        """The pen alone says the wire is selected: no dotted box around it (Qt's default)."""
        if self._head.isEmpty():
            if self.isSelected():  # (Qt marks the option selected exactly then: the copy is made only then)
                option = QStyleOptionGraphicsItem(option)
                option.state &= ~QStyle.StateFlag.State_Selected
            super().paint(painter, option, widget)
            return
        painter.setPen(self.pen())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._line)
        painter.fillPath(self._head, self.pen().color())
