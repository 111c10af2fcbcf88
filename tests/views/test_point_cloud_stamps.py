"""A point cloud's stamps: without the marker's transparent margins, the very pixels of the whole marker."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, QRectF

from gdgui.views.descent.point_cloud import PointCloudItem
from tests.views.helpers import plot_pixels, small_plot


class _WholeStamps(pg.GraphicsObject):
    """The reference: a marker's whole pixmap drawn at each point, one ``drawPixmap`` each."""

    def __init__(self, points, marker):
        super().__init__()
        self._points, self._marker = points, marker

    def boundingRect(self):  # noqa: N802 — Qt's name
        return QRectF(-6, -6, 12, 12)

    def paint(self, painter, *args):
        transform, side = painter.transform(), self._marker.width()
        painter.save()
        painter.resetTransform()
        for x, y in self._points:
            centre = transform.map(QPointF(x, y))
            painter.drawPixmap(QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side), self._marker,
                               QRectF(self._marker.rect()))
        painter.restore()


@pytest.mark.parametrize("size, outline_px", [(7.7, 1.5), (12.6, 1.5), (9, 0)])
def test_a_marker_stamped_without_its_transparent_margins_puts_the_very_pixels_of_the_whole(qtbot, size, outline_px):
    points = np.random.default_rng(5).uniform(-4.5, 4.5, size=(60, 2))  # at fractional pixels
    plot = small_plot(qtbot, "#3b8a5a")
    cloud = PointCloudItem()
    cloud.set_style(fill="#0072B2", size=size, outline_px=outline_px)
    cloud.set_points(points)
    plot.addItem(cloud)
    stamped = plot_pixels(plot)
    plot.removeItem(cloud)
    plot.addItem(_WholeStamps(points, cloud.marker()))
    assert np.array_equal(plot_pixels(plot), stamped)


def test_the_bounds_reach_a_marker_past_the_points_at_every_zoom(qtbot):
    """The bounds (kept between paints) grow the points' box by a marker's side in data units: measured
    again after a zoom, where a pixel is another length, and after new points."""
    plot = small_plot(qtbot)
    view = plot.getPlotItem().getViewBox()
    cloud = PointCloudItem(size=10)
    plot.addItem(cloud)
    cloud.set_points(np.array([[-1.0, -2.0], [3.0, 1.0]]))
    for x_range, y_range in (((-5, 5), (-5, 5)), ((-1, 1), (-3, 3)), ((-20, 20), (-5, 5))):
        view.setRange(xRange=x_range, yRange=y_range, padding=0)
        qtbot.wait(1)
        side = cloud.marker().width()  # pixels
        pixel_x = (x_range[1] - x_range[0]) / view.width()  # a pixel in data units
        pixel_y = (y_range[1] - y_range[0]) / view.height()
        bounds = cloud.boundingRect()
        assert bounds.left() == pytest.approx(-1.0 - side * pixel_x)
        assert bounds.right() == pytest.approx(3.0 + side * pixel_x)
        assert bounds.top() == pytest.approx(-2.0 - side * pixel_y)
        assert bounds.bottom() == pytest.approx(1.0 + side * pixel_y)
    cloud.set_points(np.array([[0.0, 0.0]]))
    assert cloud.boundingRect().center().x() == pytest.approx(0.0)
    assert cloud.boundingRect().width() == pytest.approx(2 * cloud.marker().width() * 40 / view.width())
