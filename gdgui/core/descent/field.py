"""f(x, y) sampled on a grid for drawing: colour values, contour levels and lines, arrows.

Everything the contour map shows is computed here, without Qt, so the views only hand
arrays to plot items. The contour lines are traced in ``controllers/contour_lines.py``: they
need contourpy, and core is NumPy and the standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from gdgui.core.descent.functions import Objective

__all__ = ["Field", "sample_field", "direction_arrows", "arrow_segments",
           "GRID_POINTS", "CONTOUR_LEVELS", "LOG_SPAN_FACTOR"]

GRID_POINTS = 400
CONTOUR_LEVELS = 18
# Colour by log10(f − f_min) when the 5th percentile of f − f_min is this many times smaller
# than its maximum: a linear scale would then paint most of the domain one colour
# (Himmelblau ≈ 80, Rosenbrock ≈ 700; the quadratic bowl ≈ 33 and Ackley ≈ 3 stay linear).
LOG_SPAN_FACTOR = 50.0
# The log scale shows f − f_min + offset, offset = this share of the 5th percentile, so the
# deepest grid point is finite and the basins keep some shading.
_LOG_OFFSET_SHARE = 0.01


@dataclass(frozen=True)
class Field:
    """f on a grid over ``domain``; ``values[j, i]`` is f(xs[i], ys[j]) (NaN where not finite)."""

    domain: tuple[float, float, float, float]
    xs: np.ndarray
    ys: np.ndarray
    values: np.ndarray
    log_recommended: bool
    log_offset: float

    @cached_property
    def finite(self) -> bool:
        """True when f is finite somewhere on the grid (otherwise there is nothing to draw)."""
        return bool(np.isfinite(self.values).any())

    @cached_property
    def f_min(self) -> float:
        return float(np.nanmin(self.values)) if self.finite else float("nan")

    def colour_values(self, log: bool) -> np.ndarray:
        """What the colour map shows, [y, x]: f, or log10(f − f_min + offset) when ``log``."""
        if not log or not self.finite:
            return self.values
        return self._log_colours

    @cached_property
    def _log_colours(self) -> np.ndarray:
        """log10(f − f_min + offset), computed once: the colours, levels and contour lines all read it."""
        colours = np.log10(self.values - self.f_min + self.log_offset)
        colours.flags.writeable = False
        return colours

    def levels(self, log: bool, count: int = CONTOUR_LEVELS) -> np.ndarray:
        """``count`` contour levels evenly spaced strictly inside the range of the colour values."""
        colour = self.colour_values(log)
        if not self.finite:
            return np.empty(0)
        low, high = float(np.nanmin(colour)), float(np.nanmax(colour))
        if not high > low:
            return np.empty(0)
        return np.linspace(low, high, count + 2)[1:-1]


def sample_field(objective: Objective, domain=None, points: int = GRID_POINTS) -> Field:
    """Sample f on a ``points`` × ``points`` grid over ``domain`` (default: the objective's)."""
    x0, x1, y0, y1 = objective.domain if domain is None else domain
    xs, ys = np.linspace(x0, x1, points), np.linspace(y0, y1, points)
    grid = np.empty((points, points, 2))  # [j, i] = (xs[i], ys[j]): filled in place, faster than stacking a meshgrid
    grid[..., 0], grid[..., 1] = xs, ys[:, None]
    with np.errstate(all="ignore"):
        values = objective.value(grid)
    values = np.where(np.isfinite(values), values, np.nan)
    log, offset = _log_scale(values)
    return Field((float(x0), float(x1), float(y0), float(y1)), xs, ys, values, log, offset)


def _log_scale(values: np.ndarray) -> tuple[bool, float]:
    """Whether f spans enough decades for a log colour scale, and the offset it would use."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return False, 1.0
    above = finite - finite.min()
    span, low = float(above.max()), float(np.percentile(above, 5))
    if span <= 0:
        return False, 1.0
    offset = max(_LOG_OFFSET_SHARE * low, 1e-12 * span)
    return span > LOG_SPAN_FACTOR * max(low, offset), offset


def direction_arrows(objective: Objective, domain, per_side: int = 15) -> np.ndarray:
    """Arrows of the downhill direction −∇f/‖∇f‖ on a coarse grid, as segments for ``connect="pairs"``.

    Every arrow has the same length (0.7 of a cell): the direction matters here, and ‖∇f‖
    spans too many decades to draw to scale.
    """
    x0, x1, y0, y1 = domain
    cell = np.array([(x1 - x0) / per_side, (y1 - y0) / per_side])
    xs = x0 + cell[0] * (np.arange(per_side) + 0.5)
    ys = y0 + cell[1] * (np.arange(per_side) + 0.5)
    centres = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    with np.errstate(all="ignore"):
        _, gradient = objective.value_and_grad(centres)
        norm = np.hypot(gradient[:, 0], gradient[:, 1])[:, None]
        unit = np.where((norm > 0) & np.isfinite(norm), -gradient / norm, np.nan)
    vectors = 0.7 * cell * unit
    return arrow_segments(centres - vectors / 2, vectors)


def arrow_segments(tails: np.ndarray, vectors: np.ndarray, head: float = 0.3) -> np.ndarray:
    """Shaft and two head strokes per arrow: rows (6·N, 2) of point pairs for ``connect="pairs"``.

    Arrows with a non-finite vector come out as NaN rows, which are not drawn.
    """
    tails, vectors = np.asarray(tails, float).reshape(-1, 2), np.asarray(vectors, float).reshape(-1, 2)
    with np.errstate(invalid="ignore", over="ignore"):  # non-finite arrows stay NaN, undrawn
        return _arrow_rows(tails, vectors, head)


def _arrow_rows(tails: np.ndarray, vectors: np.ndarray, head: float) -> np.ndarray:
    tips = tails + vectors
    back = -head * vectors
    # The head strokes are the backward vector turned 25° either way.
    angle = np.deg2rad(25.0)
    cos, sin = np.cos(angle), np.sin(angle)
    left = np.column_stack([cos * back[:, 0] - sin * back[:, 1], sin * back[:, 0] + cos * back[:, 1]])
    right = np.column_stack([cos * back[:, 0] + sin * back[:, 1], -sin * back[:, 0] + cos * back[:, 1]])
    rows = np.stack([tails, tips, tips, tips + left, tips, tips + right], axis=1)
    return rows.reshape(-1, 2)
