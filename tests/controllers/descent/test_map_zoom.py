"""MapZoom (controllers/descent/zoom.py): the visible part of the domain, sampled again on the worker."""

import numpy as np
import pytest
from PySide6.QtCore import QThreadPool

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.descent.zoom import visible_area
from gdgui.core.descent.field import GRID_POINTS

DOMAIN = (-5.0, 5.0, -4.0, 4.0)


@pytest.mark.parametrize("view, area", [
    ((-1.0, 1.0, 0.5, 2.0), (-1.0, 1.0, 0.5, 2.0)),      # inside: the view itself
    ((4.0, 7.0, -6.0, -3.0), (4.0, 5.0, -4.0, -3.0)),     # over a corner: the domain's part of it
    ((-9.0, 9.0, -9.0, 9.0), DOMAIN),                     # zoomed out: the domain, no more
    ((6.0, 7.0, 0.0, 1.0), None),                         # off the domain: nothing
])
def test_the_visible_area_is_the_domain_inside_the_view(view, area):
    assert visible_area(view, DOMAIN) == area


@pytest.fixture
def controller(qtbot):
    descent = DescentController()
    descent.set_function("rosenbrock")
    descent.set_log_colours(False)
    yield descent
    QThreadPool.globalInstance().waitForDone(10_000)


def test_a_settled_range_is_sampled_at_full_resolution(qtbot, controller):
    with qtbot.waitSignal(controller.zoom.drawn, timeout=5000) as drawn:
        controller.zoom.show_range(0.9, 1.1, 0.9, 1.1)
    data = drawn.args[0]
    assert data.domain == (0.9, 1.1, 0.9, 1.1) and data.colour.shape == (GRID_POINTS, GRID_POINTS)
    x, y = data.field.xs[17], data.field.ys[301]
    assert data.colour[301, 17] == pytest.approx((1 - x) ** 2 + 100 * (y - x * x) ** 2)
    assert controller.settings.domain is None and controller.map_data.domain != data.domain


def test_ranges_in_a_burst_give_one_map_of_the_last(qtbot, controller):
    maps = []
    controller.zoom.drawn.connect(maps.append)
    for half in (1.0, 0.5, 0.25):
        controller.zoom.show_range(1 - half, 1 + half, 1 - half, 1 + half)
    qtbot.waitUntil(lambda: bool(maps) and not controller.zoom.busy, timeout=5000)
    assert [m.domain for m in maps] == [(0.75, 1.25, 0.75, 1.25)]


def test_back_to_the_whole_domain_is_the_controllers_map(qtbot, controller):
    with qtbot.waitSignal(controller.zoom.drawn, timeout=5000):
        controller.zoom.show_range(0.9, 1.1, 0.9, 1.1)
    with qtbot.waitSignal(controller.zoom.drawn, timeout=5000) as drawn:
        controller.zoom.show_range(*np.add(controller.map_data.domain, (-1, 1, -1, 1)))
    assert drawn.args[0] is controller.map_data and controller.zoom.area is None
