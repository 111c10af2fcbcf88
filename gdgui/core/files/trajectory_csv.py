"""Trajectories as CSV: one row per particle and step, ``particle,step,x,y,f,gx,gy``.

One writer for ``gdgui descend --format csv`` and File ▸ Export ▸ Trajectories, so the two
files read the same way.
"""

from __future__ import annotations

from gdgui.core.descent.runs import Run

__all__ = ["write_trajectory_csv"]

_CHUNK_ROWS = 10_000  # rows formatted per write: bounded memory, few write calls


def write_trajectory_csv(descent: Run, out) -> None:
    """Every recorded row of every particle: particle,step,x,y,f,gx,gy (File ▸ Export uses it too)."""
    out.write("particle,step,x,y,f,gx,gy\n")
    for i in range(descent.n_particles):
        rows = descent.trajectory(i)
        for first in range(0, len(rows), _CHUNK_ROWS):
            chunk = rows[first:first + _CHUNK_ROWS].tolist()
            out.write("".join(f"{i},{first + k},{','.join(map(repr, row))}\n"
                              for k, row in enumerate(chunk)))
