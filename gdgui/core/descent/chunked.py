"""Basin maps and learning-rate sweeps in chunks, so a worker thread can report progress and stop.

Each chunk is an independent vectorized run over some of the starts (or learning rates); the
particles never interact, so the pieces put together equal :func:`lr_science.basins` and
:func:`lr_science.lr_sweep` run in one go (the tests check exactly that).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from gdgui.core.descent.functions import Objective
from gdgui.core.descent.lr_science import DIVERGED_LABEL, BasinMap, SweepResult, basin_labels, lr_sweep
from gdgui.core.descent.optimizers import make_optimizer

__all__ = ["BasinJob", "SweepJob", "sweep_learning_rates"]


class BasinJob:
    """A ``grid`` × ``grid`` basin map computed a band of rows at a time."""

    def __init__(self, f: Objective, optimizer: str, lr: float, grid: int, steps: int, *,
                 domain=None, tol: float = 1e-6, rows_per_chunk: int = 16, hyper: dict | None = None):
        self._f, self._optimizer, self._lr = f, optimizer, lr
        self._steps, self._tol, self._hyper = steps, tol, dict(hyper or {})
        self._domain = tuple(domain if domain is not None else f.domain)
        x0, x1, y0, y1 = self._domain
        self.xs, self.ys = np.linspace(x0, x1, grid), np.linspace(y0, y1, grid)
        self._labels = np.full((grid, grid), DIVERGED_LABEL, dtype=np.int64)
        self._rows_per_chunk = max(1, rows_per_chunk)
        make_optimizer(optimizer, lr, **self._hyper)  # fail now, not in the worker

    def chunks(self) -> Iterator[float]:
        """Compute band after band; yields the share of rows done after each."""
        total = len(self.ys)
        for first in range(0, total, self._rows_per_chunk):
            rows = slice(first, min(first + self._rows_per_chunk, total))
            self._labels[rows] = self._band(self.ys[rows])
            yield rows.stop / total

    def _band(self, ys: np.ndarray) -> np.ndarray:
        return basin_labels(self._f, self._optimizer, self._lr, self.xs, ys, self._steps,
                            domain=self._domain, tol=self._tol, **self._hyper)

    def result(self) -> BasinMap:
        return BasinMap(self.xs, self.ys, self._labels.copy(), self._f.minima)


def sweep_learning_rates(low: float = 1e-5, high: float = 10.0, count: int = 200) -> np.ndarray:
    """``count`` learning rates evenly spaced on a log scale from ``low`` to ``high``."""
    return np.geomspace(low, high, count)


class SweepJob:
    """:func:`lr_sweep` over many learning rates, a slice of them at a time."""

    def __init__(self, f: Objective, optimizer: str, start, lrs, steps: int, *, tol: float = 1e-6,
                 per_chunk: int = 25, hyper: dict | None = None):
        self._f, self._optimizer, self._start = f, optimizer, tuple(float(v) for v in start)
        self._steps, self._tol, self._hyper = steps, tol, dict(hyper or {})
        self.lrs = np.asarray(lrs, dtype=float).reshape(-1)
        self._per_chunk = max(1, per_chunk)
        self._parts: list[SweepResult] = []
        make_optimizer(optimizer, float(self.lrs[0]), **self._hyper)  # fail now, not in the worker

    def chunks(self) -> Iterator[float]:
        """Sweep slice after slice; yields the share of learning rates done after each."""
        total = len(self.lrs)
        for first in range(0, total, self._per_chunk):
            lrs = self.lrs[first: first + self._per_chunk]
            self._parts.append(lr_sweep(self._f, self._optimizer, self._start, lrs, self._steps,
                                        tol=self._tol, **self._hyper))
            yield min(first + self._per_chunk, total) / total

    def result(self) -> SweepResult:
        fields = ("lrs", "final_points", "final_f", "steps", "status")
        return SweepResult(*(np.concatenate([getattr(p, name) for p in self._parts]) for name in fields))
