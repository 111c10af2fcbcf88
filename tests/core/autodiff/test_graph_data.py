"""Graph files and the power gate x^k: its exponent round-trips and is checked; old pow files still load."""

import math

import pytest

from gdgui.core.autodiff.expr import parse, to_text
from gdgui.core.autodiff.graph import Graph, GraphError
from gdgui.core.autodiff.graph_data import graph_from_dict
from gdgui.core.autodiff.passes import Walkthrough, plan


def test_a_power_gate_round_trips_with_its_exponent_and_no_exponent_node():
    graph = parse("(x-3)^2 + x^-0.5")
    data = graph.to_dict()
    powers = [entry for entry in data["nodes"] if entry.get("op") == "power"]
    assert sorted(entry["exponent"] for entry in powers) == [-0.5, 2.0]
    assert sorted(entry["value"] for entry in data["nodes"] if entry["kind"] == "const") == [3.0]
    again = graph_from_dict(data)
    assert again.to_dict() == data and to_text(again) == to_text(graph) == "(x - 3)^2 + x^(-0.5)"
    assert again.forward({"x": 4.0}) == graph.forward({"x": 4.0}) == 1.5


@pytest.mark.parametrize("change, words", [
    (lambda entry: entry.pop("exponent"), "no finite exponent"),
    (lambda entry: entry.update(exponent="2"), "no finite exponent"),
    (lambda entry: entry.update(exponent=True), "no finite exponent"),
    (lambda entry: entry.update(exponent=None), "no finite exponent"),
    (lambda entry: entry.update(exponent=1001), "larger than 1000"),
    (lambda entry: entry.update(exponent=-1e300), "larger than 1000"),
])
def test_a_bad_exponent_is_refused_with_a_reason(change, words):
    data = parse("x^2").to_dict()
    change(next(entry for entry in data["nodes"] if entry.get("op") == "power"))
    with pytest.raises(GraphError, match=words):
        graph_from_dict(data)


@pytest.mark.parametrize("kind", ["input", "const", "op"])
def test_only_a_power_gate_carries_an_exponent(kind):
    data = parse("exp(x) * 2").to_dict()
    next(entry for entry in data["nodes"] if entry["kind"] == kind).update(exponent=2)
    with pytest.raises(GraphError, match="only a power gate"):
        graph_from_dict(data)


def _old_file() -> dict:
    """(x − 3)^2 as files saved it before the power gate: pow(q, 2) with the 2 a constant node."""
    graph = Graph()
    q = graph.add_op("sub", [graph.add_input("x", node_id="n0"), graph.add_const(3.0, node_id="n1")], node_id="n2")
    graph.add_op("pow", [q, graph.add_const(2.0, node_id="n3")], node_id="n4")
    data = graph.to_dict()
    assert not any("exponent" in entry for entry in data["nodes"])
    return data


def test_an_old_file_with_pow_and_a_constant_exponent_loads_as_it_was_saved_and_works():
    graph = graph_from_dict(_old_file())
    assert graph.to_dict() == _old_file()  # not converted: ids, positions and names keep their meaning
    assert [graph.nodes[n].op for n in ("n2", "n4")] == ["sub", "pow"]
    # at x = 1: (1 − 3)² = 4, ∂f/∂x = 2(x − 3) = −4; the exponent's partial (a^b·ln a, a < 0) is undefined...
    assert graph.forward({"x": 1.0}) == 4.0 and graph.backward() == {"x": -4.0}
    exponent_wire = next(e for e in graph.edges() if e.src == "n3")
    assert math.isnan(graph.edge_records[exponent_wire].local)
    # ...and is never shown: the 2 is a constant, which shows its value and no gradient
    walk = Walkthrough(graph, len(plan(graph)))
    assert exponent_wire in walk.edge_values_shown() and exponent_wire not in walk.edge_grads_shown()
    assert to_text(graph) == "(x - 3)^2" and parse(to_text(graph)).forward({"x": 1.0}) == 4.0
