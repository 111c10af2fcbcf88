"""Trajectories as CSV: one row per particle and step, ``particle,optimizer,step,x,y,f,gx,gy``.

One writer for ``gdgui descend --format csv`` and File ▸ Export ▸ Trajectories, so the two
files read the same way. Within a block of steps the rows go particle by particle, step by
step; a recorded run is one block, a streamed run (``descend``) writes block after block.
A recorded run can be thinned to every k-th step (each particle's last row is always kept),
and its size is known before a byte is written (``csv_size``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np

from gdgui.core.descent.runs import RowBlock, Run

__all__ = ["CSV_HEADER", "CsvSize", "csv_size", "optimizer_names", "write_trajectory_csv", "write_csv_blocks"]

CSV_HEADER = "particle,optimizer,step,x,y,f,gx,gy\n"
_CHUNK_ROWS = 10_000  # rows formatted per write: bounded memory, few write calls
_SAMPLE_PARTICLES = 40  # particles, and rows of each, formatted to measure a row's length
_SAMPLE_ROWS = 50


@dataclass(frozen=True)
class CsvSize:
    rows: int
    bytes: int


def write_trajectory_csv(descent: Run, out, every: int = 1) -> None:
    """Every recorded row of every particle, or every ``every``-th step and each particle's last."""
    write_csv_blocks([descent.recorded_rows()], out, optimizer_names(descent), every)


def write_csv_blocks(blocks: Iterable[RowBlock], out, names: list[str], every: int = 1) -> None:
    """The header, then the rows of each block as the block comes (``Run.blocks`` computes them).

    ``names[i]`` is particle i's optimizer. ``every`` > 1 keeps steps 0, k, 2k, … and the last
    step of each particle in the block (so meant for one block holding the whole run)."""
    out.write(CSV_HEADER)
    for block in blocks:
        for particles, steps, values in _thinned(block, every):
            out.write(_lines(particles, steps, values, names))


def optimizer_names(descent: Run) -> list[str]:
    """Each particle's optimizer (particle k·m + j is optimizer k from start j)."""
    starts = len(descent.starts)
    return [optimizer.name for optimizer in descent.optimizers for _ in range(starts)]


def csv_size(descent: Run, every: int = 1) -> CsvSize:
    """Rows and bytes ``write_trajectory_csv(descent, out, every)`` writes, the bytes estimated from
    a sample of rows spread over the particles and their steps (all formatted only when few)."""
    steps = np.asarray(descent.steps, dtype=np.int64)
    kept = steps // every + 1 + (steps % every != 0)  # rows each particle writes
    names, block = optimizer_names(descent), descent.recorded_rows()
    total, weight = 0.0, 0
    for i in np.unique(np.linspace(0, len(steps) - 1, min(len(steps), _SAMPLE_PARTICLES)).astype(int)):
        taken = _kept_steps(int(steps[i]), every)
        taken = taken[np.unique(np.linspace(0, len(taken) - 1, min(len(taken), _SAMPLE_ROWS)).astype(int))]
        text = _lines(np.full(len(taken), i), taken, block.rows[taken - block.first, i], names)
        total += len(text.encode()) / len(taken) * kept[i]
        weight += int(kept[i])
    per_row = total / weight if weight else 0.0
    return CsvSize(int(kept.sum()), len(CSV_HEADER) + int(round(per_row * kept.sum())))


def _kept_steps(last: int, every: int) -> np.ndarray:
    steps = np.arange(0, last + 1, every)
    return steps if steps[-1] == last else np.append(steps, last)


def _thinned(block: RowBlock, every: int, size: int = _CHUNK_ROWS):
    for particles, steps, values in block.pieces(size):
        if every > 1:
            keep = (steps % every == 0) | (steps == block.steps[particles])
            particles, steps, values = particles[keep], steps[keep], values[keep]
        yield particles, steps, values


def _lines(particles: np.ndarray, steps: np.ndarray, values: np.ndarray, names: list[str]) -> str:
    return "".join(f"{i},{names[i]},{k},{','.join(map(repr, row))}\n"
                   for i, k, row in zip(particles.tolist(), steps.tolist(), values.tolist()))
