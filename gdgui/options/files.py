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


def checked_graph(text: str) -> str:
    """``text`` if it names a graph file the Backprop tab can open, or a preset ("05-fork", ".json" optional)."""
    if Path(text).is_file():
        from gdgui.core.files.graph_files import load_document

        _opened(load_document, text)
        return text
    if not _is_preset(text if text.endswith(".json") else f"{text}.json"):
        raise ValueError(f"--graph: there is no graph file or preset called {text!r}")
    return text


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
