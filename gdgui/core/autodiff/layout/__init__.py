"""Laying a computation graph out left to right: Graphviz's dot when it can, the layered layout when not.

``arrange(graph, sizes)`` returns a ``GraphLayout``; ``LayoutJob`` does the same in steps for a
worker thread.  Dot (``dot_layout.py``) is used unless pygraphviz cannot be imported
(``ENGINE_PROBLEM`` then says why) or the graph is too big for dot to lay out in about half a second;
the layered layout (``layered.py``) then takes over, and the layout's ``problem`` says why.

Dot's time is not a matter of nodes alone: it lays every wire out through one point per column
it spans, so 50 gates all fed by one input (``x^x^…^x``) cost it more than a 1,000-node chain.
``dot_work`` counts nodes, wires and the columns wires span (each input or constant placed just
before its first user, as dot does); ``benchmarks/layout_engines.py`` measured dot against it.
"""

from __future__ import annotations

from gdgui.core.autodiff.graph import Graph
from gdgui.core.autodiff.graph_layout import GraphLayout, LayoutSizes
from gdgui.core.autodiff.layout.layered import LayeredJob

__all__ = ["DOT_MAX_WORK", "ENGINE_PROBLEM", "LayoutJob", "arrange", "dot_work", "problem"]

# dot took 1.8 s at 1,745 on generated formulas, the slowest shape, when each wire's labels were a node of
# their own; with them on porches, 0.44 s of CPU at 1,466 and 0.39 s for a typed sum of neurons at 1,773
# (benchmarks/layout_engines.py, graph_editor.py).  The cap stays: the window waits for dot (see dot_layout).
DOT_MAX_WORK = 1800
FALLBACK = "using the simple layout"


def _load_dot():
    """The dot engine module and ``None``, or ``None`` and why it could not be loaded."""
    try:
        from gdgui.core.autodiff.layout import dot_layout
    except (ImportError, OSError) as error:
        return None, f"Graphviz layout unavailable (pygraphviz could not be imported: {error}): {FALLBACK}"
    return dot_layout, None


_DOT, ENGINE_PROBLEM = _load_dot()


def problem(graph: Graph) -> str | None:
    """Why ``graph`` gets the layered layout rather than dot's, or ``None`` if it gets dot's."""
    if ENGINE_PROBLEM is not None:
        return ENGINE_PROBLEM
    if dot_work(graph) > DOT_MAX_WORK:
        return f"Graphviz would take too long for a graph this size ({len(graph.nodes):,} nodes): {FALLBACK}"
    return None


def dot_work(graph: Graph) -> int:
    """Nodes, wires and the columns the wires span: what dot's time grows with (in linear time)."""
    column: dict[str, int] = {}
    order = graph.dependency_order()
    for node_id in order:
        node = graph.nodes[node_id]
        if node.kind == "op":
            gates = [column[a] for a in node.args if a is not None and graph.nodes[a].kind == "op"]
            column[node_id] = 1 + max(gates, default=0)
    users = graph.users()
    for node_id in order:
        if node_id not in column:  # an input or a constant: just before its first user
            column[node_id] = min((column[u] for u in users[node_id]), default=1) - 1
    edges = graph.edges()
    return len(graph.nodes) + len(edges) + sum(column[e.dst] - column[e.src] - 1 for e in edges)


def arrange(graph: Graph, sizes: LayoutSizes | None = None) -> GraphLayout:
    """Everything's place: node centres, wire routes and their labels' spots (model units)."""
    job = LayoutJob(graph, sizes)
    for _ in job.chunks():
        pass
    return job.result()


class LayoutJob:
    """``arrange(graph, sizes)`` in steps, for a worker thread: ``chunks()`` yields the share done,
    then ``result()``.  Dot is one call, so it yields before and after it; the layered layout
    yields as it goes.  It only reads ``graph``: give it a graph nobody edits meanwhile.
    """

    def __init__(self, graph: Graph, sizes: LayoutSizes | None = None):
        self.graph = graph
        self.sizes = sizes or LayoutSizes.estimate(graph)
        self._laid: GraphLayout | None = None

    def chunks(self):
        why = problem(self.graph)
        if why is None:
            yield 0.0
            why = self._by_dot()
            if why is None:
                yield 1.0
                return
        layered = LayeredJob(self.graph, self.sizes)
        yield from layered.chunks()
        self._laid = layered.result()
        self._laid.problem = why

    def _by_dot(self) -> str | None:
        """Lay the graph out with dot; ``None``, or why dot failed (any failure: the fallback takes over)."""
        try:
            self._laid = _DOT.arrange(self.graph, self.sizes)
        except Exception as error:  # noqa: BLE001 - a library failure must not lose the user's graph
            return f"Graphviz could not lay this graph out ({error}): {FALLBACK}"
        return None

    def result(self) -> GraphLayout:
        return self._laid
