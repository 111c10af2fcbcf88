"""The contour map of the current function, ready to draw (no Qt): colours, lines, arrows, minima."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace

import numpy as np

from gdgui.controllers.descent.contour_lines import contour_lines, join_pieces
from gdgui.core.descent.critical import FLAT_CURVATURE
from gdgui.core.descent.field import Field, direction_arrows, sample_field
from gdgui.core.descent.functions import Objective
from gdgui.core.descent.lr_science import Curvature
from gdgui.core.numbers import in_pi, point_text

__all__ = ["MapData", "MapMemory", "build_map", "hover_text", "Stability", "stability_text", "MAPS_KEPT"]

MAPS_KEPT = 8  # maps a MapMemory keeps


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


class MapMemory:
    """The maps of the last ``kept`` functions and domains shown: switching back to one (a class going
    through the course's functions) costs no sampling and no contour lines; ~4 MB a map."""

    def __init__(self, kept: int = MAPS_KEPT):
        self._maps: OrderedDict[tuple, MapData] = OrderedDict()
        self._kept = kept

    def map(self, objective: Objective, domain, log: bool | None = None) -> MapData:
        """``build_map``'s map; the one made before for the same formula, domain and ``log``, given
        this ``objective`` (its minima may have been found since)."""
        key = (objective.formula, tuple(float(v) for v in domain), log)
        if key in self._maps:
            self._maps.move_to_end(key)
            return replace(self._maps[key], objective=objective)
        self._maps[key] = made = build_map(objective, domain, log)
        if len(self._maps) > self._kept:
            self._maps.popitem(last=False)
        return made


def build_map(objective: Objective, domain, log: bool | None = None) -> MapData:
    """Sample ``objective`` on ``domain``; ``log`` None picks the recommended colour scale."""
    field = sample_field(objective, domain)
    use_log = field.log_recommended if log is None else bool(log)
    colour = field.colour_values(use_log)
    if field.finite:
        low, high = float(np.nanmin(colour)), float(np.nanmax(colour))
    else:
        low, high = 0.0, 1.0
    label = "log₁₀(f − min f)" if use_log else "f(x, y)"
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
    """Plain GD's stability bound 2/λmax over where the run goes: at the start and at the minima.

    ``minima`` holds the curvature at each of the objective's minima (for a typed formula, those
    found numerically), in the order of ``objective.minima``.
    """

    start: Curvature
    minima: tuple[Curvature, ...]
    lr: float

    @property
    def bound(self) -> float | None:
        """The smallest 2/λmax at the start and at the minima; None where none sets a limit."""
        bounds = [c.bound for c in (self.start, *self.minima) if c.bound is not None]
        return min(bounds) if bounds else None

    @property
    def exceeded(self) -> bool:
        return self.bound is not None and self.lr > self.bound


# Above this bound a point is practically flat: the limit says nothing useful.
_FLAT_BOUND = 1e6


def stability_text(stability: Stability) -> str:
    """What limits plain GD's γ: the start's curvature, the minima's, or nothing; and kinks."""
    start = _no_limit_at(stability.start)
    near = _smallest_near_minima(stability.minima)
    if start and near:
        text = f"No limit here: {start} — near the minima γ < {near}."
    elif start:
        text = f"No limit here: {start}."
    else:
        text = f"Plain GD is stable for γ < 2/λmax = {in_pi(stability.start.bound, 3)} at the start"
        text += f"; near the minima γ < {near}." if near else "."
    if stability.exceeded:
        text += " γ is above it: plain GD will overshoot."
    return text + _kinks(stability.minima)


def _no_limit_at(start: Curvature) -> str:
    """Why the start's curvature sets no limit on γ ('' when it does)."""
    if start.kink:
        return "f has a kink at the start (its gradient jumps), so curvature says nothing there"
    if start.bound is not None and start.bound <= _FLAT_BOUND:
        return ""
    if start.largest < -FLAT_CURVATURE:
        return "at the start f curves down in every direction"
    if start.largest <= 2 / _FLAT_BOUND:
        return "at the start f does not curve upward (λmax ≈ 0)"
    return "the curvature at the start cannot be measured"


def _smallest_near_minima(minima: tuple[Curvature, ...]) -> str:
    """'0.0149 (at (−3.78, −3.28))': the smallest 2/λmax at a minimum, and where ('' if none)."""
    bounded = [c for c in minima if c.bound is not None]
    if not bounded:
        return ""
    steepest = min(bounded, key=lambda c: c.bound)
    where = f" (at {point_text(*steepest.point)})" if len(bounded) > 1 else ""
    return f"{in_pi(steepest.bound, 3)}{where}"


def _kinks(minima: tuple[Curvature, ...]) -> str:
    kinks = [c for c in minima if c.kink]
    if not kinks:
        return ""
    return (f" At the minimum {point_text(*kinks[0].point)} f has a kink: plain GD circles it at any γ "
            "(closer for a smaller γ).")
