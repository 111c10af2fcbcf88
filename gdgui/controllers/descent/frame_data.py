"""The frozen data a Descent frame hands the views: a race's paths (``PathData``, where one left the
map: ``PathExit``), a swarm's points and trails (``SwarmData``), the loss series, the status context,
and the ``Frame`` that holds them all (built by ``frame.RunRecord``). Plain arrays, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from gdgui.controllers.descent.status import StatusLine
from gdgui.core.descent.field import arrow_segments

__all__ = ["Frame", "PathData", "PathExit", "SwarmData", "LossSeries", "StatusContext", "TRAIL_LENGTH",
           "TRAIL_PARTICLES", "edge_crossing"]

TRAIL_LENGTH = 5          # steps of fading trail behind each swarm particle
TRAIL_PARTICLES = 500     # at most this many particles draw a trail (frame time stays bounded)


@dataclass(frozen=True)
class PathExit:
    """Where a path first left the map: the step that took it off, the point where it crossed the
    domain's edge, the direction it went (a unit vector), and how many rows of the path's ``xy`` come
    before that step (the path on the map)."""

    step: int
    point: tuple[float, float]
    direction: tuple[float, float]
    rows_before: int


@dataclass(frozen=True)
class PathData:
    """One particle of a race: its path so far (decimated), where it is, the step −γ∇f, and where it
    left the map (None while it has not)."""

    name: str
    label: str
    colour_index: int
    xy: np.ndarray
    current: np.ndarray
    status: str
    step: np.ndarray  # −γ∇f at ``current``
    exit: PathExit | None = None

    @cached_property
    def step_arrow(self) -> np.ndarray:
        """The step drawn as an arrow (``arrow_segments``), made when first read: the map draws it
        only while its Step arrow button is on."""
        return arrow_segments(self.current, self.step)


def edge_crossing(a, b, domain) -> tuple[float, float] | None:
    """Where the segment from ``a`` (in ``domain``) to ``b`` (outside it) crosses the domain's edge;
    None if ``b`` is not a finite point."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if not np.all(np.isfinite(b)):
        return None
    x0, x1, y0, y1 = domain
    t = 1.0  # the share of the step taken when it reaches the first edge it goes past
    for axis, (low, high) in enumerate(((x0, x1), (y0, y1))):
        past = high if b[axis] > high else low if b[axis] < low else None
        if past is not None:
            t = min(t, (past - a[axis]) / (b[axis] - a[axis]))
    return tuple(float(v) for v in a + t * (b - a))


@dataclass(frozen=True)
class SwarmData:
    """A swarm's points: moving ones per optimizer colour, stopped ones per status, and trails:
    ``trails[age]`` the moving particles (at most ``TRAIL_PARTICLES``) ``age`` steps ago, from 0 (now)
    to ``TRAIL_LENGTH`` (as far back as the run goes), one row per particle in every entry."""

    running: list[tuple[int, np.ndarray]]
    stopped: dict[str, np.ndarray]
    trails: list[np.ndarray]


@dataclass(frozen=True)
class LossSeries:
    """f, f − f* (log-safe; NaN where no f* is known) and ‖∇f‖ (log-safe) against step for one
    optimizer (median in a swarm)."""

    name: str
    label: str
    colour_index: int
    steps: np.ndarray
    f: np.ndarray
    gap: np.ndarray
    grad_norm: np.ndarray
    now: tuple[float, float, float]  # f, f − f* and ‖∇f‖ at the step shown (NaN: not on a log axis)


@dataclass(frozen=True)
class StatusContext:
    """What the sentences need besides the run: γ, the stability bound, limits, the selection."""

    lr: float
    bound: float | None
    max_steps: int
    tol: float
    selected: int = 0


@dataclass(frozen=True)
class Frame:
    """``reference`` is the f* of f − f*: the lowest listed minimum (or lower, where a run went below
    it); None where f has none (a typed f not yet searched, or without a minimum in view), so
    nothing is drawn as f − f*. ``reference_source`` is the objective's ``minima_source``.

    ``status``, the sentences, are written when first read (``status_of``, from what the run held
    at this step): while a run plays, the status line shows them at most every 100 ms, and most
    frames are never read in words."""

    step: int
    latest: int
    swarm: bool
    paths: list[PathData]
    swarm_data: SwarmData | None
    loss: list[LossSeries]
    reference: float | None
    status_of: Callable[[], list[StatusLine]] = field(repr=False, compare=False)
    selected_point: tuple[float, float]
    reference_source: str | None = None

    @cached_property
    def status(self) -> list[StatusLine]:
        return self.status_of()
