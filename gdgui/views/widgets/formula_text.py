"""Formula text as readable rich text: x^2 + 2*y^2 → x² + 2·y² (exponents raised, π, √)."""

from __future__ import annotations

import html
import re

__all__ = ["formula_html"]

_TOKEN = re.compile(r"\s*(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+|[A-Za-z_]\w*|\*\*|.)")
_NAMES = {"pi": "π", "sqrt": "√"}
_SIGNS = {"-": "−", "+": "+"}
# After these a sign is unary (−x), written without spaces.
_OPERATORS = {"(", ",", "+", "-", "*", "/", "^", "**"}


def formula_html(text: str) -> str:
    """Rich text of a formula: powers as superscripts, * as ·, pi as π, sqrt as √."""
    tokens = [t for t in _TOKEN.findall(text) if t.strip()]
    return _render(tokens)


def _render(tokens: list[str]) -> str:
    out, i = [], 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("^", "**"):
            exponent, i = _operand(tokens, i + 1)
            out.append(f"<sup>{_render(exponent)}</sup>")
            continue
        unary = token in "+-" and (i == 0 or tokens[i - 1] in _OPERATORS)
        out.append(_SIGNS[token] if unary else _word(token))
        i += 1
    return "".join(out)


def _operand(tokens: list[str], i: int) -> tuple[list[str], int]:
    """The tokens of the exponent starting at ``i``: a sign, then a name, number or (group)."""
    start = i
    if i < len(tokens) and tokens[i] in "+-":
        i += 1
    if i < len(tokens) and tokens[i] != "(":
        i += 1
    if i < len(tokens) and tokens[i] == "(":
        depth = 0
        while i < len(tokens):
            depth += (tokens[i] == "(") - (tokens[i] == ")")
            i += 1
            if depth == 0:
                break
    exponent = tokens[start:i]
    if len(exponent) > 2 and exponent[0] == "(" and exponent[-1] == ")":
        exponent = exponent[1:-1]  # x^(2) reads better as x², and (x+1) stays grouped by height
    return exponent, i


def _word(token: str) -> str:
    if token == "*":
        return "·"
    if token in "+-":
        return f" {'−' if token == '-' else '+'} "
    if token == "/":
        return " / "
    if token == ",":
        return ", "
    return _NAMES.get(token, html.escape(token))
