"""The status of a run in words: what each particle is doing and, when it stops, why (no Qt).

Every number comes from the run and the core (the minimum reached, the stability bound 2/λmax);
this module only chooses the words a student reads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gdgui.core.descent.functions import Minimum, Objective
from gdgui.core.descent.stop_reasons import (
    CIRCLING_KINK,
    STATUS_NAMES,
    STATUS_WORDS,
    UNDEFINED_GRADIENT,
    UNDEFINED_VALUE,
)
from gdgui.core.numbers import in_pi, point_text

__all__ = ["StatusLine", "explanation", "particle_line", "swarm_lines"]


@dataclass(frozen=True)
class StatusLine:
    """One line of the status panel: who (label, colour index), its status and the sentence."""

    label: str
    colour_index: int | None
    status: str
    text: str


def explanation(status: str, minimum: Minimum | None, point, objective: Objective,
                bound: float | None, lr: float, max_steps: int, tol: float, rising: bool = False,
                value: float = 0.0, slope: float = 0.0, cause: str = "") -> str:
    """Why a particle stopped (or how it moves: ``rising`` if f went up on the last step).

    ``value`` is f and ``slope`` ‖∇f‖ at the particle's point: not finite means undefined there.
    ``cause`` is UNBOUNDED or CIRCLING_KINK when the path showed one (``core/descent/critical.py``).
    """
    if status in ("running", "diverged", "max_steps") and cause:
        return _cause(cause, status, slope, tol)
    if status == "running":
        return "f went up on this step: the step overshoots the valley" if rising else "walking downhill"
    if status == "converged":
        return _converged(minimum, point, objective.minima_source)
    if status == "plateau":
        return _plateau(objective)
    if status == "saddle":
        return "stopped on a saddle point: flat here, but f still falls sideways; nudge the start"
    if status == "diverged":
        if not math.isfinite(value):
            return UNDEFINED_VALUE
        if not math.isfinite(slope):
            return UNDEFINED_GRADIENT
        return _diverged(bound, lr)
    used = f"used all {max_steps:,} steps before ‖∇f‖ fell below {in_pi(tol)}"
    if bound is not None and lr > bound:
        return f"{used}: γ is above the stable range γ < {in_pi(bound, 3)}, so the steps bounce; try a smaller γ"
    return f"{used}: try a larger γ or more steps"


_UNLISTED = {"catalog": " (not in the catalog's list)", "numerical": " (not among the minima found)"}


def _converged(minimum: Minimum | None, point, source: str | None) -> str:
    if minimum is None:
        return f"reached a local minimum at {point_text(*point)}{_UNLISTED.get(source, '')}"
    where = point_text(minimum.x, minimum.y)
    return f"reached the minimum at {where}" if minimum.is_global else f"reached a local minimum at {where}"


def _plateau(objective: Objective) -> str:
    best = objective.global_minima()
    hint = f"try a start near {point_text(best[0].x, best[0].y)}" if best else "try another start"
    return f"the gradient vanished: the surface is flat here; {hint}"


def _cause(cause: str, status: str, slope: float, tol: float) -> str:
    if cause != CIRCLING_KINK:
        return cause
    if status == "running":
        return f"{cause}: its gradient flips across it without getting small"
    return (f"{cause}: ‖∇f‖ stays near {in_pi(slope, 3)} and never falls below {in_pi(tol)}; "
            "more steps or a larger γ will not help (a smaller γ circles closer)")


def _diverged(bound: float | None, lr: float) -> str:
    if bound is not None and lr > bound:
        return ("γ is too large: each step overshoots further; "
                f"the stable range here is γ < {in_pi(bound, 3)}")
    return "the steps grew without limit: f keeps falling this way, or γ is too large out there"


def particle_line(label: str, colour_index: int | None, step: int, f: float, grad_norm: float,
                  status: str, sentence: str) -> StatusLine:
    """'GD: reached the minimum at (3, 2) — step 12 · f = 0.5 · ‖∇f‖ = 0.1'.

    The sentence comes first: a row too narrow for the whole line is cut at its end, and what the
    class must read is why the run does what it does (the numbers are on the plots as well)."""
    text = f"{sentence} — step {step:,} · f = {in_pi(f)} · ‖∇f‖ = {in_pi(grad_norm, 3)}"
    return StatusLine(label, colour_index, status, text)


def swarm_lines(labels: list[str], step: int, counts: dict[str, int],
                minima_reached: list[tuple[Minimum, int]]) -> list[StatusLine]:
    """A swarm in a few lines: how many particles are in each state, and which minima they found."""
    total = sum(counts.values())
    # The head line is no status: in ink ("running"'s look), without a status's colour and shape.
    lines = [StatusLine(f"{total:,} particles", None, "running", f"{' + '.join(labels)} · step {step:,}")]
    for status in STATUS_NAMES:
        if counts.get(status):
            detail = _minima_shares(minima_reached) if status == "converged" else ""
            lines.append(StatusLine(f"{counts[status]:,}", None, status, STATUS_WORDS[status] + detail))
    return lines


def _minima_shares(minima_reached: list[tuple[Minimum, int]]) -> str:
    ranked = sorted(minima_reached, key=lambda pair: -pair[1])[:4]
    if not ranked:
        return ""
    return ": " + ", ".join(f"{count:,} at {point_text(m.x, m.y)}" for m, count in ranked)
