"""The one way gdgui refuses data: ``require`` raises a ``DataError`` (or a subclass) naming the problem.

Graph files and edits raise ``GraphError``, sessions and decks ``SessionError``; both are
``DataError``s, so one rule builds every refusal and a caller may catch the family.
"""

from __future__ import annotations

import math
import reprlib

__all__ = ["DataError", "require", "is_number", "require_version", "brief"]


class DataError(ValueError):
    """Data (a file, a document, an edit) that cannot be used; the message names the problem."""


def require(condition: object, message: str, error: type[DataError] = DataError) -> None:
    """Raise ``error(message)`` unless ``condition`` holds."""
    if not condition:
        raise error(message)


def is_number(value) -> bool:
    """A finite int or float as JSON gives them, small enough to be a float (``True`` is not a number)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer of hundreds of digits
        return False


def brief(value) -> str:
    """``repr(value)`` cut to one short line: a file's 400-digit number or megabyte string stays readable."""
    if value is None or (type(value) is str and len(value) <= _SHORT):
        text = repr(value)  # what reprlib gives when it fits: a file's 5,000 node ids ask for it often
        if len(text) <= _SHORT:
            return text
    return reprlib.repr(value)


_SHORT = reprlib.aRepr.maxstring  # reprlib leaves a str repr this long or shorter as it is


def require_version(value, expected: int, what: str, error: type[DataError] = DataError) -> None:
    """A format version is JSON's integer ``expected`` itself: ``true`` and ``1.0`` are not versions,
    though Python finds both ``== 1``."""
    require(type(value) is int and value == expected,
            f"{what} version {brief(value)} is not supported (this gdgui reads version {expected})", error)
