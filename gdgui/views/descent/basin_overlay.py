"""The basin map over the contour plot: which minimum each start reaches, with progress and cancel."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from gdgui.controllers.descent.analysis import BasinView
from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.minima import NUMERICAL
from gdgui.controllers.shell.theme import ThemeController
from gdgui.core.descent.lr_science import DIVERGED_LABEL, NO_MINIMUM
from gdgui.core.descent.settings import OPTIMIZER_LABELS
from gdgui.core.numbers import in_pi, point_text
from gdgui.views.widgets.progress_row import ProgressRow

__all__ = ["BasinOverlay", "BASIN_COLOURS"]

# Light tints (Paul Tol's "light" scheme), distinct from the optimizers' strong colours
# drawn on top of them.
BASIN_COLOURS = ("#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00")
NO_MINIMUM_COLOUR = "#DDDDDD"
DIVERGED_COLOUR = "#882255"
_BASIN_Z = 2
_ALPHA = 200


def _lookup_table(count: int) -> np.ndarray:
    """Colour of label + 2: diverged (−2), no listed minimum (−1), then one per minimum."""
    colours = [DIVERGED_COLOUR, NO_MINIMUM_COLOUR] + [BASIN_COLOURS[i % len(BASIN_COLOURS)] for i in range(count)]
    table = np.array([pg.mkColor(c).getRgb() for c in colours], dtype=np.ubyte)
    table[:, 3] = _ALPHA
    return table


class BasinOverlay:
    """An image item on the plot plus a panel below it (legend or progress bar + Cancel)."""

    def __init__(self, controller: DescentController, theme: ThemeController, plot: pg.PlotItem,
                 parent: QWidget):
        self._controller = controller
        self.image = pg.ImageItem()
        self.image.setZValue(_BASIN_Z)
        self.image.setVisible(False)
        plot.addItem(self.image)
        self._setup_panel(parent)
        analysis = controller.analysis
        analysis.basins_changed.connect(self._on_basins_changed)
        analysis.basins_progressed.connect(self.progress.set_share)
        analysis.basins_busy_changed.connect(self._on_busy_changed)
        self.progress.cancelled.connect(analysis.cancel_basins)

    def _setup_panel(self, parent: QWidget) -> None:
        self.panel = QWidget(parent)
        row = QHBoxLayout(self.panel)
        row.setContentsMargins(0, 0, 0, 0)
        self.legend = QLabel(self.panel)
        self.legend.setObjectName("basinLegend")
        self.legend.setWordWrap(True)
        self.legend.setToolTip("Each colour is the set of starts that end in one minimum: its basin of attraction.")
        self.progress = ProgressRow("basin map", "basinCancelButton", "Stop computing the basin map.", self.panel)
        row.addWidget(self.legend, 1)
        row.addWidget(self.progress)
        self.panel.setVisible(False)

    def _on_busy_changed(self, busy: bool) -> None:
        self.progress.set_busy(busy)
        self.panel.setVisible(busy or self.image.isVisible())

    def _on_basins_changed(self, view: BasinView | None) -> None:
        shown = view is not None and self._controller.analysis.basins_shown
        self.image.setVisible(shown)
        if shown:
            labels = view.basin_map.labels
            table = _lookup_table(len(view.minima))
            self.image.setImage((labels - DIVERGED_LABEL).T, levels=(0, len(table)), lut=table, autoLevels=False)
            xs, ys = view.basin_map.xs, view.basin_map.ys
            self.image.setRect(QRectF(xs[0], ys[0], xs[-1] - xs[0], ys[-1] - ys[0]))
            self.legend.setText(_legend_html(view))
        self.panel.setVisible(shown or self._controller.analysis.basins_busy)


def _legend_html(view: BasinView) -> str:
    found = ", minima found numerically" if view.minima_source == NUMERICAL else ""
    parts = [f"<b>Basins</b> ({OPTIMIZER_LABELS[view.optimizer]}, γ = {in_pi(view.lr)}, "
             f"≤ {view.steps:,} steps{found}):"]
    for index, minimum in enumerate(view.minima):
        share = view.basin_map.share(index)
        parts.append(_swatch(BASIN_COLOURS[index % len(BASIN_COLOURS)], f"{point_text(minimum.x, minimum.y)} "
                                                                       f"{share:.0%}"))
    for label, colour, words in ((NO_MINIMUM, NO_MINIMUM_COLOUR, "no listed minimum"),
                                 (DIVERGED_LABEL, DIVERGED_COLOUR, "diverged")):
        share = view.basin_map.share(label)
        if share > 0:
            parts.append(_swatch(colour, f"{words} {share:.0%}"))
    return " ".join(parts)


def _swatch(colour: str, text: str) -> str:
    # Non-breaking inside an entry: a wrapped legend breaks between basins, never inside one.
    return f"<span style='color:{colour}; font-size:large'>■</span>&nbsp;{text.replace(' ', '&nbsp;')}&nbsp;&nbsp;"
