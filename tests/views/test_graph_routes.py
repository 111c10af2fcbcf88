"""Wires drawn along their layout's routes, labels at the layout's spots, a dragged node's wires
straight, the output arrow whole, and everything the scene draws inside the room the layout
measured for it, at the laptop theme and in projector mode."""

import pytest
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QApplication, QGraphicsSceneMouseEvent

from gdgui.controllers.backprop.controller import GraphController
from gdgui.controllers.shell.theme import NORMAL, ThemeController
from gdgui.core.autodiff.graph_layout import OUTPUT
from gdgui.views.backprop.graph_scene import GraphScene
from tests.curved_layout import curved_layouts
from tests.graph_corpus import FORMULAS, VALUES


@pytest.fixture
def scene(qapp, monkeypatch):
    curved_layouts(monkeypatch)
    drawn = GraphScene(GraphController(laptop=NORMAL), ThemeController())
    yield drawn
    drawn.theme.set_projector(False)


def _shown(scene, formula: str) -> None:
    scene.controller.show_expression(formula, {name: VALUES[name] for name in VALUES})


def _curved(path: QPainterPath) -> bool:
    return any(path.elementAt(i).type == QPainterPath.ElementType.CurveToElement for i in range(path.elementCount()))


def _near(a: QPointF, b: QPointF, tolerance: float = 0.5) -> bool:
    return (a - b).manhattanLength() <= tolerance


def _on_path(path: QPainterPath, point: QPointF, tolerance: float = 1.5) -> bool:
    return any(_near(path.pointAtPercent(i / 400), point, tolerance) for i in range(401))


def _follows(scene, wire, route, spot) -> bool:
    """The wire passes the middle of its route: as laid out, give or take half the lift that
    brings each end level with its port."""
    start, end = scene.scene_pos(route[0]), scene.scene_pos(route[-1])
    lift = (abs(start.y() - wire.path().pointAtPercent(0).y()) + abs(end.y() - wire.path().pointAtPercent(1).y())) / 2
    return _on_path(wire.path(), scene.scene_pos(spot), lift + 1.5)


def test_wires_follow_their_routes_from_port_to_port_with_labels_at_the_spots(scene):
    _shown(scene, "(x + y) * z")
    routes = scene.controller.routes()
    for edge, wire in scene.wires.items():
        route, spot = routes[edge]
        path = wire.path()
        assert _curved(path)
        assert _near(path.pointAtPercent(0), scene.nodes[edge.src].out_port())
        assert _near(path.pointAtPercent(1), scene.nodes[edge.dst].in_port(edge.slot))
        middle = scene.scene_pos(spot)
        assert _follows(scene, wire, route, spot)  # the S-curve's middle is its label spot
        value, grad = wire.value_label.scenePos(), wire.grad_label.scenePos()
        assert value.x() == grad.x() == pytest.approx(middle.x()) and value.y() < middle.y() < grad.y()


def _drag(scene, item, offset: QPointF) -> None:
    """Press the left button on ``item`` and move the mouse by ``offset``, still pressed, as a drag does."""
    start = item.scenePos()
    left = Qt.MouseButton.LeftButton
    press, move = QEvent.Type.GraphicsSceneMousePress, QEvent.Type.GraphicsSceneMouseMove
    for kind, at in ((press, start), (move, start + offset)):
        event = QGraphicsSceneMouseEvent(kind)
        event.setScenePos(at)
        event.setLastScenePos(start)
        event.setButtonDownScenePos(left, start)
        event.setButtons(left)
        event.setButton(left if kind == press else Qt.MouseButton.NoButton)
        QApplication.sendEvent(scene, event)
    assert item.scenePos() == start + offset


def test_a_dragged_node_has_its_wires_drawn_straight_and_the_others_keep_their_routes(scene):
    _shown(scene, "(x + y) * z")
    x = scene.controller.graph.input_ids()["x"]
    _drag(scene, scene.nodes[x], QPointF(0, -40))
    mine = {e for e in scene.wires if x in (e.src, e.dst)}
    assert all(not _curved(scene.wires[e].path()) for e in mine)
    assert all(_curved(w.path()) for e, w in scene.wires.items() if e not in mine)
    (edge,) = mine
    assert _near(scene.wires[edge].path().pointAtPercent(0), scene.nodes[x].out_port())
    scene.commit_moves()  # the mouse is released: one undo step
    assert all(not _curved(scene.wires[e].path()) for e in mine)
    assert all(_curved(w.path()) for e, w in scene.wires.items() if e not in mine)
    scene.controller.undo_stack.undo()
    assert all(_curved(w.path()) for w in scene.wires.values())


def test_dragging_one_of_the_selected_nodes_moves_them_all_and_their_wires_follow(scene):
    _shown(scene, "(x + y) * z")
    x, z = (scene.controller.graph.input_ids()[name] for name in "xz")
    scene.nodes[z].setSelected(True)
    scene.nodes[x].setSelected(True)
    before = scene.nodes[z].scenePos()
    _drag(scene, scene.nodes[x], QPointF(0, -40))
    assert scene.nodes[z].scenePos() == before + QPointF(0, -40)
    moved = {e for e in scene.wires if {e.src, e.dst} & {x, z}}
    assert all(not _curved(scene.wires[e].path()) for e in moved)
    assert all(_curved(w.path()) for e, w in scene.wires.items() if e not in moved)
    (edge,) = [e for e in moved if e.src == z]
    assert _near(scene.wires[edge].path().pointAtPercent(0), scene.nodes[z].out_port())


def test_wires_are_stacked_in_the_graphs_order_whatever_the_hash_seed(scene):
    """Where two wires cross, the same one is drawn on top in every run (not in a set's order)."""
    _shown(scene, "(x + sigmoid(y)) / (sigmoid(x) + (x + y)**2) * tanh(x * y + z)")
    stacked = [item.key for item in reversed(scene.items()) if item in scene.wires.values()]
    assert len(stacked) >= 12 and stacked == scene.controller.graph.edges()


def test_the_output_arrow_follows_its_route_and_its_head_is_whole_and_filled(scene):
    _shown(scene, "x * y")
    arrow = scene.output_wire
    route, spot = scene.controller.routes()[OUTPUT]
    tip = scene.scene_pos(route[-1])
    assert arrow.path().boundingRect().right() == pytest.approx(tip.x()) and _on_path(arrow.path(), tip)
    bounds = arrow.boundingRect()
    image = QImage(int(bounds.width()) + 2, int(bounds.height()) + 2, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(-bounds.left() + 1, -bounds.top() + 1)
    arrow.paint(painter, None)
    painter.end()
    inside = [(8, 2), (8, -2), (10, 3), (10, -3), (4, 0), (6, 1)]  # (back from the tip, across): in the head
    offset = QPointF(-bounds.left() + 1, -bounds.top() + 1)
    points = [tip - QPointF(back, across) + offset for back, across in inside]
    assert all(image.pixelColor(int(p.x()), int(p.y())) != QColor("white") for p in points)  # filled, not a V
    assert bounds.contains(QRectF(tip.x() - 12, tip.y() - 6, 12, 12))  # the head's box, whole inside
    assert arrow.value_label.scenePos().x() == pytest.approx(scene.scene_pos(spot).x())


def test_routes_scale_with_projector_mode(scene):
    _shown(scene, "tanh(w1*x1 + w2*x2 + b)")
    scene.theme.set_projector(True)
    routes = scene.controller.routes()
    for edge, wire in scene.wires.items():
        assert _follows(scene, wire, *routes[edge])


def _room(scene) -> list[str]:
    """What is drawn beyond the room the layout measured for it, in model units."""
    sizes, scale, problems = scene.controller.sizes_of(scene.controller.graph), scene.style.scale, []
    for node_id, node in scene.nodes.items():
        w, h = sizes.nodes[node_id]
        room = QRectF(-w / 2, -h / 2, w, h)
        for part in (node.shape().boundingRect(), node.caption.mapRectToParent(node.caption.boundingRect()),
                     node.badge.mapRectToParent(node.badge.boundingRect())):
            drawn = QRectF(part.topLeft() / scale, part.bottomRight() / scale)
            if not part.isEmpty() and not room.contains(drawn):
                problems.append(f"{node.label()}: {drawn} outside {room}")
    w, h = sizes.label
    for wire in [*scene.wires.values(), scene.output_wire]:
        labels = wire.label_rect()
        if labels.width() / scale > w + 1e-6 or labels.height() / scale > h + 1e-6:
            problems.append(f"{wire.value_label.text()}/{wire.grad_label.text()}: {labels} beyond {sizes.label}")
    return problems


@pytest.mark.parametrize("projector", [False, True], ids=["laptop", "projector"])
def test_everything_drawn_fits_the_room_the_layout_measured(scene, projector):
    scene.theme.set_projector(projector)
    problems = {}
    for formula in FORMULAS:
        _shown(scene, formula)
        if found := _room(scene):
            problems[formula] = found
    assert not problems, problems
