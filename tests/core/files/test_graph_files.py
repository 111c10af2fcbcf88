"""Graph documents: round trips, and every kind of bad file is refused with a reason."""

import json

import pytest

from gdgui.core.autodiff.expr import parse, to_text
from gdgui.core.autodiff.graph import Graph, GraphError
from gdgui.core.files.atomic_files import atomic_text_stream
from gdgui.core.files.graph_files import load_graph, save_graph


def logistic():
    graph = parse("1/(1+exp(-(w0+w1*x1+w2*x2)))")
    for i, node in enumerate(graph.nodes.values()):
        node.pos = (float(i * 10), float(-i))
    return graph


def test_save_then_load_is_identical(tmp_path):
    graph = logistic()
    save_graph(graph, tmp_path / "g.json")
    loaded = load_graph(tmp_path / "g.json")
    assert loaded.to_dict() == graph.to_dict()
    assert to_text(loaded) == to_text(graph)


def test_ids_are_sorted_naturally_so_files_diff_cleanly():
    graph = Graph()
    for i in range(12):
        graph.add_input(f"x{i}")
    ids = [entry["id"] for entry in graph.to_dict()["nodes"]]
    assert ids == [f"n{i}" for i in range(12)]


def good_document():
    return logistic().to_dict()


def with_change(change):
    document = good_document()
    change(document)
    return document


BAD_DOCUMENTS = {
    "not an object": ([1, 2], "expected a JSON object"),
    "other format": (with_change(lambda d: d.update(format="other")), "format"),
    "other version": (with_change(lambda d: d.update(version=99)), "version 99"),
    "no nodes": (with_change(lambda d: d.pop("nodes")), "nodes"),
    "unknown op": (with_change(lambda d: d["nodes"][-1].update(op="frobnicate")), "unknown operation"),
    "dangling edge": (with_change(lambda d: d["nodes"][-1].update(args=["n0", "zzz"])), "missing node 'zzz'"),
    "wrong arity": (with_change(lambda d: d["nodes"][-1].update(args=["n0"])), "argument slot"),
    "duplicate id": (with_change(lambda d: d["nodes"].append(dict(d["nodes"][0]))), "same id"),
    "nan constant": (with_change(lambda d: next(n for n in d["nodes"] if n["kind"] == "const").update(value="nan")),
                     "finite value"),
    "bad position": (with_change(lambda d: d["nodes"][0].update(pos=[1])), "position"),
    "bad input name": (with_change(lambda d: next(n for n in d["nodes"] if n["kind"] == "input").update(name="1 x")),
                       "input name"),
}


def cyclic_document():
    graph = Graph()
    a = graph.add_input("a")
    first = graph.add_op("add", [a, None])
    second = graph.add_op("exp", [first])
    document = graph.to_dict()
    document["nodes"][1]["args"] = [a, second]
    return document


@pytest.mark.parametrize("name", sorted(BAD_DOCUMENTS))
def test_bad_documents_are_refused_with_a_reason(name, tmp_path):
    document, words = BAD_DOCUMENTS[name]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    with pytest.raises(GraphError, match=words):
        load_graph(path)


def test_a_cycle_is_refused(tmp_path):
    path = tmp_path / "cycle.json"
    path.write_text(json.dumps(cyclic_document()))
    with pytest.raises(GraphError, match="cycle"):
        load_graph(path)


def test_truncated_and_unreadable_files_are_refused(tmp_path):
    path = tmp_path / "g.json"
    save_graph(logistic(), path)
    path.write_text(path.read_text()[:-40])
    with pytest.raises(GraphError, match="not valid JSON"):
        load_graph(path)
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(GraphError, match="cannot read"):
        load_graph(path)
    with pytest.raises(GraphError, match="cannot read"):
        load_graph(tmp_path / "missing.json")


def test_interrupted_atomic_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "g.json"
    path.write_text("old")

    def fail(*args):
        raise OSError("disk full")
    monkeypatch.setattr("os.replace", fail)
    with pytest.raises(OSError), atomic_text_stream(path) as stream:
        stream.write("new")
    assert path.read_text() == "old"
    assert list(tmp_path.iterdir()) == [path]
