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
