"""Walkthrough of the passes and the lines the chain-rule panel prints, against hand-worked numbers."""

import numpy as np
import pytest

from gdgui.core.autodiff import graph_text
from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.graph import Edge, Graph, GraphError
from gdgui.core.autodiff.passes import BACKWARD, FORWARD, SEED, Walkthrough, plan
from tests.graph_corpus import FORMULAS


def _computed(text, values, names=None):
    graph = parse(text)
    graph.forward(values)
    graph.backward()
    ops = [n for n in graph.topo_order() if graph.nodes[n].kind == "op"]
    given = dict(zip(ops, names)) if names else {}
    return graph, graph_text.display_names(graph, given)


def test_plan_is_forward_in_topological_order_then_seed_then_reverse():
    graph, _ = _computed("(x + y) * z", {"x": -2, "y": 5, "z": -4})
    gates = [n for n in graph.topo_order() if graph.nodes[n].kind == "op"]
    steps = plan(graph)
    assert [s.phase for s in steps] == [FORWARD, FORWARD, SEED, BACKWARD, BACKWARD]
    assert [s.node_id for s in steps if s.phase == FORWARD] == gates
    assert [s.node_id for s in steps if s.phase == BACKWARD] == gates[::-1]


@pytest.mark.parametrize("text, names", [
    ("sin(cos(a)) + exp(b)", ["q", "r", "s", "f"]),
    ("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", ["q", "r", "s", "t", "u", "v", "g", "h", "f"]),
])
def test_gates_are_named_in_the_order_the_walkthrough_visits_them(text, names):
    # Names once came from one traversal and steps from another: the steps went q, s, r, f.
    graph, display = _computed(text, {"a": 1.0, "b": 2.0, "x": 1.0, "y": 2.0})
    assert [display[s.node_id] for s in plan(graph) if s.phase == FORWARD] == names


def test_dependency_order_skips_empty_slots_and_refuses_cycles():
    graph = parse("(a + b) * c")
    add = next(n.id for n in graph.nodes.values() if n.op == "add")
    graph.disconnect(add, 0)
    order = graph.dependency_order()
    assert order.index(graph.input_ids()["b"]) < order.index(add) < order.index(graph.output())
    graph.nodes[add].args[0] = graph.output()  # bypasses connect(), which refuses this
    with pytest.raises(GraphError, match="cycle"):
        graph.dependency_order()


def test_cs231n_example_lines_as_in_the_course():
    graph, names = _computed("(x + y) * z", {"x": -2, "y": 5, "z": -4})
    walk = Walkthrough(graph, cursor=5)
    assert [line.text for line in walk.lines(names)] == [
        "q = x + y = (−2) + 5 = 3",
        "f = q × z = 3 × (−4) = −12",
        "∂f/∂f = 1  (the backward pass starts at the output)",
        "∂f/∂q = ∂f/∂f · z = 1 × (−4) = −4",
        "∂f/∂z = ∂f/∂f · q = 1 × 3 = 3",
        "∂f/∂x = ∂f/∂q · 1 = (−4) × 1 = −4",
        "∂f/∂y = ∂f/∂q · 1 = (−4) × 1 = −4",
    ]
    assert [line.step for line in walk.lines(names)] == [0, 1, 2, 3, 3, 4, 4]


def test_visibility_grows_step_by_step():
    graph, _ = _computed("(x + y) * z", {"x": -2, "y": 5, "z": -4})
    q, f = [n for n in graph.topo_order() if graph.nodes[n].kind == "op"]
    ids = graph.input_ids()
    into_q = {Edge(ids["x"], q, 0), Edge(ids["y"], q, 1)}
    walk = Walkthrough(graph, 0)
    assert walk.edge_values_shown() == into_q | {Edge(ids["z"], f, 1)}  # the given inputs
    assert walk.edge_grads_shown() == set() and walk.current() is None
    walk.cursor = 1
    assert Edge(q, f, 0) in walk.edge_values_shown() and walk.current_edges() == {Edge(q, f, 0)}
    walk.cursor = 3
    assert walk.output_grad_shown() and walk.current_edges() == set()
    walk.cursor = 4
    assert walk.edge_grads_shown() == {Edge(q, f, 0), Edge(ids["z"], f, 1)}
    walk.cursor = 5
    assert walk.edge_grads_shown() == set(graph.edges()) and walk.current_edges() == into_q


def test_fork_sums_two_plus_three_when_both_contributions_have_arrived():
    graph, names = _computed("(a + b) * (b + 1)", {"a": 2, "b": 1}, ["c", "d", "e"])
    b = graph.input_ids()["b"]
    walk = Walkthrough(graph, len(plan(graph)) - 1)
    assert walk.branch_sums() == {}  # only the contribution via d has arrived
    walk.cursor += 1
    assert walk.branch_sums() == {b: [2.0, 3.0]}
    texts = [line.text for line in walk.lines(names)]
    assert "∂e/∂b (via d) = ∂e/∂d · 1 = 3 × 1 = 3" in texts
    assert "∂e/∂b (via c) = ∂e/∂c · 1 = 2 × 1 = 2" in texts
    assert texts[-1] == "∂e/∂b = 2 + 3 = 5  (gradients add where a value branches)"


def test_the_same_value_used_twice_by_one_gate_sums_too():
    graph, names = _computed("x * x", {"x": 3})
    walk = Walkthrough(graph, 3)
    assert walk.branch_sums() == {graph.input_ids()["x"]: [3.0, 3.0]}
    assert walk.lines(names)[-1].text.startswith("∂f/∂x = 3 + 3 = 6")


def test_cursor_is_clamped():
    graph, _ = _computed("exp(x)", {"x": 0})
    assert Walkthrough(graph, 99).cursor == 3 and Walkthrough(graph, -5).cursor == 0


def test_tooltip_has_full_precision_and_upstream_times_local():
    graph, names = _computed("reciprocal(exp((w0 + w1*x1 + w2*x2) * -1) + 1)",
                             {"x1": -1, "x2": -2, "w0": -3, "w1": 2, "w2": -3})
    edge = next(e for e in graph.edges() if e.src == graph.input_ids()["w1"])
    tip = graph_text.edge_tooltip(graph, edge, names)
    upstream = float(graph.grads[edge.dst])
    assert "value: 2.0" in tip and "upstream × local = contribution" in tip
    assert f"{upstream!r} × −1.0 = {(-upstream)!r}".replace("-", "−") in tip
    assert upstream == pytest.approx(0.19661193324148185, abs=1e-15)


def test_display_names_avoid_inputs_and_respect_given_names():
    graph, names = _computed("q * f + r", {"q": 1, "f": 2, "r": 3})
    gates = [n for n in graph.topo_order() if graph.nodes[n].kind == "op"]
    assert [names[g] for g in gates] == ["s", "t"]  # f, q and r are inputs here
    assert graph_text.display_names(graph, {gates[0]: "m"})[gates[0]] == "m"


def test_step_caption():
    graph, names = _computed("(x + y) * z", {"x": -2, "y": 5, "z": -4})
    assert graph_text.step_caption(Walkthrough(graph, 4), names) == "Step 4 of 5 · backward through f"
    assert graph_text.step_caption(Walkthrough(graph, 5), names).endswith("backward through q · done")


# ----- a constant shows its value and no gradient -----------------------------------------------
def test_a_constant_operand_shows_its_value_but_never_a_gradient_nor_a_line():
    # (x − 3)² at x = 1: q = −2, f = 4; ∂f/∂q = 2q = −4, ∂f/∂x = −4 · 1; the 3 has nothing to learn
    graph, names = _computed("(x-3)^2", {"x": 1.0})
    three = next(n for n, node in graph.nodes.items() if node.kind == "const")
    from_three = next(e for e in graph.edges() if e.src == three)
    walk = Walkthrough(graph, len(plan(graph)))
    assert from_three in walk.edge_values_shown() and from_three not in walk.edge_grads_shown()
    assert walk.edge_grads_shown() == set(graph.edges()) - {from_three}
    assert [line.text for line in walk.lines(names)] == [
        "q = x − 3 = 1 − 3 = −2",
        "f = q^2 = (−2)^2 = 4",
        "∂f/∂f = 1  (the backward pass starts at the output)",
        "∂f/∂q = ∂f/∂f · 2·q = 1 × 2 × (−2) = −4",
        "∂f/∂x = ∂f/∂q · 1 = (−4) × 1 = −4",
    ]
    tip = graph_text.edge_tooltip(graph, from_three, names)
    assert "value: 3.0" in tip and "no gradient" in tip and "upstream" not in tip


def test_a_constant_used_twice_gets_no_sum_badge():
    graph = Graph()  # x·2 + y·2 with one constant node wired to both gates, as a user may build it
    two = graph.add_const(2.0)
    graph.add_op("add", [graph.add_op("mul", [graph.add_input("x"), two]), graph.add_op("mul", [graph.add_input("y"), two])])
    graph.forward({"x": 1.0, "y": 1.0})
    graph.backward()
    walk = Walkthrough(graph, len(plan(graph)))
    assert walk.branch_sums() == {} and all(e.src != two for e in walk.edge_grads_shown())
    assert walk.line_count() == len(walk.lines(graph_text.display_names(graph))) == 8


@pytest.mark.parametrize("text, point, line", [
    ("x^-1", {"x": -2.0}, "f = x^(−1) = (−2)^(−1) = −0.5"),
    ("x^0.5", {"x": 4.0}, "f = x^0.5 = 4^0.5 = 2"),
    ("x^y", {"x": 2.0, "y": 3.0}, "f = x ^ y = 2 ^ 3 = 8"),
])
def test_forward_lines_of_powers(text, point, line):
    graph, names = _computed(text, point)
    assert Walkthrough(graph, 1).lines(names)[0].text == line


def test_a_power_gate_tooltip_names_its_exponent_and_rule():
    graph, names = _computed("x^-1", {"x": -2.0})
    tip = graph_text.node_tooltip(graph, graph.output(), names, {"x": -2.0})
    assert tip.startswith("f: ^−1 (power, k = −1)\nx^k with a constant exponent k: ∂/∂x = k·x^(k−1)")


# ----- max and min at a tie say where the gradient goes, and why --------------------------------
TIE_CAPTION = "max(2, 2): a tie — the whole gradient goes to the first argument, z (a convention)"


def test_max_at_a_tie_says_in_the_lines_the_caption_and_the_tooltip_where_the_gradient_goes():
    # f = (x·y + max(z, w))·2 at z = w = 2: ∂f/∂r = 2 goes whole to z (the first argument), w gets 0
    graph, names = _computed("((x*y) + max(z, w))*2", {"x": 3.0, "y": -4.0, "z": 2.0, "w": 2.0})
    steps = plan(graph)
    gate = next(n for n, node in graph.nodes.items() if node.op == "max")
    at_gate = next(i for i, s in enumerate(steps, 1) if s.phase == BACKWARD and s.node_id == gate)
    walk = Walkthrough(graph, at_gate)
    texts = [line.text for line in walk.lines(names) if line.step == at_gate - 1]
    assert texts == [
        "max(2, 2): a tie — the whole gradient goes to the first argument, z (a convention, as TensorFlow's "
        "tf.maximum has it; PyTorch's torch.maximum splits it half and half; either way it is a valid subgradient)",
        "∂f/∂z = ∂f/∂r · [z ≥ w] = 2 × [2 ≥ 2] = 2",
        "∂f/∂w = ∂f/∂r · [z < w] = 2 × [2 < 2] = 0",
    ]
    assert walk.line_count() == len(walk.lines(names))
    assert graph_text.step_caption(walk, names) == f"Step {at_gate} of {len(steps)} · backward through r · {TIE_CAPTION}"
    assert "forward" in graph_text.step_caption(Walkthrough(graph, 2), names)  # the forward step says nothing yet
    assert "a tie" not in graph_text.step_caption(Walkthrough(graph, 2), names)
    tip = graph_text.node_tooltip(graph, gate, names, {})
    assert "a tie — the whole gradient goes to the first argument, z" in tip and "torch.maximum" in tip
    # what the words say is what the pass did
    z, w = graph.input_ids()["z"], graph.input_ids()["w"]
    assert graph.edge_records[Edge(z, gate, 0)].grad == 2.0 and graph.edge_records[Edge(w, gate, 1)].grad == 0.0


def test_min_at_a_tie_and_max_without_one():
    graph, names = _computed("min(a, b)", {"a": -1.5, "b": -1.5})
    assert graph_text.tie_words(graph, graph.output(), names, why=False) == (
        "min(−1.5, −1.5): a tie — the whole gradient goes to the first argument, a (a convention)")
    assert "tf.minimum" in graph_text.tie_words(graph, graph.output(), names)
    graph, names = _computed("max(a, b)", {"a": 2.0, "b": 1.0})
    assert graph_text.tie_words(graph, graph.output(), names) is None
    assert "a tie —" not in graph_text.node_tooltip(graph, graph.output(), names, {})
    assert all("a tie" not in line.text for line in Walkthrough(graph, 3).lines(names))


@pytest.mark.parametrize("text", FORMULAS)
def test_no_shown_number_is_undefined_or_infinite_where_f_and_its_gradient_are_defined(text):
    # Negative bases included: x^2 once showed ∂(a^b)/∂b = a^b·ln a = NaN on its constant exponent's wire.
    graph = parse(text)
    rng = np.random.default_rng(len(text))
    checked = 0
    for point in rng.uniform(-3.5, 3.5, size=(20, len(graph.input_names()))):
        values = dict(zip(graph.input_names(), point))
        f, grads = graph.forward(values), graph.backward()
        if not np.isfinite([f, *grads.values()]).all():
            continue  # f or its gradient is itself undefined or infinite there: nothing to hide
        walk = Walkthrough(graph, len(plan(graph)))
        shown = [graph.values[e.src] for e in walk.edge_values_shown()] + [graph.values[walk.output]]
        shown += [graph.edge_records[e].grad for e in walk.edge_grads_shown()]
        shown += [part for parts in walk.branch_sums().values() for part in parts]
        assert np.isfinite(np.array(shown, dtype=float)).all(), (text, values)
        checked += 1
    assert checked >= 10
