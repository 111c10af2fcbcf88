"""A graph as a micrograd-style script that needs no package: a small ``Value`` class with exactly
the ops the graph uses, each forward with its ``_backward`` beside it (as in the micrograd lecture),
then the program, ``backward()``, and one ``name grad`` line per input.

Each ``_backward`` is the op's local rules from the op table's spellings, written as code.
"""

from __future__ import annotations

from gdgui.core.autodiff.graph import Graph
from gdgui.core.autodiff.ops import CONVENTIONS, OPS
from gdgui.core.autodiff.spelling.templates import code
from gdgui.core.codegen import naming

MATH = {name: f"math.{name}" for name in ("exp", "log", "sqrt", "sin", "cos", "tan", "tanh")}
HELPERS = {
    "sigmoid": ("def sigmoid(v):", "    return 1 / (1 + math.exp(-v))"),
    "relu": ("def relu(v):", "    return max(v, 0.0)"),
    "sign": ("def sign(v):", "    return float((v > 0) - (v < 0))"),
}
_DUNDER = {"add": "__add__", "sub": "__sub__", "mul": "__mul__", "div": "__truediv__", "neg": "__neg__",
           "power": "__pow__"}
_HEAD = '''class Value:
    """A number that remembers how it was made, so backward() can send gradients back (micrograd's idea)."""

    def __init__(self, data, _children=(), _op="", label=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"
'''
_BACKWARD = '''
    def backward(self):
        """Every value after the values it was made from (topological order), then the chain rule
        from this one back: each _backward adds its share of the gradient to its arguments."""
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            v, done = stack.pop()
            if done:
                order.append(v)
            elif id(v) not in seen:
                seen.add(id(v))
                stack.append((v, True))
                stack.extend((child, False) for child in v._prev)
        self.grad = 1.0
        for v in reversed(order):
            v._backward()
'''


def micrograd_script(graph: Graph, values: dict[str, float], given: dict[str, str] | None = None,
                     title: str = "") -> str:
    """The whole script; ``values`` holds every input's value, ``given`` the names the graph shows."""
    names = naming.identifiers(graph, given)
    used = list(dict.fromkeys(graph.nodes[n].op for n in naming.gates(graph)))
    helpers = [line for name in sorted(naming.functions_used(graph, rules=True) & set(HELPERS))
               for line in (*HELPERS[name], "", "")]
    lines = [f'"""{title or "A computation graph"}, exported by gdgui as a micrograd-style script.',
             "", "Needs no package: python this.py prints each input's name and gradient.", '"""', "",
             "import math", "", "", *helpers, _HEAD.rstrip("\n")]
    for op in used:
        lines += ["", *_method(op)]
    lines += [_BACKWARD.rstrip("\n"), "", "", *_program(graph, values, names)]
    return "\n".join(lines) + "\n"


def _method(op_name: str) -> list[str]:
    """``def tanh(self):`` … ``out._backward = _backward``: the forward and, beside it, its local rules."""
    op = OPS[op_name]
    binary = op.arity == 2
    name = _DUNDER.get(op_name, op_name)
    parameter = ", other" if binary else ", k" if op.exponent else ""
    args = {"a": "self.data", "b": "other.data", "k": "k"}
    children = "(self, other)" if binary else "(self,)"
    lines = [f"    def {name}(self{parameter}):",
             f"        out = Value({code(op.spelling, args, MATH)}, {children}, {op_name!r})",
             "",
             "        def _backward():"]
    for slot, (target, rule) in enumerate(zip(("self", "other"), op.rules)):
        local = code(rule, args | {"out": "out.data"}, MATH, times="out.grad", cases=CONVENTIONS.get((op_name, slot), ()))
        lines.append(f"            {target}.grad += {local}")
    return lines + ["", "        out._backward = _backward", "        return out"]


def _program(graph: Graph, values: dict[str, float], names: dict[str, str]) -> list[str]:
    inputs = graph.input_ids()
    lines = [f"{names[i]} = Value({naming.float_literal(values[name])}, label={name!r})" for name, i in inputs.items()]
    for node_id in naming.gates(graph):
        lines.append(f"{names[node_id]} = {_expression(graph, node_id, names)}")
    output = names.get(graph.output()) or f"Value({naming.literal(graph.nodes[graph.output()].value)})"
    lines += [f"{output}.backward()", ""]
    return lines + [f"print({name!r}, repr({names[i]}.grad))" for name, i in inputs.items()]


def _expression(graph: Graph, node_id: str, names: dict[str, str]) -> str:
    """``x * w + b`` for the operators; a method call otherwise: ``n.tanh()``, ``a.max(b)``."""
    node = graph.nodes[node_id]
    args = naming.operands(graph, node, names, lambda v: f"Value({naming.literal(v)})")
    if node.op in _DUNDER:
        return code(OPS[node.op].spelling, args)
    rest = f"({args['b']})" if "b" in args else "()"
    return f"{args['a']}.{node.op}{rest}"
