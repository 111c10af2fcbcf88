"""A graph from plain data (``Graph.to_dict()``, as in graph files): validate everything, then build.

Data that is of another format or version, names an unknown op, has a dangling edge, two
nodes with one id or a non-finite constant is refused with a ``GraphError`` naming the problem.
Names obey the window's rules: an input's name is one the formula parser reads as that input
(not ``lambda``, ``sin`` or ``pi``), and a constant named ``pi`` or ``e`` holds that value, since
it is drawn by its name and computed by its value.

A ``power`` gate (x^k) holds its exponent as ``"exponent": k``, a finite number no larger in
magnitude than the formula parser allows (so the formula printed from the graph reads back);
no other node may carry one.  Files written before the power gate existed spell x^2 as a
binary ``pow`` gate fed by a constant 2: they load as exactly that graph, not converted.  A
file keeps the ids, positions and names its author saved, and such a graph computes the same
values and gradients; its exponent's wire is a constant's, which shows no gradient.
"""

from __future__ import annotations

from functools import partial

from gdgui.core.autodiff.expr import CONSTANTS, MAX_EXPONENT, input_name_problem
from gdgui.core.autodiff.graph import FORMAT_NAME, FORMAT_VERSION, KINDS, Graph, GraphError, Node
from gdgui.core.autodiff.ops import OPS
from gdgui.core.checks import brief, is_number, require, require_version

__all__ = ["MAX_NODES", "graph_from_dict"]

MAX_NODES = 5000


_require = partial(require, error=GraphError)


def _check_header(data) -> list:
    _require(isinstance(data, dict), "not a graph file: expected a JSON object")
    _require(data.get("format") == FORMAT_NAME, f"not a graph file: format is not {FORMAT_NAME!r}")
    require_version(data.get("version"), FORMAT_VERSION, "graph file", GraphError)
    output = data.get("output")  # an id, or a list that would not even hash
    _require(output is None or isinstance(output, str), f"the output {brief(output)} is not a node")
    nodes = data.get("nodes")
    _require(isinstance(nodes, list), "graph file has no 'nodes' list")
    _require(len(nodes) <= MAX_NODES, f"graph file has more than {MAX_NODES} nodes")
    return nodes


def _check_node(entry) -> None:
    _require(isinstance(entry, dict) and isinstance(entry.get("id"), str), "every node needs a string 'id'")
    node = brief(entry["id"])
    kind = entry.get("kind")
    _require(isinstance(kind, str) and kind in KINDS, f"node {node} has unknown kind {brief(kind)}")
    if kind == "op":
        op = entry.get("op")
        _require(isinstance(op, str) and op in OPS, f"node {node} uses unknown operation {brief(op)}")
        args = entry.get("args")
        _require(isinstance(args, list) and len(args) == OPS[op].arity,
                 f"node {node} needs {OPS[op].arity} argument slot(s)")
        _require(all(a is None or isinstance(a, str) for a in args), f"node {node} has a bad argument")
    _check_exponent(entry, node)
    if kind == "input":
        problem = input_name_problem(entry.get("name"))
        _require(problem is None, f"node {node}: {problem}")
    if kind == "const":
        _check_constant(entry, node)
    pos = entry.get("pos")
    _require(pos is None or (isinstance(pos, list) and len(pos) == 2 and all(map(is_number, pos))),
             f"node {node} has a bad position")


def _check_exponent(entry: dict, node: str) -> None:
    """A power gate's exponent: a finite number within ±MAX_EXPONENT; no other node has one."""
    if entry["kind"] != "op" or not OPS[entry["op"]].exponent:
        _require("exponent" not in entry, f"node {node}: only a power gate (x^k) has an exponent")
        return
    exponent = entry.get("exponent")
    _require(is_number(exponent), f"node {node} (x^k) has no finite exponent")
    _require(abs(exponent) <= MAX_EXPONENT, f"node {node}: the exponent is larger than {MAX_EXPONENT} in magnitude")


def _check_constant(entry: dict, node: str) -> None:
    """A finite value; a name only if it is pi or e holding its own value (a "pi" of 5 would be drawn
    as π and computed as 5)."""
    value, name = entry.get("value"), entry.get("name")
    _require(is_number(value), f"node {node} has no finite value")
    _require(name is None or (isinstance(name, str) and name in CONSTANTS),
             f"node {node}: a constant may only be named {' or '.join(CONSTANTS)}, not {brief(name)}")
    _require(name is None or value == CONSTANTS[name],
             f"node {node} is named {name} but holds {brief(value)}, not {name} = {CONSTANTS.get(name)!r}")


def graph_from_dict(data) -> Graph:
    """Rebuild a graph from ``Graph.to_dict()`` data; ``GraphError`` naming the first problem."""
    nodes = _check_header(data)
    for entry in nodes:
        _check_node(entry)
    ids = [entry["id"] for entry in nodes]
    _require(len(set(ids)) == len(ids), "graph file has two nodes with the same id")
    names = [entry["name"] for entry in nodes if entry["kind"] == "input"]
    _require(len(set(names)) == len(names), "graph file has two inputs with the same name")
    known = set(ids)
    for entry in nodes:
        for src in entry.get("args", []):
            _require(src is None or src in known, f"node {entry['id']!r} refers to a missing node {src!r}")
    output = data.get("output")
    _require(output is None or output in known, f"the output {output!r} is not a node")
    return _build(nodes, output)


def _build(entries: list, output: str | None) -> Graph:
    """The graph of validated ``entries``: every edge at once, then one pass over all nodes for cycles.

    Wiring through ``Graph.connect`` would look for a cycle at every edge, a walk over the
    source's ancestors each time: quadratic, 13 s for a 5,000-node chain.  One depth-first
    pass (``dependency_order``) finds any cycle in linear time and names a node on it.
    """
    graph = Graph()
    # Inputs and constants first, then gates, each in file order: the order the editor built them in.
    for entry in sorted(entries, key=lambda e: e["kind"] == "op"):
        graph.nodes[entry["id"]] = _node(entry)
    graph.dependency_order()
    graph.output_id = output
    return graph


def _node(entry: dict) -> Node:
    pos = tuple(entry["pos"]) if entry.get("pos") is not None else None
    kind = entry["kind"]
    if kind == "op":
        exponent = float(entry["exponent"]) if "exponent" in entry else None
        return Node(entry["id"], kind, op=entry["op"], args=list(entry["args"]), pos=pos, exponent=exponent)
    value = float(entry["value"]) if kind == "const" else None
    return Node(entry["id"], kind, name=entry.get("name"), value=value, pos=pos)
