"""What moves on the contour map: race paths with markers and step arrows, and the swarm.

Every item is created once; frames only call ``setData`` / ``set_points`` on them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from gdgui.controllers.descent.frame import TRAIL_LENGTH, Frame, PathData, SwarmData
from gdgui.controllers.shell.theme import STATUS_COLOURS, Sizes, ThemeController
from gdgui.core.descent.settings import OPTIMIZER_LABELS, optimizer_colour_index
from gdgui.core.descent.stop_reasons import STATUS_WORDS
from gdgui.views.descent.plot_style import INK, pen
from gdgui.views.descent.point_cloud import SHAPES, PointCloudItem

__all__ = ["RaceLayer", "SwarmLayer", "STATUS_SHAPES"]

# A stopped particle shows its status by shape (the status line writes it: STATUS_SYMBOLS) and, in a
# swarm, by a colour no optimizer has; a running one is a disc in its optimizer's colour.
STATUS_SHAPES = {"converged": "check", "plateau": "bar", "saddle": "diamond", "diverged": "cross",
                 "max_steps": "triangle"}
_PATH_Z, _ARROW_Z, _MARKER_Z = 20, 21, 22


class RaceLayer:
    """One path line, current-point marker and −γ∇f arrow per optimizer."""

    def __init__(self, plot: pg.PlotItem, sizes: Sizes):
        self.paths = {name: pg.PlotDataItem(connect="finite") for name in OPTIMIZER_LABELS}
        self.arrows = {name: pg.PlotDataItem(connect="pairs") for name in OPTIMIZER_LABELS}
        self.markers = pg.ScatterPlotItem(pxMode=True)
        for name in OPTIMIZER_LABELS:
            self.paths[name].setZValue(_PATH_Z)
            self.arrows[name].setZValue(_ARROW_Z)
            plot.addItem(self.paths[name])
            plot.addItem(self.arrows[name])
        self.markers.setZValue(_MARKER_Z)
        plot.addItem(self.markers)
        self._drawn: set[str] = set()
        self._sizes = sizes
        self.apply_theme(sizes)

    def apply_theme(self, sizes: Sizes) -> None:
        self._sizes = sizes
        for name, item in self.paths.items():
            colour = ThemeController.colour(optimizer_colour_index(name))
            item.setPen(pen(colour, sizes.line_px + 1.5))
            item.setShadowPen(pen("#ffffff", sizes.line_px + 4.5))
            self.arrows[name].setPen(pen(INK, sizes.line_px + 0.5))

    def show(self, paths: list[PathData], arrows: bool) -> None:
        shown = {path.name: path for path in paths}
        for name in self._drawn - set(shown):  # cleared once, not on every frame
            self.paths[name].setData([], [])
            self.arrows[name].setData([], [])
        for name, path in shown.items():
            self.paths[name].setData(path.xy[:, 0], path.xy[:, 1])
            segments = path.step_arrow if arrows else np.empty((0, 2))
            self.arrows[name].setData(segments[:, 0], segments[:, 1])
        self._drawn = set(shown)
        self._show_markers(paths)

    def _show_markers(self, paths: list[PathData]) -> None:
        if not paths:
            self.markers.setData([])
            return
        spots = [{"pos": tuple(p.current), "brush": pg.mkBrush(ThemeController.colour(p.colour_index)),
                  "symbol": SHAPES[STATUS_SHAPES.get(p.status, "disc")]} for p in paths]
        self.markers.setData(spots, size=self._sizes.marker_px + 4, pen=pg.mkPen("#ffffff", width=2))

    def legend_entries(self, frame: Frame) -> list[tuple[pg.GraphicsObject, str]]:
        return [(self.paths[p.name], p.label) for p in frame.paths]


class SwarmLayer:
    """Moving particles in their optimizer's colour, stopped ones by status, fading trails."""

    def __init__(self, plot: pg.PlotItem, sizes: Sizes):
        self.running = {index: PointCloudItem() for index in map(optimizer_colour_index, OPTIMIZER_LABELS)}
        self.stopped = {status: PointCloudItem(shape=shape) for status, shape in STATUS_SHAPES.items()}
        self.trails = [PointCloudItem(outline_px=0) for _ in range(TRAIL_LENGTH)]
        for depth, item in enumerate(self.trails):
            item.setOpacity(0.55 * (1 - depth / TRAIL_LENGTH))
            item.setZValue(_PATH_Z - depth - 1)
        for item in [*self.running.values(), *self.stopped.values()]:
            item.setZValue(_MARKER_Z)
        for item in [*self.trails, *self.running.values(), *self.stopped.values()]:
            plot.addItem(item)
        # Stand-ins for the legend only (a legend samples an item's symbol and brush).
        self._samples: dict[str, pg.ScatterPlotItem] = {}
        self.apply_theme(sizes)

    def apply_theme(self, sizes: Sizes) -> None:
        size = sizes.marker_px * 0.7
        for index, item in self.running.items():
            item.set_style(fill=ThemeController.colour(index), size=size, outline_px=1.5)
        for status, item in self.stopped.items():
            item.set_style(fill=STATUS_COLOURS[status], size=size * 1.15, outline_px=1.5)
        for item in self.trails:
            item.set_style(fill=INK, size=max(3.0, size * 0.45))
        self._samples = {}

    def show(self, swarm: SwarmData | None) -> None:
        empty = np.empty((0, 2))
        running = dict(swarm.running) if swarm is not None else {}
        for index, item in self.running.items():
            item.set_points(running.get(index, empty))
        for status, item in self.stopped.items():
            item.set_points(swarm.stopped.get(status, empty) if swarm is not None else empty)
        trails = swarm.trails if swarm is not None else []
        for depth, item in enumerate(self.trails):
            item.set_points(trails[depth] if depth < len(trails) else empty)

    def legend_entries(self, frame: Frame) -> list[tuple[pg.GraphicsObject, str]]:
        swarm = frame.swarm_data
        if swarm is None:
            return []
        entries = [(self._sample(f"run{index}", SHAPES["disc"], ThemeController.colour(index)), label)
                   for (index, _), label in zip(swarm.running, (s.label for s in frame.loss))]
        entries += [(self._sample(status, SHAPES[STATUS_SHAPES[status]], STATUS_COLOURS[status]),
                     STATUS_WORDS[status]) for status in STATUS_SHAPES if status in swarm.stopped]
        return entries

    def _sample(self, key: str, symbol, colour: str) -> pg.ScatterPlotItem:
        if key not in self._samples:
            self._samples[key] = pg.ScatterPlotItem(symbol=symbol, brush=pg.mkBrush(colour),
                                                    pen=pg.mkPen("#ffffff"), size=14)
        return self._samples[key]
