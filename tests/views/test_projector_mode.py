"""Projector mode: ≥ 18 pt everywhere, lines ≥ 3 px, high contrast; toggling keeps every state."""

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QMenu,
    QStyle,
    QStyleOptionButton,
    QStyleOptionSpinBox,
    QWidget,
)

from gdgui.controllers.shell.theme import PROJECTOR
from gdgui.core.files.deck import course_deck_path
from gdgui.views.backprop.graph_items import NodeItem
from gdgui.views.shell.screenshot import lay_out

MIN_PT = 18


def _visible_widget_points(window) -> dict[str, float]:
    """The smallest font size in points of each kind of visible widget that shows text."""
    sizes: dict[str, float] = {}
    for widget in window.findChildren(QWidget):
        if widget.isVisible():
            key = f"{type(widget).__name__}#{widget.objectName()}"
            sizes[key] = min(sizes.get(key, 99.0), QFontInfo(widget.font()).pointSizeF())
    return sizes


def _axis_points(window) -> list[float]:
    fonts = [plot.getPlotItem().getAxis(side).style["tickFont"]
             for plot in window.findChildren(pg.PlotWidget) for side in ("left", "bottom")]
    return [font.pointSizeF() for font in fonts if font is not None]


def _tick_box_px(window) -> int:
    """The width of the square a visible tick box draws, as its style lays it out."""
    box = next(box for box in window.findChildren(QCheckBox) if box.isVisible())
    option = QStyleOptionButton()
    option.initFrom(box)
    return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box).width()


def _up_arrow_px(spin) -> int:
    """The width of a spin box's up arrow, as its style lays it out."""
    option = QStyleOptionSpinBox()
    option.initFrom(spin)
    option.subControls = QStyle.SubControl.SC_SpinBoxUp | QStyle.SubControl.SC_SpinBoxFrame
    return spin.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, QStyle.SubControl.SC_SpinBoxUp, spin).width()


def _race(gui):
    return gui.window.tabs.widget(0).contour_view.race


def _path_pen_widths(gui) -> list[float]:
    """Pen widths of the drawn descent paths (one per racing optimizer)."""
    drawn = [item for item in _race(gui).paths.values() if item.getData()[0] is not None and len(item.getData()[0]) > 1]
    return [item.opts["pen"].widthF() for item in drawn]


def _marker_size(gui) -> float:
    return float(_race(gui).markers.opts["size"])


def _state(gui) -> tuple:
    return (gui.descent.state_dict(), gui.descent.frame.step, gui.graph.state_dict(),
            gui.graph.walkthrough.cursor, gui.window.tabs.currentIndex(), gui.graph.undo_stack.count())


def test_projector_mode_enlarges_fonts_and_lines_and_keeps_every_state(qtbot, gui):
    gui.descent.apply_state({"function": "himmelblau", "optimizers": ["gd", "adam"], "lr": 0.01, "start": [-1, 2]})
    gui.descent.step(25)
    gui.graph.load_preset("05-fork.json")
    gui.graph.step_back()
    normal_paths, normal_marker = _path_pen_widths(gui), _marker_size(gui)
    before, normal_tick = _state(gui), _tick_box_px(gui.window)

    gui.window.projector_action.trigger()
    assert gui.theme.projector and gui.window.projector_action.isChecked()
    assert _state(gui) == before
    for tab in (0, 1):
        gui.window.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        small = {name: pt for name, pt in _visible_widget_points(gui.window).items() if pt < MIN_PT - 0.1}
        assert small == {} or set(small) <= {"BackpropTab#"}, small  # the tab's own frame shows no text
    gui.window.tabs.setCurrentIndex(before[4])
    assert min(_axis_points(gui.window)) >= MIN_PT
    widths = _path_pen_widths(gui)
    assert len(widths) == len(normal_paths) == 2
    assert min(widths) >= 3 and min(widths) > min(normal_paths)
    assert _marker_size(gui) > normal_marker
    labels = [item for item in gui.window.tabs.widget(1).scene.items() if isinstance(item, NodeItem)]
    assert labels and all(item._style.label_pt >= MIN_PT for item in labels)
    assert _tick_box_px(gui.window) == 22 > normal_tick  # the projector's sheet is on: tick boxes to see and hit

    gui.window.projector_action.trigger()
    assert not gui.theme.projector and _state(gui) == before
    assert _tick_box_px(gui.window) == normal_tick


def test_a_menu_hidden_at_the_switch_shows_in_the_look_of_the_mode_on_show(gui):
    """A plot's axis menu (pyqtgraph's, with a spin box in it) exists before F5 and first shows after it."""
    spin = next(spin for menu in QApplication.topLevelWidgets() if isinstance(menu, QMenu) and not menu.isVisible()
                for spin in menu.findChildren(QAbstractSpinBox))
    menu = spin.parentWidget()
    while not isinstance(menu, QMenu):  # the menu the spin box sits in (a submenu, itself a hidden window)
        menu = menu.parentWidget()
    sizes = {}
    for on in (True, False):
        gui.window.projector_action.trigger()
        assert gui.theme.projector == on
        menu.popup(gui.window.mapToGlobal(QPoint(20, 20)))
        assert spin.isVisible()
        sizes[on] = (_up_arrow_px(spin), QFontInfo(spin.font()).pointSizeF())
        menu.close()
    assert sizes[True][0] == 26 > sizes[False][0]  # projector.qss's arrows
    assert sizes[True][1] >= MIN_PT > sizes[False][1]


def test_a_formula_field_once_refused_takes_the_projector_size_too(gui):
    """A refused formula's red border is a style sheet of the field's own, emptied when a graph puts
    the formula back; at the next F5 the field's text is as large as the rest (a switch that only
    polished the widgets again, instead of replacing the application's sheet, left it at 11 pt)."""
    edit = gui.window.findChild(QWidget, "graphExpressionEdit")
    gui.window.tabs.setCurrentIndex(1)
    gui.graph.set_expression("x^2 + (y")
    assert edit.styleSheet()  # the red border
    gui.graph.load_preset("05-fork.json")
    assert edit.styleSheet() == ""
    QApplication.processEvents()
    gui.window.projector_action.trigger()
    assert QFontInfo(edit.font()).pointSizeF() >= MIN_PT
    gui.window.projector_action.trigger()


def test_projector_sizes_meet_the_classroom_minimums():
    assert PROJECTOR.font_pt >= MIN_PT and PROJECTOR.line_px >= 3 and PROJECTOR.title_pt > PROJECTOR.font_pt


def _colour_bar_title_points(gui) -> float:
    style = gui.window.tabs.widget(0).contour_view.colour_bar.axis.labelStyle
    return float(style["font-size"].removesuffix("pt"))


def test_projector_mode_thickens_contour_lines_and_enlarges_the_colour_bar_title(gui):
    view = gui.window.tabs.widget(0).contour_view
    normal_width, normal_title = view.contours.opts["pen"].widthF(), _colour_bar_title_points(gui)
    gui.theme.set_projector(True)
    assert view.contours.opts["pen"].widthF() >= 3 > normal_width
    assert view.field_arrows.opts["pen"].widthF() >= 3
    assert _colour_bar_title_points(gui) >= MIN_PT > normal_title


@pytest.mark.parametrize("slide", [7, 10])
def test_projector_mode_fits_a_1280_by_800_projector(gui, slide):
    """The busiest slides of each tab (a basin map; the logistic unit) in a window of 1280×800:
    the window may be that small, and the sidebar then shows its sections unclipped."""
    gui.deck.open_file(course_deck_path())
    gui.deck.go_to(slide - 1)
    gui.theme.set_projector(True)
    lay_out(gui.window, (1280, 800))
    minimum = gui.window.minimumSizeHint()
    assert minimum.width() <= 1280 and minimum.height() <= 800, minimum
    assert gui.window.size() == QSize(1280, 800)
    sidebar = gui.window.tabs.widget(0).sidebar
    assert sidebar.width() >= sidebar.widget().minimumSizeHint().width()


def test_in_projector_mode_the_graph_gets_most_of_the_backprop_tab(gui):
    gui.deck.open_file(course_deck_path())
    gui.deck.go_to(9)  # the logistic unit
    gui.theme.set_projector(True)
    lay_out(gui.window, (1920, 1080))
    splitter = gui.window.tabs.widget(1).splitter
    graph, panels = splitter.sizes()
    assert graph >= 0.6 * (graph + panels), (graph, panels)


def test_f9_hides_the_side_panels_so_the_map_takes_the_width_and_keys_still_work(qtbot, gui):
    tab = gui.window.tabs.widget(0)
    lay_out(gui.window, (1280, 800))
    map_width = tab.contour_view.width()
    qtbot.keyClick(tab.contour_view.plot_widget, Qt.Key.Key_F9)
    QApplication.processEvents()
    assert not tab.sidebar.isVisible() and not tab.side_tabs.isVisible()
    assert tab.contour_view.width() > map_width + 400
    qtbot.keyClick(tab.contour_view.plot_widget, Qt.Key.Key_Right)
    assert gui.descent.frame.step == 1
    gui.window.side_panels_action.trigger()
    QApplication.processEvents()
    assert tab.sidebar.isVisible() and tab.side_tabs.isVisible()
    assert tab.contour_view.width() < map_width + 100  # the columns share the width again
