"""A deck's caption and every message quoting a file are plain text, and --deck opens a deck in the window.

A caption such as ``<b>bold</b><img src="x.png">`` would otherwise restyle the banner and load a
local image as rich text; it must be shown literally.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gdgui.options.classroom import Startup, apply_startup
from tests.hostile_files import deck, write_case, write_json

RICH_CAPTION = '<b>bold</b><img src="x.png"><style>QLabel { font-size: 80pt }</style>'


def test_a_rich_text_caption_is_shown_literally(gui, tmp_path):
    path = write_json(tmp_path / "rich.json", deck({"caption": RICH_CAPTION}))
    assert gui.deck.open_file(path)
    gui.deck.go_to(1)
    caption = gui.window.findChild(QLabel, "deckCaption")
    assert caption.text() == RICH_CAPTION and caption.textFormat() == Qt.TextFormat.PlainText
    assert gui.window.findChild(QLabel, "deckSlideNumber").textFormat() == Qt.TextFormat.PlainText


def test_a_refused_graph_file_is_reported_in_plain_text_on_the_backprop_tab(gui, tmp_path):
    _, path = write_case(tmp_path, "graph input named lambda")
    before = gui.graph.state_dict()
    assert not gui.graph.open_file(path)
    tab = gui.window.tabs.widget(1)
    assert tab.status.textFormat() == Qt.TextFormat.PlainText and tab.caption.textFormat() == Qt.TextFormat.PlainText
    assert gui.window.statusBar().currentMessage().startswith(f"Not opened: {path.name}: ")
    assert gui.graph.state_dict() == before


def test_the_deck_option_opens_the_deck_at_the_slide_asked_for(gui, tmp_path):
    path = write_json(tmp_path / "lecture.json", deck({"caption": "Rosenbrock", "descent": {"function": "rosenbrock"}},
                                                      {"caption": "three"}))
    assert apply_startup(gui, Startup(deck=str(path), slide=2)) is None
    assert gui.deck.index == 1 and gui.descent.settings.function == "rosenbrock"
    assert gui.window.findChild(QLabel, "deckCaption").text() == "Rosenbrock"
    assert not gui.window.banner.isHidden()
