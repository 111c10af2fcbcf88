"""The contour map of the current function, ready to draw (no Qt): colours, lines, arrows, minima."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdgui.controllers.descent.contour_lines import contour_lines, join_pieces
from gdgui.core.descent.field import Field, direction_arrows, sample_field
from gdgui.core.descent.functions import Objective
from gdgui.core.numbers import in_pi, point_text

__all__ = ["MapData", "build_map", "hover_text", "Stability", "stability_text"]


@dataclass(frozen=True)
class MapData:
    """Everything the contour view draws for one function on one domain."""

    objective: Objective
    field: Field
    log: bool
    colour: np.ndarray           # [y, x], NaN where f is not finite
    colour_range: tuple[float, float]
    colour_label: str
    lines: list[np.ndarray]      # one (k, 2) array per contour level, NaN between pieces
    arrows: np.ndarray           # −∇f direction field as segment pairs

    @property
    def contour_path(self) -> np.ndarray:
        """Every contour level in one array (NaN rows between pieces): drawn as a single path."""
        return join_pieces(self.lines)

    @property
    def domain(self) -> tuple[float, float, float, float]:
        return self.field.domain


def build_map(objective: Objective, domain, log: bool | None = None) -> MapData:
    """Sample ``objective`` on ``domain``; ``log`` None picks the recommended colour scale."""
    field = sample_field(objective, domain)
    use_log = field.log_recommended if log is None else bool(log)
    colour = field.colour_values(use_log)
    if field.finite:
        low, high = float(np.nanmin(colour)), float(np.nanmax(colour))
    else:
        low, high = 0.0, 1.0
    label = "log₁₀(f − f_min)" if use_log else "f(x, y)"
    return MapData(objective, field, use_log, colour, (low, high if high > low else low + 1.0), label,
                   contour_lines(field, use_log), direction_arrows(objective, field.domain))


def hover_text(objective: Objective, x: float, y: float) -> str:
    """'f(1.2, −0.5) = 12.3   ∇f = (4.5, −2.1)' at the cursor."""
    with np.errstate(all="ignore"):
        f, g = objective.value_and_grad(np.array([[x, y]]))
    return (f"f{point_text(x, y)} = {in_pi(float(f[0]))}    "
            f"∇f = {point_text(float(g[0, 0]), float(g[0, 1]))}")


@dataclass(frozen=True)
class Stability:
    """Plain GD's stability bound 2/λmax at the start, and whether γ is above it."""

    bound: float | None
    lr: float

    @property
    def exceeded(self) -> bool:
        return self.bound is not None and self.lr > self.bound


# Above this bound the start is practically flat: the limit says nothing useful.
_FLAT_BOUND = 1e6


def stability_text(stability: Stability) -> str:
    if stability.bound is None:
        return "At the start f curves down in every direction: no 2/λmax limit on γ here."
    if stability.bound > _FLAT_BOUND:
        return "At the start f is almost flat (λmax ≈ 0): curvature sets no limit on γ here, and steps are tiny."
    verdict = " γ is above it: plain GD will overshoot." if stability.exceeded else ""
    return f"Plain GD is stable here for γ < 2/λmax = {in_pi(stability.bound, 3)}.{verdict}"
