"""Which corner of the map the legend goes to: the one where it hides the least of the minima.

pyqtgraph pins a legend to one corner of the view box. Himmelblau's minimum at (−2.805, 3.131) has
its label in the top-right corner, the legend's usual place, and on a projector the legend covered
it. The legend now takes the first corner (top right, top left, bottom right, bottom left) that
covers no minimum's star or label. A map too small for that (four optimizers on a 1280×720
projector) shows no legend: the status rows under the map name each colour already.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF

__all__ = ["CORNERS", "legend_corner", "legend_offset"]

CORNERS = ((1, 0), (0, 0), (1, 1), (0, 1))  # (right?, bottom?): top right first, as pyqtgraph places it


def legend_corner(legend: QSizeF, box: QRectF, obstacles: list[QRectF], margin: float) -> tuple[int, int] | None:
    """The first of ``CORNERS`` of ``box`` where a ``legend`` ``margin`` in from both edges covers none
    of ``obstacles``, or None. All in the same (scene) coordinates."""
    return next((corner for corner in CORNERS
                 if not any(_rect(corner, legend, box, margin).intersects(o) for o in obstacles)), None)


def legend_offset(corner: tuple[int, int], margin: float) -> tuple[float, float]:
    """pyqtgraph's ``LegendItem`` offset for ``corner``: a negative x pins its right edge, a negative y its bottom."""
    right, bottom = corner
    return (-margin if right else margin, -margin if bottom else margin)


def _rect(corner, legend: QSizeF, box: QRectF, margin: float) -> QRectF:
    right, bottom = corner
    x = box.right() - margin - legend.width() if right else box.left() + margin
    y = box.bottom() - margin - legend.height() if bottom else box.top() + margin
    return QRectF(x, y, legend.width(), legend.height())
