"""The map's legend never covers a minimum's star or label: it takes the corner where it hides the
least (Himmelblau's top-right minimum had its label under the legend on a projector)."""

import pytest
from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtWidgets import QApplication

from gdgui.views.descent.minima_marks import CORNERS, legend_corner, legend_offset
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
    gui.theme.set_projector(projector)
    gui.descent.set_function("himmelblau")
    gui.descent.set_start(*start)
    lay_out(gui.window, (1024, 768))
    for _ in range(3):
        QApplication.processEvents()
    view = gui.window.tabs.widget(0).contour_view
    marker = view.start_marker.sceneBoundingRect()
    assert view.start_marker.isVisible() and view.view_box.sceneBoundingRect().intersects(marker)
    if view.legend.isVisible():
        assert not view.legend.sceneBoundingRect().intersects(marker)
    else:  # no corner free: the status row under the map names the colour
        assert "GD" in gui.window.tabs.widget(0).status_label.text()
    gui.descent.set_start(-4.0, 3.5)
    gui.theme.set_projector(False)
