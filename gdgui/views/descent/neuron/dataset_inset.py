"""The neuron-loss function's data set as a scatter inset (``datasetInset``), edited by clicking.

A click adds a point of class 1 (a filled circle); Shift+click or a right click one of class 0
(an open square). Each is a Descent setting changed (Ctrl+Z takes it back), and the map is drawn
again. The dashed line is where the neuron at the selected particle's weights says ½: σ(z) = 0.5.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gdgui.controllers.shell.theme import NORMAL, Sizes
from gdgui.core.descent.neuron.dataset import BIAS, DEFAULT_DATASET, FUNCTION_ID, LIMIT
from gdgui.views.widgets.plot_style import INK, new_plot_widget, style_axis

__all__ = ["DatasetInset", "CLASS_COLOURS"]

CLASS_COLOURS = {1: "#0072B2", 0: "#D55E00"}  # Okabe–Ito blue and vermillion; the shapes differ too
_SYMBOLS = {1: "o", 0: "s"}
_HEIGHT_PX = 200  # at the laptop's font


class DatasetInset(QWidget):
    """The scatter of the data set, its editing gestures and a button back to the default points."""

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self._controller = controller
        self.plot = new_plot_widget("datasetInset")
        self.plot.setToolTip("Click: add a point of class 1 (●). Shift+click or right-click: class 0 (□).")
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setRange(xRange=(-LIMIT, LIMIT), yRange=(-LIMIT, LIMIT), padding=0.05)
        self.boundary = self.plot.plot()
        self.points = {label: self._scatter(label) for label in (1, 0)}
        self.set_sizes(NORMAL)
        self.plot.scene().sigMouseClicked.connect(self._on_clicked)
        self.reset_button = QPushButton("Default points")
        self.reset_button.setObjectName("datasetResetButton")
        self.reset_button.setToolTip("Back to the 8 points the function starts with (Ctrl+Z takes this back too).")
        self.reset_button.clicked.connect(controller.reset_dataset)
        self.hint = QLabel("Click: class 1 ●\nShift+click: class 0 □")
        self.hint.setWordWrap(True)
        self._build_layout()
        controller.settings_changed.connect(self._on_settings_changed)
        controller.frame_changed.connect(self._on_frame_changed)
        self._on_settings_changed(controller.settings)
        self._on_frame_changed(controller.frame)

    def _scatter(self, label: int) -> pg.ScatterPlotItem:
        brush = pg.mkBrush(CLASS_COLOURS[label]) if label else pg.mkBrush("#ffffff")
        scatter = pg.ScatterPlotItem(symbol=_SYMBOLS[label], brush=brush)
        self.plot.addItem(scatter)
        return scatter

    def set_sizes(self, sizes: Sizes) -> None:
        """Ticks, titles, points and the line at the theme's sizes (a projector's are read from the back)."""
        item = self.plot.getPlotItem()
        for side, title in (("bottom", "x1"), ("left", "x2")):
            style_axis(item.getAxis(side), sizes, title)
        # Under the Function section, whole on a laptop screen; taller as its text grows.
        self.plot.setFixedHeight(round(_HEIGHT_PX * sizes.font_pt / NORMAL.font_pt))
        self.boundary.setPen(pg.mkPen(INK, width=sizes.line_px, style=Qt.PenStyle.DashLine))
        for label, scatter in self.points.items():
            scatter.setSize(sizes.marker_px + 1)
            scatter.setPen(pg.mkPen(CLASS_COLOURS[label], width=sizes.line_px + 0.5))

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.reset_button)
        layout.addLayout(row)

    def _on_settings_changed(self, settings) -> None:
        dataset = settings.dataset or DEFAULT_DATASET
        for label, scatter in self.points.items():
            scatter.setData([p[0] for p in dataset if p[2] == label], [p[1] for p in dataset if p[2] == label])
        self.reset_button.setEnabled(settings.dataset is not None)

    def _on_frame_changed(self, frame) -> None:
        """The line σ(w0 + w1·x1 + w2·x2) = ½ of the weights on show, cut to the inset's square."""
        if self._controller.objective.id != FUNCTION_ID:
            return
        self.boundary.setData(*_boundary(*frame.selected_point))

    def _on_clicked(self, event) -> None:
        if event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            return
        point = self.plot.getPlotItem().vb.mapSceneToView(event.scenePos())
        if max(abs(point.x()), abs(point.y())) > LIMIT:
            return
        shifted = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        label = 0 if shifted or event.button() == Qt.MouseButton.RightButton else 1
        event.accept()
        self._controller.add_sample(point.x(), point.y(), label)

    def view_to_widget(self, x: float, y: float) -> QPoint:
        """Where the data point (x, y) is in the plot widget's pixels (for tests and screenshots)."""
        scene = self.plot.getPlotItem().vb.mapViewToScene(QPointF(x, y))
        return self.plot.mapFromScene(scene)


def _boundary(w1: float, w2: float) -> tuple[list[float], list[float]]:
    """Two points of BIAS + w1·x1 + w2·x2 = 0 across the inset (the fixed view range cuts the line), or none."""
    if not (np.isfinite(w1) and np.isfinite(w2)) or (w1 == 0 and w2 == 0):
        return [], []
    t = [-LIMIT, LIMIT]
    if abs(w2) >= abs(w1):
        return t, [-(BIAS + w1 * v) / w2 for v in t]
    return [-(BIAS + w2 * v) / w1 for v in t], t
