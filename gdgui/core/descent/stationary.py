"""The stationary points of a typed f(x, y), found numerically: minima, saddles, maxima and kinks.

A typed formula comes with no list of minima, so the app looks for them. Gradient descent with a
backtracking step (Armijo) runs from a lattice of starts over the domain, all at once; its end
points, and a coarse lattice of their own (descent never ends on a saddle or a maximum), are
Newton-refined on the exact gradient and the Hessian (:func:`critical.hessian`), deduplicated and
classified by the Hessian's eigenvalues. Where descent ends but the gradient does not vanish (|x|
at 0, Ackley's cusp) a compass search pins the point down; it is a non-smooth minimum where ∇f
jumps there (:func:`critical.kinked`, the rule the runs' advice uses too) and f rises in every
direction, so 0 is a subgradient. Points outside the domain are dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from gdgui.core.descent import critical
from gdgui.core.descent.critical import FLAT_CURVATURE, eigenvalues, hessian
from gdgui.core.descent.functions import Minimum, Objective

__all__ = ["StationaryPoint", "StationaryPoints", "StationaryJob", "stationary_points", "MINIMUM",
           "SADDLE", "MAXIMUM", "SEARCH_GRID", "MAX_LISTED_MINIMA"]

MINIMUM, SADDLE, MAXIMUM, _FLAT = "minimum", "saddle", "maximum", "flat"
SEARCH_GRID = 200          # descent starts per side
NEWTON_GRID = 20           # Newton starts per side (saddles and maxima: descent never ends there)
MAX_LISTED_MINIMA = 12     # the lowest minima listed (a map with a star on each of 100 minima says nothing)
_DESCENT_STEPS, _NEWTON_STEPS, _COMPASS_STEPS = 120, 80, 120
_CELLS = 200               # after each descent step, one point per cell of a _CELLS × _CELLS division
                           # of the domain goes on (about a lattice spacing: their descents have met)
_FIRST_STEP = 0.03         # the first descent step's length, in domain diagonals
_ARMIJO = 1e-4
_GRADIENT_TOL = 1e-8       # ‖∇f‖ that counts as zero, relative to the median ‖∇f‖ over the lattice
_SAME_POINT = 1e-6         # points closer than this (in domain diagonals) are one point
_PROBE = 1e-3              # distance (in diagonals) at which f is compared where curvature is flat
_KINK_PROBE = 1e-6         # distance (in diagonals) at which f must rise around a kink that is a minimum
_DIRECTIONS = np.array([(np.cos(a), np.sin(a)) for a in np.arange(8) * np.pi / 4])


@dataclass(frozen=True)
class StationaryPoint:
    """A point where ∇f = 0 (smooth), or where descent ends though ∇f jumps (``smooth`` False)."""

    x: float
    y: float
    f: float
    kind: str  # MINIMUM, SADDLE or MAXIMUM
    smooth: bool = True


@dataclass(frozen=True)
class StationaryPoints:
    """Every stationary point found in ``domain``, lowest f first."""

    points: tuple[StationaryPoint, ...]
    domain: tuple[float, float, float, float]

    def of_kind(self, kind: str) -> tuple[StationaryPoint, ...]:
        return tuple(p for p in self.points if p.kind == kind)

    def minima(self) -> tuple[Minimum, ...]:
        """The lowest minima (at most MAX_LISTED_MINIMA), the lowest f counting as global."""
        found = self.of_kind(MINIMUM)[:MAX_LISTED_MINIMA]
        if not found:
            return ()
        lowest = found[0].f
        return tuple(Minimum(p.x, p.y, p.f, p.f <= lowest + 1e-9 * max(1.0, abs(lowest))) for p in found)


def stationary_points(f: Objective, domain=None, *, grid: int = SEARCH_GRID, starts=None) -> StationaryPoints:
    """The stationary points of ``f`` in ``domain`` (its own by default), searched from a
    ``grid`` × ``grid`` lattice of descent starts plus ``starts`` (e.g. a swarm's end points)."""
    job = StationaryJob(f, domain, grid=grid, starts=starts)
    for _ in job.chunks():
        pass
    return job.result()


class StationaryJob:
    """:func:`stationary_points` in phases, so a worker thread can report progress and stop."""

    def __init__(self, f: Objective, domain=None, *, grid: int = SEARCH_GRID, starts=None):
        self._f = f
        self.domain = tuple(float(v) for v in (domain if domain is not None else f.domain))
        x0, x1, y0, y1 = self.domain
        self._low, self._width = np.array([x0, y0]), np.array([x1 - x0, y1 - y0])
        self._scale = float(np.hypot(*self._width))
        self._grid = max(2, int(grid))
        self._starts = np.empty((0, 2)) if starts is None else np.asarray(starts, dtype=float).reshape(-1, 2)
        self._points: tuple[StationaryPoint, ...] = ()

    def chunks(self) -> Iterator[float]:
        with np.errstate(all="ignore"):
            starts = np.vstack([_lattice(self.domain, self._grid), self._starts])
            ends = yield from self._descend(starts)
            refined, converged = self._newton(np.vstack([ends, _lattice(self.domain, NEWTON_GRID)]))
            smooth = self._classify(refined[converged])
            yield 0.9
            # Where Newton found no ∇f = 0 near a descent end point, descent may have ended at a kink.
            moved = np.hypot(*(refined[: len(ends)] - ends).T) > _PROBE * self._scale
            kinks = self._kinks(ends[moved | ~converged[: len(ends)]])
            self._points = self._unique([self._snapped(point) for point in smooth + kinks])
            yield 1.0

    def result(self) -> StationaryPoints:
        return StationaryPoints(self._points, self.domain)

    # ----- descent from the lattice ------------------------------------------------------------

    def _descend(self, p: np.ndarray) -> Iterator[float]:
        """Where backtracking gradient descent ends (or stands after its last step), one point per cell
        (the generator's return value); it yields its progress after each step, so a cancel stops it there.

        A point whose descent leaves the domain is dropped: what it was heading for is not in view.
        """
        v, g = self._f.value_and_grad(p)
        slope = np.hypot(g[:, 0], g[:, 1])
        self._gtol = _GRADIENT_TOL * _median(slope)
        keep = self._usable(p, v, g)
        p, v, g = p[keep], v[keep], g[keep]
        t = _FIRST_STEP * self._scale / np.maximum(slope[keep], 1e-300)
        ended = []
        for step in range(_DESCENT_STEPS):
            yield 0.7 * step / _DESCENT_STEPS
            p, v, g, t = self._armijo(p, v, g, t)
            slope = np.hypot(g[:, 0], g[:, 1])
            stopped = (slope <= self._gtol) | (t * slope <= 1e-12 * self._scale)
            ended.append(p[stopped])
            p, v, g, t = p[~stopped], v[~stopped], g[~stopped], t[~stopped]
            first = self._one_per_cell(p, _CELLS)
            p, v, g, t = p[first], v[first], g[first], t[first]
            if not len(p):
                break
        ends = np.vstack(ended + [p])
        yield 0.7
        return ends[self._one_per_cell(ends, _CELLS)]

    def _armijo(self, p, v, g, t):
        """One step each: taken (and the next one twice as long) where f falls enough, else halved;
        a point whose step falls out of the domain is dropped."""
        q = p - t[:, None] * g
        vq, gq = self._f.value_and_grad(q)
        finite = np.isfinite(vq) & np.isfinite(gq).all(axis=1)
        fell = finite & (vq <= v - _ARMIJO * t * (g * g).sum(axis=1))
        inside = self._usable(q, vq, gq)
        p, v, g = np.where(fell[:, None], q, p), np.where(fell, vq, v), np.where(fell[:, None], gq, g)
        stay = inside | ~fell
        return p[stay], v[stay], g[stay], np.where(fell, 2 * t, t / 2)[stay]

    def _usable(self, p, v, g) -> np.ndarray:
        """Finite, with a finite gradient, inside the domain."""
        inside = ((p >= self._low) & (p <= self._low + self._width)).all(axis=1)
        return inside & np.isfinite(v) & np.isfinite(g).all(axis=1)

    def _one_per_cell(self, p: np.ndarray, cells: int) -> np.ndarray:
        """Indices of the first point in each occupied cell of a cells × cells division of the domain."""
        key = np.floor((p - self._low) / self._width * cells).astype(np.int64)
        _, first = np.unique(key[:, 0] * (4 * cells) + key[:, 1], return_index=True)
        return np.sort(first)

    # ----- Newton on ∇f = 0 ----------------------------------------------------------------------

    def _newton(self, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Newton steps H·s = −∇f (each at most a tenth of the domain); which points ended with ∇f = 0."""
        p = p.copy()
        moving = np.ones(len(p), dtype=bool)
        for _ in range(_NEWTON_STEPS):
            index = np.flatnonzero(moving)
            if not len(index):
                break
            step = _newton_steps(hessian(self._f, p[index]), self._f.value_and_grad(p[index])[1])
            length = np.hypot(step[:, 0], step[:, 1])
            step *= np.minimum(1.0, 0.1 * self._scale / length)[:, None]
            p[index] += np.where(np.isfinite(step), step, 0.0)
            moving[index] = np.isfinite(length) & (length > 1e-13 * self._scale)
        v, g = self._f.value_and_grad(p)
        return p, self._usable(p, v, g) & (np.hypot(g[:, 0], g[:, 1]) <= self._gtol)

    def _classify(self, p: np.ndarray) -> list[StationaryPoint]:
        """Minimum, saddle or maximum by the Hessian's eigenvalues; where one is flat, by f around."""
        p = p[self._one_per_cell(p, int(1 / _SAME_POINT))]
        if not len(p):
            return []
        eigen = eigenvalues(hessian(self._f, p))
        flat = FLAT_CURVATURE * max(1.0, self._gtol / _GRADIENT_TOL / self._scale)  # curvature ~ slope / size
        kinds = np.where(eigen[:, 0] > flat, MINIMUM, np.where(eigen[:, 1] < -flat, MAXIMUM, SADDLE))
        unsure = (np.abs(eigen) <= flat).any(axis=1) & ~((eigen[:, 0] < -flat) & (eigen[:, 1] > flat))
        kinds[unsure] = self._kind_by_values(p[unsure])
        # Newton crawls into a flat minimum (x⁴ + y⁴ at 0); a compass search takes it the rest of the way.
        polish = unsure & (kinds == MINIMUM)
        p[polish] = self._compass(p[polish])
        values = self._f.value(p)
        return [StationaryPoint(float(x), float(y), float(v), str(k)) for (x, y), v, k in zip(p, values, kinds)
                if k != _FLAT]

    def _kind_by_values(self, p: np.ndarray) -> np.ndarray:
        """f a little way off in 8 directions: all higher → minimum, all lower → maximum, else saddle."""
        change = self._around(p, _PROBE * self._scale)
        still = np.abs(change) <= 1e-12 * (1 + np.abs(self._f.value(p)))[:, None]
        up, down = (change > 0) | still, (change < 0) | still
        kinds = np.where(up.all(axis=1), MINIMUM, np.where(down.all(axis=1), MAXIMUM, SADDLE))
        return np.where(still.all(axis=1), _FLAT, kinds)

    def _around(self, p: np.ndarray, distance: float) -> np.ndarray:
        """f(p + distance·d) − f(p) for the 8 directions d: shape (N, 8)."""
        shifted = p[:, None, :] + distance * _DIRECTIONS[None, :, :]
        return self._f.value(shifted.reshape(-1, 2)).reshape(len(p), 8) - self._f.value(p)[:, None]

    # ----- kinks -----------------------------------------------------------------------------------

    def _kinks(self, p: np.ndarray) -> list[StationaryPoint]:
        """Non-smooth minima among descent's end points where Newton found no ∇f = 0."""
        p = p[self._one_per_cell(p, 200)]
        if not len(p):
            return []
        p = self._compass(p)
        delta = _KINK_PROBE * self._scale
        rises = (self._around(p, delta) >= 0).all(axis=1) & (self._around(p, delta / 16) >= 0).all(axis=1)
        kinked = critical.kinked(self._f, p)  # the one rule for "∇f jumps here", shared with the runs' advice
        inside = self._usable(p, self._f.value(p), np.zeros_like(p))
        return [StationaryPoint(float(x), float(y), float(v), MINIMUM, smooth=False)
                for (x, y), v in zip(p[rises & kinked & inside], self._f.value(p[rises & kinked & inside]))]

    def _compass(self, p: np.ndarray) -> np.ndarray:
        """Compass search (8 directions, the step halved where none lowers f): no gradient needed."""
        p = p.copy()
        h = np.full(len(p), 1e-3 * self._scale)
        for _ in range(_COMPASS_STEPS):
            change = self._around_each(p, h)
            best = np.nanargmin(np.where(np.isfinite(change), change, np.inf), axis=1)
            lower = change[np.arange(len(p)), best] < 0
            p[lower] += h[lower, None] * _DIRECTIONS[best[lower]]
            h = np.where(lower, h, h / 2)
            if (h < 1e-15 * self._scale).all():
                break
        return p

    def _around_each(self, p: np.ndarray, h: np.ndarray) -> np.ndarray:
        shifted = p[:, None, :] + h[:, None, None] * _DIRECTIONS[None, :, :]
        return self._f.value(shifted.reshape(-1, 2)).reshape(len(p), 8) - self._f.value(p)[:, None]

    # ----- putting them together ---------------------------------------------------------------

    def _snapped(self, point: StationaryPoint) -> StationaryPoint:
        """A coordinate within the search's accuracy of 0 is 0 (a label reads "(0, 0)", not "(1e−27, 0)"),
        where f is no higher (a minimum) or still finite (a saddle, a maximum) there."""
        for axis in (0, 1):
            xy = [point.x, point.y]
            if xy[axis] == 0 or abs(xy[axis]) > _SAME_POINT * 1e-2 * self._scale:
                continue
            xy[axis] = 0.0
            f = float(self._f.value(np.array([xy]))[0])
            if f <= point.f + 1e-12 * max(1.0, abs(point.f)) if point.kind == MINIMUM else np.isfinite(f):
                point = StationaryPoint(xy[0], xy[1], f, point.kind, point.smooth)
        return point

    def _unique(self, points: list[StationaryPoint]) -> tuple[StationaryPoint, ...]:
        """One of each (a kink where a smooth point already is adds nothing), lowest f first."""
        kept: list[StationaryPoint] = []
        for point in sorted(points, key=lambda q: (not q.smooth, q.f)):
            if all(np.hypot(point.x - k.x, point.y - k.y) > _SAME_POINT * self._scale * 10 for k in kept):
                kept.append(point)
        return tuple(sorted(kept, key=lambda q: q.f))


def _lattice(domain, n: int) -> np.ndarray:
    x0, x1, y0, y1 = domain
    gx, gy = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    return np.column_stack([gx.ravel(), gy.ravel()])


def _median(slope: np.ndarray) -> float:
    """The median finite ‖∇f‖ at the starts (1 where there is none): the scale of "∇f is small"."""
    finite = slope[np.isfinite(slope)]
    middle = float(np.median(finite)) if finite.size else 0.0
    return middle if middle > 0 else 1.0


def _newton_steps(h: np.ndarray, g: np.ndarray) -> np.ndarray:
    """s with H·s = −g for each symmetric 2×2 H (N, 2, 2); inf/NaN where H is singular."""
    a, b, d = h[:, 0, 0], h[:, 0, 1], h[:, 1, 1]
    det = a * d - b * b
    return np.column_stack([(-d * g[:, 0] + b * g[:, 1]) / det, (b * g[:, 0] - a * g[:, 1]) / det])
