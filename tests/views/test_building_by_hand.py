"""Building a graph by hand, as a user does it with the mouse and keys: new nodes at free spots near
the view's centre, a node on no wire that does not look wired, rubber-band selection, Delete as one
undo step, panning, and Clear graph (undoable)."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QPushButton

from gdgui.controllers.backprop.controller import GraphController
from gdgui.controllers.shell.theme import ThemeController
from gdgui.views.backprop.graph_items import CONST_FILL
from gdgui.views.backprop.tab import BackpropTab


@pytest.fixture
def tab(qtbot, activate):
    widget = BackpropTab(GraphController(), ThemeController())
    qtbot.addWidget(widget)
    widget.resize(1400, 850)
    activate(widget)
    return widget


def _load(tab, name):
    tab.preset_combo.setCurrentIndex(tab.preset_combo.findData(name))
    QApplication.processEvents()


def _menu_action(tab, text):
    return next(a for a in tab.add_button.menu().actions() if a.text() == text)


def _node_rects(tab):
    return {node_id: item.sceneBoundingRect() for node_id, item in tab.scene.nodes.items()}


def _overlapping(rects):
    items = list(rects.items())
    return [(a, b) for i, (a, ra) in enumerate(items) for b, rb in items[i + 1:] if ra.intersects(rb)]


def _drag(qtbot, widget, start: QPoint, end: QPoint, button=Qt.MouseButton.LeftButton, steps=4):
    qtbot.mousePress(widget, button, pos=start)
    for k in range(1, steps + 1):
        point = start + (end - start) * (k / steps)
        qtbot.mouseMove(widget, point)
    qtbot.mouseRelease(widget, button, pos=end)


# ----- new nodes ------------------------------------------------------------------------------------
def test_nodes_added_from_the_menu_never_stack_and_stay_near_the_centre(tab):
    _load(tab, "04-sigmoid-neuron.json")
    before = set(tab.scene.nodes)
    for text in ("Input", "Constant", "Input", "Constant", "Constant"):
        _menu_action(tab, text).trigger()
    added = set(tab.scene.nodes) - before
    assert len(added) == 5
    assert _overlapping(_node_rects(tab)) == []
    visible = tab.view.mapToScene(tab.view.viewport().rect()).boundingRect()
    assert all(visible.contains(tab.scene.nodes[n].sceneBoundingRect()) for n in added)


def test_a_node_added_in_an_empty_graph_lands_at_the_centre(tab):
    _menu_action(tab, "Input").trigger()
    (item,) = tab.scene.nodes.values()
    centre = tab.view.mapToScene(tab.view.viewport().rect().center())
    assert (item.scenePos() - centre).manhattanLength() < 2 * tab.scene.style.radius


def test_a_node_added_from_the_background_menu_does_not_land_on_a_wire(tab):
    _load(tab, "04-sigmoid-neuron.json")
    w2 = tab.controller.graph.input_ids()["w2"]
    (wire,) = [w for e, w in tab.scene.wires.items() if e.src == w2]
    on_the_wire = wire.path().pointAtPercent(0.3)
    tab.controller.add_const(tab.view.free_position(on_the_wire), 2.0)
    new = tab.scene.nodes[next(n for n in tab.controller.graph.nodes if tab.controller.graph.nodes[n].kind == "const")]
    assert not new.collidesWithItem(wire) and _overlapping(_node_rects(tab)) == []


# ----- a node on no wire does not look wired -----------------------------------------------------------
def test_a_constant_dragged_onto_a_wire_shows_it_is_not_connected(tab, qtbot):
    _load(tab, "04-sigmoid-neuron.json")
    _menu_action(tab, "Constant").trigger()
    graph = tab.controller.graph
    const_id = next(n for n in graph.nodes if graph.nodes[n].kind == "const")
    const = tab.scene.nodes[const_id]
    assert const.badge.text() == "not connected"
    w2 = graph.input_ids()["w2"]
    (wire,) = [w for e, w in tab.scene.wires.items() if e.src == w2]
    target = tab.view.mapFromScene(wire.path().pointAtPercent(0.6))
    _drag(qtbot, tab.view.viewport(), tab.view.mapFromScene(const.scenePos()) + QPoint(-12, 0), target + QPoint(-12, 0))
    assert const.collidesWithItem(wire)  # it now lies on the wire from w2 …
    assert const.badge.text() == "not connected"  # … and says it is not on it
    # and the wire shows through its body, so it does not seem to end there
    image = tab.view.viewport().grab().toImage()
    body = tab.view.mapFromScene(const.sceneBoundingRect()).boundingRect()
    for x in (body.left() + body.width() // 8, body.right() - body.width() // 8):  # left and right of its text
        on_wire = _wire_y(tab.view, wire, x)
        darkest = min((image.pixelColor(x, y) for y in range(on_wire - 3, on_wire + 4)), key=QColor.lightness)
        assert darkest.lightness() < CONST_FILL.lightness() - 60, darkest.name()


def _wire_y(view, wire, x: int) -> int:
    """The viewport row where ``wire`` crosses viewport column ``x``."""
    points = [view.mapFromScene(wire.path().pointAtPercent(k / 200)) for k in range(201)]
    return min(points, key=lambda p: abs(p.x() - x)).y()


def test_wiring_a_loose_node_takes_the_not_connected_badge_away(tab):
    actions = {action.text(): action for action in tab.add_button.menu().actions()}
    actions["Input"].trigger()
    next(a for a in actions["Gate"].menu().actions() if a.text().endswith("exp")).trigger()
    graph = tab.controller.graph
    x = next(n for n in graph.nodes if graph.nodes[n].kind == "input")
    exp = next(n for n in graph.nodes if graph.nodes[n].kind == "op")
    assert tab.scene.nodes[x].badge.text() == "not connected" and tab.scene.nodes[x].loose
    tab.controller.wire(x, exp, 0)
    assert tab.scene.nodes[x].badge.text() == "" and not tab.scene.nodes[x].loose


# ----- rubber band, Delete, panning -------------------------------------------------------------------------
def test_a_rubber_band_selects_nodes_and_delete_removes_them_in_one_undo_step(tab, qtbot):
    _load(tab, "05-fork.json")
    before, steps = tab.controller.state_dict(), tab.controller.undo_stack.count()
    ids = tab.controller.graph.input_ids()
    inputs = [tab.view.mapFromScene(tab.scene.nodes[ids[name]].sceneBoundingRect()).boundingRect()
              for name in ("a", "b")]
    band = inputs[0].united(inputs[1]).adjusted(-30, -30, 30, 30)
    assert tab.view.itemAt(band.topLeft()) is None  # the drag starts on the background
    _drag(qtbot, tab.view.viewport(), band.topLeft(), band.bottomRight())
    selected = {item.node_id for item in tab.scene.selectedItems() if hasattr(item, "node_id")}
    assert selected == {ids["a"], ids["b"]}
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert ids["a"] not in tab.controller.graph.nodes and ids["b"] not in tab.controller.graph.nodes
    assert tab.controller.undo_stack.count() == steps + 1
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.controller.state_dict() == before


def test_a_band_over_the_whole_view_selects_everything_and_delete_empties_the_graph(tab, qtbot):
    _load(tab, "03-cs231n-simple.json")
    viewport = tab.view.viewport().rect()
    _drag(qtbot, tab.view.viewport(), viewport.topLeft() + QPoint(3, 3), viewport.bottomRight() - QPoint(3, 3))
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert tab.controller.graph.nodes == {}


def _pan_setup(qtbot, tab):
    tab.theme.set_projector(True)
    _load(tab, "04-sigmoid-neuron.json")
    tab.resize(700, 600)
    QApplication.processEvents()
    view = tab.view
    assert view.horizontalScrollBar().maximum() > 0 or view.verticalScrollBar().maximum() > 0
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    return view


def _scrolled(view):
    return view.horizontalScrollBar().value(), view.verticalScrollBar().value()


def _background_point(view):
    """A point of the viewport with no item under it."""
    rect = view.viewport().rect()
    for y in range(rect.top() + 10, rect.bottom() - 10, 15):
        for x in range(rect.left() + 10, rect.right() - 10, 15):
            point = QPoint(x, y)
            if view.itemAt(point) is None and not view.legend.geometry().contains(view.viewport().mapTo(view, point)):
                return point
    raise AssertionError("no background in view")


def test_a_middle_drag_pans_and_moves_no_node(tab, qtbot):
    view = _pan_setup(qtbot, tab)
    before, scrolled = tab.controller.state_dict(), _scrolled(view)
    start = _background_point(view)
    _drag(qtbot, view.viewport(), start, start + QPoint(150, 120), button=Qt.MouseButton.MiddleButton)
    after = _scrolled(view)
    assert after[0] < scrolled[0] and after[1] < scrolled[1]
    assert tab.controller.state_dict() == before and tab.scene.selectedItems() == []


def test_space_and_a_left_drag_pan_even_over_a_node(tab, qtbot):
    view = _pan_setup(qtbot, tab)
    before, scrolled = tab.controller.state_dict(), _scrolled(view)
    node = next(iter(tab.scene.nodes.values()))
    view.ensureVisible(node)
    scrolled = _scrolled(view)
    start = view.mapFromScene(node.scenePos())
    view.setFocus()
    qtbot.keyPress(view, Qt.Key.Key_Space)
    _drag(qtbot, view.viewport(), start, start + QPoint(60, 50))
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert _scrolled(view) != scrolled
    assert tab.controller.state_dict() == before  # the node did not move
    # without Space the same drag moves the node again
    start = view.mapFromScene(node.scenePos()) + QPoint(-10, 0)
    _drag(qtbot, view.viewport(), start, start + QPoint(40, 30))
    assert tab.controller.state_dict() != before


# ----- Clear graph ---------------------------------------------------------------------------------------
def test_clear_graph_empties_the_view_and_ctrl_z_brings_it_back(tab, qtbot):
    _load(tab, "04-sigmoid-neuron.json")
    before = tab.controller.state_dict()
    button = tab.findChild(QPushButton, "clearGraphButton")
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert tab.controller.graph.nodes == {} and tab.scene.nodes == {} and tab.scene.wires == {}
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.controller.state_dict() == before and len(tab.scene.nodes) == 10

