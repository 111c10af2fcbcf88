"""Wheel zoom on the Descent map draws f afresh for what is on show: the image covers the visible part
of the domain, its colours are f there (checked against Himmelblau written out by hand), and contour
lines fill a patch that was one flat colour. Reset zoom, or a new function, gives the whole domain."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

# Around Himmelblau's minimum (3, 2): one flat colour of the whole domain's map.
AREA = (2.8, 3.2, 1.8, 2.2)


def himmelblau(x, y):
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


@pytest.fixture
def view(gui):
    gui.descent.set_function("himmelblau")
    gui.descent.set_log_colours(False)  # the colours are f itself, so they can be checked by hand
    contour = gui.window.tabs.widget(0).contour_view
    contour.aspect_button.setChecked(False)  # equal axes (on for a square domain) would widen the ranges set here
    yield contour
    gui.descent.set_function("quadratic")
    contour.aspect_button.setChecked(True)  # the same square domain as Himmelblau's: put back by hand


def _image_rect(view) -> tuple[float, float, float, float]:
    rect = view.image.mapRectToView(view.image.boundingRect())
    return rect.left(), rect.right(), rect.top(), rect.bottom()


def _drawn_in(view, area) -> tuple[float, int]:
    """What the map shows inside ``area``: the share of the colour bar its pixels span, and how many
    contour-line vertices lie there."""
    image, (low, high) = view.image.image, view.image.levels  # image[i, j]: column x_i, row y_j
    x0, x1, y0, y1 = _image_rect(view)
    xs, ys = np.linspace(x0, x1, image.shape[0]), np.linspace(y0, y1, image.shape[1])
    inside = image[np.ix_((xs >= area[0]) & (xs <= area[1]), (ys >= area[2]) & (ys <= area[3]))]
    lines = np.column_stack(view.contours.getData())
    within = ((lines[:, 0] >= area[0]) & (lines[:, 0] <= area[1]) & (lines[:, 1] >= area[2]) & (lines[:, 1] <= area[3]))
    return float((np.nanmax(inside) - np.nanmin(inside)) / (high - low)), int(within.sum())


def _wait_for_area(qtbot, gui, area):
    zoom = gui.descent.zoom
    qtbot.waitUntil(lambda: zoom.area is not None and np.allclose(zoom.area, area, atol=1e-9), timeout=5000)


def test_a_zoomed_in_minimum_is_drawn_afresh_with_detail(qtbot, gui, view):
    colour_share, vertices = _drawn_in(view, AREA)
    assert colour_share < 0.05  # the whole domain's map: the valley floor is one colour
    view.view_box.setRange(xRange=AREA[:2], yRange=AREA[2:], padding=0)
    visible = (*view.view_box.viewRange()[0], *view.view_box.viewRange()[1])
    _wait_for_area(qtbot, gui, visible)
    assert np.allclose(_image_rect(view), visible)
    zoomed_share, zoomed_vertices = _drawn_in(view, AREA)
    assert zoomed_share == pytest.approx(1.0)  # the colour bar spans just what is on show
    assert zoomed_vertices > 10 * max(vertices, 10)
    assert view.colour_bar.levels() == pytest.approx(view.image.levels)
    # Each pixel is f where it stands (the grid of the visible range, by hand): not the old patch enlarged.
    image = view.image.image
    xs, ys = np.linspace(*visible[:2], image.shape[0]), np.linspace(*visible[2:], image.shape[1])
    for i, j in ((0, 0), (137, 251), (image.shape[0] - 1, image.shape[1] - 1)):
        assert image[i, j] == pytest.approx(himmelblau(xs[i], ys[j]), rel=1e-9, abs=1e-12)
    assert gui.descent.settings.domain is None  # the run's domain is not what the view shows
    view.home_button.click()
    qtbot.waitUntil(lambda: gui.descent.zoom.area is None, timeout=5000)
    assert np.allclose(_image_rect(view), gui.descent.map_data.domain)


def test_the_wheel_zooms_and_the_map_follows(qtbot, gui, view):
    plot = view.plot_widget
    centre = plot.viewport().rect().center()
    before = view.view_box.viewRange()
    for _ in range(4):
        event = QWheelEvent(QPointF(centre), QPointF(plot.viewport().mapToGlobal(centre)), QPoint(0, 0),
                            QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(plot.viewport(), event)
    (x0, x1), (y0, y1) = view.view_box.viewRange()
    assert x1 - x0 < (before[0][1] - before[0][0]) / 2  # zoomed in
    _wait_for_area(qtbot, gui, (x0, x1, y0, y1))
    assert np.allclose(_image_rect(view), (x0, x1, y0, y1))


def test_a_view_over_the_domain_edge_draws_only_the_domain(qtbot, gui, view):
    dx0, dx1, dy0, dy1 = gui.descent.map_data.domain
    view.view_box.setRange(xRange=(dx1 - 1, dx1 + 1), yRange=(dy0 - 1, dy0 + 1), padding=0)
    (x0, x1), (y0, y1) = view.view_box.viewRange()
    _wait_for_area(qtbot, gui, (x0, dx1, dy0, y1))
    assert np.allclose(_image_rect(view), (x0, dx1, dy0, y1))


def test_a_new_function_while_zoomed_draws_its_whole_domain(qtbot, gui, view):
    view.view_box.setRange(xRange=AREA[:2], yRange=AREA[2:], padding=0)
    qtbot.waitUntil(lambda: gui.descent.zoom.area is not None, timeout=5000)
    gui.descent.set_function("rosenbrock")
    domain = gui.descent.map_data.domain
    assert gui.descent.zoom.area is None and np.allclose(_image_rect(view), domain)
    qtbot.waitUntil(lambda: not gui.descent.zoom.busy, timeout=5000)  # the reset range has settled
    assert gui.descent.zoom.area is None and np.allclose(_image_rect(view), domain)


def test_log_colours_while_zoomed_keep_the_zoom_and_colour_it_afresh(qtbot, gui, view):
    view.view_box.setRange(xRange=AREA[:2], yRange=AREA[2:], padding=0)
    visible = (*view.view_box.viewRange()[0], *view.view_box.viewRange()[1])
    _wait_for_area(qtbot, gui, visible)
    view.log_button.click()
    assert gui.descent.map_data.log and np.allclose((*view.view_box.viewRange()[0], *view.view_box.viewRange()[1]),
                                                    visible)
    _wait_for_area(qtbot, gui, visible)
    image = view.image.image
    xs, ys = np.linspace(*visible[:2], image.shape[0]), np.linspace(*visible[2:], image.shape[1])
    f = himmelblau(*np.meshgrid(xs, ys, indexing="ij"))
    # log₁₀(f − f_min + offset): the colours order the pixels as f does, over a span of decades.
    by_f = image.ravel()[np.argsort(f, axis=None)]
    assert np.all(np.diff(by_f) >= -1e-9)
    assert view.image.levels[1] - view.image.levels[0] > 2


def test_a_path_is_drawn_a_point_a_pixel_and_again_at_a_new_zoom(gui, view):
    gui.descent.apply_state({"optimizers": ["gd"], "lr": 0.01, "start": [0, 0], "tol": 0, "max_steps": 100_000})
    gui.descent.step(400)  # GD reaches (3, 2) in a few dozen steps: the rest are sub-pixel steps
    path, drawn = gui.descent.frame.paths[0].xy, view.race.paths["gd"]

    def check_drawn() -> int:
        vertices = np.column_stack([drawn.xData, drawn.yData])
        assert vertices[0].tolist() == path[0].tolist() and vertices[-1].tolist() == path[-1].tolist()
        pixel = np.array(view.view_box.viewPixelSize())
        gaps = np.hypot(*((path[:, None, :] - vertices[None, :, :]) / pixel).transpose(2, 0, 1)).min(axis=1)
        assert gaps.max() < 1.0  # every point of the run within a pixel of a point drawn
        return len(vertices)

    whole = check_drawn()
    assert whole < len(path) / 4
    view.view_box.setRange(xRange=(2.9, 3.1), yRange=(1.9, 2.1), padding=0)
    assert check_drawn() > whole  # fifty times closer: the steps near the minimum are pixels apart
    view.reset_zoom()
