"""The stop checks of a run's step, written once for every run (``runs.Run`` takes them in): a point
that is no longer finite, or far outside the domain, has diverged; a flat gradient is looked at
(minimum, saddle or plateau); the step budget; how long f has kept falling; and the row recorded.

They work on the x and y columns, never reducing along the length-2 axis (ten times the cost), and
take the fewest NumPy calls for a few points (a race) and the fewest passes over memory for many.
"""

from __future__ import annotations

import math

import numpy as np

from gdgui.core.descent.critical import classify_critical, fall_streak
from gdgui.core.descent.stepping.pairs import take_rows
from gdgui.core.descent.stop_reasons import DIVERGED, MAX_STEPS, RUNNING

__all__ = ["StopChecks", "FEW_POINTS", "all_finite", "extent", "indices"]

# Up to this many particles a run's checks take the fewest NumPy calls (dot products, whole (N, 2)
# arrays); past it, the fewest passes over memory (sums, long columns).
FEW_POINTS = 1024
# Up to this many (a race) they read the numbers as Python floats: a NumPy call on a few numbers costs
# ~1 µs, most of it set-up, a float's operation some 50 ns.
FEW_FLOATS = 16


class StopChecks:
    """What ``Run`` checks after each step; it reads and writes the run's own arrays."""

    def _track_fall(self, rows, f: np.ndarray) -> None:
        """Count the steps in a row that f fell, no less each time (even to −∞)."""
        if isinstance(rows, slice):  # every particle: in place, the last drop's array takes the new one
            drop = np.subtract(self._f, f, out=self._drop_spare)
            fall_streak(self._falls, self._drop, drop, out=self._falls)
            self._drop, self._drop_spare = drop, self._drop
            return
        drop = self._f[rows] - f
        self._falls[rows] = fall_streak(self._falls[rows], self._drop[rows], drop)
        self._drop[rows] = drop

    @staticmethod
    def _finite(x, f, g) -> np.ndarray:
        """(N,) True where f, x and ∇f are finite, column by column (a reduction along the
        length-2 axis costs ten times as much)."""
        finite = np.isfinite(f)
        for column in (x[:, 0], x[:, 1], g[:, 0], g[:, 1]):
            finite &= np.isfinite(column)
        return finite

    def _mark_non_finite(self, rows: np.ndarray, finite: np.ndarray) -> None:
        if not finite.all():
            self._stop(rows[~finite], DIVERGED)

    def _finish_step(self, rows, extent: tuple[float, float] | None = None) -> None:
        """Re-check the stop conditions of the particles that moved, then record the row (under
        errstate "ignore": far out or steep, inf compares as IEEE says). ``extent``: the least and
        greatest coordinate of their points, when known (``extent``)."""
        x, g = (self._x, self._g) if isinstance(rows, slice) else (take_rows(self._x, rows), take_rows(self._g, rows))
        escaped = None if extent is not None and self._within(extent) else self._escaped(x)
        flat = self._flat(g) if self.tol > 0 else None
        if (escaped is not None and np.count_nonzero(escaped)) or (flat is not None and np.count_nonzero(flat)):
            escaped = np.zeros(len(x), dtype=bool) if escaped is None else escaped
            escaped = escaped if escaped.ndim == 1 else escaped.any(axis=1)
            rows = indices(rows, self.n_particles)
            self._stop(rows[escaped], DIVERGED)
            if flat is not None:
                self._classify(rows[flat & ~escaped])
        if self.max_steps is not None and self.t >= self.max_steps:
            self._stop(self._status == RUNNING, MAX_STEPS)
        for recorder in (self._trajectory, self._streamed):
            if recorder is not None:
                recorder.append(self._x, self._f, self._g)

    def _flat(self, g: np.ndarray) -> np.ndarray | None:
        """True where ‖∇f‖² ≤ tol² (the same arithmetic on floats, for a few: None when no gradient is)."""
        tol2 = self.tol * self.tol
        if len(g) <= FEW_FLOATS:
            flat = [gx * gx + gy * gy <= tol2 for gx, gy in g.tolist()]
            return np.array(flat) if any(flat) else None
        gx, gy = g[:, 0], g[:, 1]
        return gx * gx + gy * gy <= tol2

    def _escaped(self, x: np.ndarray) -> np.ndarray:
        """True where a coordinate of x (M, 2) is more than the escape distance from the domain's centre:
        (M, 2) for a few points, three ops on arrays of x's shape (a broadcast (2,) row would loop in
        pieces of two); else (M,), column by column, without arrays as big as x to compare with."""
        m = len(x)
        if m <= FEW_POINTS:
            return np.abs(x - self._centre_rows[:m]) > self._escape_rows[:m]
        (cx, cy), (ex, ey) = self._centre, self._escape
        escaped = np.abs(x[:, 0] - cx) > ex
        escaped |= np.abs(x[:, 1] - cy) > ey
        return escaped

    def _within(self, extent: tuple[float, float]) -> bool:
        """True if no point whose coordinates lie in [low, high] (``extent``) can have escaped: |v − c|
        rounded is smallest at v = c and grows each way, so it is largest at low or high (an exact test
        of two numbers per column instead of the columns; NaN fails it)."""
        low, high = extent
        (cx, cy), (ex, ey) = self._bounds
        return abs(low - cx) <= ex and abs(high - cx) <= ex and abs(low - cy) <= ey and abs(high - cy) <= ey

    def _classify(self, rows: np.ndarray) -> None:
        if len(rows):
            status, minimum = classify_critical(self.objective, self._x[rows])
            self._stop(rows, status)
            self._minimum[rows] = minimum


def extent(x: np.ndarray) -> tuple[float, float] | None:
    """The least and greatest coordinate of many points x (M, 2), as NumPy floats (NaN if one is NaN):
    they tell at once whether x is finite and whether a point can have escaped. For up to FEW_FLOATS
    points as Python floats, both NaN unless their sum is finite (every one is, and they do not overflow
    it); None for up to FEW_POINTS."""
    if len(x) <= FEW_FLOATS:
        values = x.ravel().tolist()
        return (min(values), max(values)) if math.isfinite(sum(values)) else (math.nan, math.nan)
    return None if len(x) <= FEW_POINTS else (x.min(), x.max())


def all_finite(x: np.ndarray, f: np.ndarray, g: np.ndarray, x_extent: tuple | None = None) -> bool:
    """No inf or NaN in x, f or g, or maybe one (then the columns are looked at): any inf or NaN
    makes a sum inf or NaN, as does an overflow. For a few points, three dot products (a ufunc's sum
    costs as much as ten small elementwise ops; a BLAS dot product uses one thread at this size); for
    many, and for up to FEW_FLOATS (sums of Python floats), x's ``extent`` when given (finite ends:
    every coordinate between them is)."""
    if len(f) <= FEW_POINTS and x_extent is None:
        return math.isfinite(np.vdot(x, x) + np.dot(f, f) + np.vdot(g, g))  # overflow past |v| > 1e154
    ends = _sum(x) if x_extent is None else x_extent[0] - x_extent[1]  # inf − inf is NaN
    return math.isfinite(ends + _sum(f) + _sum(g))


def _sum(array: np.ndarray) -> float:
    """The sum of every number of ``array`` (the ufunc itself: ``ndarray.sum`` of an (N, 2) array takes
    half as long again; a few numbers' as Python floats)."""
    if array.size <= 2 * FEW_FLOATS:
        return sum(array.ravel().tolist())
    return np.add.reduce(array, axis=None)


def indices(rows, n: int) -> np.ndarray:
    return np.arange(n) if isinstance(rows, slice) else rows
