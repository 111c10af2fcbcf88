"""The words a student reads about a formula: refusals, Python's syntax errors translated, and
why a constant part has no finite value (1/0 is ∞ by division by zero).

Python's own messages ("invalid syntax", "use an 0o prefix for octal integers", "unexpected
indent") never reach a user: a ``SyntaxError`` is matched against the few cases worth naming and
anything else becomes one generic sentence.  No Qt, no parsing here: ``expr`` calls these.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from gdgui.core.numbers import short

__all__ = ["CHAR_HINTS", "NODE_HINTS", "OP_HINTS", "GENERIC", "syntax_words", "constant_words",
           "why_not_finite", "UndefinedPart"]

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
    if (op == "div" and args[1] == 0) or (op == "reciprocal" and first == 0) \
            or (op == "pow" and first == 0 and args[1] < 0):
        return "division by zero"
    if op in ("log", "sqrt") and first <= 0:
        name = "log" if op == "log" else "square root"
        return f"{name} of {'0' if first == 0 else 'a negative number'}"
    if op == "pow" and first < 0 and not float(args[1]).is_integer():
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
