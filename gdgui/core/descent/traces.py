"""Turning recorded trajectories into what plots draw: decimation, per-group series, log-safe values.

A run keeps every step; what is drawn stays bounded (a few thousand points per line), so a
long run at top speed never slows the frame down.
"""

from __future__ import annotations

import numpy as np

__all__ = ["MAX_DRAWN_POINTS", "decimated_indices", "GroupSeries", "for_log_axis",
           "gap_reference", "true_runs"]

MAX_DRAWN_POINTS = 2000


def decimated_indices(count: int, limit: int = MAX_DRAWN_POINTS) -> np.ndarray:
    """At most ``limit`` evenly strided indices into ``range(count)``, always with the first and last."""
    if count <= 0:
        return np.empty(0, dtype=np.int64)
    if count <= limit:
        return np.arange(count)
    stride = -(-(count - 1) // (limit - 1))  # ceiling division keeps the result within the limit
    indices = np.arange(0, count, stride)
    return indices if indices[-1] == count - 1 else np.append(indices, count - 1)


class GroupSeries:
    """Per step and per group of particles: the median f and the median ‖∇f‖.

    A group is an optimizer's block of particles (one particle in a race). Rows of the history
    are summarized once, as they arrive, so a frame costs the same at step 10 and at step 10⁶.
    """

    def __init__(self, groups: list[slice], capacity: int = 256):
        self._groups = list(groups)
        # A race: one particle a group, whose median is its own value (no median to take).
        alone = all(group.stop - group.start == 1 for group in self._groups)
        self._particles = [group.start for group in self._groups] if alone else None
        self._data = np.empty((capacity, len(self._groups), 2))
        self.length = 0

    def extend(self, rows: np.ndarray) -> None:
        """Summarize new history rows (k, N, 5): columns x, y, f, ∂f/∂x, ∂f/∂y."""
        rows = np.asarray(rows)
        if not len(rows):
            return
        self._reserve(self.length + len(rows))
        norm = np.hypot(rows[:, :, 3], rows[:, :, 4])
        target = self._data[self.length: self.length + len(rows)]
        if self._particles is not None:
            target[:, :, 0], target[:, :, 1] = rows[:, self._particles, 2], norm[:, self._particles]
            self.length += len(rows)
            return
        for column, group in enumerate(self._groups):
            target[:, column, 0] = np.median(rows[:, group, 2], axis=1)
            target[:, column, 1] = np.median(norm[:, group], axis=1)
        self.length += len(rows)

    def _reserve(self, rows: int) -> None:
        if rows > len(self._data):
            bigger = np.empty((max(rows, 2 * len(self._data)),) + self._data.shape[1:])
            bigger[: self.length] = self._data[: self.length]
            self._data = bigger

    def values(self, group: int, indices: np.ndarray) -> np.ndarray:
        """Median f of ``group`` at the given steps."""
        return self._data[indices, group, 0]

    def gradient_norms(self, group: int, indices: np.ndarray) -> np.ndarray:
        """Median ‖∇f‖ of ``group`` at the given steps."""
        return self._data[indices, group, 1]


def for_log_axis(values: np.ndarray) -> np.ndarray:
    """``values`` with zero, negative and non-finite entries as NaN (a log axis cannot show them)."""
    values = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(values) & (values > 0), values, np.nan)


def gap_reference(known_minimum: float | None, observed: np.ndarray) -> float:
    """The f* of a log plot of f − f*: the known global minimum, or lower if f went below it."""
    observed = np.asarray(observed, dtype=float)
    finite = observed[np.isfinite(observed)]
    lowest = float(finite.min()) if finite.size else np.inf
    if known_minimum is None:
        return lowest if np.isfinite(lowest) else 0.0
    return min(float(known_minimum), lowest)


def true_runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of every run of consecutive True values in ``mask``."""
    padded = np.concatenate([[False], np.asarray(mask, dtype=bool), [False]])
    edges = np.flatnonzero(np.diff(padded.astype(np.int8)))
    return [(int(start), int(stop) - 1) for start, stop in zip(edges[::2], edges[1::2])]
