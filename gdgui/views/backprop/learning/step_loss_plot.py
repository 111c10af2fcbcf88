"""The loss after each gradient step, in a small chart beside the graph (``stepLossPlot``).

Shown beside a graph whose output is the loss (a loss preset: room kept from the start, so the graph
is fitted beside it) or once a step was taken: the output before the first step (step 0) and after
each one, so a student sees a neuron learn. A new graph (preset, formula, file, Ctrl+G) empties it.
"""

from __future__ import annotations

import itertools
import math

import pyqtgraph as pg
from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics

from gdgui.controllers.backprop.lesson import LOSS
from gdgui.controllers.shell.theme import BACKWARD_COLOUR, ThemeController
from gdgui.views.widgets.plot_style import BACKGROUND, NumberAxisItem, style_axis, theme_font

__all__ = ["StepLossPlot"]

CURVE = BACKWARD_COLOUR  # the gradients' colour: the chart is what the gradient steps did
EMPTY_STEPS = 10  # the steps an empty chart spans (its x axis fits the steps taken once there are more)
WIDTH_EM = 13  # a narrow strip: ticks, the axis titles and a dozen steps read, the graph keeps its room


class StepAxisItem(NumberAxisItem):
    """Whole steps, every 1, 2, 5, 10, … so that no two labels touch: pyqtgraph ticked an empty,
    13-letter-wide chart at 0.2, 0.4, … and wrote them into one another ("0.20.40.6")."""

    def tickValues(self, minVal, maxVal, size):  # noqa: N802,N803 — pyqtgraph override
        widest = QFontMetrics(self.style["tickFont"] or self.font()).horizontalAdvance(f"{max(maxVal, 10):.0f}  ")
        stride = next(s for s in _strides() if (maxVal - minVal) / s * widest <= max(size, 1) or s > 1e9)
        first = math.ceil(max(minVal, 0) / stride) * stride
        return [(stride, [float(v) for v in range(int(first), int(maxVal) + 1, int(stride))])]


def _strides():
    """1, 2, 5, 10, 20, 50, …"""
    for decade in itertools.count():
        yield from (m * 10 ** decade for m in (1, 2, 5))


class StepLossPlot(pg.PlotWidget):
    """The graph's output (its name on the y axis, "loss" in a loss preset) against the step."""

    def __init__(self, controller, theme: ThemeController, parent=None):
        axes = {"left": NumberAxisItem("left"), "bottom": StepAxisItem("bottom")}
        super().__init__(parent, background=BACKGROUND, axisItems=axes)
        self.setObjectName("stepLossPlot")
        self.setToolTip("The output after each gradient step (step 0: before the first one).")
        self.getPlotItem().setMenuEnabled(False)
        self.getPlotItem().hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self.curve = self.plot(symbol="o")
        self._controller, self._theme = controller, theme
        controller.step_losses_changed.connect(self._on_step_losses_changed)
        controller.document_replaced.connect(lambda: self._on_step_losses_changed(controller.step_losses))
        theme.changed.connect(self._on_theme_changed)
        self._on_theme_changed()
        self._on_step_losses_changed(controller.step_losses)

    def sizeHint(self) -> QSize:
        """As wide as WIDTH_EM letters of the theme's font, not pyqtgraph's 640 px (half a projector)."""
        em = QFontMetrics(theme_font(self._theme.sizes)).horizontalAdvance("M")
        return QSize(WIDTH_EM * em, super().sizeHint().height())

    def _on_step_losses_changed(self, losses) -> None:
        self.curve.setData(list(range(len(losses))), list(losses))
        self.setXRange(0, max(len(losses) - 1, EMPTY_STEPS))  # an empty chart shows steps, not 0 … 1
        self._label_axes()
        # Room beside the graph only for a loss (a program's output has a name too, but no steps to plot yet).
        self.setVisible(bool(losses) or self._controller.output_name() == LOSS)

    def _label_axes(self) -> None:
        """Each axis's line, ticks and title at the theme's sizes; the y axis named as the output."""
        for name, title in (("left", self._controller.output_name()), ("bottom", "step")):
            style_axis(self.getAxis(name), self._theme.sizes, title)

    def _on_theme_changed(self) -> None:
        sizes = self._theme.sizes
        self.updateGeometry()  # the hint follows the font
        half_line = QFontMetrics(theme_font(sizes)).height() // 2  # the top tick's label is centred on the top edge
        self.getPlotItem().layout.setContentsMargins(0, half_line, half_line, 0)
        # The first and last steps' labels may reach half a label past the axis's ends, into that margin.
        self.getAxis("bottom").setStyle(hideOverlappingLabels=half_line * 2)
        self._label_axes()
        self.curve.setPen(pg.mkPen(CURVE, width=sizes.line_px))
        self.curve.setSymbolBrush(CURVE)
        self.curve.setSymbolPen(pg.mkPen(BACKGROUND, width=1))
