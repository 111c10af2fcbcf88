"""The shipped graph presets: each loads, and its numbers match the course and finite differences."""

import json
import math

import numpy as np
import pytest

from gdgui.core.autodiff import graph_text
from gdgui.core.autodiff.graph import GraphError
from gdgui.core.autodiff.graph_document import document_from_dict, document_to_dict
from gdgui.core.autodiff.passes import Walkthrough, plan
from gdgui.core.files.graph_files import load_document, save_document
from gdgui.resources import resource_path

PRESETS = sorted(p.name for p in resource_path("graphs").glob("*.json"))


def _run(name):
    doc = load_document(resource_path("graphs", name))
    value = float(doc.graph.forward(doc.values))
    grads = {k: float(v) for k, v in doc.graph.backward().items()}
    return doc, value, grads


def _sigmoid(z):
    return 1 / (1 + math.exp(-z))


def _central_differences(f, values, h=1e-6):
    grads = {}
    for name in values:
        up, down = dict(values), dict(values)
        up[name] += h
        down[name] -= h
        grads[name] = (f(**up) - f(**down)) / (2 * h)
    return grads


# Independent formulas of each preset, written by hand (not through the engine).
FORMULAS = {
    "01-sum-times.json": lambda x1, x2, x3: (x1 + x2) * x3,
    "02-logistic-regression.json": lambda x1, x2, w0, w1, w2: _sigmoid(w0 + w1 * x1 + w2 * x2),
    "03-cs231n-simple.json": lambda x, y, z: (x + y) * z,
    "04-sigmoid-neuron.json": lambda w0, x0, w1, x1, w2: _sigmoid(w0 * x0 + w1 * x1 + w2),
    "05-fork.json": lambda a, b: (a + b) * (b + 1),
    "06-max-router.json": lambda x, y, z, w: (x * y + max(z, w)) * 2,
    "07-neuron-squared-error.json": lambda w0, w1, x1, w2, x2, t: (_sigmoid(w0 + w1 * x1 + w2 * x2) - t) ** 2,
    "08-neuron-log-loss.json": lambda w0, w1, x1, w2, x2, t: -(t * math.log(_sigmoid(w0 + w1 * x1 + w2 * x2))
                                                               + (1 - t) * math.log(1 - _sigmoid(w0 + w1 * x1 + w2 * x2))),
}


def test_there_are_the_eight_course_presets():
    assert PRESETS == sorted(FORMULAS)


@pytest.mark.parametrize("name", PRESETS)
def test_each_preset_agrees_with_its_formula_and_finite_differences(name):
    doc, value, grads = _run(name)
    assert value == pytest.approx(FORMULAS[name](**doc.values), rel=1e-12)
    numeric = _central_differences(FORMULAS[name], doc.values)
    for input_name, grad in grads.items():
        assert grad == pytest.approx(numeric[input_name], abs=1e-6)
    assert doc.title


def test_logistic_regression_matches_the_slides():
    doc, value, grads = _run("02-logistic-regression.json")
    assert doc.values == {"w0": -3.0, "w1": 2.0, "x1": -1.0, "w2": -3.0, "x2": -2.0}
    assert value == pytest.approx(0.7310585786, abs=1e-10)
    np.testing.assert_allclose([grads["w0"], grads["w1"], grads["w2"]], [0.1966119, -0.1966119, -0.3932239],
                               atol=1e-7)
    np.testing.assert_allclose([grads["x1"], grads["x2"]], [0.3932239, -0.5898358], atol=1e-7)
    ops = sorted(n.op for n in doc.graph.nodes.values() if n.kind == "op")
    assert ops == ["add", "add", "add", "exp", "mul", "mul", "mul", "reciprocal"]  # the slides' gates
    assert doc.params == ["w0", "w1", "w2"]


def test_cs231n_fork_and_max_router_hand_worked_numbers():
    _, value, grads = _run("03-cs231n-simple.json")
    assert (value, grads) == (-12.0, {"x": -4.0, "y": -4.0, "z": 3.0})
    _, value, grads = _run("05-fork.json")
    assert (value, grads) == (6.0, {"a": 2.0, "b": 5.0})
    _, value, grads = _run("06-max-router.json")
    assert (value, grads) == (-20.0, {"x": -8.0, "y": 6.0, "z": 2.0, "w": 0.0})


def test_sigmoid_neuron_matches_cs231n():
    _, value, grads = _run("04-sigmoid-neuron.json")
    assert value == pytest.approx(0.7310585786)
    np.testing.assert_allclose([grads["x0"], grads["x1"]], [0.3932239, -0.5898358], atol=1e-7)
    np.testing.assert_allclose([grads["w0"], grads["w1"], grads["w2"]], [-0.1966119, -0.3932239, 0.1966119],
                               atol=1e-7)


@pytest.mark.parametrize("name", PRESETS)
def test_constants_show_their_values_and_no_gradient_through_the_whole_walk(name):
    doc, _, _ = _run(name)
    graph = doc.graph
    names = graph_text.display_names(graph, doc.names)
    walk = Walkthrough(graph, len(plan(graph)))
    constant = {e for e in graph.edges() if graph.nodes[e.src].kind == "const"}
    assert constant <= walk.edge_values_shown()
    assert walk.edge_grads_shown() == set(graph.edges()) - constant
    assert not any(graph.nodes[n].kind == "const" for n in walk.branch_sums())
    texts = [line.text for line in walk.lines(names)]
    for edge in constant:  # "∂f/∂1 = …" never appears: the constant 1 of σ's "+1" learns nothing
        assert not any(text.startswith(f"∂{names[graph.output()]}/∂{names[edge.src]}") for text in texts)


def test_the_logistic_units_constants_one_and_minus_one_show_only_their_values():
    doc, _, _ = _run("02-logistic-regression.json")
    graph = doc.graph
    shown = {graph.nodes[e.src].value for e in Walkthrough(graph, len(plan(graph))).edge_values_shown()
             if graph.nodes[e.src].kind == "const"}
    assert shown == {1.0, -1.0}


@pytest.mark.parametrize("name", PRESETS)
def test_document_round_trip_is_identical(name, tmp_path):
    doc = load_document(resource_path("graphs", name))
    save_document(doc, tmp_path / "copy.json")
    again = load_document(tmp_path / "copy.json")
    assert document_to_dict(again) == document_to_dict(doc)
    save_document(again, tmp_path / "copy2.json")
    assert (tmp_path / "copy.json").read_text() == (tmp_path / "copy2.json").read_text()


def _fork_data():
    return json.loads(resource_path("graphs", "05-fork.json").read_text())


@pytest.mark.parametrize("change, words", [
    (lambda d: d["values"].pop("b"), "no value for b"),
    (lambda d: d["values"].update(q=1.0), "not an input"),
    (lambda d: d["values"].update(a="two"), "finite number"),
    (lambda d: d["names"].update(n0="z"), "not a gate"),
    (lambda d: d["names"].update(n2="2x"), "not a valid gate name"),
    (lambda d: d["names"].update(n4="c"), "same name"),
    (lambda d: d["names"].update(n2="a"), "both called a"),
    (lambda d: d.update(params=["nope"]), "'params'"),
    (lambda d: d.update(learning_rate=-1), "learning_rate"),
    (lambda d: d.update(title=3), "'title'"),
    (lambda d: d.update(version=2), "version 2"),
    (lambda d: d["nodes"][2].update(op="frobnicate"), "unknown operation"),
    (lambda d: d["nodes"][0].update(kind="op", op="exp", args=["n2"]), "cycle"),
])
def test_bad_documents_are_refused_with_a_reason(change, words):
    data = _fork_data()
    change(data)
    with pytest.raises(GraphError, match=words):
        document_from_dict(data)


def test_truncated_and_unreadable_files_are_refused(tmp_path):
    text = resource_path("graphs", "05-fork.json").read_text()
    (tmp_path / "cut.json").write_text(text[: len(text) // 2])
    with pytest.raises(GraphError, match="truncated"):
        load_document(tmp_path / "cut.json")
    with pytest.raises(GraphError, match="cannot read"):
        load_document(tmp_path / "missing.json")


def test_a_plain_graph_file_loads_with_inputs_at_one():
    data = _fork_data()
    for key in ("values", "names", "params", "learning_rate", "title"):
        data.pop(key)
    doc = document_from_dict(data)
    assert doc.values == {"a": 1.0, "b": 1.0} and doc.names == {} and doc.params == []
