"""The basin map over the contour plot: which minimum each start reaches, with progress and cancel."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QRectF, QSize
from PySide6.QtGui import QFont, QFontMetrics
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
_LEGEND_TIP = "Each colour is the set of starts that end in one minimum: its basin of attraction."


def _lookup_table(count: int) -> np.ndarray:
    """Colour of label + 2: diverged (−2), no listed minimum (−1), then one per minimum."""
    colours = [DIVERGED_COLOUR, NO_MINIMUM_COLOUR] + [BASIN_COLOURS[i % len(BASIN_COLOURS)] for i in range(count)]
    table = np.array([pg.mkColor(c).getRgb() for c in colours], dtype=np.ubyte)
    table[:, 3] = _ALPHA
    return table


class BasinOverlay(QObject):
    """An image item on the plot plus a panel below it (legend or progress bar + Cancel).

    A QObject child of the map, so its slots leave the controller's signals with it: a basin map
    finishing on the worker after the window has gone finds no deleted item."""

    def __init__(self, controller: DescentController, theme: ThemeController, plot: pg.PlotItem,
                 parent: QWidget):
        super().__init__(parent)
        self._controller = controller
        self._view: BasinView | None = None
        self._compact = False  # in a column beside the map: a basin a line, the heading's details in the tooltip
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
        self.legend.setToolTip(_LEGEND_TIP)
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
        self._view = view if shown else None
        self._write_legend()
        self.panel.setVisible(shown or self._controller.analysis.basins_busy)

    def set_compact(self, compact: bool) -> None:
        """A basin a line under the map's toolbar in a column, or the legend in rows under the map."""
        if compact != self._compact:
            self._compact = compact
            self._write_legend()

    def column_size(self) -> QSize:
        """The panel's size in a column: the legend a basin a line (or the progress row while busy)."""
        if self.panel.isHidden():
            return QSize(0, 0)
        if self._view is None:
            return self.panel.sizeHint()
        bold, plain = QFont(self.legend.font()), QFontMetrics(self.legend.font())
        bold.setBold(True)
        swatch = 2 * plain.height()  # "■ " a size up
        widths = [QFontMetrics(bold).horizontalAdvance("Basins")]
        widths += [swatch + plain.horizontalAdvance(text) for _, text in _entries(self._view)]
        return QSize(max(widths), len(widths) * round(plain.lineSpacing() * 1.25))

    def _write_legend(self) -> None:
        self.legend.setVisible(self._view is not None)  # no stale legend beside the progress of a new map
        if self._view is not None:
            self.legend.setText(_legend_html(self._view, self._compact))
            heading = _heading(self._view)
            self.legend.setToolTip(f"{heading}<br>{_LEGEND_TIP}" if self._compact else _LEGEND_TIP)


def _heading(view: BasinView) -> str:
    found = ", minima found numerically" if view.minima_source == NUMERICAL else ""
    return f"<b>Basins</b> ({OPTIMIZER_LABELS[view.optimizer]}, γ = {in_pi(view.lr)}, ≤ {view.steps:,} steps{found}):"


def _legend_html(view: BasinView, compact: bool = False) -> str:
    parts = ["<b>Basins</b>" if compact else _heading(view)]
    parts += [_swatch(colour, text) for colour, text in _entries(view)]
    return ("<br>" if compact else " ").join(parts)


def _entries(view: BasinView) -> list[tuple[str, str]]:
    """(colour, words) of each basin in the legend, and of the starts that reached none."""
    entries = [(BASIN_COLOURS[index % len(BASIN_COLOURS)], f"{point_text(minimum.x, minimum.y)} "
                f"{view.basin_map.share(index):.0%}") for index, minimum in enumerate(view.minima)]
    for label, colour, words in ((NO_MINIMUM, NO_MINIMUM_COLOUR, "no listed minimum"),
                                 (DIVERGED_LABEL, DIVERGED_COLOUR, "diverged")):
        share = view.basin_map.share(label)
        if share > 0:
            entries.append((colour, f"{words} {share:.0%}"))
    return entries


def _swatch(colour: str, text: str) -> str:
    # Non-breaking inside an entry: a wrapped legend breaks between basins, never inside one.
    return f"<span style='color:{colour}; font-size:large'>■</span>&nbsp;{text.replace(' ', '&nbsp;')}&nbsp;&nbsp;"
