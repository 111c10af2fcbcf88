"""What a point with a vanishing gradient is: minimum, saddle or plateau.

The Hessian comes from central differences of the engine's own gradient, so it works for
every catalog function and typed formula alike, for N points at once.
"""

from __future__ import annotations

import numpy as np

from gdgui.core.autodiff.gradcheck import central_differences
from gdgui.core.descent.functions import Minimum, Objective
from gdgui.core.descent.stop_reasons import CONVERGED, PLATEAU, SADDLE

__all__ = ["FLAT_CURVATURE", "MINIMUM_MATCH", "hessian", "eigenvalues", "nearest_minimum",
           "classify_critical"]

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
