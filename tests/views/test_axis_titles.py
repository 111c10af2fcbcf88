"""A vertical axis's title keeps a quarter of a line from its tick labels: pyqtgraph leaves room for 0.8
of the title's box, and with Qt's 4-px margin the glyphs stood ~1.5 px off, so on a projector Easom's
colour bar read "−0.4f(x, y)"."""

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from gdgui.core.files.deck import course_deck_path
from gdgui.views.shell.screenshot import lay_out
from gdgui.views.widgets.plot_style import theme_font
from tests.views.helpers import drawn_tick_labels

EASOM_SLIDE = 4  # f from −1 to 0: the colour bar's widest tick labels, "−0.2" … "−0.8"


def _title_glyphs(axis: pg.AxisItem) -> QRectF:
    """The scene rectangle of the title's text, its document's margins left out."""
    document = axis.label.document()
    margin, size = document.documentMargin(), document.size()
    return axis.label.mapRectToScene(QRectF(margin, margin, size.width() - 2 * margin, size.height() - 2 * margin))


def _gap(axis: pg.AxisItem) -> float:
    """Pixels between the title's text and the nearest tick label, across the axis."""
    ticks = [axis.mapRectToScene(rect) for rect, _ in drawn_tick_labels(axis)]
    QApplication.processEvents()  # drawing the ticks measured them: the axis takes its width
    title = _title_glyphs(axis)
    if axis.orientation == "right":
        return title.left() - max(tick.right() for tick in ticks)
    return min(tick.left() for tick in ticks) - title.right()


@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize("size", [(942, 650), (1024, 768), (1600, 1000)])
def test_vertical_axis_titles_keep_a_quarter_line_from_the_tick_labels(gui, projector, size):
    gui.deck.open_file(course_deck_path())
    gui.deck.go_to(EASOM_SLIDE - 1)
    gui.theme.set_projector(projector)
    lay_out(gui.window, size)
    for _ in range(3):
        QApplication.processEvents()
    tab = gui.window.tabs.widget(0)
    axes = {"colour bar": tab.contour_view.colour_bar.axis,
            "map y": tab.contour_view.plot_widget.getPlotItem().getAxis("left")}
    if tab.side_tabs.isVisible():
        axes["loss f"] = tab.loss_view.loss_plot.getAxis("left")
    quarter = QFontMetrics(theme_font(gui.theme.sizes)).height() / 4
    gaps = {name: round(_gap(axis), 1) for name, axis in axes.items() if axis.isVisible()}
    assert "colour bar" in gaps and all(gap >= quarter - 1 for gap in gaps.values()), (gaps, quarter)
    gui.theme.set_projector(False)


@pytest.mark.parametrize("size, on_axis", [((942, 707), False), ((1600, 1000), True)])
def test_the_loss_axis_title_fits_its_axis_and_f_star_stays_on_screen(gui, size, on_axis):
    """In a 1024×768 projector's window the rotated "f − f*   (f* = −1)" was longer than its axis and
    pyqtgraph cut both its ends; there f* goes to the legend above the plots instead."""
    gui.deck.open_file(course_deck_path())
    gui.deck.go_to(EASOM_SLIDE - 1)  # f* = −1
    gui.theme.set_projector(True)
    lay_out(gui.window, size)
    for _ in range(3):
        QApplication.processEvents()
    loss = gui.window.tabs.widget(0).loss_view
    assert loss.isVisible() and loss.log_check.isChecked()
    axis = loss.loss_plot.getAxis("left")
    title, box = axis.label.sceneBoundingRect(), axis.sceneBoundingRect()
    assert box.top() <= title.top() and title.bottom() <= box.bottom(), (title, box)
    assert (axis.labelText == "f − f*   (f* = −1)") == on_axis
    legend = loss.legend.text().replace("&nbsp;", " ")
    assert ("f* = −1" in legend) != on_axis and axis.labelText.startswith("f − f*")
    gui.theme.set_projector(False)


def _titles_past_their_axes(window) -> list[tuple]:
    """(plot, axis, title) of every shown axis title whose text runs past its axis's ends."""
    past = []
    for view in (v for v in window.findChildren(pg.GraphicsView) if v.isVisible()):
        for axis in (item for item in view.scene().items() if isinstance(item, pg.AxisItem)):
            if not (axis.isVisible() and axis.label.isVisible() and axis.labelText):
                continue
            title, box = _title_glyphs(axis), axis.sceneBoundingRect()
            vertical = axis.orientation in ("left", "right")
            along = ((title.top(), title.bottom(), box.top(), box.bottom()) if vertical
                     else (title.left(), title.right(), box.left(), box.right()))
            if along[0] < along[2] - 0.5 or along[1] > along[3] + 0.5:
                past.append((view.objectName(), axis.orientation, axis.labelText))
    return past


@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize("size", [(942, 707), (1178, 662), (1600, 1000)])
def test_no_axis_title_runs_past_its_axis_on_any_slide(gui, projector, size):
    """A swarm's "median ‖∇f‖" replaced "‖∇f‖" on an axis of fixed width: pyqtgraph places a title only when
    its axis is resized, so it stood off-centre, past the axis's end."""
    gui.deck.open_file(course_deck_path())
    gui.theme.set_projector(projector)
    lay_out(gui.window, size)
    past = []
    for slide in range(11):
        gui.deck.go_to(slide)
        for _ in range(3):
            QApplication.processEvents()
        past += [(slide + 1, *where) for where in _titles_past_their_axes(gui.window)]
    assert past == []
    gui.theme.set_projector(False)
