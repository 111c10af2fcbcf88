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

from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter

from gdgui.core.autodiff import graph_text
from gdgui.core.autodiff.graph import Edge, Graph
from gdgui.core.autodiff.renumbering import Renumbered, differing
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
        # Practice mode: the wires whose gradient the student has revealed (None: the cursor decides).
        self.practice: frozenset[Edge] | None = None
        rank = {s.node_id: i for i, s in enumerate(self.steps) if s.phase == FORWARD}
        self.outgoing: dict[str, list[Edge]] = {n: [] for n in graph.nodes}
        for edge in sorted(self.edges, key=lambda e: (rank.get(e.dst, 0), e.slot)):
            self.outgoing[edge.src].append(edge)  # users in forward order: (a+b)(b+1) sums 2 + 3
        self.incoming: dict[str, list[Edge]] = {n: [] for n in graph.nodes}
        for edge in sorted(self.edges, key=lambda e: e.slot):
            self.incoming[edge.dst].append(edge)
        self._completing: set[Edge] | None = None
        self._line_ends: tuple[dict, list[int]] | None = None  # (the numbers they were counted for, the ends)
        self._texts: StepTexts | None = None
        self._step_at: dict[str, dict[str, int]] = {FORWARD: {}, SEED: {}, BACKWARD: {}}
        for index, step in enumerate(self.steps):
            self._step_at[step.phase][step.node_id] = index

    @property
    def forward_count(self) -> int:
        return sum(step.phase == FORWARD for step in self.steps)

    def current(self) -> Step | None:
        return self.steps[self.cursor - 1] if self.cursor else None

    def _taken(self, node_id: str, phase: str) -> bool:
        """The step of ``phase`` at ``node_id`` is among the first ``cursor`` steps."""
        return self._step_at[phase].get(node_id, len(self.steps)) < self.cursor

    def backward_taken(self, node_id: str) -> bool:
        """The backward pass has gone through gate ``node_id`` (its local partials are in use)."""
        return self._taken(node_id, BACKWARD)

    def has_value(self, node_id: str) -> bool:
        return self.graph.nodes[node_id].kind != "op" or self._taken(node_id, FORWARD)

    def value_shown(self, edge: Edge) -> bool:
        return self.has_value(edge.src)

    def grad_shown(self, edge: Edge) -> bool:
        """The backward pass visited the wire's gate, and the wire does not come from a constant (nothing to
        learn); in practice mode, the student revealed it."""
        if self.practice is not None:
            return edge in self.practice
        return self._taken(edge.dst, BACKWARD) and self.graph.nodes[edge.src].kind != "const"

    def is_current(self, edge: Edge) -> bool:
        """The current step writes on ``edge`` (its outputs forward, its inputs backward)."""
        step = self.current()
        return step is not None and (step.phase == FORWARD and edge.src == step.node_id
                                     or step.phase == BACKWARD and edge.dst == step.node_id)

    def edge_values_shown(self) -> set[Edge]:
        return {e for e in self.edges if self.value_shown(e)}

    def edge_grads_shown(self) -> set[Edge]:
        """Wires whose gradient shows: into the gates the backward pass has visited, not from a constant."""
        return {e for e in self.edges if self.grad_shown(e)}

    def output_value_shown(self) -> bool:
        return self.has_value(self.output)

    def output_grad_shown(self) -> bool:
        return self._taken(self.output, SEED)

    def current_edges(self) -> set[Edge]:
        """The wires the current step writes on (its outputs forward, its inputs backward)."""
        return set(self.step_edges(self.cursor - 1)) if self.cursor else set()

    def step_edges(self, index: int) -> list[Edge]:
        """The wires step ``index`` writes on: a gate's outputs forward, its inputs backward, none for the seed."""
        step = self.steps[index]
        return {FORWARD: self.outgoing, BACKWARD: self.incoming}.get(step.phase, {}).get(step.node_id, [])

    def touched(self, before: int, after: int) -> tuple[set[Edge], set[str]]:
        """The wires and nodes whose look may differ between cursor ``before`` and cursor ``after``:
        what the steps in between wrote, the current steps' highlights and the Σ sums completed."""
        edges: set[Edge] = set()
        for index in {*range(min(before, after), max(before, after)), before - 1, after - 1} - {-1}:
            edges.update(self.step_edges(index))
        nodes = {e.src for e in edges} | {self.steps[c - 1].node_id for c in (before, after) if c}
        return edges, nodes

    def branch_sums(self, nodes=None) -> dict[str, list]:
        """Contributions of every node (of ``nodes``, if given) with several outgoing wires whose gradient is complete."""
        sums = {}
        for node_id in self.outgoing if nodes is None else nodes:
            outgoing = self.outgoing[node_id]
            if len(outgoing) > 1 and all(self.grad_shown(e) for e in outgoing):
                sums[node_id] = [self.graph.edge_records[e].grad for e in outgoing]
        return sums

    def rerun(self, values: dict[str, float]) -> Renumbered:
        """Both passes again with new (scalar) input values, the graph and the cursor as they are; what
        changed is returned, and the lines of the steps whose numbers all stayed are kept, not written again."""
        graph = self.graph
        old = graph.values, graph.grads, graph.edge_records
        graph.forward(values)
        graph.backward()
        nodes = differing(graph.values, old[0]) | differing(graph.grads, old[1])
        edges = (differing(graph.edge_records, old[2], attrgetter("local"))
                 | differing(graph.edge_records, old[2], attrgetter("grad")))
        self._keep_lines(self._renumbered_steps(nodes, edges), old[0])
        return Renumbered(frozenset(nodes), frozenset(edges))

    def _renumbered_steps(self, nodes: set[str], edges: set[Edge]) -> set[int]:
        """The steps whose lines read a changed number: a gate's value and its operands' (forward lines,
        local rules, ties, singular notes), the upstream gradient, a wire's record, a Σ's parts."""
        gates = set(nodes) | {edge.dst for node_id in nodes for edge in self.outgoing[node_id]}
        sums = {edge.dst for e in edges for edge in self.outgoing[e.src]} | {e.dst for e in edges}
        at = self._step_at
        return ({at[FORWARD][n] for n in gates if n in at[FORWARD]}
                | {at[BACKWARD][n] for n in gates | sums if n in at[BACKWARD]})

    def _keep_lines(self, renumbered: set[int], old_values: dict) -> None:
        """After a rerun: the written lines of the steps not ``renumbered`` stay; so do the line counts,
        unless a renumbered step now writes another count (a max or min came to or left a tie)."""
        texts, ends = self._texts, self._line_ends
        if texts is not None and texts.holds_numbers(old_values):
            self._texts = StepTexts(self, texts.names, texts.digits,
                                    {i: lines for i, lines in texts.written() if i not in renumbered})
        if ends is not None and ends[0] is old_values and all(
                ends[1][i + 1] - ends[1][i] == self._lines_in(self.steps[i]) for i in renumbered):
            self._line_ends = (self.graph.values, ends[1])

    def lines(self, names: dict[str, str], digits: int = DEFAULT_DIGITS, last: int | None = None) -> list[ChainLine]:
        """Forward and chain-rule lines of the steps taken so far, oldest first; only the ``last``
        ones if given (so a long walk costs what it shows)."""
        count = self.line_count()
        return self.lines_between(0 if last is None else max(0, count - last), count, names, digits)

    def lines_between(self, first: int, end: int, names: dict[str, str],
                      digits: int = DEFAULT_DIGITS) -> list[ChainLine]:
        """Lines ``first`` to ``end`` (excluded) of the whole walk, counted from its first step's first line.

        Each step's lines are written once for these names and digits (see ``texts``), so a step
        forward or back costs the lines it adds, not all of them again."""
        texts, ends, lines = self.texts(names, digits), self.line_ends(), []
        index = bisect_right(ends, first) - 1
        while first < end:
            step_lines = texts.of(index)
            take = step_lines[first - ends[index]:end - ends[index]]
            lines += [ChainLine(text, index) for text in take]
            first, index = ends[index + 1], index + 1
        return lines

    def texts(self, names: dict[str, str], digits: int = DEFAULT_DIGITS) -> StepTexts:
        """The lines of every step, each written when first asked for: the same object as long as the
        names, the digits and the graph's numbers stay the same (a new one says every line may read differently)."""
        if self._texts is None or not self._texts.holds(self.graph, names, digits):
            self._texts = StepTexts(self, names, digits)
        return self._texts

    def line_count(self) -> int:
        """How many lines ``lines`` gives at the cursor (counted without writing them)."""
        return self.line_ends()[self.cursor]

    def line_ends(self) -> list[int]:
        """``line_ends()[k]``: how many lines the first ``k`` steps write (step k's lines start there).
        Counted again after the passes rerun: a max or min at a tie says so in a line of its own."""
        if self._line_ends is None or self._line_ends[0] is not self.graph.values:
            ends = [0]
            for step in self.steps:
                ends.append(ends[-1] + self._lines_in(step))
            self._line_ends = (self.graph.values, ends)
        return self._line_ends[1]

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

    def step_lines(self, step: Step, names, digits) -> list[str]:
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


class StepTexts:
    """The lines each step of a walk writes, for one set of names and digits, written on first use."""

    def __init__(self, walk: Walkthrough, names: dict[str, str], digits: int, kept: dict[int, list[str]] | None = None):
        self.walk, self.names, self.digits = walk, dict(names), digits
        self._numbers = (walk.graph.values, walk.graph.edge_records)  # rerun passes make new ones
        self._by_step: dict[int, list[str]] = dict(kept or {})  # ``kept``: lines a rerun left as they read

    def holds_numbers(self, values: dict) -> bool:
        return values is self._numbers[0]

    def written_lines(self, index: int) -> list[str] | None:
        """The lines of step ``index`` if written already (None if not)."""
        return self._by_step.get(index)

    def written(self):
        """(step, its lines) for each step written so far."""
        return self._by_step.items()

    def holds(self, graph: Graph, names: dict[str, str], digits: int) -> bool:
        """Still the lines of ``graph`` at these names and digits."""
        return (digits == self.digits and graph.values is self._numbers[0]
                and graph.edge_records is self._numbers[1] and names == self.names)

    def of(self, index: int) -> list[str]:
        """The lines of step ``index``."""
        if index not in self._by_step:
            self._by_step[index] = self.walk.step_lines(self.walk.steps[index], self.names, self.digits)
        return self._by_step[index]
