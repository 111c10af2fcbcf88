"""What a point is: minimum, saddle or plateau where the gradient vanishes; a kink where it
cannot (it jumps across the point); and whether a path circles such a kink.

The Hessian comes from central differences of the engine's own gradient, so it works for
every catalog function and typed formula alike, for N points at once. Across a kink those
differences are meaningless (a jump divided by a tiny step), so the kink is looked for first.
"""

from __future__ import annotations

import numpy as np

from gdgui.core.autodiff.gradcheck import RELATIVE_STEP, central_differences
from gdgui.core.descent.functions import Minimum, Objective
from gdgui.core.descent.stop_reasons import CONVERGED, PLATEAU, SADDLE

__all__ = ["FLAT_CURVATURE", "MINIMUM_MATCH", "CIRCLE_STEPS", "hessian", "eigenvalues", "nearest_minimum",
           "classify_critical", "kinked", "circles_kink", "FALL_STEPS", "fall_streak", "falls_away"]

# Curvatures within this of zero count as flat: below it on every axis is a plateau, and only
# eigenvalues below minus it make a saddle (finite-difference noise is far smaller).
FLAT_CURVATURE = 1e-6
# A point this close (Euclidean) to a listed minimum has reached it.
MINIMUM_MATCH = 1e-3


def hessian(f: Objective, points) -> np.ndarray:
    """Symmetric Hessians (N, 2, 2) at points (N, 2), by central differences of ∇f."""
    p = np.asarray(points, dtype=float).reshape(-1, 2)
    columns = central_differences(lambda q: f.value_and_grad(q)[1], p)  # [point, ∇f component, axis]
    return 0.5 * (columns + columns.transpose(0, 2, 1))


# A kink: the curvature measured with the Hessian's step is KINK_RATIO times the one measured
# KINK_WIDER times wider (across a jump it is jump / 2h, growing as h shrinks; on a smooth f
# the two agree), and the jump is no rounding noise: at least KINK_JUMP of the gradient.
KINK_WIDER, KINK_RATIO, KINK_JUMP = 1e3, 10.0, 1e-3


def kinked(f: Objective, points) -> np.ndarray:
    """(N,) True where ∇f jumps across the point (N, 2): f has no gradient there (|x| at 0)."""
    p = np.asarray(points, dtype=float).reshape(-1, 2)
    grad = lambda q: f.value_and_grad(q)[1]  # noqa: E731
    near = np.abs(central_differences(grad, p)).max(axis=(1, 2))
    wide = np.abs(central_differences(grad, p, RELATIVE_STEP * KINK_WIDER)).max(axis=(1, 2))
    jump = 2 * RELATIVE_STEP * np.maximum(1.0, np.abs(p)).max(axis=1) * near
    with np.errstate(all="ignore"):
        return (near > KINK_RATIO * wide) & (jump > KINK_JUMP * (np.hypot(*grad(p).T) + jump))


# A path circles a kink when, over its last CIRCLE_STEPS steps, its gradients cancel out (their
# mean is under CANCEL of their mean length) yet none comes near zero (each at least NEVER_SMALL
# of the mean): the gradient flips across a point without vanishing there. The kink itself is
# found between the two most opposed gradients: along that segment the slope changes sign at
# least SHARP times more steeply than on average, where a smooth f changes it gradually.
CIRCLE_STEPS, CANCEL, NEVER_SMALL, SHARP = 64, 0.5, 0.2, 10.0
_ZOOMS, _SAMPLES = 3, 200  # the bracket shrinks to 1/199³ ≈ 1.3e−7 of the segment


def circles_kink(f: Objective, positions, gradients) -> np.ndarray:
    """(N,) True where a path, its last points (N, K, 2) and gradients (N, K, 2), circles a kink."""
    p, g = np.asarray(positions, dtype=float), np.asarray(gradients, dtype=float)
    with np.errstate(all="ignore"):
        norms = np.hypot(g[..., 0], g[..., 1])
        mean = norms.mean(axis=1)
        cancel = np.hypot(*g.mean(axis=1).T) < CANCEL * mean
        circling = cancel & (norms.min(axis=1) > NEVER_SMALL * mean)
    found = np.zeros(len(p), dtype=bool)
    rows = np.flatnonzero(circling)
    if len(rows):
        found[rows] = _sharp_turn(f, p[rows], g[rows] / norms[rows, :, None])
    return found


def _sharp_turn(f: Objective, p: np.ndarray, units: np.ndarray) -> np.ndarray:
    """Between the two most opposed gradients of each path, does the slope flip in a jump?"""
    n, k = units.shape[:2]
    pair = np.einsum("nad,nbd->nab", units, units).reshape(n, -1).argmin(axis=1)
    start, d = p[np.arange(n), pair // k], p[np.arange(n), pair % k] - p[np.arange(n), pair // k]
    low, high = np.zeros(n), np.ones(n)
    flips = np.ones(n, dtype=bool)
    for zoom in range(_ZOOMS):  # each round samples the bracket and keeps the piece where the slope turns up
        t = low[:, None] + (high - low)[:, None] * np.linspace(0, 1, _SAMPLES)
        g = f.value_and_grad((start[:, None, :] + t[..., None] * d[:, None, :]).reshape(-1, 2))[1]
        slope = np.einsum("nsd,nd->ns", g.reshape(n, _SAMPLES, 2), d)
        if zoom == 0:  # the slope at both ends of the segment, for the average turn
            first, last = slope[:, 0], slope[:, -1]
        up = (slope[:, :-1] < 0) & (slope[:, 1:] >= 0)
        flips &= up.any(axis=1)
        j = up.argmax(axis=1)
        low, high = t[np.arange(n), j], t[np.arange(n), j + 1]
        turn = slope[np.arange(n), j + 1] - slope[np.arange(n), j]
    with np.errstate(all="ignore"):
        return flips & (first < 0) & (turn / (high - low) > SHARP * (last - first))


# f falls without bound on a path that lowered f on each of its last FALL_STEPS steps (or on every
# step, if it ran away sooner) at least as much as on the step before (to within rounding,
# SAME_DROP), and whose downhill direction still points away from the domain: a too-large γ on a
# bowl makes f rise instead, and a path nearing a minimum, even one off the domain, drops less and
# less or heads back.
FALL_STEPS, SAME_DROP = 5, 1e-6
_KEEP = 1 - SAME_DROP
# The same numbers as arrays of no axes, the dtypes they meet: NumPy turns a Python number into one on
# each call (a third of a few points' comparison); the same loops run, the same results.
_NONE_FELL, _KEPT, _LONGEST = np.array(0.0), np.array(_KEEP), np.array(FALL_STEPS, dtype=np.uint8)


def fall_streak(streak: np.ndarray, drop_before: np.ndarray, drop: np.ndarray,
                out: np.ndarray | None = None) -> np.ndarray:
    """Steps in a row that f fell without slowing, counted up to FALL_STEPS (all ``falls_away`` reads:
    a run keeps them in bytes), after a step that lowered f by ``drop``; into ``out``, which may be
    ``streak`` itself."""
    steady = np.greater(drop, _NONE_FELL)
    steady &= drop >= np.multiply(_KEPT, drop_before)
    # One step more, up to FALL_STEPS (bools as bytes: no cast; np.minimum with a number has no SIMD loop).
    longer = np.add(streak, np.less(streak, _LONGEST).view(np.uint8), out=out)
    longer *= steady.view(np.uint8)  # 0 where it did not fall steadily
    return longer


def falls_away(streak: np.ndarray, steps: np.ndarray, outwards: np.ndarray, gradients: np.ndarray) -> np.ndarray:
    """(N,) True where f fell steadily (``streak``, of ``steps`` taken) and −∇f points ``outwards``
    (the point's offset from the domain's centre, (N, 2)): it is running away downhill."""
    with np.errstate(all="ignore"):
        downhill_out = -(outwards[:, 0] * gradients[:, 0] + outwards[:, 1] * gradients[:, 1]) > 0
    return (streak > 0) & (streak >= np.minimum(FALL_STEPS, steps)) & downhill_out


def eigenvalues(hessians: np.ndarray) -> np.ndarray:
    """Eigenvalues (N, 2), ascending, of symmetric 2×2 matrices (N, 2, 2); NaN stays NaN.

    The closed form (unlike LAPACK, which turns NaN input into zeros) keeps a Hessian that
    could not be measured from passing as flat.
    """
    a, b, d = hessians[:, 0, 0], hessians[:, 0, 1], hessians[:, 1, 1]
    with np.errstate(all="ignore"):
        middle, radius = (a + d) / 2, np.hypot((a - d) / 2, b)
    return np.column_stack([middle - radius, middle + radius])


def nearest_minimum(minima: tuple[Minimum, ...], points,
                    within: float = MINIMUM_MATCH) -> np.ndarray:
    """Index into ``minima`` of the one within ``within`` of each point, else -1."""
    p = np.asarray(points, dtype=float).reshape(-1, 2)
    if not minima:
        return np.full(len(p), -1)
    centres = np.array([(m.x, m.y) for m in minima])
    distance = np.hypot(*(p[:, None, :] - centres[None, :, :]).transpose(2, 0, 1))
    closest = distance.argmin(axis=1)
    with np.errstate(invalid="ignore"):
        near = distance[np.arange(len(p)), closest] <= within
    return np.where(near, closest, -1)


def classify_critical(f: Objective, points) -> tuple[np.ndarray, np.ndarray]:
    """Status (CONVERGED, SADDLE or PLATEAU) and listed-minimum index (-1 none) per point.

    Meant for points where ‖∇f‖ is already below the tolerance. A Hessian that is not finite
    (overflow beside the point) cannot show a saddle or a plateau, so the point counts as converged.
    """
    p = np.asarray(points, dtype=float).reshape(-1, 2)
    eigen = eigenvalues(hessian(f, p))
    plateau = np.abs(eigen).max(axis=1) < FLAT_CURVATURE
    saddle = ~plateau & (eigen[:, 0] < -FLAT_CURVATURE)
    status = np.where(plateau, PLATEAU, np.where(saddle, SADDLE, CONVERGED))
    minimum = np.where(status == CONVERGED, nearest_minimum(f.minima, p), -1)
    return status, minimum
