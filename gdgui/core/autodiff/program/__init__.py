"""A program (micrograd-style code) → one shared computation graph, through ``ast`` and a whitelist.

A program is statements one a line (or separated by ``;``): ``name = expression``, an augmented
``name += expression`` (``-= *= /=``), or a last bare expression, which is the output; else the last
assigned name is.  Every assigned name is one node, labelled with the name and shared by every use
(the graph is a DAG like the code's); assigning a name again makes a new node marked ``c′``, ``c″``.
A name given a number (``a = 2.0``, ``a = Value(2.0, label='a')``) is an input with that value.
A name the program assigns shadows the constants ``e`` and ``pi``.  Method calls ``x.tanh()``
(any one-argument function of the op table) read as ``tanh(x)``.  ``y.backward()`` makes ``y`` the
output and ``x.label = '…'`` is accepted and ignored (the graph shows the variable's name), so
micrograd's code pastes as written.  Nothing else: no other attribute, call or statement.

Text without ``=`` or ``;`` is a single expression and reads exactly as ``expr.parse`` reads it (a
line break is a space), plus the method calls.  Errors are ``ParseError`` with the line and the
column; user text is never passed to ``eval``, ``exec`` or ``compile``.
"""

from __future__ import annotations

import ast
import warnings

from gdgui.core.autodiff.expr import ParseError, _build
from gdgui.core.autodiff.formula_words import UndefinedPart, syntax_words
from gdgui.core.autodiff.program.builders import METHODS, MethodBuilder, Program, ProgramBuilder, mark
from gdgui.core.autodiff.program.source import MAX_PROGRAM_LENGTH, prepared

PROGRAM_SUFFIXES = (".py", ".txt")  # a file of code holds a program (``--graph``), not a graph file

__all__ = ["MAX_PROGRAM_LENGTH", "METHODS", "PROGRAM_SUFFIXES", "Program", "is_program", "mark", "parse_program",
           "undefined_part"]


def is_program(text: str) -> bool:
    """Whether ``text`` is statements rather than one expression (an ``=`` or a ``;`` outside a comment)."""
    return isinstance(text, str) and any(char in line.split("#")[0] for line in text.splitlines() for char in "=;")


def parse_program(text: str) -> Program:
    """The program's graph, names and values; a single expression reads as ``expr.parse``. Raises ParseError."""
    if not is_program(text):
        return Program(_build(text, MethodBuilder).graph)
    source, columns = prepared(text)
    try:
        with warnings.catch_warnings():  # Python's own warnings are not for a student
            warnings.simplefilter("ignore")
            tree = ast.parse(source, mode="exec")
    except SyntaxError as error:
        line = min(max(error.lineno or len(columns), 1), len(columns))
        offset = min(max((error.offset or 1) - 1, 0), len(columns[line - 1]) - 1)
        raise ParseError(syntax_words(error.msg or ""), columns[line - 1][offset], line) from None
    except (RecursionError, MemoryError, ValueError):
        raise ParseError("the program is too complicated to read", 1, 1) from None
    return ProgramBuilder(source, columns).program(tree)


def undefined_part(text: str) -> UndefinedPart | None:
    """A single expression's leftmost constant part that is ∞ or undefined (as ``expr.undefined_part``);
    None for a program (its constants are named values, shown on the graph)."""
    return None if is_program(text) else _build(text, MethodBuilder).first_undefined(text)


