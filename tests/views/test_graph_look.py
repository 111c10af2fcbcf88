"""How the Backprop graph reads: colours on screen, the legend, text never under the theme's minimum,
a new graph fitted when it opens (and an edit not refitted)."""

import json

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFontInfo, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication

from benchmarks.graph_shapes import mlp
from gdgui.controllers.backprop.controller import GraphController
from gdgui.controllers.shell.theme import BACKWARD_COLOUR, FORWARD_COLOUR, NORMAL, PROJECTOR, ThemeController
from gdgui.views.backprop.graph_items import NodeItem
from gdgui.views.backprop.graph_labels import TextItem
from gdgui.views.backprop.tab import BackpropTab
from gdgui.views.shell.screenshot import lay_out


@pytest.fixture
def make_tab(qtbot):
    """``make_tab(projector, size)``: a Backprop tab of its own, shown at ``size``."""
    def make(projector=False, size=(1400, 850)):
        tab = BackpropTab(GraphController(), ThemeController(projector))
        qtbot.addWidget(tab)
        tab.resize(*size)
        with qtbot.waitExposed(tab):
            tab.show()
        return tab
    return make


def _open_mlp(tab, tmp_path):
    """A 2-layer net of 208 nodes, opened as a file (laid out on opening)."""
    path = tmp_path / "mlp.json"
    path.write_text(json.dumps(mlp(210)))
    assert tab.controller.open_file(path)
    assert len(tab.controller.graph.nodes) >= 200
    QApplication.processEvents()


def _load(tab, name):
    tab.preset_combo.setCurrentIndex(tab.preset_combo.findData(name))
    QApplication.processEvents()


def _wheel(view, notches: int) -> None:
    """The mouse wheel turned ``notches`` (positive: zoom in) over the middle of the graph."""
    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(centre, QPointF(view.viewport().mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def _shown_texts(tab):
    """(font, what) of every text the scene shows: plates with text, and the gates' symbols."""
    scene = tab.scene
    plates = [item for item in scene.items() if isinstance(item, TextItem) and item.isVisible() and item.text()]
    nodes = [item for item in scene.items() if isinstance(item, NodeItem)]
    return [(plate.font(), plate.text()) for plate in plates] + [(node.symbol_font(), node.label()) for node in nodes]


def _smallest_on_screen_px(tab) -> float:
    return min(QFontInfo(font).pixelSize() * tab.view.zoom() for font, _ in _shown_texts(tab))


def _whole_graph_shown(view) -> bool:
    return view.mapToScene(view.viewport().rect()).boundingRect().contains(view.scene().drawn_bounds())


# ----- colours --------------------------------------------------------------------------------------------
def _darkest_pixel(image, rect: QRect) -> QColor:
    pixels = [image.pixelColor(x, y)
              for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom())]
    return min(pixels, key=lambda colour: colour.lightness())


def _distance(a: QColor, b: QColor) -> float:
    return ((a.red() - b.red()) ** 2 + (a.green() - b.green()) ** 2 + (a.blue() - b.blue()) ** 2) ** 0.5


def test_values_show_in_blue_above_and_gradients_in_vermillion_below(make_tab):
    tab = make_tab()
    _load(tab, "03-cs231n-simple.json")
    image = tab.view.viewport().grab().toImage()
    blue, vermillion = QColor(FORWARD_COLOUR), QColor(BACKWARD_COLOUR)
    for wire in tab.scene.wires.values():
        value_rect = tab.view.mapFromScene(wire.value_label.sceneBoundingRect()).boundingRect()
        grad_rect = tab.view.mapFromScene(wire.grad_label.sceneBoundingRect()).boundingRect()
        assert value_rect.center().y() < grad_rect.center().y()  # the value above, the gradient below
        value_ink, grad_ink = _darkest_pixel(image, value_rect), _darkest_pixel(image, grad_rect)
        assert _distance(value_ink, blue) < 40 < _distance(value_ink, vermillion), value_ink.name()
        assert _distance(grad_ink, vermillion) < 40 < _distance(grad_ink, blue), grad_ink.name()


# ----- legend ---------------------------------------------------------------------------------------------
def test_the_legend_says_which_colour_is_which(make_tab):
    tab = make_tab()
    legend = tab.view.legend
    assert legend.objectName() == "graphLegend" and legend.isVisible()
    assert legend.lines() == ("value (forward)", "gradient (backward)")
    image = legend.grab().toImage()
    half = image.height() // 2
    blue, vermillion = QColor(FORWARD_COLOUR), QColor(BACKWARD_COLOUR)
    top, bottom = QRect(0, 0, image.width(), half), QRect(0, half, image.width(), image.height() - half)
    assert _distance(_darkest_pixel(image, top), blue) < 40
    assert _distance(_darkest_pixel(image, bottom), vermillion) < 40


@pytest.mark.parametrize(("projector", "size"), [(False, (1024, 768)), (True, (1280, 720))])
def test_the_legend_sits_inside_the_graph_view_legible_and_clear_of_the_fitted_graph(gui, projector, size):
    gui.theme.set_projector(projector)
    gui.window.tabs.setCurrentIndex(1)
    lay_out(gui.window, size)
    gui.graph.load_preset("02-logistic-regression.json")
    QApplication.processEvents()
    view = gui.window.tabs.widget(1).view
    legend = view.legend
    assert legend.isVisible() and view.viewport().geometry().contains(legend.geometry())
    minimum = (PROJECTOR if projector else NORMAL).min_text_px
    assert QFontInfo(legend.text_font()).pixelSize() >= minimum
    drawn = [item for item in view.scene().items() if item.isVisible() and not item.boundingRect().isEmpty()]
    viewport_origin = view.viewport().geometry().topLeft()
    covered = legend.geometry().translated(-viewport_origin)
    hidden = [item for item in drawn if view.mapFromScene(item.sceneBoundingRect()).boundingRect().intersects(covered)]
    assert hidden == []


def test_the_legend_grows_in_projector_mode(make_tab):
    tab = make_tab()
    laptop = QFontInfo(tab.view.legend.text_font()).pixelSize()
    tab.theme.set_projector(True)
    assert QFontInfo(tab.view.legend.text_font()).pixelSize() > laptop
    assert tab.view.viewport().geometry().contains(tab.view.legend.geometry())


# ----- text never under the minimum -------------------------------------------------------------------------
@pytest.mark.parametrize("projector", [False, True])
def test_a_fitted_preset_shows_no_text_under_the_minimum(make_tab, projector):
    tab = make_tab(projector)
    minimum = (PROJECTOR if projector else NORMAL).min_text_px
    for _, name in tab.controller.presets():
        _load(tab, name)
        assert _smallest_on_screen_px(tab) >= minimum, name


@pytest.mark.parametrize("projector", [False, True])
def test_a_200_node_graph_scrolls_instead_of_shrinking_its_text(make_tab, tmp_path, projector):
    tab = make_tab(projector)
    _open_mlp(tab, tmp_path)
    view = tab.view
    view.fit()
    minimum = (PROJECTOR if projector else NORMAL).min_text_px
    assert _smallest_on_screen_px(tab) >= minimum
    assert not _whole_graph_shown(view)  # too big for that: it scrolls
    bars = (view.horizontalScrollBar(), view.verticalScrollBar())
    assert all(bar.isVisible() and bar.maximum() > bar.minimum() for bar in bars)
    output = tab.scene.nodes[tab.controller.graph.output()].sceneBoundingRect()
    assert not view.viewport().rect().contains(view.mapFromScene(output).boundingRect())
    view.ensureVisible(output)  # the scroll bars reach the far end, where the output is
    assert view.viewport().rect().contains(view.mapFromScene(output).boundingRect())
    assert _smallest_on_screen_px(tab) >= minimum


def test_zoomed_out_past_legible_by_the_wheel_no_text_is_painted(make_tab, tmp_path, monkeypatch):
    tab = make_tab()
    _open_mlp(tab, tmp_path)
    view = tab.view
    _wheel(view, -12)
    assert view.zoom() < tab.scene.legible_zoom()
    drawn = []
    original = QPainter.drawText
    monkeypatch.setattr(QPainter, "drawText", lambda self, *args: (
        drawn.append(QFontInfo(self.font()).pixelSize() * self.worldTransform().m11()), original(self, *args)))
    view.viewport().grab()
    assert all(px >= NORMAL.min_text_px for px in drawn), min(drawn)
    _wheel(view, 12)  # back to reading zoom: the text is there again
    drawn.clear()
    view.viewport().grab()
    assert drawn and min(drawn) >= NORMAL.min_text_px


def test_switching_to_projector_mode_keeps_the_text_legible(make_tab):
    tab = make_tab()
    _load(tab, "04-sigmoid-neuron.json")
    _wheel(tab.view, -2)  # a zoom of the teacher's: not refitted, but raised to legible
    tab.theme.set_projector(True)
    assert _smallest_on_screen_px(tab) >= PROJECTOR.min_text_px


# ----- a new graph is fitted when it opens ----------------------------------------------------------------
def test_a_preset_opened_after_a_big_zoomed_graph_is_fitted(make_tab, tmp_path):
    tab = make_tab()
    _open_mlp(tab, tmp_path)
    _wheel(tab.view, -6)
    small_zoom = tab.view.zoom()
    _load(tab, "05-fork.json")
    view = tab.view
    assert view.zoom() != small_zoom
    assert tab.scene.legible_zoom() <= view.zoom() <= 2.0
    assert _whole_graph_shown(view)
    assert not view.horizontalScrollBar().isVisible() and not view.verticalScrollBar().isVisible()


def test_a_typed_formula_and_undo_back_to_the_big_graph_are_fitted(make_tab, tmp_path, qtbot):
    tab = make_tab()
    _load(tab, "05-fork.json")
    _wheel(tab.view, 5)
    tab.expression_edit.setText("x * y + z")
    qtbot.keyClick(tab.expression_edit, Qt.Key.Key_Return)
    assert _whole_graph_shown(tab.view)
    _wheel(tab.view, 5)
    tab.controller.undo_stack.undo()  # the fork again: a whole other document
    assert _whole_graph_shown(tab.view)


def test_editing_the_same_graph_keeps_the_zoom(make_tab):
    tab = make_tab()
    _load(tab, "05-fork.json")
    _wheel(tab.view, 3)
    zoom = tab.view.zoom()
    a = tab.controller.graph.input_ids()["a"]
    tab.controller.add_const(tab.view.free_position(), 4.0)
    tab.controller.move_nodes({a: (-100.0, -60.0)})
    tab.controller.set_input_value("a", "5")
    assert tab.view.zoom() == zoom


def test_a_graph_opened_while_the_tab_is_hidden_is_fitted_when_shown(make_tab):
    tab = make_tab()
    _load(tab, "05-fork.json")
    _wheel(tab.view, 6)
    tab.hide()
    tab.controller.show_expression("x**2 + 2*y**2", {"x": -1.0, "y": 2.0})  # Ctrl+G from the Descent tab
    tab.show()
    QApplication.processEvents()
    assert _whole_graph_shown(tab.view)
