"""File ▸ New / Open / Save session, Open recent, Open deck, and Help ▸ Course deck; the window's
title names the open session's file.

Refusals (a bad file, a full disk) are shown in a message box that names the problem: a
lecturer must not miss that the session did not open. The window is never changed by one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from gdgui.controllers.shell.session import default_file_name
from gdgui.core.files.deck import course_deck_path
from gdgui.core.files.session import FILE_SUFFIX
from gdgui.views.widgets.file_dialogs import ask_open_path, ask_save_path

__all__ = ["SessionMenu", "SESSION_FILTER", "DECK_FILTER"]

SESSION_FILTER = f"gdgui sessions (*{FILE_SUFFIX})"
DECK_FILTER = "gdgui lesson decks (*.json)"


class SessionMenu(QObject):
    """Connects the window's session and deck actions to the controllers and the preferences."""

    def __init__(self, window, session, deck, preferences, warn: bool = True, parent: QObject | None = None):
        super().__init__(parent or window)
        self._window, self._session, self._deck, self._prefs = window, session, deck, preferences
        self._warn = warn  # False when no one is there to click the box away (--screenshot)
        self._connect_signals()
        self._on_recent_changed(preferences.recent_files())

    def _connect_signals(self) -> None:
        w = self._window
        w.new_session_action.triggered.connect(self.new_session)
        w.open_session_action.triggered.connect(self.open_session)
        w.save_session_action.triggered.connect(self.save_session)
        w.save_session_as_action.triggered.connect(self.save_session_as)
        w.open_deck_action.triggered.connect(self.open_deck)
        w.course_deck_action.triggered.connect(self.open_course_deck)
        self._prefs.recent_changed.connect(self._on_recent_changed)
        self._session.opened.connect(self._on_opened)
        self._session.saved.connect(self._on_saved)
        self._session.failed.connect(self._refused)
        self._session.file_changed.connect(w.set_session_file)
        self._session.tab_requested.connect(w.show_tab)
        self._deck.failed.connect(self._refused)
        self._deck.slide_changed.connect(self._on_slide_changed)

    # ----- actions ---------------------------------------------------------------------------------

    def new_session(self) -> None:
        """Default settings, an empty graph, no file (the title drops the old one's name)."""
        self._deck.close()
        self._session.new()
        self._window.show_message("New session: Ctrl+S saves it")

    def open_session(self) -> None:
        path = ask_open_path(self._window, "Open session", self._prefs, SESSION_FILTER)
        if path:
            self._session.open(path)

    def open_recent(self, path: str) -> None:
        if not Path(path).is_file():
            self._prefs.forget_recent(path)
            self._refused(f"Not opened: {path} no longer exists")
            return
        self._session.open(path)

    def save_session(self) -> None:
        """Save to the open session's file, or ask where the first time."""
        if self._session.path is None:
            self.save_session_as()
        else:
            self._session.save(self._session.path)

    def save_session_as(self) -> None:
        name = default_file_name(self._session.path)
        path = ask_save_path(self._window, "Save session", self._prefs, name, SESSION_FILTER, FILE_SUFFIX)
        if path:
            self._session.save(path)

    def open_deck(self) -> None:
        path = ask_open_path(self._window, "Open lesson deck", self._prefs, DECK_FILTER)
        if path:
            self._deck.open_file(path)

    def open_course_deck(self) -> None:
        self._deck.open_file(course_deck_path())

    # ----- feedback --------------------------------------------------------------------------------

    def _on_opened(self, path: str) -> None:
        self._deck.close()  # Page Down must not replace the session just opened with a slide
        self._prefs.add_recent(path)
        self._window.show_message(f"Opened {path}")

    def _on_saved(self, path: str) -> None:
        self._prefs.add_recent(path)
        self._window.show_message(f"Saved {path}")

    def _on_slide_changed(self, index: int, count: int, caption: str) -> None:
        self._window.show_message(f"Slide {index + 1} of {count} — Page Down: next, Page Up: previous")

    def _refused(self, message: str) -> None:
        self._window.show_message(message)
        if self._warn:
            box = QMessageBox(QMessageBox.Icon.Warning, "gdgui", message, QMessageBox.StandardButton.Ok, self._window)
            box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the file: "<b>" in a caption stays "<b>"
            box.exec()

    def _on_recent_changed(self, paths: list[str]) -> None:
        menu = self._window.recent_menu
        menu.clear()
        for path in paths:
            menu.addAction(Path(path).name, lambda p=path: self.open_recent(p)).setToolTip(path)
        menu.setEnabled(bool(paths))
