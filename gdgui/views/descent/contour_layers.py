"""What moves on the contour map: race paths with markers and step arrows, and the swarm.

Every item is created once; frames only call ``setData`` / ``set_points`` on them.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

from gdgui.controllers.descent.frame_data import TRAIL_LENGTH, Frame, PathData, SwarmData
from gdgui.controllers.shell.theme import STATUS_COLOURS, Sizes, ThemeController
from gdgui.core.descent.settings import OPTIMIZER_LABELS, optimizer_colour_index
from gdgui.core.descent.stop_reasons import STATUS_WORDS
from gdgui.views.descent.map_items.exit_mark import PATH_Z, ExitMark
from gdgui.views.descent.map_items.growing_line import GrowingLine
from gdgui.views.descent.map_items.moving_markers import MovingMarkers
from gdgui.views.descent.map_items.trail_lines import TrailLines
from gdgui.views.descent.map_items.updates import set_line, show_if
from gdgui.views.descent.point_cloud import SHAPES, PointCloudItem
from gdgui.views.widgets.plot_style import INK, pen, theme_font

__all__ = ["RaceLayer", "SwarmLayer", "crowd_scale", "STATUS_SHAPES", "on_screen"]

# A stopped particle shows its status by shape (the status line writes it: STATUS_SYMBOLS) and, in a
# swarm, by a colour no optimizer has; a running one is a disc in its optimizer's colour.
STATUS_SHAPES = {"converged": "check", "plateau": "bar", "saddle": "diamond", "diverged": "cross",
                 "max_steps": "triangle"}
_PATH_Z, _ARROW_Z, _MARKER_Z = PATH_Z, 21, 22
_STOPPED_Z = 31  # above the minima's stars (30)
# A swarm's discs are drawn full size up to CROWD particles; beyond, their size shrinks as
# (CROWD / N) ** CROWD_POWER (0.6 of it at 10,000): at full size 10,000 discs cover the whole start
# square and hide the colours and contour lines under them, where smaller ones show the swarm's density.
# Its trails thin out with the discs' area (SwarmLayer._thinned).
CROWD, CROWD_POWER = 1000, 0.22


def on_screen(xy: np.ndarray, pixel: tuple[float, float]) -> np.ndarray:
    """The points of a path (N, 2) a pixel or more apart along it, its first and last kept.

    ``pixel`` is a pixel's width and height in data units. A point dropped lies within a pixel of
    the last one kept, so the line drawn moves by under a pixel, while the thousands of sub-pixel
    steps of a converging path are not drawn one by one (thick lines cost by the point)."""
    if len(xy) < 3 or not (np.isfinite(pixel).all() and min(pixel) > 0):
        return xy
    steps = np.hypot(np.diff(xy[:, 0]) / pixel[0], np.diff(xy[:, 1]) / pixel[1])
    pixels_along = np.floor(np.concatenate([[0.0], np.cumsum(steps)]))  # NaN from a NaN on: all kept
    keep = np.empty(len(xy), dtype=bool)
    keep[0], keep[-1] = True, True
    keep[1:-1] = pixels_along[1:-1] != pixels_along[:-2]
    return xy[keep]


class RaceLayer:
    """One path line, current-point marker and −γ∇f arrow per optimizer."""

    def __init__(self, plot: pg.PlotItem, sizes: Sizes):
        # Bare curves: a PlotDataItem's setData costs ~9× a PlotCurveItem's, and a path changes every
        # frame, near its end: only that part is repainted (GrowingLine).
        self.paths = {name: GrowingLine(connect="finite") for name in OPTIMIZER_LABELS}
        self.arrows = {name: pg.PlotDataItem(connect="pairs") for name in OPTIMIZER_LABELS}
        self.markers = MovingMarkers(pxMode=True)
        for name in OPTIMIZER_LABELS:
            self.paths[name].setZValue(_PATH_Z)
            self.arrows[name].setZValue(_ARROW_Z)
            plot.addItem(self.paths[name])
            plot.addItem(self.arrows[name])
        self.markers.setZValue(_MARKER_Z)
        plot.addItem(self.markers)
        self.exits = {name: ExitMark(plot, ThemeController.colour(optimizer_colour_index(name)))
                      for name in OPTIMIZER_LABELS}
        self._view = plot.getViewBox()
        self._drawn: set[str] = set()
        self._marker_style: tuple | None = None  # the markers' colours, statuses and size as last styled
        self._gone = False  # every item hidden and emptied by a show without paths, and nothing shown since
        self._sizes = sizes
        self.apply_theme(sizes)

    def apply_theme(self, sizes: Sizes) -> None:
        self._sizes, self._marker_style, self._gone = sizes, None, False
        for name, item in self.paths.items():
            colour = ThemeController.colour(optimizer_colour_index(name))
            item.setPen(pen(colour, sizes.line_px + 1.5))
            item.setShadowPen(pen("#ffffff", sizes.line_px + 4.5))
            self.arrows[name].setPen(pen(INK, sizes.line_px + 0.5))
            self.exits[name].apply_theme(sizes, theme_font(sizes))

    def show(self, paths: list[PathData], arrows: bool) -> None:
        if not paths and self._gone:
            return  # a swarm, frame after frame: every path, arrow and marker hidden and empty already
        shown = {path.name: path for path in paths}
        for name in self._drawn - set(shown):  # cleared once, not on every frame
            self.paths[name].set_line(np.empty((0, 2)))
            set_line(self.arrows[name], np.empty((0, 2)))
            self.exits[name].show(None)
        for name in OPTIMIZER_LABELS:
            show_if(self.paths[name], name in shown)
        for name, path in shown.items():
            self._show_path(name, path)
            set_line(self.arrows[name], path.step_arrow if arrows else np.empty((0, 2)))
        for name in OPTIMIZER_LABELS:
            show_if(self.arrows[name], arrows and name in shown)
        self._drawn = set(shown)
        self._show_markers(paths)
        self._gone = not paths

    def _show_path(self, name: str, path: PathData) -> None:
        """The path on the map solid; from where it left the map on, thin and dashed, with the exit's arrow."""
        exit, pixel = path.exit, self._view.viewPixelSize()
        if exit is None:
            self.paths[name].set_line(on_screen(path.xy, pixel))
            self.exits[name].show(None)
            return
        edge = np.array([exit.point])
        self.paths[name].set_line(on_screen(np.vstack([path.xy[:exit.rows_before], edge]), pixel))
        self.exits[name].show(exit, np.vstack([edge, path.xy[exit.rows_before:]]))

    def _show_markers(self, paths: list[PathData]) -> None:
        style = (tuple((p.colour_index, p.status) for p in paths), self._sizes.marker_px)
        if style == self._marker_style:
            if paths:
                self.markers.move(np.array([p.current for p in paths], dtype=float))
            return  # a swarm's frame: no race markers, still
        self._marker_style = style
        self.markers.setVisible(bool(paths))  # an empty scatter item still paints (~0.4 ms a frame)
        if not paths:
            self.markers.setData([])
            return
        spots = [{"pos": tuple(p.current), "brush": pg.mkBrush(ThemeController.colour(p.colour_index)),
                  "symbol": SHAPES[STATUS_SHAPES.get(p.status, "disc")]} for p in paths]
        self.markers.setData(spots, size=self._sizes.marker_px + 4, pen=pg.mkPen("#ffffff", width=2))

    def legend_entries(self, frame: Frame) -> list[tuple[pg.GraphicsObject, str]]:
        return [(self.paths[p.name], p.label) for p in frame.paths]


class SwarmLayer:
    """Moving particles in their optimizer's colour, stopped ones by status, fading trails.

    A trail is a particle's last ``TRAIL_LENGTH`` steps as line segments, the older the fainter, so
    motion reads on a still frame. Stopped particles are drawn above the minima's stars: the
    converged ones sit on a star, and must not hide under it."""

    def __init__(self, plot: pg.PlotItem, sizes: Sizes):
        self.running = {index: PointCloudItem() for index in map(optimizer_colour_index, OPTIMIZER_LABELS)}
        self.stopped = {status: PointCloudItem(shape=shape) for status, shape in STATUS_SHAPES.items()}
        self.trails = TrailLines(TRAIL_LENGTH)  # by age: 0 the newest, drawn last
        self.trails.setZValue(_PATH_Z - 1)
        for item in self.running.values():
            item.setZValue(_MARKER_Z)
        for item in self.stopped.values():
            item.setZValue(_STOPPED_Z)
        for item in [self.trails, *self.running.values(), *self.stopped.values()]:
            plot.addItem(item)
        # Stand-ins for the legend only (a legend samples an item's symbol and brush).
        self._samples: dict[str, pg.ScatterPlotItem] = {}
        self._gone = False  # hidden and emptied by show(None), and nothing shown since
        self._crowd = 1.0  # the discs' size over their full size (crowd_scale)
        self.apply_theme(sizes)

    def apply_theme(self, sizes: Sizes) -> None:
        self._sizes = sizes
        size, outline = sizes.marker_px * 0.7 * self._crowd, max(1.0, 1.5 * self._crowd)
        for index, item in self.running.items():
            item.set_style(fill=ThemeController.colour(index), size=size, outline_px=outline)
        for status, item in self.stopped.items():
            item.set_style(fill=STATUS_COLOURS[status], size=size * 1.15, outline_px=outline)
        self.trails.set_pens([pen(INK, sizes.line_px, alpha=int(200 * (1 - age / TRAIL_LENGTH)))
                              for age in range(TRAIL_LENGTH)])
        self._samples = {}

    def show(self, swarm: SwarmData | None) -> None:
        if swarm is None and self._gone:
            return  # a race, frame after frame: every item hidden and empty already
        self._gone = swarm is None
        empty = np.empty((0, 2))
        running = dict(swarm.running) if swarm is not None else {}
        if swarm is not None:
            self._fit_crowd(sum(map(len, running.values())) + sum(map(len, swarm.stopped.values())))
        for index, item in self.running.items():
            item.set_points(running.get(index, empty))
        for status, item in self.stopped.items():
            item.set_points(swarm.stopped.get(status, empty) if swarm is not None else empty)
        covered = min(item.opaque_reach() for item in self.running.values())  # the discs drawn above a trail
        self.trails.set_trails(self._thinned(swarm.trails) if swarm is not None else [], covered)
        show_if(self.trails, swarm is not None)  # a race's map: no trails
        for item in [*self.running.values(), *self.stopped.values()]:
            show_if(item, len(item.points) > 0)  # of eleven clouds, a swarm has points in one or a few

    def _thinned(self, trails: list[np.ndarray]) -> list[np.ndarray]:
        """A crowd's trails, fewer as its discs' area shrinks (crowd_scale squared: 182 of the 500 at
        10,000 particles): their ink in proportion to the discs', and ~1.6 ms a frame less to draw."""
        if self._crowd == 1.0 or not trails:
            return trails
        kept = math.ceil(len(trails[0]) * self._crowd ** 2)
        return [positions[:kept] for positions in trails]

    def _fit_crowd(self, particles: int) -> None:
        crowd = crowd_scale(particles)
        if crowd != self._crowd:
            self._crowd = crowd
            self.apply_theme(self._sizes)

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


def crowd_scale(particles: int) -> float:
    """A swarm's discs' size over their full size, for a swarm of ``particles`` (CROWD)."""
    return min(1.0, (CROWD / particles) ** CROWD_POWER) if particles > 0 else 1.0
