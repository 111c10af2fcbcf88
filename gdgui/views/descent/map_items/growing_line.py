"""A path as it is walked: a line that repaints only around the points it changed (``rooms``)."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem

from gdgui.views.descent.map_items.rooms import bounds, grown, inside, pixel_size, room_around, stroke_reach

__all__ = ["GrowingLine", "shared_rows"]


def shared_rows(old: np.ndarray, new: np.ndarray) -> int:
    """How many first rows ``old`` and ``new`` (N, 2) share, bit for bit (so a NaN may be shared)."""
    n = min(len(old), len(new))
    head_old, head_new = np.ascontiguousarray(old[:n]), np.ascontiguousarray(new[:n])
    if head_old.tobytes() == head_new.tobytes():  # the usual case, a line that grew: one memcmp
        return n
    same = (head_old.view(np.uint64) == head_new.view(np.uint64)).all(axis=1)
    return int(np.argmin(same))


def _span(a: np.ndarray, b: np.ndarray) -> QRectF | None:
    """The rectangle around the points of ``a`` and ``b`` (N, 2); None if one is not finite."""
    low = np.minimum(a.min(axis=0), b.min(axis=0)) if len(a) else b.min(axis=0)
    high = np.maximum(a.max(axis=0), b.max(axis=0)) if len(a) else b.max(axis=0)
    (x0, y0), (x1, y1) = low.tolist(), high.tolist()
    if not all(map(math.isfinite, (x0, y0, x1, y1))):  # NaN or ±inf among them
        return None
    return QRectF(x0, y0, x1 - x0, y1 - y0)


class GrowingLine(pg.PlotCurveItem):
    """A ``PlotCurveItem`` fed by ``set_line``: a line that keeps its first points and changes its last
    ones repaints the rectangle around those (the pens' width included), not the whole line's. The
    picture is pyqtgraph's: where pyqtgraph draws the line as separate segments (opaque solid pens
    wider than a pixel, no antialiasing: the race's paths), a paint draws the segments that reach
    into the part repainted, as pyqtgraph draws them all; else pyqtgraph's own ``paint`` draws it."""

    def __init__(self, *args, **kwargs):
        self._xy: np.ndarray | None = np.empty((0, 2))  # as last set by set_line; None: set otherwise
        self._room: QRectF | None = None  # in data units; None: pyqtgraph's own bounding rectangle
        self._padded: QRectF | None = None
        self._pixel_size: tuple[float, float] | None = None  # a pixel in data units, kept until the view changes
        self._quiet = False
        self._segments: np.ndarray | None = None  # (x1, y1, x2, y2) between finite points, made when first painted
        super().__init__(*args, **kwargs)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # paint learns what it repaints

    def set_line(self, xy: np.ndarray) -> None:
        """Points (N, 2); repaints around the points that changed."""
        old = self._xy
        if old is None:
            self._redraw_all(xy)
            return
        kept = shared_rows(old, xy)
        if kept == len(old) == len(xy):
            return  # the same line: nothing to redraw
        changed = _span(old[kept - 1:], xy[kept - 1:]) if kept else None  # around the segments that changed
        if changed is None or self._room is None or not inside(changed, self._room):
            self._redraw_all(xy)
            return
        self._quietly(xy)
        pg.PlotCurveItem.update(self, self._grown(changed))

    def _redraw_all(self, xy: np.ndarray) -> None:
        """The old and the new line repainted whole, in a room made for the new one."""
        pg.PlotCurveItem.prepareGeometryChange(self)
        self._room, self._padded = room_around(bounds(xy), self._pixel()), None
        self._quietly(xy)
        pg.PlotCurveItem.informViewBoundsChanged(self)
        pg.PlotCurveItem.update(self)

    def _quietly(self, xy: np.ndarray) -> None:
        self._quiet = True
        try:
            self.setData(xy[:, 0], xy[:, 1])
        finally:
            self._quiet = False
        self._xy = xy

    def updateData(self, *args, **kwargs) -> None:  # noqa: N802 — pyqtgraph's name
        super().updateData(*args, **kwargs)
        self._segments = None
        if not self._quiet:  # data set other than by set_line: the next set_line redraws it all
            self._xy = None

    # pyqtgraph's setData calls these three: while quiet, the room holds and set_line says what changed.
    def prepareGeometryChange(self) -> None:  # noqa: N802 — Qt's name
        if not self._quiet:
            self._room = self._padded = None
            super().prepareGeometryChange()

    def informViewBoundsChanged(self) -> None:  # noqa: N802 — pyqtgraph's name
        if not self._quiet:
            super().informViewBoundsChanged()

    def update(self, *args) -> None:
        if not self._quiet:
            super().update(*args)

    def setPen(self, *args, **kwargs) -> None:  # noqa: N802 — pyqtgraph's name
        self._new_reach()
        super().setPen(*args, **kwargs)

    def setShadowPen(self, *args, **kwargs) -> None:  # noqa: N802 — pyqtgraph's name
        self._new_reach()
        super().setShadowPen(*args, **kwargs)

    def _new_reach(self) -> None:
        """Another pen (the projector's are wider): the padded room is measured again."""
        pg.PlotCurveItem.prepareGeometryChange(self)
        self._padded = None

    def viewTransformChanged(self) -> None:  # noqa: N802 — pyqtgraph's name
        room = self._room
        super().viewTransformChanged()  # a pen's width is another length in data units
        self._room, self._pixel_size = room, None

    def boundingRect(self) -> QRectF:  # noqa: N802 — Qt's name
        if self._room is None:
            return super().boundingRect()
        if self._padded is None:
            self._padded = self._grown(self._room)
        return self._padded

    def _grown(self, rect: QRectF) -> QRectF:
        """``rect`` grown by the reach of the widest pen's square cap (half its width, diagonally)."""
        pens = [pen for pen in (self.opts["pen"], self.opts["shadowPen"]) if pen is not None]
        return grown(rect, stroke_reach(pens), self._pixel())

    def paint(self, painter, option, widget=None) -> None:
        pens = [self.opts[kind] for kind in ("shadowPen", "pen")]
        pens = [pen for pen in pens if pen is not None and pen.style() != Qt.PenStyle.NoPen]
        if (self._exportOpts is not False or self.xData is None or self.opts["fillLevel"] is not None
                or self.opts["stepMode"] or self.opts["compositionMode"] is not None or self.opts["connect"] != "finite"
                or not all(map(self._shouldUseDrawLineSegments, pens))):
            super().paint(painter, option, widget)
            return
        lines = self._segments_near(option.exposedRect)
        if not len(lines):
            return
        painter.setRenderHint(painter.RenderHint.Antialiasing, False)  # as pyqtgraph's: no antialiasing here
        first = shiboken6.wrapInstance(lines.ctypes.data, QLineF)
        for pen in pens:  # the shadow first, then the line, each over all the segments
            painter.setPen(pen)
            painter.drawLines(first, len(lines))

    def _segments_near(self, exposed: QRectF) -> np.ndarray:
        """The line's segments whose stroke (its caps too) may reach into ``exposed`` (item units):
        a segment's box, grown by the pens' reach, meets it. The others paint nothing there."""
        if self._segments is None:
            x, y = self.xData, self.yData
            joined = np.isfinite(x[:-1]) & np.isfinite(y[:-1]) & np.isfinite(x[1:]) & np.isfinite(y[1:])
            self._segments = np.ascontiguousarray(np.column_stack((x[:-1], y[:-1], x[1:], y[1:]))[joined])
        lines = self._segments
        reach = self._grown(exposed)
        if not len(lines) or min(self._pixel()) <= 0 or reach.contains(self.boundingRect()):
            return lines
        x1, y1, x2, y2 = lines[:, 0], lines[:, 1], lines[:, 2], lines[:, 3]
        near = ((np.minimum(x1, x2) <= reach.right()) & (np.maximum(x1, x2) >= reach.left())
                & (np.minimum(y1, y2) <= reach.bottom()) & (np.maximum(y1, y2) >= reach.top()))
        return np.ascontiguousarray(lines[near])

    def _pixel(self) -> tuple[float, float]:
        if self._pixel_size is None:
            self._pixel_size = pixel_size(self)
        return self._pixel_size
