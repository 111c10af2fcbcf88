"""Curves that grow at their end, drawn by one plot item: a frame repaints only what it changed.

A PlotDataItem a curve repainted every curve whole each frame, and every item under it (in the
Descent tab's loss plots: ~100k pixels a frame, ~0.5 ms a ``setData``). ``GrowingCurves`` draws its
curves as PlotCurveItem draws a ``connect="finite"`` curve (the same segments and pen; no segment
to or from a NaN or ±∞; values past a million view heights clipped there, as PlotDataItem does).
New data ask the view to repaint only the rectangle where a curve changed (while a run grows: its
last segment or two), and a paint draws only the segments that reach into the part repainted: a
curve's x increases, so they are found by bisection. (Drawn first into an image kept between
paints, the curves cost more: copying even a thin strip of it onto the view went through Qt's
clipped span blending, split over threads, ~1 ms a paint.) An export (SVG, PNG at another size)
gets the curves as vectors.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap, QTransform

from gdgui.views.widgets.curve_segments import (
    FEW_POINTS,
    RANGE_LIMIT,
    extent,
    few_segments,
    first_change,
    segments,
    view_units,
)

__all__ = ["GrowingCurves", "Curve", "Dot"]


class _Member:
    """A curve or dot of a ``GrowingCurves``: shown or hidden as an item is, drawn by its owner."""

    _owner: GrowingCurves
    _visible = True

    def setVisible(self, visible: bool) -> None:  # noqa: N802 — QGraphicsItem's name
        if visible != self._visible:
            self._visible = visible
            self._owner.redraw()

    def isVisible(self) -> bool:  # noqa: N802 — QGraphicsItem's name
        return self._visible and self._owner.isVisible()


class Curve(_Member):
    """One curve of a ``GrowingCurves``; reads as a PlotDataItem does (``xData``, ``yData`` as
    given, ``opts["pen"]``, ``setPen``, ``setVisible``)."""

    def __init__(self, owner: GrowingCurves, pen: QPen):
        self._owner = owner
        self.opts = {"pen": pen}
        self.xData: np.ndarray | None = None
        self.yData: np.ndarray | None = None
        self.x, self.y = np.empty(0), np.empty(0)  # as drawn: log10 of y on a log axis
        self.log = False
        self._visible = True

    def setPen(self, pen: QPen) -> None:  # noqa: N802 — PlotDataItem's name
        self.opts["pen"] = pen
        self._owner.redraw()

    def setData(self, x, y, log: bool = False) -> None:  # noqa: N802 — PlotDataItem's name
        """New points (x increasing); only where they differ from the old ones is drawn again."""
        x, given = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        y = view_units(given, log)
        self.xData, self.yData = x, given
        if log != self.log:
            self.log, self.x, self.y = log, x, y
            self._owner.redraw()
            return
        start = first_change(self.x, self.y, x, y)
        if start is None:
            return  # the same points: nothing to draw
        first = max(start - 1, 0)  # the segment into the first changed point changed too
        changed = extent(self.x[first:], self.y[first:]).united(extent(x[first:], y[first:]))
        self.x, self.y = x, y
        if self._visible and not changed.isNull():
            self._owner.changed(changed)


class Dot(_Member):
    """A marker of a ``GrowingCurves`` at one point (the step shown on a curve); reads as a
    PointCloudItem of one point does (``points``, ``fill``). Moving it repaints where it was and is."""

    def __init__(self, owner: GrowingCurves):
        self._owner = owner
        self.point: tuple[float, float] | None = None  # as drawn: log10 of y on a log axis
        self.fill = ""
        self.marker: QPixmap | None = None  # stamped on screen
        self.shape: tuple[QPainterPath, float, QPen] | None = None  # in an export: the path, its size, its outline
        self._visible = True

    @property
    def points(self) -> np.ndarray:
        return np.array([self.point]) if self.point is not None else np.empty((0, 2))

    def set_marker(self, marker: QPixmap, fill: str, shape: QPainterPath, size: float, outline: QPen) -> None:
        self.marker, self.fill, self.shape = marker, fill, (shape, size, outline)
        self._owner.redraw()

    def set_point(self, x: float, y: float, log: bool = False) -> None:
        """The dot at (x, y), y on a log axis if ``log`` (drawn as its curve's points are: ``view_units``);
        nowhere if either is not finite there."""
        if log:
            y = float(view_units(np.array([y], dtype=float), True)[0])
        point = (x, y) if math.isfinite(x) and math.isfinite(y) else None
        if point != self.point:
            old, self.point = self.point, point
            if self._visible:
                self._owner.dot_moved(self, old, point)


class GrowingCurves(pg.GraphicsObject):
    """The curves of one plot, each made by ``add_curve``, drawn straight onto the view."""

    def __init__(self):
        super().__init__()
        self.curves: list[Curve] = []
        self.dots: list[Dot] = []  # drawn over the curves
        self._bounds: QRectF | None = None
        self._to_device: QTransform | None = None  # the transform of the last paint on screen
        self._pad = (0.0, 0.0)  # a changed rectangle's margin, in item units: half a pen and a pixel
        self._pixel = (0.0, 0.0)  # a device pixel, in item units
        # A paint is told the part it repaints (else the whole view): only the segments there are drawn.
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def add_curve(self, pen: QPen | None = None) -> Curve:
        curve = Curve(self, pen if pen is not None else pg.mkPen(None))
        self.curves.append(curve)
        return curve

    def add_dot(self) -> Dot:
        dot = Dot(self)
        self.dots.append(dot)
        return dot

    def redraw(self) -> None:
        """Everything again at the next paint (a pen, a curve shown or hidden, log or linear)."""
        self._to_device = None  # the margins again too: a pen may be wider
        self.update()

    def changed(self, rect: QRectF) -> None:
        """A curve changed inside ``rect`` (item units): that rectangle is repainted."""
        if self._to_device is None:
            self.update()
            return
        pad_x, pad_y = self._pad
        rect = rect.adjusted(-pad_x, -pad_y, pad_x, pad_y).intersected(self.boundingRect())
        if not rect.isEmpty():
            self.update(rect)

    def dot_moved(self, dot: Dot, old: tuple[float, float] | None, new: tuple[float, float] | None) -> None:
        """Repaint where ``dot`` was and where it is."""
        if self._to_device is None or dot.marker is None:
            self.redraw()
            return
        reach = dot.marker.deviceIndependentSize().width() / 2 + 1
        pad_x, pad_y = reach * self._pixel[0], reach * self._pixel[1]
        for x, y in [point for point in (old, new) if point is not None]:
            self.update(QRectF(x - pad_x, y - pad_y, 2 * pad_x, 2 * pad_y))

    def viewTransformChanged(self) -> None:  # noqa: N802 — pyqtgraph hook: a new range or size
        self.prepareGeometryChange()
        self._bounds = None
        self.redraw()
        super().viewTransformChanged()

    def boundingRect(self) -> QRectF:  # noqa: N802 — Qt override: the view's (the curves never move it)
        if self._bounds is None:
            view = self.viewRect()
            self._bounds = QRectF(view) if view is not None else QRectF()
        return self._bounds

    def dataBounds(self, axis, frac=1.0, orthoRange=None):  # noqa: N802 — pyqtgraph's auto-range hook
        """The shown curves' and dots' finite extent along ``axis`` (as drawn), as their own items gave it."""
        values = [(curve.x, curve.y)[axis] for curve in self.curves if curve._visible]
        values += [np.array([dot.point[axis]]) for dot in self.dots if dot._visible and dot.point is not None]
        values = np.concatenate(values) if values else np.empty(0)
        finite = values[np.isfinite(values)]
        return (float(finite.min()), float(finite.max())) if len(finite) else (None, None)

    def pixelPadding(self) -> float:  # noqa: N802 — pyqtgraph's auto-range hook: PlotCurveItem's margin
        pens = [curve.opts["pen"] for curve in self.curves if curve._visible]
        return max([pen.widthF() * 0.7072 for pen in pens if pen.isCosmetic() and pen.style() != Qt.PenStyle.NoPen],
                   default=0)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if widget is None or self._exportOpts:  # an export or a render elsewhere: every segment, as vectors
            self._draw(painter, None, self._exportOpts.get("antialias", True) if self._exportOpts else None)
            self._draw_dots(painter, vector=True)
            return
        to_device = painter.transform()
        if to_device != self._to_device:
            self._measure(to_device)
        painter.save()
        self._draw(painter, option.exposedRect)
        painter.restore()
        self._draw_dots(painter, vector=False)

    def _measure(self, to_device: QTransform) -> None:
        """A device pixel and a changed rectangle's margin (half the widest pen and a pixel each side)
        in item units, for the view's device transform ``to_device``."""
        self._to_device = QTransform(to_device)
        reach = max(curve.opts["pen"].widthF() for curve in self.curves) + 2 if self.curves else 2
        pixel = to_device.inverted()[0].mapRect(QRectF(0, 0, 1, 1))
        self._pixel = (pixel.width(), pixel.height())
        self._pad = (reach * pixel.width(), reach * pixel.height())

    def _draw_dots(self, painter: QPainter, vector: bool) -> None:
        """The dots at their device positions: stamped markers, or in an export their shapes."""
        to_device = painter.transform()
        painter.save()
        painter.resetTransform()
        for dot in self.dots:
            if not dot._visible or dot.point is None or dot.marker is None:
                continue
            centre = to_device.map(QPointF(*dot.point))
            if vector:
                shape, size, outline = dot.shape
                painter.setPen(outline)
                painter.setBrush(QColor(dot.fill))
                painter.drawPath(QTransform(size, 0, 0, size, centre.x(), centre.y()).map(shape))
            else:
                scale = 1 / dot.marker.devicePixelRatio()
                fragment = QPainter.PixmapFragment.create(centre, QRectF(dot.marker.rect()), scale, scale)
                painter.drawPixmapFragments(fragment, 1, dot.marker)
        painter.restore()

    def _draw(self, painter: QPainter, rect: QRectF | None, antialias: bool | None = None) -> None:
        """Every shown curve (only its segments across ``rect``'s x span, if given), as
        PlotCurveItem draws it: separate segments for an opaque solid pen wider than a pixel."""
        antialias = pg.getConfigOption("antialias") if antialias is None else antialias
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialias)
        for curve in self.curves:
            if not curve._visible or len(curve.x) < 2:
                continue
            x, y = curve.x, curve.y
            if rect is not None:  # x increases: every segment whose stroke (its caps too) reaches into the rect
                first = max(int(np.searchsorted(x, rect.left() - self._pad[0])) - 1, 0)
                last = int(np.searchsorted(x, rect.right() + self._pad[0], "right")) + 1
                x, y = x[first:last], y[first:last]
            if len(x) < 2:
                continue
            pen = curve.opts["pen"]
            painter.setPen(pen)
            low, high = self._y_limits()
            if not (pen.widthF() > 1 and pen.style() == Qt.PenStyle.SolidLine and pen.isSolid()
                    and pen.color().alphaF() == 1.0 and not antialias):
                painter.drawPath(pg.arrayToQPath(x, np.clip(y, low, high), connect="finite"))
            elif len(x) <= FEW_POINTS:
                painter.drawLines(few_segments(x.tolist(), [min(max(v, low), high) for v in y.tolist()]))
            else:  # separate segments, as PlotCurveItem draws an opaque solid pen wider than a pixel
                lines = segments(x, np.clip(y, low, high))
                if len(lines):
                    painter.drawLines(shiboken6.wrapInstance(lines.ctypes.data, QLineF), len(lines))

    def _y_limits(self) -> tuple[float, float]:
        """Values past a million view heights are clipped to there (Qt draws wrongly that far out)."""
        view = self.boundingRect()
        if view.isNull() or view.height() <= 0:
            return -math.inf, math.inf
        reach = RANGE_LIMIT * view.height()
        return view.top() - reach, view.bottom() + reach
