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
    rectangle around all of them; pyqtgraph's own ``paint`` draws them."""

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
