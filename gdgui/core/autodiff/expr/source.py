"""A formula's text made Python's, before any node is built: the limits on its length and nesting,
checked character by character, ``^`` as ``**``, each character's column kept, and read by
``ast.parse`` into a tree.  Whatever stops it here is a :class:`ParseError` whose column points at
the problem; ``ast.parse`` only builds a tree, so user text is never run."""

from __future__ import annotations

import ast
import re
import warnings

from gdgui.core.autodiff.formula_words import CHAR_HINTS, syntax_words

MAX_LENGTH = 1000
MAX_NESTING = 100

_ALLOWED_CHARS = re.compile(r"[A-Za-z0-9_\s+\-*/^().,]")


class ParseError(ValueError):
    """A formula that cannot be read; ``column`` (1-based) points at the problem, on ``line`` of a program."""

    def __init__(self, message: str, column: int | None = None, line: int | None = None):
        self.message, self.column, self.line = message, column, line
        where = f"line {line}, column {column}" if line else f"column {column}"
        super().__init__(f"{message} ({where})" if column else message)

    def where(self) -> str:
        """``Column 4`` of a formula, ``Line 2, column 4`` of a program."""
        return f"Line {self.line}, column {self.column or 1}" if self.line else f"Column {self.column}"


def read_tree(text: str) -> tuple[ast.Expression, str, list[int]]:
    """The tree of ``text``, its Python source, and for each source character the column in ``text``."""
    _check_text(text)
    source, columns = _to_python(text)
    try:
        with warnings.catch_warnings():  # e.g. "invalid decimal literal": we report errors ourselves
            warnings.simplefilter("ignore")
            tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        raise _syntax_error(error, columns) from None
    except RecursionError:  # Python's parser recurses; called from deep in a stack it may give up
        raise ParseError("the formula is nested too deep to read", 1) from None
    except (MemoryError, ValueError):
        raise ParseError("the formula is too complicated to read", 1) from None
    return tree, source, columns


def _to_python(text: str) -> tuple[str, list[int]]:
    """Python source for ``text`` and, for each of its characters, the column in ``text``.

    ``^`` becomes ``**``; every whitespace character becomes a space (a pasted line break or
    tab is a gap, not Python's end of statement) and leading ones are dropped (Python would
    call them an "unexpected indent").
    """
    out, columns = [], []
    for column, char in enumerate(text, start=1):
        replacement = "**" if char == "^" else " " if char.isspace() else char
        if replacement != " " or out:
            out.append(replacement)
            columns.extend([column] * len(replacement))
    columns.append(len(text) + 1)
    return "".join(out), columns


def _check_text(text: str) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ParseError("the formula is empty: type an expression such as x^2 + 2*y^2", 1)
    if len(text) > MAX_LENGTH:
        raise ParseError(f"the formula is longer than {MAX_LENGTH} characters", MAX_LENGTH + 1)
    depth = 0
    for column, char in enumerate(text, start=1):
        if not _ALLOWED_CHARS.fullmatch(char):
            hint = CHAR_HINTS.get(char, f"{char!r} is not allowed in a formula")
            raise ParseError(hint, column)
        depth += (char == "(") - (char == ")")
        if depth > MAX_NESTING:
            raise ParseError(f"parentheses are nested more than {MAX_NESTING} deep", column)


def _syntax_error(error: SyntaxError, columns: list[int]) -> ParseError:
    if not error.offset:  # Python reports the end of the text as offset 0
        return ParseError("the formula ends too early (a missing operand?)", columns[-1])
    offset = min(error.offset - 1, len(columns) - 1)
    return ParseError(syntax_words(error.msg or ""), columns[offset])
