"""A graph file of MAX_NODES nodes opens in linear time; a cycle anywhere is refused naming a node on it.

Growth is measured by counting the Python lines run (``sys.settrace``) for n and 2n nodes, never
by the clock: linear work doubles (ratio 2), the old per-edge cycle check quadrupled it.
"""

import json
from collections import Counter

import pytest

from benchmarks.graph_shapes import SHAPES, chain, mlp, shape
from gdgui.core.autodiff import graph_text
from gdgui.core.autodiff.expr import to_text
from gdgui.core.autodiff.graph import Graph, GraphError
from gdgui.core.autodiff.graph_data import MAX_NODES, graph_from_dict
from gdgui.core.autodiff.graph_document import document_from_dict
from gdgui.core.autodiff.layout import layered
from gdgui.core.autodiff.passes import Walkthrough, plan
from gdgui.core.files.graph_files import load_document
from tests.growth import lines_run

LINEAR = 2.2  # lines run for 2n nodes over lines run for n nodes


def growth(stage, name: str, size: int = MAX_NODES // 2) -> float:
    """Lines run by ``stage(data)`` for a ``size``-node and a ``2 × size``-node graph of one shape."""
    small, large = shape(name, size), shape(name, 2 * size)
    return lines_run(lambda: stage(large)) / lines_run(lambda: stage(small))


def open_path(data: dict) -> None:
    """What opening a graph file computes before anything is drawn."""
    doc = document_from_dict(data)
    graph = doc.graph
    layered.arrange(graph)  # the layout big graphs get (Graphviz's, for small ones, runs outside Python)
    names = graph_text.display_names(graph, doc.names)
    graph.forward(doc.values)
    graph.backward()
    walk = Walkthrough(graph, len(plan(graph)))
    walk.lines(names)
    walk.branch_sums(), walk.edge_values_shown(), walk.edge_grads_shown()
    to_text(graph, 10_000)


@pytest.mark.parametrize("name", SHAPES)
def test_a_file_of_the_largest_allowed_size_loads_in_linear_time(tmp_path, name):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(shape(name, MAX_NODES)))
    half = tmp_path / "half.json"
    half.write_text(json.dumps(shape(name, MAX_NODES // 2)))
    assert lines_run(lambda: load_document(path)) / lines_run(lambda: load_document(half)) <= LINEAR
    assert len(load_document(path).graph.nodes) > MAX_NODES * 0.99


def test_loading_never_walks_ancestors_per_edge(monkeypatch):
    calls = Counter()
    ancestors = Graph.ancestors
    monkeypatch.setattr(Graph, "ancestors", lambda self, node_id: (calls.update([node_id]), ancestors(self, node_id))[1])
    graph_from_dict(chain(MAX_NODES))
    assert sum(calls.values()) == 0


@pytest.mark.parametrize("name", SHAPES)
def test_everything_opening_computes_grows_linearly(name):
    assert growth(open_path, name, size=1000) <= LINEAR


def test_the_layout_of_a_network_with_thousands_of_weights_grows_linearly():
    assert growth(lambda data: layered.arrange(graph_from_dict(data)), "mlp", size=1000) <= LINEAR


def _with_cycle(data: dict, on_cycle: list[str]) -> dict:
    """``on_cycle`` gates each feeding the next, the last feeding the first (in a big valid graph)."""
    nodes = {entry["id"]: entry for entry in data["nodes"]}
    for src, dst in zip(on_cycle, on_cycle[1:] + on_cycle[:1]):
        nodes[dst]["args"][-1] = src
    return data


def test_a_cycle_deep_inside_a_large_file_is_refused_naming_a_node_on_it(tmp_path):
    on_cycle = ["n4000", "n4001", "n4002"]
    path = tmp_path / "cycle.json"
    path.write_text(json.dumps(_with_cycle(chain(MAX_NODES), on_cycle)))
    with pytest.raises(GraphError) as refused:
        load_document(path)
    message = str(refused.value)
    assert "cycle" in message and any(f"'{node}'" in message for node in on_cycle), message


def test_a_gate_fed_by_itself_is_refused_naming_it():
    data = mlp(300)
    gate = next(entry for entry in data["nodes"] if entry["id"] == "s3_5")
    gate["args"][0] = "s3_5"
    with pytest.raises(GraphError, match="cycle through node 's3_5'"):
        graph_from_dict(data)


def test_a_formula_that_would_grow_exponentially_is_not_spelled_out():
    """q = q·q sixty times: the formula has 2⁶⁰ x's, yet its graph has 61 nodes."""
    nodes = [{"id": "x", "kind": "input", "name": "x"}]
    for i in range(60):
        nodes.append({"id": f"q{i}", "kind": "op", "op": "mul", "args": [nodes[-1]["id"]] * 2})
    graph = graph_from_dict({"format": "gdgui-graph", "version": 1, "nodes": nodes})
    assert to_text(graph, max_length=10_000) is None
    assert to_text(graph_from_dict(chain(3))) == "sin(sin(x))"
