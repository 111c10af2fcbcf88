"""Computation graphs: plain data (nodes with ordered argument slots) plus passes.

A graph is nodes keyed by stable string ids.  An op node's ``args`` is an ordered
list of source ids, one per slot (``None`` while the editor has not filled it), so
``x*x`` is one ``mul`` node with two edges from ``x``.  Edges are derived from the
slots as ``Edge(src, dst, slot)``.

``forward(values)`` then ``backward()`` record, for the editor's labels and the
chain-rule panel, every node's value and gradient and, for every edge, the source's
value, the local partial ∂dst/∂slot and the contribution ``dst.grad × local`` that
flows back along it; a node's gradient is the sum of its outgoing contributions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from gdgui.core.autodiff.ops import DEFAULT_EXPONENT, OPS
from gdgui.core.autodiff.tape import Tape
from gdgui.core.checks import DataError
from gdgui.core.numbers import MINUS, TYPED_DIGITS, exact, short

FORMAT_NAME = "gdgui-graph"
FORMAT_VERSION = 1
KINDS = ("input", "const", "op")


class GraphError(DataError):
    """A graph that cannot be evaluated or edited as asked (message says why)."""


class Edge(NamedTuple):
    """A wire, from ``src`` into argument ``slot`` of ``dst``: a tuple, so that the many dicts keyed by
    wires hash and compare it in C (a frozen dataclass did both in Python, for every lookup)."""
    src: str
    dst: str
    slot: int


@dataclass
class Node:
    id: str
    kind: str
    op: str | None = None
    name: str | None = None
    value: float | None = None
    args: list = field(default_factory=list)
    pos: tuple[float, float] | None = None
    exponent: float | None = None  # the constant k of a ``power`` gate (x^k), None for every other node

    @property
    def label(self) -> str:
        """What the node shows: an input's name, a constant's value, an op's symbol (``^2``, ``^−1``)."""
        if self.kind == "input":
            return self.name
        if self.kind == "const":
            return {"pi": "π"}.get(self.name, self.name) or exact(self.value)
        if OPS[self.op].exponent:
            return "^" + _exponent_text(self.exponent)
        return OPS[self.op].symbol


def _exponent_text(k: float) -> str:
    """k as typed when short (``2``, ``0.5``, ``−1``, ``2.000001``), else to six digits (``0.333333``)."""
    typed = exact(k)
    return (typed if len(typed) <= 8 else short(k, TYPED_DIGITS)).replace("-", MINUS)


class EdgeRecord(NamedTuple):
    """What the passes recorded on a wire (a tuple: a rerun makes one per wire)."""
    value: object
    local: object
    grad: object


def _natural_key(node_id: str):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", node_id)]


_FINISH = object()  # dependency_order's marker: the id below it has all its arguments placed


class Graph:
    """A mutable computation graph with one output node."""

    def __init__(self):
        self.nodes: dict[str, Node] = {}
        self.output_id: str | None = None
        self._counter = 0
        self._tape: Tape | None = None
        self._edges_of: tuple = (None, {})  # (a tape, its edges by (src, dst, slot) slots)
        self.values: dict[str, object] = {}
        self.grads: dict[str, object] = {}
        self.edge_records: dict[Edge, EdgeRecord] = {}

    # ----- building -------------------------------------------------------------
    def _new_id(self, node_id: str | None) -> str:
        if node_id is None:
            while f"n{self._counter}" in self.nodes:
                self._counter += 1
            node_id = f"n{self._counter}"
        if node_id in self.nodes:
            raise GraphError(f"a node with id {node_id!r} already exists")
        return node_id

    def _add(self, node: Node) -> str:
        self.nodes[node.id] = node
        self.changed()
        return node.id

    def add_input(self, name: str, node_id: str | None = None, pos=None) -> str:
        if name in self.input_ids():
            raise GraphError(f"there is already an input called {name!r}")
        return self._add(Node(self._new_id(node_id), "input", name=name, pos=pos))

    def add_const(self, value: float, node_id: str | None = None, pos=None) -> str:
        return self._add(Node(self._new_id(node_id), "const", value=float(value), pos=pos))

    def add_op(self, op: str, args=None, node_id: str | None = None, pos=None, exponent: float | None = None) -> str:
        """A gate; a ``power`` gate takes its constant ``exponent`` (2 unless given), no other gate one."""
        if op not in OPS:
            raise GraphError(f"unknown operation {op!r}")
        arity = OPS[op].arity
        args = list(args) if args is not None else [None] * arity
        if len(args) != arity:
            raise GraphError(f"{op} takes {arity} argument(s), got {len(args)}")
        for src in args:
            if src is not None and src not in self.nodes:
                raise GraphError(f"{op} refers to a missing node {src!r}")
        if OPS[op].exponent:
            exponent = DEFAULT_EXPONENT if exponent is None else float(exponent)
        elif exponent is not None:
            raise GraphError(f"{op} takes no exponent")
        return self._add(Node(self._new_id(node_id), "op", op=op, args=args, pos=pos, exponent=exponent))

    def connect(self, src: str, dst: str, slot: int) -> None:
        """Fill ``dst``'s argument ``slot`` with ``src``; refuses cycles and filled slots."""
        node = self._op_node(dst)
        if not 0 <= slot < len(node.args):
            raise GraphError(f"{node.op} has no argument {slot + 1}")
        if node.args[slot] is not None:
            raise GraphError(f"argument {slot + 1} of {node.op} is already connected")
        if src not in self.nodes:
            raise GraphError(f"no node {src!r}")
        if src == dst or dst in self.ancestors(src):
            raise GraphError("that connection would make a cycle: a value cannot depend on itself")
        node.args[slot] = src
        self.changed()

    def disconnect(self, dst: str, slot: int) -> None:
        self._op_node(dst).args[slot] = None
        self.changed()

    def remove_node(self, node_id: str) -> None:
        """Remove a node and every edge touching it (the slots it filled become empty)."""
        del self.nodes[node_id]
        for node in self.nodes.values():
            node.args = [None if src == node_id else src for src in node.args]
        if self.output_id == node_id:
            self.output_id = None
        self.changed()

    def _op_node(self, node_id: str) -> Node:
        node = self.nodes.get(node_id)
        if node is None or node.kind != "op":
            raise GraphError(f"{node_id!r} is not an operation node")
        return node

    def changed(self) -> None:
        """Forget compiled code and recorded passes after any structural edit."""
        self._tape = None
        self.values, self.grads, self.edge_records = {}, {}, {}

    # ----- reading ----------------------------------------------------------------
    def edges(self) -> list[Edge]:
        return [Edge(src, node.id, slot) for node in self.nodes.values()
                for slot, src in enumerate(node.args) if src is not None]

    def input_ids(self) -> dict[str, str]:
        """Input name → node id, in insertion order."""
        return {n.name: n.id for n in self.nodes.values() if n.kind == "input"}

    def input_names(self) -> list[str]:
        return list(self.input_ids())

    def missing_args(self) -> list[tuple[str, int]]:
        return [(n.id, slot) for n in self.nodes.values() for slot, src in enumerate(n.args) if src is None]

    def users(self) -> dict[str, list[str]]:
        """Node id → the op nodes that use its value, once per slot it fills."""
        users: dict[str, list[str]] = {node_id: [] for node_id in self.nodes}
        for node in self.nodes.values():
            for src in node.args:
                if src is not None:
                    users[src].append(node.id)
        return users

    def ancestors(self, node_id: str) -> set[str]:
        """Every node ``node_id`` depends on."""
        return set(self.dependency_order([node_id])) - {node_id}

    def sinks(self) -> list[str]:
        return [node_id for node_id, users in self.users().items() if not users]

    def output(self) -> str:
        """The output node: the one set explicitly, else the graph's only sink."""
        if self.output_id is not None:
            return self.output_id
        sinks = self.sinks()
        if len(sinks) != 1:
            raise GraphError("the graph needs exactly one output (a node nothing else uses); "
                             f"it has {len(sinks)}")
        return sinks[0]

    def dependency_order(self, roots=None) -> list[str]:
        """``roots`` (every node by default) and all they depend on, each after its arguments.

        Depth-first, arguments left to right, with an explicit stack so depth cannot
        exhaust Python's; empty slots are skipped, so a half-built graph has an order too.
        Raises ``GraphError`` on a cycle.
        """
        nodes, done, order, on_path = self.nodes, set(), [], set()
        for root in nodes if roots is None else roots:
            if root in done:
                continue
            stack = [root]  # ids to visit; an id under _FINISH is finished when the marker comes off
            while stack:
                node_id = stack.pop()
                if node_id is _FINISH:
                    node_id = stack.pop()
                    on_path.discard(node_id)
                    done.add(node_id)
                    order.append(node_id)
                elif node_id in on_path:
                    raise GraphError(f"the graph has a cycle through node {node_id!r}: "
                                     "a value cannot depend on itself")
                elif node_id not in done:
                    on_path.add(node_id)
                    stack += (node_id, _FINISH)
                    args = nodes[node_id].args
                    stack.extend(reversed(args) if None not in args else [a for a in reversed(args) if a is not None])
        return order

    def topo_order(self) -> list[str]:
        """Every node after its arguments; raises ``GraphError`` on an empty slot or a cycle."""
        if missing := self.missing_args():
            node_id, slot = missing[0]
            raise GraphError(f"{self.nodes[node_id].op} ({node_id}) is missing argument {slot + 1}")
        return self.dependency_order()

    # ----- passes -----------------------------------------------------------------
    def tape(self) -> Tape:
        """The compiled evaluation order (cached until the next edit)."""
        if self._tape is None:
            self._tape = Tape(self.nodes, self.topo_order(), self.output())
        return self._tape

    def forward(self, values: dict[str, object]):
        """Evaluate with input name → scalar or array; records every node's value."""
        tape = self.tape()
        self.grads, self.edge_records = {}, {}
        slots = tape.forward(values)
        self.values = dict(zip(tape.ids, slots))
        return self.values[tape.ids[tape.output]]

    def backward(self) -> dict[str, object]:
        """Gradients of the output for every input name (shaped like the input)."""
        if not self.values:
            raise GraphError("run the forward pass before the backward pass")
        tape = self.tape()
        slots = [self.values[node_id] for node_id in tape.ids]
        node_grads, contributions = tape.backward(slots, record=True)
        self.grads = dict(zip(tape.ids, node_grads))
        edges = self._recorded_edges(tape)
        self.edge_records = {
            edges.get(key) or edges.setdefault(key, Edge(tape.ids[key[0]], tape.ids[key[1]], key[2])):
                EdgeRecord(slots[key[0]], local, grad) for key, (local, grad) in contributions.items()}
        return tape.input_grads(node_grads, slots)

    def _recorded_edges(self, tape: Tape) -> dict[tuple[int, int, int], Edge]:
        """The edges of ``tape``'s (src, dst, slot) triples, made once per tape: each rerun of the passes
        keys its records by the same objects."""
        if self._edges_of[0] is not tape:
            self._edges_of = (tape, {})
        return self._edges_of[1]

    # ----- serialisation ----------------------------------------------------------
    def to_dict(self) -> dict:
        nodes = []
        for node_id in sorted(self.nodes, key=_natural_key):
            node = self.nodes[node_id]
            entry = {"id": node.id, "kind": node.kind}
            entry.update({"op": node.op, "args": list(node.args)} if node.kind == "op" else {})
            entry.update({"exponent": node.exponent} if node.exponent is not None else {})
            entry.update({"name": node.name} if node.kind == "input" else {})
            entry.update({"value": node.value} if node.kind == "const" else {})
            entry.update({"name": node.name} if node.kind == "const" and node.name else {})
            if node.pos is not None:
                entry["pos"] = [float(node.pos[0]), float(node.pos[1])]
            nodes.append(entry)
        return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "output": self.output_id, "nodes": nodes}
