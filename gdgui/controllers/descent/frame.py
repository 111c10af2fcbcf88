"""What the Descent tab draws at one recorded step of a run, as plain arrays (no Qt).

``RunRecord`` wraps a core ``Run``: it keeps per-group loss series as steps arrive and builds
a ``Frame`` (``frame_data``) for any recorded step (the timeline can scrub back). Lines are decimated and the
swarm's trails are bounded, so a frame costs the same at step 10 and at step 10⁶.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdgui.controllers.descent.frame_data import (
    TRAIL_LENGTH,
    TRAIL_PARTICLES,
    Frame,
    LossSeries,
    PathData,
    PathExit,
    StatusContext,
    SwarmData,
    edge_crossing,
)
from gdgui.controllers.descent.status import StatusLine, explanation, particle_line, swarm_lines
from gdgui.core.descent.critical import CIRCLE_STEPS, circles_kink
from gdgui.core.descent.functions import Objective
from gdgui.core.descent.runs import Run
from gdgui.core.descent.settings import OPTIMIZER_LABELS, optimizer_colour_index
from gdgui.core.descent.stop_reasons import CIRCLING_KINK, MAX_STEPS, RUNNING, STATUS_NAMES, UNBOUNDED
from gdgui.core.descent.traces import (
    GroupSeries,
    decimated_indices,
    for_log_axis,
    for_log_axis_value,
    gap_reference,
)

__all__ = ["RunRecord", "strided_rows"]


class RunRecord:
    """A run plus its per-step summaries; ``frame(step)`` for any step from 0 to ``latest``."""

    def __init__(self, run: Run, swarm: bool):
        self.run, self.swarm = run, swarm
        per = len(run.starts)
        self.groups = [slice(k * per, (k + 1) * per) for k in range(len(run.optimizers))]
        self.names = [optimizer.name for optimizer in run.optimizers]
        self.series = GroupSeries(self.groups)
        self._exits: dict[int, int] = {}    # particle → the first step that took it off the domain
        self._scanned: dict[int, int] = {}  # particle → steps seen on the domain so far
        self.sync()

    @property
    def latest(self) -> int:
        return self.run.t

    def advance(self, steps: int, more: Callable[[], bool] | None = None) -> int:
        """Step the run (at most ``steps``; ``more`` as ``Run.step``), summarize the new rows; returns steps taken."""
        done = self.run.step(steps, more)
        self.sync()
        return done

    def sync(self) -> None:
        self.series.extend(self.run.history[self.series.length:])

    def status_at(self, step: int) -> np.ndarray:
        """Status codes as they were at ``step``: a particle that stopped later was still running."""
        codes = self.run.status.copy()
        codes[self.run.steps > step] = RUNNING
        return codes

    def point(self, particle: int, step: int) -> tuple[float, float]:
        x, y = self.run.history[step, particle, :2]
        return float(x), float(y)

    def frame(self, step: int, context: StatusContext) -> Frame:
        step = int(np.clip(step, 0, self.latest))
        codes = self.status_at(step)
        selected = self.groups[min(context.selected, len(self.groups) - 1)].start
        paths = [] if self.swarm else [self._path(k, step, codes[k], context.lr) for k in range(len(self.names))]
        swarm = self._swarm(step, codes) if self.swarm else None
        loss, reference = self._loss(step)
        status = self._status(step, codes, context)
        return Frame(step, self.latest, self.swarm, paths, swarm, loss, reference, status,
                     self.point(selected, step), self.run.objective.minima_source)

    # ----- pieces of a frame ---------------------------------------------------------------

    def _path(self, k: int, step: int, code: int, lr: float) -> PathData:
        history = self.run.history
        last = min(step, int(self.run.steps[k]))
        indices = decimated_indices(last + 1)
        xy = strided_rows(history[:, k, :2], indices)
        row = history[step, k]
        name = self.names[k]
        return PathData(name, OPTIMIZER_LABELS[name], optimizer_colour_index(name), xy, row[:2].copy(),
                        STATUS_NAMES[code], -lr * row[3:5], self._exit(k, last, indices))

    def _exit(self, k: int, last: int, indices: np.ndarray) -> PathExit | None:
        """Where particle ``k``'s path left the domain by step ``last``; None if it has not (or began off it)."""
        first = self._first_exit(k, last)
        if first is None or first == 0 or first > last:
            return None
        before, after = self.run.history[first - 1, k, :2], self.run.history[first, k, :2]
        point = edge_crossing(before, after, self.run.domain)
        if point is None:
            return None
        direction = (after - before) / np.hypot(*(after - before))
        return PathExit(first, point, (float(direction[0]), float(direction[1])),
                        int(np.searchsorted(indices, first)))

    def _first_exit(self, k: int, last: int) -> int | None:
        """The first step at which particle ``k`` is off the domain, looked for once per step."""
        if k in self._exits:
            return self._exits[k]
        seen = self._scanned.get(k, 0)
        if last < seen:
            return None
        x0, x1, y0, y1 = self.run.domain
        x, y = self.run.history[seen:last + 1, k, 0], self.run.history[seen:last + 1, k, 1]
        off = ~((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1))
        if off.any():
            self._exits[k] = seen + int(np.argmax(off))
            return self._exits[k]
        self._scanned[k] = last + 1
        return None

    def _swarm(self, step: int, codes: np.ndarray) -> SwarmData:
        history = self.run.history
        points = history[step, :, :2]
        moving = codes == RUNNING
        # While every particle moves, x and y taken from the rows: boolean indexing of the strided rows
        # costs ten times as much, and copying them twice what ``take`` costs.
        running = [(optimizer_colour_index(name),
                    history[step, group].take((0, 1), axis=1) if moving[group].all() else points[group][moving[group]])
                   for name, group in zip(self.names, self.groups)]
        stopped = {STATUS_NAMES[code]: points[codes == code] for code in np.unique(codes[~moving])}
        trailing = np.flatnonzero(moving)[:TRAIL_PARTICLES]
        # Whole rows taken, then x and y: a fancy index into the three-axis history costs four times as much.
        trails = [history[step - age].take(trailing, axis=0)[:, :2] for age in range(min(step, TRAIL_LENGTH) + 1)]
        return SwarmData(running, stopped, trails)

    def _loss(self, step: int) -> tuple[list[LossSeries], float | None]:
        steps, every = decimated_indices(self.series.length), slice(0, self.series.length)
        values = [strided_rows(self.series.values(g, every), steps) for g in range(len(self.groups))]
        known = [m.f for m in self.run.objective.global_minima()]
        # No known minimum, no f*: never the lowest f seen so far (at step 0, f at the start).
        reference = gap_reference(min(known), np.concatenate(values)) if known else None
        gap_from = np.nan if reference is None else reference
        series, at = [], np.array([step])
        for g, (name, f) in enumerate(zip(self.names, values)):
            now_f = float(self.series.values(g, at)[0])
            now_grad = float(self.series.gradient_norms(g, at)[0])
            now = (now_f, for_log_axis_value(now_f - gap_from), for_log_axis_value(now_grad))
            series.append(LossSeries(name, OPTIMIZER_LABELS[name], optimizer_colour_index(name), steps, f,
                                     for_log_axis(f - gap_from),
                                     for_log_axis(strided_rows(self.series.gradient_norms(g, every), steps)), now))
        return series, reference

    def _status(self, step: int, codes: np.ndarray, context: StatusContext) -> Callable[[], list[StatusLine]]:
        """The sentences of ``step``, written when read: what they need of the run that changes as it
        goes on (steps taken, minima reached, runaway falls, the objective's minima) is taken now."""
        run = self.run
        held = _Held(run.objective, run.steps.copy(), run.minimum_index.copy(),
                     None if self.swarm else run.falls_without_bound.copy())
        if self.swarm:
            return lambda: self._swarm_status(step, codes, held)
        return lambda: self._race_status(step, codes, context, held)

    def _race_status(self, step: int, codes: np.ndarray, context: StatusContext, held: _Held) -> list[StatusLine]:
        causes = self._causes(step, codes, held)
        return [self._particle_status(k, step, codes[k], context, causes[k], held) for k in range(len(self.names))]

    def _swarm_status(self, step: int, codes: np.ndarray, held: _Held) -> list[StatusLine]:
        found, count = np.unique(codes, return_counts=True)
        counts = {STATUS_NAMES[code]: int(n) for code, n in zip(found, count)}
        reached = held.minimum_index[codes != RUNNING]
        indices, hits = np.unique(reached[reached >= 0], return_counts=True)
        minima = [(held.objective.minima[i], int(n)) for i, n in zip(indices, hits)]
        return swarm_lines([OPTIMIZER_LABELS[n] for n in self.names], step, counts, minima)

    def _particle_status(self, k: int, step: int, code: int, context: StatusContext, cause: str,
                         held: _Held) -> StatusLine:
        x, y, f, gx, gy = self.run.history[step, k]
        rising = step > 0 and f > self.run.history[step - 1, k, 2]
        status = STATUS_NAMES[code]
        slope = float(np.hypot(gx, gy))
        sentence = explanation(status, held.minimum(k), (x, y), held.objective, context.bound,
                               context.lr, context.max_steps, context.tol, rising, float(f), slope,
                               cause)
        name = self.names[k]
        return particle_line(OPTIMIZER_LABELS[name], optimizer_colour_index(name), min(step, int(held.steps[k])),
                             float(f), slope, status, sentence)

    def _causes(self, step: int, codes: np.ndarray, held: _Held) -> list[str]:
        """Per particle, UNBOUNDED or CIRCLING_KINK if its path up to ``step`` shows one, else ''."""
        # The run counts steady falls up to each particle's own last step: true of the row shown.
        unbounded = (step >= held.steps) & held.falls
        circling = np.zeros(len(codes), dtype=bool)
        suspects = np.flatnonzero(~unbounded & np.isin(codes, (RUNNING, MAX_STEPS)))
        if len(suspects) and step >= CIRCLE_STEPS:
            last = self.run.history[step - CIRCLE_STEPS + 1: step + 1, suspects].transpose(1, 0, 2)
            circling[suspects] = circles_kink(held.objective, last[..., :2], last[..., 3:5])
        return [UNBOUNDED if u else CIRCLING_KINK if c else "" for u, c in zip(unbounded, circling)]


def strided_rows(array: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """``array[indices]`` (a copy) for ``decimated_indices``' evenly strided indices, the last one perhaps
    added after them, taken by a slice: fancy indexing of a row of a three-axis array (a path's x and y,
    a loss column) goes NumPy's general way, ~40 instructions a value."""
    count = len(indices)
    if count < 3:
        return array[indices]
    first, stride = int(indices[0]), int(indices[1] - indices[0])
    even = count if int(indices[-1]) == first + (count - 1) * stride else count - 1  # the last one added?
    rows = array[first:first + (even - 1) * stride + 1:stride]
    return rows.copy() if even == count else np.concatenate([rows, array[indices[even:]]])


@dataclass(frozen=True)
class _Held:
    """What a frame's sentences read of the run as it was at the frame (``RunRecord._status``)."""

    objective: Objective
    steps: np.ndarray
    minimum_index: np.ndarray
    falls: np.ndarray | None

    def minimum(self, k: int):
        index = int(self.minimum_index[k])
        return self.objective.minima[index] if index >= 0 else None
