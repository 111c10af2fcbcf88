"""GraphController: which changes bring a whole new document (the view fits those), and the edits that
remove many things at once (a selection, the whole graph) as one undo step."""

import json

import pytest

from gdgui.controllers.backprop.controller import GraphController
from gdgui.core.autodiff.graph import Edge


@pytest.fixture
def controller(qtbot):
    graph_controller = GraphController()
    graph_controller.replaced = []
    graph_controller.order = []
    graph_controller.document_replaced.connect(lambda: graph_controller.replaced.append(True))
    for name in ("graph_changed", "passes_changed", "document_replaced"):
        getattr(graph_controller, name).connect(lambda name=name: graph_controller.order.append(name))
    graph_controller.messages = []
    graph_controller.message.connect(graph_controller.messages.append)
    return graph_controller


def _count_after(controller, action) -> int:
    controller.replaced.clear()
    action()
    return len(controller.replaced)


def test_every_way_to_open_a_graph_says_the_document_was_replaced(controller, tmp_path):
    assert _count_after(controller, lambda: controller.load_preset("05-fork.json")) == 1
    assert _count_after(controller, lambda: controller.set_expression("x * y + z")) == 1
    assert _count_after(controller, lambda: controller.show_expression("x**2 + 2*y**2", {"x": -1.0, "y": 2.0})) == 1
    path = tmp_path / "g.json"
    assert controller.save_file(path)
    assert _count_after(controller, lambda: controller.open_file(path)) == 1
    assert _count_after(controller, lambda: controller.apply_state(json.loads(path.read_text()))) == 1
    # and going back over one of them brings another whole document
    assert _count_after(controller, controller.undo_stack.undo) == 1
    assert _count_after(controller, controller.undo_stack.redo) == 1


def test_the_signal_comes_after_the_graph_and_its_passes_changed(controller):
    controller.load_preset("05-fork.json")
    assert controller.order[-3:] == ["graph_changed", "passes_changed", "document_replaced"]


def test_edits_of_the_same_graph_are_not_new_documents(controller):
    controller.load_preset("05-fork.json")
    a = controller.graph.input_ids()["a"]
    edits = (lambda: controller.add_const((500.0, 300.0), 2.0),
             lambda: controller.move_nodes({a: (-50.0, -40.0)}),
             lambda: controller.set_input_value("a", "3"),
             lambda: controller.remove_nodes([a]),
             controller.undo_stack.undo,
             controller.clear_graph,
             controller.undo_stack.undo)
    for edit in edits:
        assert _count_after(controller, edit) == 0


def test_a_refused_formula_replaces_nothing(controller):
    controller.load_preset("05-fork.json")
    assert _count_after(controller, lambda: controller.set_expression("x +")) == 0


def test_clear_graph_empties_it_in_one_undo_step_and_undo_brings_it_all_back(controller):
    controller.load_preset("04-sigmoid-neuron.json")
    before, steps = controller.state_dict(), controller.undo_stack.count()
    assert controller.clear_graph()
    assert controller.graph.nodes == {} and controller.walkthrough is None
    assert controller.undo_stack.count() == steps + 1
    assert "Undo" in controller.messages[-1]
    controller.undo_stack.undo()
    assert controller.state_dict() == before
    controller.undo_stack.redo()
    assert controller.graph.nodes == {}


def test_clearing_an_empty_graph_says_so_and_adds_no_undo_step(controller):
    assert not controller.clear_graph()
    assert controller.undo_stack.count() == 0 and controller.messages == ["The graph is already empty"]


def test_a_selection_of_nodes_and_wires_goes_in_one_undo_step(controller):
    controller.load_preset("05-fork.json")
    ids = controller.graph.input_ids()
    before, steps = controller.state_dict(), controller.undo_stack.count()
    a_wire = next(e for e in controller.graph.edges() if e.src == ids["a"])
    b_wire = next(e for e in controller.graph.edges() if e.src == ids["b"])
    assert controller.remove_selection([ids["a"]], [(b_wire.dst, b_wire.slot), (a_wire.dst, a_wire.slot)])
    assert ids["a"] not in controller.graph.nodes and ids["b"] in controller.graph.nodes
    assert Edge(ids["b"], b_wire.dst, b_wire.slot) not in controller.graph.edges()
    assert controller.undo_stack.count() == steps + 1
    controller.undo_stack.undo()
    assert controller.state_dict() == before


def test_an_empty_selection_changes_nothing(controller):
    controller.load_preset("05-fork.json")
    steps = controller.undo_stack.count()
    assert not controller.remove_selection([], [])
    assert controller.undo_stack.count() == steps
