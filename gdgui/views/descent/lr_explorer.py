"""Learning-rate explorer: final f − f* against γ (both log), diverging γ shaded, click to pick γ."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSignalBlocker, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gdgui.controllers.descent.analysis import SWEEP_POINTS, SweepView
from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.map import Stability
from gdgui.controllers.shell.theme import STATUS_COLOURS, ThemeController
from gdgui.core.descent.settings import MAX_LR, MIN_LR, DescentSettings
from gdgui.core.numbers import in_pi, point_text
from gdgui.views.widgets.plot_style import INK, new_plot_widget, pen, style_axes, theme_font
from gdgui.views.widgets.progress_row import ProgressRow

__all__ = ["LrExplorer"]

_REGION_POOL = 6  # diverging γ ranges drawn (a sweep rarely has more than one or two)
# Where a line's label may sit (pyqtgraph's position along the line, 0 at the bottom), the ends first.
_PLACES = (0.92, 0.08, 0.75, 0.25, 0.6, 0.4)


class LrExplorer(QWidget):
    """The sweep plot with its Sweep button, progress bar and Cancel; runs the sweep when shown."""

    def __init__(self, controller: DescentController, theme: ThemeController, parent: QWidget | None = None):
        super().__init__(parent)
        self._controller, self._theme = controller, theme
        self._sweep: SweepView | None = None
        self._setup_ui()
        self._connect_signals()
        self._on_theme_changed()
        self._on_stability_changed(controller.stability)

    def _setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.plot_widget = new_plot_widget("lrPlot", log_y_axis=True)
        self.plot_widget.setLogMode(x=True, y=True)
        # Always the whole sweep, 10⁻⁵ … 10 (log axes take log10 units), so γ keeps its place.
        self.plot_widget.setXRange(math.log10(MIN_LR), math.log10(MAX_LR), padding=0)
        self.plot_widget.getPlotItem().getViewBox().setMouseEnabled(x=False, y=True)
        self.plot_widget.setToolTip("Click to use that learning rate. Shaded: γ values that diverge.")
        layout.addWidget(self.plot_widget, 1)
        self.curve = self.plot_widget.plot(connect="finite", symbol="o")
        self.regions = [pg.LinearRegionItem(movable=False, brush=_tint(STATUS_COLOURS["diverged"], 60))
                        for _ in range(_REGION_POOL)]
        for region in self.regions:
            region.setVisible(False)
            self.plot_widget.addItem(region)
        # On a plate, where along its line it covers the fewest of the sweep's points (``_place_labels``).
        plate = {"color": INK, "fill": pg.mkBrush(255, 255, 255, 220)}
        self.lr_line = pg.InfiniteLine(angle=90, label="γ", labelOpts={"position": _PLACES[0], **plate})
        self.bound_line = pg.InfiniteLine(angle=90, label="2/λmax", labelOpts={"position": _PLACES[1], **plate})
        self.plot_widget.addItem(self.lr_line)
        self.plot_widget.addItem(self.bound_line)
        layout.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.sweep_button = QPushButton("Sweep γ", self)
        self.sweep_button.setObjectName("sweepButton")
        self.sweep_button.setToolTip(f"Run the selected optimizer from the start for {SWEEP_POINTS} learning rates "
                                     "between 10⁻⁵ and 10 and plot where each one ends.")
        self.progress = ProgressRow("sweep", "sweepCancelButton", "Stop the sweep.", self)
        row.addWidget(self.sweep_button)
        row.addWidget(self.progress, 1)
        return row

    def _connect_signals(self) -> None:
        c, analysis = self._controller, self._controller.analysis
        analysis.sweep_changed.connect(self._on_sweep_changed)
        analysis.sweep_progressed.connect(self.progress.set_share)
        analysis.sweep_busy_changed.connect(self.progress.set_busy)
        c.stability_changed.connect(self._on_stability_changed)
        c.settings_changed.connect(self._on_settings_changed)
        self._theme.changed.connect(self._on_theme_changed)
        self.sweep_button.clicked.connect(c.compute_sweep)
        self.progress.cancelled.connect(analysis.cancel_sweep)
        self.plot_widget.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        view_box = self.plot_widget.getPlotItem().getViewBox()
        for moved in (view_box.sigRangeChanged, view_box.sigResized):  # the dots moved on the screen
            moved.connect(lambda *_: self._place_labels())

    def showEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().showEvent(event)
        if self._sweep is None and not self._controller.analysis.sweep_busy:
            self._controller.compute_sweep()

    def _on_sweep_changed(self, sweep: SweepView | None) -> None:
        self._sweep = sweep
        if sweep is None:
            self.curve.setData([], [])
            for region in self.regions:
                region.setVisible(False)
            self.caption.setText("The settings changed: press <b>Sweep γ</b> to run the sweep again.")
            if self.isVisible() and not self._controller.analysis.sweep_busy:
                self._controller.compute_sweep()
            return
        self.curve.setData(sweep.lrs, sweep.gap)
        for index, region in enumerate(self.regions):
            shown = index < len(sweep.diverged_ranges)
            region.setVisible(shown)
            if shown:
                low, high = sweep.diverged_ranges[index]
                region.setRegion((math.log10(low), math.log10(high)))  # log axes place items in log10 units
        self._place_labels()
        self.caption.setText(f"<b>{sweep.optimizer}</b> from {point_text(*sweep.start)}: final f − f* after "
                             f"≤ {sweep.steps:,} steps (f* = {in_pi(sweep.reference)}). "
                             "Shaded: diverges. Click to choose γ.")

    def _on_stability_changed(self, stability: Stability) -> None:
        self.lr_line.setValue(math.log10(stability.lr))
        self.bound_line.setVisible(stability.bound is not None)
        if stability.bound is not None:
            self.bound_line.setValue(math.log10(stability.bound))
        self._place_labels()

    def _on_settings_changed(self, settings: DescentSettings) -> None:
        with QSignalBlocker(self.lr_line):
            self.lr_line.setValue(math.log10(settings.lr))
        self._place_labels()

    def _place_labels(self) -> None:
        """Each line's label at the first of ``_PLACES`` along its line where it covers the fewest of the
        sweep's points, and not the other label: "2/λmax" sat at the bottom among the points of the γ
        that converge, which end lowest."""
        points, placed = self._points_in_scene(), []
        for line in (self.bound_line, self.lr_line):
            if not line.isVisible():
                continue
            line.label.setPosition(min(_PLACES, key=lambda at: self._cover(line, at, points, placed)))
            placed.append(line.label.sceneBoundingRect())

    def _cover(self, line: pg.InfiniteLine, at: float, points: list[QPointF], placed: list[QRectF]) -> int:
        """How many of the dots at ``points`` the line's label covers at position ``at``; more than all of
        them if it covers a label ``placed`` before it."""
        line.label.setPosition(at)
        rect = line.label.sceneBoundingRect()
        reach = self.curve.opts["symbolSize"] / 2  # a point's dot, not only its centre
        dots = rect.adjusted(-reach, -reach, reach, reach)
        return sum(dots.contains(point) for point in points) + len(points) * any(rect.intersects(o) for o in placed)

    def _points_in_scene(self) -> list[QPointF]:
        """The sweep's drawn points (its finite final f − f*), in scene coordinates."""
        if self._sweep is None:
            return []
        with np.errstate(divide="ignore", invalid="ignore"):
            xs, ys = np.log10(np.asarray(self._sweep.lrs, float)), np.log10(np.asarray(self._sweep.gap, float))
        view_box = self.plot_widget.getPlotItem().getViewBox()
        kept = np.isfinite(xs) & np.isfinite(ys)
        return [view_box.mapViewToScene(QPointF(x, y)) for x, y in zip(xs[kept].tolist(), ys[kept].tolist())]

    def _on_mouse_clicked(self, event) -> None:
        view_box = self.plot_widget.getPlotItem().getViewBox()
        if event.button() != Qt.MouseButton.LeftButton:  # a click on a curve's dot picks its γ too
            return
        if view_box.sceneBoundingRect().contains(event.scenePos()):
            self._controller.set_lr(10 ** view_box.mapSceneToView(event.scenePos()).x())

    def _on_theme_changed(self) -> None:
        sizes = self._theme.sizes
        style_axes(self.plot_widget.getPlotItem(), sizes, {"left": "final f − f*", "bottom": "learning rate γ"})
        self.curve.setPen(pen(INK, sizes.line_px + 0.5))
        self.curve.setSymbolSize(sizes.marker_px // 2 + 2)
        self.curve.setSymbolBrush(pg.mkBrush(INK))
        self.lr_line.setPen(pen(STATUS_COLOURS["running"], sizes.line_px + 1))
        self.bound_line.setPen(pen(STATUS_COLOURS["diverged"], sizes.line_px, style=Qt.PenStyle.DashLine))
        for line in (self.lr_line, self.bound_line):
            line.label.setFont(theme_font(sizes))


def _tint(colour: str, alpha: int) -> QColor:
    tint = QColor(colour)
    tint.setAlpha(alpha)
    return tint
