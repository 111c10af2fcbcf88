"""The minima on the map: white stars and their labels (``MinimaMarks``), and which corner of the map
the legend goes to so that it covers none of them (``legend_corner``).

pyqtgraph pins a legend to one corner of the view box. Himmelblau's minimum at (−2.805, 3.131) has
its label in the top-right corner, the legend's usual place, and on a projector the legend covered
it. The legend now takes the first corner (top right, top left, bottom right, bottom left) that
covers no minimum's star or label. A map too small for that (four optimizers on a 1280×720
projector) shows no legend: the status rows under the map name each colour already.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtWidgets import QGraphicsItem

from gdgui.controllers.shell.theme import Sizes
from gdgui.core.numbers import point_text
from gdgui.views.widgets.plot_style import INK, theme_font

__all__ = ["MinimaMarks", "CORNERS", "legend_corner", "legend_offset"]

MINIMA_Z = 30  # above the contour lines and the −∇f arrows, under the start marker

CORNERS = ((1, 0), (0, 0), (1, 1), (0, 1))  # (right?, bottom?): top right first, as pyqtgraph places it


def legend_corner(legend: QSizeF, box: QRectF, obstacles: list[QRectF], margin: float) -> tuple[int, int] | None:
    """The first of ``CORNERS`` of ``box`` where a ``legend`` ``margin`` in from both edges covers none
    of ``obstacles``, or None. All in the same (scene) coordinates."""
    return next((corner for corner in CORNERS
                 if not any(_rect(corner, legend, box, margin).intersects(o) for o in obstacles)), None)


def legend_offset(corner: tuple[int, int], margin: float) -> tuple[float, float]:
    """pyqtgraph's ``LegendItem`` offset for ``corner``: a negative x pins its right edge, a negative y its bottom."""
    right, bottom = corner
    return (-margin if right else margin, -margin if bottom else margin)


def _rect(corner, legend: QSizeF, box: QRectF, margin: float) -> QRectF:
    right, bottom = corner
    x = box.right() - margin - legend.width() if right else box.left() + margin
    y = box.bottom() - margin - legend.height() if bottom else box.top() + margin
    return QRectF(x, y, legend.width(), legend.height())


class MinimaMarks:
    """A star at each minimum, and its label ("min (3, 2)", "local min …") beside it."""

    def __init__(self, plot: pg.PlotItem, sizes: Sizes):
        self._plot, self._sizes = plot, sizes
        self.stars = pg.ScatterPlotItem(symbol="star", pxMode=True)
        self.stars.setZValue(MINIMA_Z)
        self.stars.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # still while paths move past it
        plot.addItem(self.stars)
        self.labels: list[pg.TextItem] = []
        self._grows_left: list[bool] = []  # per minimum shown: its label's first place is left of its star

    def show(self, minima, domain) -> None:
        """``minima`` (``Minimum``s) on a map of ``domain``: a label each, the spare ones hidden; where each
        label goes is ``place_labels``'s."""
        self.stars.setData([m.x for m in minima], [m.y for m in minima])
        while len(self.labels) < len(minima):
            label = pg.TextItem(color=INK, fill=pg.mkBrush(255, 255, 255, 200))
            label.setFont(theme_font(self._sizes))
            label.setZValue(MINIMA_Z)
            self._plot.addItem(label)
            self.labels.append(label)
        self._grows_left = [_grows_left(m.x, *domain[:2]) for m in minima]
        for index, label in enumerate(self.labels):
            label.setVisible(index < len(minima))
            if index < len(minima):
                m = minima[index]
                label.setText(("min " if m.is_global else "local min ") + point_text(m.x, m.y))
                label.setPos(m.x, m.y)  # beside it where place_labels finds room

    def place_labels(self, view_box: pg.ViewBox, avoid: list[QRectF] = ()) -> None:
        """Each label, in the minima's order, at the first of its places (``_anchors``) that keeps it on the
        map and off the other stars, the labels placed before it and what ``avoid`` holds (scene rectangles:
        a race's start marker, drawn above the labels, hid a digit). A label with no such place is not
        shown (its star is; the basin legend names the minima): on a small map, Himmelblau's four labels
        overlapped one another. The map's size and zoom decide: call again when they change."""
        box, placed = view_box.sceneBoundingRect(), list(avoid)
        stars = self._star_rects(view_box)
        for index, grows_left in enumerate(self._grows_left):
            label, others = self.labels[index], stars[:index] + stars[index + 1:]
            star, size = view_box.mapViewToScene(label.pos()), label.textItem.boundingRect().size()
            anchors = _anchors(grows_left, self.star_px() / 2 / max(1.0, size.height()))
            spot = _free_spot(star, size, anchors, box, placed + others)
            label.setVisible(spot is not None)
            if spot is not None:
                if tuple(label.anchor) != spot[0]:
                    label.setAnchor(spot[0])
                placed.append(spot[1])

    def apply_theme(self, sizes: Sizes) -> None:
        self._sizes = sizes
        self.stars.setSize(self.star_px())
        self.stars.setBrush(pg.mkBrush("#ffffff"))
        self.stars.setPen(pg.mkPen(INK, width=2))
        for label in self.labels:
            label.setFont(theme_font(sizes))

    def star_px(self) -> int:
        return self._sizes.marker_px + 10

    def scene_rects(self, view_box: pg.ViewBox) -> list[QRectF]:
        """Where the stars and the shown labels are, in scene coordinates: what the legend must not cover."""
        return self._star_rects(view_box) + [label.sceneBoundingRect() for label in self.labels if label.isVisible()]

    def _star_rects(self, view_box: pg.ViewBox) -> list[QRectF]:
        half = QPointF(self.star_px() / 2, self.star_px() / 2)
        return [QRectF(view_box.mapViewToScene(QPointF(x, y)) - half, QSizeF(self.star_px(), self.star_px()))
                for x, y in zip(*self.stars.getData())]


def _anchors(grows_left: bool, star: float) -> list[tuple[float, float]]:
    """A label's places beside its star, as ``TextItem`` anchors (the point of the label at the star):
    above it, away from the map's centre first (``_grows_left``), then towards it; then below it, the same
    way; then centred over it and under it, clear of the star (``star``: its half size in label heights),
    for a label wider than the map leaves on either side."""
    away, towards = (1.05, -0.05) if grows_left else (-0.05, 1.05)
    return [(away, 1.1), (towards, 1.1), (away, -0.1), (towards, -0.1), (0.5, 1.05 + star), (0.5, -0.05 - star)]


def _free_spot(star: QPointF, size: QSizeF, anchors, box: QRectF, taken: list[QRectF]):
    """The first of ``anchors`` at which a label of ``size`` beside ``star`` lies inside ``box`` and off every
    rectangle ``taken``, with its rectangle; or None."""
    for anchor in anchors:
        rect = _label_rect(star, size, anchor)
        if box.contains(rect) and not any(rect.intersects(other) for other in taken):
            return anchor, rect
    return None


def _label_rect(star: QPointF, size: QSizeF, anchor: tuple[float, float]) -> QRectF:
    """The scene rectangle of a label of ``size`` pixels whose point ``anchor`` is at ``star``."""
    return QRectF(star - QPointF(anchor[0] * size.width(), anchor[1] * size.height()), size)


def _grows_left(x: float, x0: float, x1: float) -> bool:
    """A minimum's label grows away from the map's centre (two minima side by side keep their labels
    apart), unless less than a third of the map is left on that side (it stays on the map)."""
    third = (x1 - x0) / 3
    return x - x0 >= third if x < (x0 + x1) / 2 else x1 - x < third
