"""The last few layouts the graph controller made, so wires keep their routes through edits.

A document's layout is not part of its plain data (undo steps, files): the controller hands each
layout it makes to a ``LayoutMemory``, which later finds, for every wire of whatever document is
on show, the route of the newest layout in which both of the wire's nodes sit exactly where the
document has them.  A node the user dragged loses only its own wires' routes (until Tidy), and
undo back to a laid-out state finds its routes again.  Pure logic: no Qt.
"""

from __future__ import annotations

from collections import deque

from gdgui.core.autodiff.graph import Graph
from gdgui.core.autodiff.graph_layout import OUTPUT, GraphLayout, output_of

MEMORY = 8  # layouts kept: enough to undo through a few Tidy steps, few enough to search each time

Route = tuple  # (route points, label spot or None), model units


class LayoutMemory:
    """Layouts with what each node was (its place, kind and op) when they were made, newest first."""

    def __init__(self, size: int = MEMORY):
        self._kept: deque = deque(maxlen=size)

    def remember(self, laid: GraphLayout | None, graph: Graph) -> None:
        """Keep ``laid``, a layout of ``graph``; straight-wire layouts (``"layered"``) have no routes
        worth keeping: their wires are drawn between the nodes' ports as they are."""
        if laid is None or laid.engine == "layered":
            return
        marks = {node_id: (pos, graph.nodes[node_id].kind, graph.nodes[node_id].op)
                 for node_id, pos in laid.positions.items() if node_id in graph.nodes}
        self._kept.appendleft((laid, marks, output_of(graph)))

    def routes(self, graph: Graph) -> dict:
        """Edge (or ``OUTPUT``) → (route, label spot) for every wire of ``graph`` some layout still fits.

        A layout that fits the whole graph is asked first (undo back to it brings back its own
        routes), then the rest, newest first.
        """
        edges, output = set(graph.edges()), output_of(graph)
        placed = {node_id: (node.pos, node.kind, node.op) for node_id, node in graph.nodes.items()}
        ranked = sorted(self._kept, key=lambda kept: not _fits_all(kept[1], placed))  # stable: newest first
        found: dict = {}
        for laid, marks, laid_output in ranked:
            for key, route in laid.routes.items():
                if key in found or not self._wanted(key, edges, output, laid_output):
                    continue
                ends = (output,) if key is OUTPUT else (key.src, key.dst)
                if all(marks.get(node_id) == placed[node_id] for node_id in ends):
                    found[key] = (route, laid.label_spots.get(key))
        return found

    @staticmethod
    def _wanted(key, edges: set, output: str | None, laid_output: str | None) -> bool:
        if key is OUTPUT:
            return output is not None and output == laid_output
        return key in edges


def _fits_all(marks: dict, placed: dict) -> bool:
    return marks.keys() == placed.keys() and all(marks[node_id] == mark for node_id, mark in placed.items())
