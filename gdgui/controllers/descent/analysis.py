"""Basin map and learning-rate sweep for the current settings, computed off the GUI thread.

The numbers come from the core (:mod:`gdgui.core.descent.chunked`, equal to ``lr_science.basins`` and
``lr_sweep``); this controller only starts, cancels and packages them for the views.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from gdgui.controllers.jobs import JobRunner
from gdgui.core.descent.chunked import BasinJob, SweepJob, sweep_learning_rates
from gdgui.core.descent.functions import Minimum, Objective
from gdgui.core.descent.lr_science import BasinMap, SweepResult
from gdgui.core.descent.settings import MAX_LR, MIN_LR, OPTIMIZER_LABELS, DescentSettings
from gdgui.core.descent.stop_reasons import DIVERGED
from gdgui.core.descent.traces import for_log_axis, gap_reference, true_runs

__all__ = ["DescentAnalysis", "BasinView", "SweepView", "BASIN_GRID", "BASIN_MAX_STEPS",
           "SWEEP_POINTS", "SWEEP_MAX_STEPS"]

BASIN_GRID = 160          # starts per side: 25,600 runs, a few seconds at most on two cores
BASIN_MAX_STEPS = 1000
SWEEP_POINTS = 160
SWEEP_MAX_STEPS = 500

# Settings a basin map or a sweep depends on ("selected": the optimizer in focus; "minima": the
# minima of a typed f, found after it was drawn).
_MAP_KEYS = {"function", "expression", "domain", "optimizers", "hyper", "max_steps", "tol", "selected", "minima"}
BASIN_KEYS = _MAP_KEYS | {"lr"}
SWEEP_KEYS = _MAP_KEYS | {"start"}


@dataclass(frozen=True)
class BasinView:
    """A basin map with what produced it (for the legend)."""

    basin_map: BasinMap
    optimizer: str
    lr: float
    steps: int
    minima_source: str | None = None  # "catalog", "numerical" (found by a search) or None

    @property
    def minima(self) -> tuple[Minimum, ...]:
        return self.basin_map.minima


@dataclass(frozen=True)
class SweepView:
    """Final f − f* against γ (NaN where the run diverged), the diverging γ ranges, 2/λmax."""

    optimizer: str
    lrs: np.ndarray
    gap: np.ndarray
    diverged_ranges: list[tuple[float, float]]
    reference: float
    steps: int
    start: tuple[float, float]


class DescentAnalysis(QObject):
    """Starts and cancels the basin-map and sweep jobs; publishes their packaged results.

    Signals:
        basins_changed(object): a BasinView, or None when the map no longer fits the settings.
        basins_shown_changed(bool): the map was switched on or off (by a button, a session or a slide).
        basins_progressed(float), basins_busy_changed(bool)
        sweep_changed(object): a SweepView, or None when stale.
        sweep_progressed(float), sweep_busy_changed(bool)
        failed(str): a job raised (the message says what went wrong).
    """

    basins_changed = Signal(object)
    basins_shown_changed = Signal(bool)
    basins_progressed = Signal(float)
    basins_busy_changed = Signal(bool)
    sweep_changed = Signal(object)
    sweep_progressed = Signal(float)
    sweep_busy_changed = Signal(bool)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._basin_runner = JobRunner(parent=self)
        self._sweep_runner = JobRunner(parent=self)
        self._pending: dict[JobRunner, dict] = {}
        self._objective: Objective | None = None
        self._basins_shown = False
        self._connect(self._basin_runner, self.basins_progressed, self.basins_busy_changed, self._on_basins)
        self._connect(self._sweep_runner, self.sweep_progressed, self.sweep_busy_changed, self._on_sweep)

    def _connect(self, runner: JobRunner, progressed, busy_changed, on_finished) -> None:
        runner.progressed.connect(progressed)
        runner.started.connect(lambda: busy_changed.emit(True))
        runner.cancelled.connect(lambda: busy_changed.emit(False))
        runner.finished.connect(lambda result: (busy_changed.emit(False), on_finished(runner, result)))
        runner.failed.connect(lambda message: (busy_changed.emit(False), self.failed.emit(message)))

    def use_objective(self, objective: Objective) -> None:
        """The f (with the minima it knows) that maps and sweeps are computed for from now on."""
        self._objective = objective

    def _objective_of(self, settings: DescentSettings) -> Objective:
        return self._objective if self._objective is not None else settings.objective()

    @property
    def basins_shown(self) -> bool:
        return self._basins_shown

    def set_basins_shown(self, shown: bool, settings: DescentSettings, optimizer: str) -> None:
        """Show (computing it) or hide the basin map."""
        was_shown, self._basins_shown = self._basins_shown, shown
        if shown != was_shown:
            self.basins_shown_changed.emit(shown)
        if shown:
            self.compute_basins(settings, optimizer)
        else:
            self.clear_basins()

    def settings_changed(self, settings: DescentSettings, changed: set[str], optimizer: str) -> None:
        """Drop results the change makes stale; a shown basin map is recomputed at once."""
        if changed & BASIN_KEYS:
            self.clear_basins()
            if self._basins_shown:
                self.compute_basins(settings, optimizer)
        if changed & SWEEP_KEYS:
            self.clear_sweep()

    @property
    def basins_busy(self) -> bool:
        return self._basin_runner.busy

    @property
    def sweep_busy(self) -> bool:
        return self._sweep_runner.busy

    def compute_basins(self, settings: DescentSettings, optimizer: str) -> None:
        """Start the basin map of ``optimizer`` at the settings' γ (replaces any running one)."""
        steps = min(settings.max_steps, BASIN_MAX_STEPS)
        objective = self._objective_of(settings)
        job = BasinJob(objective, optimizer, settings.lr, BASIN_GRID, steps,
                       domain=settings.resolved_domain(), tol=settings.tol,
                       hyper=settings.hyper.get(optimizer, {}))
        self._pending[self._basin_runner] = {"optimizer": optimizer, "lr": settings.lr, "steps": steps,
                                             "minima_source": objective.minima_source}
        self._basin_runner.start(job)

    def compute_sweep(self, settings: DescentSettings, optimizer: str) -> None:
        """Start the sweep of γ from 1e-5 to 10 for ``optimizer`` from the settings' start."""
        steps = min(settings.max_steps, SWEEP_MAX_STEPS)
        start = tuple(float(v) for v in settings.start)
        objective = self._objective_of(settings)
        job = SweepJob(objective, optimizer, start, sweep_learning_rates(MIN_LR, MAX_LR, SWEEP_POINTS),
                       steps, tol=settings.tol, hyper=settings.hyper.get(optimizer, {}))
        self._pending[self._sweep_runner] = {"optimizer": optimizer, "steps": steps, "start": start,
                                             "known": [m.f for m in objective.global_minima()]}
        self._sweep_runner.start(job)

    def cancel_basins(self) -> None:
        self._basin_runner.cancel()

    def cancel_sweep(self) -> None:
        self._sweep_runner.cancel()

    def clear_basins(self) -> None:
        """The settings changed: drop the map (and stop computing it)."""
        self._basin_runner.cancel()
        self.basins_changed.emit(None)

    def clear_sweep(self) -> None:
        self._sweep_runner.cancel()
        self.sweep_changed.emit(None)

    def _on_basins(self, runner: JobRunner, result: BasinMap) -> None:
        info = self._pending.pop(runner)
        self.basins_changed.emit(BasinView(result, info["optimizer"], info["lr"], info["steps"],
                                           info["minima_source"]))

    def _on_sweep(self, runner: JobRunner, result: SweepResult) -> None:
        info = self._pending.pop(runner)
        self.sweep_changed.emit(sweep_view(result, info))


def sweep_view(result: SweepResult, info: dict) -> SweepView:
    """Package a sweep for plotting: log-safe final f − f*, and the diverging γ ranges."""
    diverged = result.status == DIVERGED
    finals = np.where(diverged, np.nan, result.final_f)
    known = info["known"]
    reference = gap_reference(min(known) if known else None, finals)
    # Each shaded range reaches halfway (in log γ) to the neighbouring learning rates.
    half = np.sqrt(result.lrs[1] / result.lrs[0]) if len(result.lrs) > 1 else 1.0
    ranges = [(float(result.lrs[a] / half), float(result.lrs[b] * half)) for a, b in true_runs(diverged)]
    return SweepView(OPTIMIZER_LABELS[info["optimizer"]], result.lrs, for_log_axis(finals - reference),
                     ranges, reference, info["steps"], info["start"])
