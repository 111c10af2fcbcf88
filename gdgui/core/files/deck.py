"""A lesson deck: an ordered list of sessions, each with a one-line caption (no Qt).

::

    {"format": "gdgui-deck", "version": 1, "title": "...",
     "slides": [{"caption": "...", "descent": {...}, "graph": {...}, "view": {...}}, ...]}

A slide is a session without the header. Its ``descent`` may name only what differs from the
defaults (the rest is reset, so nothing leaks from the previous slide); its ``graph`` may be
``{"preset": "05-fork.json"}``, a graph shipped in resources/graphs. A part a slide leaves out
stays as it is. A slide never changes projector mode: that is the lecturer's choice for the room.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from gdgui.core.checks import brief, require, require_version
from gdgui.core.files.session import Session, SessionError, session_body
from gdgui.core.json_files import read_json
from gdgui.resources import resource_path

__all__ = ["Deck", "Slide", "FORMAT_NAME", "FORMAT_VERSION", "MAX_CAPTION", "deck_from_dict", "load_deck",
           "course_deck_path"]

FORMAT_NAME = "gdgui-deck"
FORMAT_VERSION = 1
MAX_CAPTION = 200   # one line on a projector banner
MAX_SLIDES = 200
_SLIDE_KEYS = {"caption", "descent", "graph", "view"}

_require = partial(require, error=SessionError)


@dataclass(frozen=True)
class Slide:
    caption: str
    session: Session


@dataclass(frozen=True)
class Deck:
    title: str
    slides: tuple[Slide, ...]


def course_deck_path() -> Path:
    """The course's own deck, shipped in resources/decks."""
    return resource_path("decks", "course.json")


def load_deck(path: str | os.PathLike) -> Deck:
    """Read and validate a deck file, every slide's settings included (a broken slide must not
    surface mid-lecture); SessionError naming the file, the slide and the problem."""
    return deck_from_dict(read_json(path, "deck", SessionError), Path(path).name)


def deck_from_dict(data, where: str = "deck") -> Deck:
    _require(isinstance(data, dict), f"{where}: expected a JSON object at the top")
    _require(data.get("format") == FORMAT_NAME, f"{where}: not a gdgui deck (format is {brief(data.get('format'))})")
    require_version(data.get("version"), FORMAT_VERSION, f"{where}: deck", SessionError)
    title = data.get("title", "")
    _require(isinstance(title, str), f"{where}: 'title' must be text")
    slides = data.get("slides")
    _require(isinstance(slides, list) and 0 < len(slides) <= MAX_SLIDES,
             f"{where}: 'slides' must be a list of 1 to {MAX_SLIDES} slides")
    return Deck(title, tuple(_slide(entry, f"{where}: slide {number}") for number, entry in enumerate(slides, 1)))


def _slide(entry, where: str) -> Slide:
    _require(isinstance(entry, dict), f"{where}: expected a mapping")
    unknown = sorted(set(entry) - _SLIDE_KEYS)
    _require(not unknown, f"{where}: unknown field {brief(unknown[0])}" if unknown else "")
    caption = entry.get("caption")
    _require(isinstance(caption, str) and 0 < len(caption.strip()) and len(caption) <= MAX_CAPTION
             and "\n" not in caption, f"{where}: 'caption' must be one line of 1 to {MAX_CAPTION} characters")
    body = dict(entry, graph=_graph(entry.get("graph"), where))
    session = session_body(body, where)
    _require(session.projector is None, f"{where}: a slide cannot switch projector mode")
    return Slide(caption.strip(), session)


def _graph(graph, where: str):
    """A preset reference becomes the preset's document; anything else is checked as a document."""
    if not (isinstance(graph, dict) and set(graph) == {"preset"}):
        return graph
    name = graph["preset"]
    _require(isinstance(name, str) and Path(name).name == name and name.endswith(".json"),
             f"{where}: graph preset must be a file name such as '05-fork.json'")
    try:
        preset = resource_path("graphs", name)
    except FileNotFoundError:
        raise SessionError(f"{where}: there is no graph preset called {brief(name)}") from None
    return read_json(preset, "graph preset", SessionError)

