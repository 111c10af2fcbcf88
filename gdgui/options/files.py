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
    a program file (``PROGRAM_SUFFIXES``), or is itself a program that parses (a = 2.0; b = a * a)."""
    from gdgui.core.autodiff.program import PROGRAM_SUFFIXES, is_program

    if Path(text).suffix in PROGRAM_SUFFIXES and Path(text).is_file():
        _checked_program(read_program(text), f"--graph: {text}")
        return text
    if Path(text).is_file():
        from gdgui.core.files.graph_files import load_document

        _opened(load_document, text)
        return text
    if is_program(text):
        _checked_program(text, "--graph: a program that cannot be read")
    elif not _is_preset(text if text.endswith(".json") else f"{text}.json"):
        raise ValueError(f"--graph: there is no graph file or preset called {text!r}")
    return text


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


def _is_preset(file_name: str) -> bool:
    from gdgui.resources import resource_root

    return Path(file_name).name == file_name and (resource_root() / "graphs" / file_name).is_file()


def _opened(load, path):
    """``load(path)``; its refusal (a DataError naming the file) as the window words it."""
    from gdgui.core.checks import DataError

    try:
        return load(path)
    except DataError as error:
        raise ValueError(f"Not opened: {error}") from None
