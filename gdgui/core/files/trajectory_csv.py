"""Trajectories as CSV: one row per particle and step, ``particle,step,x,y,f,gx,gy``.

One writer for ``gdgui descend --format csv`` and File ▸ Export ▸ Trajectories, so the two
files read the same way. Within a block of steps the rows go particle by particle, step by
step; a recorded run is one block, a streamed run (``descend``) writes block after block.
"""

from __future__ import annotations

from typing import Iterable

from gdgui.core.descent.runs import RowBlock, Run

__all__ = ["CSV_HEADER", "write_trajectory_csv", "write_csv_blocks"]

CSV_HEADER = "particle,step,x,y,f,gx,gy\n"
_CHUNK_ROWS = 10_000  # rows formatted per write: bounded memory, few write calls


def write_trajectory_csv(descent: Run, out) -> None:
    """Every recorded row of every particle: particle,step,x,y,f,gx,gy (File ▸ Export uses it too)."""
    write_csv_blocks([descent.recorded_rows()], out)


def write_csv_blocks(blocks: Iterable[RowBlock], out) -> None:
    """The header, then the rows of each block as the block comes (``Run.blocks`` computes them)."""
    out.write(CSV_HEADER)
    for block in blocks:
        for particles, steps, values in block.pieces(_CHUNK_ROWS):
            out.write("".join(f"{i},{k},{','.join(map(repr, row))}\n"
                              for i, k, row in zip(particles.tolist(), steps.tolist(), values.tolist())))
