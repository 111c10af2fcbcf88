"""The loss after each gradient step, in a small chart beside the graph (``stepLossPlot``).

Shown beside a graph whose output is the loss (a loss preset: room kept from the start, so the graph
is fitted beside it) or once a step was taken: the output before the first step (step 0) and after
each one, so a student sees a neuron learn. A new graph (preset, formula, file, Ctrl+G) empties it.
"""

from __future__ import annotations

import pyqtgraph as pg

from gdgui.controllers.backprop.lesson import LOSS
from gdgui.controllers.shell.theme import BACKWARD_COLOUR, ThemeController
from gdgui.views.widgets.plot_style import BACKGROUND, NumberAxisItem, style_axis

__all__ = ["StepLossPlot"]

CURVE = BACKWARD_COLOUR  # the gradients' colour: the chart is what the gradient steps did


class StepLossPlot(pg.PlotWidget):
    """The graph's output (its name on the y axis, "loss" in a loss preset) against the step."""

    def __init__(self, controller, theme: ThemeController, parent=None):
        axes = {"left": NumberAxisItem("left"), "bottom": NumberAxisItem("bottom")}
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

    def _on_step_losses_changed(self, losses) -> None:
        self.curve.setData(list(range(len(losses))), list(losses))
        self._label_axes()
        # Room beside the graph only for a loss (a program's output has a name too, but no steps to plot yet).
        self.setVisible(bool(losses) or self._controller.output_name() == LOSS)

    def _label_axes(self) -> None:
        """Each axis's line, ticks and title at the theme's sizes; the y axis named as the output."""
        for name, title in (("left", self._controller.output_name()), ("bottom", "step")):
            style_axis(self.getAxis(name), self._theme.sizes, title)

    def _on_theme_changed(self) -> None:
        sizes = self._theme.sizes
        self._label_axes()
        self.curve.setPen(pg.mkPen(CURVE, width=sizes.line_px))
        self.curve.setSymbolBrush(CURVE)
        self.curve.setSymbolPen(pg.mkPen(BACKGROUND, width=1))
