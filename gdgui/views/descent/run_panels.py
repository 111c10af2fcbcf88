"""Sidebar sections "Learning rate", "Start" and "Run", and the transport bar under the map."""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.frame import Frame
from gdgui.controllers.descent.map import Stability, stability_text
from gdgui.controllers.shell.theme import STATUS_COLOURS
from gdgui.core.descent.settings import MAX_LR, MAX_SPEED, MAX_STEPS_LIMIT, MAX_SWARM, MIN_LR, DescentSettings
from gdgui.views.widgets.log_spin_box import LogSpinBox

__all__ = ["LearningRatePanel", "StartPanel", "RunPanel", "TransportBar"]

_SLIDER_STEPS_PER_DECADE = 100
_COORDINATE_LIMIT = 1e4
_TIMELINE_HEIGHTS = 6  # the timeline is at least this many text heights wide


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


class _StepLabel(QLabel):
    """"step k / n", asking for the width of the run's longest such text: its size hint stays put
    while k and n grow, so the buttons and the timeline beside it are not laid out (and repainted)
    every frame. Squeezed, it needs no more than its text, as a plain label."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._most = 0
        self._longest: tuple[tuple, int] = ((), 0)  # (the most steps and the font, the longest text's width)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_most(self, steps: int) -> None:
        if steps != self._most:
            self._most = steps
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt override
        margins = self.contentsMargins()
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._longest_width() + margins.left() + margins.right() + 2), hint.height())

    def _longest_width(self) -> int:
        """The width of "step n / n" for the most steps, every digit the widest (asked every frame: kept)."""
        key = (self._most, self.font().key())
        if key != self._longest[0]:
            metrics = self.fontMetrics()
            widest = max("0123456789", key=metrics.horizontalAdvance)
            longest = _step_text(self._most, self._most).translate(str.maketrans("0123456789", widest * 10))
            self._longest = (key, metrics.horizontalAdvance(longest))
        return self._longest[1]


class _StepCounter(QWidget):
    """Holds the step label, at its own size and without a layout: a label's new text asks its
    parent's layout to lay the row out again (~0.3 ms a frame while a run plays), so the label's
    parent is this holder, which asks the row only when the label's sizes changed (a new text, the
    most steps, a font: the label's own request for a layout comes here)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = _StepLabel(self)
        self.setSizePolicy(self.label.sizePolicy())
        self._known = self._sizes()

    def _refresh(self) -> None:
        if self._sizes() != self._known:
            self._known = self._sizes()
            self.updateGeometry()

    def _sizes(self) -> tuple[QSize, QSize]:
        return self.label.sizeHint(), self.label.minimumSizeHint()

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt override
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 — Qt override
        return self.label.minimumSizeHint()

    def event(self, event) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self._refresh()
        return super().event(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())


class _Timeline(QSlider):
    """The timeline; ``show_step`` asks for a repaint only when the handle moves. While a run plays at
    its newest step the handle stays at the end as the range grows: a new range repainted the slider
    every frame (~0.3 ms), for the same picture."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._quiet = False

    def show_step(self, step: int, latest: int) -> None:
        """Range 0 to ``latest`` and value ``step``, without a signal."""
        before = self._handle()
        self._quiet = True
        try:
            with QSignalBlocker(self):
                self.setRange(0, latest)
                self.setValue(step)
        finally:
            self._quiet = False
        if self._handle() != before:
            self.update()

    def _handle(self) -> tuple:
        """What the handle's place is made of: at the end of a range whatever its length, or else the
        range and the position."""
        low, high, position = self.minimum(), self.maximum(), self.sliderPosition()
        return (low, "end") if high > low and position == high else (low, high, position)

    def sliderChange(self, change) -> None:  # noqa: N802 — Qt override: repaints the slider
        if not self._quiet:
            super().sliderChange(change)


class TransportBar(QWidget):
    """Under the map: play/pause, one step back, one step, reset, and the timeline to scrub."""

    def __init__(self, controller: DescentController, parent: QWidget | None = None):
        super().__init__(parent)
        self._controller = controller
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        specs = (("play", "playButton", "▶ Play", "Play or pause the descent (Space)."),
                 ("back", "stepBackButton", "◀ Back", "One recorded step back (Page Up)."),
                 ("step", "stepButton", "Step ▶", "One step forward (Right arrow or Page Down)."),
                 ("reset", "resetButton", "Reset", "Back to the start, step 0 (R)."))
        for attribute, name, text, tip in specs:
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setToolTip(tip)
            row.addWidget(button)
            setattr(self, f"{attribute}_button", button)
        self.timeline = _Timeline(self)
        self.timeline.setObjectName("timelineSlider")
        self.timeline.setToolTip("Scrub back through the recorded steps (Page Up / Page Down: one at a time).")
        self._counter = _StepCounter(self)
        self.step_label = self._counter.label
        self.step_label.setObjectName("stepLabel")
        row.addWidget(self.timeline, 1)
        row.addWidget(self._counter)
        self._connect_signals()
        self.step_label.set_most(controller.settings.recorded_steps())
        self._on_frame_changed(controller.frame)

    def resizeEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().resizeEvent(event)
        self._fit_timeline()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 — Qt override
        """Without the timeline's width: it hides where it has no room (the side panels fold by this)."""
        hint = super().minimumSizeHint()
        if not self.timeline.isHidden():
            hint.setWidth(hint.width() - self.timeline.minimumWidth() - self.layout().spacing())
        return hint

    def _fit_timeline(self) -> None:
        """The timeline shows where it gets a width a hand can drag. Squeezed beside the buttons and the
        step counter (a race at 1280×720, a small projector with the sidebar) it was a 15-px square that
        read as a check box; it hides there instead, and Page Up / Page Down and the loss plot's step
        line still scrub. Decided from the others' minimum widths, so showing it changes nothing."""
        row = self.layout()
        others = [row.itemAt(i) for i in range(row.count()) if row.itemAt(i).widget() is not self.timeline]
        used = sum(item.minimumSize().width() for item in others) + row.spacing() * len(others)
        least = _TIMELINE_HEIGHTS * self.timeline.fontMetrics().height()
        self.timeline.setMinimumWidth(least)  # shown, it gets that width: the step counter gives way
        self.timeline.setVisible(self.width() - used >= least)

    def _connect_signals(self) -> None:
        c = self._controller
        self.play_button.clicked.connect(c.toggle_play)
        self.back_button.clicked.connect(c.step_back)
        self.step_button.clicked.connect(lambda: c.step())
        self.reset_button.clicked.connect(c.reset)
        self.timeline.valueChanged.connect(self._on_timeline_moved)
        c.playing_changed.connect(self._on_playing_changed)
        c.frame_changed.connect(self._on_frame_changed)
        c.settings_changed.connect(lambda settings: self.step_label.set_most(settings.recorded_steps()))

    def _on_timeline_moved(self, step: int) -> None:
        if step != self._controller.frame.step:
            self._controller.seek(step)

    def _on_playing_changed(self, playing: bool) -> None:
        self.play_button.setText("|| Pause" if playing else "▶ Play")  # ⏸ is missing from common fonts

    def _on_frame_changed(self, frame: Frame) -> None:
        self.timeline.show_step(frame.step, frame.latest)
        self.step_label.setText(_step_text(frame.step, frame.latest))  # its request for a layout goes to _counter


def _step_text(step: int, latest: int) -> str:
    return f"step {step:,} / {latest:,}"


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
        self._on_settings_changed(controller.settings)

    def _limits(self) -> QFormLayout:
        form = QFormLayout()
        self.speed_spin = _int_spin(self, "speedSpin", "Steps per second while playing. The picture is redrawn "
                                    "at most 60 times a second however fast it steps.", 1, MAX_SPEED)
        self.max_steps_spin = _int_spin(self, "maxStepsSpin", _MAX_STEPS_TIP, 1, MAX_STEPS_LIMIT)
        self.tol_spin = LogSpinBox(0.0, 1.0, parent=self)
        self.tol_spin.setObjectName("tolSpin")
        self.tol_spin.setSpecialValueText("0 (off)")
        self.tol_spin.setToolTip("A particle stops when ‖∇f‖ falls below this: then it is at a minimum, "
                                 "a saddle or a plateau (the Hessian tells which). 0: never stop early.")
        form.addRow("speed (steps/s)", self.speed_spin)
        form.addRow("max steps", self.max_steps_spin)
        form.addRow("tolerance ‖∇f‖", self.tol_spin)
        return form

    def _on_settings_changed(self, settings: DescentSettings) -> None:
        pairs = ((self.speed_spin, settings.speed), (self.max_steps_spin, settings.recorded_steps()),
                 (self.tol_spin, settings.tol))
        for spin, value in pairs:
            with QSignalBlocker(spin):
                spin.setValue(value)
        self.max_steps_spin.setToolTip(_max_steps_tip(settings))


_MAX_STEPS_TIP = "Every particle stops after this many steps."


def _max_steps_tip(settings: DescentSettings) -> str:
    """The field shows the steps the run uses; where a swarm lowered them, why, and what was asked for."""
    used = settings.recorded_steps()
    if used == settings.max_steps:
        return _MAX_STEPS_TIP
    particles = settings.particles * len(settings.optimizers)
    return (f"{_MAX_STEPS_TIP}\nLowered to {used:,} (you asked for {settings.max_steps:,}) so the recorded "
            f"paths of {particles:,} particles fit in memory; with fewer particles it goes back up.")
