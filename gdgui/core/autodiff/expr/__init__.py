"""Formula text ↔ computation graph, through Python's ``ast`` and a whitelist.

Only numbers, names, ``+ - * / **`` (and ``^`` as power, with power's precedence),
unary ``+ -``, parentheses and calls of the op table's functions are accepted;
``pi`` and ``e`` are constants.  Everything else is a :class:`ParseError` whose
message a student can act on and whose column points at the problem.  User text is
never passed to ``eval``, ``exec`` or ``compile``: ``ast.parse`` only builds a tree
(``source.py``: the text checked and read, ``ParseError`` and the text's limits, re-exported
here), which is walked here node by node (iteratively, so depth cannot exhaust the stack).

A power whose exponent is a constant (``x^2``, ``x**2``, ``pow(x, 2)``, ``x^(1/2)`` once the
exponent is folded) becomes one ``power`` gate carrying k, as micrograd's ``__pow__`` does; only a
variable exponent (``x^y``) makes a binary ``pow`` gate.  The formula of a graph is written back by
``to_text`` (in ``formula_words``, re-exported here).
"""

from __future__ import annotations

import ast
import math
import re

import numpy as np

from gdgui.core.autodiff.expr.source import MAX_LENGTH, MAX_NESTING, ParseError, read_tree
from gdgui.core.autodiff.formula_words import (
    NODE_HINTS,
    OP_HINTS,
    POWER_HINT,
    UndefinedPart,
    constant_words,
    syntax_words,
    to_text,
    why_not_finite,
)
from gdgui.core.autodiff.graph import Graph
from gdgui.core.autodiff.ops import OPS

MAX_NODES = 500
MAX_EXPONENT = 1000
CONSTANTS = {"pi": math.pi, "e": math.e}
FUNCTIONS = [name for name, op in OPS.items() if not op.exponent]  # what a formula may call

__all__ = ["CONSTANTS", "FUNCTIONS", "MAX_EXPONENT", "MAX_LENGTH", "MAX_NESTING", "MAX_NODES", "ParseError",
           "input_name_problem", "parse", "to_text", "undefined_part"]

_BINARY = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.Pow: "pow"}
_NOT_DECIMAL = re.compile(r"0[xXoObB]")


class _Builder:
    """Walks the tree (post-order, with an explicit stack) and emits graph nodes."""

    def __init__(self, source: str, columns: list[int]):
        self.graph = Graph()
        self.source = source
        self.columns = columns
        self.constant_value: dict[str, float] = {}
        self.undefined: dict[str, tuple] = {}  # id → (why, where, its value or None)
        self.exponents: list[str] = []  # constant exponents, whose nodes leave the graph once it is built

    def fail(self, message: str, node: ast.AST) -> ParseError:
        offset = getattr(node, "col_offset", 0)
        if isinstance(node, ast.BinOp):  # point at the operator, not the left operand
            offset = node.left.end_col_offset
            while offset < len(self.source) and self.source[offset] in " ()":
                offset += 1
        return ParseError(message, self.columns[min(offset, len(self.columns) - 1)])

    def build(self, root: ast.AST) -> Graph:
        self.graph.output_id = self.walk(root)
        self.drop_exponents()
        return self.graph

    def drop_exponents(self) -> None:
        for node_id in self.graph.dependency_order(self.exponents):  # not before: no id is used twice
            del self.graph.nodes[node_id]

    def walk(self, root: ast.AST) -> str:
        """The id of the node computing ``root``, its nodes emitted post-order."""
        done: dict[int, str] = {}
        stack = [(root, False)]
        while stack:
            node, expanded = stack.pop()
            children = self.children(node)
            if expanded or not children:
                done[id(node)] = self.emit(node, [done[id(c)] for c in children])
                if len(self.graph.nodes) > MAX_NODES:
                    raise self.fail(f"the formula has more than {MAX_NODES} nodes", node)
            else:
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(children))
        return done[id(root)]

    def children(self, node: ast.AST) -> list[ast.AST]:
        if isinstance(node, ast.BinOp):
            if type(node.op) not in _BINARY:
                raise self.fail(OP_HINTS.get(type(node.op), "this operator is not supported"), node)
            return [node.left, node.right]
        if isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, (ast.UAdd, ast.USub)):
                raise self.fail(OP_HINTS.get(type(node.op), "this operator is not supported"), node)
            return [] if _is_number(node.operand) else [node.operand]
        if isinstance(node, ast.Call):
            return self.call_args(node)
        if isinstance(node, (ast.Constant, ast.Name)):
            return []
        raise self.fail(NODE_HINTS.get(type(node), "this is not part of a formula"), node)

    def call_args(self, node: ast.Call) -> list[ast.AST]:
        func = node.func.id if isinstance(node.func, ast.Name) else None
        if func not in FUNCTIONS:
            known = POWER_HINT if func in OPS else f"known: {', '.join(FUNCTIONS)}"
            raise self.fail(f"unknown function {repr(func) if func else 'here'}; {known}", node)
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise self.fail(f"{node.func.id}() takes plain arguments only", node)
        arity = OPS[node.func.id].arity
        if len(node.args) != arity:
            raise self.fail(f"{node.func.id}() takes {arity} argument{'s' * (arity > 1)}, "
                            f"got {len(node.args)}", node)
        return list(node.args)

    def emit(self, node: ast.AST, args: list[str]) -> str:
        if isinstance(node, ast.Constant):
            return self.constant(self.number(node), node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            if not args:
                sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
                return self.constant(sign * self.number(node.operand), node)
            return args[0] if isinstance(node.op, ast.UAdd) else self.op("neg", args, node)
        name = _BINARY[type(node.op)] if isinstance(node, ast.BinOp) else node.func.id
        return self.power(args, node) if name == "pow" else self.op(name, args, node)

    def number(self, node: ast.Constant) -> float:
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise self.fail(constant_words(node.value), node)
        if _NOT_DECIMAL.match(self.source, node.col_offset):  # 0x1f is a number to Python, not to a student
            raise self.fail(syntax_words("hexadecimal"), node)
        try:
            value = float(node.value)
        except OverflowError:
            value = math.inf
        if not math.isfinite(value):
            raise self.fail("this number is too large", node)
        return value

    def constant(self, value: float, node: ast.AST, name: str | None = None) -> str:
        node_id = self.graph.add_const(value)
        self.graph.nodes[node_id].name = name
        self.constant_value[node_id] = value
        return node_id

    def name(self, node: ast.Name) -> str:
        if node.id in CONSTANTS:
            return self.constant(CONSTANTS[node.id], node, node.id)
        if node.id in OPS:
            raise self.fail(f"{node.id} is a function: call it like {node.id}(x)" if node.id in FUNCTIONS
                            else f"{node.id} is not a name here: {POWER_HINT}", node)
        if node.id.startswith("_"):
            raise self.fail(f"names cannot start with an underscore: {node.id!r}", node)
        return self.graph.input_ids().get(node.id) or self.graph.add_input(node.id)

    def check_exponent(self, exponent_id: str, node: ast.BinOp) -> None:
        value = self.constant_value.get(exponent_id)
        if value is None or (math.isfinite(value) and abs(value) <= MAX_EXPONENT):
            return
        if math.isfinite(value):
            raise self.fail(f"the exponent is larger than {MAX_EXPONENT} in magnitude", node)
        reason = self.undefined[exponent_id][0]
        raise self.fail(f"the exponent is {'undefined' if math.isnan(value) else 'infinite'} ({reason})", node)

    def power(self, args: list[str], node: ast.AST) -> str:
        """``a ^ b``: one power gate x^k when the exponent is a constant, else a pow gate.

        The exponent's nodes (a constant, or an input-free part such as 1/2, made for this
        exponent alone) leave the graph at the end of ``build``: their value is the gate's number k.
        """
        base, exponent = args
        self.check_exponent(exponent, node)
        k = self.constant_value.get(exponent)
        if k is None:
            return self.op("pow", args, node)
        self.exponents.append(exponent)
        return self.op("power", [base], node, exponent=k)

    def op(self, name: str, args: list[str], node: ast.AST, exponent: float | None = None) -> str:
        """Add an op node; fold its value when every argument is a constant.

        The walk is post-order, so the arguments' values are already known: folding needs no
        recursion, whatever the depth.  The values are NumPy floats under ``errstate``, so
        1/0 folds to inf and 0/0 to NaN as IEEE says, never a Python ZeroDivisionError.
        """
        node_id = self.graph.add_op(name, args, exponent=exponent)
        values = [self.constant_value.get(a) for a in args] + ([exponent] if exponent is not None else [])
        if all(v is not None for v in values):
            with np.errstate(all="ignore"):
                value = float(OPS[name].forward(*map(np.float64, values)))
            self.constant_value[node_id] = value
            if not math.isfinite(value):  # remember where it first stopped being a number, and why
                first = next((self.undefined[a] for a in args if a in self.undefined), None)
                self.undefined[node_id] = first or (why_not_finite(name, values), node, value)
        elif name == "div" and values[1] == 0:  # x/0: no finite value wherever x is
            self.undefined[node_id] = ("division by zero", node, None)
        return node_id

    def first_undefined(self, text: str) -> UndefinedPart | None:
        if not self.undefined:
            return None
        reason, node, value = min(self.undefined.values(), key=lambda entry: entry[1].col_offset)
        start, end = self.columns[node.col_offset], self.columns[node.end_col_offset - 1]
        return UndefinedPart(start, text[start - 1:end], value, reason)


def _is_number(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and not isinstance(node.value, bool) \
        and isinstance(node.value, (int, float))


def _build(text: str, builder: type[_Builder] = _Builder) -> _Builder:
    tree, source, columns = read_tree(text)
    built = builder(source, columns)
    built.build(tree.body)
    return built


def parse(text: str) -> Graph:
    """Parse a formula into a graph whose output is the whole expression."""
    return _build(text).graph


def undefined_part(text: str) -> UndefinedPart | None:
    """The leftmost constant part of a valid formula that is ∞ or undefined (``1/0``), else None.

    Such a formula is accepted (x/0 is a formula whose value is ∞): this says why its values are
    not numbers.  ParseError as ``parse``.
    """
    return _build(text).first_undefined(text)


def input_name_problem(name) -> str | None:
    """Why ``name`` cannot name an input, or None. The parser is the rule: a name is an input's
    if the formula ``name`` reads as that very input (not a keyword, a function, pi, or two names)."""
    if not isinstance(name, str):
        return "an input's name must be text"
    try:
        graph = parse(name)
    except ParseError as error:
        return f"{name[:40]!r} is not a valid input name ({error.message})"
    node = graph.nodes[graph.output_id]
    if node.kind != "input" or node.name != name:
        reads_as = f"the constant {node.name}" if node.kind == "const" and node.name else "something else"
        return f"{name[:40]!r} is not a valid input name (a formula reads it as {reads_as})"
    return None
