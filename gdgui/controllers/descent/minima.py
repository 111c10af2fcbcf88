"""The minima of a typed formula, searched on a worker thread and remembered per formula and domain.

A catalog function keeps the minima listed in ``resources/functions.json``: nothing is searched.
A typed formula knows none until :mod:`gdgui.core.descent.stationary` has found them; until then
the app shows none (no star, no f*), rather than making one up.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gdgui.controllers.jobs import JobRunner
from gdgui.core.descent.functions import Objective
from gdgui.core.descent.stationary import StationaryJob, StationaryPoints

__all__ = ["MinimaSearch", "NUMERICAL", "REMEMBERED"]

NUMERICAL = "numerical"  # Objective.minima_source of minima found by the search
REMEMBERED = 64          # searches kept (formula, domain) → stationary points


class MinimaSearch(QObject):
    """One search at a time; a cached answer is handed out without one.

    Signals:
        found(object): the Objective asked for, with the minima found (``minima_source`` "numerical")
            and every stationary point in ``stationary``.
        busy_changed(bool): a search started, or ended (found, failed or cancelled).
        failed(str): the search raised (the message says what went wrong).
    """

    found = Signal(object)
    busy_changed = Signal(bool)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._runner = JobRunner(parent=self)
        self._cache: dict[tuple, StationaryPoints] = {}
        self._pending: tuple[tuple, Objective] | None = None
        self._runner.started.connect(lambda: self.busy_changed.emit(True))
        self._runner.cancelled.connect(lambda: self.busy_changed.emit(False))
        self._runner.finished.connect(self._on_finished)
        self._runner.failed.connect(self._on_failed)

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def objective_for(self, objective: Objective, domain) -> Objective:
        """``objective`` with the minima found for it on ``domain`` before; or as it is, and (a typed
        formula) searched unless that search is running already. Another formula's search is cancelled."""
        key = _key(objective, domain)
        if objective.minima_source is not None or key in self._cache:
            self.cancel()
        if objective.minima_source is not None:
            return objective  # a catalog function: its listed minima
        if key in self._cache:
            return _with_found(objective, self._cache[key])
        if self._pending is None or self._pending[0] != key:
            job = StationaryJob(objective, key[1])
            self._pending = (key, objective)
            self._runner.start(job)
        return objective

    def cancel(self) -> None:
        self._pending = None
        self._runner.cancel()

    def _on_finished(self, points: StationaryPoints) -> None:
        key, objective = self._pending
        self._pending = None
        if len(self._cache) >= REMEMBERED:
            del self._cache[next(iter(self._cache))]
        self._cache[key] = points
        self.busy_changed.emit(False)
        self.found.emit(_with_found(objective, points))

    def _on_failed(self, message: str) -> None:
        self._pending = None
        self.busy_changed.emit(False)
        self.failed.emit(f"Could not search f for its minima: {message}")


def _key(objective: Objective, domain) -> tuple:
    return objective.formula, tuple(float(v) for v in domain)


def _with_found(objective: Objective, points: StationaryPoints) -> Objective:
    return objective.with_minima(points.minima(), NUMERICAL, points.points)
