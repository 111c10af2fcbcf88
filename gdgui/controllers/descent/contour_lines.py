"""Contour lines of a sampled field, traced by contourpy and packed for one pyqtgraph path (no Qt).

Here rather than in core, which is NumPy and the standard library only (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import contourpy
import numpy as np

from gdgui.core.descent.field import CONTOUR_LEVELS, Field

__all__ = ["contour_lines", "join_pieces"]


# Lines are traced on at most this many grid points a side (every other point of the map's 400):
# a cell is then ~4 px of a big map, where the lines look as smooth, for a quarter of the work and
# half the points to draw. The colours keep every point.
LINE_POINTS = 200


def contour_lines(field: Field, log: bool, count: int = CONTOUR_LEVELS) -> list[np.ndarray]:
    """One (k, 2) array per level, its pieces separated by NaN rows (for ``connect="finite"``).

    contourpy joins a level's pieces itself (``ChunkCombinedNan``), and a field finite everywhere
    goes in without a mask (both cost more than tracing the lines).
    """
    colour = field.colour_values(log)
    columns, rows = _thinned(len(field.xs)), _thinned(len(field.ys))
    z = colour[np.ix_(rows, columns)]
    z = z if np.isfinite(z).all() else np.ma.masked_invalid(z)
    generator = contourpy.contour_generator(field.xs[columns], field.ys[rows], z,
                                            line_type=contourpy.LineType.ChunkCombinedNan)
    return [_joined(generator.lines(level)) for level in field.levels(log, count)]


def _thinned(n: int) -> np.ndarray:
    """At most LINE_POINTS indices of n grid points, evenly spread, both ends kept."""
    return np.arange(n) if n <= LINE_POINTS else np.linspace(0, n - 1, LINE_POINTS).round().astype(int)


def _joined(lines) -> np.ndarray:
    """A level's one chunk of NaN-separated points (contourpy's None where the level has no line)."""
    points = lines[0][0]
    return np.empty((0, 2)) if points is None else points


def join_pieces(pieces: list[np.ndarray]) -> np.ndarray:
    """Stack (k, 2) polylines into one array with a NaN row between them (one path to draw)."""
    if not pieces:
        return np.empty((0, 2))
    gap = np.full((1, 2), np.nan)
    joined = [part for piece in pieces for part in (piece, gap)]
    return np.concatenate(joined[:-1])
