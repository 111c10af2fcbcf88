"""A graph as a plain program: each input assigned its value, each gate one assignment named as
the graph shows it, in the language the Backprop tab and ``gdgui graph`` read (``q = x + y``,
``o = tanh(n)``), the output assigned last."""

from __future__ import annotations

from gdgui.core.autodiff.graph import Graph
from gdgui.core.codegen import naming


def program_text(graph: Graph, values: dict[str, float], given: dict[str, str] | None = None,
                 title: str = "") -> str:
    names = naming.identifiers(graph, given)
    lines = [f"# {title or 'A computation graph'}, written out as a program by gdgui"]
    lines += [f"{names[i]} = {naming.float_literal(values[name])}" for name, i in graph.input_ids().items()]
    lines += [f"{names[n]} = {naming.forward(graph, graph.nodes[n], names, {})}" for n in naming.gates(graph)]
    if graph.nodes[graph.output()].kind != "op":  # the output is an input or a number: say which
        output = graph.nodes[graph.output()]
        lines.append(names.get(output.id) or naming.literal(output.value))
    return "\n".join(lines) + "\n"
