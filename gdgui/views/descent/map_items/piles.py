"""Markers piled on one whole-pixel place: a converging swarm stacks thousands of particles there.

Qt stamps a marker at a whole-pixel place (its top-left corner rounded), so particles whose corners
round to the same pixel (converged ones, within a pixel of each other) are the same stamp at the same
place, and a seventeenth and a thousandth add nothing a student can see: the stamp's opaque middle is
the same, and its see-through rim, stamped ``PILE_DEPTH`` times, is as dense as it gets but for its
faintest pixels (coverage 1 − (1 − α)^depth against 1). Of a 10,000 swarm 100 steps in, a few
hundred places hold every particle; drawing at most ``PILE_DEPTH`` stamps a place, the last ones in
the order drawn (so what lies on top stays on top), cuts the stamping (the map's costliest paint) by
five to a hundred times. On a screen that scales the window (a device pixel ratio of 2) a place is
a whole pixel of the window's: a stamp left out lies within a pixel of the sixteen drawn there.
"""

from __future__ import annotations

import numpy as np

__all__ = ["PILE_DEPTH", "pile_tops"]

PILE_DEPTH = 16  # stamps drawn at most on one whole-pixel place


def pile_tops(left: np.ndarray, top: np.ndarray, depth: int = PILE_DEPTH) -> np.ndarray | None:
    """Which stamps to draw, in order: all but those under the last ``depth`` on their place.

    ``left``, ``top`` are each stamp's corner in whole pixels (float arrays of integers). None when
    no place holds more than ``depth``: every stamp is drawn."""
    count = len(left)
    if count <= depth:
        return None
    low_x, high_x, low_y, high_y = left.min(), left.max(), top.min(), top.max()
    if not np.isfinite((low_x, high_x, low_y, high_y)).all():
        return None
    width, height = int(high_x - low_x) + 1, int(high_y - low_y) + 1
    if width * height * count >= 2 ** 62:
        return None  # a particle flung millions of pixels away: every stamp drawn, as before
    places = ((top - low_y) * width + (left - low_x)).astype(np.int64)
    # By place, then in the order drawn: one sort of distinct numbers (the stamp's index below).
    ranked = np.sort(places * count + np.arange(count))
    bounds = np.concatenate(([0], np.flatnonzero(np.diff(ranked // count)) + 1, [count]))
    depths = np.diff(bounds)
    if depths.max() <= depth:
        return None
    from_end = np.repeat(bounds[1:], depths) - 1 - np.arange(count)  # 0: the last stamp on its place
    return np.sort(ranked[from_end < depth] % count)
