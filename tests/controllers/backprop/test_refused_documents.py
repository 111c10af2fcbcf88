"""The Backprop controller after a failure: a document that cannot be adopted never becomes an
undo step, so the model, the drawing (graph_changed) and the undo stack stay together."""

import sys

import pytest

from gdgui.controllers.backprop import controller as controller_module
from gdgui.controllers.backprop.controller import GraphController
from gdgui.core.autodiff.graph import GraphError


@pytest.fixture
def controller(qtbot):
    graph_controller = GraphController()
    graph_controller.messages, graph_controller.redraws = [], []
    graph_controller.message.connect(graph_controller.messages.append)
    graph_controller.graph_changed.connect(lambda: graph_controller.redraws.append(graph_controller.state_dict()))
    assert graph_controller.set_expression("x^2 + 2*y^2")
    return graph_controller


def _unchanged(controller, before, depth, redraws):
    assert controller.state_dict() == before and controller.undo_stack.count() == depth
    assert controller.expression_text() == "x^2 + 2 * y^2"
    assert len(controller.redraws) == redraws


def test_a_document_that_cannot_be_named_is_refused_before_the_undo_stack(controller, monkeypatch):
    before, depth, redraws = controller.state_dict(), controller.undo_stack.count(), len(controller.redraws)
    real = controller_module.graph_text.display_names

    def refuse_z(graph, names):
        if "z" in graph.input_names():
            raise GraphError("the names of this graph cannot be shown")
        return real(graph, names)

    monkeypatch.setattr(controller_module.graph_text, "display_names", refuse_z)
    assert not controller.set_expression("z * 2")
    assert controller.messages[-1] == "Not changed: the names of this graph cannot be shown"
    _unchanged(controller, before, depth, redraws)
    controller.undo_stack.undo()  # the step before is still the one undone
    assert controller.graph.nodes == {}


def test_a_document_that_does_not_load_is_refused_before_the_undo_stack(controller, monkeypatch):
    before, depth, redraws = controller.state_dict(), controller.undo_stack.count(), len(controller.redraws)

    def refuse(data):
        raise GraphError("node 'n9' has no finite value")

    monkeypatch.setattr(controller_module, "document_from_dict", refuse)
    assert not controller.add_const((0.0, 0.0), 3.0)
    assert not controller.set_expression("x + y")
    assert controller.messages[-1] == "Not changed: node 'n9' has no finite value"
    _unchanged(controller, before, depth, redraws)


@pytest.mark.parametrize("text", ["x/0", "reciprocal(0) + x", "log(0)*x", "0/0 + x", "x + 1/0", "x^0",
                                  "0^-1*x", "sqrt(-1)+x", "exp(1000)*x", "10^400*x"])
def test_a_formula_with_undefined_values_is_drawn_with_a_note(controller, text):
    assert controller.set_expression(text)
    assert controller.walkthrough is not None and controller.pass_error == ""
    assert controller.redraws[-1] == controller.state_dict()
    if text != "x^0":
        assert controller.messages[-1].startswith("Note, column ") and "(" in controller.messages[-1]
    controller.undo_stack.undo()
    assert controller.expression_text() == "x^2 + 2 * y^2"
    controller.undo_stack.redo()
    assert controller.redraws[-1] == controller.state_dict()


@pytest.mark.parametrize("text, message", [
    ("x^reciprocal(0)", "Column 2: the exponent is infinite (division by zero)"),
    ("x^1e308", "Column 2: the exponent is larger than 1000 in magnitude"),
    ("09*x", "Column 1: a number cannot start with 0 (write 9, not 09)"),
])
def test_a_refused_formula_changes_nothing(controller, text, message):
    before, depth, redraws = controller.state_dict(), controller.undo_stack.count(), len(controller.redraws)
    assert not controller.set_expression(text)
    assert controller.messages[-1] == message
    _unchanged(controller, before, depth, redraws)


@pytest.mark.parametrize("text", ["^".join(["x"] * 500), "x^(" + "+".join(["x"] * 498) + ")"])
def test_500_deep_graphs_are_drawn_undone_and_redone_without_recursion(controller, text):
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(limit // 2)  # a walk recursing once per level of 500 would fail here
    try:
        assert controller.set_expression(text)
        controller.layouts.wait()  # a graph this big is laid out on a worker
        assert controller.walkthrough is not None
        controller.step_forward()
        controller.undo_stack.undo()
        controller.undo_stack.redo()
    finally:
        sys.setrecursionlimit(limit)
    assert controller.redraws[-1] == controller.state_dict() and len(controller.graph.nodes) >= 499
