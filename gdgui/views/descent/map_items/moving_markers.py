"""The race's markers as they move: each step repaints around the old and new spots (``rooms``)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from gdgui.views.descent.map_items.rooms import bounds, grown, inside, pixel_size, room_around

__all__ = ["MovingMarkers"]


class MovingMarkers(pg.ScatterPlotItem):
    """A ``ScatterPlotItem`` whose spots ``move`` with their looks kept (``setData`` would restyle
    every spot, ~1.5 ms a frame), repainting the small squares they left and reached, not the
    rectangle around all of them. On screen a paint stamps the spots from pyqtgraph's own atlas
    as its ``paint`` does (the same fragments, ~0.4 ms less a paint: no culling, which the view's
    clip does anyway); anything else (an export, another device ratio) is pyqtgraph's ``paint``."""

    def __init__(self, *args, **kwargs):
        self._room: QRectF | None = None  # in data units; None: pyqtgraph's own bounding rectangle
        self._padded: QRectF | None = None
        self._pixel_size: tuple[float, float] | None = None  # a pixel in data units, kept until the view changes
        super().__init__(*args, **kwargs)

    def move(self, points: np.ndarray) -> None:
        """New positions (N, 2) for the N spots there are."""
        old = np.column_stack([self.data["x"], self.data["y"]])
        self.data["x"], self.data["y"] = points[:, 0], points[:, 1]
        self.bounds = [None, None]  # as ScatterPlotItem.addPoints does after new positions
        self.picture = None
        moved = np.vstack([old, points])
        changed = bounds(moved) if np.isfinite(moved).all() else None
        if changed is None or self._room is None or not inside(changed, self._room):
            self.prepareGeometryChange()  # the old rectangle repainted whole
            self._room, self._padded = room_around(bounds(points), self._pixel()), None
            self.informViewBoundsChanged()
            self.update()
            return
        pixel, reach = self._pixel(), self._maxSpotPxWidth / 2
        moving = np.any(old != points, axis=1)
        for x, y in np.vstack([old[moving], points[moving]]).tolist():
            self.update(grown(QRectF(x, y, 0, 0), reach, pixel))

    def paint(self, painter, option, widget=None) -> None:
        atlas = self.fragmentAtlas
        if (self._exportOpts is not False or not (self.opts["pxMode"] is True and self.opts["useCache"])
                or self.opts.get("compositionMode") is not None or widget is None
                or widget.devicePixelRatioF() != atlas.devicePixelRatio() or not len(self.data)):
            super().paint(painter, option, widget)
            return
        t = painter.transform()
        x, y = self.data["x"], self.data["y"]
        finite = np.isfinite(x) & np.isfinite(y)  # pyqtgraph's culling drops the others too
        x, y = x[finite], y[finite]
        self._pixmapFragments.resize(len(x))
        fragments = self._pixmapFragments.ndarray()
        fragments[:, 0] = np.clip(t.m11() * x + t.m21() * y + t.dx(), -2 ** 30, 2 ** 30)  # as pyqtgraph maps and clips
        fragments[:, 1] = np.clip(t.m12() * x + t.m22() * y + t.dy(), -2 ** 30, 2 ** 30)
        fragments[:, 2:6] = np.frombuffer(self.data["sourceRect"][finite], dtype=int).reshape((-1, 4))
        fragments[:, 6:10] = [1 / atlas.devicePixelRatio(), 1 / atlas.devicePixelRatio(), 0.0, 1.0]
        painter.resetTransform()
        painter.drawPixmapFragments(*self._pixmapFragments.drawargs(), atlas.pixmap)

    def setData(self, *args, **kwargs) -> None:  # noqa: N802 — pyqtgraph's name
        self.prepareGeometryChange()
        self._room = self._padded = None  # restyled or replaced: pyqtgraph's bounding rectangle until a move
        super().setData(*args, **kwargs)

    def viewTransformChanged(self) -> None:  # noqa: N802 — pyqtgraph's name
        super().viewTransformChanged()
        self._room = self._padded = self._pixel_size = None  # a spot's size is another length in data units

    def boundingRect(self) -> QRectF:  # noqa: N802 — Qt's name
        if self._room is None:
            return super().boundingRect()
        if self._padded is None:
            self._padded = grown(self._room, self._maxSpotPxWidth / 2, self._pixel())
        return self._padded

    def _pixel(self) -> tuple[float, float]:
        if self._pixel_size is None:
            self._pixel_size = pixel_size(self)
        return self._pixel_size
