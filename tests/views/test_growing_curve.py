"""GrowingCurves draws, frame after frame, exactly what pyqtgraph's own items draw for the same data.

Each test grows curves point by point in one plot (each frame painted: only the changed part is
drawn again) and draws the same data with PlotDataItems and a PointCloudItem in a twin plot: the
two pictures must match pixel for pixel — after growth, a tail point replaced (decimation), NaN
gaps, values at ±∞ or beyond a log axis, a moved range, a hidden curve.
"""

import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QImage, QPen

from gdgui.views.descent.point_cloud import SHAPES, PointCloudItem
from gdgui.views.widgets.curve_segments import first_change
from gdgui.views.widgets.growing_curve import GrowingCurves
from gdgui.views.widgets.plot_style import pen

COLOURS = ("#0072B2", "#E69F00")


@pytest.fixture
def twins(qtbot):
    """(ours, reference): two plot widgets alike, without axes, at one fixed range."""
    widgets = []
    for _ in range(2):
        widget = pg.PlotWidget(background="#ffffff")
        widget.hideAxis("left")
        widget.hideAxis("bottom")
        widget.getPlotItem().getViewBox().disableAutoRange()
        widget.setRange(xRange=(0, 100), yRange=(-2, 2), padding=0)
        widget.resize(300, 200)
        qtbot.addWidget(widget)
        with qtbot.waitExposed(widget):
            widget.show()
        widgets.append(widget)
    return widgets


def _ours(widget, count=2):
    lines = GrowingCurves()
    widget.addItem(lines)
    return lines, [lines.add_curve(pen(COLOURS[k], 3)) for k in range(count)]


def _reference(widget, data, log=False):
    for k, (x, y) in enumerate(data):
        item = widget.plot(x, y, connect="finite", pen=pen(COLOURS[k], 3))
        item.setLogMode(False, log)


def _pixels(widget) -> np.ndarray:
    """The widget as painted: (height, width, 4) bytes."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, :image.width() * 4].reshape(image.height(), image.width(), 4).copy()


def _grown(widget, curves, data, log=False, step=1):
    """The data shown one frame at a time (painted each time), ending with all of it."""
    for end in range(2, len(data[0][0]) + 1, step):
        for curve, (x, y) in zip(curves, data):
            curve.setData(x[:end], y[:end], log)
        _pixels(widget)
    for curve, (x, y) in zip(curves, data):
        curve.setData(x, y, log)


def _waves(count=100):
    x = np.arange(count, dtype=float)
    return [(x, np.sin(x / 7)), (x, np.cos(x / 5) * 1.5)]


def test_a_curve_grown_frame_by_frame_is_drawn_as_plotdataitem_draws_it(twins):
    ours, reference = twins
    data = _waves()
    _, curves = _ours(ours)
    _grown(ours, curves, data)
    _reference(reference, data)
    drawn = _pixels(ours)
    assert (drawn[..., :3] != 255).any(axis=-1).sum() > 500  # curves are there
    np.testing.assert_array_equal(drawn, _pixels(reference))


def test_a_replaced_last_point_leaves_no_trace_of_the_old_one(twins):
    ours, reference = twins
    x = np.arange(100, dtype=float)
    y = np.sin(x / 9)
    _, curves = _ours(ours, 1)
    for end in range(3, 100):  # every other point, and the latest: as a decimated series grows
        shown = np.append(np.arange(0, end - 1, 2), end - 1)
        curves[0].setData(x[shown], y[shown] + (end % 3) * 0.3)  # the tail jumps about
        _pixels(ours)
    _reference(reference, [(x[shown], y[shown] + (99 % 3) * 0.3)])
    np.testing.assert_array_equal(_pixels(ours), _pixels(reference))


def test_gaps_infinities_and_log_axis_values_are_drawn_as_plotdataitem_draws_them(twins):
    ours, reference = twins
    for widget in twins:
        widget.setRange(xRange=(0, 100), yRange=(-3, 1), padding=0)
    x = np.arange(100, dtype=float)
    y = 10 ** np.sin(x / 8)
    y[[20, 21, 50]] = np.nan
    y[[60, 61]] = (np.inf, 0.0)  # nothing on a log axis
    y[70] = -1.0
    y[90:] = 1e-300  # 300 decades below the view: clipped, not lost
    _, curves = _ours(ours, 1)
    _grown(ours, curves, [(x, y)], log=True, step=3)
    _reference(reference, [(x, y)], log=True)
    np.testing.assert_array_equal(_pixels(ours), _pixels(reference))


def test_a_range_or_visibility_change_draws_everything_again(twins):
    ours, reference = twins
    data = _waves()
    lines, curves = _ours(ours)
    _grown(ours, curves, data, step=7)
    _reference(reference, data)
    for widget in twins:
        widget.setRange(xRange=(30, 70), yRange=(-1, 1.8), padding=0)
    np.testing.assert_array_equal(_pixels(ours), _pixels(reference))
    curves[1].setVisible(False)
    reference.getPlotItem().listDataItems()[1].setVisible(False)
    np.testing.assert_array_equal(_pixels(ours), _pixels(reference))
    assert not curves[1].isVisible() and lines.dataBounds(1) == pytest.approx((-1, 1), abs=0.01)


def test_a_dot_moved_along_a_curve_is_stamped_as_a_point_cloud_stamps_it(twins):
    ours, reference = twins
    data = _waves()
    lines, curves = _ours(ours, 1)
    dot = lines.add_dot()
    marker = PointCloudItem(COLOURS[1], 10, "#ffffff", 1.5)
    dot.set_marker(marker.marker(), COLOURS[1], SHAPES["disc"], 10, QPen(QColor("#ffffff"), 1.5))
    for end in range(2, 60):
        curves[0].setData(data[0][0][:end], data[0][1][:end])
        dot.set_point(end - 1, data[0][1][end - 1])
        _pixels(ours)
    dot.set_point(math.nan, 0.0)  # a value a log axis cannot show: no dot
    assert dot.points.shape == (0, 2)
    dot.set_point(30.0, data[0][1][30])
    assert dot.points.tolist() == [[30.0, data[0][1][30]]] and dot.fill == COLOURS[1]
    _reference(reference, [(data[0][0][:59], data[0][1][:59])])
    reference.addItem(marker)
    marker.set_points([(30.0, data[0][1][30])])
    np.testing.assert_array_equal(_pixels(ours), _pixels(reference))


def test_first_change_finds_where_two_series_part():
    x = np.arange(5.0)
    y = np.array([1.0, np.nan, 3.0, 4.0, 5.0])
    assert first_change(x, y, x, y.copy()) is None  # NaN equals NaN
    assert first_change(x[:3], y[:3], x, y) == 3  # grown
    changed = y.copy()
    changed[4] = 6.0
    assert first_change(x, y, x, changed) == 4
    assert first_change(x, y, x[:2], y[:2]) == 2  # shrunk
    assert first_change(x, y, x + 1, y) == 0
