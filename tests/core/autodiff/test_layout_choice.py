"""Which layout a graph gets: Graphviz's dot, or the layered fallback with the reason in words when
pygraphviz cannot be imported, the graph is too big for dot, or dot fails; and the job in steps."""

import importlib
import sys

import pytest

from benchmarks.graph_shapes import chain
from gdgui.core.autodiff import layout
from gdgui.core.autodiff.expr import parse
from gdgui.core.autodiff.graph_data import graph_from_dict
from gdgui.core.autodiff.graph_layout import OUTPUT, LayoutSizes
from gdgui.core.autodiff.layout import dot_layout, layered

TOWER = "^".join(["x"] * 70)  # 70 nodes, but x feeds a gate in every column: a long wire to each


@pytest.fixture
def without_pygraphviz(monkeypatch):
    """The layout package as it loads where ``import pygraphviz`` fails; restored afterwards."""
    monkeypatch.setitem(sys.modules, "pygraphviz", None)  # makes ``import pygraphviz`` raise ImportError
    monkeypatch.delitem(sys.modules, dot_layout.__name__)
    monkeypatch.delattr(layout, "dot_layout")  # else ``from … import dot_layout`` finds the loaded one
    yield importlib.reload(layout)
    monkeypatch.undo()
    importlib.reload(layout)


def test_without_pygraphviz_the_layered_layout_is_used_and_the_reason_given(without_pygraphviz):
    graph = parse("(x + y) * z")
    laid = without_pygraphviz.arrange(graph)
    assert without_pygraphviz.ENGINE_PROBLEM == laid.problem == without_pygraphviz.problem(graph)
    assert laid.problem.startswith("Graphviz layout unavailable (pygraphviz could not be imported")
    assert laid.problem.endswith("using the simple layout")
    assert laid.engine == "layered" and laid.positions == layered.arrange(graph).positions
    assert set(laid.routes) == set(laid.label_spots) == set(graph.edges()) | {OUTPUT}


def test_with_pygraphviz_small_graphs_get_dot_and_no_problem():
    graph = parse("(x + y) * z")
    assert layout.ENGINE_PROBLEM is None and layout.problem(graph) is None
    laid = layout.arrange(graph)
    assert (laid.engine, laid.problem) == ("dot", None)


@pytest.mark.parametrize("text, work", [
    ("exp(x) + x", 3 + 3 + 1),            # x → + spans the column of exp
    ("sin(sin(sin(x))) + y", 6 + 5),      # y sits just before +, as dot puts it: no span
    ("x*x", 2 + 2),
])
def test_dot_work_counts_nodes_wires_and_the_columns_wires_span(text, work):
    assert layout.dot_work(parse(text)) == work


def test_a_graph_too_big_for_dot_gets_the_layered_layout_and_says_so():
    graph = parse(TOWER)
    assert len(graph.nodes) == 70 and layout.dot_work(graph) > layout.DOT_MAX_WORK
    laid = layout.arrange(graph)
    assert laid.engine == "layered"
    assert laid.problem == "Graphviz would take too long for a graph this size (70 nodes): using the simple layout"


def test_a_long_chain_is_not_too_big():
    graph = graph_from_dict(chain(layout.DOT_MAX_WORK // 2))
    assert layout.dot_work(graph) <= layout.DOT_MAX_WORK and layout.problem(graph) is None


def test_when_dot_fails_the_layered_layout_takes_over_and_says_why(monkeypatch):
    def fail(graph, sizes):
        raise RuntimeError("agerr: something broke")
    monkeypatch.setattr(dot_layout, "arrange", fail)
    laid = layout.arrange(parse("x * y"))
    assert laid.engine == "layered"
    assert laid.problem == "Graphviz could not lay this graph out (agerr: something broke): using the simple layout"


def test_the_job_reports_progress_and_hands_over_what_arrange_gives():
    graph = parse("tanh(w1*x1 + w2*x2 + b)")
    sizes = LayoutSizes.estimate(graph)
    job = layout.LayoutJob(graph, sizes)
    assert list(job.chunks()) == [0.0, 1.0]  # dot is one call: before it, after it
    assert job.result() == layout.arrange(graph, sizes)


def test_the_fallback_job_reports_progress_as_it_goes():
    graph = parse(TOWER)
    job = layout.LayoutJob(graph)
    shares = list(job.chunks())
    assert len(shares) > 2 and shares == sorted(shares) and shares[-1] == 1.0
    assert job.result().positions == layered.arrange(graph).positions
