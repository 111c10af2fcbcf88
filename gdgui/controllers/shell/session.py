"""Save and open sessions: both tabs' state and the view, all validated before any of it applies.

The tabs' controllers keep their own contracts (``state_dict`` / ``apply_state``); a whole session
is checked first (``gdgui.core.files.session``: the Descent settings with the Descent tab's own
rules, the graph with the graph document's), so a refused file changes nothing at all.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gdgui.core.autodiff.graph import Graph
from gdgui.core.autodiff.graph_document import GraphDocument, document_to_dict
from gdgui.core.descent.settings import DescentSettings
from gdgui.core.files.session import TABS, Session, SessionError, checked_descent, load_session, save_session

__all__ = ["SessionController"]


class SessionController(QObject):
    """The open session: what it contains, where it was last saved, opening and saving.

    Signals:
        tab_requested(str): the session shows this tab ("descent" or "backprop").
        opened(str): a session file was opened (its path).
        saved(str): the session was saved (its path).
        failed(str): a file was refused or could not be written; the message says why.
        file_changed(str): the session's file is now this path ("" for a session of no file).
    """

    tab_requested = Signal(str)
    opened = Signal(str)
    saved = Signal(str)
    failed = Signal(str)
    file_changed = Signal(str)

    def __init__(self, descent, graph, theme, parent: QObject | None = None):
        super().__init__(parent)
        self._descent, self._graph, self._theme = descent, graph, theme
        self._tab = TABS[0]
        self._path: str | None = None

    @property
    def path(self) -> str | None:
        """The file the session was opened from or last saved to; None for a new session."""
        return self._path

    @path.setter
    def path(self, path: str | None) -> None:
        if path != self._path:
            self._path = path
            self.file_changed.emit(path or "")

    def set_current_tab(self, tab) -> None:
        """The tab the window shows: a name, or its index (from QTabWidget.currentChanged)."""
        self._tab = TABS[tab] if isinstance(tab, int) else tab

    def snapshot(self) -> Session:
        """The session as it stands, ready to save."""
        return Session(self._descent.state_dict(), self._graph.state_dict(), self._tab,
                       self._theme.projector, self._descent.analysis.basins_shown)

    # ----- files ---------------------------------------------------------------------------------

    def save(self, path) -> bool:
        """Write the session atomically to ``path``; False (and ``failed``) if it cannot be written."""
        try:
            save_session(self.snapshot(), path)
        except (OSError, ValueError) as error:
            self.failed.emit(f"Not saved: {_reason(error)}")
            return False
        self.path = str(path)
        self.saved.emit(self.path)
        return True

    def open(self, path) -> bool:
        """Replace the session by the file's; a bad file is refused, naming the problem."""
        try:
            self.apply(load_session(path))
        except SessionError as error:
            self.failed.emit(f"Not opened: {error}")
            return False
        self.path = str(path)
        self.opened.emit(self.path)
        return True

    def new(self) -> None:
        """A new session of no file: the Descent tab's default settings at step 0, an empty graph."""
        self._descent.set_basins_shown(False)
        self._descent.apply_state(DescentSettings().to_dict())
        self._descent.reset()
        self._graph.apply_state(document_to_dict(GraphDocument(Graph(), {})))
        self.path = None

    # ----- applying --------------------------------------------------------------------------------

    def apply(self, session: Session, *, complete: bool = True, solved: bool = True, undoable: bool = True) -> None:
        """Check everything, then apply it. ``complete`` (a file) requires every Descent setting;
        a deck slide may list only what differs from the defaults. ``solved`` shows the graph's both
        passes; a slide's graph opens unsolved (forward values, the backward pass at its step 0), even
        when it is already open. ``undoable``: False for a slide, whose settings start the Descent
        tab's history afresh (Ctrl+Z must not bring back the last slide's under this one's caption).
        SessionError changes nothing."""
        descent = None if session.descent is None else checked_descent(session.descent, complete)
        if descent is not None:
            self._descent.apply_state(descent)
            self._descent.reset()  # a γ-only change would otherwise carry on the old run
            if not undoable:
                self._descent.undo_stack.clear()
        if session.graph is not None and session.graph != self._graph.state_dict():
            self._graph.apply_state(session.graph, solved=solved)
        elif session.graph is not None and not solved:
            self._graph.run_forward()
        if session.projector is not None:
            self._theme.set_projector(session.projector)
        if session.basins != self._descent.analysis.basins_shown:
            self._descent.set_basins_shown(session.basins)
        self._tab = session.tab
        self.tab_requested.emit(session.tab)


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return f"{error.filename or ''} {error.strerror or error}".strip()
    return str(error)


def default_file_name(path: str | None) -> str:
    """The name a Save dialog proposes: the open session's, or a new one."""
    return Path(path).name if path else "lesson.gdgui"
