"""Learning-rate science: the stability bound 2/λmax, learning-rate sweeps and basin maps.

Everything is one vectorized run: each learning rate or each start is just another particle.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdgui.core.descent.critical import eigenvalues, hessian, kinked, nearest_minimum
from gdgui.core.descent.functions import Minimum, Objective
from gdgui.core.descent.optimizers import make_optimizer
from gdgui.core.descent.runs import Run
from gdgui.core.descent.stop_reasons import DIVERGED

__all__ = ["Curvature", "curvatures", "lr_sweep", "SweepResult", "basins",
           "basin_labels", "BasinMap", "NO_MINIMUM", "DIVERGED_LABEL"]

NO_MINIMUM, DIVERGED_LABEL = -1, -2


@dataclass(frozen=True)
class Curvature:
    """f's largest curvature λmax at a point, unless f has a kink there (then λmax means nothing)."""

    point: tuple[float, float]
    largest: float
    kink: bool

    @property
    def bound(self) -> float | None:
        """2/λmax where f curves up smoothly; None at a kink or where λmax ≤ 0 (no limit).

        Plain gradient descent near the point is stable for γ below it: along the steepest-curvature
        axis each step multiplies the distance by (1 − γλmax)."""
        return 2.0 / self.largest if self.largest > 0 and not self.kink else None


def curvatures(f: Objective, points) -> tuple[Curvature, ...]:
    """The Curvature at each point (N, 2): where a run starts, and the minima it may reach."""
    p = np.asarray(points, dtype=float).reshape(-1, 2)
    if not len(p):
        return ()
    largest, kinks = eigenvalues(hessian(f, p))[:, -1], kinked(f, p)
    return tuple(Curvature((float(x), float(y)), float(top), bool(kink))
                 for (x, y), top, kink in zip(p, largest, kinks))


@dataclass(frozen=True)
class SweepResult:
    """Per learning rate: the final point and f, steps taken and stop status (code)."""

    lrs: np.ndarray
    final_points: np.ndarray
    final_f: np.ndarray
    steps: np.ndarray
    status: np.ndarray


def lr_sweep(f: Objective, optimizer: str, start, lrs, steps: int, *, tol: float = 1e-6,
             **hyper: float) -> SweepResult:
    """Run ``optimizer`` from ``start`` once per learning rate in ``lrs``, all at once."""
    lrs = np.asarray(lrs, dtype=float).reshape(-1)
    starts = np.repeat(np.reshape(np.asarray(start, dtype=float), (1, 2)), len(lrs), axis=0)
    run = Run(f, make_optimizer(optimizer, lrs, **hyper), starts, tol=tol, max_steps=steps,
              record=False)
    run.run()
    return SweepResult(lrs, run.positions.copy(), run.values.copy(), run.steps.copy(),
                       run.status.copy())


@dataclass(frozen=True)
class BasinMap:
    """labels[j, i]: the listed minimum reached from (xs[i], ys[j]); -1 none, -2 diverged."""

    xs: np.ndarray
    ys: np.ndarray
    labels: np.ndarray
    minima: tuple[Minimum, ...]

    def share(self, label: int) -> float:
        """Fraction of the grid's starts with this label."""
        return float(np.mean(self.labels == label))


def basins(f: Objective, optimizer: str, lr: float, grid: int, steps: int, *, domain=None,
           tol: float = 1e-6, **hyper: float) -> BasinMap:
    """For a grid × grid lattice of starts over the domain, which listed minimum each reaches."""
    x0, x1, y0, y1 = domain if domain is not None else f.domain
    xs, ys = np.linspace(x0, x1, grid), np.linspace(y0, y1, grid)
    labels = basin_labels(f, optimizer, lr, xs, ys, steps, domain=domain, tol=tol, **hyper)
    return BasinMap(xs, ys, labels, f.minima)


def basin_labels(f: Objective, optimizer: str, lr: float, xs, ys, steps: int, *, domain=None,
                 tol: float = 1e-6, **hyper: float) -> np.ndarray:
    """labels[j, i]: the index in ``f.minima`` that the start (xs[i], ys[j]) reaches,
    NO_MINIMUM or DIVERGED_LABEL. (A basin map in one go, or a band of its rows at a time.)"""
    gx, gy = np.meshgrid(xs, ys)
    starts = np.column_stack([gx.ravel(), gy.ravel()])
    run = Run(f, make_optimizer(optimizer, lr, **hyper), starts, tol=tol, max_steps=steps,
              domain=domain, record=False)
    run.run()
    labels = nearest_minimum(f.minima, run.positions)
    labels[run.status == DIVERGED] = DIVERGED_LABEL
    return labels.reshape(len(ys), len(xs))
