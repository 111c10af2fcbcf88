"""Sidebar sections "Learning rate", "Start" and "Run" (the transport bar under the map: ``transport/bar.py``)."""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.map import Stability, stability_text
from gdgui.controllers.descent.pacing import pace_text
from gdgui.controllers.shell.theme import STATUS_COLOURS
from gdgui.core.descent.settings import MAX_LR, MAX_SPEED, MAX_STEPS_LIMIT, MAX_SWARM, MIN_LR, DescentSettings
from gdgui.views.widgets.log_spin_box import LogSpinBox

__all__ = ["LearningRatePanel", "StartPanel", "RunPanel"]

_SLIDER_STEPS_PER_DECADE = 100
_COORDINATE_LIMIT = 1e4


def _spin(parent: QWidget, name: str, tip: str, low: float, high: float, decimals: int = 3) -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setDecimals(decimals)
    spin.setSingleStep(0.1)
    spin.setKeyboardTracking(False)
    spin.setToolTip(tip)
    return spin


def _int_spin(parent: QWidget, name: str, tip: str, low: int, high: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setKeyboardTracking(False)
    spin.setGroupSeparatorShown(True)
    spin.setToolTip(tip)
    return spin


class LearningRatePanel(QWidget):
    """``lrSpin`` with a log-scaled slider, and plain GD's stability bound 2/λmax where the run goes."""

    def __init__(self, controller: DescentController, parent: QWidget | None = None):
        super().__init__(parent)
        self._controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.spin = LogSpinBox(MIN_LR, MAX_LR, parent=self)
        self.spin.setObjectName("lrSpin")
        self.spin.setToolTip("Learning rate γ: each step moves by −γ·∇f. Too small and the descent crawls; "
                             "too large and every step overshoots the valley, further each time. "
                             "Changing it while running takes effect on the next step.")
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("lrSlider")
        self.slider.setRange(0, round(math.log10(MAX_LR / MIN_LR) * _SLIDER_STEPS_PER_DECADE))
        self.slider.setToolTip("γ on a log scale, from 10⁻⁵ (left) to 10 (right): each notch of a "
                               "decade multiplies γ by 10.")
        self.stability = QLabel(self)
        self.stability.setObjectName("stabilityLabel")
        self.stability.setWordWrap(True)
        self.stability.setToolTip("λmax is the largest curvature of f (largest eigenvalue of the Hessian), "
                                  "at the start and at each minimum the run may reach. Plain GD shrinks the "
                                  "distance along that direction by (1 − γλmax) per step, so it needs "
                                  "γ < 2/λmax at every one of them. At a kink (|x| at 0) f has no curvature "
                                  "to measure: no γ lets plain GD settle there.")
        for widget in (self.spin, self.slider, self.stability):
            layout.addWidget(widget)
        self.spin.valueChanged.connect(controller.set_lr)
        self.slider.valueChanged.connect(self._on_slider_moved)
        controller.settings_changed.connect(self._on_settings_changed)
        controller.stability_changed.connect(self._on_stability_changed)
        self._on_settings_changed(controller.settings)
        self._on_stability_changed(controller.stability)

    def _on_slider_moved(self, position: int) -> None:
        lr = MIN_LR * 10 ** (position / _SLIDER_STEPS_PER_DECADE)
        self._controller.set_lr(float(f"{lr:.3g}"))  # a readable γ such as 0.0126, not 0.012589254
        self._on_settings_changed(self._controller.settings)  # snap to that γ, even if γ did not change

    def _on_settings_changed(self, settings: DescentSettings) -> None:
        with QSignalBlocker(self.spin), QSignalBlocker(self.slider):
            self.spin.setValue(settings.lr)
            self.slider.setValue(round(math.log10(settings.lr / MIN_LR) * _SLIDER_STEPS_PER_DECADE))

    def _on_stability_changed(self, stability: Stability) -> None:
        colour = STATUS_COLOURS["diverged"] if stability.exceeded else STATUS_COLOURS["converged"]
        self.stability.setText(f"<span style='color:{colour}'>{html.escape(stability_text(stability))}</span>")


class StartPanel(QWidget):
    """Start point, seed, random start and the number of particles (above 1: a swarm)."""

    def __init__(self, controller: DescentController, parent: QWidget | None = None):
        super().__init__(parent)
        self._controller = controller
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        tip = "Where the descent starts. Or click the map, or drag the start marker."
        self.x_spin = _spin(self, "startXSpin", tip, -_COORDINATE_LIMIT, _COORDINATE_LIMIT)
        self.y_spin = _spin(self, "startYSpin", tip, -_COORDINATE_LIMIT, _COORDINATE_LIMIT)
        self.random_button = QPushButton("New random start  (N)", self)
        self.random_button.setObjectName("randomStartButton")
        self.random_button.setToolTip("Take the next seed and start from a random point it gives (a swarm gets "
                                      "new random points). The same seed always gives the same start.")
        self.seed_spin = _int_spin(self, "seedSpin", "The random seed: type a classmate's seed to reproduce "
                                   "their random start exactly.", 0, 2**31 - 1)
        self.particles_spin = _int_spin(self, "particlesSpin", "1: one start point. More: a swarm of random "
                                        "starts from the seed, each running the ticked optimizers.", 1, MAX_SWARM)
        self._fields = [(QLabel(text, self), spin) for text, spin in (
            ("x₀", self.x_spin), ("y₀", self.y_spin), ("seed", self.seed_spin), ("particles", self.particles_spin))]
        self.set_fields_per_row(2)
        self.x_spin.valueChanged.connect(lambda x: controller.set_start(x, self.y_spin.value()))
        self.y_spin.valueChanged.connect(lambda y: controller.set_start(self.x_spin.value(), y))
        self.random_button.clicked.connect(controller.new_random_start)
        self.seed_spin.valueChanged.connect(controller.set_seed)
        self.particles_spin.valueChanged.connect(controller.set_particles)
        controller.settings_changed.connect(self._on_settings_changed)
        self._on_settings_changed(controller.settings)

    def set_fields_per_row(self, count: int) -> None:
        """Two fields a row (x₀ beside y₀) on a laptop; one in projector mode, where two made
        the sidebar too wide for a 1280-px screen."""
        grid = self.layout()
        for label, spin in self._fields:
            grid.removeWidget(label)
            grid.removeWidget(spin)
        grid.removeWidget(self.random_button)
        for index, (label, spin) in enumerate(self._fields):
            row, column = divmod(index, count)
            grid.addWidget(label, row, 2 * column)
            grid.addWidget(spin, row, 2 * column + 1)
        grid.addWidget(self.random_button, math.ceil(len(self._fields) / count), 0, 1, 2 * count)
        for column in (1, 3):
            grid.setColumnStretch(column, 1 if column < 2 * count else 0)

    def _on_settings_changed(self, settings: DescentSettings) -> None:
        pairs = ((self.x_spin, settings.start[0]), (self.y_spin, settings.start[1]),
                 (self.seed_spin, settings.seed), (self.particles_spin, settings.particles))
        for spin, value in pairs:
            with QSignalBlocker(spin):
                spin.setValue(value)


class RunPanel(QWidget):
    """Speed, max steps, tolerance, and "Show as graph"."""

    def __init__(self, controller: DescentController, parent: QWidget | None = None):
        super().__init__(parent)
        self._controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._limits())
        self.graph_button = QPushButton("Show as graph  (Ctrl+G)", self)
        self.graph_button.setObjectName("showGraphButton")
        self.graph_button.setToolTip("Open f in the Backprop tab as a computation graph, evaluated at the "
                                     "selected optimizer's current point: the same gradient, edge by edge.")
        layout.addWidget(self.graph_button)
        self.speed_spin.valueChanged.connect(controller.set_speed)
        self.max_steps_spin.valueChanged.connect(controller.set_max_steps)
        self.tol_spin.valueChanged.connect(controller.set_tol)
        self.graph_button.clicked.connect(controller.request_graph)
        controller.settings_changed.connect(self._on_settings_changed)
        controller.pace_changed.connect(self._on_pace_changed)
        self._on_settings_changed(controller.settings)
        self._on_pace_changed(controller.pace)

    def _limits(self) -> QFormLayout:
        self._form = form = QFormLayout()
        self.speed_spin = _int_spin(self, "speedSpin", "Steps per second while playing. The picture is redrawn "
                                    "at most 60 times a second however fast it steps; where the steps are too "
                                    "many to take and still draw smoothly, the run plays slower and \"playing "
                                    "at\" below says how fast.", 1, MAX_SPEED)
        self.max_steps_spin = _int_spin(self, "maxStepsSpin", _MAX_STEPS_TIP, 1, MAX_STEPS_LIMIT)
        self.tol_spin = LogSpinBox(0.0, 1.0, parent=self)
        self.tol_spin.setObjectName("tolSpin")
        self.tol_spin.setSpecialValueText("0 (off)")
        self.tol_spin.setToolTip("A particle stops when ‖∇f‖ falls below this: then it is at a minimum, "
                                 "a saddle or a plateau (the Hessian tells which). 0: never stop early.")
        self.pace_label = QLabel(self)
        self.pace_label.setObjectName("paceLabel")
        self.pace_label.setToolTip(_PACE_TIP)
        form.addRow("speed (steps/s)", self.speed_spin)
        form.addRow("playing at", self.pace_label)
        form.addRow("max steps", self.max_steps_spin)
        form.addRow("tolerance ‖∇f‖", self.tol_spin)
        return form

    def _on_pace_changed(self, pace: float | None) -> None:
        """Shown only while playback cannot keep the speed box's pace and draw smoothly too."""
        if pace is not None:
            self.pace_label.setText(pace_text(pace))
        self._form.setRowVisible(self.pace_label, pace is not None)

    def _on_settings_changed(self, settings: DescentSettings) -> None:
        pairs = ((self.speed_spin, settings.speed), (self.max_steps_spin, settings.recorded_steps()),
                 (self.tol_spin, settings.tol))
        for spin, value in pairs:
            with QSignalBlocker(spin):
                spin.setValue(value)
        self.max_steps_spin.setToolTip(_max_steps_tip(settings))


_MAX_STEPS_TIP = "Every particle stops after this many steps."
_PACE_TIP = ("Taking as many steps a second as the speed asks for would leave too little of each 1/60 s "
             "to draw them (many particles make a step dear): the run plays this fast instead, and the "
             "picture stays smooth. Fewer particles, or a faster computer, keep up with the speed.")


def _max_steps_tip(settings: DescentSettings) -> str:
    """The field shows the steps the run uses; where a swarm lowered them, why, and what was asked for."""
    used = settings.recorded_steps()
    if used == settings.max_steps:
        return _MAX_STEPS_TIP
    particles = settings.particles * len(settings.optimizers)
    return (f"{_MAX_STEPS_TIP}\nLowered to {used:,} (you asked for {settings.max_steps:,}) so the recorded "
            f"paths of {particles:,} particles fit in memory; with fewer particles it goes back up.")
