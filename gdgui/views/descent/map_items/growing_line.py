"""A line that repaints only where it changed: a path as it is walked, a marker as it moves.

Qt repaints an item's whole bounding rectangle when its geometry changes, and with it every item
under that rectangle (the map's colours and contour lines, the other paths). A path that gains a
point a frame changes only near its end, so these items keep their bounding rectangle (``room``,
the data's bounds with a margin, grown only when the data leave it) and mark as changed only the
rectangle around what moved. The picture is pyqtgraph's, drawn by its own ``paint``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

__all__ = ["GrowingLine", "changed_rows"]

_ROOM_SHARE = 0.25  # the room reaches this share of the data's size beyond it on every side
_ROOM_PX = 40       # and at least this many pixels
_EDGE_PX = 2        # antialiased pixels beyond a pen's width


def changed_rows(old: np.ndarray, new: np.ndarray) -> int:
    """How many first rows ``old`` and ``new`` (N, 2) share (a NaN row is never shared)."""
    n = min(len(old), len(new))
    same = (old[:n] == new[:n]).all(axis=1)
    return n if same.all() else int(np.argmin(same))


def _bounds(xy: np.ndarray) -> QRectF | None:
    """The finite points' bounding rectangle; None without any."""
    finite = xy[np.isfinite(xy).all(axis=1)]
    if not len(finite):
        return None
    (x0, y0), (x1, y1) = finite.min(axis=0), finite.max(axis=0)
    return QRectF(x0, y0, x1 - x0, y1 - y0)


def _inside(inner: QRectF, outer: QRectF) -> bool:
    """``inner`` within ``outer``, edges included (QRectF.contains says no for a rectangle of no width)."""
    return (outer.left() <= inner.left() and inner.right() <= outer.right()
            and outer.top() <= inner.top() and inner.bottom() <= outer.bottom())


class GrowingLine(pg.PlotCurveItem):
    """A ``PlotCurveItem`` fed by ``set_line``: a line that keeps its first points and changes its last
    ones repaints the rectangle around those (the pens' width included), not the whole line's."""

    def __init__(self, *args, **kwargs):
        self._xy: np.ndarray | None = np.empty((0, 2))  # as last set by set_line; None: set otherwise
        self._room: QRectF | None = None  # in data units; None: pyqtgraph's own bounding rectangle
        self._padded: QRectF | None = None
        self._quiet = False
        super().__init__(*args, **kwargs)

    def set_line(self, xy: np.ndarray) -> None:
        """Points (N, 2); repaints around the points that changed."""
        old = self._xy
        if old is None:
            self._redraw_all(xy)
            return
        kept = changed_rows(old, xy)
        if kept == len(old) == len(xy):
            return  # the same line: nothing to redraw
        tail = np.vstack([old[kept - 1:], xy[kept - 1:]]) if kept else None  # the segments that changed
        changed = _bounds(tail) if tail is not None and np.isfinite(tail).all() else None
        if changed is None or self._room is None or not _inside(changed, self._room):
            self._redraw_all(xy)
            return
        self._quietly(lambda: self.setData(xy[:, 0], xy[:, 1]))
        self._xy = xy
        self.update(self._pad(changed))

    def _redraw_all(self, xy: np.ndarray) -> None:
        """The old and the new line repainted whole, in a room made for the new one."""
        pg.PlotCurveItem.prepareGeometryChange(self)
        data = _bounds(xy)
        if data is None:
            self._room = None
        else:
            width, height = self._pixel()
            mx = max(_ROOM_SHARE * data.width(), _ROOM_PX * width)
            my = max(_ROOM_SHARE * data.height(), _ROOM_PX * height)
            self._room = data.adjusted(-mx, -my, mx, my)
        self._padded = None
        self._quietly(lambda: self.setData(xy[:, 0], xy[:, 1]))
        self._xy = xy
        pg.PlotCurveItem.informViewBoundsChanged(self)
        pg.PlotCurveItem.update(self)

    def _quietly(self, action) -> None:
        self._quiet = True
        try:
            action()
        finally:
            self._quiet = False

    def updateData(self, *args, **kwargs) -> None:  # noqa: N802 — pyqtgraph's name
        super().updateData(*args, **kwargs)
        if not self._quiet:  # data set other than by set_line: the next set_line redraws it all
            self._xy = None

    # pyqtgraph's setData calls these three: while quiet, the line's room holds and set_line says what changed.
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

    def viewTransformChanged(self) -> None:  # noqa: N802 — pyqtgraph's name
        self._padded = None  # a pen's width is another length in data units
        room = self._room
        super().viewTransformChanged()
        self._room = room

    def boundingRect(self) -> QRectF:  # noqa: N802 — Qt's name
        if self._room is None:
            return super().boundingRect()
        if self._padded is None:
            self._padded = self._pad(self._room)
        return self._padded

    def _pixel(self) -> tuple[float, float]:
        """A pixel's width and height in data units (0 before the line is on a view)."""
        px, py = self.pixelVectors()
        return (0.0 if px is None else px.length()), (0.0 if py is None else py.length())

    def _pad(self, rect: QRectF) -> QRectF:
        """``rect`` grown by the widest pen's half width and the antialiased edge."""
        pens = [self.opts["pen"], self.opts["shadowPen"]]
        reach = max([pen.widthF() / 2 for pen in pens if pen is not None] + [0.0]) + _EDGE_PX
        width, height = self._pixel()
        return rect.adjusted(-reach * width, -reach * height, reach * width, reach * height)
