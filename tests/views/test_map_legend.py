"""The map's legend never covers a minimum's star or label: it takes the corner where it hides the
least (Himmelblau's top-right minimum had its label under the legend on a projector). The minima's
labels cover neither one another nor another star, and stay on the map (on a small projector map
Himmelblau's four overlapped)."""

import itertools

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtWidgets import QApplication

from gdgui.controllers.shell.theme import ThemeController
from gdgui.core.descent.functions import Minimum, get_function
from gdgui.views.descent.minima_marks import CORNERS, MinimaMarks, legend_corner, legend_offset
from gdgui.views.shell.screenshot import lay_out

BOX = QRectF(0, 0, 400, 300)
LEGEND = QSizeF(100, 60)


@pytest.mark.parametrize("blocked, corner", [
    ([], (1, 0)),                                                           # nothing in the way: top right
    ([QRectF(350, 20, 10, 10)], (0, 0)),                                    # top right taken: top left
    ([QRectF(350, 20, 10, 10), QRectF(20, 20, 10, 10)], (1, 1)),            # both tops taken: bottom right
    ([QRectF(0, 0, 400, 80), QRectF(300, 230, 90, 60)], (0, 1)),            # only bottom left is free
    ([QRectF(0, 0, 400, 150), QRectF(0, 150, 300, 150)], None),             # no corner free: no legend
    ([QRectF(111, 71, 5, 5)], (1, 0)),                                      # beside the legend's corner, not in
])
def test_the_first_corner_that_covers_nothing(blocked, corner):
    assert legend_corner(LEGEND, BOX, blocked, 10) == corner


def test_offsets_pin_the_legend_as_pyqtgraph_reads_them():
    assert [legend_offset(c, 10) for c in CORNERS] == [(-10, 10), (10, 10), (-10, -10), (10, -10)]


@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize("size", [(1280, 720), (1600, 1000)])
def test_on_himmelblau_the_legend_covers_no_minimum(gui, projector, size):
    gui.theme.set_projector(projector)
    gui.descent.set_function("himmelblau")
    for name in ("momentum", "adam", "rmsprop"):
        gui.descent.set_optimizer_checked(name, True)
    lay_out(gui.window, size)
    for _ in range(3):
        QApplication.processEvents()
    view = gui.window.tabs.widget(0).contour_view
    legend = view.legend.sceneBoundingRect()
    if not view.legend.isVisible():  # a map too small for it: the status rows name every colour
        assert projector or size == (1280, 720)  # a laptop's full window has a free corner
        status = gui.window.tabs.widget(0).status_label.text()
        assert all(name in status for name in ("GD", "Momentum", "Adam", "RMSprop"))
        return gui.theme.set_projector(False)
    assert view.view_box.sceneBoundingRect().contains(legend)
    labels = [label for label in view.minima_labels if label.isVisible()]
    assert len(labels) == 4
    covered = [label.toPlainText() for label in labels if label.sceneBoundingRect().intersects(legend)]
    assert covered == []
    for x, y in zip(*view.minima.getData()):
        assert not legend.contains(view.view_box.mapViewToScene(QPointF(x, y)))
    gui.theme.set_projector(False)


@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize("start", [(-4.0, 3.5), (4.5, 4.5), (-4.5, -4.5), (4.5, -4.5)])
def test_the_legend_never_hides_the_start(gui, projector, start):
    # At 1024×768 on a projector the legend sat in the top-left corner over Himmelblau's default start.
    view, marker = _race_map(gui, projector, "himmelblau", start)
    assert view.start_marker.isVisible() and view.view_box.sceneBoundingRect().intersects(marker)
    if view.legend.isVisible():
        assert not view.legend.sceneBoundingRect().intersects(marker)
    else:  # no corner free: the status row under the map names the colour
        assert "GD" in gui.window.tabs.widget(0).status_label.text()
    gui.descent.set_start(-4.0, 3.5)
    gui.theme.set_projector(False)


def _race_map(gui, projector: bool, function: str, start):
    """The map of a one-optimizer race on ``function`` from ``start`` at 1024×768, and its start marker's
    scene rectangle."""
    gui.theme.set_projector(projector)
    gui.descent.set_function(function)
    gui.descent.set_start(*start)
    lay_out(gui.window, (1024, 768))
    for _ in range(3):
        QApplication.processEvents()
    view = gui.window.tabs.widget(0).contour_view
    return view, view.start_marker.sceneBoundingRect()


def _marks(qtbot, side: int, minima, domain):
    """``minima`` on a map of ``domain`` ``side`` pixels square, in projector sizes, labels placed."""
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(side, side)
    x0, x1, y0, y1 = domain
    plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
    plot.show()
    QApplication.processEvents()
    marks = MinimaMarks(plot.getPlotItem(), ThemeController(projector=True).sizes)
    marks.show(minima, domain)
    view_box = plot.getPlotItem().getViewBox()
    marks.place_labels(view_box)
    QApplication.processEvents()
    return marks, view_box, plot  # the plot kept: its items die with it


def _himmelblau_marks(qtbot, side: int):
    objective = get_function("himmelblau")
    return _marks(qtbot, side, objective.minima, objective.domain)


@pytest.mark.parametrize("side", [300, 360, 420, 900])
def test_minima_labels_cover_no_other_label_nor_star_and_stay_on_the_map(qtbot, side):
    marks, view_box, _plot = _himmelblau_marks(qtbot, side)
    shown = [label for label in marks.labels if label.isVisible()]
    rects = [label.sceneBoundingRect() for label in shown]
    assert all(view_box.sceneBoundingRect().contains(rect) for rect in rects)
    assert not any(a.intersects(b) for a, b in itertools.combinations(rects, 2))
    stars = [view_box.mapViewToScene(QPointF(x, y)) for x, y in zip(*marks.stars.getData())]
    for label, rect in zip(shown, rects):
        own = view_box.mapViewToScene(label.pos())
        assert not any(rect.contains(star) for star in stars if star != own), label.toPlainText()
    if side == 900:  # room for every label
        assert len(shown) == 4


def test_a_label_too_big_for_any_place_is_hidden_and_comes_back_with_room(qtbot):
    marks, view_box, plot = _himmelblau_marks(qtbot, 200)
    hidden = [label for label in marks.labels if not label.isVisible()]
    assert hidden  # four projector-sized labels do not fit a 200-px map
    plot.resize(900, 900)
    QApplication.processEvents()
    marks.place_labels(view_box)
    assert all(label.isVisible() for label in marks.labels[:4])


def test_a_label_wider_than_either_side_of_its_star_sits_centred_over_it(qtbot):
    """The neuron loss's minimum near the middle of a small projector map: "min (0.9644, 0.2884)" was
    wider than the map on either side of its star, and was not shown."""
    marks, view_box, _plot = _marks(qtbot, 440, [Minimum(0.9644, 0.2884, 4.0107, True)], (-4, 4, -4, 4))
    label, box = marks.labels[0], view_box.sceneBoundingRect()
    star = view_box.mapViewToScene(QPointF(0.9644, 0.2884))
    rect = label.sceneBoundingRect()
    assert label.isVisible() and label.toPlainText() == "min (0.9644, 0.2884)"
    assert box.contains(rect) and rect.left() < star.x() < rect.right()  # over the star, not beside it
    assert rect.bottom() <= star.y() - marks.star_px() / 2 + 1  # clear of the star


@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize("start", [(1.0, 1.0), (2.0, 1.2), (4.0, 1.0)])
def test_no_minimum_label_lies_under_the_start_marker(gui, projector, start):
    """Beale's "min (3, 0.5)" grew left over a race's start at (1, 1), which is drawn above it: "min (◆, 0.5)"."""
    view, marker = _race_map(gui, projector, "beale", start)
    labels = [label for label in view.minima_labels if label.isVisible()]
    assert view.start_marker.isVisible() and labels
    assert [label.toPlainText() for label in labels if label.sceneBoundingRect().intersects(marker)] == []
    gui.theme.set_projector(False)
