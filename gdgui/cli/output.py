"""The ``list`` and ``graph`` sub-commands: compute with the core, print tables or JSON."""

from __future__ import annotations

import re

from gdgui.cli.arguments import usage_errors
from gdgui.core import json_files
from gdgui.core.autodiff.expr import ParseError, to_text
from gdgui.core.autodiff.gradcheck import DISAGREES, grad_check
from gdgui.core.autodiff.graph import Graph
from gdgui.core.autodiff.graph_text import singular_words
from gdgui.core.autodiff.program import parse_program
from gdgui.core.codegen.scripts import GRAPH_SCRIPTS
from gdgui.core.descent.functions import catalog
from gdgui.core.descent.optimizers import describe_optimizers
from gdgui.core.numbers import number, plain

_ASSIGNMENT = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)\s*")


def print_list(fmt: str) -> None:
    functions = [objective.to_dict() for objective in catalog()]
    optimizers = describe_optimizers()
    if fmt == "json":
        print(json_files.dumps({"functions": functions, "optimizers": optimizers}, indent=2))
        return
    print("Functions")
    for entry in functions:
        x0, x1, y0, y1 = (plain(v) for v in entry["domain"])
        print(f"  {entry['id']:<17} f(x, y) = {entry['formula']}")
        print(f"  {'':<17} domain [{x0}, {x1}] × [{y0}, {y1}]; {entry['note']}")
    print("\nOptimizers")
    for entry in optimizers:
        defaults = ", ".join(f"{k}={plain(v)}" for k, v in entry["hyperparameters"].items())
        print(f"  {entry['name']:<10} {entry['description']} ({defaults})")


def parse_assignments(text: str | None, names: list[str], given: dict[str, float] | None = None) -> dict[str, float]:
    """``"x=1,y=-2"`` → {"x": 1.0, "y": -2.0}; every name in ``names`` and no other, else ValueError.

    ``given``: the values a program gives (``a = 2.0``), which ``text`` may override; then only the
    other names need one. ``None`` (no --at) is fine when no name needs one, as in "1+2"."""
    given = {name: value for name, value in (given or {}).items() if name in names}
    if text is None:
        names = [name for name in names if name not in given]
        if names:
            raise ValueError(f"--at: the formula's inputs need values, e.g. --at "
                             f"{','.join(name + '=1' for name in names)}")
        return given
    values: dict[str, float] = {}
    for part in text.split(","):
        match = _ASSIGNMENT.fullmatch(part)
        if not match:
            raise ValueError(f"--at: {part.strip()!r} is not NAME=VALUE")
        name, value = match.groups()
        if name in values:
            raise ValueError(f"--at: {name} is given twice")
        values[name] = number(value, f"--at {name}")
    if missing := [n for n in names if n not in values and n not in given]:
        raise ValueError(f"--at: no value for {', '.join(missing)} (the formula's inputs are {', '.join(names)})")
    if extra := [n for n in values if n not in names]:
        raise ValueError(f"--at: {', '.join(extra)} is not an input of the formula "
                         f"(its inputs are {', '.join(names) or 'none'})")
    return {name: values.get(name, given.get(name)) for name in names}


def graph_report(graph: Graph, values: dict[str, float], gate_names: dict[str, str] | None = None) -> dict:
    """Forward, backward and gradient check of ``graph`` at ``values``, as plain data; a program's gates
    carry their ``gate_names`` (id → name) as "name"."""
    gate_names = gate_names or {}
    check = grad_check(graph, values)  # leaves the graph's passes recorded at ``values``
    output = graph.output()
    nodes = [{"id": node_id, "op": node.op or node.kind, "label": node.label, "inputs": list(node.args),
              "value": graph.values[node_id], "grad": graph.grads[node_id]}
             | ({"exponent": node.exponent} if node.exponent is not None else {})
             | ({"name": gate_names[node_id]} if node_id in gate_names else {})
             for node_id, node in ((i, graph.nodes[i]) for i in graph.topo_order())]
    position = {node_id: i for i, node_id in enumerate(graph.topo_order())}
    records = sorted(graph.edge_records.items(), key=lambda item: (position[item[0].dst], item[0].slot))
    names = {node_id: node.label if node.kind == "input" else node_id for node_id, node in graph.nodes.items()}
    edges = [{"src": e.src, "dst": e.dst, "slot": e.slot, "value": r.value, "local": r.local, "grad": r.grad,
              "constant": graph.nodes[e.src].kind == "const"}
             | ({"note": note} if (note := singular_words(graph, e, names, 10)) else {}) for e, r in records]
    inputs = {name: {"value": graph.values[node_id], "grad": graph.grads[node_id]}
              for name, node_id in graph.input_ids().items()}
    return {"expression": to_text(graph),
            "output": {"id": output, "value": graph.values[output], "grad": graph.grads[output]},
            "inputs": inputs, "nodes": nodes, "edges": edges,
            "gradcheck": {"max_rel_error": check.max_rel_error, "verdict": check.verdict, "reason": check.reason(plain)}}


def run_graph(text: str, at: str | None, fmt: str) -> int:
    with usage_errors("graph"):
        try:
            program = parse_program(text)
        except ParseError as error:
            raise ValueError(f"bad formula at {error.where().lower()}: {error.message}") from None
        graph = program.graph
        values = parse_assignments(at, graph.input_names(), program.values)
    if fmt in GRAPH_SCRIPTS:
        print(GRAPH_SCRIPTS[fmt](graph, values, given=program.names, title=f"f = {to_text(graph)}"), end="")
        return 0
    report = json_files.to_jsonable(graph_report(graph, values, program.names))
    if fmt == "json":
        print(json_files.dumps(report, indent=2))
    else:
        print_graph_table(graph, report)
    return 0


def _number(value) -> str:
    """Ten digits: enough to check a hand calculation; JSON output has every digit."""
    return plain(value, 10) if isinstance(value, float) else str(value)


def print_graph_table(graph: Graph, report: dict) -> None:
    """One line per edge; a constant's shows its value and a dash for local ∂ and gradient (nothing to learn)."""
    label = {node["id"]: node.get("name", node["label"]) for node in report["nodes"]}
    named = {node["id"]: node["name"] for node in report["nodes"] if "name" in node}
    out = named.get(report["output"]["id"], "f")  # a program's output by its name
    value = _number(report["output"]["value"])
    print(f"f = {report['expression']} = {value}\n" if out == "f" else f"{out} = {value} (the program's output)\n")
    print(f"{'edge':<28} {'forward value':>16} {'local ∂':>16} {'gradient':>16}")
    for edge in report["edges"]:
        name = f"{label[edge['src']]} ({edge['src']}) → {label[edge['dst']]} ({edge['dst']})"
        local, grad = ("—", "—") if edge["constant"] else (_number(edge["local"]), _number(edge["grad"]))
        print(f"{name:<28} {_number(edge['value']):>16} {local:>16} {grad:>16}")
    for edge in (e for e in report["edges"] if "note" in e):
        print(f"  note: {edge['note']}")
    print(f"\ngradient of {out}")
    if not report["inputs"]:
        print("  none: the formula has no inputs")
    for name, entry in report["inputs"].items():
        print(f"  ∂{out}/∂{name} = {_number(entry['grad'])}")
    check = report["gradcheck"]
    verdict = check["verdict"].upper() if check["verdict"] == DISAGREES else check["verdict"]
    print(f"\nfinite-difference check: {verdict} ({check['reason']})")
