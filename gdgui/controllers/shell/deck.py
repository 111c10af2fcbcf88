"""The open lesson deck: which slide is shown, and moving between slides.

Every slide is checked when the deck opens (``load_deck``: a broken slide must not surface mid-lecture);
going to a slide applies it through the session controller (a graph opens unsolved: the class steps it).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gdgui.controllers.shell.session import SessionController
from gdgui.core.files.deck import Deck, load_deck
from gdgui.core.files.session import SessionError

__all__ = ["DeckController"]


class DeckController(QObject):
    """Slides of one deck at a time.

    Signals:
        slide_changed(int, int, str): 0-based index, slide count and caption of the slide shown.
        opened_changed(bool): a deck was opened (True) or closed (False).
        failed(str): a deck file was refused; the message names the slide and the problem.
    """

    slide_changed = Signal(int, int, str)
    opened_changed = Signal(bool)
    failed = Signal(str)

    def __init__(self, session: SessionController, parent: QObject | None = None):
        super().__init__(parent)
        self._session = session
        self._deck: Deck | None = None
        self._index = 0

    @property
    def index(self) -> int:
        return self._index

    def open_file(self, path) -> bool:
        """Open a deck file at its first slide; a bad deck is refused and nothing changes."""
        try:
            deck = load_deck(path)
        except SessionError as error:
            self.failed.emit(f"Not opened: {error}")
            return False
        self._deck = deck
        self.opened_changed.emit(True)
        self.go_to(0)
        return True

    def go_to(self, index: int) -> None:
        """Show slide ``index`` (clamped to the deck)."""
        if self._deck is None:
            return
        self._index = max(0, min(int(index), len(self._deck.slides) - 1))
        slide = self._deck.slides[self._index]
        self._session.apply(slide.session, complete=False, solved=False, undoable=False)
        self.slide_changed.emit(self._index, len(self._deck.slides), slide.caption)

    def next_slide(self) -> None:
        if self._deck is not None and self._index + 1 < len(self._deck.slides):
            self.go_to(self._index + 1)

    def previous_slide(self) -> None:
        if self._deck is not None and self._index > 0:
            self.go_to(self._index - 1)

    def close(self) -> None:
        """Leave the deck; what the last slide showed stays on screen to explore."""
        if self._deck is not None:
            self._deck = None
            self.opened_changed.emit(False)

