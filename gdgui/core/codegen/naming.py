"""What every script shares: the names of a graph's values as Python identifiers, numbers as
source text, and each gate's forward as an expression of its arguments.

A value is named as the Backprop tab shows it (an input by its name, a gate by the document's
name for it, else f, q, r, …), made a valid identifier that shadows nothing a script uses:
``x₁`` becomes ``x1``, ``c′`` ``c_``, ``lambda`` ``lambda_``.
"""

from __future__ import annotations

import ast
import keyword
import math
import re
import unicodedata

from gdgui.core.autodiff.graph import Graph, Node
from gdgui.core.autodiff.graph_text import display_names
from gdgui.core.autodiff.ops import OPS
from gdgui.core.autodiff.spelling.templates import code
from gdgui.core.numbers import exact, plain

# Names the scripts use themselves: their modules, helpers, the builtins they call.
RESERVED = frozenset({"math", "torch", "np", "numpy", "sys", "Value", "print", "repr", "float", "abs", "max",
                      "min", "range", "isinstance", "sigmoid", "relu", "sign", "exp", "log", "sqrt", "sin", "cos",
                      "tan", "tanh", "const", "f_and_grad", "trajectory", "main", "OPTIMIZERS", "PARTICLES"})


def literal(value) -> str:
    """A number as Python source that reads back as the same float: ``-2``, ``0.1``, ``float('inf')``."""
    value = float(value)
    return exact(value) if math.isfinite(value) else f"float('{plain(value)}')"


def float_literal(value) -> str:
    """``literal``, a whole number with ``.0`` (``2.0``): a value, as a student assigns it."""
    text = literal(value)
    return text + ".0" if text.lstrip("-").isdigit() else text


def identifiers(graph: Graph, given: dict[str, str] | None = None, prefix: str = "") -> dict[str, str]:
    """Node id → a distinct identifier, for every input and gate (constants are written as numbers)."""
    shown, taken, names = display_names(graph, given), set(RESERVED), {}
    for node_id in order(graph):
        if graph.nodes[node_id].kind != "const":
            names[node_id] = _identifier(prefix + shown[node_id], taken)
            taken.add(names[node_id])
    return names


def _identifier(text: str, taken: set[str]) -> str:
    name = re.sub(r"\W", "_", unicodedata.normalize("NFKC", text), flags=re.ASCII) or "_"
    name = "_" + name if name[0].isdigit() else name
    name = name + "_" if keyword.iskeyword(name) or name in RESERVED else name
    base, number = name, 2
    while name in taken:
        name, number = f"{base}{number}", number + 1
    return name


def order(graph: Graph) -> list[str]:
    """Every input (even one the output does not use), then what the output needs, each after its arguments."""
    needed = graph.dependency_order([graph.output()])
    inputs = list(graph.input_ids().values())
    return inputs + [node_id for node_id in needed if node_id not in inputs]


def gates(graph: Graph) -> list[str]:
    return [node_id for node_id in order(graph) if graph.nodes[node_id].kind == "op"]


def varies(graph: Graph) -> dict[str, bool]:
    """Node id → whether its value depends on an input (else it is a number, whatever the inputs)."""
    found = {}
    for node_id in order(graph):
        node = graph.nodes[node_id]
        found[node_id] = node.kind == "input" or node.kind == "op" and any(found[a] for a in node.args)
    return found


def operands(graph: Graph, node: Node, names: dict[str, str], constant=literal) -> dict[str, str]:
    """a, b (and k) of ``node`` as source: an argument's identifier, or a constant's number."""
    sources = {slot: names[arg] if arg in names else constant(graph.nodes[arg].value)
               for slot, arg in zip("ab", node.args)}
    return sources | ({"k": literal(node.exponent)} if node.exponent is not None else {})


def forward(graph: Graph, node: Node, names: dict[str, str], functions: dict[str, str], constant=literal) -> str:
    """The gate's value as an expression: ``q * z``, ``np.tanh(n)``."""
    return code(OPS[node.op].spelling, operands(graph, node, names, constant), functions)


def is_call(op_name: str) -> bool:
    """Whether the op is spelled as a function call (``tanh(a)``) rather than with operators."""
    return isinstance(ast.parse(OPS[op_name].spelling, mode="eval").body, ast.Call)


def functions_used(graph: Graph, rules: bool = False) -> set[str]:
    """The function names the gates' spellings (and with ``rules``, their local rules) call."""
    texts = [t for n in gates(graph) for t in (OPS[graph.nodes[n].op].spelling,
                                               *(OPS[graph.nodes[n].op].rules if rules else ()))]
    return {node.func.id for text in texts for node in ast.walk(ast.parse(text, mode="eval"))
            if isinstance(node, ast.Call)}
