"""State and animation of the Descent tab: settings, the run, the timeline and the map.

One QTimer drives playback (``playback.py``); its timeout calls ``tick()``, which calls the public
``step()`` (tests call ``step()`` directly). Setters never raise into Qt: a rejected value is reported
through ``message`` and ``settings_changed`` re-emits the unchanged settings so widgets revert.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from gdgui.controllers.descent.analysis import DescentAnalysis
from gdgui.controllers.descent.frame import RunRecord
from gdgui.controllers.descent.frame_data import Frame, StatusContext
from gdgui.controllers.descent.map import MapData, MapMemory, Stability, hover_text
from gdgui.controllers.descent.minima import MinimaSearch
from gdgui.controllers.descent.pacing import Pacer
from gdgui.controllers.descent.playback import FRAME_MS, Playback
from gdgui.controllers.descent.practice import DescentPractice
from gdgui.controllers.descent.setters import SettingSetters
from gdgui.controllers.descent.undo import FIELDS, SettingsHistory
from gdgui.controllers.descent.zoom import MapZoom
from gdgui.core.descent.functions import Objective
from gdgui.core.descent.lr_science import curvatures
from gdgui.core.descent.neuron.dataset import DEFAULT_DATASET
from gdgui.core.descent.neuron.dataset import FUNCTION_ID as NEURON_LOSS
from gdgui.core.descent.neuron.sample_graph import bridge, bridge_words
from gdgui.core.descent.runs import Run
from gdgui.core.descent.settings import DescentSettings
from gdgui.core.numbers import TYPED_DIGITS, point_text, short

__all__ = ["DescentController", "FRAME_MS"]


_MAP_KEYS = {"function", "expression", "domain", "dataset"}
_LIVE_KEYS = {"lr", "hyper", "speed"}          # applied to the running run, no reset


class DescentController(SettingSetters, Playback, QObject):
    """The Descent tab's model.

    Signals:
        settings_changed(object): the DescentSettings after any change, or after a rejected one.
        map_changed(object): MapData of the function (new function, domain or colour scale).
        frame_changed(object): the Frame at the timeline's step.
        playing_changed(bool)
        expression_failed(str, int): a typed formula's error message and 1-based column.
        expression_accepted(): the typed formula is valid.
        stability_changed(object): Stability of plain GD (at the start and the minima) for the current γ.
        message(str): one line for the status bar.
        graph_requested(str, object): f's formula and {"x": x, "y": y} of the selected particle.
        sample_graph_requested(object): the neuron-loss function's Ctrl+G: one sample's loss graph at
            the selected particle's weights, as graph document data (``core/descent/neuron``).
        minima_changed(object): the Objective, now with the minima found numerically for a typed f
            (found on a worker thread after the map was drawn; map, basins and f* update).
        pace_changed(object): the steps a second playback keeps when it cannot keep the speed and draw
            smoothly (``pacing``), or None when it keeps the speed (and when paused).
    """

    settings_changed = Signal(object)
    map_changed = Signal(object)
    frame_changed = Signal(object)
    playing_changed = Signal(bool)
    expression_failed = Signal(str, int)
    expression_accepted = Signal()
    stability_changed = Signal(object)
    message = Signal(str)
    graph_requested = Signal(str, object)
    sample_graph_requested = Signal(object)
    minima_changed = Signal(object)
    pace_changed = Signal(object)

    def __init__(self, settings: DescentSettings | None = None, parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self._clock = clock  # seconds; playback steps by the time that really passed between beats
        self._beat: float | None = None  # the clock at the last beat while playing
        self._settings = settings or DescentSettings()
        self._log_choice: bool | None = None
        self._selected = self._settings.optimizers[0]
        self.history = SettingsHistory(lambda settings: self._adopt(settings, FIELDS), self)
        self.undo_stack = self.history.stack  # every change of the settings, one step each (undo.py)
        self.analysis = DescentAnalysis(self)
        self.minima_search = MinimaSearch(self)
        self.zoom = MapZoom(self)  # the visible part of the map, sampled again after a zoom or pan
        self.practice = DescentPractice(self)  # guess the next step, and whether γ converges (practice.py)
        self.minima_search.found.connect(self._on_minima_found)
        self.minima_search.failed.connect(self.message)
        self._objective = self._new_objective()
        self._maps = MapMemory()  # the last few functions' maps, for switching back
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.tick)
        self._debt = 0.0
        self._pacer = Pacer(clock)
        self._plan_timer()
        self._rebuild_map()
        self._rebuild_run()

    # ----- what the views read --------------------------------------------------------------

    @property
    def settings(self) -> DescentSettings:
        return self._settings

    @property
    def objective(self) -> Objective:
        """f as drawn and run: a catalog entry, or a typed formula with the minima found so far."""
        return self._objective

    @property
    def map_data(self) -> MapData:
        return self._map

    @property
    def frame(self) -> Frame:
        return self._frame

    @property
    def record(self) -> RunRecord:
        return self._record

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    @property
    def pace(self) -> float | None:
        """Steps a second playback keeps while it cannot keep the speed and draw smoothly, else None."""
        return self._pacer.pace

    @property
    def stability(self) -> Stability:
        return self._stability

    @property
    def selected_optimizer(self) -> str:
        return self._selected

    def state_dict(self) -> dict:
        """The settings as plain data (function or formula, domain, optimizers, γ, starts, limits)."""
        return self._settings.to_dict()

    def apply_state(self, state: dict) -> None:
        """Adopt saved settings; ValueError (naming the problem) leaves everything unchanged."""
        if not isinstance(state, dict):
            raise ValueError(f"a descent state is a mapping, not {type(state).__name__}")
        self._adopt(self._settings.updated(state), set(state))

    def hover_text(self, x: float, y: float) -> str:
        return hover_text(self._map.objective, x, y)

    def set_log_colours(self, on: bool) -> None:
        if on != self._map.log:
            self._log_choice = on
            self._rebuild_map()

    # ----- applying a change -------------------------------------------------------------------

    def _change(self, **changes) -> bool:
        try:
            settings = self._settings.updated(changes)
        except ValueError as error:
            self.message.emit(str(error))
            self.settings_changed.emit(self._settings)
            return False
        self._adopt(settings, set(changes))
        return True

    def _adopt(self, settings: DescentSettings, changed: set[str]) -> None:
        changed = {key for key in changed if getattr(self._settings, key) != getattr(settings, key)}
        if not changed:
            return  # a widget echoing the model's own value: nothing to redo, nothing to emit
        self.history.record(self._settings, settings)  # before a view hears of it: steps keep their order
        self._settings = settings
        if changed & _MAP_KEYS:
            self._log_choice = None
            self._objective = self._new_objective()
            self._rebuild_map()
        # A swarm starts from its seeded random points, so moving the start leaves it running.
        unused = {"start"} if settings.swarm and not changed & {"particles", "seed"} else set()
        if changed - _LIVE_KEYS - unused:
            self._rebuild_run()
        else:
            self._apply_live(changed)
        self.analysis.settings_changed(settings, changed, self._selected)
        self.settings_changed.emit(settings)

    def _apply_live(self, changed: set[str]) -> None:
        run = self._record.run
        if "lr" in changed:
            run.configure(lr=self._settings.lr)
            self.message.emit(f"γ = {short(self._settings.lr, TYPED_DIGITS)} from the next step on")
        if "hyper" in changed:
            for index, name in enumerate(self._settings.optimizers):
                run.configure(index, **self._settings.hyperparameters(name))
        if "speed" in changed:
            self._plan_timer()
        self._update_stability()
        self._emit_frame()

    # ----- the run and its timeline -----------------------------------------------------------

    def _new_objective(self) -> Objective:
        """The settings' f, with the minima found before for a typed formula; else a search starts."""
        objective = self.minima_search.objective_for(self._settings.objective(), self._settings.resolved_domain())
        self.analysis.use_objective(objective)
        return objective

    def _on_minima_found(self, objective: Objective) -> None:
        if objective.formula != self._objective.formula or objective.domain != self._objective.domain:
            return  # found for a formula no longer shown
        self._objective = objective
        self._map = replace(self._map, objective=objective)
        self._record.run.adopt_minima(objective)
        self.analysis.use_objective(objective)
        self.analysis.settings_changed(self._settings, {"minima"}, self._selected)
        self.minima_changed.emit(objective)
        self._update_stability()
        self._emit_frame()

    def _rebuild_map(self) -> None:
        self._map = self._maps.map(self._objective, self._settings.resolved_domain(), self._log_choice)
        self.map_changed.emit(self._map)

    def _rebuild_run(self) -> None:
        self.pause()
        s = self._settings
        run = Run(self._objective, s.make_optimizers(), s.starts(), tol=s.tol, max_steps=s.recorded_steps(),
                  domain=s.resolved_domain())
        self._record = RunRecord(run, s.swarm)
        self._view_step = 0
        if s.recorded_steps() < s.max_steps:
            self.message.emit(f"Max steps lowered to {s.recorded_steps():,} for "
                              f"{s.particles * len(s.optimizers):,} particles, to bound memory.")
        self._update_stability()
        self._emit_frame()

    def _update_stability(self) -> None:
        objective = self._map.objective
        start, *minima = _curvatures(objective, (tuple(self._settings.start), *((m.x, m.y) for m in objective.minima)))
        self._stability = Stability(start, tuple(minima), self._settings.lr)
        self.stability_changed.emit(self._stability)

    def _emit_frame(self) -> None:
        s = self._settings
        context = StatusContext(s.lr, self._stability.bound, s.recorded_steps(), s.tol, self._focus_index())
        self._frame = self._record.frame(self._view_step, context)
        self.frame_changed.emit(self._frame)

    def _focus_index(self) -> int:
        """The selected optimizer's place in the run; the first one's while it is not ticked."""
        names = self._settings.optimizers
        return names.index(self._selected) if self._selected in names else 0

    # ----- analysis and hand-over ----------------------------------------------------------------

    def set_basins_shown(self, shown: bool) -> None:
        self.analysis.set_basins_shown(shown, self._settings, self._selected)

    def compute_sweep(self) -> None:
        self.analysis.compute_sweep(self._settings, self._selected)

    def request_graph(self) -> None:
        """Send f and the selected particle's current point to the Backprop tab."""
        x, y = self._frame.selected_point
        if self._map.objective.id == NEURON_LOSS:
            self._request_sample_graph(x, y)
            return
        self.graph_requested.emit(self._map.objective.formula, {"x": x, "y": y})
        self.message.emit(f"Sent f at {point_text(x, y)} to the Backprop tab")

    def _request_sample_graph(self, w1: float, w2: float) -> None:
        """The bridge: sample 1's loss graph at (w1, w2), and the status says how it adds up to ∇f."""
        link = bridge(self._settings.dataset or DEFAULT_DATASET, w1, w2)
        self.sample_graph_requested.emit(link.document)
        _, grad = self._map.objective.value_and_grad([[w1, w2]])
        self.message.emit(bridge_words(link, grad[0]))


@lru_cache(maxsize=32)
def _curvatures(objective: Objective, points: tuple) -> tuple:
    """``curvatures`` at the start and the minima, kept: a change of γ or a switch back reuses them."""
    return curvatures(objective, points)
