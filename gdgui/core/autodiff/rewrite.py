"""Rewrites that keep the function: a σ gate ↔ its primitive gates.

σ(x) = 1 / (1 + exp(x · (−1))), drawn as the course's slides draw it: a ·(−1) gate,
an exp gate, a +1 gate and a 1/x gate.  Expanding keeps the σ node's id on the
final 1/x gate (and collapsing keeps the 1/x gate's id on the σ), so every user of
the value, the output choice and any name given to the gate stay as they were.
"""

from __future__ import annotations

from dataclasses import dataclass

from gdgui.core.autodiff.graph import Graph, GraphError


@dataclass(frozen=True)
class SigmoidChain:
    """The primitive gates of one σ: x → mul(·, −1) → exp → add(·, 1) → reciprocal."""
    source: str
    mul: str
    minus_one: str
    exp: str
    add: str
    one: str
    reciprocal: str

    def nodes(self) -> tuple[str, ...]:
        return self.mul, self.minus_one, self.exp, self.add, self.one, self.reciprocal


def expand_sigmoid(graph: Graph, node_id: str) -> SigmoidChain:
    """Replace σ gate ``node_id`` by its four primitive gates, in place."""
    node = graph.nodes.get(node_id)
    if node is None or node.op != "sigmoid":
        raise GraphError("only a σ gate can be expanded into primitive gates")
    source = node.args[0]
    if source is None:
        raise GraphError("connect the σ gate's input before expanding it")
    minus_one = graph.add_const(-1.0)
    mul = graph.add_op("mul", [source, minus_one])
    exp = graph.add_op("exp", [mul])
    one = graph.add_const(1.0)
    add = graph.add_op("add", [exp, one])
    del graph.nodes[node_id]  # users keep pointing at node_id, which the 1/x gate takes over
    graph.add_op("reciprocal", [add], node_id=node_id)
    return SigmoidChain(source, mul, minus_one, exp, add, one, node_id)


def collapse_sigmoid(graph: Graph, node_id: str) -> str:
    """Replace the σ chain that ``node_id`` belongs to by one σ gate; returns its id."""
    chain = sigmoid_chain_of(graph, node_id)
    if chain is None:
        raise GraphError("this gate is not part of a ·(−1) → exp → +1 → 1/x chain that makes a σ")
    for part in chain.nodes():
        del graph.nodes[part]
    graph.add_op("sigmoid", [chain.source], node_id=chain.reciprocal)
    return chain.reciprocal


def sigmoid_chain_of(graph: Graph, node_id: str) -> SigmoidChain | None:
    """The σ chain ``node_id`` belongs to (one of its gates or constants), if any."""
    return next((chain for chain in find_sigmoid_chains(graph) if node_id in chain.nodes()), None)


def find_sigmoid_chains(graph: Graph) -> list[SigmoidChain]:
    """Every ·(−1) → exp → +1 → 1/x chain whose inner values nothing else uses."""
    users = {node_id: len(users) for node_id, users in graph.users().items()}
    chains = []
    for node in graph.nodes.values():
        if node.op == "reciprocal" and (chain := _chain_ending_at(graph, node.id, users)):
            chains.append(chain)
    return chains


def _chain_ending_at(graph: Graph, reciprocal: str, users: dict[str, int]) -> SigmoidChain | None:
    add = _only_arg(graph, reciprocal, "reciprocal", users)
    split = _split_const(graph, add, "add", 1.0, users)
    if split is None:
        return None
    exp, one = split
    if users.get(exp) != 1:
        return None
    mul = _only_arg(graph, exp, "exp", users)
    split = _split_const(graph, mul, "mul", -1.0, users)
    if split is None:
        return None
    source, minus_one = split
    return SigmoidChain(source, mul, minus_one, exp, add, one, reciprocal)


def _only_arg(graph: Graph, node_id: str | None, op: str, users: dict[str, int]) -> str | None:
    node = graph.nodes.get(node_id) if node_id is not None else None
    if node is None or node.op != op or node.args[0] is None:
        return None
    arg = node.args[0]
    return arg if users.get(arg) == 1 else None


def _split_const(graph: Graph, node_id: str | None, op: str, value: float, users: dict[str, int]):
    """(other argument, constant) of a binary ``op`` node with the constant ``value`` on either side."""
    node = graph.nodes.get(node_id) if node_id is not None else None
    if node is None or node.op != op or None in node.args:
        return None
    for const_slot in (1, 0):
        const = graph.nodes[node.args[const_slot]]
        other = node.args[1 - const_slot]
        if const.kind == "const" and const.value == value and users.get(const.id) == 1 and other != const.id:
            return other, const.id
    return None
