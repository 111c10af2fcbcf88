"""An op's spelling, a Python expression of a, b, k and out, read with ``ast`` and written out.

``ops.SPELLINGS`` spells each op's forward and its local rules once.  ``symbols`` writes one
the way the chain-rule panel shows it, with names or numbers in place of a, b, k and out:
``1 − tanh²(n)`` or ``1 − 0.7071²`` (a product ``b·a``, a quotient ``1/(2·√x)``, a power with a
small whole exponent in superscript, a comparison as Iverson's bracket ``[a > 0]``, worth 1 or 0).
``code`` writes it as Python source for a script, each function named by the caller's library.
In symbols, numbers only the spelling holds (``k − 1`` with k = 3) are worked out; numbers of the graph
are not, nor any in code.
"""

from __future__ import annotations

import ast

from gdgui.core.numbers import DEFAULT_DIGITS, MINUS, short

OPERANDS = ("a", "b", "k", "out")
_ADD, _MUL, _UNARY, _POW, _ATOM = range(1, 6)
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_COMPARE = {ast.Gt: ">", ast.GtE: "≥", ast.Lt: "<", ast.LtE: "≤"}
_FOLD = {ast.Add: float.__add__, ast.Sub: float.__sub__, ast.Mult: float.__mul__}
_CALLS = {"sigmoid": "σ({})", "abs": "|{}|"}


def _parsed(text: str) -> ast.expr:
    """A fresh tree of ``text`` to change in place (parsing again is 5× quicker than a deep copy)."""
    return ast.parse(text, mode="eval").body


def substituted(text: str, operands: dict, fold: bool = True) -> ast.expr:
    """``text``'s tree with a, b, k, out replaced: a str by a name written as it is, a number by a
    constant (with ``fold``, worked out where the spelling computes with numbers alone), a tree by that tree."""
    return _Substitute(operands, fold).visit((_parsed(text)))


class _Substitute(ast.NodeTransformer):
    def __init__(self, operands: dict, fold: bool):
        self._operands, self._fold = operands, fold

    def visit_Name(self, node: ast.Name):
        if node.id not in self._operands:
            return node
        value = self._operands[node.id]
        if isinstance(value, ast.AST):
            return value
        return ast.Name(id=value) if isinstance(value, str) else ast.Constant(float(value))

    def visit_BinOp(self, node: ast.BinOp):
        self.generic_visit(node)
        fold = _FOLD.get(type(node.op)) if self._fold else None
        if fold and all(isinstance(side, ast.Constant) for side in (node.left, node.right)):
            return ast.Constant(fold(float(node.left.value), float(node.right.value)))
        return node


# ----- symbols ----------------------------------------------------------------------------------------

def symbols(tree: ast.expr, numbers: bool = False, digits: int = DEFAULT_DIGITS) -> str:
    """``tree`` in the panel's notation; ``numbers``: a product of numbers is written ``×``, not ``·``."""
    return _Symbols(numbers, digits).text(tree)[0]


def factor(tree: ast.expr, numbers: bool = False, digits: int = DEFAULT_DIGITS) -> str:
    """``symbols`` as one factor of a product: in parentheses unless it binds as tightly."""
    text, rank = _Symbols(numbers, digits).text(tree)
    return f"({text})" if rank < _MUL or text.startswith(MINUS) else text


class _Symbols:
    def __init__(self, numbers: bool, digits: int):
        self._times, self._digits = (" × " if numbers else "·"), digits

    def text(self, node: ast.expr) -> tuple[str, int]:
        """The text of ``node`` and how tightly it binds."""
        return getattr(self, "_" + type(node).__name__)(node)

    def _Name(self, node: ast.Name):
        return node.id, _ATOM

    def _Constant(self, node: ast.Constant):
        text = short(node.value, self._digits)
        return text, _UNARY if text.startswith(MINUS) else _ATOM

    def _UnaryOp(self, node: ast.UnaryOp):
        return MINUS + self._bracket(node.operand, _POW), _UNARY

    def _BinOp(self, node: ast.BinOp):
        op = type(node.op)
        if op is ast.Pow:
            return self._power(node)
        if op in (ast.Add, ast.Sub):
            sign = " + " if op is ast.Add else f" {MINUS} "
            return self._bracket(node.left, _ADD) + sign + self._bracket(node.right, _ADD + 1), _ADD
        right = self._bracket(node.right, _MUL + (op is ast.Div), negative=True)
        joint = "/" if op is ast.Div else self._times
        return self._bracket(node.left, _MUL) + joint + right, _MUL

    def _power(self, node: ast.BinOp):
        k = node.right.value if isinstance(node.right, ast.Constant) else None
        if k == 1:
            return self.text(node.left)
        if k is not None and float(k).is_integer() and abs(k) < 10:
            high = str(int(k)).translate(_SUPERSCRIPT)
            if isinstance(node.left, ast.Call) and node.left.func.id not in _CALLS and node.left.func.id != "sqrt":
                name, args = self._call_parts(node.left)
                return f"{name}{high}({args})", _ATOM  # tanh²(n)
            return self._bracket(node.left, _ATOM) + high, _POW
        return self._bracket(node.left, _ATOM) + "^" + self._bracket(node.right, _ATOM, negative=True), _POW

    def _Call(self, node: ast.Call):
        name, args = self._call_parts(node)
        if name == "sqrt":
            return "√" + self._bracket(node.args[0], _ATOM), _ATOM
        return _CALLS.get(name, name + "({})").format(args), _ATOM

    def _call_parts(self, node: ast.Call) -> tuple[str, str]:
        return node.func.id, ", ".join(self.text(arg)[0] for arg in node.args)

    def _Compare(self, node: ast.Compare):
        left, right = self.text(node.left)[0], self.text(node.comparators[0])[0]
        return f"[{left} {_COMPARE[type(node.ops[0])]} {right}]", _ATOM

    def _bracket(self, node: ast.expr, rank: int, negative: bool = False) -> str:
        text, own = self.text(node)
        return f"({text})" if own < rank or negative and text.startswith(MINUS) else text


# ----- code -------------------------------------------------------------------------------------------

def code(text: str, operands: dict[str, str | float], functions: dict[str, str] | None = None,
         times: str | None = None, cases: tuple[tuple[str, str], ...] = ()) -> str:
    """``text`` as Python source: each operand's source (a str) or number put in, each function
    called by the name ``functions`` gives it (``exp`` → ``math.exp``), the rest as spelled; with
    ``times``, that source times it (``out.grad * (1 - out.data ** 2)``). ``cases``, (condition,
    value) pairs, go around it, the first that holds wins: as ``np.where`` where ``functions`` names
    a ``where``, else as ``value if condition else …`` (the rule is then not worked out where a case
    holds: Python's floats raise on 1/0). A case decided by the numbers alone is decided here."""
    def tree_of(spelled: str) -> ast.expr:
        parsed = {name: (_parsed(value)) if isinstance(value, str) else value for name, value in operands.items()}
        return _Rename(functions or {}).visit(substituted(spelled, parsed, fold=False))

    tree = tree_of(text)
    for condition, value in reversed(cases):
        holds = _decided(tree_of(condition))
        if holds is not None:
            tree = tree_of(value) if holds else tree
        elif functions and "where" in functions:
            tree = ast.Call(_parsed(functions["where"]), [tree_of(condition), tree_of(value), tree], [])
        else:
            tree = ast.IfExp(tree_of(condition), tree_of(value), tree)
    if times is not None:  # × 1 is left out
        one = isinstance(tree, ast.Constant) and tree.value == 1
        tree = (_parsed(times)) if one else ast.BinOp((_parsed(times)), ast.Mult(), tree)
    return ast.unparse(ast.fix_missing_locations(tree))


_DECIDE = {ast.Eq: float.__eq__, ast.Lt: float.__lt__, ast.LtE: float.__le__, ast.Gt: float.__gt__,
           ast.GtE: float.__ge__}


def _decided(condition: ast.expr) -> bool | None:
    """Whether a condition of numbers alone holds (``2.0 == 0``: a power gate's constant exponent);
    None where it names a value."""
    if isinstance(condition, ast.Compare) and all(isinstance(side, ast.Constant)
                                                  for side in (condition.left, *condition.comparators)):
        return _DECIDE[type(condition.ops[0])](float(condition.left.value), float(condition.comparators[0].value))
    return None


class _Rename(ast.NodeTransformer):
    def __init__(self, functions: dict[str, str]):
        self._functions = functions

    def visit_Call(self, node: ast.Call):
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id in self._functions:
            node.func = (_parsed(self._functions[node.func.id]))
        return node
