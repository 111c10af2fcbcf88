"""σ ↔ primitive gates, and the validated edits of a graph document."""

import math

import pytest

from gdgui.core.autodiff import graph_edits, graph_text, rewrite
from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.graph import GraphError
from gdgui.core.files.graph_files import load_document
from gdgui.resources import resource_path

NEURON = {"w0": 2.0, "x0": -1.0, "w1": -3.0, "x1": -2.0, "w2": -3.0}


def _grads(graph, values):
    value = float(graph.forward(values))
    return value, {k: float(v) for k, v in graph.backward().items()}


def _sigma_id(graph):
    return next(n.id for n in graph.nodes.values() if n.op == "sigmoid")


def test_expanding_sigma_keeps_value_every_input_gradient_and_the_users():
    graph = parse("sigmoid(w0*x0 + w1*x1 + w2) * 2")
    before = _grads(graph, NEURON)
    sigma = _sigma_id(graph)
    chain = rewrite.expand_sigmoid(graph, sigma)
    gates = (chain.mul, chain.exp, chain.add, chain.reciprocal)
    assert [graph.nodes[g].op for g in gates] == ["mul", "exp", "add", "reciprocal"]
    assert chain.reciprocal == sigma and graph.nodes[chain.minus_one].value == -1.0
    after = _grads(graph, NEURON)
    assert after[0] == pytest.approx(before[0], rel=1e-15)
    for name, grad in before[1].items():
        assert after[1][name] == pytest.approx(grad, rel=1e-12)
    assert rewrite.find_sigmoid_chains(graph) == [chain]


def test_collapsing_gives_back_one_sigma_with_the_same_gradients():
    doc = load_document(resource_path("graphs", "02-logistic-regression.json"))
    before = _grads(doc.graph, doc.values)
    (chain,) = rewrite.find_sigmoid_chains(doc.graph)
    assert rewrite.collapse_sigmoid(doc.graph, chain.exp) == chain.reciprocal
    assert sorted(n.op for n in doc.graph.nodes.values() if n.kind == "op") == ["add", "add", "mul", "mul", "sigmoid"]
    after = _grads(doc.graph, doc.values)
    assert after[0] == pytest.approx(before[0], rel=1e-15)
    assert after[1] == pytest.approx(before[1], rel=1e-12)


def test_identity_line_sigma_one_minus_sigma_is_the_product_of_local_gradients():
    graph = parse("sigmoid(z)")
    chain = rewrite.expand_sigmoid(graph, _sigma_id(graph))
    _grads(graph, {"z": 1.0})
    s = 1 / (1 + math.e ** -1)
    locals_ = [-1.0, math.e ** -1, 1.0, -1 / (1 + math.e ** -1) ** 2]
    assert math.prod(locals_) == pytest.approx(s * (1 - s))
    line = graph_text.sigmoid_identity_line(graph, chain)
    assert line.startswith("σ(1−σ) = 0.7311 × 0.2689 = 0.1966 = (−1) × 0.3679 × 1 × (−0.5344)")


def test_refusals():
    graph = parse("exp(x) + 1")
    with pytest.raises(GraphError, match="only a σ gate"):
        rewrite.expand_sigmoid(graph, next(iter(graph.nodes)))
    with pytest.raises(GraphError, match="not part of"):
        rewrite.collapse_sigmoid(graph, next(iter(graph.nodes)))
    shared = parse("reciprocal(exp(x * -1) + 1) + exp(x * -1)")  # separate nodes: still one chain
    assert len(rewrite.find_sigmoid_chains(shared)) == 1
    graph = parse("reciprocal(exp(x * -1) + 1)")
    (chain,) = rewrite.find_sigmoid_chains(graph)
    graph.add_op("sin", [chain.exp])  # exp's value now has a second user: not a pure σ any more
    assert rewrite.find_sigmoid_chains(graph) == []


@pytest.mark.parametrize("name", ["1x", "", "pi", "exp", "for", "_x", "a b", "x"])
def test_invalid_or_taken_input_names_are_refused(name):
    graph = parse("x + y")
    with pytest.raises(GraphError):
        graph_edits.check_input_name(graph, name)


def test_values_from_text():
    assert graph_edits.parse_value(" −2.5 ") == -2.5
    for bad in ("abc", "inf", "nan", ""):
        with pytest.raises(GraphError):
            graph_edits.parse_value(bad)


def _fork():
    return load_document(resource_path("graphs", "05-fork.json"))


def test_edit_input_renames_and_sets_the_value_in_one_go():
    doc = _fork()
    a = doc.graph.input_ids()["a"]
    graph_edits.edit_input(doc, a, "alpha = −4")
    assert doc.values == {"alpha": -4.0, "b": 1.0} and doc.graph.nodes[a].name == "alpha"
    graph_edits.edit_input(doc, a, "7")
    assert doc.values["alpha"] == 7.0
    with pytest.raises(GraphError):
        graph_edits.edit_input(doc, a, "b = 1")


def test_gradient_step_moves_each_parameter_against_its_gradient():
    doc = load_document(resource_path("graphs", "02-logistic-regression.json"))
    _, grads = _grads(doc.graph, doc.values)
    old = dict(doc.values)
    changes = graph_edits.gradient_step(doc, grads)
    assert set(changes) == {"w0", "w1", "w2"}
    for name in ("w0", "w1", "w2"):
        assert doc.values[name] == old[name] - 0.5 * grads[name]
    assert doc.values["w1"] == pytest.approx(2.0 + 0.5 * 0.1966119, abs=1e-7)
    assert doc.values["x1"] == old["x1"]
    doc.params = []
    with pytest.raises(GraphError, match="choose the parameters"):
        graph_edits.gradient_step(doc, grads)


def test_from_expression_keeps_known_values_and_lays_out():
    doc = graph_edits.from_expression("a * c", {"c": 5.0}, old={"a": -2.0, "z": 9.0})
    assert doc.values == {"a": -2.0, "c": 5.0}
    assert all(node.pos is not None for node in doc.graph.nodes.values())


def test_remove_and_missing_arguments():
    doc = _fork()
    graph_edits.remove_nodes(doc, [doc.graph.input_ids()["a"]])
    assert doc.values == {"b": 1.0}
    assert list(graph_edits.missing_arguments(doc.graph).values()) == ["needs argument 1"]


def test_a_power_gate_added_by_hand_squares_and_its_exponent_is_edited_like_a_constant():
    doc = graph_edits.from_expression("x * 1", {"x": -3.0})
    power = doc.graph.add_op("power", [doc.graph.input_ids()["x"]])
    assert doc.graph.nodes[power].label == "^2"  # the default k: x², until changed
    graph_edits.set_const_value(doc, power, "−1")
    assert doc.graph.nodes[power].label == "^−1" and doc.graph.nodes[power].exponent == -1.0
    doc.graph.output_id = power
    assert doc.graph.forward(doc.values) == pytest.approx(-1 / 3)
    for text, words in (("abc", "not a number"), ("1001", "larger than 1000"), ("nan", "finite")):
        with pytest.raises(GraphError, match=words):
            graph_edits.set_const_value(doc, power, text)
    assert doc.graph.nodes[power].exponent == -1.0
