"""A swarm's trails drawn by one TrailLines item: the very pixels five pyqtgraph curves drew."""

import numpy as np
import pyqtgraph as pg
import pytest

from gdgui.views.descent.map_items.trail_lines import TrailLines
from gdgui.views.widgets.plot_style import INK, pen

AGES = 5


def _segments(rng) -> list[np.ndarray]:
    """Per age, point pairs: crossing ones, short ones, one pair with a NaN, and an empty age."""
    ages = []
    for age in range(AGES):
        starts = rng.uniform(-4, 4, size=(60, 2))
        pairs = np.empty((120, 2))
        pairs[0::2], pairs[1::2] = starts, starts + rng.normal(scale=0.8 if age % 2 else 0.05, size=(60, 2))
        ages.append(pairs)
    ages[1][7] = (np.nan, 1.0)
    ages[3] = np.empty((0, 2))
    return ages


def _pens(width: float) -> list:
    return [pen(INK, width, alpha=int(200 * (1 - age / AGES))) for age in range(AGES)]


def _plot(qtbot) -> pg.PlotWidget:
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(420, 320)
    plot.setBackground("w")
    plot.getPlotItem().getViewBox().setRange(xRange=(-5, 5), yRange=(-5, 5), padding=0)
    plot.show()
    qtbot.waitExposed(plot)
    return plot


def _pixels(plot: pg.PlotWidget) -> np.ndarray:
    image = plot.grab().toImage()
    bits = image.constBits()
    return np.frombuffer(bits, dtype=np.uint8, count=image.sizeInBytes()).copy()


@pytest.mark.parametrize("width", [2.0, 3.5])  # the window's and the projector's line width
def test_trail_lines_draw_the_pixels_of_a_curve_per_age(qtbot, width):
    segments, pens = _segments(np.random.default_rng(int(width * 10))), _pens(width)
    plot = _plot(qtbot)
    blank = _pixels(plot)
    curves = []
    for age in range(AGES):  # as the swarm drew them: a curve per age, the newest on top
        curve = pg.PlotCurveItem(connect="pairs")
        curve.setPen(pens[age])
        curve.setZValue(19 - age)
        if len(segments[age]):
            curve.setData(segments[age][:, 0], segments[age][:, 1])
        plot.addItem(curve)
        curves.append(curve)
    by_curves = _pixels(plot)
    for curve in curves:
        plot.removeItem(curve)
    lines = TrailLines(AGES)
    lines.set_pens(pens)
    lines.set_segments(segments)
    plot.addItem(lines)
    by_lines = _pixels(plot)
    assert np.count_nonzero(by_curves != blank) > 1000  # the trails are there
    assert np.array_equal(by_lines, by_curves)


def test_trail_lines_hand_back_their_segments_and_clear(qtbot):
    plot = _plot(qtbot)
    lines = TrailLines(AGES)
    plot.addItem(lines)
    blank = _pixels(plot)
    segments = _segments(np.random.default_rng(1))[:2]  # a run two steps in: two ages of trail
    lines.set_pens(_pens(2.0))
    lines.set_segments(segments)
    assert [len(lines.segments(age)) for age in range(AGES)] == [120, 120, 0, 0, 0]
    assert not lines.boundingRect().isEmpty()
    lines.set_segments([])
    assert lines.boundingRect().isNull() and all(not len(lines.segments(age)) for age in range(AGES))
    assert np.array_equal(_pixels(plot), blank)
