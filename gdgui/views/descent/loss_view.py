"""Loss against step (``lossPlot``) and ‖∇f‖ against step, one curve per optimizer."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPen
from PySide6.QtWidgets import QCheckBox, QGraphicsView, QLabel, QVBoxLayout, QWidget

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.frame_data import Frame
from gdgui.controllers.descent.minima import NUMERICAL
from gdgui.controllers.shell.theme import ThemeController
from gdgui.core.descent.settings import OPTIMIZER_LABELS, optimizer_colour_index
from gdgui.core.descent.traces import decimated_indices, held_range, steps_held, view_extent
from gdgui.core.numbers import in_pi
from gdgui.views.descent.point_cloud import SHAPES, PointCloudItem
from gdgui.views.widgets.curve_segments import view_units
from gdgui.views.widgets.growing_curve import GrowingCurves
from gdgui.views.widgets.plot_style import INK, new_plot_widget, pen, set_title, style_axes, theme_font

__all__ = ["LossView"]

_DOT_OUTLINE, _DOT_OUTLINE_PX = "#ffffff", 1.5  # a "now" dot's ring, as the map's markers have
_AHEAD_S = 0.25  # while a run plays, the step axis has room for this many seconds' steps more (up to its last)


class _StepLine(pg.InfiniteLine):
    """The step shown, a vertical line. Moved along x it keeps its bounding rectangle, which pyqtgraph
    measures afresh after every move: in the line's own coordinates that rectangle is the view's
    height by a few pixels, wherever the line stands (a frame moved two lines, ~0.1 ms each)."""

    def setPos(self, pos) -> None:  # noqa: N802 — pyqtgraph's name
        kept = self._boundingRect if self.angle == 90 and isinstance(pos, (int, float)) else None
        super().setPos(pos)
        if kept is not None and self._boundingRect is None:
            self._boundingRect = kept


class LossView(QWidget):
    """Two stacked plots sharing the step axis; a vertical line marks the timeline's step."""

    def __init__(self, controller: DescentController, theme: ThemeController, parent: QWidget | None = None):
        super().__init__(parent)
        self._controller, self._theme = controller, theme
        self._legend_keys: tuple = ()
        self._drawn: set[str] = set()
        self._labels: tuple = ()
        self._log_shown: bool | None = None
        self._x_end = 0
        self._latest = 0  # the run's latest step at the last frame: how far it went since (``steps_held``)
        self._cap = 0  # the most points a curve was drawn with: the loss plot's width in pixels then
        self._setup_ui()
        self._connect_signals()
        self._on_theme_changed()

    def _setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.log_check = QCheckBox("Log scale: plot f − f*", self)
        self.log_check.setObjectName("lossLogCheck")
        self.log_check.setChecked(True)
        self.log_check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.log_check.setToolTip("On a log scale, steady convergence is a straight line falling to the right: "
                                  "each step removes the same fraction of the gap f − f* to the minimum f*.")
        layout.addWidget(self.log_check)
        self.legend = QLabel(self)
        self.legend.setObjectName("lossLegend")
        self.legend.setWordWrap(True)
        self.legend.setToolTip("Each optimizer keeps its colour on the map and in both plots.")
        layout.addWidget(self.legend)
        self.loss_plot = new_plot_widget("lossPlot", log_y_axis=True)
        self.loss_plot.setToolTip("f at each step. Drag the dashed line to look at an earlier step.")
        self.grad_plot = new_plot_widget("gradNormPlot", log_y_axis=True)
        self.grad_plot.setToolTip("The gradient's length ‖∇f‖ at each step; runs stop when it falls below "
                                  "the tolerance.")
        self.grad_plot.setXLink(self.loss_plot)
        self.grad_plot.setLogMode(y=True)
        for plot in (self.loss_plot, self.grad_plot):
            plot.getPlotItem().getViewBox().disableAutoRange()
            # A frame changes a plot near one x (the curves' ends, their dots, the step line): one
            # rectangle around those repainted, not each of them. Under a clip of several rectangles
            # Qt blends every fill and copy span by span, split over threads (~1 ms a frame).
            plot.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        layout.addWidget(self.loss_plot, 3)
        layout.addWidget(self.grad_plot, 2)
        # One item a plot draws its curves and their "now" dots, repainting only what a frame changed
        # (a PlotDataItem a curve repainted every curve whole; a marker item a dot cost ~0.1 ms a frame).
        self.loss_lines, self.grad_lines = self._lines(self.loss_plot), self._lines(self.grad_plot)
        self.loss_curves = {name: self.loss_lines.add_curve() for name in OPTIMIZER_LABELS}
        self.grad_curves = {name: self.grad_lines.add_curve() for name in OPTIMIZER_LABELS}
        self.loss_now = {name: self.loss_lines.add_dot() for name in OPTIMIZER_LABELS}
        self.grad_now = {name: self.grad_lines.add_dot() for name in OPTIMIZER_LABELS}
        for name in OPTIMIZER_LABELS:
            for item in self._items_of(name):
                item.setVisible(False)  # until its optimizer is in a run
        self.loss_marker = self._step_line(self.loss_plot)
        self.grad_marker = self._step_line(self.grad_plot)

    @staticmethod
    def _lines(plot: pg.PlotWidget) -> GrowingCurves:
        lines = GrowingCurves()
        plot.addItem(lines)
        return lines

    def _step_line(self, plot: pg.PlotWidget) -> pg.InfiniteLine:
        line = _StepLine(angle=90, movable=True)
        line.setToolTip("The step shown on the map; drag it to scrub through the run.")
        plot.addItem(line)
        return line

    def _connect_signals(self) -> None:
        self._controller.frame_changed.connect(self._on_frame_changed)
        self._controller.playing_changed.connect(self._on_playing_changed)
        self._theme.changed.connect(self._on_theme_changed)
        self.log_check.toggled.connect(lambda _: self._on_frame_changed(self._controller.frame))
        for line in (self.loss_marker, self.grad_marker):
            line.sigPositionChangeFinished.connect(lambda line: self._controller.seek(round(line.value())))
        self.loss_plot.getPlotItem().getViewBox().sigResized.connect(self._on_plot_resized)

    def _on_plot_resized(self) -> None:
        # The curves again, at a point per pixel of the new width; the titles, for the new height.
        frame = self._controller.frame
        if self._cap != self._point_cap():
            self._on_frame_changed(frame)
        else:
            self._update_words(frame, bool(self._log_shown), {series.name: series for series in frame.loss})

    def _point_cap(self) -> int:
        return max(2, round(self.loss_plot.getPlotItem().getViewBox().width()))

    def _on_frame_changed(self, frame: Frame) -> None:
        # Without a known minimum there is no f − f* to draw: f itself, on a linear axis.
        log = self.log_check.isChecked() and frame.reference is not None
        self.log_check.setEnabled(frame.reference is not None)
        if log != self._log_shown:
            self._log_shown = log
            self.loss_plot.setLogMode(y=log)
        shown = {series.name: series for series in frame.loss}
        for name in self._drawn - set(shown):  # cleared once, not on every frame
            for item in self._items_of(name):
                item.setVisible(False)
            for curve in (self.loss_curves[name], self.grad_curves[name]):
                curve.setData([], [])
            for dot in (self.loss_now[name], self.grad_now[name]):
                dot.set_point(math.nan, math.nan)
        for name in set(shown) - self._drawn:
            for item in self._items_of(name):
                item.setVisible(True)
        self._cap = self._point_cap()
        picked: dict[int, tuple] = {}  # the series share their steps: picked once
        for name, series in shown.items():
            if id(series.steps) not in picked:  # a point per pixel of width at most
                kept = decimated_indices(len(series.steps), self._cap)
                picked[id(series.steps)] = kept, series.steps[kept]
            kept, steps = picked[id(series.steps)]
            self.loss_curves[name].setData(steps, (series.gap if log else series.f)[kept], log)
            self.grad_curves[name].setData(steps, series.grad_norm[kept], log=True)
        self._drawn = set(shown)
        self._show_now(frame, log)
        for line in (self.loss_marker, self.grad_marker):
            with QSignalBlocker(line):
                line.setValue(frame.step)
        self._hold_ranges(frame.latest, shown.values(), log)
        self._update_words(frame, log, shown)

    def _items_of(self, name: str) -> tuple:
        return self.loss_curves[name], self.grad_curves[name], self.loss_now[name], self.grad_now[name]

    def _show_now(self, frame: Frame, log: bool) -> None:
        """A dot on each curve at the step shown (visible even when a curve has one point)."""
        for dots, column, plot_log in ((self.loss_now, 1 if log else 0, log), (self.grad_now, 2, True)):
            # Every dot's y in view units at once (one NumPy call a plot, not one a dot).
            ys = view_units(np.array([series.now[column] for series in frame.loss], dtype=float), plot_log)
            for series, y in zip(frame.loss, ys.tolist()):
                dots[series.name].set_point(frame.step, y)

    def _hold_ranges(self, latest: int, shown, log: bool) -> None:
        """Set the plots' ranges only when they must move (no auto-range: it repainted both plots
        twice a frame and rebuilt their ticks): the steps in doublings (``steps_held``), f and ‖∇f‖
        once they leave the view (``held_range``)."""
        playing, settings = self._controller.playing, self._controller.settings
        ahead = min(round(_AHEAD_S * settings.speed), settings.recorded_steps() - latest) if playing else 0
        end = steps_held(self._x_end, self._latest, latest, max(ahead, 0))
        self._latest, moved = latest, False
        if end != self._x_end:
            self._x_end, moved = end, True
            self.loss_plot.setXRange(0, end, padding=0.02)
        shown = list(shown)
        for plot, values, plot_log in ((self.loss_plot, [s.gap if log else s.f for s in shown], log),
                                       (self.grad_plot, [s.grad_norm for s in shown], True)):
            view_box = plot.getPlotItem().getViewBox()
            y_range = held_range(tuple(view_box.viewRange()[1]), *view_extent(values, plot_log), plot_log, playing)
            if y_range is not None:
                view_box.setYRange(*y_range, padding=0)
                moved = True
        if moved:  # the new view now, not in the paint: moved there, every item asked for a second paint
            for plot in (self.loss_plot, self.grad_plot):
                plot.getPlotItem().getViewBox().updateMatrix()

    def _on_playing_changed(self, playing: bool) -> None:
        if not playing:  # the ranges held while it played (with room ahead) fit the run where it stopped
            frame = self._controller.frame
            self._hold_ranges(frame.latest, frame.loss, bool(self._log_shown))

    def _update_words(self, frame: Frame, log: bool, shown: dict) -> None:
        """The axes' titles and the legend above the plots: f* on the loss axis where it has room, else in
        the legend (``_f_star_on_axis``, measured once a frame)."""
        on_axis = log and self._f_star_on_axis(frame)
        self._update_labels(frame, log, on_axis)
        self._update_legend(shown, _reference_note(frame) or (self._f_star(frame) if log and not on_axis else ""))

    def _update_labels(self, frame: Frame, log: bool, f_star_on_axis: bool) -> None:
        what = "median f" if frame.swarm else "f"
        if log:
            what += " − f*" + (f"   ({self._f_star(frame)})" if f_star_on_axis else "")
        labels = (what, "median ‖∇f‖" if frame.swarm else "‖∇f‖", self._theme.sizes.font_pt)
        if labels == self._labels:  # re-laying out rich text each frame costs more than the curves
            return
        self._labels = labels
        set_title(self.loss_plot.getAxis("left"), labels[0], self._theme.sizes)
        set_title(self.grad_plot.getAxis("left"), labels[1], self._theme.sizes)

    @staticmethod
    def _f_star(frame: Frame) -> str:
        return f"f* = {in_pi(frame.reference)}"

    def _f_star_on_axis(self, frame: Frame) -> bool:
        """Whether the loss axis's rotated title has room for "(f* = …)" after "median f − f*": pyqtgraph
        cuts a title longer than its axis ("(f* = −1" in a 1024×768 projector's window); else it goes to the
        legend above the plots."""
        title = f"{'median f' if frame.swarm else 'f'} − f*   ({self._f_star(frame)})"
        axis = self.loss_plot.getAxis("left")
        room = axis.height() - 2 * axis.label.document().documentMargin()  # pyqtgraph centres the title's box
        return QFontMetricsF(theme_font(self._theme.sizes)).horizontalAdvance(title) <= room

    def _update_legend(self, shown: dict, note: str) -> None:
        # Above the plots rather than inside: a legend in a small plot always hides some curve.
        # Where f* came from goes here too: the rotated axis title has no room for it.
        keys = (*shown, note)
        if keys != self._legend_keys:
            self._legend_keys = keys
            # A swatch and its name never part at a line's end (RMSprop's swatch ended one line, its name
            # began the next); the line breaks between entries.
            self.legend.setText("&nbsp;&nbsp; ".join(
                [f"<span style='color:{ThemeController.colour(optimizer_colour_index(name))}'>━━</span>&nbsp;"
                 f"{OPTIMIZER_LABELS[name]}" for name in shown] + ([f"· {note}"] if note else [])))

    def _on_theme_changed(self) -> None:
        sizes = self._theme.sizes
        for plot in (self.loss_plot, self.grad_plot):
            style_axes(plot.getPlotItem(), sizes, {"left": "", "bottom": "step"})
            # Equal axis widths: linked x ranges then line up, and step k sits at one x on both.
            plot.getAxis("left").setWidth(sizes.font_pt * 7)
        for name in OPTIMIZER_LABELS:
            colour = ThemeController.colour(optimizer_colour_index(name))
            self.loss_curves[name].setPen(pen(colour, sizes.line_px + 1))
            self.grad_curves[name].setPen(pen(colour, sizes.line_px + 1))
            marker = PointCloudItem(colour, sizes.marker_px, _DOT_OUTLINE, _DOT_OUTLINE_PX).marker()
            outline = QPen(QColor(_DOT_OUTLINE), _DOT_OUTLINE_PX)
            for dot in (self.loss_now[name], self.grad_now[name]):
                dot.set_marker(marker, colour, SHAPES["disc"], sizes.marker_px, outline)
        for line in (self.loss_marker, self.grad_marker):
            line.setPen(pen(INK, sizes.line_px, style=Qt.PenStyle.DashLine))
        self._legend_keys = ()
        self._labels = ()
        self._on_frame_changed(self._controller.frame)


def _reference_note(frame: Frame) -> str:
    """Where the f* of f − f* comes from, when it is not the catalog's list; that there is none."""
    if frame.reference is None and frame.reference_source == NUMERICAL:
        return "no minimum of f found in view: the plot shows f itself"
    if frame.reference is None:
        return "no minimum of f known yet: the plot shows f itself"
    if frame.reference_source == NUMERICAL:
        return f"f* = {in_pi(frame.reference)}: the lowest minimum, found numerically"
    return ""
