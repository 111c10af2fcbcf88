"""GraphController: edits with undo, refusals, files, the Descent link, stepping and learning."""

import json

import numpy as np
import pytest

from gdgui.controllers.backprop.controller import GraphController
from gdgui.core.autodiff.graph import GraphError
from gdgui.core.autodiff.passes import BACKWARD, plan
from gdgui.core.descent.functions import get_function
from gdgui.core.json_files import MAX_JSON_BYTES
from gdgui.resources import resource_path


def _fork(controller):
    assert controller.load_preset("05-fork.json")
    return controller


def test_show_expression_gives_the_descent_gradient_exactly(controller):
    himmelblau = get_function("himmelblau")
    for point in ((1.3, -0.7), (-2.805118, 3.131313), (4.2, 1e-3)):
        controller.show_expression(himmelblau.formula, {"x": point[0], "y": point[1]})
        ids = controller.graph.input_ids()
        value, grad = himmelblau.value_and_grad(np.array([point]))
        shown = [float(controller.graph.grads[ids[name]]) for name in ("x", "y")]
        np.testing.assert_allclose(shown, grad[0], rtol=1e-12, atol=1e-12)
        assert float(controller.graph.values[controller.graph.output()]) == pytest.approx(value[0], rel=1e-12)
        _assert_unsolved(controller.walkthrough)
        controller.run_backward()  # End
        assert controller.walkthrough.cursor == len(controller.walkthrough.steps)


def _assert_unsolved(walk):
    """Every gate's value shown, no gradient yet: the backward pass at its step 0."""
    assert all(walk.has_value(node_id) for node_id in walk.graph.nodes)
    assert walk.edge_grads_shown() == set() and walk.cursor == walk.forward_count < len(walk.steps)


def test_ctrl_g_opens_unsolved_and_right_steps_a_gate_while_typed_formulas_and_presets_open_solved(controller):
    controller.show_expression("x**2 + 2*y**2", {"x": -1.0, "y": 2.0})  # Ctrl+G from the Descent tab
    walk = controller.walkthrough
    _assert_unsolved(walk)
    controller.step_forward()  # Right
    assert controller.walkthrough.cursor == walk.forward_count + 1
    controller.set_expression("x**2 + 2*y**2 + 1")
    assert controller.walkthrough.cursor == len(controller.walkthrough.steps)
    _fork(controller)
    assert controller.walkthrough.cursor == len(controller.walkthrough.steps)


def test_an_unsolved_graph_stays_unsolved_through_edits_until_a_step(controller):
    _fork(controller)
    controller.apply_state(controller.state_dict() | {"values": {"a": 3.0, "b": 1.0}}, solved=False)
    _assert_unsolved(controller.walkthrough)
    assert controller.set_input_value("a", "4")
    assert controller.add_input((0.0, 300.0), "z")  # another structure: still every value, no gradient
    _assert_unsolved(controller.walkthrough)
    controller.step_back()
    assert controller.add_input((0.0, 400.0), "w")
    assert controller.walkthrough.cursor == 0  # a partial walk of another graph starts over, as before


def test_a_parse_error_reports_the_column_and_keeps_the_graph(controller, qtbot):
    _fork(controller)
    before = controller.state_dict()
    with qtbot.waitSignal(controller.parse_failed, timeout=1000) as signal:
        assert not controller.set_expression("x + * y")
    assert signal.args[1] == 5
    assert controller.state_dict() == before and controller.messages[-1].startswith("Column 5")


@pytest.mark.parametrize("action, words", [
    (lambda c, ids: c.wire(ids["f"], ids["c"], 0), "already connected"),
    (lambda c, ids: c.rename_input(ids["a"], "2a"), "not a valid input name"),
    (lambda c, ids: c.rename_input(ids["a"], "b"), "already an input"),
    (lambda c, ids: c.set_input_value("a", "two"), "not a number"),
    (lambda c, ids: c.set_const_value(ids["1"], "inf"), "finite"),
    (lambda c, ids: c.expand_sigmoid(ids["c"]), "only a σ gate"),
])
def test_bad_edits_are_refused_with_a_message_and_no_change(controller, action, words):
    _fork(controller)
    names = controller.names()
    ids = {names[node_id]: node_id for node_id in controller.graph.nodes}
    before, depth = controller.state_dict(), controller.undo_stack.count()
    assert not action(controller, ids)
    assert controller.state_dict() == before and controller.undo_stack.count() == depth
    assert words in controller.messages[-1]


def test_a_connection_that_would_make_a_cycle_is_refused(controller):
    _fork(controller)
    c = next(i for i, n in controller.names().items() if n == "c")
    before = controller.state_dict()
    assert controller.unwire(c, 0)
    e = controller.graph.output()
    assert not controller.wire(e, c, 0)
    assert "cycle" in controller.messages[-1]
    assert controller.graph.nodes[c].args[0] is None
    controller.undo_stack.undo()
    assert controller.state_dict() == before


def test_undo_and_redo_restore_every_exact_state(controller):
    states = [controller.state_dict()]
    edits = [
        lambda c: c.load_preset("04-sigmoid-neuron.json"),
        lambda c: c.add_input((10.0, 20.0)),
        lambda c: c.add_op("tanh", (200.0, 20.0)),
        lambda c: c.wire(c.graph.input_ids()["x"], _last_op(c), 0),
        lambda c: c.move_nodes({_last_op(c): (250.5, -40.25)}),
        lambda c: c.rename_input(c.graph.input_ids()["x"], "bias"),
        lambda c: c.set_input_value("w0", "−1.5"),
        lambda c: c.remove_nodes([_last_op(c)]),
        lambda c: c.expand_sigmoid(next(n.id for n in c.graph.nodes.values() if n.op == "sigmoid")),
        lambda c: c.gradient_step(),
        lambda c: c.set_expression("x*y + 1"),
    ]
    for edit in edits:
        assert edit(controller), controller.messages
        states.append(controller.state_dict())
    assert len({json.dumps(s, sort_keys=True) for s in states}) == len(states)
    for state in reversed(states[:-1]):
        controller.undo_stack.undo()
        assert controller.state_dict() == state
    for state in states[1:]:
        controller.undo_stack.redo()
        assert controller.state_dict() == state


def _last_op(controller):
    return max((n for n in controller.graph.nodes.values() if n.op == "tanh"), key=lambda n: n.id).id


def test_save_then_open_round_trip_is_identical(controller, tmp_path):
    _fork(controller)
    controller.move_nodes({controller.graph.output(): (12.5, 7.0)})
    assert controller.save_file(tmp_path / "fork.json")
    state = controller.state_dict()
    controller.set_expression("x")
    assert controller.open_file(tmp_path / "fork.json")
    assert controller.state_dict() == state


def test_a_graph_too_large_to_open_again_is_not_saved(controller, tmp_path):
    _fork(controller)
    controller.apply_state(dict(controller.state_dict(), title="t" * MAX_JSON_BYTES))
    assert not controller.save_file(tmp_path / "huge.json")
    assert controller.messages[-1].startswith("Not saved: huge.json would be")
    assert list(tmp_path.iterdir()) == []


BAD_FILES = {
    "truncated.json": lambda text: text[:120],
    "version.json": lambda text: text.replace('"version": 1', '"version": 7'),
    "unknown-op.json": lambda text: text.replace('"op": "mul"', '"op": "convolve"'),
    "cycle.json": lambda text: text.replace('"kind": "input",\n      "name": "a"',
                                            '"args": ["n5"], "kind": "op", "op": "exp"'),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_is_refused_and_the_graph_is_untouched(controller, tmp_path, name):
    text = BAD_FILES[name](resource_path("graphs", "05-fork.json").read_text())
    (tmp_path / name).write_text(text)
    controller.load_preset("03-cs231n-simple.json")
    before, depth = controller.state_dict(), controller.undo_stack.count()
    assert not controller.open_file(tmp_path / name)
    assert controller.state_dict() == before and controller.undo_stack.count() == depth
    assert controller.messages[-1].startswith("Not opened:")


def test_the_cycle_file_really_describes_a_cycle():
    text = BAD_FILES["cycle.json"](resource_path("graphs", "05-fork.json").read_text())
    with pytest.raises(GraphError, match="cycle"):
        GraphController().apply_state(json.loads(text))


def test_apply_state_validates_first(controller):
    _fork(controller)
    state = controller.state_dict()
    for bad in ({}, {**state, "values": {"a": 1.0}}, {**state, "version": 2}):
        with pytest.raises(ValueError):
            controller.apply_state(bad)
        assert controller.state_dict() == state
    controller.set_expression("x")
    controller.apply_state(state)
    assert controller.state_dict() == state


def test_stepping_backward_visits_gates_in_reverse_topological_order(controller, qtbot):
    controller.load_preset("02-logistic-regression.json")
    controller.rewind()
    gates = [n for n in controller.graph.topo_order() if controller.graph.nodes[n].kind == "op"]
    controller.run_forward()
    assert controller.walkthrough.cursor == len(gates)
    visited = []
    for _ in range(len(gates) + 1):
        with qtbot.waitSignal(controller.passes_changed, timeout=1000):
            controller.step_forward()
        step = controller.walkthrough.current()
        visited.append(step.node_id) if step.phase == BACKWARD else None
    assert visited == gates[::-1]
    controller.step_back()
    assert controller.walkthrough.current().node_id == gates[1]
    controller.run_backward()
    assert controller.walkthrough.cursor == len(plan(controller.graph))


def test_passes_are_off_until_the_graph_is_complete(controller):
    controller.set_expression("x * y")
    controller.add_op("exp", (0.0, 0.0))
    exp = next(n.id for n in controller.graph.nodes.values() if n.op == "exp")
    assert controller.walkthrough is None and "missing argument 1" in controller.pass_error
    controller.step_forward()
    assert "cannot run yet" in controller.messages[-1]
    assert controller.wire(controller.graph.output(), exp, 0)  # the new gate becomes the output
    assert controller.walkthrough is not None and controller.walkthrough.output == exp
    controller.add_input((0.0, 0.0))
    assert "exactly one output" in controller.pass_error


def test_gradient_step_makes_the_logistic_unit_learn(controller):
    controller.load_preset("02-logistic-regression.json")
    ids = controller.graph.input_ids()
    grads = {name: float(controller.graph.grads[ids[name]]) for name in ("w0", "w1", "w2")}
    f0 = float(controller.graph.values[controller.graph.output()])
    assert controller.gradient_step()
    values = controller.document.values
    assert values["w0"] == pytest.approx(-3 - 0.5 * 0.1966119, abs=1e-7)
    assert values["w2"] == -3 - 0.5 * grads["w2"]
    f1 = float(controller.graph.values[controller.graph.output()])
    assert f1 < f0 and "f went from 0.7311" in controller.messages[-1]
    assert controller.walkthrough.cursor == len(controller.walkthrough.steps)


def test_gradient_check_rows_are_good_for_every_preset(controller):
    for _, file_name in controller.presets():
        controller.load_preset(file_name)
        rows, verdict = controller.check_gradients()
        assert [row[0] for row in rows] == controller.graph.input_names()
        assert {row[3] for row in rows} <= {"good", "doubtful"}, (file_name, rows)
        assert verdict.startswith("Agrees: max relative error"), verdict


def test_gradient_check_of_an_infinite_slope_says_cannot_check_and_why(controller):
    assert controller.set_expression("log(x)")
    assert controller.set_input_value("x", "0")
    rows, verdict = controller.check_gradients()
    assert [(row[0], row[2], row[3]) for row in rows] == [("x", "undefined", "cannot check")]
    assert verdict.startswith("Cannot check: ∂f/∂x is ∞ by the backward pass and undefined by central differences")
    assert controller.messages[-1].startswith("Gradient check: cannot check (∂f/∂x is ∞")


def test_expand_and_collapse_keep_every_input_gradient(controller):
    controller.load_preset("04-sigmoid-neuron.json")
    ids = controller.graph.input_ids()
    before = {n: float(controller.graph.grads[i]) for n, i in ids.items()}
    sigma = next(n.id for n in controller.graph.nodes.values() if n.op == "sigmoid")
    assert controller.expand_sigmoid(sigma)
    assert len(controller.graph.nodes) == 15 and controller.sigmoid_identity_lines()
    expanded = {n: float(controller.graph.grads[i]) for n, i in ids.items()}
    assert controller.collapse_sigmoid(sigma)
    collapsed = {n: float(controller.graph.grads[i]) for n, i in ids.items()}
    assert expanded == pytest.approx(before, rel=1e-12) and collapsed == pytest.approx(before, rel=1e-12)


def test_precision_and_open_graph_argument(controller):
    assert controller.open_graph_argument("05-fork")
    controller.set_digits(6)
    assert controller.format(-0.19661193324148185) == "−0.196612"
    controller.set_digits(99)
    assert controller.digits == 8
    assert not controller.open_graph_argument("no-such-graph.json")
    assert controller.open_graph_argument("(x-3)^2") and controller.expression_text() == "(x - 3)^2"


def test_a_program_opens_from_a_file_or_its_text_and_stays_the_formula_on_show(controller, tmp_path):
    from tests.micrograd_programs import NEURON_GRADS, NEURON_SHORT

    path = tmp_path / "neuron.txt"
    path.write_text(NEURON_SHORT, encoding="utf-8")
    said = []
    controller.message.connect(said.append)
    assert controller.open_graph_argument(str(path)) and controller.expression_text() == NEURON_SHORT
    graph = controller.graph
    assert {n: float(graph.grads[i]) for n, i in graph.input_ids().items()} == pytest.approx(NEURON_GRADS, abs=1e-9)
    assert "(from the program)" in said[-1] and controller.names()[graph.output()] == "o"
    controller.tidy_layout()  # positions move, the graph is still the program's
    controller.layouts.wait()
    assert controller.expression_text() == NEURON_SHORT
    controller.set_input_value("x1", "3")  # a value the program does not give: still its graph
    assert controller.expression_text() == NEURON_SHORT
    assert controller.open_graph_argument("u = 2.0; v = u * u") and controller.expression_text() == "u = 2.0; v = u * u"
