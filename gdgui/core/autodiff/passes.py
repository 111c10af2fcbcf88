"""The forward and backward passes as a sequence of steps a class can walk through.

Both passes are computed in full up front (``Graph.forward``/``backward``); a
:class:`Walkthrough` only decides how much of them is *shown* after ``cursor``
steps: forward steps visit the gates in topological order, each writing its value
on its outgoing wires; then the seed step puts ∂f/∂f = 1 on the output wire; then
backward steps visit the gates in reverse, each writing the gradients of its
incoming wires.  Inputs' and constants' values are given, so they show from the start.
"""

from __future__ import annotations

from dataclasses import dataclass

from gdgui.core.autodiff import graph_text
from gdgui.core.autodiff.graph import Edge, Graph
from gdgui.core.numbers import DEFAULT_DIGITS

FORWARD, SEED, BACKWARD = "forward", "seed", "backward"


@dataclass(frozen=True)
class Step:
    phase: str
    node_id: str


@dataclass(frozen=True)
class ChainLine:
    text: str
    step: int  # index of the step that wrote it


def plan(graph: Graph) -> list[Step]:
    """Every step of a graph whose passes can run (complete, acyclic, one output)."""
    gates = [n for n in graph.topo_order() if graph.nodes[n].kind == "op"]
    return ([Step(FORWARD, n) for n in gates] + [Step(SEED, graph.output())]
            + [Step(BACKWARD, n) for n in reversed(gates)])


class Walkthrough:
    """What is visible after the first ``cursor`` steps of ``plan(graph)``."""

    def __init__(self, graph: Graph, cursor: int = 0):
        self.graph = graph
        self.steps = plan(graph)
        self.output = graph.output()
        self.edges = graph.edges()
        self.cursor = max(0, min(cursor, len(self.steps)))
        rank = {s.node_id: i for i, s in enumerate(self.steps) if s.phase == FORWARD}
        self.outgoing: dict[str, list[Edge]] = {n: [] for n in graph.nodes}
        for edge in sorted(self.edges, key=lambda e: (rank.get(e.dst, 0), e.slot)):
            self.outgoing[edge.src].append(edge)  # users in forward order: (a+b)(b+1) sums 2 + 3
        self.incoming: dict[str, list[Edge]] = {n: [] for n in graph.nodes}
        for edge in sorted(self.edges, key=lambda e: e.slot):
            self.incoming[edge.dst].append(edge)

    @property
    def forward_count(self) -> int:
        return sum(step.phase == FORWARD for step in self.steps)

    def current(self) -> Step | None:
        return self.steps[self.cursor - 1] if self.cursor else None

    def _done(self, phase: str) -> set[str]:
        return {s.node_id for s in self.steps[:self.cursor] if s.phase == phase}

    def has_value(self, node_id: str) -> bool:
        return self.graph.nodes[node_id].kind != "op" or node_id in self._done(FORWARD)

    def edge_values_shown(self) -> set[Edge]:
        computed = self._done(FORWARD)
        return {e for e in self.edges if self.graph.nodes[e.src].kind != "op" or e.src in computed}

    def edge_grads_shown(self) -> set[Edge]:
        visited = self._done(BACKWARD)
        return {e for e in self.edges if e.dst in visited}

    def output_value_shown(self) -> bool:
        return self.has_value(self.output)

    def output_grad_shown(self) -> bool:
        return bool(self._done(SEED))

    def current_edges(self) -> set[Edge]:
        """The wires the current step writes on (its outputs forward, its inputs backward)."""
        step = self.current()
        if step is None or step.phase == SEED:
            return set()
        if step.phase == FORWARD:
            return {e for e in self.edges if e.src == step.node_id}
        return {e for e in self.edges if e.dst == step.node_id}

    def branch_sums(self) -> dict[str, list]:
        """Contributions of every node with several outgoing wires whose gradient is complete."""
        shown = self.edge_grads_shown()
        sums = {}
        for node_id, outgoing in self.outgoing.items():
            if len(outgoing) > 1 and all(e in shown for e in outgoing):
                sums[node_id] = [self.graph.edge_records[e].grad for e in outgoing]
        return sums

    def lines(self, names: dict[str, str], digits: int = DEFAULT_DIGITS) -> list[ChainLine]:
        """Forward and chain-rule lines of the steps taken so far, oldest first."""
        lines: list[ChainLine] = []
        received: dict[str, list[Edge]] = {}
        fanout = {n: len(edges) for n, edges in self.outgoing.items()}
        for index, step in enumerate(self.steps[:self.cursor]):
            for text in self._step_lines(step, names, digits, received, fanout):
                lines.append(ChainLine(text, index))
        return lines

    def _step_lines(self, step: Step, names, digits, received, fanout) -> list[str]:
        g = self.graph
        if step.phase == FORWARD:
            return [graph_text.forward_line(g, step.node_id, names, digits)]
        if step.phase == SEED:
            return [graph_text.seed_line(g, names)]
        texts = []
        for edge in self.incoming[step.node_id]:
            if g.nodes[edge.src].kind == "const":
                continue  # a constant's gradient is drawn but teaches nothing in the panel
            branching = fanout[edge.src] > 1
            texts.append(graph_text.edge_line(g, edge, names, digits, via=branching, output=self.output))
            received.setdefault(edge.src, []).append(edge)
            if branching and len(received[edge.src]) == fanout[edge.src]:
                parts = [g.edge_records[e].grad for e in self.outgoing[edge.src]]
                texts.append(graph_text.sum_line(g, edge.src, parts, names, digits, output=self.output))
        return texts
