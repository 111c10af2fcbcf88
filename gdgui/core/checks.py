"""The one way gdgui refuses data: ``require`` raises a ``DataError`` (or a subclass) naming the problem.

Graph files and edits raise ``GraphError``, sessions and decks ``SessionError``; both are
``DataError``s, so one rule builds every refusal and a caller may catch the family.
"""

from __future__ import annotations

import math

__all__ = ["DataError", "require", "is_number"]


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
