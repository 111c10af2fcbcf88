"""One look for every plot: white background, dark axes, theme-sized fonts and lines."""

from __future__ import annotations

import math
from contextlib import contextmanager

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QGraphicsItem

from gdgui.controllers.shell.theme import Sizes
from gdgui.core.numbers import tick

__all__ = ["INK", "new_plot_widget", "new_colour_bar", "style_axes", "style_axis", "set_title", "pen", "theme_font",
           "NumberAxisItem", "DecadeAxisItem", "legends_scaled"]

INK = "#1d2330"          # axis lines, tick labels, axis titles
BACKGROUND = "#ffffff"
_MAX_LABELS = 6  # tick labels on a log axis


class NumberAxisItem(pg.AxisItem):
    """An axis whose every tick label is the value at its tick, written by ``core.numbers.tick``.

    pyqtgraph 0.14 scales tick labels by an SI prefix (×1000 for f in [−1, 0], ×10⁶ for a range
    of 1e-6) and, once ``enableAutoSIPrefix(False)`` hides the "(x0.001)" that said so, keeps the
    scale: Easom's colour bar read 0 … −900. Here no range ever gets a prefix, so the scale is 1.
    """

    def getSIPrefixEnableRanges(self):  # noqa: N802 — pyqtgraph override
        return ()

    def tickStrings(self, values, scale, spacing):  # noqa: N802 — pyqtgraph override
        if self.logMode:
            return self.logTickStrings(values, scale, spacing)
        return [tick(value * scale, spacing * scale) for value in values]


class DecadeAxisItem(NumberAxisItem):
    """A log axis labelled at a few powers of ten (or at 1, 2 and 5 within a short range).

    pyqtgraph labels every minor tick of a short log range (2·10¹, 3·10¹, …) and every decade
    of a long one; both crowd the axis.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setStyle(maxTextLevel=0)  # labels on the first level only; the others are bare ticks

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802,N803 — pyqtgraph override
        low, high = math.floor(minVal), math.ceil(maxVal)
        decades = [float(v) for v in range(low, high + 1) if minVal <= v <= maxVal]
        if len(decades) >= 2:
            stride = max(1, math.ceil(len(decades) / _MAX_LABELS))
            return [(float(stride), [d for d in decades if d % stride == 0]), (1.0, decades)]
        steps = [v + math.log10(m) for v in range(low, high) for m in (1, 2, 5)]
        return [(None, [v for v in steps if minVal <= v <= maxVal])]


def new_plot_widget(object_name: str, log_y_axis: bool = False,
                    widget_type: type[pg.PlotWidget] = pg.PlotWidget) -> pg.PlotWidget:
    """A white plot widget (``widget_type``, a ``pg.PlotWidget``) without pyqtgraph's context menu and
    "A" button, its axes ``NumberAxisItem``s."""
    axes = {"left": (DecadeAxisItem if log_y_axis else NumberAxisItem)("left"), "bottom": NumberAxisItem("bottom")}
    widget = widget_type(background=BACKGROUND, axisItems=axes)
    widget.setObjectName(object_name)
    widget.getPlotItem().setMenuEnabled(False)
    widget.getPlotItem().hideButtons()
    for axis in axes.values():  # redrawn when their range or text changes; else one blit when a curve repaints past them
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return widget


def new_colour_bar(colour_map: pg.ColorMap, width: int) -> pg.ColorBarItem:
    """pyqtgraph's colour bar (not interactive), its scale a ``NumberAxisItem``."""
    bar = pg.ColorBarItem(values=(0, 1), colorMap=colour_map, interactive=False, width=width)
    axis = NumberAxisItem("right")
    bar.setAxisItems({"right": axis})  # ColorBarItem takes no axis of ours: swap in its right axis,
    axis.unlinkFromView()              # and set it up as ColorBarItem.__init__ sets up its own
    axis.setRange(*bar.values)
    bar.axis = axis
    return bar


def theme_font(sizes: Sizes, extra_pt: int = 0) -> QFont:
    """The theme's font for text inside plots (axis ticks, labels of markers and lines)."""
    font = QFont()
    font.setPointSize(sizes.font_pt + extra_pt)
    return font


def style_axes(plot: pg.PlotItem, sizes: Sizes, labels: dict[str, str]) -> None:
    """Fonts of ticks and titles at the theme's size; ``labels`` maps axis name → title."""
    for name, title in labels.items():
        axis = plot.getAxis(name)
        style_axis(axis, sizes, title)
        axis.setStyle(tickTextOffset=max(4, sizes.font_pt // 2))
    _room_above_the_top_label(plot, sizes)


def _room_above_the_top_label(plot: pg.PlotItem, sizes: Sizes) -> None:
    """A vertical axis centres each label on its tick, so the top label stands half above the plot;
    without that room at the plot's top the widget's edge cut it (Easom's colour bar read a half "0")."""
    left, _, right, bottom = plot.layout.getContentsMargins()
    plot.layout.setContentsMargins(left, QFontMetrics(theme_font(sizes)).height() / 2 + 1, right, bottom)


def style_axis(axis: pg.AxisItem, sizes: Sizes, title: str) -> None:
    """One axis (a plot's, or a colour bar's): line, tick font and title at the theme's sizes."""
    axis.setPen(pg.mkPen(INK, width=sizes.thin_px))
    axis.setTextPen(pg.mkPen(INK))  # or pyqtgraph's grey #969696: 2.9 : 1 on white, too faint to read
    axis.setStyle(tickFont=theme_font(sizes))
    if axis.orientation in ("left", "right"):  # before the title: setting it makes room for its box
        axis.label.document().setDocumentMargin(_title_margin(sizes))
    set_title(axis, title, sizes)


def set_title(axis: pg.AxisItem, title: str, sizes: Sizes) -> None:
    """An axis's title, at the theme's size, centred along the axis for its length: pyqtgraph places a
    title only as its axis is resized, so a longer one ("median ‖∇f‖" for "‖∇f‖", the axis's width fixed)
    stood off-centre and past the axis's end."""
    axis.setLabel(title, **{"font-size": f"{sizes.font_pt}pt", "color": INK})
    axis.resizeEvent()


def _title_margin(sizes: Sizes) -> float:
    """The margin around a vertical axis's title that leaves a quarter of a line between it and the widest
    tick label. pyqtgraph makes room beside the tick labels for 0.8 of the title's box (margins included)
    and sets the box 5 px past the axis's edge: with Qt's 4-px margin the title's glyphs stood ~1.5 px
    from the tick labels, and on a projector Easom's colour bar read "−0.4f(x, y)". The gap is
    5 + 0.6 · margin − 0.2 · line; each pixel of margin widens the axis by 1.6 px."""
    line = QFontMetrics(theme_font(sizes)).height()
    return max(4.0, (line / 4 + 0.2 * line - 5) / 0.6)


def pen(colour: str, width: float, alpha: int = 255, style=None) -> pg.QtGui.QPen:
    """A cosmetic pen (width in screen pixels, whatever the zoom)."""
    qcolour = QColor(colour)
    qcolour.setAlpha(alpha)
    result = pg.mkPen(qcolour, width=width)
    if style is not None:
        result.setStyle(style)
    result.setCosmetic(True)
    return result


@contextmanager
def legends_scaled(item: pg.PlotItem):
    """While exported, the plot's legends scale with the picture: on screen they ignore the view's
    transformations, so a picture at twice the plot's size drew them at half the size."""
    legends = [child for child in item.vb.childItems() if isinstance(child, pg.LegendItem)]
    for legend in legends:
        legend.setFlag(legend.GraphicsItemFlag.ItemIgnoresTransformations, False)
    try:
        yield
    finally:
        for legend in legends:
            legend.setFlag(legend.GraphicsItemFlag.ItemIgnoresTransformations, True)
