"""A program's text made Python's: checked character by character (a label's quotes and a comment may hold
anything), indentation dropped, ``^`` as ``**``, and for each line where each character came from (the
column an error names).  ``chars`` turns ``ast``'s byte offsets into characters."""

from __future__ import annotations

import re

from gdgui.core.autodiff.expr.source import MAX_LENGTH, MAX_NESTING, ParseError
from gdgui.core.autodiff.formula_words import CHAR_HINTS

MAX_PROGRAM_LENGTH = 10 * MAX_LENGTH

_ALLOWED = re.compile(r"[A-Za-z0-9_ \t+\-*/^().,=;]")
_QUOTES = "'\""


def prepared(text: str) -> tuple[str, list[list[int]]]:
    """Python source (a line per line, indentation dropped, ``^`` as ``**``) and, per line, each source
    character's 1-based column in the typed line (one more at the end)."""
    if not isinstance(text, str) or not text.strip():
        raise ParseError("the program is empty", 1, 1)
    if len(text) > MAX_PROGRAM_LENGTH:
        raise ParseError(f"the program is longer than {MAX_PROGRAM_LENGTH} characters", 1, 1)
    lines, columns = [], []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        check_line(line, number)
        out, where = [], []
        for column, char in enumerate(line, start=1):
            if out or not char.isspace():
                piece = "**" if char == "^" else " " if char == "\t" else char
                out.append(piece)
                where.extend([column] * len(piece))
        lines.append("".join(out))
        columns.append(where + [len(line) + 1])
    return "\n".join(lines), columns


def check_line(line: str, number: int) -> None:
    if len(line) > MAX_LENGTH:
        raise ParseError(f"the line is longer than {MAX_LENGTH} characters", MAX_LENGTH + 1, number)
    depth, quote = 0, None
    for column, char in enumerate(line, start=1):
        if quote:  # a label's text may hold anything
            quote = None if char == quote else quote
        elif char in _QUOTES:
            quote = char
        elif char == "#":
            return  # a comment
        elif not _ALLOWED.fullmatch(char):
            raise ParseError(CHAR_HINTS.get(char, f"{char!r} is not allowed in a program"), column, number)
        depth += (char == "(") - (char == ")")
        if depth > MAX_NESTING:
            raise ParseError(f"parentheses are nested more than {MAX_NESTING} deep", column, number)


def chars(line: str, byte_offset: int) -> int:
    """``ast``'s UTF-8 byte offset in ``line`` as a character offset (a label may hold any character)."""
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))
