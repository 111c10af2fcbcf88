"""A swarm's fading trails as one item: per age, segments stroked as pyqtgraph strokes them.

Five ``PlotCurveItem(connect="pairs")``, one per age, cost ~0.15 ms each a frame just to find
their bounds (nan-aware reductions, a walk for the pixel's size), as every frame brings new
segments. This item strokes the same paths (pyqtgraph's own ``arrayToQPath``) with the same pens
and render hint, the oldest first as the curves' z order drew them, so the pixels are the same;
its bounds come from four reductions over every age at once.

Given as positions (``set_trails``), a trail that its particle's marker covers on the screen — a
particle that has all but stopped, under a full-size disc (a crowd's smaller ones cover none) — is not
stroked: every pixel it would touch is painted over, fully opaque, by the marker drawn above it.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPen

from gdgui.views.descent.map_items.rooms import bounds, grown, pixel_size, stroke_reach

__all__ = ["TrailLines"]

SAFETY_PX = 0.5  # a trail left out lies this many pixels further inside its marker's opaque part than needed


def _pairs(newer: np.ndarray, older: np.ndarray) -> np.ndarray:
    """Point pairs (older, newer) per particle, for a ``connect="pairs"`` path."""
    pairs = np.empty((2 * len(newer), 2))
    pairs[0::2], pairs[1::2] = older, newer
    return pairs


class TrailLines(pg.GraphicsObject):
    """Line segments per age (0 the newest): ``set_segments`` takes, per age, point pairs (2M, 2)."""

    def __init__(self, ages: int):
        super().__init__()
        self.ages = ages
        self._pens = [QPen() for _ in range(ages)]
        self._segments = [np.empty((0, 2)) for _ in range(ages)]
        self._trails: list[np.ndarray] = []  # positions per age, when given so (set_trails)
        self._covered = 0.0  # pixels around a particle's point its marker paints opaque
        self._paths: list | None = None  # built when first painted on the screen
        self._data: QRectF | None = None  # the finite points' bounds
        self._padded: QRectF | None = None
        self._pixel: tuple[float, float] | None = None  # a pixel in data units, until the view changes
        self._antialias = pg.getConfigOption("antialias")  # as a PlotCurveItem takes it

    def segments(self, age: int) -> np.ndarray:
        return self._segments[age]

    def stroked(self, age: int) -> np.ndarray:
        """The segments of ``age`` stroked on the screen at the view's present zoom (``set_trails``)."""
        return self._stroked()[age]

    def pen(self, age: int) -> QPen:
        return self._pens[age]

    def set_pens(self, pens: list[QPen]) -> None:
        self.prepareGeometryChange()  # a wider pen reaches further
        self._pens, self._padded, self._paths = list(pens), None, None
        self.update()

    def set_trails(self, trails: list[np.ndarray], covered_px: float = 0.0) -> None:
        """Positions (N, 2) per age, 0 now: the same particles in the same rows of every entry, a segment
        from each to the next age's. ``covered_px``: the markers drawn above the trails paint every pixel
        whose centre lies this near their point fully opaque (``PointCloudItem.opaque_reach``), so a
        trail within that stays unstroked on the screen."""
        self._set([_pairs(trails[age], trails[age + 1]) for age in range(len(trails) - 1)], list(trails), covered_px)

    def set_segments(self, segments: list[np.ndarray]) -> None:
        """Point pairs (older, newer) per age; ages past the list's end are empty."""
        self._set(segments, [], 0.0)

    def _set(self, segments: list[np.ndarray], trails: list[np.ndarray], covered_px: float) -> None:
        empty = np.empty((0, 2))
        segments = [segments[age] if age < len(segments) else empty for age in range(self.ages)]
        if not any(len(s) for s in segments) and self._data is None:
            return  # empty before and after: nothing to redraw
        self.prepareGeometryChange()
        self._segments, self._trails, self._covered, self._paths = segments, trails, covered_px, None
        filled = [s for s in segments if len(s)]
        self._data = bounds(np.concatenate(filled)) if filled else None
        self._padded = None
        self.update()

    def viewTransformChanged(self) -> None:  # noqa: N802 — pyqtgraph's name
        super().viewTransformChanged()
        self.prepareGeometryChange()
        self._padded = self._pixel = self._paths = None  # a pen's width is another length in data units

    def _pixels(self) -> tuple[float, float]:
        if self._pixel is None:
            self._pixel = pixel_size(self)
        return self._pixel

    def boundingRect(self) -> QRectF:  # noqa: N802 — Qt's name
        if self._data is None:
            return QRectF()
        if self._padded is None:
            self._padded = grown(self._data, stroke_reach(self._pens), self._pixels())
        return self._padded

    def paint(self, painter: QPainter, *args) -> None:
        export = self._exportOpts
        painter.setRenderHint(QPainter.RenderHint.Antialiasing,
                              export.get("antialias", True) if export is not False else self._antialias)
        if export is False and painter.device().devicePixelRatioF() == 1:  # whole pixels: the markers' own
            if self._paths is None:
                self._paths = [_path(s) for s in self._stroked()]
            paths = self._paths
        else:  # an export, or a screen that scales the markers: every segment
            paths = [_path(s) for s in self._segments]
        for age in reversed(range(self.ages)):  # the oldest, faintest first: the newest lie on top
            if paths[age] is not None:
                painter.setPen(self._pens[age])
                painter.drawPath(paths[age])

    def _stroked(self) -> list[np.ndarray]:
        """The segments of every age but the covered particles': a particle whose positions all lie
        within ``room`` pixels of where it is now touches only pixels its marker paints over."""
        # A pixel a stroke touches has its centre within the stroke's reach and half a pixel's diagonal of the line.
        room = self._covered - stroke_reach(self._pens) - math.sqrt(0.5) - SAFETY_PX
        px, py = self._pixels()
        if len(self._trails) < 2 or room <= 0 or not (px > 0 and py > 0):
            return self._segments
        now = self._trails[0]
        shown = np.zeros(len(now), dtype=bool)
        for older in self._trails[1:]:  # NaN is never near: such a trail is stroked as it is
            shown |= ~(np.hypot((older[:, 0] - now[:, 0]) / px, (older[:, 1] - now[:, 1]) / py) < room)
        rows = np.repeat(shown, 2)
        return [s[rows] if len(s) == len(rows) else s for s in self._segments]


def _path(points: np.ndarray):
    return pg.functions.arrayToQPath(points[:, 0], points[:, 1], connect="pairs") if len(points) else None
