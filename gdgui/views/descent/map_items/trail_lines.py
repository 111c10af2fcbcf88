"""A swarm's fading trails as one item: per age, segments stroked as pyqtgraph strokes them.

Five ``PlotCurveItem(connect="pairs")``, one per age, cost ~0.15 ms each a frame just to find
their bounds (nan-aware reductions, a walk for the pixel's size), as every frame brings new
segments. This item strokes the same paths (pyqtgraph's own ``arrayToQPath``) with the same pens
and render hint, the oldest first as the curves' z order drew them, so the pixels are the same;
its bounds come from four reductions over every age at once.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPen

from gdgui.views.descent.map_items.rooms import bounds, grown, pixel_size, stroke_reach

__all__ = ["TrailLines"]


class TrailLines(pg.GraphicsObject):
    """Line segments per age (0 the newest): ``set_segments`` takes, per age, point pairs (2M, 2)."""

    def __init__(self, ages: int):
        super().__init__()
        self.ages = ages
        self._pens = [QPen() for _ in range(ages)]
        self._segments = [np.empty((0, 2)) for _ in range(ages)]
        self._paths: list = [None] * ages  # built when first painted
        self._data: QRectF | None = None  # the finite points' bounds
        self._padded: QRectF | None = None
        self._pixel: tuple[float, float] | None = None  # a pixel in data units, until the view changes
        self._antialias = pg.getConfigOption("antialias")  # as a PlotCurveItem takes it

    def segments(self, age: int) -> np.ndarray:
        return self._segments[age]

    def pen(self, age: int) -> QPen:
        return self._pens[age]

    def set_pens(self, pens: list[QPen]) -> None:
        self.prepareGeometryChange()  # a wider pen reaches further
        self._pens, self._padded = list(pens), None
        self.update()

    def set_segments(self, segments: list[np.ndarray]) -> None:
        """Point pairs (older, newer) per age; ages past the list's end are empty."""
        empty = np.empty((0, 2))
        segments = [segments[age] if age < len(segments) else empty for age in range(self.ages)]
        if not any(len(s) for s in segments) and self._data is None:
            return  # empty before and after: nothing to redraw
        self.prepareGeometryChange()
        self._segments, self._paths = segments, [None] * self.ages
        filled = [s for s in segments if len(s)]
        self._data = bounds(np.concatenate(filled)) if filled else None
        self._padded = None
        self.update()

    def viewTransformChanged(self) -> None:  # noqa: N802 — pyqtgraph's name
        super().viewTransformChanged()
        self.prepareGeometryChange()
        self._padded = self._pixel = None  # a pen's width is another length in data units

    def boundingRect(self) -> QRectF:  # noqa: N802 — Qt's name
        if self._data is None:
            return QRectF()
        if self._padded is None:
            if self._pixel is None:
                self._pixel = pixel_size(self)
            self._padded = grown(self._data, stroke_reach(self._pens), self._pixel)
        return self._padded

    def paint(self, painter: QPainter, *args) -> None:
        export = self._exportOpts
        painter.setRenderHint(QPainter.RenderHint.Antialiasing,
                              export.get("antialias", True) if export is not False else self._antialias)
        for age in reversed(range(self.ages)):  # the oldest, faintest first: the newest lie on top
            points = self._segments[age]
            if not len(points):
                continue
            if self._paths[age] is None:
                self._paths[age] = pg.functions.arrayToQPath(points[:, 0], points[:, 1], connect="pairs")
            painter.setPen(self._pens[age])
            painter.drawPath(self._paths[age])
