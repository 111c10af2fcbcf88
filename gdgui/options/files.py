"""The files named on the command line (a session, ``--deck``, ``--graph``), opened and checked
before any window is shown, without Qt.

A bad file is a ValueError of one line, "Not opened: lesson.gdgui: descent: lr: …", the words the
window uses for a refused file; ``gdgui.app`` prints it after "gdgui: " and exits with status 2.
The core loaders are imported when a file is named, so `gdgui list` does not load them.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["checked_session", "checked_deck_slides", "checked_graph"]


def checked_session(path: str) -> str:
    """``path`` if it is a session the window can open (every setting checked)."""
    from gdgui.core.files.session import load_session

    _opened(load_session, path)
    return path


def checked_deck_slides(path: str | None) -> int:
    """How many slides the deck at ``path`` (None: the course's own deck) has, every slide checked."""
    from gdgui.core.files.deck import course_deck_path, load_deck

    return len(_opened(load_deck, path or course_deck_path()).slides)


MAX_PROGRAM_FILE = 1_000_000  # bytes: far more than any program the parser takes; refused before reading


def checked_graph(text: str) -> str:
    """``text`` if it names a graph file the Backprop tab can open, a preset ("05-fork", ".json" optional),
    a program file (``PROGRAM_SUFFIXES``), or is itself a formula or program that parses (x*y; a = 2.0; b = a * a)."""
    from gdgui.core.files.graph_files import GRAPH_FILE, MISSING, PROGRAM_FILE, TYPED, graph_argument, load_document

    kind, named = graph_argument(text)
    if kind == PROGRAM_FILE:
        _checked_program(read_program(named), f"--graph: {named}")
    elif kind == GRAPH_FILE:
        _opened(load_document, named)
    elif kind == TYPED:
        _checked_typed(named)
    elif kind == MISSING:
        raise ValueError(f"--graph: there is no graph file or preset called {text!r}")
    return text


def _checked_typed(text: str) -> None:
    """A formula or program typed after --graph; a bare name (a misspelt preset) is no graph to show."""
    from gdgui.core.autodiff.expr import ParseError
    from gdgui.core.autodiff.program import parse_program

    refusal = f"--graph: {text!r} is no graph file or preset, nor a formula or program"
    try:
        graph = parse_program(text).graph
    except ParseError as error:
        raise ValueError(f"{refusal} ({error.where().lower()}: {error.message})") from None
    if not any(node.kind == "op" for node in graph.nodes.values()):
        raise ValueError(f"{refusal} (a formula computes something: x*y, sigmoid(w*x + b))")


def read_program(path: str) -> str:
    """The text of a program file; ValueError (one line) if it is too big or not text."""
    try:
        if Path(path).stat().st_size > MAX_PROGRAM_FILE:
            raise ValueError(f"--graph: {path} is larger than {MAX_PROGRAM_FILE} bytes")
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"--graph: cannot read {path} ({error.__class__.__name__})") from None


def _checked_program(text: str, what: str) -> None:
    from gdgui.core.autodiff.expr import ParseError
    from gdgui.core.autodiff.program import parse_program

    try:
        parse_program(text)
    except ParseError as error:
        raise ValueError(f"{what} ({error.where().lower()}: {error.message})") from None


def _opened(load, path):
    """``load(path)``; its refusal (a DataError naming the file) as the window words it."""
    from gdgui.core.checks import DataError

    try:
        return load(path)
    except DataError as error:
        raise ValueError(f"Not opened: {error}") from None
