"""The map repaints only around what moved (a race path's new end, its marker's old and new spot),
and what is on the screen afterwards is what a full redraw draws: nothing stale is left behind, also
after a zoom. Read as the user sees it: the window's pixels, grabbed from the screen, against a fresh
rendering of the map."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QObject, QPointF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.shell.theme import ThemeController
from gdgui.views.descent.map_items.growing_line import GrowingLine, shared_rows
from gdgui.views.descent.map_items.rooms import bounds
from gdgui.views.descent.tab import DescentTab

RACE = {"function": "himmelblau", "optimizers": ["gd", "momentum", "adam", "rmsprop"], "lr": 0.01,
        "start": [0, 0], "particles": 1, "tol": 0, "max_steps": 100_000}
# Where a path crosses itself, Qt's antialiasing of the crossing can round a pixel or two either way
# with the clip a paint is given (up to 7 seen in a whole-suite run); a marker or a path's end left
# behind is tens of pixels, and no partial repaint at all leaves ~10,000.
ROUNDED_PX = 12


@pytest.fixture(scope="module")
def race(qapp):
    controller = DescentController()
    tab = DescentTab(controller, ThemeController())
    tab.resize(1600, 1000)
    tab.show()
    _settle()
    controller.apply_state(RACE)
    controller.reset()
    _settle()
    yield tab, controller
    tab.close()


def _settle():
    for _ in range(5):
        QApplication.processEvents()


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, :4 * image.width()].reshape(image.height(), image.width(), 4).copy()


def _stale_pixels(tab, widget=None) -> int:
    """Pixels of the map (or ``widget``) on the screen that differ from it drawn afresh."""
    viewport = widget if widget is not None else tab.contour_view.plot_widget.viewport()
    corner = viewport.mapToGlobal(viewport.rect().topLeft())
    shown = QApplication.primaryScreen().grabWindow(0, corner.x(), corner.y(), viewport.width(), viewport.height())
    return int((_pixels(shown.toImage()) != _pixels(viewport.grab().toImage())).any(axis=2).sum())


def _play(controller, frames: int, steps: int):
    for _ in range(frames):
        controller.step(steps)
        _settle()


@pytest.mark.parametrize("markers", [True, False])  # without them, the paths' own repaints alone
def test_a_race_played_frame_by_frame_leaves_nothing_stale_on_the_map(race, markers):
    tab, controller = race
    controller.reset()
    tab.contour_view.race.markers.setVisible(markers)
    _settle()
    _play(controller, 40, 5)  # paths that turn, cross themselves and settle; markers that move
    assert controller.frame.step == 200
    stale = _stale_pixels(tab)
    tab.contour_view.race.markers.setVisible(True)
    assert stale <= ROUNDED_PX


def test_the_timeline_on_the_screen_shows_the_step_after_frames_at_the_newest_step_and_a_step_back(race):
    """While the run grows the handle stays at the end and the slider is not repainted; a step back
    moves the handle, and what is on the screen is the slider drawn afresh for the step shown."""
    tab, controller = race
    controller.reset()
    _settle()
    timeline = tab.transport.timeline
    _play(controller, 10, 5)
    assert (timeline.maximum(), timeline.value()) == (50, 50) and _stale_pixels(tab, timeline) == 0
    controller.seek(10)
    _settle()
    assert timeline.value() == 10 and _stale_pixels(tab, timeline) == 0
    _play(controller, 1, 1)  # replays the recorded step 11: the handle moves on
    assert (timeline.maximum(), timeline.value()) == (50, 11) and _stale_pixels(tab, timeline) == 0


def test_after_a_zoom_the_paths_and_markers_are_drawn_at_the_new_range(race):
    tab, controller = race
    controller.reset()
    _settle()
    _play(controller, 20, 10)
    view = tab.contour_view.view_box
    view.setRange(xRange=(1, 4), yRange=(0, 3.5), padding=0)  # the paths' upper bend, magnified
    _settle()
    try:
        _play(controller, 30, 10)
        assert _stale_pixels(tab) <= ROUNDED_PX
    finally:  # the module's other tests see the whole map
        tab.contour_view.reset_zoom()
        _settle()


def test_the_paths_and_markers_are_the_pixels_pyqtgraph_draws_for_them(race):
    """A path paints only its segments near what is repainted, the markers stamp pyqtgraph's atlas
    themselves: the map drawn so is the map with pyqtgraph's own items in their place."""
    tab, controller = race
    controller.reset()
    _settle()
    _play(controller, 40, 5)  # paths that turn and cross themselves; markers off the start
    view = tab.contour_view
    race_layer, plot, viewport = view.race, view.plot_widget.getPlotItem(), view.plot_widget.viewport()
    view.legend.setVisible(False)  # its samples grey out while the race's own items are hidden
    ours = _pixels(viewport.grab().toImage())
    theirs = [_plain_copy(item) for item in [*race_layer.paths.values(), race_layer.markers] if item.isVisible()]
    for mine, plain in theirs:
        mine.setVisible(False)
        plot.addItem(plain)
    try:
        assert len(theirs) == 5 and int((ours != _pixels(viewport.grab().toImage())).any(axis=2).sum()) == 0
        for _, plain in theirs:
            plain.setVisible(False)
        assert int((ours != _pixels(viewport.grab().toImage())).any(axis=2).sum()) > 500  # the race was on it
    finally:
        for mine, plain in theirs:
            plot.removeItem(plain)
            mine.setVisible(True)
        view.legend.setVisible(True)
        _settle()


def _plain_copy(item):
    """(item, pyqtgraph's own item drawing the same data with the same looks)."""
    if isinstance(item, GrowingLine):
        plain = pg.PlotCurveItem(item.xData, item.yData, pen=item.opts["pen"], shadowPen=item.opts["shadowPen"],
                                 connect="finite")
    else:
        spots = [{"pos": (r["x"], r["y"]), "brush": r["brush"], "symbol": r["symbol"]} for r in item.data]
        plain = pg.ScatterPlotItem(spots, size=item.opts["size"], pen=item.opts["pen"], pxMode=True)
    plain.setZValue(item.zValue())
    return item, plain


class _Paints(QObject):
    """The regions a widget's paint events repaint."""

    def __init__(self, widget):
        super().__init__()
        self.regions = []
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.Paint:
            self.regions.append(event.region().boundingRect())
        return False


def test_a_frame_repaints_around_the_new_end_of_a_path_not_the_whole_path(race):
    tab, controller = race
    controller.reset()
    _settle()
    _play(controller, 60, 10)
    map_view = tab.contour_view
    viewport = map_view.plot_widget.viewport()
    paths = [map_view.plot_widget.mapFromScene(line.sceneBoundingRect()).boundingRect()
             for line in map_view.race.paths.values() if line.xData is not None and len(line.xData)]
    paints = _Paints(viewport)
    try:
        _play(controller, 1, 1)
    finally:
        viewport.removeEventFilter(paints)
    drawn = paints.regions[0]
    for line in map_view.race.paths.values():  # every path's new end and marker is in what was repainted
        if line.xData is not None and len(line.xData):
            end = map_view.plot_widget.mapFromScene(line.mapToScene(QPointF(line.xData[-1], line.yData[-1])))
            assert drawn.contains(end)
    spread = paths[0].united(paths[1]).united(paths[2]).united(paths[3])
    assert drawn.width() * drawn.height() < spread.width() * spread.height() / 4


def test_shared_rows_counts_the_first_rows_two_lines_share():
    a = np.array([[0.0, 0], [1, 1], [2, 2]])
    assert shared_rows(a, a) == 3
    assert shared_rows(a, np.vstack([a, [[3, 3]]])) == 3  # a point added
    assert shared_rows(a, np.array([[0.0, 0], [1, 1], [2.5, 2]])) == 2  # the last point moved
    assert shared_rows(a, a[:0]) == 0
    nan = np.array([[np.nan, 0.0], [1, 1]])
    assert shared_rows(nan, nan.copy()) == 2  # the same bits: drawn the same (a break in the line)
    assert shared_rows(nan, np.array([[np.nan, 0.0], [1, 2]])) == 1


def test_a_line_that_leaves_its_room_gets_a_room_holding_every_point(qapp):
    line = GrowingLine()
    line.set_line(np.array([[0.0, 0], [1, 1]]))
    line.set_line(np.array([[0.0, 0], [1, 1], [50, -20]]))
    room = line.boundingRect()
    assert room.left() <= 0 and room.right() >= 50 and room.top() <= -20 and room.bottom() >= 1
    line.setData([5.0, 6.0], [5.0, 6.0])  # set another way: the next set_line draws it all again
    line.set_line(np.array([[0.0, 0], [1, 1], [50, -20]]))
    assert list(line.xData) == [0, 1, 50]


def test_the_bounds_of_points_are_those_of_the_finite_ones():
    xy = np.array([[1.0, -2.0], [3.5, 0.25], [-0.5, 4.0]])
    rect = bounds(xy)
    assert (rect.left(), rect.right(), rect.top(), rect.bottom()) == (-0.5, 3.5, -2.0, 4.0)
    for bad in ([np.nan, 9.0], [9.0, np.inf], [-np.inf, np.nan]):  # a row with any such number is left out
        rect = bounds(np.vstack([xy, bad]))
        assert (rect.left(), rect.right(), rect.top(), rect.bottom()) == (-0.5, 3.5, -2.0, 4.0)
    assert bounds(np.array([[np.nan, 1.0]])) is None and bounds(np.empty((0, 2))) is None
