"""The forward and backward passes as a sequence of steps a class can walk through.

Both passes are computed in full up front (``Graph.forward``/``backward``); a
:class:`Walkthrough` only decides how much of them is *shown* after ``cursor``
steps: forward steps visit the gates in topological order, each writing its value
on its outgoing wires; then the seed step puts ∂f/∂f = 1 on the output wire; then
backward steps visit the gates in reverse, each writing the gradients of its
incoming wires.  Inputs' and constants' values are given, so they show from the start;
a constant never shows a gradient (it has nothing to learn), nor gets a chain-rule line.
A max or min gate at a tie says first, in its backward step, where the gradient goes.
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
        self._completing: set[Edge] | None = None
        self._line_ends: list[int] | None = None

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
        """Wires whose gradient shows: into the gates the backward pass has visited, not from a constant."""
        visited = self._done(BACKWARD)
        return {e for e in self.edges if e.dst in visited and self.graph.nodes[e.src].kind != "const"}

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

    def lines(self, names: dict[str, str], digits: int = DEFAULT_DIGITS, last: int | None = None) -> list[ChainLine]:
        """Forward and chain-rule lines of the steps taken so far, oldest first; only the ``last``
        ones if given (written from the newest step back, so a long walk costs what it shows)."""
        lines: list[ChainLine] = []
        for index in range(self.cursor - 1, -1, -1):
            texts = self._step_lines(self.steps[index], names, digits)
            lines[:0] = [ChainLine(text, index) for text in texts]
            if last is not None and len(lines) >= last:
                return lines[len(lines) - last:]
        return lines

    def line_count(self) -> int:
        """How many lines ``lines`` gives at the cursor (counted without writing them)."""
        if self._line_ends is None:
            self._line_ends = [0]
            for step in self.steps:
                self._line_ends.append(self._line_ends[-1] + self._lines_in(step))
        return self._line_ends[self.cursor]

    def _lines_in(self, step: Step) -> int:
        if step.phase != BACKWARD:
            return 1
        edges = [e for e in self.incoming[step.node_id] if self.graph.nodes[e.src].kind != "const"]
        tie = graph_text.tie_slot(self.graph, step.node_id) is not None
        return tie + len(edges) + sum(e in self._sum_edges() for e in edges)

    def _sum_edges(self) -> set[Edge]:
        """The edges whose gradient completes a branching value's sum (its Σ line follows theirs)."""
        if self._completing is None:
            order = {}
            for index, step in enumerate(self.steps):
                if step.phase == BACKWARD:
                    order.update({e: (index, pos) for pos, e in enumerate(self.incoming[step.node_id])})
            self._completing = {max(out, key=order.__getitem__) for src, out in self.outgoing.items()
                                if len(out) > 1 and self.graph.nodes[src].kind != "const"}
        return self._completing

    def _step_lines(self, step: Step, names, digits) -> list[str]:
        g = self.graph
        if step.phase == FORWARD:
            return [graph_text.forward_line(g, step.node_id, names, digits)]
        if step.phase == SEED:
            return [graph_text.seed_line(g, names)]
        tie = graph_text.tie_words(g, step.node_id, names, digits)
        texts = [] if tie is None else [tie]
        for edge in self.incoming[step.node_id]:
            if g.nodes[edge.src].kind == "const":
                continue  # a constant has nothing to learn: no gradient, no line
            branching = len(self.outgoing[edge.src]) > 1
            texts.append(graph_text.edge_line(g, edge, names, digits, via=branching, output=self.output))
            if edge in self._sum_edges():
                parts = [g.edge_records[e].grad for e in self.outgoing[edge.src]]
                texts.append(graph_text.sum_line(g, edge.src, parts, names, digits, output=self.output))
        return texts
