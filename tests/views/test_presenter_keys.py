"""Every key of docs/ARCHITECTURE.md works with the focus anywhere in the window (not only on a plot)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QWidget

from gdgui.core.files.deck import course_deck_path
from gdgui.views.shell.keys_sheet import KEY_GROUPS
from tests.views.helpers import focus_widget

DESCENT_FOCUS = ("contourPlot", "playButton", "optimizerList", "lossPlot", "functionCombo")
BACKPROP_FOCUS = ("graphView", "forwardButton", "chainRulePanel", "graphPresetCombo", "graphInputsTable")
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _press(qtbot, widget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifiers)


@pytest.mark.parametrize("name", DESCENT_FOCUS)
def test_descent_keys_work_with_focus_on(qtbot, gui, name):
    widget = focus_widget(qtbot, gui, 0, name)
    descent = gui.descent
    _press(qtbot, widget, Qt.Key.Key_Right)
    _press(qtbot, widget, Qt.Key.Key_PageDown)
    assert descent.frame.step == 2
    _press(qtbot, widget, Qt.Key.Key_PageUp)
    assert descent.frame.step == 1
    _press(qtbot, widget, Qt.Key.Key_Space)
    assert descent.playing
    _press(qtbot, widget, Qt.Key.Key_Space)
    assert not descent.playing
    _press(qtbot, widget, Qt.Key.Key_R)
    assert descent.frame.step == 0
    seed = descent.settings.seed
    _press(qtbot, widget, Qt.Key.Key_N)
    assert descent.settings.seed == seed + 1
    _press(qtbot, widget, Qt.Key.Key_G, CTRL)
    assert gui.window.tabs.currentIndex() == 1 and gui.graph.expression_text()


@pytest.mark.parametrize("name", BACKPROP_FOCUS)
def test_backprop_keys_work_with_focus_on(qtbot, gui, name):
    gui.graph.load_preset("05-fork.json")
    gui.graph.rewind()
    widget = focus_widget(qtbot, gui, 1, name)
    _press(qtbot, widget, Qt.Key.Key_Right)
    _press(qtbot, widget, Qt.Key.Key_PageDown)
    assert gui.graph.walkthrough.cursor == 2
    _press(qtbot, widget, Qt.Key.Key_PageUp)
    assert gui.graph.walkthrough.cursor == 1
    gui.graph.set_input_value("a", "5")
    _press(qtbot, widget, Qt.Key.Key_Z, CTRL)
    assert gui.graph.document.values["a"] == 2.0
    _press(qtbot, widget, Qt.Key.Key_Z, CTRL | SHIFT)
    assert gui.graph.document.values["a"] == 5.0


@pytest.mark.parametrize("tab, name", [(0, "contourPlot"), (0, "playButton"), (1, "graphView"), (1, "forwardButton")])
def test_window_keys_work_from_either_tab(qtbot, gui, tab, name, tmp_path, monkeypatch):
    gui.graph.load_preset("05-fork.json")  # the pass buttons take focus only when enabled
    widget = focus_widget(qtbot, gui, tab, name)
    _press(qtbot, widget, Qt.Key.Key_F5)
    assert gui.theme.projector
    _press(qtbot, widget, Qt.Key.Key_F5)
    assert not gui.theme.projector
    _press(qtbot, widget, Qt.Key.Key_B)
    assert gui.window.blank_overlay.isVisible()
    _press(qtbot, widget, Qt.Key.Key_B)
    assert not gui.window.blank_overlay.isVisible()
    _press(qtbot, widget, Qt.Key.Key_F11)
    qtbot.waitUntil(gui.window.isFullScreen, timeout=2000)
    _press(qtbot, gui.window.focusWidget(), Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not gui.window.isFullScreen(), timeout=2000)
    _press(qtbot, gui.window.focusWidget(), Qt.Key.Key_F1)
    assert gui.window.findChild(QWidget, "keysSheet").isVisible()

    saved = tmp_path / "keys.gdgui"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (asked.append("save"), (str(saved), ""))[1])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (asked.append("open"), ("", ""))[1])
    gui.window.activateWindow()
    _press(qtbot, widget, Qt.Key.Key_S, CTRL)
    assert saved.is_file()
    _press(qtbot, widget, Qt.Key.Key_O, CTRL)
    assert asked == ["save", "open"]
    _press(qtbot, widget, Qt.Key.Key_2, CTRL)
    assert gui.window.tabs.currentIndex() == 1
    _press(qtbot, gui.window.focusWidget() or gui.window, Qt.Key.Key_1, CTRL)
    assert gui.window.tabs.currentIndex() == 0


@pytest.mark.parametrize("tab, name", [(0, "contourPlot"), (0, "optimizerList"), (1, "graphView")])
def test_page_keys_turn_slides_while_a_deck_is_open_and_right_still_steps(qtbot, gui, tab, name):
    gui.deck.open_file(course_deck_path())
    widget = focus_widget(qtbot, gui, tab, name)
    _press(qtbot, widget, Qt.Key.Key_PageDown)
    assert gui.deck.index == 1
    _press(qtbot, gui.window.focusWidget() or widget, Qt.Key.Key_PageDown)
    _press(qtbot, gui.window.focusWidget() or widget, Qt.Key.Key_PageUp)
    assert gui.deck.index == 1 and gui.descent.frame.step == 0
    gui.window.tabs.setCurrentIndex(0)
    plot = focus_widget(qtbot, gui, 0, "contourPlot")
    _press(qtbot, plot, Qt.Key.Key_Right)
    assert gui.descent.frame.step == 1 and gui.deck.index == 1
    gui.deck.close()
    _press(qtbot, plot, Qt.Key.Key_PageDown)
    assert gui.descent.frame.step == 2 and gui.deck.index == 1


def _active_bindings(window, key: QKeySequence, tab: int) -> int:
    """Enabled shortcuts and actions on ``key`` that Qt would consider with the given tab shown."""
    window.tabs.setCurrentIndex(tab)
    count = 0
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.isEnabled() and key in shortcut.keys() and parent.isVisible():
            count += 1
    for action in window.findChildren(QAction):
        if action.isEnabled() and key in action.shortcuts():
            count += 1
    return count


@pytest.mark.parametrize("deck_open", [False, True])
def test_no_key_is_bound_twice_on_either_tab(gui, deck_open):
    if deck_open:
        gui.deck.open_file(course_deck_path())
    keys = {key.strip() for _, entries in KEY_GROUPS for text, _ in entries
            for key in text.replace(" / ", ", ").split(", ")}
    sequences = [QKeySequence(k.replace("Page Down", "PgDown").replace("Page Up", "PgUp")) for k in keys]
    for tab in (0, 1):
        for sequence in sequences:
            assert _active_bindings(gui.window, sequence, tab) <= 1, (sequence.toString(), tab)
