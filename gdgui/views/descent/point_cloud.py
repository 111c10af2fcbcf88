"""A plot item that draws thousands of identical markers fast: one pre-rendered disc, stamped.

pyqtgraph's ScatterPlotItem spends ~15 ms in ``setData`` for 10,000 points (it builds a
record per point); a swarm moves every point every frame. This item keeps the positions as one
array and paints them with ``QPainter.drawPixmapFragments`` straight from NumPy memory
(~6 ms per 10,000-point frame, rendering included). Painted into an SVG, up to ``VECTOR_MARKS``
markers are drawn as one vector path (a marker each, not a stamped image each).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import shiboken6
from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPaintEngine, QPainter, QPainterPath, QPen, QPixmap, QPolygonF, QTransform

from gdgui.views.descent.map_items.piles import PILE_DEPTH, pile_tops

__all__ = ["PointCloudItem", "SHAPES"]

# Columns of QPainter::PixmapFragment: x, y, sourceLeft, sourceTop, width, height,
# scaleX, scaleY, rotation, opacity.
_FRAGMENT_FIELDS = 10
VECTOR_MARKS = 5000  # markers an SVG draws as shapes; more are stamped images (a shape each would weigh more)


def _polygon(points) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
    path.closeSubpath()
    return path


# Marker shapes in a unit box centred on 0 (y down, as drawn), for this item and pyqtgraph's
# ScatterPlotItem alike (its symbol may be a path): a status is told by shape as well as colour.
SHAPES = {
    "disc": Symbols["o"], "diamond": Symbols["d"], "cross": Symbols["x"],
    "check": _polygon([(-0.5, 0.05), (-0.32, -0.13), (-0.12, 0.07), (0.32, -0.42), (0.5, -0.24), (-0.12, 0.45)]),
    "triangle": _polygon([(0.0, -0.5), (0.5, 0.4), (-0.5, 0.4)]),
    "bar": _polygon([(-0.5, -0.18), (0.5, -0.18), (0.5, 0.18), (-0.5, 0.18)]),
}


def _alpha(pixmap: QPixmap) -> np.ndarray:
    """The pixmap's alpha channel, (height, width), 0 to 255."""
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    width, height = image.width(), image.height()
    argb = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.sizeInBytes() // 4)
    return argb.reshape(height, image.bytesPerLine() // 4)[:, :width] >> 24


def _stamped_part(alpha: np.ndarray) -> tuple[int, int, int, int]:
    """(left, top, width, height) of a marker of ``alpha`` without the transparent margins it has on
    opposite sides alike: a fragment of that part centred where the whole was puts the same pixels in
    the same places, and blends fewer pixels that add nothing."""
    height, width = alpha.shape
    left, top = _empty_edge((alpha != 0).any(axis=0)), _empty_edge((alpha != 0).any(axis=1))
    return left, top, width - 2 * left, height - 2 * top


def _opaque_reach(alpha: np.ndarray) -> float:
    """How far from a marker's point (pixels) every pixel centre lies on a pixel its stamp paints fully
    opaque: the nearest centre of a pixel it leaves see-through, less the half-pixel each way by which
    a stamp's place is rounded to whole pixels."""
    height, width = alpha.shape
    rows, columns = np.nonzero(alpha < 255)
    if len(rows):
        nearest = np.hypot(columns + 0.5 - width / 2, rows + 0.5 - height / 2).min()
    else:  # opaque to its edges: the pixels just outside
        nearest = (min(width, height) + 1) / 2
    return max(0.0, float(nearest) - math.sqrt(0.5))


def _empty_edge(used: np.ndarray) -> int:
    """How many entries are unused at both ends of ``used`` (the fewer of the two ends)."""
    if not used.any():
        return 0
    return int(min(np.argmax(used), np.argmax(used[::-1])))


def _marker_pixmap(size: float, fill: str, outline: str, outline_px: float, shape: str) -> QPixmap:
    side = int(np.ceil(size + 2 * outline_px + 2))
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(side / 2, side / 2)
    painter.scale(size, size)
    painter.setPen(QPen(QColor(outline), outline_px / size) if outline_px > 0 else Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawPath(SHAPES[shape])
    painter.end()
    return pixmap


class PointCloudItem(pg.GraphicsObject):
    """Markers (screen-sized, all alike) at positions (N, 2) given in data coordinates."""

    pile_depth = PILE_DEPTH  # stamps drawn at most on one whole-pixel place (``piles``)

    def __init__(self, fill: str = "#0072B2", size: float = 8, outline: str = "#ffffff",
                 outline_px: float = 1.5, shape: str = "disc"):
        super().__init__()
        self._points = np.empty((0, 2))
        self._fragments = np.zeros((0, _FRAGMENT_FIELDS))
        self._stamp: int | None = None  # the cacheKey of the marker the fragments were written for
        self._style = (fill, size, outline, outline_px, shape)
        self._set_marker(_marker_pixmap(size, fill, outline, outline_px, shape))
        self._bounds = QRectF()
        self._padded: QRectF | None = None  # the bounds padded by a marker, until the points or the view change

    @property
    def points(self) -> np.ndarray:
        return self._points

    @property
    def fill(self) -> str:
        return self._style[0]

    def marker(self) -> QPixmap:
        """The one marker stamped at every point, as drawn."""
        return self._pixmap

    def set_style(self, fill: str | None = None, size: float | None = None, outline_px: float | None = None) -> None:
        old_fill, old_size, outline, old_outline_px, shape = self._style
        self._style = (fill or old_fill, size or old_size, outline,
                       old_outline_px if outline_px is None else outline_px, shape)
        self._set_marker(_marker_pixmap(self._style[1], self._style[0], outline, self._style[3], shape))
        self.prepareGeometryChange()
        self._padded = None
        self.update()

    def _set_marker(self, pixmap: QPixmap) -> None:
        alpha = _alpha(pixmap)
        self._pixmap, self._part, self._opaque = pixmap, _stamped_part(alpha), _opaque_reach(alpha)

    def opaque_reach(self) -> float:
        """Pixels: whatever lies within this distance of a point (pixel centres) is covered by its marker,
        fully opaque (``_opaque_reach``); so a line drawn under it there does not show."""
        return self._opaque

    def set_points(self, points: np.ndarray) -> None:
        """New positions (N, 2); rows with NaN are skipped."""
        points = np.asarray(points, dtype=float).reshape(-1, 2)
        if not len(points) and not len(self._points):
            return  # still empty: nothing to redraw
        # Column by column: a reduction along the length-2 axis costs many times as much.
        finite = np.isfinite(points[:, 0]) & np.isfinite(points[:, 1])
        self._points = points.copy() if np.count_nonzero(finite) == len(points) else points[finite]
        self.prepareGeometryChange()
        if len(self._points):
            x, y = self._points[:, 0], self._points[:, 1]
            self._range = ((float(x.min()), float(x.max())), (float(y.min()), float(y.max())))
            (x0, x1), (y0, y1) = self._range
            self._bounds = QRectF(x0, y0, x1 - x0, y1 - y0)
        else:
            self._bounds = QRectF()
        self._padded = None
        self.informViewBoundsChanged()
        self.update()

    def dataBounds(self, axis, frac=1.0, orthoRange=None):  # noqa: N802 — pyqtgraph's auto-range hook
        if not len(self._points):
            return None, None
        return self._range[axis]

    def viewTransformChanged(self) -> None:  # noqa: N802 — pyqtgraph's hook: a marker is another size in data units
        self.prepareGeometryChange()
        self._padded = None
        super().viewTransformChanged()

    def boundingRect(self) -> QRectF:  # noqa: N802 — Qt override
        if self._bounds.isNull() and not len(self._points):
            return QRectF()
        # Qt asks several times a frame; a pixel's size in data units is a walk through the view's transforms.
        if self._padded is None:
            # Markers are screen-sized: pad the data bounds by a marker's size in data units.
            pixel = self.pixelSize()
            side = self._pixmap.width()
            pad_x = side * (pixel[0] if pixel and np.isfinite(pixel[0]) else 0.0)
            pad_y = side * (pixel[1] if pixel and np.isfinite(pixel[1]) else 0.0)
            self._padded = self._bounds.adjusted(-pad_x, -pad_y, pad_x, pad_y)
        return self._padded

    def paint(self, painter: QPainter, *args) -> None:
        count = len(self._points)
        if not count:
            return
        fragments = self._fragment_buffer(count)
        transform = painter.transform()
        x, y = self._points[:, 0], self._points[:, 1]
        fragments[:, 0] = transform.m11() * x + transform.m21() * y + transform.dx()
        fragments[:, 1] = transform.m12() * x + transform.m22() * y + transform.dy()
        painter.save()
        painter.resetTransform()
        if count <= VECTOR_MARKS and painter.paintEngine().type() == QPaintEngine.Type.SVG:
            self._paint_shapes(painter, fragments[:, :2])
        else:
            fragments = self._unpiled(fragments)
            first = shiboken6.wrapInstance(fragments.ctypes.data, QPainter.PixmapFragment)
            painter.drawPixmapFragments(first, len(fragments), self._pixmap)
        painter.restore()

    def _paint_shapes(self, painter: QPainter, centres: np.ndarray) -> None:
        """Every marker as a vector shape, all in one path, at device positions ``centres``."""
        fill, size, outline, outline_px, shape = self._style
        marks = QPainterPath()
        for x, y in centres.tolist():
            marks.addPath(QTransform(size, 0, 0, size, x, y).map(SHAPES[shape]))
        painter.setPen(QPen(QColor(outline), outline_px) if outline_px > 0 else Qt.PenStyle.NoPen)
        painter.setBrush(QColor(fill))
        painter.drawPath(marks)

    def _unpiled(self, fragments: np.ndarray) -> np.ndarray:
        """The fragments but those deep in a pile on one whole-pixel place (``piles.pile_tops``)."""
        # Where Qt puts each stamp's top-left corner: its centre less half its size, rounded.
        half_width, half_height = self._part[2] / 2, self._part[3] / 2
        tops = pile_tops(np.floor(fragments[:, 0] - (half_width - 0.5)),
                         np.floor(fragments[:, 1] - (half_height - 0.5)), self.pile_depth)
        return fragments if tops is None else fragments[tops]

    def _fragment_buffer(self, count: int) -> np.ndarray:
        """Fragments for ``count`` markers: the marker's part stamped (``_stamped_part``), scale and
        opacity are written when the buffer or the marker is new, so a frame writes only the positions."""
        if len(self._fragments) < count:
            self._fragments = np.zeros((max(count, 2 * len(self._fragments)), _FRAGMENT_FIELDS))
            self._stamp = None
        if self._stamp != self._pixmap.cacheKey():
            self._stamp = self._pixmap.cacheKey()
            ratio = self._pixmap.devicePixelRatio()
            scale = 1.0 / ratio if ratio else 1.0
            for column, value in zip((2, 3, 4, 5, 6, 7, 9), (*self._part, scale, scale, 1.0)):
                self._fragments[:, column] = value
        return self._fragments[:count]
