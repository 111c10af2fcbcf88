"""Turning recorded trajectories into what plots draw: decimation, per-group series, log-safe values,
and the ranges a plot holds while a run plays.

A run keeps every step; what is drawn stays bounded (a few thousand points per line), so a
long run at top speed never slows the frame down.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["MAX_DRAWN_POINTS", "decimated_indices", "GroupSeries", "for_log_axis", "gap_reference",
           "true_runs", "row_medians", "row_median_norms", "steps_shown", "steps_held", "held_range",
           "for_log_axis_value", "view_extent"]

MAX_DRAWN_POINTS = 2000
# A swarm's rows are summarised this many values (rows × particles) at a time: 10,000 particles 13
# rows at once took ~190 µs a row, 100 rows at once ~300; a frame's 17 rows at once (at speed 1,000)
# 10–15 % less a frame than as 13 and 4.
_CHUNK_VALUES = 2**18
# Rows shorter than this go to np.median itself (the shortcuts below pay off on long rows).
_FEW = 16
# A squared norm is within a few units of rounding of the exact one, hypot within one: a window
# this much wider than the squared norms at the middle ranks holds the middle norms, with room.
_WINDOW, _MARGIN = 1e-9, 1e-12
# Squared norms in this range neither underflow nor overflow near the window.
_SAFE_SQUARES = (1e-290, 1e300)

# The ranges a plot holds while a run plays (``steps_held``, ``held_range``).
_MIN_STEPS_SHOWN = 10
_Y_MARGIN = 0.25  # of the data's extent, above and below it, when the y range moves
_Y_LEAD = 4  # margins on the side the data left by: room for them to go as far again before it moves
_Y_SHRINK = 0.25  # the y range fits the data again once they fill less than this share of it
_DECADES_LEAD = 2  # on a log axis, data that left the range get room to go twice as far again
_DECADES_TALL = 4  # while a run plays, a log range this many times the data's fitted decades fits them again
_DECADES_FIT = 1.25  # and paused, this many times


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
        target = self._data[self.length: self.length + len(rows)]
        if self._particles is not None:
            alone = rows[:, self._particles]
            target[:, :, 0], target[:, :, 1] = alone[:, :, 2], np.hypot(alone[:, :, 3], alone[:, :, 4])
            self.length += len(rows)
            return
        step = max(1, _CHUNK_VALUES // max(1, rows.shape[1]))
        for start in range(0, len(rows), step):  # a few rows at a time: the selections' copies stay in cache
            chunk, into = rows[start: start + step], target[start: start + step]
            for column, group in enumerate(self._groups):
                into[:, column, 0] = row_medians(chunk[:, group, 2])
                into[:, column, 1] = row_median_norms(chunk[:, group, 3], chunk[:, group, 4])
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


def row_medians(values: np.ndarray) -> np.ndarray:
    """``np.median(values, axis=1)``, the same numbers: one selection per row instead of np.median's
    three (its middle pair and the largest, to find a NaN), the lower middle the largest below the
    upper. Rows holding a NaN, or whose middle values are zeros (−0 and 0 are equal to a selection but
    not in their sign), are left to np.median."""
    values = np.asarray(values, dtype=float)
    n = values.shape[1]
    if n < _FEW or not len(values):
        return np.median(values, axis=1)
    half = n // 2
    part = np.partition(values, half, axis=1)
    upper = part[:, half]
    lower = part[:, :half].max(axis=1) if n % 2 == 0 else upper
    median = (lower + upper) / 2 if n % 2 == 0 else upper.copy()
    odd = np.isnan(part[:, half:].max(axis=1)) | ((lower == 0) & (upper == 0))
    if odd.any():
        median[odd] = np.median(values[odd], axis=1)
    return median


def row_median_norms(gx: np.ndarray, gy: np.ndarray) -> np.ndarray:
    """``np.median(np.hypot(gx, gy), axis=1)``, the same numbers, with hypot (slow) taken only near
    the middle: the squared norms gx² + gy² find the middle ranks; every norm whose squared norm lies
    in a window around them (``_WINDOW``) is taken with hypot and its middle pair selected, checked to
    lie clear of the norms outside the window. A row where the check fails, or whose squared norms may
    underflow, overflow or hold a NaN near the middle, is left to np.median of every hypot."""
    gx, gy = np.asarray(gx, dtype=float), np.asarray(gy, dtype=float)
    k, n = gx.shape
    if n < _FEW or not k:
        return np.median(np.hypot(gx, gy), axis=1)
    with np.errstate(all="ignore"):
        squares = gx * gx
        squares += gy * gy
        median, odd = _window_medians(gx, gy, squares)
    if odd.any():
        median[odd] = np.median(np.hypot(gx[odd], gy[odd]), axis=1)
    return median


def _window_medians(gx, gy, squares) -> tuple[np.ndarray, np.ndarray]:
    """The median norm of each row from the norms in its window, and the rows it cannot vouch for."""
    k, n = squares.shape
    half, even = n // 2, n % 2 == 0
    part = np.partition(squares, half, axis=1)
    high = part[:, half]
    low = part[:, :half].max(axis=1) if even else high
    low, high = low * (1 - _WINDOW), high * (1 + _WINDOW)
    safe = (low >= _SAFE_SQUARES[0]) & (high <= _SAFE_SQUARES[1]) & ~np.isnan(part[:, half:].max(axis=1))
    below = np.count_nonzero(part[:, :half] < low[:, None], axis=1)  # lower than the middle ranks: in the lower half
    inside = squares >= low[:, None]
    inside &= squares <= high[:, None]
    row, column = np.divmod(np.flatnonzero(inside), n)
    norms = np.hypot(gx[row, column], gy[row, column])
    norms = norms[np.lexsort((norms, row))]  # row by row, each row's ascending
    counts = np.bincount(row, minlength=k)
    upper = half - below  # the upper middle's rank among the row's norms in the window
    safe &= (upper - (1 if even else 0) >= 0) & (upper < counts)
    at = np.where(safe, np.cumsum(counts) - counts + upper, 0)
    top = norms[at] if len(norms) else np.zeros(k)
    bottom = norms[at - 1] if even and len(norms) else top
    safe &= (bottom > np.sqrt(low) * (1 + _MARGIN)) & (top < np.sqrt(high) * (1 - _MARGIN))
    median = (bottom + top) / 2 if even else top.copy()
    return median, ~safe


def steps_shown(latest: int) -> int:
    """The last step on the x axis: 10, 20, 40, … the first at or past ``latest`` (the axis moves
    only when a run doubles its steps, not on every frame)."""
    end = _MIN_STEPS_SHOWN
    while end < latest:
        end *= 2
    return end


def steps_held(end: int, before: int, latest: int, ahead: int = 0) -> int:
    """The x axis' last step once the run's latest step goes from ``before`` to ``latest``, ``end``
    before: ``steps_shown`` of the step ``ahead`` steps past the latest (while a run plays, what it
    makes in a quarter second: a swarm of 10,000 at 17 steps a frame doubled the axis every other
    frame). It never goes back while the run goes on; a run begun again (its latest step lower)
    starts it afresh."""
    if latest < before:
        return steps_shown(latest)
    return max(end, steps_shown(latest + ahead))


def held_range(view: tuple[float, float] | None, low: float, high: float, log: bool,
               playing: bool = False) -> tuple[float, float] | None:
    """The y range (in view units: log10 on a log axis) to show data from ``low`` to ``high``, or None
    to keep ``view``: it moves only when the data leave it, or fill less than a quarter of it. Data that
    left it get room to go as far again on that side, so a falling curve moves the range in doublings.
    A log axis holds whole decades (``_held_decades``)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return None
    if log:
        return _held_decades(view, low, high, playing)
    span = high - low
    margin = _Y_MARGIN * span if span > 0 else max(0.1 * abs(low), 1e-6)
    margin = max(margin, 1e-9 * max(abs(low), abs(high)), 1e-300)  # a margin a float range can hold
    filled = max(span, 4 * margin)  # data spread less than their margins allow fill that height
    if view is not None and view[0] <= low and high <= view[1] and filled >= _Y_SHRINK * (view[1] - view[0]):
        return None
    below, above = view is not None and low < view[0], view is not None and high > view[1]
    return low - margin * (_Y_LEAD if below else 1), high + margin * (_Y_LEAD if above else 1)


def _held_decades(view: tuple[float, float] | None, low: float, high: float,
                  playing: bool) -> tuple[float, float] | None:
    """``held_range`` on a log axis, from a whole decade to a whole decade: the data's *fit* has a
    quarter of their extent (at least half a decade) to spare either side. While a run plays, data
    that left the range get room to go twice as far again on that side (a 10,000 swarm's falling
    f − f* moved it twice in 500 steps, not four times: each move writes the ticks again and redraws
    the curves whole), and a range over four times the fit's height fits them again; paused, the
    range is the fit once it is a quarter taller."""
    span = high - low
    margin = max(_Y_MARGIN * span, 0.5)
    fitted = (math.floor(low - margin), math.ceil(high + margin))
    inside = view is not None and view[0] <= low and high <= view[1]
    if inside and view[1] - view[0] <= (_DECADES_TALL if playing else _DECADES_FIT) * (fitted[1] - fitted[0]):
        return None
    if not playing:
        return float(fitted[0]), float(fitted[1])
    reach = max(_DECADES_LEAD * span, 1.0)
    below, above = view is not None and low < view[0], view is not None and high > view[1]
    bottom = math.floor(low - reach) if below else fitted[0]
    top = math.ceil(high + reach) if above else fitted[1]
    return float(bottom), float(top)


def for_log_axis(values: np.ndarray) -> np.ndarray:
    """``values`` with zero, negative and non-finite entries as NaN (a log axis cannot show them)."""
    values = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(values) & (values > 0), values, np.nan)


def for_log_axis_value(value: float) -> float:
    """``for_log_axis`` of one number, without NumPy's cost a call: NaN unless finite and above zero."""
    return value if math.isfinite(value) and value > 0 else math.nan


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


def view_extent(arrays: list[np.ndarray], log: bool) -> tuple[float, float]:
    """The lowest and highest finite value of ``arrays`` in view units (log10 on a log axis); NaN if none."""
    arrays = [a for a in arrays if len(a)]
    if not arrays:
        return math.nan, math.nan
    low = min(float(np.fmin.reduce(a)) for a in arrays)  # NaN (a gap) skipped: two reductions an array, no copies
    high = max(float(np.fmax.reduce(a)) for a in arrays)
    if not (math.isfinite(low) and math.isfinite(high) and (low > 0 or not log)):
        return _finite_extent(arrays, log)  # ±∞ or, on a log axis, a value ≤ 0 among them (or NaN alone)
    return tuple(float(v) for v in np.log10([low, high])) if log else (low, high)  # as the curves are drawn


def _finite_extent(arrays: list[np.ndarray], log: bool) -> tuple[float, float]:
    values = np.concatenate([np.asarray(a, dtype=float) for a in arrays]) if arrays else np.empty(0)
    values = values[np.isfinite(values) & (values > 0)] if log else values[np.isfinite(values)]
    if not values.size:
        return math.nan, math.nan
    values = np.log10(values[[values.argmin(), values.argmax()]]) if log else values
    return float(values.min()), float(values.max())
