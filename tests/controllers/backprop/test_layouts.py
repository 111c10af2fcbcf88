"""The graph controller's layouts: sizes measured for the engine, routes remembered through edits and
undo (a dragged node loses only its own wires' routes), and one status line for the fallback."""

import dataclasses

import pytest

from gdgui.controllers.backprop import metrics
from gdgui.controllers.backprop.controller import GraphController
from gdgui.controllers.backprop.layout_memory import MEMORY
from gdgui.controllers.shell.theme import NORMAL
from gdgui.core.autodiff import layout
from gdgui.core.autodiff.graph_layout import OUTPUT, LayoutSizes
from gdgui.core.numbers import short
from tests.curved_layout import curved_layouts


@pytest.fixture
def controller(qtbot):
    graph_controller = GraphController(laptop=NORMAL)
    graph_controller.messages = []
    graph_controller.message.connect(graph_controller.messages.append)
    return graph_controller


@pytest.fixture
def curved(monkeypatch):
    curved_layouts(monkeypatch)


def _wires(controller) -> set:
    return {*controller.graph.edges(), OUTPUT}


def _id(controller, name):
    return controller.graph.input_ids()[name]


def test_sizes_reserve_room_for_sum_badges_warnings_and_any_number(controller):
    controller.set_expression("x*x + y")
    graph, sizes = controller.graph, controller.sizes_of(controller.graph)
    x, y = _id(controller, "x"), _id(controller, "y")
    assert sizes.nodes[x][1] > sizes.nodes[y][1]  # x branches: room below for "Σ a + b = c"
    style = metrics.style_for(NORMAL, NORMAL)
    sum_room = metrics.plate_rect(style.label_font(bold=True), f"Σ {short(-1.2345e-300)} + ({short(-5.4321e-300)})"
                                                               f" = {short(-6.666e-300)}").width()
    assert sizes.nodes[x][0] >= sum_room
    for value in (-1.2345e-300, -0.00012345, -123456789.0, float("nan"), float("-inf")):
        assert sizes.label[0] >= metrics.plate_rect(style.label_font(bold=True), short(value)).width()
    controller.set_digits(8)
    assert controller.sizes_of(graph).label[0] > sizes.label[0]
    controller.unwire(graph.output(), 1)  # the sum gate now misses its argument 2
    gate = controller.graph.output_id or next(n for n, node in controller.graph.nodes.items() if node.op == "add")
    warning = metrics.plate_rect(style.label_font(bold=True), "⚠ needs argument 2").width()
    assert controller.sizes_of(controller.graph).nodes[gate][0] >= warning


def test_a_controller_without_a_window_estimates_sizes(qtbot):
    plain = GraphController()
    plain.set_expression("tanh(x)")
    assert plain.sizes_of(plain.graph) == LayoutSizes.estimate(plain.graph)


def test_every_wire_gets_its_route_and_keeps_it_through_value_edits(controller, curved):
    controller.set_expression("(x + y) * z")
    assert set(controller.routes()) == _wires(controller)
    controller.set_input_value("x", "-2")  # the document goes through plain data, which has no layout
    assert set(controller.routes()) == _wires(controller)
    route, spot = controller.routes()[OUTPUT]
    assert route[0][0] > controller.graph.nodes[controller.graph.output()].pos[0] and spot is not None


def test_a_dragged_node_loses_only_its_own_wires_routes_until_tidy(controller, curved):
    controller.set_expression("(x + y) * z")
    x = _id(controller, "x")
    x_pos = controller.graph.nodes[x].pos
    controller.move_nodes({x: (x_pos[0], x_pos[1] - 30.0)})
    assert set(controller.routes()) == {e for e in _wires(controller) if e is OUTPUT or x not in (e.src, e.dst)}
    controller.undo_stack.undo()
    assert set(controller.routes()) == _wires(controller)
    controller.undo_stack.redo()
    controller.tidy_layout()
    assert set(controller.routes()) == _wires(controller)


def test_routes_come_back_on_undo_while_the_layout_is_remembered(controller, curved):
    formulas = ["sin(x)"] + [f"cos(x) + {k}" for k in range(MEMORY)]  # no later layout has a sin gate
    for formula in formulas:
        controller.set_expression(formula)
    for _ in range(MEMORY - 1):
        controller.undo_stack.undo()
    assert set(controller.routes()) == _wires(controller)  # the oldest layout still remembered
    controller.undo_stack.undo()  # the first formula's layout was forgotten: its wires are drawn straight
    assert controller.expression_text() == "sin(x)" and controller.routes() == {}


def test_straight_wire_layouts_give_no_routes(controller, monkeypatch):
    arrange = layout.arrange
    monkeypatch.setattr(layout, "arrange", lambda g, s=None: dataclasses.replace(arrange(g, s), engine="layered"))
    controller.set_expression("(x + y) * z")
    assert controller.routes() == {}


def test_the_fallback_is_said_once_after_what_the_action_said(controller, monkeypatch):
    arrange = layout.arrange
    monkeypatch.setattr(layout, "arrange", lambda g, s=None: dataclasses.replace(arrange(g, s), engine="layered"))
    said = "Graphviz layout unavailable (pygraphviz is not installed): using the simple layout"
    monkeypatch.setattr(layout, "ENGINE_PROBLEM", said, raising=False)
    assert controller.load_preset("05-fork.json")  # presets carry no positions: laid out as they open
    assert controller.messages[-2:] == [f"Opened {controller.document.title}", said]
    controller.set_expression("x * y")
    controller.tidy_layout()
    assert controller.messages.count(said) == 1


def test_no_fallback_line_without_a_problem(controller, monkeypatch, curved):
    monkeypatch.setattr(layout, "ENGINE_PROBLEM", None, raising=False)
    controller.set_expression("x * y")
    assert not any("simple layout" in m for m in controller.messages)


def test_a_layout_that_says_why_it_fell_back_is_heard(controller, monkeypatch):
    arrange = layout.arrange
    why = "Graphviz would take too long for 1,200 nodes (more than 1,000): using the simple layout"

    def fallback(graph, sizes=None):
        laid = dataclasses.replace(arrange(graph, sizes), engine="layered")
        laid.problem = why  # the layout's own reason (this graph is too big), before the engine's
        return laid
    monkeypatch.setattr(layout, "arrange", fallback)
    controller.set_expression("x * y")
    assert controller.messages[-1] == why


def test_a_new_formula_is_laid_out_with_its_own_gate_names_not_the_last_graphs(controller, monkeypatch):
    """The last graph named gate n2 at length; the new formula's n2 is just f, and is sized as such."""
    controller.set_expression("x*y + z")
    state = controller.state_dict()
    gate = next(node_id for node_id, node in controller.graph.nodes.items() if node.kind == "op")
    state["names"] = {gate: "a_very_long_name_for_this_gate"}
    controller.apply_state(state)
    seen = []
    monkeypatch.setattr(layout, "arrange", lambda graph, sizes, real=layout.arrange: (seen.append(sizes),
                                                                                        real(graph, sizes))[1])
    controller.set_expression("x*y")
    assert gate in controller.graph.nodes and controller.document.names.get(gate) is None
    assert seen[-1].nodes[gate] == controller.sizes_of(controller.graph, {}).nodes[gate]
    assert seen[-1].nodes[gate][0] < controller.sizes_of(controller.graph, state["names"]).nodes[gate][0]
