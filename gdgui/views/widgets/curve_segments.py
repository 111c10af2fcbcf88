"""The geometry of a curve as pyqtgraph draws a ``connect="finite"`` curve, for ``growing_curve``: its
segments (none to or from a NaN or ±∞), values in view units (log10 on a log axis; past a million
view heights clipped, as PlotDataItem's dynamicRangeLimit does), extents, and where new data first
differ from the old."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QLineF, QRectF

__all__ = ["first_change", "view_units", "extent", "segments", "few_segments", "FEW_POINTS", "RANGE_LIMIT"]

FEW_POINTS = 32  # points drawn without NumPy (its cost a call is more than theirs)
RANGE_LIMIT = 1e6  # view heights past the view where values are clipped (PlotDataItem's dynamicRangeLimit)


def first_change(old_x: np.ndarray, old_y: np.ndarray, x: np.ndarray, y: np.ndarray) -> int | None:
    """The first index where the points (x, y) differ from (old_x, old_y) (NaN equals NaN), or
    None if they are the same points."""
    common = min(len(old_x), len(x))
    if old_x[:common].tobytes() == x[:common].tobytes() and old_y[:common].tobytes() == y[:common].tobytes():
        return None if len(old_x) == len(x) else common  # a grown curve: one comparison of memory
    same = (old_x[:common] == x[:common]) & ((old_y[:common] == y[:common])
                                              | (np.isnan(old_y[:common]) & np.isnan(y[:common])))
    differing = np.flatnonzero(~same)
    if len(differing):
        return int(differing[0])
    return None if len(old_x) == len(x) else common


def view_units(values: np.ndarray, log: bool) -> np.ndarray:
    """``values`` as drawn: log10 on a log axis, where a value ≤ 0 or ±∞ is NaN (a gap)."""
    if not log:
        return values
    with np.errstate(divide="ignore", invalid="ignore"):
        logged = np.log10(values)
    logged[~np.isfinite(logged)] = np.nan
    return logged


def extent(x: np.ndarray, y: np.ndarray) -> QRectF:
    """The rectangle around the finite points (null if there are none)."""
    if len(x) <= FEW_POINTS:  # a grown curve's tail: plain floats cost less than NumPy's calls
        points = [(u, v) for u, v in zip(x.tolist(), y.tolist()) if math.isfinite(u) and math.isfinite(v)]
        if not points:
            return QRectF()
        xs, ys = [u for u, _ in points], [v for _, v in points]
        return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    finite = np.isfinite(x) & np.isfinite(y)
    if not finite.any():
        return QRectF()
    x, y = x[finite], y[finite]
    left, top = float(x.min()), float(y.min())
    return QRectF(left, top, float(x.max()) - left, float(y.max()) - top)


def segments(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The segments (x1, y1, x2, y2) between consecutive finite points, laid out as QLineF's."""
    joined = np.isfinite(x[:-1]) & np.isfinite(y[:-1]) & np.isfinite(x[1:]) & np.isfinite(y[1:])
    return np.ascontiguousarray(np.column_stack((x[:-1], y[:-1], x[1:], y[1:]))[joined])


def few_segments(x: list[float], y: list[float]) -> list[QLineF]:
    """``segments`` of a few points, without NumPy's cost a call."""
    lines, last = [], None
    for point in zip(x, y):
        if math.isfinite(point[0]) and math.isfinite(point[1]):
            if last is not None:
                lines.append(QLineF(*last, *point))
            last = point
        else:
            last = None
    return lines
