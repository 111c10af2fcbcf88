"""The builders of a program's graph: ``expr``'s builder walks each statement's expression, with
``x.tanh()`` read as ``tanh(x)`` and ``Value(2.0)`` as a number; the program builder keeps the names
(an environment of name → node), names each assigned gate, makes a number assigned an input."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from gdgui.core.autodiff.expr import CONSTANTS, FUNCTIONS, ParseError, _Builder, _is_number
from gdgui.core.autodiff.graph import Graph
from gdgui.core.autodiff.graph_document import PRIMES
from gdgui.core.autodiff.ops import OPS
from gdgui.core.autodiff.program.source import chars

METHODS = [name for name in FUNCTIONS if OPS[name].arity == 1]  # x.tanh() reads as tanh(x)
_AUGMENTED = {ast.Add: ("add", "+"), ast.Sub: ("sub", "-"), ast.Mult: ("mul", "*"), ast.Div: ("div", "/")}


@dataclass
class Program:
    """What a program builds: the graph, its gates' names (id → name), the inputs' values it gives."""

    graph: Graph
    names: dict[str, str] = field(default_factory=dict)
    values: dict[str, float] = field(default_factory=dict)


def mark(name: str, version: int) -> str:
    """The ``version``-th node of ``name`` (0: the first): c, c′, c″, c‴, c′′′′."""
    return name + (PRIMES[version - 1] if version <= len(PRIMES) else "′" * version) if version else name


def _method(node: ast.AST) -> str | None:
    """``x.tanh()``'s method name, if ``node`` is a call of a method (known or not)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _is_value_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Value"


class MethodBuilder(_Builder):
    """expr's builder, plus ``x.tanh()`` for ``tanh(x)`` and ``Value(2.0)`` for a constant 2.0."""

    def children(self, node: ast.AST) -> list[ast.AST]:
        method = _method(node)
        if method is not None:
            self.check_method(node, method)
            return [node.func.value]
        if _is_value_call(node):
            self.value_of(node)
            return []
        return super().children(node)

    def check_method(self, node: ast.Call, method: str) -> None:
        if method not in METHODS:
            raise self.fail(f"unknown method {method!r}; known: {', '.join(f'.{m}()' for m in METHODS)}", node)
        if node.args or node.keywords:
            raise self.fail(f".{method}() takes no arguments", node)

    def emit(self, node: ast.AST, args: list[str]) -> str:
        if _method(node) is not None:
            return self.op(node.func.attr, args, node)
        if _is_value_call(node):
            return self.constant(self.value_of(node), node)
        return super().emit(node, args)

    def value_of(self, node: ast.Call) -> float:
        """The number of ``Value(2.0)`` or ``Value(-4.0, label='x')`` (``data=`` too)."""
        args = list(node.args) + [k.value for k in node.keywords if k.arg == "data"]
        others = [k for k in node.keywords if k.arg not in ("data", "label")]
        labels = [k.value for k in node.keywords if k.arg == "label"]
        if len(args) != 1 or others or any(not (isinstance(v, ast.Constant) and isinstance(v.value, str))
                                           for v in labels):
            raise self.fail("Value() takes a number, and optionally label='name'", node)
        number = args[0]
        sign = -1.0 if isinstance(number, ast.UnaryOp) and isinstance(number.op, ast.USub) else 1.0
        if isinstance(number, ast.UnaryOp) and isinstance(number.op, (ast.USub, ast.UAdd)):
            number = number.operand
        if not _is_number(number):
            raise self.fail("Value() takes a number, such as Value(2.0)", node)
        return sign * self.number(number)

    def fail(self, message: str, node: ast.AST) -> ParseError:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):  # point at the method's name
            offset = node.func.value.end_col_offset
            return ParseError(message, self.columns[min(offset, len(self.columns) - 1)] + 1)
        return super().fail(message, node)


class ProgramBuilder(MethodBuilder):
    """Statements in order: an environment of names → node ids, each assigned gate named."""

    def __init__(self, source: str, columns: list[list[int]]):
        super().__init__(source, [])
        self.lines, self.line_columns = source.split("\n"), columns
        self.env: dict[str, str] = {}          # name → the node it is now
        self.versions: dict[str, int] = {}     # name → how many nodes it has named
        self.free: dict[str, int] = {}         # a name read before any assignment (an input) → its line
        self.names: dict[str, str] = {}
        self.values: dict[str, float] = {}
        self.output: str | None = None

    # ----- positions ------------------------------------------------------------------------------
    def fail(self, message: str, node: ast.AST) -> ParseError:
        line = getattr(node, "lineno", 1)
        source, columns = self.lines[line - 1], self.line_columns[line - 1]
        offset = chars(source, getattr(node, "col_offset", 0))
        if isinstance(node, ast.BinOp):  # at the operator, not the left operand
            offset = chars(source, node.left.end_col_offset)
            while offset < len(source) and source[offset] in " ()":
                offset += 1
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            offset = chars(source, node.func.value.end_col_offset) + 1
        return ParseError(message, columns[min(offset, len(columns) - 1)], line)

    # ----- statements -----------------------------------------------------------------------------
    def program(self, tree: ast.Module) -> Program:
        if not tree.body:
            raise ParseError("the program has no statement", 1, 1)
        last = None
        for statement in tree.body:
            last = self.statement(statement) or last
        output = self.output or last
        self.graph.output_id = output
        self.drop_exponents()
        self.prune(output)
        return Program(self.graph, {i: n for i, n in self.names.items() if i in self.graph.nodes},
                       {n: v for n, v in self.values.items() if n in self.graph.input_ids()})

    def statement(self, node: ast.stmt) -> str | None:
        """Run one statement; the node it computes or assigns (the output if it is the last)."""
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            return self.assign(node.targets[0], node.value, node)
        if isinstance(node, ast.AugAssign):
            return self.augmented(node)
        if isinstance(node, ast.Expr):
            return self.expression(node.value)
        if isinstance(node, ast.Assign):
            raise self.fail("assign one name at a time (a = b = … is not supported)", node)
        if isinstance(node, ast.AnnAssign):
            raise self.fail("write name = expression, without a type", node)
        kind = type(node).__name__.lower()
        raise self.fail(f"only assignments and expressions are allowed in a program, not {kind}", node)

    def assign(self, target: ast.expr, value: ast.expr, node: ast.stmt) -> str | None:
        if isinstance(target, ast.Attribute):
            return self.set_attribute(target, value)
        if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) \
                and len(target.elts) == len(value.elts):  # xmg, ymg = x, y: all right sides first
            ids = [self.walk(v) for v in value.elts]
            return [self.bind(t, i, v) for t, i, v in zip(target.elts, ids, value.elts)][-1]
        if not isinstance(target, ast.Name):
            raise self.fail("the left side of = must be a name", target)
        return self.bind(target, self.walk(value), value)

    def bind(self, target: ast.expr, node_id: str, value: ast.expr) -> str:
        """``name = value``: a new gate takes the name (marked if the name had a node), a number
        (alone, or ``Value(n)``: a constant so far) becomes the input, anything else is an alias."""
        if not isinstance(target, ast.Name):
            raise self.fail("the left side of = must be a name", target)
        name = self.check_name(target)
        version = self.versions.get(name, 0)
        node = self.graph.nodes[node_id]
        is_number = node.kind == "const" and node.name is None and not self.is_bound(node_id)
        fresh = is_number or (node.kind == "op" and not self.is_bound(node_id))
        if is_number:
            node_id = self.make_input(target, name, node_id, version)
        elif fresh:
            self.names[node_id] = mark(name, version)
        self.versions[name] = version + fresh
        self.env[name] = node_id
        return node_id

    def make_input(self, target: ast.Name, name: str, const_id: str, version: int) -> str:
        if version:
            where = f"line {self.free[name]} uses it as an input" if name in self.free else "it names a value"
            raise self.fail(f"{name} already has a value ({where}): a number can only start a new name", target)
        if name in CONSTANTS:
            raise self.fail(f"an input cannot be called {name} (it reads as the constant {name}): "
                            "choose another name", target)
        value = self.graph.nodes.pop(const_id).value
        del self.constant_value[const_id]
        self.values[name] = value
        return self.graph.add_input(name)

    def is_bound(self, node_id: str) -> bool:
        return node_id in self.names or node_id in self.env.values()

    def check_name(self, target: ast.Name) -> str:
        name = target.id
        if name in OPS or name == "Value":
            raise self.fail(f"{name} is a function: choose another name", target)
        if name.startswith("_"):
            raise self.fail(f"names cannot start with an underscore: {name!r}", target)
        return name

    def augmented(self, node: ast.AugAssign) -> str:
        if not isinstance(node.target, ast.Name):
            raise self.fail("the left side of += must be a name", node.target)
        if type(node.op) not in _AUGMENTED:
            raise self.fail("only += -= *= /= are supported", node)
        if node.target.id not in self.env:
            raise self.fail(f"{node.target.id} has no value yet: assign it before {node.target.id} "
                            f"{_AUGMENTED[type(node.op)][1]}= …", node.target)
        right = self.walk(node.value)
        gate = self.op(_AUGMENTED[type(node.op)][0], [self.env[node.target.id], right], node)
        return self.bind(node.target, gate, node)

    def expression(self, node: ast.expr) -> str:
        if _method(node) == "backward" and not node.args and not node.keywords:
            self.output = self.walk(node.func.value)
            return self.output
        return self.walk(node)

    def set_attribute(self, target: ast.Attribute, value: ast.expr) -> None:
        """``x.label = 'text'`` is accepted and changes nothing; any other attribute is refused."""
        if target.attr != "label" or not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
            raise self.fail("only x.label = 'text' may be set (the graph shows the variable's name)", target)
        self.walk(target.value)  # the name must exist
        return None

    # ----- names and the finished graph -----------------------------------------------------------
    def name(self, node: ast.Name) -> str:
        if node.id in self.env:
            return self.env[node.id]
        if node.id == "Value":
            raise self.fail("write Value(2.0) to give a number", node)
        node_id = super().name(node)
        if self.graph.nodes[node_id].kind == "input":
            self.free.setdefault(node.id, node.lineno)
            self.versions[node.id] = max(self.versions.get(node.id, 0), 1)
        return node_id

    def power(self, args: list[str], node: ast.AST) -> str:
        """x ** k: a shared named constant exponent stays a node (a ``pow`` gate), else as expr does."""
        if self.is_bound(args[1]):
            self.check_exponent(args[1], node)
            return self.op("pow", args, node)
        return super().power(args, node)

    def prune(self, output: str | None) -> None:
        """Only what the output depends on is drawn (a value computed and never used is not)."""
        if output is None:
            raise ParseError("the program computes nothing: end it with the output's name", 1, len(self.lines))
        keep = set(self.graph.dependency_order([output]))
        for node_id in [n for n in self.graph.nodes if n not in keep]:
            del self.graph.nodes[node_id]
