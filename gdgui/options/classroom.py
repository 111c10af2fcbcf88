"""The GUI's classroom options (session file, --deck, --slide, --projector, --tab, --steps,
--screenshot, --size), without Qt: ``startup_from`` checks them, the files they name included
(``gdgui.options.files``), so a mistake stops before any window opens, and ``apply_startup``
applies them to the built app through its controllers.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass

from gdgui.core.numbers import whole
from gdgui.options.files import checked_deck_slides, checked_graph, checked_session

__all__ = ["add_classroom_options", "Startup", "startup_from", "apply_startup", "MAX_STARTUP_STEPS", "MAX_SIZE"]

MAX_STARTUP_STEPS = 1_000_000
MAX_SIZE = 7680  # pixels on either side of a screenshot (an 8K screen)
_SIZE = re.compile(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*")


@dataclass(frozen=True)
class Startup:
    """What to do once the window exists, in this order: session, deck slide, look, tab, steps."""

    session: str | None = None
    slide: int | None = None          # 1-based slide of the deck (the course's own without --deck)
    deck: str | None = None
    projector: bool = False
    tab: str | None = None
    steps: int = 0
    screenshot: str | None = None
    size: tuple[int, int] | None = None


def add_classroom_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("session", nargs="?", metavar="FILE.gdgui", help="a saved session to open")
    group = parser.add_argument_group("classroom")
    group.add_argument("--projector", action="store_true", help="start in projector mode (F5 toggles it)")
    group.add_argument("--tab", choices=("descent", "backprop"), help="the tab to show first")
    group.add_argument("--deck", metavar="DECK.json", help="open this lesson deck (at its first slide, or --slide N)")
    group.add_argument("--slide", metavar="N", help="open the lesson deck at slide N (the course's own without --deck)")
    group.add_argument("--steps", metavar="N", help="take N steps before showing the window: descent steps, or "
                                                    "on the Backprop tab N steps of the passes (N presses of Right)")
    group.add_argument("--screenshot", metavar="OUT.png",
                       help="render the window offscreen to OUT.png and exit (no display needed)")
    group.add_argument("--size", metavar="WxH", help="window size, e.g. 1920x1080 (default 1600x1000 "
                                                     "for --screenshot)")


def startup_from(options: argparse.Namespace) -> Startup:
    """The checked Startup; ValueError with one line naming the bad option."""
    screenshot = options.screenshot
    if screenshot is not None and not screenshot.lower().endswith(".png"):
        raise ValueError(f"--screenshot: the file must end in .png, got {screenshot!r}")
    if getattr(options, "graph", None) is not None:
        checked_graph(options.graph)
    deck = getattr(options, "deck", None)
    return Startup(session=options.session and checked_session(options.session),
                   slide=_slide(options.slide, deck), deck=deck, projector=options.projector,
                   tab=options.tab, steps=_steps(options.steps), screenshot=screenshot, size=_size(options.size))


def _steps(text: str | None) -> int:
    return 0 if text is None else whole(text, "--steps", 0, MAX_STARTUP_STEPS)


def _slide(text: str | None, deck: str | None) -> int | None:
    """The 1-based slide to show: --slide's, or 1 with --deck alone; the deck is checked either way."""
    if text is None and deck is None:
        return None
    count = checked_deck_slides(deck)
    return 1 if text is None else whole(text, "--slide", 1, count)


def _size(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    match = _SIZE.fullmatch(text)
    if not match:
        raise ValueError(f"--size: expected WIDTHxHEIGHT such as 1920x1080, got {text!r}")
    width, height = (int(v) for v in match.groups())
    if not (200 <= width <= MAX_SIZE and 150 <= height <= MAX_SIZE):
        raise ValueError(f"--size: {width}x{height} is outside 200x150 … {MAX_SIZE}x{MAX_SIZE}")
    return width, height


def apply_startup(gui, startup: Startup) -> str | None:
    """Session file, deck slide, projector, tab, steps, in that order, on ``gui`` (gdgui.gui.Gui).

    Returns the message of a refused session or deck file, or None.
    """
    errors: list[str] = []
    gui.session.failed.connect(errors.append)
    gui.deck.failed.connect(errors.append)
    if startup.projector:
        gui.theme.set_projector(True)  # first, so everything is built at its projector size
    if startup.session and not gui.session.open(startup.session):
        return errors[-1]
    if startup.slide is not None:
        from gdgui.core.files.deck import course_deck_path

        if not gui.deck.open_file(startup.deck or course_deck_path()):
            return errors[-1]  # checked by startup_from, so changed on disk since
        gui.deck.go_to(startup.slide - 1)
    if startup.projector:
        gui.theme.set_projector(True)  # again: the option wins over a session saved without it
    if startup.tab:
        gui.window.show_tab(startup.tab)
    if startup.steps:  # on the tab on show: the descent's steps, or the passes' (a Backprop slide, --tab backprop)
        if gui.window.shown_tab() == "backprop":
            gui.graph.steps_forward(startup.steps)
        else:
            gui.descent.step(startup.steps)
    if startup.size and not startup.screenshot:
        gui.window.resize(*startup.size)
    return None
