"""Rows (x, y, f, ∂f/∂x, ∂f/∂y) of a run's particles, step after step: a growing buffer, and
a block of consecutive steps that can be read particle by particle in bounded pieces."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Iterator

import numpy as np

from gdgui.core.descent.stepping.pairs import pairs

__all__ = ["RowBlock", "RowBuffer", "read_only", "RESERVED_BYTES"]

# A buffer whose rows ever needed fit in this many bytes is made that big at once: the operating
# system hands out pages as rows are first written, so nothing is copied as the run grows (a copy of
# 80 MB at a doubling stalls an animation ~0.1 s), and unwritten rows cost no memory.
RESERVED_BYTES = 256 * 2**20

# The memory of the last reserved buffer let go, for the next one that fits in it, of any number of
# particles (a reset, new settings: under RECORD_BUDGET a big swarm's buffer is as big as any): its pages
# are in already, while a new buffer's come one by one as rows are first written, each a trip into the
# kernel (~0.3 ms a row of 10,000 particles, more than the swarm's step). At most one is kept.
_SPARE: list[np.ndarray] = []

# Up to this many particles a row is written as NumPy writes (N, 2) blocks (a race: three calls, no views
# to make); past ~256 the 16-byte items' copies are faster.
_FEW = 64


def read_only(array: np.ndarray) -> np.ndarray:
    view = array.view()
    view.flags.writeable = False
    return view


@dataclass(frozen=True)
class RowBlock:
    """Rows of consecutive steps: ``rows[k, i]`` is particle i at step ``first + k``, read-only.

    A particle that stopped before the block's end repeats its last row there; ``steps`` (N,)
    holds the steps each particle had taken at the block's end, so its rows end at that step.
    """

    first: int
    rows: np.ndarray
    steps: np.ndarray

    def pieces(self, size: int) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """(particle, step, values (M, 5)) of every row a particle took, particle by particle and
        step by step, about ``size`` rows at a time (memory stays bounded however long the block)."""
        length, n = self.rows.shape[:2]
        group = max(1, size // max(length, 1))  # a short block: several particles per piece
        window = length if group > 1 else size  # a long block: one particle, cut into windows
        for p0 in range(0, n, group):
            for s0 in range(0, length, window):
                yield self._piece(p0, min(p0 + group, n), s0, min(s0 + window, length))

    def _piece(self, p0: int, p1: int, s0: int, s1: int):
        step = self.first + np.arange(s0, s1)
        taken = step[None, :] <= self.steps[p0:p1, None]  # (particles, steps): rows really taken
        particle, offset = np.nonzero(taken)
        return particle + p0, step[offset], self.rows[s0 + offset, particle + p0]


class RowBuffer:
    """Rows (x, y, f, gx, gy) per step for all particles: (T, N, 5); made for every row it will ever
    need when they fit in RESERVED_BYTES (once a second row comes: in the spare's memory, else in new
    memory RESERVED_BYTES long, which the next buffer of any size fits in), else doubling when full."""

    def __init__(self, n: int, limit: int | None, capacity: int = 256):
        self._limit = limit  # the most rows ever needed, when known
        self._reserved = limit is not None and limit * max(n, 1) * 5 * 8 <= RESERVED_BYTES
        # A reserved buffer is taken when the second row comes (the run's first step): by then the
        # run it replaced, made before this one, has been let go and its memory is the spare.
        self._data = np.empty((1 if self._reserved else self._capped(capacity), n, 5))
        self.length = 0

    def __del__(self) -> None:
        data = getattr(self, "_data", None)  # (None if made in vain: a bad limit)
        if data is not None and self._reserved and len(data) > 1 and _SPARE is not None:  # (None: shutting down)
            _SPARE[:] = [data if data.base is None else data.base]

    def _capped(self, rows: int) -> int:
        return rows if self._limit is None else max(1, min(rows, self._limit))

    def append(self, x: np.ndarray, f: np.ndarray, g: np.ndarray) -> None:
        if self.length == len(self._data):
            self._grow()
        row = self._data[self.length]
        if len(f) <= _FEW:
            row[:, :2], row[:, 2], row[:, 3:] = x, f, g
            self.length += 1
            return
        # Three long strided copies: a point (x, y) or a gradient moves as one 16-byte item (a view as one
        # complex number: the same bytes), f as one number. A copy into the (N, 2) block row[:, :2] as
        # floats runs in pieces of two numbers, four times slower; five float columns take 1.7 times as long.
        pairs(row[:, :2])[...], row[:, 2], pairs(row[:, 3:])[...] = pairs(x), f, pairs(g)
        self.length += 1

    def _grow(self) -> None:
        shape = self._data.shape[1:]
        if self._reserved:
            bigger = _spare(self._limit, shape[0])
            if bigger is None:  # as big as any reserved buffer, so the next run's fits (unwritten pages cost nothing)
                bigger = _view(np.empty(RESERVED_BYTES // 8), self._limit, shape[0])
        else:
            bigger = np.empty((self._capped(2 * self.length),) + shape)
        bigger[: self.length] = self._data[: self.length]
        self._data = bigger

    def rows(self) -> np.ndarray:
        return self._data[: self.length]


def _spare(rows: int, n: int) -> np.ndarray | None:
    """``rows`` rows of ``n`` particles in the spare buffer's memory, if it holds as many numbers and
    nothing reads it any more (no view of it is alive); else None, and the spare is let go."""
    try:
        spare = _SPARE.pop()
    except IndexError:
        return None
    # Its references: ``spare`` and getrefcount's argument; a view (a run's history) would add one.
    if spare.size >= rows * n * 5 and sys.getrefcount(spare) == 2:
        return _view(spare, rows, n)
    return None


def _view(memory: np.ndarray, rows: int, n: int) -> np.ndarray:
    """``rows`` rows of ``n`` particles at the start of ``memory`` (contiguous): a view, whose base it is."""
    return memory.reshape(-1)[: rows * n * 5].reshape(rows, n, 5)
