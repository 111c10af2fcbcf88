"""Where a race's path left the map: an arrow on the edge, "off the map at step k" beside it on the map,
and the path beyond drawn thin and dashed (``ExitMark``)."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt

from gdgui.controllers.descent.frame_data import PathExit
from gdgui.controllers.shell.theme import Sizes
from gdgui.views.descent.map_items.updates import set_line, show_if
from gdgui.views.widgets.plot_style import INK, pen

__all__ = ["ExitMark", "PATH_Z", "EXIT_Z"]

PATH_Z = 20  # a race's paths; the path beyond the edge just under them
EXIT_Z = 35  # above the minima's stars and labels: the one thing to read while the point is off the map


class ExitMark:
    """Where a path left the map: an arrow on the map's edge pointing the way it went, "off the map at
    step k" beside it; the path beyond that point is drawn thin and dashed, so the lines that cross the
    map on the way out and back read as a path off the map, not as the path on it."""

    def __init__(self, plot: pg.PlotItem, colour: str):
        self.beyond = pg.PlotDataItem(connect="finite")
        self.arrow = pg.ArrowItem(pxMode=True, tailLen=0, brush=pg.mkBrush(colour), pen=pg.mkPen("#ffffff", width=2))
        self.label = pg.TextItem(color=INK, fill=pg.mkBrush(255, 255, 255, 225), border=pg.mkPen(colour, width=2))
        self.beyond.setZValue(PATH_Z - 1)
        for item in (self.arrow, self.label):
            item.setZValue(EXIT_Z)
        for item in (self.beyond, self.arrow, self.label):
            plot.addItem(item)
        self._colour, self._view = colour, plot.getViewBox()
        self._gone = False  # hidden and emptied by show(None), and nothing shown since
        self.show(None)

    def apply_theme(self, sizes: Sizes, font) -> None:
        self.beyond.setPen(pen(self._colour, sizes.thin_px, alpha=150, style=Qt.PenStyle.DashLine))
        self.arrow.setStyle(headLen=sizes.marker_px + 12, headWidth=sizes.marker_px + 8)
        self.label.setFont(font)

    def show(self, exit: PathExit | None, beyond: np.ndarray | None = None) -> None:
        if exit is None and self._gone:
            return  # a path on the map, frame after frame: nothing to ask its three items
        for item in (self.arrow, self.label, self.beyond):
            show_if(item, exit is not None)
        self._gone = exit is None
        if exit is None:
            set_line(self.beyond, np.empty((0, 2)))
            return
        set_line(self.beyond, beyond)
        dx, dy = exit.direction
        width, height = self._view.viewPixelSize()  # data units per pixel: the arrow points as drawn
        angle = math.degrees(math.atan2(-dy / (height or 1), dx / (width or 1)))
        self.arrow.setStyle(angle=180 + angle)
        self.arrow.setPos(*exit.point)
        self.label.setText(f"off the map\nat step {exit.step}")  # two short lines: clear of the legend
        self.label.setAnchor(self._on_map(exit.point, _inward_anchor(-dx / (width or 1), dy / (height or 1))))
        self.label.setPos(*exit.point)

    def _on_map(self, point, anchor: tuple[float, float]) -> tuple[float, float]:
        """``anchor`` moved along the map's edge so that the whole label lies on the map: centred on a path
        that left through the top near a corner, "off the map at step 5" read "off the m"."""
        size, box = self.label.textItem.boundingRect().size(), self._view.sceneBoundingRect().adjusted(1, 1, -1, -1)
        at = self._view.mapViewToScene(QPointF(*point))
        ax, ay = anchor  # a fraction in [0, 1] along an axis: over or under the point, or beside it
        return (_slid(ax, at.x(), size.width(), box.left(), box.right()) if 0 <= ax <= 1 else ax,
                _slid(ay, at.y(), size.height(), box.top(), box.bottom()) if 0 <= ay <= 1 else ay)


def _slid(anchor: float, at: float, length: float, low: float, high: float) -> float:
    """``anchor`` (along one axis, of a label ``length`` long with that point at ``at``) moved so that the
    label lies within ``low`` … ``high``."""
    start = min(max(at - anchor * length, low), high - length)
    return (at - start) / (length or 1)


def _inward_anchor(screen_dx: float, screen_dy: float) -> tuple[float, float]:
    """A label's anchor that puts it inside the map, past the arrow that points off it: opposite to
    the way the arrow points (screen coordinates, y down; the arguments point back onto the map)."""
    if abs(screen_dy) >= abs(screen_dx):
        return (0.5, -0.55) if screen_dy > 0 else (0.5, 1.55)
    return (-0.25, 0.5) if screen_dx > 0 else (1.25, 0.5)
