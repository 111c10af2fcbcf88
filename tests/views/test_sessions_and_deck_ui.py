"""Session menu, recent files, preferences, the deck's banner and the blank screen, in the window."""

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gdgui import gui as composition
from gdgui.controllers.backprop.controller import GraphController
from gdgui.controllers.shell.preferences import MAX_RECENT, Preferences
from gdgui.core.descent.settings import DescentSettings
from gdgui.views.shell.deck_banner import CAPTION_LINES, DeckBanner
from gdgui.views.shell.keys_sheet import KeysSheet
from gdgui.views.shell.screenshot import lay_out


def _recent_texts(window) -> list[str]:
    return [action.text() for action in window.recent_menu.actions()]


def test_save_as_then_ctrl_s_saves_in_place_and_lists_the_file_as_recent(qtbot, gui, tmp_path, monkeypatch):
    target = tmp_path / "lesson"  # the .gdgui suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    gui.window.save_session_as_action.trigger()
    saved = tmp_path / "lesson.gdgui"
    assert saved.is_file() and gui.session.path == str(saved)
    gui.descent.set_lr(0.25)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (_ for _ in ()).throw(AssertionError("asked")))
    gui.window.save_session_action.trigger()
    assert '"lr": 0.25' in saved.read_text(encoding="utf-8")
    assert _recent_texts(gui.window) == ["lesson.gdgui"]
    assert gui.preferences.last_folder() == str(tmp_path)
    assert "Saved" in gui.window.statusBar().currentMessage()


def test_open_recent_restores_closes_the_deck_and_a_vanished_file_is_dropped(qtbot, gui, tmp_path):
    path = tmp_path / "a.gdgui"
    gui.descent.set_lr(0.05)
    gui.session.save(path)
    gui.window.course_deck_action.trigger()
    gui.preferences.add_recent(str(path))
    gui.window.recent_menu.actions()[0].trigger()
    assert gui.descent.settings.lr == 0.05 and gui.window.banner.isHidden()  # the deck closed
    path.unlink()
    gui.window.recent_menu.actions()[0].trigger()
    assert _recent_texts(gui.window) == [] and not gui.window.recent_menu.isEnabled()
    assert "no longer exists" in gui.window.statusBar().currentMessage()


def test_the_title_names_the_open_session_file_and_a_new_session_drops_it(qtbot, gui, tmp_path, monkeypatch):
    assert "gdgui" in gui.window.windowTitle() and ".gdgui" not in gui.window.windowTitle()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "lesson"), ""))
    gui.window.save_session_as_action.trigger()
    assert gui.window.windowTitle() == "lesson.gdgui — gdgui"
    other = tmp_path / "swarm.gdgui"
    gui.descent.set_lr(0.05)
    gui.graph.load_preset("05-fork.json")
    gui.session.save(other)
    gui.session.open(tmp_path / "lesson.gdgui")
    assert gui.window.windowTitle() == "lesson.gdgui — gdgui"
    next(a for a in gui.window.recent_menu.actions() if a.text() == "swarm.gdgui").trigger()
    assert gui.window.windowTitle() == "swarm.gdgui — gdgui"
    gui.window.new_session_action.trigger()
    assert ".gdgui" not in gui.window.windowTitle() and gui.session.path is None
    # a new session: the first start's settings, an empty graph, the name of no file to save into
    assert gui.descent.state_dict() == DescentSettings().to_dict() and gui.descent.frame.step == 0
    assert gui.graph.state_dict() == GraphController().state_dict()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: asked.append(a) or ("", ""))
    gui.window.save_session_action.trigger()
    assert asked and asked[0][2].endswith("lesson.gdgui")  # Save asks where, proposing a new name


def test_a_refused_file_shows_a_message_box_naming_the_problem(qtbot, tmp_path, monkeypatch):
    parts = composition.build_gui(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), remember=False)
    qtbot.addWidget(parts.window)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.textFormat())))
    bad = tmp_path / "bad.gdgui"
    bad.write_text('{"format": "gdgui-session", "version": 7}', encoding="utf-8")
    assert not parts.session.open(bad)
    assert shown and "version 7 is not supported" in shown[0][0]
    assert shown[0][1] == Qt.TextFormat.PlainText  # the message quotes the file: never rich text


def test_recent_files_are_capped_and_newest_first(tmp_path):
    preferences = Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    for k in range(MAX_RECENT + 3):
        preferences.add_recent(str(tmp_path / f"{k}.gdgui"))
    recent = preferences.recent_files()
    assert len(recent) == MAX_RECENT and Path(recent[0]).name == f"{MAX_RECENT + 2}.gdgui"


def test_geometry_and_projector_mode_are_remembered(qtbot, tmp_path):
    settings_file = str(tmp_path / "s.ini")
    first = composition.build_gui(settings=QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(first.window)
    first.window.show()
    first.window.resize(first.window.width(), 640)  # the offscreen screen is 800 × 800: keep inside it
    first.theme.set_projector(True)
    first.window.close()
    stored = first.preferences.geometry()
    assert stored is not None and stored == first.window.saveGeometry()
    second = composition.build_gui(settings=QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(second.window)
    assert second.theme.projector and second.window.projector_action.isChecked()
    assert second.window.height() == 640


def test_course_deck_shows_the_banner_and_close_hides_it(qtbot, gui):
    gui.window.course_deck_action.trigger()
    banner = gui.window.findChild(DeckBanner)
    assert gui.window.banner.isVisible()
    assert banner.number_label.text() == "1 / 11" and "γ = 0.01" in banner.caption_label.text()
    qtbot.mouseClick(banner.next_button, Qt.MouseButton.LeftButton)
    assert banner.number_label.text() == "2 / 11" and gui.descent.settings.lr == 0.3
    assert banner.previous_button.isEnabled()
    gui.deck.go_to(10)
    assert not banner.next_button.isEnabled() and gui.window.tabs.currentIndex() == 1
    qtbot.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)
    assert not gui.window.banner.isVisible()


def test_the_banner_grows_in_projector_mode(gui):
    gui.window.course_deck_action.trigger()
    banner = gui.window.findChild(DeckBanner)
    normal = banner.caption_label.fontInfo().pointSizeF()
    gui.theme.set_projector(True)
    assert banner.caption_label.fontInfo().pointSizeF() >= 24 > normal


@pytest.mark.parametrize("size, caption_pt", [((942, 707), 18), ((1920, 1080), 24)])
def test_a_caption_longer_than_two_lines_at_the_title_size_takes_the_text_size(gui, size, caption_pt):
    """The logistic unit's caption took three lines at 24 pt in the window as it opens on a 1024×768
    projector (942×707): 125 px of the graph's height. At 18 pt, the least any projector text gets, two."""
    gui.theme.set_projector(True)
    lay_out(gui.window, size)
    gui.window.course_deck_action.trigger()
    gui.deck.go_to(9)  # "Logistic unit, x = [−1, −2], w = [−3, 2, −3]: the chain rule gate by gate"
    QApplication.processEvents()
    banner = gui.window.findChild(DeckBanner)
    caption = banner.caption_label
    assert caption.fontInfo().pointSize() == caption_pt
    assert len(_wrapped_lines(caption, caption.contentsRect().width())) <= CAPTION_LINES
    assert banner.number_label.fontInfo().pointSize() == 24  # the slide's number keeps the title's size
    gui.theme.set_projector(False)


def test_blank_screen_covers_the_window_and_a_click_brings_it_back(qtbot, gui):
    gui.window.blank_action.trigger()
    overlay = gui.window.blank_overlay
    assert overlay.isVisible() and overlay.geometry() == gui.window.rect()
    gui.window.resize(1000, 700)
    qtbot.waitUntil(lambda: overlay.geometry() == gui.window.rect(), timeout=2000)
    qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible() and not gui.window.blank_action.isChecked()


def test_keys_sheet_lists_every_design_key(gui):
    gui.window.keys_action.trigger()
    sheet = gui.window.findChild(KeysSheet)
    assert sheet.isVisible()
    text = sheet.label.text()
    for key in ("Space", "Right", "R", "N", "Ctrl+G", "F5", "F11", "Ctrl+1 / Ctrl+2", "Ctrl+S / Ctrl+O",
                "Ctrl+Z / Ctrl+Shift+Z", "Page Down", "Page Up", "B"):
        assert f"<b>{key}" in text or f"{key}</b>" in text or f" {key}" in text, key


def _wrapped_lines(label, width: int) -> list[str]:
    """The lines a word-wrapped label shows at ``width`` (Qt's own line breaking, the label's font)."""
    layout = QTextLayout(label.text(), label.font())
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(label.text()[line.textStart():line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


def test_a_wrapped_caption_never_splits_a_point_across_lines(gui):
    """On a projector slide 5 read "(π," on one line and "π)" on the next; the caption's width
    depends on the window's, so every width from a 1024-px window's down to half of it is tried."""
    gui.theme.set_projector(True)
    lay_out(gui.window, (1024, 768))
    gui.window.course_deck_action.trigger()
    banner = gui.window.findChild(DeckBanner)
    widest, count = banner.caption_label.contentsRect().width(), int(banner.number_label.text().split("/")[1])
    split = []
    for slide in range(count):
        gui.deck.go_to(slide)
        QApplication.processEvents()
        points = re.findall(r"\([^(),]{1,20},\s[^(),]{1,20}\)", banner.caption_label.text())
        for width in range(widest // 2, widest + 1, 8):
            lines = _wrapped_lines(banner.caption_label, width)
            split += [(slide, width, lines) for point in points if not any(point in line for line in lines)]
    assert split == []
