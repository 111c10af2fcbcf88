"""A swarm's trails drawn by one TrailLines item: the very pixels five pyqtgraph curves drew."""

import numpy as np
import pyqtgraph as pg
import pytest

from gdgui.views.descent.map_items.trail_lines import TrailLines
from gdgui.views.descent.point_cloud import PointCloudItem
from gdgui.views.widgets.plot_style import INK, pen
from tests.views.helpers import plot_pixels, small_plot

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


@pytest.mark.parametrize("width", [2.0, 3.5])  # the window's and the projector's line width
def test_trail_lines_draw_the_pixels_of_a_curve_per_age(qtbot, width):
    segments, pens = _segments(np.random.default_rng(int(width * 10))), _pens(width)
    plot = small_plot(qtbot)
    blank = plot_pixels(plot)
    curves = []
    for age in range(AGES):  # as the swarm drew them: a curve per age, the newest on top
        curve = pg.PlotCurveItem(connect="pairs")
        curve.setPen(pens[age])
        curve.setZValue(19 - age)
        if len(segments[age]):
            curve.setData(segments[age][:, 0], segments[age][:, 1])
        plot.addItem(curve)
        curves.append(curve)
    by_curves = plot_pixels(plot)
    for curve in curves:
        plot.removeItem(curve)
    lines = TrailLines(AGES)
    lines.set_pens(pens)
    lines.set_segments(segments)
    plot.addItem(lines)
    by_lines = plot_pixels(plot)
    assert np.count_nonzero(by_curves != blank) > 1000  # the trails are there
    assert np.array_equal(by_lines, by_curves)


def test_trail_lines_hand_back_their_segments_and_clear(qtbot):
    plot = small_plot(qtbot)
    lines = TrailLines(AGES)
    plot.addItem(lines)
    blank = plot_pixels(plot)
    segments = _segments(np.random.default_rng(1))[:2]  # a run two steps in: two ages of trail
    lines.set_pens(_pens(2.0))
    lines.set_segments(segments)
    assert [len(lines.segments(age)) for age in range(AGES)] == [120, 120, 0, 0, 0]
    assert not lines.boundingRect().isEmpty()
    lines.set_segments([])
    assert lines.boundingRect().isNull() and all(not len(lines.segments(age)) for age in range(AGES))
    assert np.array_equal(plot_pixels(plot), blank)


def _swarm_trails(rng, count: int, pixel: float) -> list[np.ndarray]:
    """Positions per age (0 now) of ``count`` particles at fractional pixels: most all but still (a
    trail within a pixel or two of where they are), some moving several pixels a step."""
    now = rng.uniform(-4, 4, size=(count, 2))
    spread = np.where(rng.random(count) < 0.75, rng.uniform(0, 2.5, count), rng.uniform(3, 12, count)) * pixel
    trails, here = [now], now
    for _ in range(AGES):
        here = here + rng.normal(size=(count, 2)) * spread[:, None] / AGES
        trails.append(here)
    return trails


@pytest.mark.parametrize("marker_px, width", [(11, 2.0), (18, 3.5)])  # the window's and the projector's sizes
def test_a_trail_its_marker_covers_is_left_unstroked_and_the_pixels_stay_the_same(qtbot, marker_px, width):
    """Given as positions, a particle's trail that lies under its own opaque disc is not stroked; the
    map shows the very pixels every trail stroked gave, at the zoom it was made for and after a zoom in."""
    plot = small_plot(qtbot)
    view = plot.getPlotItem().getViewBox()
    trails = _swarm_trails(np.random.default_rng(marker_px), 400, view.viewPixelSize()[0])
    discs = PointCloudItem()
    discs.set_style(fill="#0072B2", size=marker_px * 0.7, outline_px=1.5)  # as the swarm's running clouds
    discs.set_points(trails[0])
    discs.setZValue(22)
    lines = TrailLines(AGES)
    lines.set_pens(_pens(width))
    lines.setZValue(19)
    for item in (discs, lines):
        plot.addItem(item)
    pairs = [np.ravel(np.column_stack([trails[age + 1], trails[age]])).reshape(-1, 2) for age in range(AGES)]
    for x_range in ((-5, 5), (-1, 1)):  # zoomed in, the trails that were all but still show
        view.setRange(xRange=x_range, yRange=x_range, padding=0)
        lines.set_segments(pairs)
        every = plot_pixels(plot)
        lines.set_trails(trails, discs.opaque_reach())
        stroked = sum(len(lines.stroked(age)) for age in range(AGES))
        assert np.array_equal(plot_pixels(plot), every)
        assert 0 < stroked < sum(len(p) for p in pairs)  # some trails left out, some stroked
    assert [len(lines.segments(age)) for age in range(AGES)] == [len(p) for p in pairs]  # all of them kept
