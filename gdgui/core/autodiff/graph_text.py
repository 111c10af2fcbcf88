"""What the Backprop tab writes: numbers, node names, forward and chain-rule lines.

Numbers are written by ``gdgui.core.numbers`` (typographic minus, a chosen count of
significant digits).
Op nodes get short names so a line such as ``∂f/∂q = ∂f/∂f · z = 1 × (−4) = −4`` (the gate's
local rule, from the op table's spellings, in names and then in numbers) can point at the
drawing: the output is ``f``, other gates take q, r, s, … in topological order, unless a graph
document names them (the fork's c, d, e).

A constant's wire shows its value but no gradient: it has nothing to learn.  A max or min
gate whose two arguments are equal says where its gradient goes and why (``tie_words``),
reading the rule from the op table's partials rather than restating it.  A gate whose local
partial is infinite, undefined or a corner's at the point says so (``singular_words``, and
``singular_badge`` under the gate), naming the convention the engine uses there instead,
from the op table's ``singular`` points.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain, count

import numpy as np

from gdgui.core.autodiff.graph import Edge, EdgeRecord, Graph, GraphError, Node
from gdgui.core.autodiff.ops import CORNER, INFINITE, OPS, UNDEFINED, Singularity, may_be_singular, singularity
from gdgui.core.autodiff.spelling.templates import factor, substituted
from gdgui.core.numbers import DEFAULT_DIGITS, MINUS, exact, full, short

NAME_POOL = ("q", "r", "s", "t", "u", "v", "g", "h", "k", "m", "n", "p")

_INFIX = {"add": "+", "sub": "−", "mul": "×", "div": "÷", "pow": "^"}
_ENCLOSING = {"abs", "sigmoid"}  # their notation already brackets the argument
_UNARY = {"neg": "−{}", "square": "{}²", "reciprocal": "1/{}", "abs": "|{}|", "sqrt": "√{}", "sigmoid": "σ({})"}
# Gates that route their whole gradient to one argument, and what two libraries do at a tie.
_ROUTERS = {"max": ("tf.maximum", "torch.maximum"), "min": ("tf.minimum", "torch.minimum")}
_ORDINALS = ("first", "second")
# A singular local partial: a few words under the gate, a sentence in the tooltips.
_SINGULAR_BADGES = {INFINITE: "∂ = ∞ here", UNDEFINED: "∂ undefined here", CORNER: "∂ jumps here"}
_SINGULAR_WORDS = {INFINITE: "is infinite here: the slope grows without bound",
                   UNDEFINED: "is undefined here: the gate has no real value at this input, nor a slope",
                   CORNER: "does not exist here: the gate has a corner, its slope jumps from one side to the other"}
_WHY_CONVENTION = {
    "sqrt": "Ackley's function, whose minimum sits where √ is 0, then has gradient (0, 0) there, and a swarm "
            "that reaches it is not poisoned by ∞. PyTorch gives ∞ here",
    "abs": "Any slope between −1 and 1 is a valid subgradient here; PyTorch takes 0 too",
    "relu": "Any slope between 0 and 1 is a valid subgradient here; PyTorch takes 0 too",
}


def operand(value, digits: int = DEFAULT_DIGITS) -> str:
    """A number inside a product or sum: negatives in parentheses, ``1 × (−4)``."""
    text = short(value, digits)
    return f"({text})" if text.startswith(MINUS) else text


def display_names(graph: Graph, given: dict[str, str] | None = None) -> dict[str, str]:
    """Name of every node: inputs by name, constants by value, gates by ``given`` or f, q, r, …"""
    given = dict(given or {})
    names = {node_id: node.label.replace("-", MINUS) for node_id, node in graph.nodes.items() if node.kind != "op"}
    taken = set(graph.input_names()) | set(given.values())
    output = _safe_output(graph)
    if output is not None and graph.nodes[output].kind == "op" and output not in given and "f" not in taken:
        given[output] = "f"
        taken.add("f")
    pool = (name for name in chain(NAME_POOL, (f"q{i}" for i in count(1))) if name not in taken)
    for node_id in _op_order(graph):
        names[node_id] = given[node_id] if node_id in given else next(pool)
    return names


def _safe_output(graph: Graph) -> str | None:
    try:
        return graph.output()
    except GraphError:  # a half-built graph simply has no output yet
        return None


def _op_order(graph: Graph) -> list[str]:
    return [n for n in graph.dependency_order() if graph.nodes[n].kind == "op"]


def forward_line(graph: Graph, node_id: str, names: dict[str, str], digits: int = DEFAULT_DIGITS) -> str:
    """``q = x + y = (−2) + 5 = 3``: the gate, its formula, its numbers and its value."""
    node = graph.nodes[node_id]
    symbols = [(names[a], f"({names[a]})" if names[a].startswith(MINUS) else names[a]) for a in node.args]
    numbers = [(short(graph.values[a], digits), operand(graph.values[a], digits)) for a in node.args]
    value = short(graph.values[node_id], digits)
    return f"{names[node_id]} = {_formula(node, symbols)} = {_formula(node, numbers)} = {value}"


def _formula(node: Node, args: list[tuple[str, str]]) -> str:
    """``args`` as (plain, parenthesised if negative): calls take the plain form, operators the other."""
    op = node.op
    if op == "power":  # k as the gate's label writes it, bracketed if negative: q^2, q^(−1)
        k = node.label.removeprefix("^")
        return f"{args[0][1]}^{f'({k})' if k.startswith(MINUS) else k}"
    if op in _INFIX:
        return f"{args[0][1]} {_INFIX[op]} {args[1][1]}"
    if op in _UNARY:
        return _UNARY[op].format(args[0][0] if op in _ENCLOSING else args[0][1])
    return f"{op}({', '.join(plain for plain, _ in args)})"


def seed_line(graph: Graph, names: dict[str, str]) -> str:
    out = names[graph.output()]
    return f"∂{out}/∂{out} = 1  (the backward pass starts at the output)"


def edge_line(graph: Graph, edge: Edge, names: dict[str, str], digits: int = DEFAULT_DIGITS,
              via: bool = False, output: str | None = None) -> str:
    """``∂o/∂n = ∂o/∂o · (1 − tanh²(n)) = 1 × (1 − 0.7071²) = 0.5``: the upstream gradient times the
    gate's local rule, in names then numbers; with ``via``, the branch it comes along."""
    record = graph.edge_records[edge]
    out, dst, src = names[output or graph.output()], names[edge.dst], names[edge.src]
    where = f" (via {dst})" if via else ""
    rule, numbers = local_rule(graph, edge, names, digits)
    note = singular_note(graph, edge.dst, edge)
    if note:  # the rule does not hold here: the number is the one the engine uses, the note says why
        numbers = operand(record.local, digits)
    return (f"∂{out}/∂{src}{where} = ∂{out}/∂{dst} · {rule} = {operand(graph.grads[edge.dst], digits)} × {numbers}"
            f" = {short(record.grad, digits)}" + (f"  ({note})" if note else ""))


def local_rule(graph: Graph, edge: Edge, names: dict[str, str], digits: int = DEFAULT_DIGITS) -> tuple[str, str]:
    """The local ∂dst/∂src of ``edge`` as its gate's rule (``ops.SPELLINGS``), in names and with the
    numbers of the forward pass put in, each ready to be a factor: ``(1 − tanh²(n))``, ``(1 − 0.7071²)``."""
    node = graph.nodes[edge.dst]
    named, valued = _rule_texts(node.op, edge.slot, node.exponent, len(node.args), digits)
    for marker, arg in zip(_MARKERS, node.args):
        name = names[arg]
        named = named.replace(marker, f"({name})" if name.startswith(MINUS) else name)
        valued = valued.replace(marker, operand(graph.values[arg], digits))
    return named, valued.replace(_OUT_MARKER, operand(graph.values[edge.dst], digits))


# Written again for every line at every value edit, a rule's text is kept per gate kind: written once
# with markers for its operands (atoms, as a name or a number in its place is), which they then replace.
_MARKERS, _OUT_MARKER = ("⟦a⟧", "⟦b⟧"), "⟦out⟧"


@lru_cache(maxsize=1024)
def _rule_texts(op_name: str, slot: int, exponent, arity: int, digits: int) -> tuple[str, str]:
    """The rule in names (``out`` the gate's own formula, e.g. tanh(a)) and in numbers, with markers."""
    op, markers = OPS[op_name], dict(zip("ab", _MARKERS[:arity]), k=exponent)
    named = factor(substituted(op.rules[slot], {**markers, "out": substituted(op.spelling, markers)}), digits=digits)
    return named, factor(substituted(op.rules[slot], {**markers, "out": _OUT_MARKER}), True, digits)


def sum_text(parts: list, digits: int = DEFAULT_DIGITS) -> str:
    """``2 + 3 = 5``: a branching value's gradient as the sum of its contributions."""
    total = sum(float(p) for p in parts)
    terms = [short(parts[0], digits)] + [operand(p, digits) for p in parts[1:]]
    return f"{' + '.join(terms)} = {short(total, digits)}"


def sum_line(graph: Graph, node_id: str, parts: list, names: dict[str, str], digits: int = DEFAULT_DIGITS,
             output: str | None = None) -> str:
    out = names[output or graph.output()]
    return f"∂{out}/∂{names[node_id]} = {sum_text(parts, digits)}  (gradients add where a value branches)"


def edge_tooltip(graph: Graph, edge: Edge, names: dict[str, str], gradient: bool = True) -> str:
    """Full-precision value, and ``upstream × local = contribution`` once the backward pass ran
    (a constant's wire: why it has no gradient); not while ``gradient`` is to stay hidden (practice mode)."""
    lines = [f"{names[edge.src]} → {names[edge.dst]} (argument {edge.slot + 1})"]
    if edge.src in graph.values:
        lines.append(f"value: {full(graph.values[edge.src])}")
    record: EdgeRecord | None = graph.edge_records.get(edge)
    if graph.nodes[edge.src].kind == "const":
        lines.append("a constant: it has nothing to learn, so no gradient flows back to it")
    elif record is not None and not gradient:
        lines.append("gradient hidden: predict it first")
    elif record is not None:
        lines.append("upstream × local = contribution")
        lines.append(f"{full(graph.grads[edge.dst])} × {full(record.local)} = {full(record.grad)}")
        lines.append(singular_words(graph, edge, names))
    return "\n".join(line for line in lines if line)


def sigmoid_identity_line(graph: Graph, chain, digits: int = DEFAULT_DIGITS) -> str:
    """σ(1−σ) next to the product of the local gradients of the σ's primitive gates."""
    sigma = float(graph.values[chain.reciprocal])
    links = ((chain.source, chain.mul), (chain.mul, chain.exp), (chain.exp, chain.add), (chain.add, chain.reciprocal))
    locals_ = [_local_between(graph, src, dst) for src, dst in links]
    product = " × ".join(operand(v, digits) for v in locals_)
    return (f"σ(1−σ) = {short(sigma, digits)} × {operand(1 - sigma, digits)} = "
            f"{short(sigma * (1 - sigma), digits)} = {product}  (the gates' local gradients multiplied)")


def _local_between(graph: Graph, src: str, dst: str):
    return next(r.local for e, r in graph.edge_records.items() if e.src == src and e.dst == dst)


def step_caption(walk, names: dict[str, str]) -> str:
    """``Step 9 of 17 · backward through g`` (or where the walkthrough stands)."""
    total = len(walk.steps)
    step = walk.current()
    if step is None:
        return f"Step 0 of {total} · inputs given; press Right (or Step ▶) to run the first gate"
    what = {"forward": f"forward through {names[step.node_id]}", "seed": f"backward starts: ∂{names[step.node_id]}"
            f"/∂{names[step.node_id]} = 1", "backward": f"backward through {names[step.node_id]}"}[step.phase]
    tie = (tie_words(walk.graph, step.node_id, names, why=False) or singular_note(walk.graph, step.node_id)
           if step.phase == "backward" else None)
    done = " · done" if walk.cursor == total else ""
    return f"Step {walk.cursor} of {total} · {what}{f' · {tie}' if tie else ''}{done}"


def tie_slot(graph: Graph, node_id: str) -> int | None:
    """The argument a max or min gate at a tie sends its whole gradient to, by the op table's
    partials; None for any other gate, before the forward pass, or where the arguments differ."""
    node = graph.nodes[node_id]
    if node.op not in _ROUTERS or not all(a in graph.values for a in node.args):
        return None
    args = [graph.values[a] for a in node.args]
    if np.ndim(args[0]) or np.ndim(args[1]) or not args[0] == args[1]:
        return None
    shares = [float(partial(args, graph.values.get(node_id))) for partial in OPS[node.op].partials]
    return shares.index(1.0) if 1.0 in shares else None


def tie_words(graph: Graph, node_id: str, names: dict[str, str], digits: int = DEFAULT_DIGITS,
              why: bool = True) -> str | None:
    """``max(2, 2): a tie — the whole gradient goes to the first argument, z`` (and, with ``why``,
    whose convention that is), or None where the gate is no max or min at a tie."""
    slot = tie_slot(graph, node_id)
    if slot is None:
        return None
    node = graph.nodes[node_id]
    value = short(graph.values[node.args[0]], digits)
    text = (f"{node.op}({value}, {value}): a tie — the whole gradient goes to the {_ORDINALS[slot]} "
            f"argument, {names[node.args[slot]]}")
    if not why:
        return text + " (a convention)"
    ours, theirs = _ROUTERS[node.op]
    return (f"{text} (a convention, as TensorFlow's {ours} has it; PyTorch's {theirs} splits it half and "
            "half; either way it is a valid subgradient)")


def node_tooltip(graph: Graph, node_id: str, names: dict[str, str], values: dict[str, float]) -> str:
    """What a node is and how to edit it (gates: the op's description from the op table)."""
    node = graph.nodes[node_id]
    if node.kind == "input":
        return f"input {node.name} = {full(values[node.name])}\nDouble-click to rename it or change its value"
    if node.kind == "const":
        return f"constant {full(node.value)} (a number, not an input: it has no gradient)\nDouble-click to change it"
    op = OPS[node.op]
    what = f"power, k = {exact(node.exponent).replace('-', MINUS)}" if op.exponent else op.name
    singular = [singular_words(graph, edge, names) for edge, _ in singular_edges(graph, node_id)]
    lines = [f"{names[node_id]}: {node.label} ({what})", op.description, tie_words(graph, node_id, names),
             *singular, "Drag from a node's right edge onto a gate to wire them; right-click for more"]
    return "\n".join(line for line in lines if line)


def singular_edges(graph: Graph, node_id: str) -> list[tuple[Edge, Singularity]]:
    """The wires into gate ``node_id`` (not from a constant: no gradient flows there) whose local
    partial is singular at the forward pass's values, by the op table's ``singular`` points."""
    node = graph.nodes[node_id]
    if node.kind != "op" or not OPS[node.op].singular or not all(a in graph.values for a in node.args):
        return []
    op = OPS[node.op]
    operands = [graph.values[a] for a in node.args] + ([node.exponent] if op.exponent else [])
    found = ((Edge(src, node_id, slot), singularity(op, slot, operands)) for slot, src in enumerate(node.args))
    return [(edge, kind) for edge, kind in found if kind is not None and graph.nodes[edge.src].kind != "const"]


def singular_badge(graph: Graph, node_id: str, digits: int = DEFAULT_DIGITS) -> str | None:
    """``∂ = ∞ here · uses 0`` under a gate whose local partial is singular at the point, or None."""
    found = singular_edges(graph, node_id)
    if not found:
        return None
    edge, point = found[0]
    record = graph.edge_records.get(edge)
    used = f" · uses {short(record.local, digits)}" if point.used and record is not None else ""
    return _SINGULAR_BADGES[point.kind] + used


def singular_note(graph: Graph, node_id: str, edge: Edge | None = None) -> str | None:
    """``∂ = ∞ here; by convention √′(0) := 0`` for gate ``node_id`` (its wire ``edge``), or None."""
    point = next((p for e, p in singular_edges(graph, node_id) if edge is None or e == edge), None)
    if point is None:
        return None
    return _SINGULAR_BADGES[point.kind] + (f"; by convention {point.used}" if point.used else "")


def singular_badge_room(node: Node) -> list[str]:
    """Every badge ``singular_badge`` may write under ``node`` (a convention's slope is 0): the room it needs."""
    op = OPS[node.op] if node.kind == "op" else None
    if op is None or not may_be_singular(op, node.exponent):
        return []
    return [_SINGULAR_BADGES[p.kind] + (f" · uses {short(0.0)}" if p.used else "") for p in op.singular]


def singular_words(graph: Graph, edge: Edge, names: dict[str, str], digits: int = DEFAULT_DIGITS) -> str | None:
    """``√ at q = 0: its local ∂f/∂q is infinite here …; the engine uses √′(0) := 0 …``, or None."""
    point = next((p for e, p in singular_edges(graph, edge.dst) if e == edge), None)
    if point is None:
        return None
    node = graph.nodes[edge.dst]
    at = ", ".join(f"{names[a]} = {short(graph.values[a], digits)}" for a in node.args
                   if graph.nodes[a].kind != "const")
    text = f"{node.label} at {at}: its local ∂{names[edge.dst]}/∂{names[edge.src]} {_SINGULAR_WORDS[point.kind]}"
    if point.used is None:
        return text
    record = graph.edge_records.get(edge)
    local = f", so the local ∂ used is {short(record.local, digits)}" if record is not None else ""
    why = _WHY_CONVENTION.get(node.op)
    return f"{text}. The engine uses {point.used} instead{local}: a convention.{f' {why}.' if why else ''}"
