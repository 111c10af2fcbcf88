"""Central differences, and the gradient check that compares the backward pass with them.

``central_differences`` is the one finite-difference helper: the gradient check of the
CLI and the Backprop tab uses it on a graph's output, and the Descent tab's Hessians
(``core/descent/critical.py``) use it on the engine's gradient.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdgui.core.autodiff.graph import Graph

# The step along coordinate x is h = 1e-6·max(1, |x|).  A central difference errs by about
# h²·|f'''|/6 (truncation) plus eps·|f|/h (rounding of f).  A fixed step fails at large
# |x|: for x·x at x = 1e10 a step of 1e-6 is about the spacing of floats there (1.9e-6)
# and f ≈ 1e20 rounds by 1e4, so the slope came out 40 % off; scaling h with |x| keeps
# both errors relative (the floor of 1 keeps h from vanishing at x = 0).  The two errors
# balance near h ≈ cbrt(eps)·L ≈ 6e-6·L, with L the length on which f bends, but |x| can
# overstate L badly: tan bends on the distance to its pole.  A sixth of that step cuts
# truncation 36-fold (tan 0.003 from its pole: 1e-7 relative instead of 4e-6) while
# rounding stays near eps/1e-6 ≈ 2e-10 relative wherever |f| ≲ max(1, |x|)·|f'|.
RELATIVE_STEP = 1e-6

AGREES, DISAGREES, CANNOT_CHECK = "agrees", "disagrees", "cannot check"
GOOD_REL_ERROR, WRONG_REL_ERROR = 1e-7, 1e-2  # CS231n's bands for a gradient check
# An input agrees when |analytic − numeric| ≤ ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE·|numeric|.
ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE = 1e-5, 1e-3


def central_differences(f, points, relative_step: float = RELATIVE_STEP) -> np.ndarray:
    """Slopes of ``f`` along each coordinate at N points (N, d): shape (N, *value shape, d).

    ``f`` maps M points (M, d) to their values (M, ...); it is called once, with all
    2·d·N shifted points.  Slopes divide by the step actually taken (x + h and x − h
    are rounded), not the one intended: h = ``relative_step``·max(1, |x|).
    """
    p = np.asarray(points, dtype=float)
    n, d = p.shape
    axes = np.arange(d)
    h = relative_step * np.maximum(1.0, np.abs(p))
    shifted = np.broadcast_to(p, (2, d, n, d)).copy()  # [side, axis moved, point, coordinate]
    shifted[0, axes, :, axes] += h.T
    shifted[1, axes, :, axes] -= h.T
    taken = shifted[0, axes, :, axes] - shifted[1, axes, :, axes]  # (d, n)
    values = np.asarray(f(shifted.reshape(-1, d)), dtype=float)
    values = values.reshape(2, d, n, *values.shape[1:])
    with np.errstate(all="ignore"):
        slopes = (values[0] - values[1]) / taken.reshape(d, n, *[1] * (values.ndim - 3))
    return np.moveaxis(slopes, 0, -1)


@dataclass(frozen=True)
class GradCheck:
    """The backward pass against central differences, per input and overall."""
    per_input: dict[str, float]  # relative error |a − n| / max(|a|, |n|, 1e-12); NaN unless both finite
    max_rel_error: float         # NaN when any is
    verdict: str                 # AGREES, DISAGREES or CANNOT_CHECK
    analytic: dict[str, float]   # ∂f/∂input by the backward pass
    numeric: dict[str, float]    # ∂f/∂input by central differences
    focus: str | None = None     # the input the verdict is about (None when every input agrees)

    def reason(self, write: Callable[[float], str]) -> str:
        """One sentence saying why, with numbers written by ``write`` (the CLI's or the window's format)."""
        if self.focus is None:
            return f"max relative error {write(self.max_rel_error)}"
        name = self.focus
        says = (f"∂f/∂{name} is {write(self.analytic[name])} by the backward pass and "
                f"{write(self.numeric[name])} by central differences")
        if self.verdict == CANNOT_CHECK:
            return f"{says}; a relative error needs two finite numbers"
        return f"{says} (relative error {write(self.per_input[name])})"


def band(rel_error: float) -> str:
    """``good`` (≤ 1e-7), ``wrong`` (≥ 1e-2), ``doubtful`` in between, or CANNOT_CHECK for NaN."""
    if math.isnan(rel_error):
        return CANNOT_CHECK
    if rel_error <= GOOD_REL_ERROR:
        return "good"
    return "doubtful" if rel_error < WRONG_REL_ERROR else "wrong"


def grad_check(graph: Graph, values: dict[str, float]) -> GradCheck:
    """Compare the backward pass with central differences for every input.

    Leaves the graph's passes recorded at ``values``.
    """
    point = {name: float(v) for name, v in values.items()}
    graph.forward(point)
    analytic = {name: float(grad) for name, grad in graph.backward().items()}
    names = graph.input_names()
    tape = graph.tape()

    def outputs(rows: np.ndarray) -> np.ndarray:
        slots = tape.forward({name: rows[:, i] for i, name in enumerate(names)})
        return np.broadcast_to(slots[tape.output], (len(rows),))

    if not names:  # a constant such as "1+2": no slope to compare
        return _judge(analytic, {})
    numeric = dict(zip(names, central_differences(outputs, [[point[n] for n in names]])[0].tolist()))
    return _judge(analytic, numeric)


def _judge(analytic: dict[str, float], numeric: dict[str, float]) -> GradCheck:
    errors = {name: _relative_error(analytic[name], numeric[name]) for name in numeric}
    worst = float(np.max(list(errors.values()))) if errors else 0.0  # np.max keeps a NaN
    if unchecked := [name for name, error in errors.items() if band(error) == CANNOT_CHECK]:
        return GradCheck(errors, worst, CANNOT_CHECK, analytic, numeric, unchecked[0])
    if wrong := [name for name in errors if not _agrees(analytic[name], numeric[name])]:
        return GradCheck(errors, worst, DISAGREES, analytic, numeric, max(wrong, key=errors.get))
    return GradCheck(errors, worst, AGREES, analytic, numeric)


def _relative_error(analytic: float, numeric: float) -> float:
    if not (math.isfinite(analytic) and math.isfinite(numeric)):
        return math.nan  # ∞ against ∞ (or anything) measures nothing
    return abs(analytic - numeric) / max(abs(analytic), abs(numeric), 1e-12)


def _agrees(analytic: float, numeric: float) -> bool:
    return abs(analytic - numeric) <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * abs(numeric)
