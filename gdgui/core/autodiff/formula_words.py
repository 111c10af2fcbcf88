"""The words a student reads about a formula: refusals, Python's syntax errors translated,
why a constant part has no finite value (1/0 is ∞ by division by zero), and the formula a
graph computes, written back as text (``to_text``: ``(x - 3)^2``).

Python's own messages ("invalid syntax", "use an 0o prefix for octal integers", "unexpected
indent") never reach a user: a ``SyntaxError`` is matched against the few cases worth naming and
anything else becomes one generic sentence.  No Qt, no parsing here: ``expr`` calls these (and
re-exports ``to_text``, the other half of its formula text ↔ graph).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from gdgui.core.autodiff.graph import Graph
from gdgui.core.numbers import exact, short

__all__ = ["CHAR_HINTS", "NODE_HINTS", "OP_HINTS", "GENERIC", "POWER_HINT", "syntax_words", "constant_words",
           "why_not_finite", "UndefinedPart", "to_text"]

CHAR_HINTS = {
    "%": "the remainder operator % is not part of a formula",
    "<": "comparisons are not part of a formula", ">": "comparisons are not part of a formula",
    "=": "write an expression, not an equation or assignment",
    "[": "subscripts are not allowed: name each input (x1, x2, ...)",
    "]": "subscripts are not allowed: name each input (x1, x2, ...)",
    "'": "text in quotes is not allowed", '"': "text in quotes is not allowed",
    ":": "lambdas and slices are not allowed", "@": "matrix products are not supported",
    "²": "write a square as x^2", "·": "write a product with *", "×": "write a product with *",
    "−": "use the ASCII minus sign -", "π": "write π as pi",
}
NODE_HINTS = {
    ast.Attribute: "attribute access (the dot) is not allowed", ast.Subscript: "subscripts are not allowed",
    ast.Compare: "comparisons are not part of a formula", ast.Lambda: "lambdas are not allowed",
    ast.BoolOp: "and / or are not part of a formula", ast.IfExp: "if / else is not part of a formula",
    ast.ListComp: "comprehensions are not allowed", ast.GeneratorExp: "comprehensions are not allowed",
    ast.Tuple: "a formula is a single expression, not a tuple",
    ast.Await: "'await' is not part of a formula", ast.Starred: "a starred * is not part of a formula",
}
OP_HINTS = {ast.FloorDiv: "floor division // is not supported: use /", ast.Mod: "% is not supported",
            ast.MatMult: "@ is not supported", ast.BitXor: "^ is not supported here",
            ast.BitAnd: "& is not supported", ast.BitOr: "| is not supported",
            ast.LShift: "<< is not supported", ast.RShift: ">> is not supported",
            ast.Not: "'not' is not part of a formula", ast.Invert: "~ is not supported"}

GENERIC = "this is not a valid formula here (a missing operator or operand?)"
POWER_HINT = "write a power with a constant exponent as x^k (x^2, x^0.5)"  # power(x) or the name power

# (a piece of Python's message, the app's words); the first match wins, anything else is GENERIC.
_SYNTAX = (
    ("was never closed", "a parenthesis is not closed"),
    ("unexpected EOF", "a parenthesis is not closed"),
    ("unmatched", "a closing parenthesis has no opening one"),
    ("leading zeros", "a number cannot start with 0 (write 9, not 09)"),
    ("forgot a comma", "two terms in a row: put an operator between them (2*x, not 2 x)"),
    ("hexadecimal", "write numbers with the digits 0 to 9 (no 0x, 0o or 0b)"),
    ("octal", "write numbers with the digits 0 to 9 (no 0x, 0o or 0b)"),
    ("binary", "write numbers with the digits 0 to 9 (no 0x, 0o or 0b)"),
    ("decimal literal", "a number runs into a letter: write 2*x, not 2x"),
    ("imaginary literal", "a number runs into a letter: write 2*x, not 2x"),
)


def syntax_words(python_message: str) -> str:
    """The app's one line for a ``SyntaxError`` message of Python's."""
    return next((words for piece, words in _SYNTAX if piece in python_message), GENERIC)


def constant_words(value) -> str:
    """Why a literal that is not a real number cannot be one (True, None, 1j, ...)."""
    if isinstance(value, complex):
        return "complex numbers like 1j are not part of a formula"
    if isinstance(value, (str, bytes)):
        return "text is not a number"
    if value is Ellipsis:
        return "... is not a number"
    return f"{value!r} is not a number"


def why_not_finite(op: str, args: list[float]) -> str:
    """Why ``op(*args)`` of finite arguments came out infinite or undefined, in a few words."""
    first = args[0]
    power = op in ("pow", "power")  # a^b, or x^k with k handed in as the second number
    if (op == "div" and args[1] == 0) or (op == "reciprocal" and first == 0) \
            or (power and first == 0 and args[1] < 0):
        return "division by zero"
    if op in ("log", "sqrt") and first <= 0:
        name = "log" if op == "log" else "square root"
        return f"{name} of {'0' if first == 0 else 'a negative number'}"
    if power and first < 0 and not float(args[1]).is_integer():
        return "a negative number to a fractional power"
    return "too large for a floating-point number"


@dataclass(frozen=True)
class UndefinedPart:
    """A part of a formula with no finite value: ``1/0`` at column 5 is ∞ (division by zero)."""

    column: int
    text: str
    value: float | None  # None: it depends on the inputs (x/0 is ±∞ or undefined)
    reason: str

    def sentence(self, write=short) -> str:
        """'1/0 is ∞ (division by zero)'; ``write`` formats the value (``numbers.plain`` for ASCII)."""
        if self.value is None:
            return f"{self.text} has no finite value ({self.reason})"
        return f"{self.text} is {write(self.value)} ({self.reason})"


# ----- the formula of a graph ------------------------------------------------------------------
_INFIX = {"add": ("+", 1), "sub": ("-", 1), "mul": ("*", 2), "div": ("/", 2), "pow": ("^", 4)}
_UNARY, _POWER, _ATOM = 3, 4, 5


def _wrap(text_prec: tuple[str, int], needs_parens: bool) -> str:
    return f"({text_prec[0]})" if needs_parens else text_prec[0]


def _node_text(graph: Graph, node_id: str, done: dict) -> tuple[str, int]:
    node = graph.nodes[node_id]
    if node.kind == "input":
        return node.name, _ATOM
    if node.kind == "const":
        if node.name:  # pi or e (graph files allow no other name)
            return node.name, _ATOM
        return exact(node.value), (_UNARY if node.value < 0 or str(node.value)[0] == "-" else _ATOM)
    args = [done[a] for a in node.args]
    if node.op == "neg":
        return "-" + _wrap(args[0], args[0][1] < _UNARY), _UNARY
    if node.op == "power":  # x^k: the exponent is the gate's number, written in full
        k = exact(node.exponent)
        return f"{_wrap(args[0], args[0][1] <= _POWER)}^{f'({k})' if k.startswith('-') else k}", _POWER
    if node.op in _INFIX:
        symbol, prec = _INFIX[node.op]
        left_parens = args[0][1] <= prec if node.op == "pow" else args[0][1] < prec
        right_parens = args[1][1] < prec if node.op == "pow" else args[1][1] <= prec
        gap = "" if node.op == "pow" else " "  # x^2 + 1: a power binds tightest, and looks it
        return f"{_wrap(args[0], left_parens)}{gap}{symbol}{gap}{_wrap(args[1], right_parens)}", prec
    return f"{node.op}({', '.join(text for text, _ in args)})", _ATOM


def to_text(graph: Graph, max_length: int | None = None) -> str | None:
    """Canonical formula text of the graph's output (``parse(to_text(g))`` evaluates alike).

    None once a sub-formula is longer than ``max_length``: a shared value is written out at
    every use, so 30 nested ``q = q * q`` gates would spell a billion characters.
    """
    done: dict[str, tuple[str, int]] = {}
    for node_id in graph.topo_order():
        done[node_id] = _node_text(graph, node_id, done)
        if max_length is not None and len(done[node_id][0]) > max_length:
            return None
    return done[graph.output()][0]
