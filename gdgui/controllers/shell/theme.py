"""Look settings shared by every view: sizes for laptop or projector, and the palette.

Views read the current sizes from here and restyle themselves when ``changed``
fires, so projector mode is one toggle that keeps every piece of state.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

# Okabe & Ito's colour-blind-safe palette (black omitted: it is the text colour).
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")

FORWARD_COLOUR = "#007A3D"   # forward values on graph edges (green, dark enough for a projector)
BACKWARD_COLOUR = "#C0262D"  # gradients on graph edges (red)

STATUS_COLOURS = {
    "running": "#0072B2", "converged": "#009E73", "plateau": "#B8860B",
    "saddle": "#CC79A7", "diverged": "#D55E00", "max_steps": "#555555",
}


@dataclass(frozen=True)
class Sizes:
    font_pt: int        # widgets, axis labels, edge labels, panels
    line_px: float      # descent paths, graph wires
    thin_px: float      # contour lines and axes: drawn under the paths, so thinner, yet ≥ 3 px on a projector
    marker_px: int      # current-point markers
    title_pt: int       # banners and headings


NORMAL = Sizes(font_pt=11, line_px=2.0, thin_px=1.0, marker_px=11, title_pt=14)
PROJECTOR = Sizes(font_pt=18, line_px=3.5, thin_px=3.0, marker_px=18, title_pt=24)


class ThemeController(QObject):
    """Current look (normal or projector).

    Signals:
        changed(): the sizes or mode changed; views restyle themselves.
    """

    changed = Signal()

    def __init__(self, projector: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self._projector = projector

    @property
    def projector(self) -> bool:
        return self._projector

    def set_projector(self, on: bool) -> None:
        if on == self._projector:
            return
        self._projector = on
        self.changed.emit()

    @property
    def sizes(self) -> Sizes:
        return PROJECTOR if self._projector else NORMAL

    @staticmethod
    def colour(index: int) -> str:
        """The palette colour of series ``index`` (optimizer, particle group...)."""
        return OKABE_ITO[index % len(OKABE_ITO)]
