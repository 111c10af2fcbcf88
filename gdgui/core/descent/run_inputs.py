"""What a run starts from, checked: its start points (or random ones over a domain), tolerance and steps.

``Run`` refuses bad values with a ``ValueError`` naming them; the window's fields and the command
line check theirs before they get here, so these are the last guard, not the user's message.
"""

from __future__ import annotations

import numpy as np

__all__ = ["random_starts", "check_starts", "check_tol", "check_max_steps"]


def random_starts(domain, n: int, seed: int) -> np.ndarray:
    """n starts (n, 2) uniform over domain (x0, x1, y0, y1); the same seed gives the same starts."""
    x0, x1, y0, y1 = domain
    return np.random.default_rng(seed).uniform((x0, y0), (x1, y1), size=(n, 2))


def check_tol(tol) -> float:
    tol = float(tol)
    if not (np.isfinite(tol) and tol >= 0):
        raise ValueError(f"the tolerance must be a finite number ≥ 0, got {tol!r}")
    return tol


def check_max_steps(max_steps) -> int | None:
    if max_steps is not None and (int(max_steps) != max_steps or max_steps < 0):
        raise ValueError(f"the number of steps must be a whole number ≥ 0, got {max_steps!r}")
    return None if max_steps is None else int(max_steps)


def check_starts(starts) -> np.ndarray:
    points = np.array(starts, dtype=float).reshape(-1, 2)
    if len(points) == 0:
        raise ValueError("a run needs at least one start point")
    if not np.isfinite(points).all():
        raise ValueError("start points must be finite numbers")
    return points
