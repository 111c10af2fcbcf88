"""Rectangles in data units for items that repaint only what changed (``GrowingLine``, ``MovingMarkers``).

Qt repaints an item's whole bounding rectangle when its geometry changes, and with it every item
under that rectangle (the map's colours and contour lines, the paths). An item that keeps its
bounding rectangle (its *room*: its data's bounds with a margin, made afresh only when the data
leave it) can mark as changed just the rectangle around what moved.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF

__all__ = ["bounds", "inside", "room_around", "grown", "pixel_size", "stroke_reach"]

ROOM_SHARE = 0.25  # a room reaches this share of the data's size beyond them on every side
ROOM_PX = 40       # and at least this many pixels
EDGE_PX = 2        # antialiased pixels beyond a pen's or a marker's edge
CAP_REACH = 0.7072  # a square cap's corner lies this many pen widths from the line's end (√2 / 2)


def bounds(xy: np.ndarray) -> QRectF | None:
    """The finite points' bounding rectangle; None without any."""
    if not len(xy):
        return None
    x, y = xy[:, 0], xy[:, 1]
    x0, x1, y0, y1 = x.min(), x.max(), y.min(), y.max()  # column by column: no reduction along the length-2 axis
    if np.isfinite((x0, x1, y0, y1)).all():  # a NaN or ±inf anywhere would show in one of these
        return QRectF(x0, y0, x1 - x0, y1 - y0)
    finite = xy[np.isfinite(x) & np.isfinite(y)]
    if not len(finite):
        return None
    (x0, y0), (x1, y1) = finite.min(axis=0), finite.max(axis=0)
    return QRectF(x0, y0, x1 - x0, y1 - y0)


def inside(inner: QRectF, outer: QRectF) -> bool:
    """``inner`` within ``outer``, edges included (QRectF.contains says no for a rectangle of no width)."""
    return (outer.left() <= inner.left() and inner.right() <= outer.right()
            and outer.top() <= inner.top() and inner.bottom() <= outer.bottom())


def room_around(data: QRectF | None, pixel: tuple[float, float]) -> QRectF | None:
    """A room for data within ``data``: room to move by a quarter of their size, or 40 px, every way."""
    if data is None:
        return None
    mx = max(ROOM_SHARE * data.width(), ROOM_PX * pixel[0])
    my = max(ROOM_SHARE * data.height(), ROOM_PX * pixel[1])
    return data.adjusted(-mx, -my, mx, my)


def grown(rect: QRectF, reach_px: float, pixel: tuple[float, float]) -> QRectF:
    """``rect`` grown by ``reach_px`` pixels and the antialiased edge on every side."""
    dx, dy = (reach_px + EDGE_PX) * pixel[0], (reach_px + EDGE_PX) * pixel[1]
    return rect.adjusted(-dx, -dy, dx, dy)


def stroke_reach(pens) -> float:
    """How many pixels a stroke of the widest of ``pens`` reaches beyond its line (a square cap's corner)."""
    return CAP_REACH * max((pen.widthF() for pen in pens), default=0.0)


def pixel_size(item) -> tuple[float, float]:
    """A pixel's width and height in the item's data units (0 before it is on a view)."""
    px, py = item.pixelVectors()
    return (0.0 if px is None else px.length()), (0.0 if py is None else py.length())
