"""Hostile files through the window's open actions: one "Not opened: <file>: …" line, nothing changed.

File ▸ Open session (SessionController.open), File ▸ Open deck (DeckController.open_file) and the
Backprop tab's graph open (GraphController.open_file), for every case of tests/hostile_files.py.
"""

import pytest
from PySide6.QtCore import QThreadPool

from gdgui.controllers.backprop.controller import GraphController
from gdgui.controllers.descent.controller import DescentController
from gdgui.controllers.shell.deck import DeckController
from gdgui.controllers.shell.session import SessionController
from gdgui.controllers.shell.theme import ThemeController
from tests.hostile_files import CORPUS, FORMULAS, write_case


@pytest.fixture
def app(qtbot):
    descent, graph, theme = DescentController(), GraphController(), ThemeController()
    session = SessionController(descent, graph, theme)
    deck = DeckController(session)
    descent.set_lr(0.25)  # a lesson in progress, which a refused file must leave alone
    graph.load_preset("05-fork.json")
    messages = []
    for signal in (session.failed, deck.failed, graph.message):
        signal.connect(messages.append)
    yield descent, graph, session, deck, messages
    QThreadPool.globalInstance().waitForDone(30_000)


def _state(descent, graph, deck):
    return descent.state_dict(), graph.state_dict(), graph.undo_stack.count(), deck.index


def _open(kind, path, graph, session, deck) -> bool:
    return {"session": session.open, "deck": deck.open_file, "graph": graph.open_file}[kind](path)


def test_every_hostile_file_is_refused_in_one_line_and_the_open_document_is_unchanged(app, tmp_path):
    descent, graph, session, deck, messages = app
    before = _state(descent, graph, deck)
    for name in sorted(CORPUS):
        kind, path = write_case(tmp_path, name)
        messages.clear()
        assert not _open(kind, path, graph, session, deck), name
        assert len(messages) == 1 and messages[0].startswith(f"Not opened: {path.name}"), (name, messages)
        assert "\n" not in messages[0]
        assert _state(descent, graph, deck) == before, name
    assert session.path is None


def test_formulas_python_refuses_open_or_are_refused_without_an_exception(app, tmp_path):
    descent, graph, session, deck, messages = app
    for name in sorted(FORMULAS):
        kind, path = write_case(tmp_path, name, FORMULAS)
        messages.clear()
        if not _open(kind, path, graph, session, deck):
            assert messages and messages[-1].startswith(f"Not opened: {path.name}"), (name, messages)
        descent.step(3)  # the opened formula runs in IEEE arithmetic: inf and nan, not an exception
