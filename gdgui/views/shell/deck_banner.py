"""The lesson deck's banner (slide number and caption) and its Page Down / Page Up keys.

While a deck is open, Page Down / Page Up turn the slides. The tabs bind the same keys to
stepping, and two live shortcuts on one key make Qt do nothing at all, so the tabs'
bindings are switched off for as long as the deck is open and restored when it closes.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut, QTextLayout
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

__all__ = ["DeckBanner", "DeckKeys", "NEXT_KEY", "PREVIOUS_KEY", "CAPTION_LINES"]

NEXT_KEY, PREVIOUS_KEY = QKeySequence("PgDown"), QKeySequence("PgUp")
_PAIR = re.compile(r"\([^(),]{1,20}, [^(),]{1,20}\)")  # a point, "(2, 2)", "(π, π)", "(−1, −1)"
CAPTION_LINES = 2  # a caption longer than this at the title's size is set at the text's (18 pt on a projector)
_BANNER_STYLE = ("QFrame#deckBanner {{ background: #FFF4CC; border-bottom: 3px solid #1d2330; }} "
                 "QFrame#deckBanner QLabel {{ color: #000000; font-size: {title}pt; }} "
                 "QFrame#deckBanner QLabel#deckCaption {{ font-size: {caption}pt; }} "
                 "QFrame#deckBanner QLabel#deckSlideNumber {{ font-weight: bold; }} "
                 "QFrame#deckBanner QPushButton {{ font-size: {font}pt; padding: 2px 12px; }}")


class DeckBanner(QFrame):
    """"3 / 11 — caption", with previous / next / close buttons (the window shows it while a deck is open)."""

    def __init__(self, deck, theme, parent: QWidget | None = None):
        super().__init__(parent)
        self._deck, self._theme = deck, theme
        self._caption_pt: int | None = None  # the caption's size as last set
        self.setObjectName("deckBanner")
        self._setup_ui()
        self._connect_signals()
        self._on_theme_changed()

    def _setup_ui(self) -> None:
        self.number_label = QLabel(self)
        self.number_label.setObjectName("deckSlideNumber")
        self.caption_label = QLabel(self)
        self.caption_label.setObjectName("deckCaption")
        self.caption_label.setWordWrap(True)  # a narrow window gets two lines, never a clipped caption
        for label in (self.number_label, self.caption_label):  # a caption is the deck's text, not markup
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.previous_button = QPushButton("◀", self, toolTip="Previous slide (Page Up)")
        self.next_button = QPushButton("▶", self, toolTip="Next slide (Page Down)")
        self.close_button = QPushButton("Close deck", self, toolTip="Leave the deck; the slide stays to explore")
        for button in (self.previous_button, self.next_button, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the keys on the tabs
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.number_label)
        layout.addWidget(self.caption_label, 1)
        for button in (self.previous_button, self.next_button, self.close_button):
            layout.addWidget(button)

    def _connect_signals(self) -> None:
        self._deck.slide_changed.connect(self._on_slide_changed)
        self._theme.changed.connect(self._on_theme_changed)
        self.previous_button.clicked.connect(self._deck.previous_slide)
        self.next_button.clicked.connect(self._deck.next_slide)
        self.close_button.clicked.connect(self._deck.close)

    def _on_slide_changed(self, index: int, count: int, caption: str) -> None:
        self.number_label.setText(f"{index + 1} / {count}")
        self.caption_label.setText(_pairs_unbroken(caption))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < count)
        self._fit_caption()

    def _on_theme_changed(self) -> None:
        self._caption_pt = None
        self._fit_caption()

    def resizeEvent(self, event) -> None:  # noqa: N802 — Qt override
        super().resizeEvent(event)
        self._fit_caption()

    def _fit_caption(self) -> None:
        """The caption at the title's size where it takes at most ``CAPTION_LINES`` lines, else at the text's:
        on a 1024×768 projector the logistic unit's caption took three lines at 24 pt, 125 px of the graph's."""
        sizes = self._theme.sizes
        fits = _lines(self.caption_label, sizes.title_pt) <= CAPTION_LINES
        caption_pt = sizes.title_pt if fits else sizes.font_pt
        if caption_pt != self._caption_pt:
            self._caption_pt = caption_pt
            self.setStyleSheet(_BANNER_STYLE.format(title=sizes.title_pt, caption=caption_pt, font=sizes.font_pt))


def _lines(label: QLabel, points: int) -> int:
    """How many lines ``label``'s text takes at its width in its font at ``points`` (Qt's own line breaking)."""
    font = QFont(label.font())
    font.setPointSize(points)
    layout, lines = QTextLayout(label.text(), font), 0
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        lines += 1
    layout.endLayout()
    return lines


def _pairs_unbroken(caption: str) -> str:
    """The caption with each short bracketed pair's ", " made non-breaking: a wrapped caption split
    "(π, π)" as "(π," and "π)" on two lines, which reads as two things."""
    return _PAIR.sub(lambda pair: pair.group(0).replace(", ", ",\u00a0"), caption)


class DeckKeys(QObject):
    """Page Down / Page Up as next / previous slide on ``window`` while the deck is open."""

    def __init__(self, deck, window: QWidget):
        super().__init__(window)
        self._deck, self._window = deck, window
        self._muted: list = []
        self.next_shortcut = self._shortcut(NEXT_KEY, deck.next_slide)
        self.previous_shortcut = self._shortcut(PREVIOUS_KEY, deck.previous_slide)
        deck.opened_changed.connect(self._on_opened_changed)

    def _shortcut(self, key: QKeySequence, slot) -> QShortcut:
        shortcut = QShortcut(key, self._window, context=Qt.ShortcutContext.WindowShortcut)
        shortcut.setEnabled(False)
        shortcut.activated.connect(slot)
        return shortcut

    def _on_opened_changed(self, opened: bool) -> None:
        if opened:
            self._mute_others()
        else:
            for binding in self._muted:
                binding.setEnabled(True)
            self._muted = []
        self.next_shortcut.setEnabled(opened)
        self.previous_shortcut.setEnabled(opened)

    def _mute_others(self) -> None:
        mine = (self.next_shortcut, self.previous_shortcut)
        bindings = [*self._window.findChildren(QShortcut), *self._window.findChildren(QAction)]
        for binding in bindings:
            if binding not in mine and binding.isEnabled() and _uses_page_keys(binding) and binding not in self._muted:
                binding.setEnabled(False)
                self._muted.append(binding)


def _uses_page_keys(binding) -> bool:
    keys = binding.keys() if isinstance(binding, QShortcut) else binding.shortcuts()
    return any(key in (NEXT_KEY, PREVIOUS_KEY) for key in keys)
