"""Look settings shared by every view: sizes for laptop or projector, and the palette.

Views read the current sizes from here and restyle themselves when ``changed``
fires, so projector mode is one toggle that keeps every piece of state.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

# Okabe & Ito's colour-blind-safe palette (black omitted: it is the text colour).
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")

# The graph's roles, one colour each, told apart by deuteranopes (contrast on white in brackets;
# text needs 4.5:1; tests/views/test_graph_colours.py checks both):
FORWARD_COLOUR = "#0072B2"    # values, above the wires: Okabe–Ito blue (5.2:1)
BACKWARD_COLOUR = "#B55000"   # gradients, below the wires: Okabe–Ito vermillion #D55E00 (3.9:1, too
                              # light for text) darkened at the same hue and saturation (5.1:1)
CURRENT_COLOUR = "#E69F00"    # the gate and wires of the current step: Okabe–Ito orange (2.3:1), so only
                              # thick lines and the gate's outline, with a pale fill, never text
SELECTION_COLOUR = "#CC79A7"  # what is selected: reddish purple, thick outline (3.1:1)
# (a gate missing an argument is outlined dashed in ink, its badge ⚠ in ink: no colour of its own)
ERROR_COLOUR = "#C0262D"      # a refused formula or value (text and underline, 5.9:1)

# Why a particle stopped, in a colour no optimizer has (the series colours above are light and
# saturated; these are dark, ΔE > 25 from each, for deuteranopes too, and ≥ 4.5:1 on white for text;
# tests/views/test_status_marks.py checks it) and in a shape of its own, on the map and in text.
STATUS_COLOURS = {
    "running": "#1D2330", "converged": "#14591F", "plateau": "#6B4500",
    "saddle": "#7B1F6E", "diverged": "#A3001B", "max_steps": "#444444",
}
STATUS_SYMBOLS = {"running": "", "converged": "✓", "plateau": "▬", "saddle": "◆", "diverged": "✕", "max_steps": "▲"}


@dataclass(frozen=True)
class Sizes:
    font_pt: int        # widgets, axis labels, edge labels, panels
    line_px: float      # descent paths, graph wires
    thin_px: float      # contour lines and axes: drawn under the paths, so thinner, yet ≥ 3 px on a projector
    marker_px: int      # current-point markers
    title_pt: int       # banners and headings
    min_text_px: float  # no text of the graph is drawn smaller on screen (a fit stops zooming out there)


NORMAL = Sizes(font_pt=11, line_px=2.0, thin_px=1.0, marker_px=11, title_pt=14, min_text_px=12.0)
PROJECTOR = Sizes(font_pt=18, line_px=3.5, thin_px=3.0, marker_px=18, title_pt=24, min_text_px=24.0)


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
