"""Projector mode: ≥ 18 pt everywhere, lines ≥ 3 px, high contrast; toggling keeps every state."""

import pyqtgraph as pg
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QWidget

from gdgui.controllers.theme import PROJECTOR
from gdgui.views.graph_items import NodeItem

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
    before = _state(gui)

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
    assert "#000000" in QApplication.instance().styleSheet()  # the high-contrast sheet is on

    gui.window.projector_action.trigger()
    assert not gui.theme.projector and _state(gui) == before
    assert "#000000" not in QApplication.instance().styleSheet()


def test_projector_sizes_meet_the_classroom_minimums():
    assert PROJECTOR.font_pt >= MIN_PT and PROJECTOR.line_px >= 3 and PROJECTOR.title_pt > PROJECTOR.font_pt
