"""A descent run: one objective, one or several optimizers, one or many starts.

Every (optimizer, start) pair is a particle; all particles advance together, vectorized, and
each stops on its own (converged, saddle, plateau, diverged or max_steps). The trajectory of
every particle, rows (x, y, f, ∂f/∂x, ∂f/∂y) with row 0 the start, lives in one row buffer
(``rows.py``); or, for output too long to hold, ``blocks`` hands the rows out a block of steps at a
time and keeps only the current block. A step is in ``moving.py``, what is checked after it in
``stopping.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

import numpy as np

from gdgui.core.descent.critical import falls_away, hessian, nearest_minimum
from gdgui.core.descent.functions import Minimum, Objective
from gdgui.core.descent.optimizers import Optimizer
from gdgui.core.descent.rule_groups import rule_groups
from gdgui.core.descent.run_inputs import check_max_steps, check_starts, check_tol, random_starts
from gdgui.core.descent.stepping.moving import Moves
from gdgui.core.descent.stepping.rows import RowBlock, RowBuffer, read_only
from gdgui.core.descent.stepping.stopping import FEW_POINTS, StopChecks
from gdgui.core.descent.stop_reasons import (
    CONVERGED,
    DIVERGED,
    RUNNING,
    STATUS_MEANINGS,
    STATUS_NAMES,
    UNBOUNDED,
    UNDEFINED_GRADIENT,
    UNDEFINED_VALUE,
)
from gdgui.core.numbers import plain

__all__ = ["Run", "Outcome", "RowBlock", "random_starts", "hessian", "ESCAPE_WIDTHS"]

# A point further than this many domain widths from the domain's centre has diverged.
ESCAPE_WIDTHS = 1000


@dataclass(frozen=True)
class Outcome:
    """How one particle ended (or stands): status, the listed minimum reached, a sentence."""

    status: str
    minimum: Minimum | None
    meaning: str


class Run(Moves, StopChecks):
    """Optimizers × starts on an objective; ``step(k)`` advances every live particle k steps.

    Particle ``k * len(starts) + j`` is optimizer k from start j. ``tol`` is the gradient-norm
    tolerance (0 never stops early); ``max_steps`` None runs until every particle stops;
    ``record=False`` keeps only the current state (for sweeps and basin maps).
    The arrays it hands out are read-only views that ``step`` updates in place (re-read them
    after ``reset``, which makes new ones).
    """

    def __init__(self, objective: Objective, optimizers: Optimizer | Sequence[Optimizer], starts,
                 *, tol: float = 1e-6, max_steps: int | None = None, domain=None,
                 record: bool = True):
        self.objective = objective
        self.optimizers = [optimizers] if isinstance(optimizers, Optimizer) else list(optimizers)
        if not self.optimizers:
            raise ValueError("a run needs at least one optimizer")
        self.domain = tuple(float(v) for v in (domain if domain is not None else objective.domain))
        self.tol, self.max_steps, self.record = check_tol(tol), check_max_steps(max_steps), record
        self.starts = check_starts(starts)
        x0, x1, y0, y1 = self.domain
        self._centre = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
        with np.errstate(over="ignore"):  # a domain near the float limit escapes only to ±inf
            self._escape = ESCAPE_WIDTHS * np.array([x1 - x0, y1 - y0])
        self._bounds = tuple(self._centre.tolist()), tuple(self._escape.tolist())  # as floats: ``_within``
        self.reset()

    # ----- state the GUI reads -------------------------------------------------------------

    @property
    def n_particles(self) -> int:
        return len(self._x)

    @property
    def positions(self) -> np.ndarray:
        """Current (or last finite) points (N, 2); read-only."""
        return read_only(self._x)

    @property
    def values(self) -> np.ndarray:
        """f at the current points (N,); read-only."""
        return read_only(self._f)

    @property
    def gradients(self) -> np.ndarray:
        """∇f at the current points (N, 2); read-only."""
        return read_only(self._g)

    @property
    def steps(self) -> np.ndarray:
        """Steps each particle has taken (N,); read-only."""
        return read_only(self._steps)

    @property
    def status(self) -> np.ndarray:
        """Status codes (N,), indices into STATUS_NAMES; read-only."""
        return read_only(self._status)

    @property
    def minimum_index(self) -> np.ndarray:
        """Index into objective.minima of the minimum each particle converged to (-1 none)."""
        return read_only(self._minimum)

    @property
    def falls_without_bound(self) -> np.ndarray:
        """(N,) True where f fell steadily on the last FALL_STEPS steps (every step, if it ran away
        sooner) and the point, off the domain, keeps going downhill outwards: ``critical.falls_away``."""
        x0, x1, y0, y1 = self.domain
        x, y = self._x[:, 0], self._x[:, 1]
        off = (self._status == DIVERGED) | (x < x0) | (x > x1) | (y < y0) | (y > y1)
        return off & falls_away(self._falls, self._steps, self._x - self._centre, self._g)

    @property
    def live(self) -> np.ndarray:
        return self._status == RUNNING

    @property
    def finished(self) -> bool:
        return not self.live.any()

    def status_name(self, i: int) -> str:
        return STATUS_NAMES[self._status[i]]

    def outcome(self, i: int) -> Outcome:
        """Particle i's status, the listed minimum it reached (or None) and what that means."""
        name = self.status_name(i)
        index = self._minimum[i]
        minimum = self.objective.minima[index] if index >= 0 else None
        if name == "diverged" and not np.isfinite(self._f[i]):
            return Outcome(name, None, UNDEFINED_VALUE)
        if name == "diverged" and not np.isfinite(self._g[i]).all():
            return Outcome(name, None, UNDEFINED_GRADIENT)
        if name in ("diverged", "max_steps") and self.falls_without_bound[i]:
            return Outcome(name, None, UNBOUNDED)
        return Outcome(name, minimum, _meaning(name, minimum))

    def trajectory(self, i: int) -> np.ndarray:
        """Rows (x, y, f, gx, gy) of particle i, row 0 its start: a read-only view."""
        return read_only(self._require_history()[: self._steps[i] + 1, i])

    def recorded_rows(self) -> RowBlock:
        """Every row recorded so far as one block from step 0 (the CSV writer reads it)."""
        steps = self._steps.copy()  # before the rows: a step meanwhile only adds rows
        return RowBlock(0, self.history, steps)

    @property
    def history(self) -> np.ndarray:
        """All rows so far (t + 1, N, 5), read-only; a stopped particle repeats its last row."""
        return read_only(self._require_history())

    # ----- control -------------------------------------------------------------------------

    def adopt_minima(self, objective: Objective) -> None:
        """The same f with other listed minima (found while the run went on): the particles that
        converged are matched to them afresh."""
        self.objective = objective
        converged = self._status == CONVERGED
        self._minimum = np.where(converged, nearest_minimum(objective.minima, self._x), -1)

    def configure(self, optimizer_index: int | None = None, **values) -> None:
        """Change lr / hyper-parameters of one optimizer (or all); the next step uses them."""
        targets = self.optimizers if optimizer_index is None else [self.optimizers[optimizer_index]]
        for optimizer in targets:
            optimizer.configure(**values)

    def reset(self) -> None:
        """Back to the starts: step 0, fresh optimizer state, empty trajectories."""
        n = len(self.starts) * len(self.optimizers)
        for optimizer in self.optimizers:
            optimizer.reset()
        self._groups = rule_groups(self.optimizers, len(self.starts))  # the optimizers' state, one per rule
        self.t = 0
        self._x = np.tile(self.starts, (len(self.optimizers), 1))
        f, self._g = self.objective.value_and_grad(self._x)
        self._f = f.copy() if f.base is not None else f  # f = x is x's column: a step may write x first
        self._tiles = self._tiling(n)
        self._race = self._tiles is not None and all(group.size == 1 for group in self._groups)  # a group a particle
        few = min(n, FEW_POINTS)
        self._centre_rows, self._escape_rows = np.tile(self._centre, (few, 1)), np.tile(self._escape, (few, 1))
        self._ones = np.ones(n, dtype=np.int64)  # a step of every particle (an array adds faster than a Python 1)
        self._steps = np.zeros(n, dtype=np.int64)
        self._status = np.full(n, RUNNING)
        self._minimum = np.full(n, -1)
        self._moving: tuple | None = None  # (rows, live) of the particles that move: see ``_stop``
        self._falls, self._drop = np.zeros(n, dtype=np.uint8), np.zeros(n)  # see critical.fall_streak
        self._drop_spare = np.zeros(n)  # the next step's drop, when every particle moves
        limit = None if self.max_steps is None else self.max_steps + 1
        self._trajectory = RowBuffer(n, limit) if self.record else None
        self._streamed: RowBuffer | None = None  # the rows being streamed by ``blocks``
        self._mark_non_finite(np.arange(n), self._finite(self._x, self._f, self._g))
        with np.errstate(all="ignore"):
            self._finish_step(np.flatnonzero(self.live))

    def step(self, k: int = 1, more: Callable[[], bool] | None = None) -> int:
        """Advance every live particle up to k steps (fewer at max_steps); return steps done.
        ``more``: asked after each step; False ends the batch there (playback's time for a frame)."""
        done = 0
        with np.errstate(all="ignore"):  # overflow becomes inf/nan, which the stop checks report
            while done < k:
                if self._moving is None:
                    self._moving = self._live_rows()
                rows, live = self._moving
                if rows is None:
                    break
                self._advance(rows, live)
                done += 1
                if more is not None and not more():
                    break
        return done

    def _live_rows(self) -> tuple:
        """(rows, live): the particles that move, a slice when all of them do (no copies, no
        masks) and None when none does, and the mask of them; kept until a status changes."""
        live = self._status == RUNNING
        moving = np.count_nonzero(live)
        if not moving:
            return None, live
        return (slice(None) if moving == len(live) else np.flatnonzero(live)), live

    def _stop(self, rows, status) -> None:
        """Particles ``rows`` take ``status`` (codes): the particles that move are worked out again."""
        self._status[rows] = status
        self._moving = None

    def run(self) -> int:
        """Step until every particle has stopped (needs max_steps, or a tolerance that is met)."""
        return self.step(np.iinfo(np.int64).max)

    def blocks(self, size: int) -> Iterator[RowBlock]:
        """Step until every particle has stopped, yielding the rows of every ``size`` steps as they
        are computed; the first block starts with the current state. Only the block being filled is
        held, so memory does not grow with the number of steps (a block is valid until the next)."""
        if size < 1:
            raise ValueError(f"a block holds at least one step, got {size}")
        first, rows = self.t, RowBuffer(self.n_particles, size + 1, capacity=size + 1)
        rows.append(self._x, self._f, self._g)
        while True:
            self._streamed = rows
            try:
                self.step(size)
            finally:
                self._streamed = None
            yield RowBlock(first, read_only(rows.rows()), self._steps.copy())
            if self.finished:
                return
            first, rows = self.t + 1, RowBuffer(self.n_particles, size, capacity=size)

    def _require_history(self) -> np.ndarray:
        if self._trajectory is None:
            raise RuntimeError("this run was made with record=False and keeps no trajectories")
        return self._trajectory.rows()


def _meaning(status: str, minimum: Minimum | None) -> str:
    if status != "converged":
        return STATUS_MEANINGS[status]
    if minimum is None:
        return "the gradient vanished at a local minimum that is not in the catalog's list"
    kind = "global" if minimum.is_global else "local"
    return f"reached the {kind} minimum f = {plain(minimum.f)} at ({plain(minimum.x)}, {plain(minimum.y)})"
