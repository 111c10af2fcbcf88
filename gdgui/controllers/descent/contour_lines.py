"""Contour lines of a sampled field, traced by contourpy and packed for one pyqtgraph path (no Qt).

Here rather than in core, which is NumPy and the standard library only (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import contourpy
import numpy as np

from gdgui.core.descent.field import CONTOUR_LEVELS, Field

__all__ = ["contour_lines", "join_pieces"]


def contour_lines(field: Field, log: bool, count: int = CONTOUR_LEVELS) -> list[np.ndarray]:
    """One (k, 2) array per level, its pieces separated by NaN rows (for ``connect="finite"``)."""
    colour = field.colour_values(log)
    z = np.ma.masked_invalid(colour)
    generator = contourpy.contour_generator(field.xs, field.ys, z, line_type=contourpy.LineType.Separate)
    return [join_pieces(generator.lines(level)) for level in field.levels(log, count)]


def join_pieces(pieces: list[np.ndarray]) -> np.ndarray:
    """Stack (k, 2) polylines into one array with a NaN row between them (one path to draw)."""
    if not pieces:
        return np.empty((0, 2))
    gap = np.full((1, 2), np.nan)
    joined = [part for piece in pieces for part in (piece, gap)]
    return np.concatenate(joined[:-1])
